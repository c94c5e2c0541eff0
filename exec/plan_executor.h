// Runs a PhysicalPlan over a table on a number of worker threads.
//
// Thread-safety: ExecutePlan may be called concurrently; each call owns its
// workers and per-thread state, and only reads the plan and the table.
#pragma once

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "ctq/value.h"
#include "exec/physical_plan.h"
#include "exec/worker_pool.h"
#include "storage/row_group.h"

namespace ctq {

struct ExecutionOptions {
  int threads = 1;
  // Skip cache row groups that zone maps and skip indexes rule out. Off only
  // to test pruning (answers must not change) or to measure what it saves.
  bool prune = true;
  // Threads to run on (null: threads started for this run).
  WorkerPool* pool = nullptr;
};

// What a run did, for EXPLAIN ANALYZE and tests.
struct ExecutionStats {
  uint64_t row_groups_total = 0;
  uint64_t row_groups_skipped_zone_map = 0;   // cache row groups refuted by zone maps
  uint64_t row_groups_skipped_skip_index = 0; // ... by token blooms
  uint64_t row_groups_scanned = 0;
  uint64_t rows_scanned = 0;
  uint64_t rows_after_filter = 0;
  uint64_t groups = 0;
};

// How many row groups a scan of `table` under `plan` would read, and skip,
// decided from metadata only (for EXPLAIN); fills the row_groups_* fields.
ExecutionStats PlanRowGroups(const PhysicalPlan& plan, const Table& table, bool prune = true);

// Returns the result rows (visible columns only).
absl::StatusOr<std::vector<std::vector<Value>>> ExecutePlan(const PhysicalPlan& plan,
                                                            const Table& table,
                                                            const ExecutionOptions& options,
                                                            ExecutionStats* stats);

}  // namespace ctq
