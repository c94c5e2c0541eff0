// The in-memory Database: logs read with storage's ReadLogs, queries bound by
// the binder and run by exec's plan executor.
#include "ctq/database.h"

#include <chrono>
#include <mutex>
#include <new>
#include <thread>

#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
#include "ctq/result_sink.h"
#include "engine/binder.h"
#include "engine/explain.h"
#include "engine/result_collector.h"
#include "engine/show_statement.h"
#include "exec/memory_budget.h"
#include "exec/plan_executor.h"
#include "parser/parser.h"
#include "storage/cache_view.h"
#include "storage/log_reader.h"

namespace ctq {
namespace {

int ResolveThreads(int threads) {
  if (threads > 0) return threads;
  unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : static_cast<int>(cores);
}

// The table for queries without FROM: one row, no columns.
std::shared_ptr<const Table> OneRowTable() {
  static const auto* table = [] {
    auto* t = new Table();
    auto group = std::make_shared<RowGroup>();
    group->row_count = 1;
    t->row_groups.push_back(std::move(group));
    return t;
  }();
  return std::shared_ptr<const Table>(std::shared_ptr<const Table>(), table);
}

// Logs read into memory, optionally on top of a cache.
class InMemoryDatabase : public Database {
 public:
  InMemoryDatabase(const Options& options, std::unique_ptr<CacheView> cache)
      : threads_(ResolveThreads(options.threads)),
        prune_(options.prune_row_groups),
        now_(options.now_utc_millis),
        row_group_rows_(options.row_group_rows),
        memory_(std::make_shared<MemoryBudget>(ResolveMemoryLimit(options.memory_limit_bytes))),
        pool_(threads_),
        cache_(std::move(cache)),
        table_(std::make_shared<Table>()) {}

  absl::StatusOr<IngestReport> AddLogs(const std::vector<std::string>& paths) override {
    try {
      return AddLogsOrThrow(paths);
    } catch (const std::bad_alloc&) {
      return AllocationFailedError(memory_.get());
    }
  }

  // The materialising Query is the streaming one with a sink that keeps the
  // rows: one executor, and the same answer either way.
  absl::StatusOr<QueryResult> Query(std::string_view sql) override {
    ResultCollector collector(memory_);
    CTQ_RETURN_IF_ERROR(Query(sql, collector));
    return collector.Take();
  }

  absl::Status Query(std::string_view sql, ResultSink& sink) override {
    try {
      return QueryOrThrow(sql, sink);
    } catch (const std::bad_alloc&) {
      return AllocationFailedError(memory_.get());
    }
  }

  uint64_t event_count() const override {
    absl::StatusOr<std::shared_ptr<const Table>> table = Snapshot();
    return table.ok() ? (*table)->row_count() : 0;
  }

 private:
  absl::StatusOr<IngestReport> AddLogsOrThrow(const std::vector<std::string>& paths) {
    LogReadOptions read_options;
    read_options.threads = threads_;
    if (row_group_rows_ > 0) read_options.row_group_rows = row_group_rows_;
    CTQ_ASSIGN_OR_RETURN(LogReadResult read, ReadLogs(paths, read_options));
    IngestReport report;
    report.files_read = read.files_read;
    report.digest_files = read.digest_files;
    report.events = read.events;
    report.input_bytes = read.input_bytes;
    AddValueIssues(read.issues, &report);
    for (const SkippedFile& skipped : read.skipped) {
      report.skipped.push_back({skipped.path, skipped.reason});
    }
    // Publish a new immutable table: running queries keep the old snapshot.
    std::lock_guard<std::mutex> lock(mutex_);
    auto table = std::make_shared<Table>(*table_);
    for (auto& group : read.table.row_groups) table->row_groups.push_back(std::move(group));
    table_ = std::move(table);
    return report;
  }

