#include "exec/worker_pool.h"

#include <atomic>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace ctq {
namespace {

// Every index in [0, workers) runs exactly once per Run, whatever the pool size.
TEST(WorkerPoolTest, EachWorkerIndexRunsOncePerRun) {
  for (int size : {1, 2, 4}) {
    WorkerPool pool(size);
    EXPECT_EQ(pool.size(), size);
    for (int workers = 1; workers <= size + 2; workers++) {
      std::vector<std::atomic<int>> calls(workers);
      pool.Run(workers, [&](int index) { calls[index]++; });
      for (int i = 0; i < workers; i++) EXPECT_EQ(calls[i].load(), 1) << size << " " << workers;
    }
  }
}

// Index 0 is the caller; the others really run at the same time (a barrier
// that needs all of them would hang otherwise).
TEST(WorkerPoolTest, WorkersRunConcurrentlyAndTheCallerIsOne) {
  WorkerPool pool(4);
  std::atomic<int> arrived{0};
  std::thread::id caller = std::this_thread::get_id();
  std::thread::id ran_zero;
  pool.Run(4, [&](int index) {
    if (index == 0) ran_zero = std::this_thread::get_id();
    arrived++;
    while (arrived.load() < 4) std::this_thread::yield();
  });
  EXPECT_EQ(ran_zero, caller);
}

// Queries from several threads at once: one uses the pool, the others fall
// back to threads of their own; every run completes and none is lost.
TEST(WorkerPoolTest, ConcurrentRunsAllComplete) {
  WorkerPool pool(2);
  std::atomic<int> total{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; c++) {
    clients.emplace_back([&] {
      for (int r = 0; r < 200; r++) pool.Run(2, [&](int) { total++; });
    });
  }
  for (std::thread& client : clients) client.join();
  EXPECT_EQ(total.load(), 4 * 200 * 2);
}

}  // namespace
}  // namespace ctq
