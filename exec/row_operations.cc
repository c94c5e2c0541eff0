#include "exec/row_operations.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "ctq/internal/strings.h"
#include "exec/aggregate_function.h"
#include "exec/vector/vector_value.h"

namespace ctq {

absl::Status DistinctRows(size_t width, Rows* rows, MemoryReservation* memory) {
  absl::flat_hash_set<std::string> seen;
  // Positions of the rows kept, so that an error leaves `rows` untouched.
  std::vector<uint32_t> kept;
  std::string key;
  uint64_t key_bytes = 0;
  for (size_t r = 0; r < rows->size(); r++) {
    const std::vector<Value>& row = (*rows)[r];
    key.clear();
    for (size_t c = 0; c < width; c++) AppendKey(row[c], &key);
    if (!seen.insert(key).second) continue;
    kept.push_back(static_cast<uint32_t>(r));
    key_bytes += key.size() > 15 ? key.size() + 1 : 0;
    // Charged once a vector's worth of rows, not per row.
    if (memory != nullptr && (r & 2047) == 2047) {
      const uint64_t bytes = seen.capacity() * (sizeof(std::string) + 1) + key_bytes +
                             kept.capacity() * sizeof(uint32_t);
      absl::Status status = memory->Grow(bytes, [&] {
        return StrCat("DISTINCT: ", FormatCount(seen.size()), " distinct rows");
      });
      if (!status.ok()) return status;
    }
  }
  if (kept.size() == rows->size()) return absl::OkStatus();
  Rows out;
  out.reserve(kept.size());
  for (uint32_t r : kept) out.push_back(std::move((*rows)[r]));
  *rows = std::move(out);
  return absl::OkStatus();
}

int SortCompare(const SortKey& key, const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) {
    if (a.is_null() && b.is_null()) return 0;
    return a.is_null() == key.nulls_first ? -1 : 1;
  }
  const int order = CompareValues(a, b);
  return key.descending ? -order : order;
}

namespace {

// Row order under `keys`; rows that tie stay in input order (every caller
// sorts stably, so the answer does not depend on how the rows were split).
struct RowLess {
  const std::vector<SortKey>* keys;
  size_t tiebreak_width = 0;
  bool operator()(const std::vector<Value>& a, const std::vector<Value>& b) const {
    // One three-way comparison per key (a final ORDER BY over many groups
    // with tied counts spends its time here).
    for (const SortKey& key : *keys) {
      const int order = SortCompare(key, a[key.column], b[key.column]);
      if (order != 0) return order < 0;
    }
    // Ties: by the row's first columns, ascending, NULLs first.
    const SortKey ascending{0, false, true};
    for (size_t c = 0; c < tiebreak_width; c++) {
      const int order = SortCompare(ascending, a[c], b[c]);
      if (order != 0) return order < 0;
    }
    return false;
  }
};

}  // namespace

void SortRows(const std::vector<SortKey>& keys, std::optional<int64_t> limit, Rows* rows,
              size_t tiebreak_width) {
  RowLess less{&keys, tiebreak_width};
  if (limit.has_value() && static_cast<size_t>(*limit) < rows->size()) {
    // A stable top-N: positions break ties, so this keeps exactly the first
    // `limit` rows of a stable sort.
    std::vector<uint32_t> order(rows->size());
    for (uint32_t i = 0; i < order.size(); i++) order[i] = i;
    std::partial_sort(order.begin(), order.begin() + *limit, order.end(),
                      [&](uint32_t a, uint32_t b) {
                        if (less((*rows)[a], (*rows)[b])) return true;
                        if (less((*rows)[b], (*rows)[a])) return false;
                        return a < b;
                      });
    Rows top;
    top.reserve(*limit);
    for (int64_t i = 0; i < *limit; i++) top.push_back(std::move((*rows)[order[i]]));
    *rows = std::move(top);
  } else {
    std::stable_sort(rows->begin(), rows->end(), less);
  }
}

void MergeSortedRuns(const std::vector<SortKey>& keys, std::vector<Rows>* runs, Rows* out) {
  RowLess less{&keys};
  // Pairwise rounds of std::merge, which takes from the earlier run on ties:
  // the result is the stable sort of the runs' concatenation.
  std::vector<Rows> level = std::move(*runs);
  while (level.size() > 1) {
    std::vector<Rows> next;
    for (size_t i = 0; i + 1 < level.size(); i += 2) {
      Rows merged;
      merged.reserve(level[i].size() + level[i + 1].size());
      std::merge(std::make_move_iterator(level[i].begin()),
                 std::make_move_iterator(level[i].end()),
                 std::make_move_iterator(level[i + 1].begin()),
                 std::make_move_iterator(level[i + 1].end()), std::back_inserter(merged), less);
      next.push_back(std::move(merged));
    }
    if (level.size() % 2 == 1) next.push_back(std::move(level.back()));
    level = std::move(next);
  }
  *out = level.empty() ? Rows() : std::move(level[0]);
}

}  // namespace ctq
