#include "exec/plan_executor.h"

#include <atomic>
#include <mutex>
#include <thread>

#include "ctq/internal/status_macros.h"
#include "exec/expression_evaluator.h"
#include "exec/hash_aggregate.h"
#include "exec/row_operations.h"
#include "exec/scan_pruning.h"
#include "exec/vector/vector_value.h"
#include "storage/column_scan.h"
#include "storage/segment_reader.h"

namespace ctq {
namespace {

// Appends the rows of `columns` (all of `count` rows) to `rows`.
void AppendRows(const std::vector<Vector>& columns, uint32_t count, Rows* rows) {
  for (uint32_t r = 0; r < count; r++) {
    std::vector<Value> row;
    row.reserve(columns.size());
    for (const Vector& column : columns) row.push_back(GetValue(column, r));
    rows->push_back(std::move(row));
  }
}

// Counts a pruning decision in `stats`; true when the row group is skipped.
bool CountSkip(ScanPruner::Decision decision, ExecutionStats* stats) {
  switch (decision) {
    case ScanPruner::Decision::kRead:
      return false;
    case ScanPruner::Decision::kSkipZoneMap:
      stats->row_groups_skipped_zone_map++;
      return true;
    case ScanPruner::Decision::kSkipSkipIndex:
      stats->row_groups_skipped_skip_index++;
      return true;
  }
  return false;
}

// Everything one worker thread owns while it runs the scan side.
struct WorkerState {
  explicit WorkerState(const PhysicalPlan& plan) : aggregate(plan) {}
  ExpressionEvaluator evaluator;
  HashAggregateState aggregate;
  std::vector<uint32_t> selection = std::vector<uint32_t>(kVectorSize);
  ExecutionStats stats;
  absl::Status status;
  // The worker's decoded cache row group, refilled morsel after morsel once
  // the previous morsel's vectors have let go of it.
  std::shared_ptr<RowGroup> decoded;
};

class ScanSide {
 public:
  ScanSide(const PhysicalPlan& plan, const Table& table, bool prune)
      : plan_(plan),
        table_(table),
        pruner_(ScanPruner::Build(prune ? plan.filter.get() : nullptr, plan.scan_columns)) {
    morsel_rows_.resize(table.row_group_count());
    // Without ORDER BY or DISTINCT, a LIMIT lets the scan stop early.
    if (!plan.aggregate && !plan.distinct && plan.order_by.empty() && plan.limit.has_value()) {
      row_budget_ = *plan.limit;
    }
  }

  // Runs morsels until none are left (or an error or the LIMIT stops it).
  void Work(WorkerState* state) {
    while (!stop_.load(std::memory_order_relaxed)) {
      size_t morsel = next_morsel_.fetch_add(1);
      if (morsel >= table_.row_group_count()) return;
      absl::Status status = RunMorsel(morsel, state);
      if (!status.ok()) {
        state->status = status;
        stop_ = true;
        return;
      }
    }
  }

  Rows TakeRows() {
    Rows all;
    for (Rows& rows : morsel_rows_) {
      for (auto& row : rows) all.push_back(std::move(row));
    }
    return all;
  }

 private:
  // The row group of `morsel`: in memory, or read from its segment (only the
  // columns the plan scans; each chunk is verified as it is read).
  absl::StatusOr<std::shared_ptr<const RowGroup>> LoadMorsel(size_t morsel,
                                                              WorkerState* state) const {
    if (morsel < table_.row_groups.size()) return table_.row_groups[morsel];
    const StoredRowGroup& stored = table_.stored_groups[morsel - table_.row_groups.size()];
    return stored.segment->ReadColumns(stored.group, plan_.scan_columns, &state->decoded);
  }

  absl::Status RunMorsel(size_t morsel, WorkerState* state) {
    state->stats.row_groups_total++;
    if (morsel >= table_.row_groups.size() && pruner_.can_prune()) {
      const StoredRowGroup& stored = table_.stored_groups[morsel - table_.row_groups.size()];
      if (CountSkip(pruner_.Check(*stored.segment, stored.group), &state->stats)) {
        return absl::OkStatus();
      }
    }
    CTQ_ASSIGN_OR_RETURN(std::shared_ptr<const RowGroup> group, LoadMorsel(morsel, state));
    state->stats.row_groups_scanned++;
    Rows* out = &morsel_rows_[morsel];
    for (uint32_t offset = 0; offset < group->row_count; offset += kVectorSize) {
      uint32_t count = std::min(kVectorSize, group->row_count - offset);
      Chunk chunk;
      chunk.size = count;
      chunk.columns.resize(plan_.scan_columns.size());
      for (size_t c = 0; c < plan_.scan_columns.size(); c++) {
        ScanColumn(group, plan_.scan_columns[c], offset, count, &chunk.columns[c]);
      }
      state->stats.rows_scanned += count;
      if (plan_.filter != nullptr) {
        CTQ_ASSIGN_OR_RETURN(uint32_t selected,
                             state->evaluator.Select(*plan_.filter, chunk, state->selection.data()));
        if (selected == 0) continue;
        if (selected < count) chunk.Slice(state->selection.data(), selected);
      }
      state->stats.rows_after_filter += chunk.size;
      if (plan_.aggregate) {
        CTQ_RETURN_IF_ERROR(state->aggregate.Sink(chunk, &state->evaluator));
        continue;
      }
      std::vector<Vector> projected(plan_.projections.size());
      for (size_t p = 0; p < projected.size(); p++) {
        CTQ_RETURN_IF_ERROR(state->evaluator.Evaluate(*plan_.projections[p], chunk, &projected[p]));
      }
      AppendRows(projected, chunk.size, out);
      if (row_budget_.has_value() && rows_emitted_.fetch_add(chunk.size) + chunk.size >= *row_budget_) {
        stop_ = true;
        return absl::OkStatus();
      }
    }
    return absl::OkStatus();
  }

