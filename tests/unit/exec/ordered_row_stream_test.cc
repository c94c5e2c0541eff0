// OrderedRowStream: rows from several workers reach the consumer in morsel
// order, whatever order the workers finish in, with the reorder window full
// most of the time; a LIMIT cuts in order and stops the run; a consumer's
// error stops it and reaches every caller.
#include "exec/ordered_row_stream.h"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace ctq {
namespace {

constexpr size_t kMorsels = 200;

// Row i of morsel m holds m * 1000 + i; morsel m has m % 7 * 3 rows (some
// none), sent in batches of up to 4.
int64_t RowsOf(size_t morsel) { return static_cast<int64_t>(morsel % 7 * 3); }

// Runs `threads` workers over the morsels, as the plan executor does:
// morsels handed out in order, each sent in batches, then finished.
absl::Status RunWorkers(OrderedRowStream& stream, std::atomic<bool>& stop, int threads,
                        MemoryBudget* budget) {
  std::atomic<size_t> next{0};
  std::vector<absl::Status> statuses(threads);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; t++) {
    workers.emplace_back([&, t] {
      MemoryReservation memory(budget);
      while (!stop.load()) {
        size_t morsel = next.fetch_add(1);
        if (morsel >= kMorsels) return;
        // Later morsels of odd workers are slow, so that others run ahead.
        if (t % 2 == 1) std::this_thread::yield();
        for (int64_t begin = 0; begin < RowsOf(morsel) && !stop.load(); begin += 4) {
          Rows batch;
          for (int64_t i = begin; i < std::min(begin + 4, RowsOf(morsel)); i++) {
            batch.push_back({Value::Bigint(static_cast<int64_t>(morsel) * 1000 + i)});
          }
          const uint64_t bytes = 100 * batch.size();
          absl::Status added = memory.Add(bytes, [] { return std::string("rows"); });
          if (added.ok()) added = stream.Add(morsel, std::move(batch), bytes, &memory);
          EXPECT_EQ(memory.held(), 0u);
          if (!added.ok()) {
            statuses[t] = added;
            stop = true;
            stream.WakeAll();
            return;
          }
        }
        absl::Status finished = stream.Finish(morsel);
        if (!finished.ok()) {
          statuses[t] = finished;
          return;
        }
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  for (const absl::Status& status : statuses) {
    if (!status.ok()) return status;
  }
  return stream.status();
}

std::vector<int64_t> Expected(int64_t limit) {
  std::vector<int64_t> rows;
  for (size_t m = 0; m < kMorsels; m++) {
    for (int64_t i = 0; i < RowsOf(m); i++) {
      if (static_cast<int64_t>(rows.size()) < limit) rows.push_back(static_cast<int64_t>(m) * 1000 + i);
    }
  }
  return rows;
}

TEST(OrderedRowStreamTest, RowsGoOutInMorselOrderWithATinyWindow) {
  for (int threads : {1, 2, 4, 8}) {
    for (uint64_t window : {uint64_t{1}, uint64_t{1000}, uint64_t{1} << 30}) {
      SCOPED_TRACE(testing::Message() << "threads=" << threads << " window=" << window);
      MemoryBudget budget(uint64_t{1} << 30);
      std::atomic<bool> stop{false};
      std::vector<int64_t> got;
      {
        OrderedRowStream stream(kMorsels, std::nullopt, window, &budget, &stop, [&](Rows rows) {
          EXPECT_FALSE(rows.empty());
          for (const auto& row : rows) got.push_back(row[0].bigint());
          return absl::OkStatus();
        });
        ASSERT_TRUE(RunWorkers(stream, stop, threads, &budget).ok());
      }
      EXPECT_EQ(got, Expected(1 << 30));
      EXPECT_FALSE(stop.load());
      // Everything held was given back.
      EXPECT_EQ(budget.used(), 0u);
    }
  }
}

TEST(OrderedRowStreamTest, ALimitCutsInOrderAndStops) {
  for (int threads : {1, 4}) {
    for (int64_t limit : {0, 1, 5, 100, 1000000}) {
      SCOPED_TRACE(testing::Message() << "threads=" << threads << " limit=" << limit);
      std::atomic<bool> stop{false};
      std::vector<int64_t> got;
      OrderedRowStream stream(kMorsels, limit, 1, nullptr, &stop, [&](Rows rows) {
        for (const auto& row : rows) got.push_back(row[0].bigint());
        return absl::OkStatus();
      });
      ASSERT_TRUE(RunWorkers(stream, stop, threads, nullptr).ok());
      EXPECT_EQ(got, Expected(limit));
      EXPECT_EQ(stop.load(), limit <= static_cast<int64_t>(Expected(1 << 30).size()));
    }
  }
}

TEST(OrderedRowStreamTest, AConsumersErrorStopsTheRun) {
  for (int threads : {1, 4}) {
    SCOPED_TRACE(testing::Message() << "threads=" << threads);
    MemoryBudget budget(uint64_t{1} << 30);
    std::atomic<bool> stop{false};
    int calls = 0;
    absl::Status status;
    {
      OrderedRowStream stream(kMorsels, std::nullopt, 1000, &budget, &stop, [&](Rows) {
        return ++calls == 3 ? absl::DataLossError("disk full") : absl::OkStatus();
      });
      status = RunWorkers(stream, stop, threads, &budget);
    }
    EXPECT_TRUE(absl::IsDataLoss(status)) << status;
    EXPECT_EQ(calls, 3);
    EXPECT_TRUE(stop.load());
    EXPECT_EQ(budget.used(), 0u);
  }
}

}  // namespace
}  // namespace ctq
