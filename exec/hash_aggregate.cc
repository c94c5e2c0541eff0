#include "exec/hash_aggregate.h"

#include "ctq/internal/status_macros.h"
#include "exec/vector/vector_value.h"

namespace ctq {

uint32_t HashAggregateState::FindOrAddGroup(const std::string& key_bytes,
                                            std::vector<Value> key_values) {
  auto [it, inserted] = index_.try_emplace(key_bytes, static_cast<uint32_t>(keys_.size()));
  if (inserted) {
    keys_.push_back(std::move(key_values));
    states_.emplace_back(plan_->aggregates.size());
  }
  return it->second;
}

absl::Status HashAggregateState::Sink(const Chunk& chunk, ExpressionEvaluator* evaluator) {
  const PhysicalPlan& plan = *plan_;
  std::vector<Vector> keys(plan.group_keys.size());
  for (size_t k = 0; k < keys.size(); k++) {
    CTQ_RETURN_IF_ERROR(evaluator->Evaluate(*plan.group_keys[k], chunk, &keys[k]));
  }
  std::vector<Vector> arguments(plan.aggregates.size());
  for (size_t a = 0; a < arguments.size(); a++) {
    if (plan.aggregates[a].argument != nullptr) {
      CTQ_RETURN_IF_ERROR(evaluator->Evaluate(*plan.aggregates[a].argument, chunk, &arguments[a]));
    }
  }
  std::string key_bytes;
  for (uint32_t row = 0; row < chunk.size; row++) {
    key_bytes.clear();
    for (const Vector& key : keys) AppendKey(key, row, &key_bytes);
    uint32_t group;
    auto found = index_.find(key_bytes);
    if (found != index_.end()) {
      group = found->second;
    } else {
      std::vector<Value> values;
      values.reserve(keys.size());
      for (const Vector& key : keys) values.push_back(GetValue(key, row));
      group = FindOrAddGroup(key_bytes, std::move(values));
    }
    std::vector<AggregateState>& states = states_[group];
    for (size_t a = 0; a < arguments.size(); a++) {
      const Vector* input = plan.aggregates[a].argument != nullptr ? &arguments[a] : nullptr;
      CTQ_RETURN_IF_ERROR(UpdateAggregate(plan.aggregates[a], input, row, &states[a]));
    }
  }
  return absl::OkStatus();
}

absl::Status HashAggregateState::Combine(HashAggregateState* other) {
  std::string key_bytes;
  for (size_t g = 0; g < other->keys_.size(); g++) {
    key_bytes.clear();
    for (const Value& value : other->keys_[g]) AppendKey(value, &key_bytes);
    uint32_t group = FindOrAddGroup(key_bytes, other->keys_[g]);
    for (size_t a = 0; a < plan_->aggregates.size(); a++) {
      CTQ_RETURN_IF_ERROR(
          MergeAggregate(plan_->aggregates[a], &other->states_[g][a], &states_[group][a]));
    }
  }
  return absl::OkStatus();
}

std::vector<std::vector<Value>> HashAggregateState::Finalize() const {
  std::vector<std::vector<Value>> rows;
  const PhysicalPlan& plan = *plan_;
  if (keys_.empty() && plan.group_keys.empty()) {
    std::vector<Value> row;
    AggregateState empty;
    for (const AggregateSpec& spec : plan.aggregates) row.push_back(FinishAggregate(spec, empty));
    rows.push_back(std::move(row));
    return rows;
  }
  rows.reserve(keys_.size());
  for (size_t g = 0; g < keys_.size(); g++) {
    std::vector<Value> row = keys_[g];
    for (size_t a = 0; a < plan.aggregates.size(); a++) {
      row.push_back(FinishAggregate(plan.aggregates[a], states_[g][a]));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace ctq