  absl::Status QueryOrThrow(std::string_view sql, ResultSink& sink) {
    CTQ_ASSIGN_OR_RETURN(std::unique_ptr<Statement> statement, ParseStatement(sql));
    if (statement->kind == StatementKind::kShow) {
      CTQ_ASSIGN_OR_RETURN(QueryResult result, RunShowStatement(statement->show));
      return SendResult(result, sink);
    }
    const int64_t now = now_.has_value() ? *now_ : absl::ToUnixMillis(absl::Now());
    CTQ_ASSIGN_OR_RETURN(BoundQuery query, Bind(statement->select, sql, now));
    std::shared_ptr<const Table> table = OneRowTable();
    if (query.has_table) {
      CTQ_ASSIGN_OR_RETURN(table, Snapshot());
    }
    ExecutionOptions options;
    options.threads = threads_;
    options.prune = prune_;
    options.pool = &pool_;
    options.memory = memory_.get();
    if (statement->kind == StatementKind::kExplain) {
      return SendResult(TextResult(ExplainPlan(query, *table, options, nullptr, 0)), sink);
    }
    if (statement->kind == StatementKind::kExplainAnalyze) {
      // The rows are counted and dropped as they come: the plan is the answer.
      ExecutionStats stats;
      auto start = std::chrono::steady_clock::now();
      CTQ_RETURN_IF_ERROR(ExecutePlan(query.plan, *table, options, &stats,
                                      [](Rows) { return absl::OkStatus(); }));
      double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      return SendResult(TextResult(ExplainPlan(query, *table, options, &stats, seconds)), sink);
    }
    CTQ_RETURN_IF_ERROR(sink.Begin(query.columns));
    return ExecutePlan(query.plan, *table, options, nullptr,
                       [&sink](Rows rows) { return sink.AddRows(std::move(rows)); });
  }

  // The table a query runs over: what is in memory, then the cache as of now.
  absl::StatusOr<std::shared_ptr<const Table>> Snapshot() const {
    std::shared_ptr<const Table> memory;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      memory = table_;
    }
    if (cache_ == nullptr) return memory;
    CTQ_ASSIGN_OR_RETURN(std::shared_ptr<const CacheSnapshot> cached, cache_->Current());
    if (memory->row_groups.empty()) {
      // Share the snapshot's table; the aliasing pointer keeps the snapshot
      // (and so its open segments) alive as long as the query runs.
      return std::shared_ptr<const Table>(cached, cached->table.get());
    }
    auto both = std::make_shared<Table>(*memory);
    both->stored_groups = cached->table->stored_groups;
    return std::shared_ptr<const Table>(std::move(both));
  }

  static QueryResult TextResult(const std::string& text) {
    std::vector<std::vector<Value>> rows;
    for (absl::string_view line : absl::StrSplit(text, '\n', absl::SkipEmpty())) {
      rows.push_back({Value::Varchar(ToStd(line))});
    }
    return QueryResult({{"Query Plan", TypeId::kVarchar}}, std::move(rows));
  }

  const int threads_;
  const bool prune_;
  const std::optional<int64_t> now_;
  const uint32_t row_group_rows_;
  // Shared by every query; results keep their share (and the budget) until
  // they are destroyed.
  std::shared_ptr<MemoryBudget> memory_;
  WorkerPool pool_;  // the query threads, started once
  const std::unique_ptr<CacheView> cache_;  // null: memory only
  mutable std::mutex mutex_;
  std::shared_ptr<const Table> table_;
};

}  // namespace

// Half of what the machine can give, so that the rest (the OS, the page cache
// that reading the cache relies on, other processes) keeps room.
uint64_t ResolveMemoryLimit(uint64_t limit) {
  if (limit > 0) return limit;
  const uint64_t available = AvailableMemoryBytes();
  return available > 0 ? available / 2 : uint64_t{4} << 30;
}

absl::StatusOr<std::unique_ptr<Database>> Database::Open(const Options& options) {
  if (options.threads < 0) return absl::InvalidArgumentError("threads must be >= 0");
  return std::unique_ptr<Database>(new InMemoryDatabase(options, nullptr));
}

absl::StatusOr<std::unique_ptr<Database>> Database::OpenCache(const std::string& cache_dir,
                                                              const Options& options) {
  if (options.threads < 0) return absl::InvalidArgumentError("threads must be >= 0");
  CTQ_ASSIGN_OR_RETURN(std::unique_ptr<CacheView> cache, CacheView::Open(cache_dir));
  return std::unique_ptr<Database>(new InMemoryDatabase(options, std::move(cache)));
}

}  // namespace ctq
