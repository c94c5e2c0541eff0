// Runs a PhysicalPlan over a table on a number of worker threads.
//
// Thread-safety: ExecutePlan may be called concurrently; each call owns its
// workers and per-thread state, and only reads the plan and the table.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "ctq/value.h"
#include "exec/memory_budget.h"
#include "exec/ordered_row_stream.h"
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
  // What the run's rows, hash tables and sort and DISTINCT buffers are
  // charged to (null: not counted). Past it, the run fails with
  // ResourceExhausted.
  MemoryBudget* memory = nullptr;
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
  // Filter conjuncts not evaluated on a row group because its zone maps
  // prove them TRUE on every row (exec/filter_conjuncts.h).
  uint64_t conjuncts_proven = 0;
  // Time per operator, in nanoseconds. The scan-side ones are summed over
  // the worker threads (CPU time, which may exceed the query's wall time).
  uint64_t read_ns = 0;       // reading, verifying and decompressing column chunks
  uint64_t filter_ns = 0;     // the WHERE (building its vectors and evaluating it)
  uint64_t aggregate_ns = 0;  // hash aggregation's sink (scan side)
  uint64_t project_ns = 0;    // projections (scan side, or over the groups)
  uint64_t combine_ns = 0;    // merging the threads' hash tables, and finalizing groups
  uint64_t sort_ns = 0;       // DISTINCT, ORDER BY (top-N with LIMIT)

  // Adds the counters of one worker (everything but `groups`).
  void Add(const ExecutionStats& other);
};

// How many row groups a scan of `table` under `plan` would read, and skip,
// decided from metadata only (for EXPLAIN); fills the row_groups_* fields.
ExecutionStats PlanRowGroups(const PhysicalPlan& plan, const Table& table, bool prune = true);

// Runs the plan and passes the result rows (visible columns only) to
// `consume` in order, a batch of a few thousand at a time, one call at a
// time, from the workers' threads. A plain scan (no aggregate, DISTINCT or
// ORDER BY) streams: its rows go out while the scan runs, with memory bounded
// by a batch per worker and a reorder window, and a LIMIT stops the workers
// once LIMIT rows went out. The other plans build their result (charged to
// the budget) and then pass it on. A consumer's error stops the run and is
// returned. A std::bad_alloc on any worker becomes ResourceExhausted.
absl::Status ExecutePlan(const PhysicalPlan& plan, const Table& table,
                         const ExecutionOptions& options, ExecutionStats* stats,
                         RowConsumer consume);

// The same, collecting the rows. When `result_memory` is not null it
// receives the reservation that the rows are charged to: keep it as long as
// the rows, so that the budget counts them.
absl::StatusOr<std::vector<std::vector<Value>>> ExecutePlan(
    const PhysicalPlan& plan, const Table& table, const ExecutionOptions& options,
    ExecutionStats* stats, std::unique_ptr<MemoryReservation>* result_memory = nullptr);

}  // namespace ctq
