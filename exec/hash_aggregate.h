// HashAggregateState: GROUP BY with a hash table, one per worker thread.
// Workers Sink() chunks into their own state; the states are then merged with
// Combine() on one thread and turned into rows by Finalize().
#pragma once

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "exec/expression_evaluator.h"
#include "exec/physical_plan.h"

namespace ctq {

class HashAggregateState {
 public:
  explicit HashAggregateState(const PhysicalPlan& plan) : plan_(&plan) {}

  // Groups the rows of `chunk` (a filtered scan chunk).
  absl::Status Sink(const Chunk& chunk, ExpressionEvaluator* evaluator);
  // Moves every group of `other` into this state.
  absl::Status Combine(HashAggregateState* other);
  // One row per group: key values, then aggregate results. Without GROUP BY,
  // exactly one row even over no input (Trino: count(*) of nothing is 0).
  std::vector<std::vector<Value>> Finalize() const;

  size_t group_count() const { return keys_.size(); }

 private:
  uint32_t FindOrAddGroup(const std::string& key_bytes, std::vector<Value> key_values);

  const PhysicalPlan* plan_;
  absl::flat_hash_map<std::string, uint32_t> index_;
  std::vector<std::vector<Value>> keys_;
  std::vector<std::vector<AggregateState>> states_;
};

}  // namespace ctq
