// Aggregate functions (count, count(DISTINCT), min, max, sum, avg, count_if,
// bool_and/bool_or, arbitrary, array_agg, max_by/min_by, the variances and
// standard deviations, approx_percentile): their per-group state and how states update,
// merge and finish, with Trino's rules: count and count_if never NULL, the
// others NULL over no non-NULL input; sum of integer or bigint is bigint
// (overflow is an error), avg of them double; sum of decimal(p, s) is
// decimal(38, s), avg decimal(p, s); min and max skip NaN.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "ctq/value.h"
#include "exec/expression.h"
#include "exec/vector/vector.h"

namespace ctq {

struct AggregateSpec {
  AggregateKind kind = AggregateKind::kCountStar;
  Type result_type = TypeId::kBigint;
  // Over the scan chunk; null for count(*).
  std::unique_ptr<BoundExpr> argument;
  // max_by/min_by's y, array_agg's ORDER BY key; else null.
  std::unique_ptr<BoundExpr> second_argument;
  AggregateOptions options;
};

// One collected input of array_agg or approx_percentile: the ORDER BY key
// (NULL when there is none) and the value.
struct CollectedValue {
  Value key;
  Value value;
};

// The running state of one aggregate for one group. Not thread-safe: each
// thread owns its states until Merge.
// The parts of an aggregate's state that only some aggregates use, apart so
// that the common ones (count, sum, min/max) keep a small state per group:
// a hash aggregate holds one per group and aggregate, and resizes, merges and
// frees them all.
struct AggregateExtra {
  Value best_key;  // max_by/min_by: the y of `best`
  double mean = 0, m2 = 0;  // variances: Welford's running mean and sum of squares
  absl::flat_hash_set<std::string> distinct;  // count(DISTINCT)
  std::vector<CollectedValue> collected;      // array_agg, approx_percentile
};

struct AggregateState {
  int64_t count = 0;
  int64_t int_sum = 0;
  double double_sum = 0;
  __int128 decimal_sum = 0;  // sum and avg of decimals, unscaled
  Value best;  // min/max so far (NULL until the first value); max_by's x
  std::unique_ptr<AggregateExtra> extra;  // made by the first value that needs it
};

// Folds `input[row]` (and `second[row]`, for a spec with a second_argument)
// into `state` (input is null for count(*)). The bytes a count(DISTINCT)
// set or a collection grows by are added to `*grown_bytes` (when not null),
// so that the caller can charge them to the query's memory budget.
absl::Status UpdateAggregate(const AggregateSpec& spec, const Vector* input, const Vector* second,
                             uint32_t row, AggregateState* state,
                             uint64_t* grown_bytes = nullptr);
// Folds `other` into `state`; `grown_bytes` as for UpdateAggregate.
absl::Status MergeAggregate(const AggregateSpec& spec, AggregateState* other,
                            AggregateState* state, uint64_t* grown_bytes = nullptr);

// About what one entry of a count(DISTINCT) set of `key_size`-byte keys
// holds: the set's slot and control byte, and the key's heap block when it
// is too long for the string's inline buffer.
inline uint64_t DistinctEntryBytes(size_t key_size) {
  return sizeof(std::string) + 1 + (key_size > 15 ? key_size + 1 : 0);
}
// The aggregate's result.
Value FinishAggregate(const AggregateSpec& spec, const AggregateState& state);

// Orders two non-NULL values of one type (strings by bytes). Negative, zero
// or positive like memcmp.
int CompareValues(const Value& a, const Value& b);

}  // namespace ctq
