// Tests of exec/row_operations: the sort is stable (ties keep input order),
// a top-N keeps exactly the first LIMIT rows of the stable order, and sorting
// runs separately then merging them (what the executor does per morsel) gives
// the same rows in the same order as one sort of everything.
#include "exec/row_operations.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace ctq {
namespace {

// Rows of (key, position): few distinct keys, so there are many ties, and
// some NULL keys.
Rows RandomRows(std::mt19937* rng, size_t n) {
  Rows rows;
  for (size_t i = 0; i < n; i++) {
    int key = static_cast<int>((*rng)() % 6);
    rows.push_back({key == 5 ? Value::Null(TypeId::kBigint) : Value::Bigint(key),
                    Value::Bigint(static_cast<int64_t>(i))});
  }
  return rows;
}

std::vector<int64_t> Positions(const Rows& rows) {
  std::vector<int64_t> out;
  for (const auto& row : rows) out.push_back(row[1].bigint());
  return out;
}

// The reference: std::stable_sort by the key alone.
Rows Reference(Rows rows, const SortKey& key, std::optional<int64_t> limit) {
  std::stable_sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) {
    return SortCompare(key, a[0], b[0]) < 0;
  });
  if (limit.has_value() && static_cast<size_t>(*limit) < rows.size()) rows.resize(*limit);
  return rows;
}

std::vector<SortKey> Keys() {
  std::vector<SortKey> keys;
  for (bool descending : {false, true}) {
    for (bool nulls_first : {false, true}) keys.push_back({0, descending, nulls_first});
  }
  return keys;
}

TEST(SortRowsTest, TiesKeepInputOrderWithAndWithoutLimit) {
  std::mt19937 rng(7);
  for (int round = 0; round < 200; round++) {
    const size_t n = rng() % 40;
    Rows rows = RandomRows(&rng, n);
    for (const SortKey& key : Keys()) {
      for (std::optional<int64_t> limit : {std::optional<int64_t>(), std::optional<int64_t>(0),
                                           std::optional<int64_t>(1), std::optional<int64_t>(3),
                                           std::optional<int64_t>(n + 2)}) {
        Rows sorted = rows;
        SortRows({key}, limit, &sorted);
        EXPECT_EQ(Positions(sorted), Positions(Reference(rows, key, limit)))
            << "round " << round << " desc " << key.descending << " nulls_first "
            << key.nulls_first << " limit " << (limit ? *limit : -1);
      }
    }
  }
}

TEST(SortRowsTest, SortedRunsMergeIntoTheSortOfAllRows) {
  std::mt19937 rng(11);
  for (int round = 0; round < 200; round++) {
    const size_t n = rng() % 60;
    Rows rows = RandomRows(&rng, n);
    for (const SortKey& key : Keys()) {
      for (std::optional<int64_t> limit :
           {std::optional<int64_t>(), std::optional<int64_t>(1), std::optional<int64_t>(4)}) {
        // Split into runs of random sizes (some empty), in order.
        std::vector<Rows> runs;
        size_t at = 0;
        while (at < n || runs.size() < 2) {
          size_t size = std::min<size_t>(n - at, rng() % 9);
          runs.emplace_back(rows.begin() + at, rows.begin() + at + size);
          SortRows({key}, limit, &runs.back());
          at += size;
        }
        Rows merged;
        MergeSortedRuns({key}, &runs, &merged);
        if (limit.has_value() && static_cast<size_t>(*limit) < merged.size()) {
          merged.resize(*limit);
        }
        EXPECT_EQ(Positions(merged), Positions(Reference(rows, key, limit)))
            << "round " << round << " runs " << runs.size();
      }
    }
  }
}

// An aggregate's groups come in an order that depends on the threads: with
// a tiebreak over the row, any order of the same rows sorts the same.
TEST(SortRowsTest, TiebreakMakesTheOrderOfTiesIndependentOfTheInput) {
  std::mt19937 rng(3);
  for (int round = 0; round < 100; round++) {
    Rows rows;
    for (int i = 0; i < 30; i++) {
      int count = static_cast<int>(rng() % 4);
      int name = static_cast<int>(rng() % 5);
      rows.push_back({Value::Bigint(count),
                      name == 4 ? Value::Null(TypeId::kVarchar)
                                : Value::Varchar(std::string(1, static_cast<char>('a' + name)))});
    }
    const std::vector<SortKey> keys = {{0, true, false}};  // count DESC
    for (std::optional<int64_t> limit : {std::optional<int64_t>(), std::optional<int64_t>(7)}) {
      Rows first = rows;
      SortRows(keys, limit, &first, 2);
      Rows shuffled = rows;
      std::shuffle(shuffled.begin(), shuffled.end(), rng);
      SortRows(keys, limit, &shuffled, 2);
      ASSERT_EQ(first.size(), shuffled.size());
      for (size_t r = 0; r < first.size(); r++) {
        EXPECT_EQ(first[r][0].ToString(), shuffled[r][0].ToString()) << "round " << round;
        EXPECT_EQ(first[r][1].ToString(), shuffled[r][1].ToString()) << "round " << round;
      }
    }
  }
}

TEST(SortRowsTest, MergeOfNoRunsIsEmpty) {
  std::vector<Rows> runs;
  Rows merged = {{Value::Bigint(1)}};
  MergeSortedRuns({SortKey{}}, &runs, &merged);
  EXPECT_TRUE(merged.empty());
}

}  // namespace
}  // namespace ctq
