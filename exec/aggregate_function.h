// Aggregate functions (count, count(DISTINCT), min, max, sum, avg): their
// per-group state and how states update, merge and finish, with Trino's
// rules: count never NULL, the others NULL over no non-NULL input; sum of
// bigint is bigint (overflow is an error), avg is double.
#pragma once

#include <memory>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "ctq/value.h"
#include "exec/expression.h"
#include "exec/vector/vector.h"

namespace ctq {

struct AggregateSpec {
  AggregateKind kind = AggregateKind::kCountStar;
  TypeId result_type = TypeId::kBigint;
  // Over the scan chunk; null for count(*).
  std::unique_ptr<BoundExpr> argument;
};

// The running state of one aggregate for one group. Not thread-safe: each
// thread owns its states until Merge.
struct AggregateState {
  int64_t count = 0;
  int64_t int_sum = 0;
  double double_sum = 0;
  Value best;  // min/max so far (NULL until the first value)
  std::unique_ptr<absl::flat_hash_set<std::string>> distinct;
};

// Folds `input[row]` into `state` (input is null for count(*)).
absl::Status UpdateAggregate(const AggregateSpec& spec, const Vector* input, uint32_t row,
                             AggregateState* state);
// Folds `other` into `state`.
absl::Status MergeAggregate(const AggregateSpec& spec, AggregateState* other,
                            AggregateState* state);
// The aggregate's result.
Value FinishAggregate(const AggregateSpec& spec, const AggregateState& state);

// Orders two non-NULL values of one type (strings by bytes). Negative, zero
// or positive like memcmp.
int CompareValues(const Value& a, const Value& b);

}  // namespace ctq
