#include "exec/plan_executor.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <new>
#include <optional>
#include <thread>
#include <utility>

#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
#include "exec/expression_evaluator.h"
#include "exec/filter_conjuncts.h"
#include "exec/hash_aggregate.h"
#include "exec/ordered_row_stream.h"
#include "exec/row_operations.h"
#include "exec/scan_pruning.h"
#include "exec/vector/vector_value.h"
#include "storage/column_scan.h"
#include "storage/segment_reader.h"

namespace ctq {
namespace {

// Appends the rows of `columns` (all of `count` rows) to `rows`; returns
// about what they hold in memory (RowMemoryBytes).
uint64_t AppendRows(const std::vector<Vector>& columns, uint32_t count, Rows* rows) {
  uint64_t bytes = 0;
  for (uint32_t r = 0; r < count; r++) {
    std::vector<Value> row;
    row.reserve(columns.size());
    for (const Vector& column : columns) row.push_back(GetValue(column, r));
    bytes += RowMemoryBytes(row);
    rows->push_back(std::move(row));
  }
  return bytes;
}

// Projected cells (rows x projections) evaluated at once. A chunk of a query
// with thousands of projections is projected a slice of its rows at a time,
// so that the vectors of one slice stay a few MB per worker.
constexpr uint64_t kMaxProjectedCells = uint64_t{256} * 2048;

// A streamed result goes out in batches of about this many rows (or fewer,
// once they hold kBatchBytes): a few thousand rows, so that the consumer is
// called rarely and a worker holds little.
constexpr size_t kBatchRows = 4096;
constexpr uint64_t kBatchBytes = uint64_t{1} << 20;

// The rows workers may hold for morsels that are not yet the head of the
// stream (OrderedRowStream's window): enough that workers seldom wait for
// the head, and a small share of the query's memory limit.
uint64_t ReorderWindowBytes(const MemoryBudget* budget) {
  constexpr uint64_t kMaxWindow = uint64_t{32} << 20;
  return budget == nullptr ? kMaxWindow : std::min(kMaxWindow, budget->limit() / 8);
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

uint64_t NowNs() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count());
}

// Adds the time from its construction to its destruction to `*total`.
class ScopedTimer {
 public:
  explicit ScopedTimer(uint64_t* total) : total_(total), start_(NowNs()) {}
  ~ScopedTimer() { *total_ += NowNs() - start_; }
  ScopedTimer(const ScopedTimer&) = delete;
  ScopedTimer& operator=(const ScopedTimer&) = delete;

 private:
  uint64_t* total_;
  uint64_t start_;
};

// Everything one worker thread owns while it runs the scan side.
struct WorkerState {
  WorkerState(const PhysicalPlan& plan, MemoryBudget* budget)
      : aggregate(plan, budget), rows_memory(budget) {
    for (uint32_t i = 0; i < kVectorSize; i++) identity[i] = i;
  }
  ExpressionEvaluator evaluator;
  HashAggregateState aggregate;
  // The rows this worker kept for the result (in morsel_rows_), or, when
  // the result streams, the batch it is filling.
  MemoryReservation rows_memory;
  Rows batch;             // a streamed result's next rows from this worker
  uint64_t batch_bytes = 0;
  std::vector<uint32_t> identity = std::vector<uint32_t>(kVectorSize);
  std::vector<uint32_t> selection = std::vector<uint32_t>(kVectorSize);
  // Row i of the chunk is row offset + row_map[i] of the morsel.
  std::vector<uint32_t> row_map = std::vector<uint32_t>(kVectorSize);
  std::vector<size_t> active;      // conjuncts this morsel evaluates
  std::vector<uint8_t> loaded;     // per scan column: read for this morsel
  std::vector<uint8_t> in_chunk;   // per scan column: in the current chunk
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
        prune_(prune),
        pruner_(ScanPruner::Build(prune ? plan.filter.get() : nullptr, plan.scan_columns)),
        conjuncts_(FilterConjuncts::Build(plan.filter.get(), plan.scan_columns)) {
    // The columns the rows that pass need: the aggregate's keys and
    // arguments, or the projections.
    std::vector<int> columns;
    if (plan.aggregate) {
      for (const auto& key : plan.group_keys) CollectColumns(*key, &columns);
      for (const auto& spec : plan.aggregates) {
        if (spec.argument != nullptr) CollectColumns(*spec.argument, &columns);
        if (spec.second_argument != nullptr) CollectColumns(*spec.second_argument, &columns);
      }
    } else {
      for (const auto& projection : plan.projections) CollectColumns(*projection, &columns);
    }
    SortDistinct(&columns);
    output_columns_ = std::move(columns);
    // Without aggregate, DISTINCT or ORDER BY the rows stream: each row is
    // final once projected (a LIMIT lets the scan stop early).
    streams_ = !plan.aggregate && !plan.distinct && plan.order_by.empty();
    if (!streams_) morsel_rows_.resize(table.row_group_count());
    if (streams_ && plan.limit.has_value()) row_budget_ = *plan.limit;
    // ORDER BY over scanned rows sorts each morsel's rows on its worker (a
    // top-N keeps at most LIMIT of them), and the runs are merged at the end.
    sorts_morsels_ = !plan.aggregate && !plan.distinct && !plan.order_by.empty();
  }

