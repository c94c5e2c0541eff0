// WorkerPool: a fixed set of threads that run the parallel part of each
// query (ARCHITECTURE.md section 2: a fixed worker pool). Threads are started
// once, so a query does not pay for creating them, and what each thread
// keeps warm (its malloc arena, its decode scratch buffers) stays warm from
// one query to the next.
//
// Thread-safety: Run may be called from any thread. One Run uses the pool at
// a time; a Run that finds the pool busy (another query is running on it)
// runs its work on threads of its own instead, so concurrent queries never
// wait for each other.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ctq {

class WorkerPool {
 public:
  // Starts `threads` - 1 threads: the caller of Run is always one worker.
  // REQUIRES: threads >= 1.
  explicit WorkerPool(int threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  int size() const { return static_cast<int>(threads_.size()) + 1; }

  // Runs work(0), ..., work(workers - 1) concurrently, work(0) on the calling
  // thread, and returns when all have returned. REQUIRES: 1 <= workers.
  void Run(int workers, const std::function<void(int)>& work);

 private:
  void Loop(int index);

  std::vector<std::thread> threads_;
  std::mutex run_mutex_;  // held by the Run using the pool
  std::mutex mutex_;      // guards the fields below
  std::condition_variable wake_;
  std::condition_variable done_;
  const std::function<void(int)>* work_ = nullptr;
  int workers_ = 0;       // of the current job, the caller included
  uint64_t job_ = 0;      // incremented per job
  int running_ = 0;       // pool threads still working on the current job
  bool stop_ = false;
};

}  // namespace ctq
