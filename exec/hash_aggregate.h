// HashAggregateState: GROUP BY with a hash table, one per worker thread.
// Workers Sink() chunks into their own state; the states are then merged with
// Combine() on one thread, or by partitions of the keys on several
// (CombinePartition), and turned into rows by Finalize().
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"
#include "absl/status/status.h"
#include "exec/expression_evaluator.h"
#include "exec/memory_budget.h"
#include "exec/physical_plan.h"

namespace ctq {

// Hashes std::string_view keys with Abseil's string hash: Debian's Abseil
// has its own absl::string_view, and for std::string_view its flat_hash_map
// falls back to std::hash (a byte-at-a-time murmur), several times slower on
// the long strings error messages are.
struct StringViewHash {
  size_t operator()(std::string_view s) const {
    return absl::Hash<absl::string_view>{}(absl::string_view(s.data(), s.size()));
  }
};

class HashAggregateState {
 public:
  // What the table holds is charged to `budget` (null: not counted), and a
  // Sink or Combine that would pass it fails with ResourceExhausted.
  explicit HashAggregateState(const PhysicalPlan& plan, MemoryBudget* budget = nullptr)
      : plan_(&plan), memory_(budget) {}

  // Groups the rows of `chunk` (a filtered scan chunk).
  absl::Status Sink(const Chunk& chunk, ExpressionEvaluator* evaluator);
  // Moves every group of `other` into this state.
  absl::Status Combine(HashAggregateState* other);
  // The parallel form of Combine: groups are split into `partitions` by a
  // hash of their keys; this (new, empty) state takes the groups of
  // partition `partition` from every state of `states`. Different partitions
  // may be combined at once on different threads (they touch disjoint
  // groups of `states`).
  absl::Status CombinePartition(const std::vector<HashAggregateState*>& states,
                                uint32_t partition, uint32_t partitions);
  // One row per group: key values, then aggregate results. Without GROUP BY,
  // exactly one row even over no input (Trino: count(*) of nothing is 0).
  // Moves the keys out: the state is spent afterwards. The rows are charged
  // to `rows_memory` (when not null) before they are built.
  absl::StatusOr<std::vector<std::vector<Value>>> Finalize(
      MemoryReservation* rows_memory = nullptr);

  size_t group_count() const { return group_count_; }

 private:
  // The group of `key_bytes`; a new group takes its key values from `values`
  // (called only then), which appends them to keys_.
  template <typename AppendValues>
  uint32_t FindOrAddGroup(std::string_view key_bytes, AppendValues append_values);
  // Moves group `g` of `other` into this state.
  absl::Status MergeGroup(HashAggregateState* other, size_t g);
  // The group of row `row` of `keys`, by its key bytes.
  uint32_t FindGroupOfRow(const std::vector<Vector>& keys, uint32_t row);
  // Fills group_ids_ for `count` rows by key ids (below); false when the
  // keys are not all VARCHAR, more than three, or have too many values.
  bool FindGroupsByIds(const std::vector<Vector>& keys, uint32_t count);

  // Charges what the table holds now (an estimate from the sizes of its
  // arrays, maps and arenas: O(1), so it runs once per chunk) to memory_.
  absl::Status ChargeMemory();

  const PhysicalPlan* plan_;
  MemoryReservation memory_;
  uint64_t key_heap_bytes_ = 0;     // heap blocks of long VARCHAR keys in keys_
  uint64_t distinct_bytes_ = 0;     // count(DISTINCT) sets' entries
  // Group keys as bytes (AppendKey), views into key_arena_, to group ids.
  // Group g's key values are keys_[g * key count ...] and its aggregate
  // states states_[g * aggregate count ...]: flat, so a new group costs no
  // allocations of its own beyond long strings.
  StringHeap key_arena_;
  absl::flat_hash_map<std::string_view, uint32_t, StringViewHash> index_;
  std::vector<std::string_view> key_bytes_of_;  // per group, for Combine
  std::vector<uint32_t> partition_hash_of_;     // per group, for CombinePartition
  std::vector<Value> keys_;
  std::vector<AggregateState> states_;
  size_t group_count_ = 0;
  std::vector<uint32_t> group_ids_;  // of the rows of the chunk being sunk
  std::vector<Vector> key_vectors_;
  std::vector<Vector> argument_vectors_;
  std::vector<Vector> second_argument_vectors_;
  std::string key_bytes_;
  // VARCHAR keys group by ids: each key column gives the strings it has seen
  // ids (1, 2, ...; 0 is NULL), and a row's ids, packed into one number, find
  // its group without building or hashing the bytes of all its keys. A key
  // read from a dictionary column is looked up once per dictionary entry of
  // each row group, not per row.
  struct KeyIds {
    StringHeap arena;
    absl::flat_hash_map<std::string_view, uint32_t, StringViewHash> ids;
    uint64_t dictionary_id = 0;     // the dictionary by_code translates
    std::vector<uint32_t> by_code;  // code -> id
    uint32_t IdOf(std::string_view value);
  };
  std::vector<std::unique_ptr<KeyIds>> key_ids_;  // per key (StringHeap cannot move)
  std::vector<std::vector<uint32_t>> row_ids_;    // per key, of the chunk's rows
  absl::flat_hash_map<uint64_t, uint32_t> id_groups_;
};

}  // namespace ctq
