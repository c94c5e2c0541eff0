#include "exec/hash_aggregate.h"

#include <algorithm>

#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
#include "exec/vector/vector_value.h"

namespace ctq {

template <typename AppendValues>
uint32_t HashAggregateState::FindOrAddGroup(std::string_view key_bytes,
                                            AppendValues append_values) {
  auto found = index_.find(key_bytes);
  if (found != index_.end()) return found->second;
  const uint32_t group = static_cast<uint32_t>(group_count_++);
  const std::string_view stored = key_arena_.Add(key_bytes);
  index_.emplace(stored, group);
  key_bytes_of_.push_back(stored);
  // High bits of the hash (the table uses the low ones), for partitioning.
  partition_hash_of_.push_back(static_cast<uint32_t>(StringViewHash()(stored) >> 32));
  const size_t first_key = keys_.size();
  append_values(&keys_);
  for (size_t k = first_key; k < keys_.size(); k++) {
    const Value& key = keys_[k];
    if (!key.is_null() && key.type() == TypeId::kVarchar && key.varchar().capacity() > 15) {
      key_heap_bytes_ += key.varchar().capacity() + 1;
    }
  }
  states_.resize(states_.size() + plan_->aggregates.size());
  return group;
}

uint32_t HashAggregateState::FindGroupOfRow(const std::vector<Vector>& keys, uint32_t row) {
  key_bytes_.clear();
  for (const Vector& key : keys) AppendKey(key, row, &key_bytes_);
  return FindOrAddGroup(key_bytes_, [&](std::vector<Value>* values) {
    for (const Vector& key : keys) values->push_back(GetValue(key, row));
  });
}

namespace {
// Ids of up to three keys are packed into 64 bits, 21 bits each.
constexpr size_t kMaxIdKeys = 3;
constexpr int kIdBits = 21;
constexpr uint32_t kMaxKeyId = (uint32_t{1} << kIdBits) - 1;
}  // namespace

uint32_t HashAggregateState::KeyIds::IdOf(std::string_view value) {
  auto found = ids.find(value);
  if (found != ids.end()) return found->second;
  const uint32_t id = static_cast<uint32_t>(ids.size() + 1);
  ids.emplace(arena.Add(value), id);
  return id;
}

bool HashAggregateState::FindGroupsByIds(const std::vector<Vector>& keys, uint32_t count) {
  if (keys.empty() || keys.size() > kMaxIdKeys) return false;
  for (const Vector& key : keys) {
    if (key.type() != TypeId::kVarchar) return false;
  }
  while (key_ids_.size() < keys.size()) key_ids_.push_back(std::make_unique<KeyIds>());
  row_ids_.resize(keys.size());
  for (size_t k = 0; k < keys.size(); k++) {
    const Vector& key = keys[k];
    KeyIds& key_ids = *key_ids_[k];
    if (key_ids.ids.size() + count > kMaxKeyId) return false;
    std::vector<uint32_t>& ids = row_ids_[k];
    ids.resize(count);
    if (const Vector::Dictionary* dictionary = key.dictionary()) {
      if (key_ids.dictionary_id != dictionary->id) {
        // A new row group's dictionary: its entries are looked up once.
        if (key_ids.ids.size() + dictionary->size > kMaxKeyId) return false;
        key_ids.dictionary_id = dictionary->id;
        key_ids.by_code.resize(uint64_t{dictionary->size} + 1);
        key_ids.by_code[0] = 0;
        for (uint32_t code = 1; code <= dictionary->size; code++) {
          key_ids.by_code[code] = key_ids.IdOf(dictionary->entry(code));
        }
      }
      for (uint32_t row = 0; row < count; row++) ids[row] = key_ids.by_code[key.codes()[row]];
    } else {
      for (uint32_t row = 0; row < count; row++) {
        ids[row] = key.IsNull(row) ? 0 : key_ids.IdOf(key.strings()[row]);
      }
    }
  }
  for (uint32_t row = 0; row < count; row++) {
    uint64_t packed = 0;
    for (size_t k = 0; k < keys.size(); k++) {
      packed |= uint64_t{row_ids_[k][row]} << (kIdBits * k);
    }
    auto [it, inserted] = id_groups_.try_emplace(packed, 0);
    if (inserted) it->second = FindGroupOfRow(keys, row);
    group_ids_[row] = it->second;
  }
  return true;
}

absl::Status HashAggregateState::Sink(const Chunk& chunk, ExpressionEvaluator* evaluator) {
  const PhysicalPlan& plan = *plan_;
  std::vector<Vector>& keys = key_vectors_;
  keys.resize(plan.group_keys.size());
  for (size_t k = 0; k < keys.size(); k++) {
    CTQ_RETURN_IF_ERROR(evaluator->Evaluate(*plan.group_keys[k], chunk, &keys[k]));
  }
  std::vector<Vector>& arguments = argument_vectors_;
  std::vector<Vector>& seconds = second_argument_vectors_;
  arguments.resize(plan.aggregates.size());
  seconds.resize(plan.aggregates.size());
  for (size_t a = 0; a < arguments.size(); a++) {
    const AggregateSpec& spec = plan.aggregates[a];
    if (spec.argument != nullptr) {
      CTQ_RETURN_IF_ERROR(evaluator->Evaluate(*spec.argument, chunk, &arguments[a]));
    }
    if (spec.second_argument != nullptr) {
      CTQ_RETURN_IF_ERROR(evaluator->Evaluate(*spec.second_argument, chunk, &seconds[a]));
    }
  }
  group_ids_.resize(chunk.size);
  if (keys.empty()) {
    const uint32_t group = FindGroupOfRow(keys, 0);
    std::fill(group_ids_.begin(), group_ids_.end(), group);
  } else if (!FindGroupsByIds(keys, chunk.size)) {
    for (uint32_t row = 0; row < chunk.size; row++) group_ids_[row] = FindGroupOfRow(keys, row);
  }
  const size_t width = plan.aggregates.size();
  for (size_t a = 0; a < width; a++) {
    AggregateState* states = states_.data() + a;
    if (plan.aggregates[a].kind == AggregateKind::kCountStar) {
      for (uint32_t row = 0; row < chunk.size; row++) states[group_ids_[row] * width].count++;
      continue;
    }
    const Vector* input = plan.aggregates[a].argument != nullptr ? &arguments[a] : nullptr;
    const Vector* second = plan.aggregates[a].second_argument != nullptr ? &seconds[a] : nullptr;
    for (uint32_t row = 0; row < chunk.size; row++) {
      CTQ_RETURN_IF_ERROR(UpdateAggregate(plan.aggregates[a], input, second, row,
                                          &states[group_ids_[row] * width], &distinct_bytes_));
    }
  }
  // Let go of the row group the vectors point into (the scan reuses it).
  for (Vector& key : keys) key = Vector();
  for (Vector& argument : arguments) argument = Vector();
  for (Vector& argument : seconds) argument = Vector();
  return ChargeMemory();
}

absl::Status HashAggregateState::ChargeMemory() {
  if (memory_.budget() == nullptr) return absl::OkStatus();
  // Slots of the open-addressing maps hold the entry and one control byte.
  uint64_t bytes = index_.capacity() * (sizeof(std::string_view) + sizeof(uint32_t) + 1) +
                   key_arena_.allocated_bytes() +
                   key_bytes_of_.capacity() * sizeof(std::string_view) +
                   partition_hash_of_.capacity() * sizeof(uint32_t) +
                   keys_.capacity() * sizeof(Value) + key_heap_bytes_ +
                   states_.capacity() * sizeof(AggregateState) + distinct_bytes_ +
                   id_groups_.capacity() * (2 * sizeof(uint64_t) + 1);
  for (const auto& key_ids : key_ids_) {
    bytes += key_ids->arena.allocated_bytes() +
             key_ids->ids.capacity() * (sizeof(std::string_view) + sizeof(uint32_t) + 1) +
             key_ids->by_code.capacity() * sizeof(uint32_t);
  }
  return memory_.Grow(bytes, [&] {
    std::string what = StrCat("hash aggregation: ", FormatCount(group_count_),
                              group_count_ == 1 ? " group" : " groups");
    if (distinct_bytes_ > 0) {
      StrAppend(&what, ", ", FormatMemorySize(distinct_bytes_), " of count(DISTINCT) values");
    }
    return what;
  });
}

absl::Status HashAggregateState::MergeGroup(HashAggregateState* other, size_t g) {
  const size_t key_count = plan_->group_keys.size();
  const size_t width = plan_->aggregates.size();
  Value* values = other->keys_.data() + g * key_count;
  // By the other state's own key bytes: nothing is encoded again.
  uint32_t group = FindOrAddGroup(other->key_bytes_of_[g], [&](std::vector<Value>* keys) {
    for (size_t k = 0; k < key_count; k++) keys->push_back(std::move(values[k]));
  });
  for (size_t a = 0; a < width; a++) {
    CTQ_RETURN_IF_ERROR(MergeAggregate(plan_->aggregates[a], &other->states_[g * width + a],
                                       &states_[group * width + a], &distinct_bytes_));
  }
  // Charged per block of groups merged, as Sink charges per chunk.
  if ((g & (kVectorSize - 1)) == kVectorSize - 1) return ChargeMemory();
  return absl::OkStatus();
}

absl::Status HashAggregateState::Combine(HashAggregateState* other) {
  // In group order: the other state's arrays are read front to back.
  for (size_t g = 0; g < other->group_count_; g++) CTQ_RETURN_IF_ERROR(MergeGroup(other, g));
  return ChargeMemory();
}

absl::Status HashAggregateState::CombinePartition(const std::vector<HashAggregateState*>& states,
                                                  uint32_t partition, uint32_t partitions) {
  size_t largest = 0;
  for (const HashAggregateState* other : states) largest = std::max(largest, other->group_count_);
  index_.reserve(largest / partitions);
  for (HashAggregateState* other : states) {
    for (size_t g = 0; g < other->group_count_; g++) {
      if (other->partition_hash_of_[g] % partitions != partition) continue;
      CTQ_RETURN_IF_ERROR(MergeGroup(other, g));
    }
  }
  return ChargeMemory();
}

absl::StatusOr<std::vector<std::vector<Value>>> HashAggregateState::Finalize(
    MemoryReservation* rows_memory) {
  std::vector<std::vector<Value>> rows;
  const PhysicalPlan& plan = *plan_;
  if (rows_memory != nullptr) {
    // The rows' arrays, and the long keys' heap blocks, which move into them.
    const uint64_t columns = plan.group_keys.size() + plan.aggregates.size();
    const uint64_t row_bytes = sizeof(std::vector<Value>) + columns * sizeof(Value);
    CTQ_RETURN_IF_ERROR(rows_memory->Add(group_count_ * row_bytes + key_heap_bytes_, [&] {
      return StrCat("the result of hash aggregation: ", FormatCount(group_count_),
                          " groups");
    }));
  }
  if (group_count_ == 0 && plan.group_keys.empty()) {
    std::vector<Value> row;
    AggregateState empty;
    for (const AggregateSpec& spec : plan.aggregates) row.push_back(FinishAggregate(spec, empty));
    rows.push_back(std::move(row));
    return rows;
  }
  const size_t key_count = plan.group_keys.size();
  const size_t width = plan.aggregates.size();
  rows.reserve(group_count_);
  for (size_t g = 0; g < group_count_; g++) {
    std::vector<Value> row;
    row.reserve(key_count + width);
    for (size_t k = 0; k < key_count; k++) row.push_back(std::move(keys_[g * key_count + k]));
    for (size_t a = 0; a < width; a++) {
      row.push_back(FinishAggregate(plan.aggregates[a], states_[g * width + a]));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace ctq