  const PhysicalPlan& plan_;
  const Table& table_;
  const ScanPruner pruner_;
  std::atomic<size_t> next_morsel_{0};
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> rows_emitted_{0};
  std::optional<int64_t> row_budget_;
  std::vector<Rows> morsel_rows_;  // per morsel, so output order is deterministic
};

// Runs HAVING and the projections over the aggregate's output rows.
absl::StatusOr<Rows> ProjectGroups(const PhysicalPlan& plan, const Rows& groups) {
  std::vector<TypeId> types;
  for (const auto& key : plan.group_keys) types.push_back(key->type);
  for (const auto& spec : plan.aggregates) types.push_back(spec.result_type);
  ExpressionEvaluator evaluator;
  std::vector<uint32_t> selection(kVectorSize);
  Rows out;
  for (size_t begin = 0; begin < groups.size(); begin += kVectorSize) {
    uint32_t count = static_cast<uint32_t>(std::min<size_t>(kVectorSize, groups.size() - begin));
    Chunk chunk;
    chunk.size = count;
    for (size_t c = 0; c < types.size(); c++) {
      Vector column(types[c]);
      column.Resize(count);
      for (uint32_t r = 0; r < count; r++) SetValue(groups[begin + r][c], r, &column);
      chunk.columns.push_back(std::move(column));
    }
    if (plan.having != nullptr) {
      CTQ_ASSIGN_OR_RETURN(uint32_t selected,
                           evaluator.Select(*plan.having, chunk, selection.data()));
      if (selected == 0) continue;
      if (selected < count) chunk.Slice(selection.data(), selected);
    }
    std::vector<Vector> projected(plan.projections.size());
    for (size_t p = 0; p < projected.size(); p++) {
      CTQ_RETURN_IF_ERROR(evaluator.Evaluate(*plan.projections[p], chunk, &projected[p]));
    }
    AppendRows(projected, chunk.size, &out);
  }
  return out;
}

}  // namespace

ExecutionStats PlanRowGroups(const PhysicalPlan& plan, const Table& table, bool prune) {
  ExecutionStats stats;
  stats.row_groups_total = table.row_group_count();
  ScanPruner pruner = ScanPruner::Build(prune ? plan.filter.get() : nullptr, plan.scan_columns);
  if (!pruner.can_prune()) return stats;
  for (const StoredRowGroup& stored : table.stored_groups) {
    CountSkip(pruner.Check(*stored.segment, stored.group), &stats);
  }
  return stats;
}

absl::StatusOr<Rows> ExecutePlan(const PhysicalPlan& plan, const Table& table,
                                 const ExecutionOptions& options, ExecutionStats* stats) {
  int threads = std::max(1, options.threads);
  threads =
      static_cast<int>(std::min<size_t>(threads, std::max<size_t>(1, table.row_group_count())));
  ScanSide scan(plan, table, options.prune);
  std::vector<std::unique_ptr<WorkerState>> workers;
  for (int t = 0; t < threads; t++) workers.push_back(std::make_unique<WorkerState>(plan));
  if (threads == 1) {
    scan.Work(workers[0].get());
  } else if (options.pool != nullptr) {
    options.pool->Run(threads, [&](int t) { scan.Work(workers[t].get()); });
  } else {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; t++) {
      pool.emplace_back([&scan, worker = workers[t].get()] { scan.Work(worker); });
    }
    for (std::thread& thread : pool) thread.join();
  }
  ExecutionStats total;
  for (const auto& worker : workers) {
    CTQ_RETURN_IF_ERROR(worker->status);
    total.row_groups_total += worker->stats.row_groups_total;
    total.row_groups_skipped_zone_map += worker->stats.row_groups_skipped_zone_map;
    total.row_groups_skipped_skip_index += worker->stats.row_groups_skipped_skip_index;
    total.row_groups_scanned += worker->stats.row_groups_scanned;
    total.rows_scanned += worker->stats.rows_scanned;
    total.rows_after_filter += worker->stats.rows_after_filter;
  }

  Rows rows;
  if (plan.aggregate) {
    // Combine is single-threaded (ARCHITECTURE.md: Finalize runs on one thread).
    for (size_t t = 1; t < workers.size(); t++) {
      CTQ_RETURN_IF_ERROR(workers[0]->aggregate.Combine(&workers[t]->aggregate));
    }
    Rows groups = workers[0]->aggregate.Finalize();
    total.groups = groups.size();
    CTQ_ASSIGN_OR_RETURN(rows, ProjectGroups(plan, groups));
  } else {
    rows = scan.TakeRows();
  }

  if (plan.distinct) DistinctRows(plan.visible_columns, &rows);
  if (!plan.order_by.empty()) SortRows(plan.order_by, plan.limit, &rows);
  if (plan.limit.has_value() && static_cast<size_t>(*plan.limit) < rows.size()) {
    rows.resize(*plan.limit);
  }
  for (auto& row : rows) row.resize(plan.visible_columns);
  if (stats != nullptr) *stats = total;
  return rows;
}

}  // namespace ctq
