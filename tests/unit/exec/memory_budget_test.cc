// MemoryBudget and MemoryReservation: reserving past the limit fails with
// ResourceExhausted naming the consumer, reservations grow in blocks and give
// everything back when destroyed, and concurrent reservers never lose count.
#include "exec/memory_budget.h"

#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace ctq {
namespace {

constexpr uint64_t kMiB = uint64_t{1} << 20;

TEST(MemoryBudgetTest, ReservesUpToTheLimitAndNoMore) {
  MemoryBudget budget(10 * kMiB);
  EXPECT_TRUE(budget.Reserve(6 * kMiB, [] { return "a"; }).ok());
  EXPECT_TRUE(budget.Reserve(4 * kMiB, [] { return "b"; }).ok());
  absl::Status status = budget.Reserve(1, [] { return "hash aggregation: 3 groups"; });
  EXPECT_TRUE(absl::IsResourceExhausted(status)) << status;
  EXPECT_EQ(status.message(),
            "query needs more than the memory limit of 10.0 MB (hash aggregation: 3 groups); "
            "raise --memory-limit");
  EXPECT_EQ(budget.used(), 10 * kMiB);  // the failed reservation took nothing
  budget.Release(10 * kMiB);
  EXPECT_EQ(budget.used(), 0u);
  // More than the whole limit at once does not overflow the check.
  EXPECT_FALSE(budget.Reserve(~uint64_t{0}, [] { return "x"; }).ok());
  EXPECT_EQ(budget.used(), 0u);
}

TEST(MemoryBudgetTest, DescribesTheConsumerOnlyOnFailure) {
  MemoryBudget budget(kMiB);
  int calls = 0;
  auto what = [&] {
    calls++;
    return std::string("x");
  };
  EXPECT_TRUE(budget.Reserve(100, what).ok());
  EXPECT_EQ(calls, 0);
  EXPECT_FALSE(budget.Reserve(kMiB, what).ok());
  EXPECT_EQ(calls, 1);
}

TEST(MemoryReservationTest, GrowsInBlocksAndGivesBackWhenDestroyed) {
  MemoryBudget budget(64 * kMiB);
  {
    MemoryReservation reservation(&budget);
    ASSERT_TRUE(reservation.Add(100, [] { return "rows"; }).ok());
    EXPECT_EQ(reservation.held(), 100u);
    EXPECT_EQ(reservation.reserved(), kMiB);  // one block
    EXPECT_EQ(budget.used(), kMiB);
    ASSERT_TRUE(reservation.Add(100, [] { return "rows"; }).ok());
    EXPECT_EQ(budget.used(), kMiB);  // within the block: the budget is not touched
    ASSERT_TRUE(reservation.Grow(kMiB + 1, [] { return "rows"; }).ok());
    EXPECT_EQ(reservation.reserved(), 2 * kMiB);
    reservation.Subtract(150);
    EXPECT_EQ(reservation.held(), 50u);
    EXPECT_EQ(reservation.reserved(), 50u);
    EXPECT_EQ(budget.used(), 50u);
  }
  EXPECT_EQ(budget.used(), 0u);
}

TEST(MemoryReservationTest, TheLastBlockMayBePartial) {
  MemoryBudget budget(kMiB + kMiB / 2);
  MemoryReservation reservation(&budget);
  // A whole second block does not fit, the exact amount does.
  ASSERT_TRUE(reservation.Grow(kMiB + 10, [] { return "x"; }).ok());
  EXPECT_EQ(reservation.reserved(), kMiB + 10);
  absl::Status status = reservation.Grow(2 * kMiB, [] { return "sort: 7 rows"; });
  EXPECT_TRUE(absl::IsResourceExhausted(status));
  EXPECT_TRUE(absl::StrContains(status.message(), "(sort: 7 rows)")) << status;
  EXPECT_EQ(reservation.reserved(), kMiB + 10);
}

TEST(MemoryReservationTest, AbsorbMovesWhatIsHeld) {
  MemoryBudget budget(64 * kMiB);
  MemoryReservation a(&budget);
  {
    MemoryReservation b(&budget);
    ASSERT_TRUE(b.Add(3 * kMiB, [] { return "x"; }).ok());
    a.Absorb(&b);
    EXPECT_EQ(b.reserved(), 0u);
  }
  EXPECT_EQ(a.held(), 3 * kMiB);
  EXPECT_EQ(budget.used(), a.reserved());
}

TEST(MemoryReservationTest, WithoutABudgetNothingIsCounted) {
  MemoryReservation reservation(nullptr);
  EXPECT_TRUE(reservation.Add(~uint64_t{0} / 2, [] { return "x"; }).ok());
  EXPECT_EQ(reservation.reserved(), 0u);
}

TEST(MemoryBudgetTest, ConcurrentReservationsKeepTheCount) {
  MemoryBudget budget(uint64_t{1} << 40);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; t++) {
    threads.emplace_back([&budget] {
      for (int i = 0; i < 1000; i++) {
        MemoryReservation reservation(&budget);
        ASSERT_TRUE(reservation.Grow((i + 1) * kMiB, [] { return "x"; }).ok());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(budget.used(), 0u);
}

TEST(MemoryBudgetTest, FormatsSizesAndCounts) {
  EXPECT_EQ(FormatMemorySize(512), "512 bytes");
  EXPECT_EQ(FormatMemorySize(512 * kMiB), "512.0 MB");
  EXPECT_EQ(FormatMemorySize(uint64_t{4} << 30), "4.0 GB");
  EXPECT_EQ(FormatMemorySize(3 * kMiB / 2), "1.5 MB");
  EXPECT_EQ(FormatCount(93000000), "93,000,000");
  EXPECT_EQ(FormatCount(999), "999");
  EXPECT_EQ(FormatCount(1000), "1,000");
  EXPECT_GT(AvailableMemoryBytes(), 0u);
}

TEST(MemoryBudgetTest, AllocationFailureIsResourceExhausted) {
  MemoryBudget budget(kMiB);
  absl::Status status = AllocationFailedError(&budget);
  EXPECT_TRUE(absl::IsResourceExhausted(status));
  EXPECT_TRUE(absl::StrContains(status.message(), "ran out of memory")) << status;
}

}  // namespace
}  // namespace ctq
