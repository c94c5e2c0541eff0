#include "exec/worker_pool.h"

#include <system_error>

namespace ctq {

WorkerPool::WorkerPool(int threads) {
  for (int i = 1; i < threads; i++) {
    try {
      threads_.emplace_back([this, i] { Loop(i); });
    } catch (const std::system_error&) {
      break;  // out of threads: the pool is smaller, queries still run
    }
  }
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (std::thread& thread : threads_) thread.join();
}

void WorkerPool::Loop(int index) {
  uint64_t seen = 0;
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    wake_.wait(lock, [&] { return stop_ || job_ != seen; });
    if (stop_) return;
    seen = job_;
    if (index >= workers_) continue;  // this job needs fewer workers
    const std::function<void(int)>* work = work_;
    lock.unlock();
    (*work)(index);
    lock.lock();
    if (--running_ == 0) done_.notify_all();
  }
}

void WorkerPool::Run(int workers, const std::function<void(int)>& work) {
  std::unique_lock<std::mutex> pool(run_mutex_, std::try_to_lock);
  if (!pool.owns_lock() || workers > size()) {
    // Busy with another query (or asked for more than it has): threads of
    // our own, as before the pool.
    std::vector<std::thread> own;
    for (int i = 1; i < workers; i++) own.emplace_back([&work, i] { work(i); });
    work(0);
    for (std::thread& thread : own) thread.join();
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    work_ = &work;
    workers_ = workers;
    running_ = workers - 1;
    job_++;
  }
  if (workers > 1) wake_.notify_all();
  work(0);
  std::unique_lock<std::mutex> lock(mutex_);
  done_.wait(lock, [&] { return running_ == 0; });
  work_ = nullptr;
}

}  // namespace ctq