  bool sorts_morsels() const { return sorts_morsels_; }
  bool streams() const { return streams_; }
  std::atomic<bool>* stop_flag() { return &stop_; }

  // Where a streamed result's rows go (see streams()); set before Work.
  void set_stream(OrderedRowStream* stream) { stream_ = stream; }

  // The morsels' sorted runs, merged (see sorts_morsels()).
  Rows TakeSortedRows() {
    Rows all;
    MergeSortedRuns(plan_.order_by, &morsel_rows_, &all);
    return all;
  }

  // Runs morsels until none are left (or an error or the LIMIT stops it).
  void Work(WorkerState* state) {
    while (!stop_.load(std::memory_order_relaxed) &&
           !enough_rows_.load(std::memory_order_relaxed)) {
      size_t morsel = next_morsel_.fetch_add(1);
      if (morsel >= table_.row_group_count()) return;
      absl::Status status;
      // The last resort: what the budget did not foresee must not escape
      // the worker thread (std::terminate) but end the query.
      try {
        status = RunMorsel(morsel, state);
        if (status.ok() && streams_) status = FlushBatch(morsel, state);
        if (status.ok() && streams_) status = stream_->Finish(morsel);
      } catch (const std::bad_alloc&) {
        status = AllocationFailedError(state->rows_memory.budget());
      }
      if (!status.ok()) {
        state->status = status;
        stop_ = true;
        if (stream_ != nullptr) stream_->WakeAll();
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
  // Sends the worker's batch of `morsel`'s rows, if any, to the stream.
  absl::Status FlushBatch(size_t morsel, WorkerState* state) {
    if (state->batch.empty()) return absl::OkStatus();
    for (auto& row : state->batch) row.resize(plan_.visible_columns);
    Rows batch;
    batch.swap(state->batch);
    const uint64_t bytes = std::exchange(state->batch_bytes, 0);
    return stream_->Add(morsel, std::move(batch), bytes, &state->rows_memory);
  }

  // The row group of `morsel`: in memory (every column there), or the
  // worker's decoded group, whose columns Load() reads from the segment as
  // the morsel needs them (each chunk verified as it is read).
  std::shared_ptr<const RowGroup> StartMorsel(size_t morsel, const StoredRowGroup* stored,
                                              WorkerState* state) {
    state->loaded.assign(plan_.scan_columns.size(), stored == nullptr ? 1 : 0);
    if (stored == nullptr) return table_.row_groups[morsel];
    std::shared_ptr<RowGroup>& decoded = state->decoded;
    if (decoded == nullptr || decoded.use_count() != 1) decoded = std::make_shared<RowGroup>();
    decoded->row_count = stored->row_count;
    return decoded;
  }

  absl::Status Load(const StoredRowGroup* stored, int position, WorkerState* state) {
    if (state->loaded[position]) return absl::OkStatus();
    const int column = plan_.scan_columns[position];
    ScopedTimer timer(&state->stats.read_ns);
    CTQ_RETURN_IF_ERROR(stored->segment->ReadColumnInto(
        stored->group, column, &state->decoded->columns[column], /*keep_dictionary=*/true,
        /*keep_hex=*/true));
    state->loaded[position] = 1;
    return absl::OkStatus();
  }

  // Puts scan column `position` into `chunk` for the rows of row_map (all of
  // [offset, offset + chunk->size) while nothing is filtered yet).
  absl::Status AddColumn(const StoredRowGroup* stored, const std::shared_ptr<const RowGroup>& group,
                         int position, uint32_t offset, uint32_t all, Chunk* chunk,
                         WorkerState* state) {
    if (state->in_chunk[position]) return absl::OkStatus();
    CTQ_RETURN_IF_ERROR(Load(stored, position, state));
    const int column = plan_.scan_columns[position];
    if (chunk->size == all) {
      ScanColumn(group, column, offset, chunk->size, &chunk->columns[position]);
    } else {
      ScanColumnRows(group, column, offset, state->row_map.data(), chunk->size,
                     &chunk->columns[position]);
    }
    state->in_chunk[position] = 1;
    return absl::OkStatus();
  }

  absl::Status RunMorsel(size_t morsel, WorkerState* state) {
    state->stats.row_groups_total++;
    const StoredRowGroup* stored = nullptr;
    if (morsel >= table_.row_groups.size()) {
      stored = &table_.stored_groups[morsel - table_.row_groups.size()];
      if (pruner_.can_prune() && CountSkip(pruner_.Check(*stored->segment, stored->group),
                                            &state->stats)) {
        return absl::OkStatus();
      }
    }
    // Conjuncts the zone maps prove TRUE on every row are not evaluated, and
    // their columns not read.
    state->active.clear();
    for (size_t i = 0; i < conjuncts_.size(); i++) {
      if (stored == nullptr || !prune_ ||
          !conjuncts_.AlwaysTrue(i, *stored->segment, stored->group)) {
        state->active.push_back(i);
      } else {
        state->stats.conjuncts_proven++;
      }
    }
    std::shared_ptr<const RowGroup> group = StartMorsel(morsel, stored, state);
    state->stats.row_groups_scanned++;
    // A streamed result's rows go to the worker's batch, sent on as it fills.
    Rows* out = streams_ ? &state->batch : &morsel_rows_[morsel];
    uint64_t local_bytes = 0;
    uint64_t* morsel_bytes = streams_ ? &state->batch_bytes : &local_bytes;
    int64_t morsel_rows = 0;  // rows this morsel gave a streamed result
    for (uint32_t offset = 0; offset < group->row_count; offset += kVectorSize) {
      if (stop_.load(std::memory_order_relaxed)) return absl::OkStatus();
      const uint32_t count = std::min(kVectorSize, group->row_count - offset);
      Chunk chunk;
      chunk.size = count;
      chunk.columns.resize(plan_.scan_columns.size());
      state->in_chunk.assign(plan_.scan_columns.size(), 0);
      std::copy(state->identity.begin(), state->identity.begin() + count, state->row_map.begin());
      state->stats.rows_scanned += count;
      // Each conjunct runs over the rows the ones before it passed, with only
      // its own columns read for just those rows (late materialization).
      for (size_t i : state->active) {
        for (int position : conjuncts_.columns(i)) {
          CTQ_RETURN_IF_ERROR(AddColumn(stored, group, position, offset, count, &chunk, state));
        }
        ScopedTimer timer(&state->stats.filter_ns);
        CTQ_ASSIGN_OR_RETURN(uint32_t selected,
                             state->evaluator.SelectRows(conjuncts_.conjunct(i), chunk,
                                                         state->identity.data(), chunk.size,
                                                         state->selection.data()));
        if (selected < chunk.size) KeepRows(selected, &chunk, state);
        if (selected == 0) break;
      }
      if (chunk.size == 0) continue;
      // A morsel never gives a LIMIT without ORDER BY more than LIMIT rows
      // (the result is the morsels' rows in order, cut at LIMIT), so rows
      // past that are not read or projected: a LIMIT 1 over thousands of
      // columns projects one row, not a vector's worth on every worker.
      if (row_budget_.has_value()) {
        const int64_t wanted = *row_budget_ - morsel_rows;
        if (wanted <= 0) break;
        if (wanted < chunk.size) {
          const uint32_t keep = static_cast<uint32_t>(wanted);
          std::copy(state->identity.begin(), state->identity.begin() + keep,
                    state->selection.begin());
          KeepRows(keep, &chunk, state);
        }
      }
      for (int position : output_columns_) {
        CTQ_RETURN_IF_ERROR(AddColumn(stored, group, position, offset, count, &chunk, state));
      }
      state->stats.rows_after_filter += chunk.size;
      if (plan_.aggregate) {
        ScopedTimer timer(&state->stats.aggregate_ns);
        CTQ_RETURN_IF_ERROR(state->aggregate.Sink(chunk, &state->evaluator));
        continue;
      }
      {
        ScopedTimer timer(&state->stats.project_ns);
        CTQ_RETURN_IF_ERROR(Project(chunk, out, morsel_bytes, state));
      }
      morsel_rows += chunk.size;
      // The morsels handed out so far hold LIMIT rows: no more are needed.
      // The ones running still finish (the first LIMIT rows may lie in any
      // of them); the stream stops them once LIMIT rows went out.
      if (row_budget_.has_value() &&
          produced_.fetch_add(chunk.size) + chunk.size >= *row_budget_) {
        enough_rows_ = true;
      }
      if (streams_ && (out->size() >= kBatchRows || *morsel_bytes >= kBatchBytes)) {
        CTQ_RETURN_IF_ERROR(FlushBatch(morsel, state));
      }
      if (sorts_morsels_ && plan_.limit.has_value() &&
          out->size() >= std::max<size_t>(2 * *plan_.limit, kVectorSize)) {
        // A top-N keeps LIMIT rows of the morsel; keeping them as it goes
        // bounds the morsel's buffer by about twice that. SortRows is a stable
        // top-N, so what is kept is what one top-N at the end would keep.
        ScopedTimer timer(&state->stats.sort_ns);
        KeepTopRows(out, morsel_bytes, state);
      }
    }
    if (sorts_morsels_) {
      ScopedTimer timer(&state->stats.sort_ns);
      KeepTopRows(out, morsel_bytes, state);
    }
    return absl::OkStatus();
  }

  // Sorts the morsel's rows (a top-N with LIMIT) and, when that let go of
  // rows, gives back their share of the worker's reservation. `morsel_bytes`
  // is what the morsel's rows hold.
  void KeepTopRows(Rows* out, uint64_t* morsel_bytes, WorkerState* state) {
    const size_t before = out->size();
    SortRows(plan_.order_by, plan_.limit, out);
    if (out->size() == before) return;
    uint64_t kept = 0;
    for (const std::vector<Value>& row : *out) kept += RowMemoryBytes(row);
    state->rows_memory.Subtract(*morsel_bytes - std::min(kept, *morsel_bytes));
    *morsel_bytes = kept;
  }

  // Projects the rows of `chunk`, appends them to `out` and charges them to
  // the worker's reservation (adding them to `*morsel_bytes`). Many
  // projections are evaluated, and charged, over slices of the chunk
  // (kMaxProjectedCells), so that a query past the limit stops within one.
  absl::Status Project(const Chunk& chunk, Rows* out, uint64_t* morsel_bytes,
                       WorkerState* state) {
    const size_t width = std::max<size_t>(1, plan_.projections.size());
    const uint32_t step =
        static_cast<uint32_t>(std::clamp<uint64_t>(kMaxProjectedCells / width, 1, chunk.size));
    std::vector<Vector> projected(plan_.projections.size());
    for (uint32_t begin = 0; begin < chunk.size; begin += step) {
      const Chunk* part = &chunk;
      Chunk slice;
      if (step < chunk.size) {
        slice.size = std::min(step, chunk.size - begin);
        slice.columns.resize(chunk.columns.size());
        for (size_t c = 0; c < chunk.columns.size(); c++) {
          if (state->in_chunk[c]) {
            slice.columns[c].Gather(chunk.columns[c], state->identity.data() + begin, slice.size);
          }
        }
        part = &slice;
      }
      for (size_t p = 0; p < projected.size(); p++) {
        CTQ_RETURN_IF_ERROR(state->evaluator.Evaluate(*plan_.projections[p], *part, &projected[p]));
      }
      const uint64_t bytes = AppendRows(projected, part->size, out);
      *morsel_bytes += bytes;
      rows_kept_.fetch_add(part->size, std::memory_order_relaxed);
      CTQ_RETURN_IF_ERROR(state->rows_memory.Add(bytes, [&] {
        return StrCat("the result set: ", FormatCount(rows_kept_.load()), " rows of ",
                      FormatCount(plan_.projections.size()), " columns");
      }));
    }
    return absl::OkStatus();
  }

  // Keeps rows selection[0..selected) of the chunk's columns and row map.
  static void KeepRows(uint32_t selected, Chunk* chunk, WorkerState* state) {
    const uint32_t* selection = state->selection.data();
    for (size_t c = 0; c < chunk->columns.size(); c++) {
      if (!state->in_chunk[c]) continue;
      Vector kept;
      kept.Gather(chunk->columns[c], selection, selected);
      chunk->columns[c] = std::move(kept);
    }
    // In place: selection is increasing, so selection[i] >= i.
    uint32_t* row_map = state->row_map.data();
    for (uint32_t i = 0; i < selected; i++) row_map[i] = row_map[selection[i]];
    chunk->size = selected;
  }

  const PhysicalPlan& plan_;
  const Table& table_;
  const bool prune_;
  const ScanPruner pruner_;
  const FilterConjuncts conjuncts_;
  std::vector<int> output_columns_;  // scan columns the surviving rows need
  std::atomic<size_t> next_morsel_{0};
  std::atomic<bool> stop_{false};
  std::atomic<bool> enough_rows_{false};  // LIMIT: start no more morsels
  std::atomic<int64_t> produced_{0};      // rows the morsels gave, for that
  std::atomic<uint64_t> rows_kept_{0};  // for the memory budget's message
  std::optional<int64_t> row_budget_;
  bool sorts_morsels_ = false;
  bool streams_ = false;
  OrderedRowStream* stream_ = nullptr;
  // Per morsel (unless the result streams), so output order is deterministic.
  std::vector<Rows> morsel_rows_;
};

// Runs HAVING and the projections over the aggregate's output rows. Rows it
// computes anew are charged to `memory` (what `groups` hold is charged
// already, by Finalize).
absl::StatusOr<Rows> ProjectGroups(const PhysicalPlan& plan, Rows& groups,
                                   MemoryReservation* memory) {
  // The usual shape (SELECT count(*), key ... GROUP BY key): every projection
  // is one of the group's columns, so rows are rearranged, not recomputed.
  // Each group's values are moved, not copied, unless a column is used twice.
  bool only_columns = plan.having == nullptr;
  std::vector<uint32_t> uses(plan.group_keys.size() + plan.aggregates.size(), 0);
  for (const auto& projection : plan.projections) {
    only_columns = only_columns && projection->kind == BoundKind::kColumn;
    if (only_columns) uses[projection->column_index]++;
  }
  if (only_columns) {
    std::vector<Value> projected;
    for (std::vector<Value>& row : groups) {
      projected.clear();
      for (const auto& projection : plan.projections) {
        Value& value = row[projection->column_index];
        projected.push_back(uses[projection->column_index] > 1 ? value : std::move(value));
      }
      row.swap(projected);  // the buffers take turns: no allocation per group
    }
    return std::move(groups);
  }
  std::vector<Type> types;
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
    const uint64_t bytes = AppendRows(projected, chunk.size, &out);
    CTQ_RETURN_IF_ERROR(memory->Add(bytes, [&] {
      return StrCat("the result of ", FormatCount(groups.size()), " groups");
    }));
  }
  return out;
}

// Runs fn(0) ... fn(count - 1) on `count` threads: the database's pool, or
// threads started for this run.
template <typename Fn>
void RunOnThreads(int count, const ExecutionOptions& options, Fn fn) {
  if (count == 1) {
    fn(0);
  } else if (options.pool != nullptr) {
    options.pool->Run(count, fn);
  } else {
    std::vector<std::thread> threads;
    for (int t = 0; t < count; t++) threads.emplace_back([&fn, t] { fn(t); });
    for (std::thread& thread : threads) thread.join();
  }
}

// Merges the workers' hash tables and makes one row per group. With several
// workers and GROUP BY, the groups are split by a hash of their keys into one
// partition per worker, and each partition is merged and finalized on its own
// thread (ARCHITECTURE.md: Combine, then Finalize).
// The rows are charged to `rows_memory`.
absl::StatusOr<Rows> CombineGroups(const PhysicalPlan& plan,
                                   const std::vector<std::unique_ptr<WorkerState>>& workers,
                                   const ExecutionOptions& options,
                                   MemoryReservation* rows_memory) {
  if (workers.size() == 1 || plan.group_keys.empty()) {
    for (size_t t = 1; t < workers.size(); t++) {
      CTQ_RETURN_IF_ERROR(workers[0]->aggregate.Combine(&workers[t]->aggregate));
    }
    return workers[0]->aggregate.Finalize(rows_memory);
  }
  std::vector<HashAggregateState*> states;
  for (const auto& worker : workers) states.push_back(&worker->aggregate);
  const int partitions = static_cast<int>(workers.size());
  std::vector<std::unique_ptr<HashAggregateState>> merged(partitions);
  std::vector<absl::Status> statuses(partitions);
  std::vector<Rows> rows(partitions);
  std::vector<std::unique_ptr<MemoryReservation>> rows_memories(partitions);
  RunOnThreads(partitions, options, [&](int p) {
    try {
      merged[p] = std::make_unique<HashAggregateState>(plan, options.memory);
      rows_memories[p] = std::make_unique<MemoryReservation>(options.memory);
      statuses[p] = merged[p]->CombinePartition(states, p, partitions);
      if (!statuses[p].ok()) return;
      absl::StatusOr<Rows> finalized = merged[p]->Finalize(rows_memories[p].get());
      if (finalized.ok()) rows[p] = std::move(*finalized);
      statuses[p] = finalized.status();
    } catch (const std::bad_alloc&) {
      statuses[p] = AllocationFailedError(options.memory);
    }
  });
  for (int p = 0; p < partitions; p++) CTQ_RETURN_IF_ERROR(statuses[p]);
  Rows all;
  size_t total = 0;
  for (int p = 0; p < partitions; p++) total += rows[p].size();
  all.reserve(total);
  for (int p = 0; p < partitions; p++) {
    for (auto& row : rows[p]) all.push_back(std::move(row));
    rows_memory->Absorb(rows_memories[p].get());
  }
  return all;
}

}  // namespace

void ExecutionStats::Add(const ExecutionStats& other) {
  row_groups_total += other.row_groups_total;
  row_groups_skipped_zone_map += other.row_groups_skipped_zone_map;
  row_groups_skipped_skip_index += other.row_groups_skipped_skip_index;
  row_groups_scanned += other.row_groups_scanned;
  rows_scanned += other.rows_scanned;
  rows_after_filter += other.rows_after_filter;
  conjuncts_proven += other.conjuncts_proven;
  read_ns += other.read_ns;
  filter_ns += other.filter_ns;
  aggregate_ns += other.aggregate_ns;
  project_ns += other.project_ns;
  combine_ns += other.combine_ns;
  sort_ns += other.sort_ns;
}

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

namespace {

// Hands `rows` (all of the result, charged to `memory`) to `consume` in
// batches of kBatchRows, giving back each batch's charge once it went out:
// the consumer may keep the rows (and charge them itself), so they are never
// counted twice for longer than a batch.
absl::Status DeliverRows(Rows rows, MemoryReservation* memory, RowConsumer consume) {
  for (size_t begin = 0; begin < rows.size(); begin += kBatchRows) {
    const size_t end = std::min(rows.size(), begin + kBatchRows);
    Rows batch;
    batch.reserve(end - begin);
    uint64_t bytes = 0;
    for (size_t r = begin; r < end; r++) {
      bytes += RowMemoryBytes(rows[r]);
      batch.push_back(std::move(rows[r]));
    }
    CTQ_RETURN_IF_ERROR(consume(std::move(batch)));
    memory->Subtract(bytes);
  }
  return absl::OkStatus();
}

// Runs the plan, passing the result's rows to `consume` in order. A plain
// scan streams them from the workers (OrderedRowStream); the other plans
// build their result (charged to the budget) and then hand it over.
absl::Status RunPlan(const PhysicalPlan& plan, const Table& table,
                     const ExecutionOptions& options, ExecutionStats* stats,
                     RowConsumer consume) {
  int threads = std::max(1, options.threads);
  threads =
      static_cast<int>(std::min<size_t>(threads, std::max<size_t>(1, table.row_group_count())));
  ScanSide scan(plan, table, options.prune);
  std::optional<OrderedRowStream> stream;
  if (scan.streams()) {
    stream.emplace(table.row_group_count(), plan.limit, ReorderWindowBytes(options.memory),
                   options.memory, scan.stop_flag(), consume);
    scan.set_stream(&*stream);
  }
  std::vector<std::unique_ptr<WorkerState>> workers;
  for (int t = 0; t < threads; t++) {
    workers.push_back(std::make_unique<WorkerState>(plan, options.memory));
  }
  RunOnThreads(threads, options, [&](int t) { scan.Work(workers[t].get()); });
  ExecutionStats total;
  for (const auto& worker : workers) {
    CTQ_RETURN_IF_ERROR(worker->status);
    total.Add(worker->stats);
  }
  if (stream.has_value()) {
    CTQ_RETURN_IF_ERROR(stream->status());
    if (stats != nullptr) *stats = total;
    return absl::OkStatus();
  }

  MemoryReservation result_memory_holder(options.memory);
  MemoryReservation* result_memory = &result_memory_holder;
  Rows rows;
  if (plan.aggregate) {
    Rows groups;
    MemoryReservation groups_memory(options.memory);
    {
      ScopedTimer timer(&total.combine_ns);
      CTQ_ASSIGN_OR_RETURN(groups, CombineGroups(plan, workers, options, &groups_memory));
    }
    // The hash tables are spent: let go of them (and their reservations).
    workers.clear();
    total.groups = groups.size();
    ScopedTimer timer(&total.project_ns);
    CTQ_ASSIGN_OR_RETURN(rows, ProjectGroups(plan, groups, result_memory));
    // The groups' rows became the result's, or were let go of by now.
    if (groups.empty()) result_memory->Absorb(&groups_memory);
  } else {
    for (const auto& worker : workers) result_memory->Absorb(&worker->rows_memory);
    if (!scan.sorts_morsels()) rows = scan.TakeRows();
  }

  {
    ScopedTimer timer(&total.sort_ns);
    if (scan.sorts_morsels()) {
      rows = scan.TakeSortedRows();
    } else {
      if (plan.distinct) {
        MemoryReservation distinct_memory(options.memory);
        CTQ_RETURN_IF_ERROR(DistinctRows(plan.visible_columns, &rows, &distinct_memory));
      }
      if (!plan.order_by.empty()) {
        SortRows(plan.order_by, plan.limit, &rows, plan.aggregate ? plan.visible_columns : 0);
      }
    }
    if (plan.limit.has_value() && static_cast<size_t>(*plan.limit) < rows.size()) {
      rows.resize(*plan.limit);
      // What is left is small, and counted exactly.
      uint64_t kept = 0;
      for (const std::vector<Value>& row : rows) kept += RowMemoryBytes(row);
      result_memory->Subtract(result_memory->held() - std::min(kept, result_memory->held()));
    }
  }
  for (auto& row : rows) row.resize(plan.visible_columns);
  if (stats != nullptr) *stats = total;
  return DeliverRows(std::move(rows), result_memory, consume);
}

}  // namespace

absl::Status ExecutePlan(const PhysicalPlan& plan, const Table& table,
                         const ExecutionOptions& options, ExecutionStats* stats,
                         RowConsumer consume) {
  try {
    return RunPlan(plan, table, options, stats, consume);
  } catch (const std::bad_alloc&) {
    return AllocationFailedError(options.memory);
  }
}

absl::StatusOr<Rows> ExecutePlan(const PhysicalPlan& plan, const Table& table,
                                 const ExecutionOptions& options, ExecutionStats* stats,
                                 std::unique_ptr<MemoryReservation>* result_memory) {
  auto memory = std::make_unique<MemoryReservation>(options.memory);
  Rows all;
  absl::Status status = ExecutePlan(plan, table, options, stats, [&](Rows rows) {
    uint64_t bytes = 0;
    for (auto& row : rows) {
      bytes += RowMemoryBytes(row);
      all.push_back(std::move(row));
    }
    return memory->Add(bytes, [&] {
      return StrCat("the result set: ", FormatCount(all.size()), " rows of ",
                    FormatCount(plan.visible_columns), " columns");
    });
  });
  if (!status.ok()) return status;
  if (result_memory != nullptr) *result_memory = std::move(memory);
  return all;
}

}  // namespace ctq
