// The operators that run after the parallel scan side, on materialised rows:
// DISTINCT, ORDER BY (a full sort, or a top-N when LIMIT is known) and LIMIT.
// They see at most the result of an aggregate or the rows a query returns.
#pragma once

#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "ctq/value.h"
#include "exec/memory_budget.h"
#include "exec/physical_plan.h"

namespace ctq {

using Rows = std::vector<std::vector<Value>>;

// About what one row holds in memory: its array of values and the heap
// blocks of its long strings (those past std::string's inline buffer).
inline uint64_t RowMemoryBytes(const std::vector<Value>& row) {
  uint64_t bytes = sizeof(std::vector<Value>) + row.capacity() * sizeof(Value);
  for (const Value& value : row) {
    if (value.type() == TypeId::kVarchar && value.varchar().capacity() > 15) {
      bytes += value.varchar().capacity() + 1;
    }
  }
  return bytes;
}

// Keeps the first occurrence of each distinct row over columns [0, width).
// The set of rows seen is charged to `memory` (null: not counted); past the
// budget, ResourceExhausted and `rows` as they were.
absl::Status DistinctRows(size_t width, Rows* rows, MemoryReservation* memory = nullptr);

// Sorts by `keys` (stable, NULLS as each key says); with `limit`, keeps only
// the first `limit` rows of that stable order. Rows that tie on the keys are
// then ordered by their columns [0, tiebreak_width) (ascending, NULLs first):
// an aggregate's groups arrive in an order that depends on the threads, and
// this keeps the answer the same.
void SortRows(const std::vector<SortKey>& keys, std::optional<int64_t> limit, Rows* rows,
              size_t tiebreak_width = 0);

// Merges runs each sorted by SortRows into `out`: the stable sort of their
// concatenation in `runs` order (so sorting per morsel, then merging, gives
// what one sort of all rows gives). Empties `runs`.
void MergeSortedRuns(const std::vector<SortKey>& keys, std::vector<Rows>* runs, Rows* out);

// Orders two values of one type under one sort key, NULLs placed per the key:
// negative when `a` sorts first, zero when they tie, positive otherwise.
int SortCompare(const SortKey& key, const Value& a, const Value& b);

}  // namespace ctq
