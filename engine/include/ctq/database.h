// ctq's public API: open a database, add CloudTrail logs, run SQL.
//
//   auto db = ctq::Database::Open({}).value();
//   auto report = db->AddLogs({"AWSLogs/"});
//   absl::StatusOr<ctq::QueryResult> result = db->Query("select count(*) from cloudtrail_logs");
//   if (!result.ok()) std::cerr << ctq::FormatError(sql, result.status());
//
// Thread-safety: a Database is safe for concurrent access from multiple
// threads: queries may run concurrently with each other and with AddLogs
// (each query sees the logs that were fully added before it started).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ctq/query_result.h"
#include "ctq/result_sink.h"

namespace ctq {

struct Options {
  // Worker threads for ingest and queries; 0 means all cores.
  int threads = 0;
  // Skip cache row groups that zone maps and skip indexes rule out. Turning
  // it off never changes an answer: it is for tests and measurements.
  bool prune_row_groups = true;
  // Rows per row group of logs added with AddLogs (a row group is a morsel,
  // the unit of parallel work); 0 means the default of 64 Ki. Tests set one
  // vector's worth so that every morsel is a single chunk.
  uint32_t row_group_rows = 0;
  // The memory this database's queries may hold at once: their result rows
  // (for as long as a QueryResult keeps them), hash aggregation tables, sort
  // and DISTINCT buffers. A query that would need more fails with
  // ResourceExhausted, naming what needed it. 0 means the default: half of
  // AvailableMemoryBytes() (4 GB when that cannot be told).
  uint64_t memory_limit_bytes = 0;
  // The value of current_timestamp / now() / current_date for every query,
  // in milliseconds since 1970-01-01 UTC; unset means the clock when each
  // query starts (Trino: one value per query). Set for reproducible runs
  // (`ctq --now`) and tests.
  std::optional<int64_t> now_utc_millis = std::nullopt;
};

// What the machine can give this process: physical memory, or less when a
// cgroup (a container) limits it; 0 when it cannot be told.
uint64_t AvailableMemoryBytes();

// `limit`, or when it is 0 the default memory limit (Options::memory_limit_bytes
// and ctq ingest's): half of AvailableMemoryBytes(), 4 GB when that cannot be
// told.
uint64_t ResolveMemoryLimit(uint64_t limit);

// What AddLogs did.
struct IngestReport {
  uint64_t files_read = 0;    // log files loaded (including files with 0 events)
  uint64_t digest_files = 0;  // CloudTrail-Digest files recognised and skipped
  uint64_t events = 0;
  uint64_t input_bytes = 0;
  struct Skipped {
    std::string path;
    std::string reason;
  };
  std::vector<Skipped> skipped;  // bad files, each skipped whole
  // Events kept with invalid text (bad UTF-8, a \u escape of an unpaired
  // surrogate) replaced by U+FFFD.
  uint64_t events_with_replacements = 0;
  // Values of the wrong JSON type (a string where an object belongs) stored
  // as NULL, per column: only columns with some, in schema order.
  struct TypeMismatches {
    std::string column;  // e.g. "useridentity"
    uint64_t values = 0;
  };
  std::vector<TypeMismatches> type_mismatches;
};

class Database {
 public:
  // A database in memory: AddLogs reads logs into it.
  static absl::StatusOr<std::unique_ptr<Database>> Open(const Options& options);
  // A database over the columnar cache in `cache_dir` (see ctq/cache.h). Each
  // query sees the cache as last published by `ctq ingest` / IngestIntoCache,
  // plus anything AddLogs added in memory. NotFound when there is no cache
  // there; DataLoss when its manifest or a segment footer is damaged.
  static absl::StatusOr<std::unique_ptr<Database>> OpenCache(const std::string& cache_dir,
                                                             const Options& options);
  virtual ~Database() = default;

  // Reads CloudTrail log files and directories (walked recursively) into
  // memory. A bad file is skipped and reported; the rest load. Fails only for
  // a path that does not exist.
  virtual absl::StatusOr<IngestReport> AddLogs(const std::vector<std::string>& paths) = 0;

  // Runs one SQL statement (a trailing ';' is allowed). Errors:
  // InvalidArgument (syntax, unknown name, type), Unimplemented (valid Trino
  // that ctq does not support), with the SQL position as a payload;
  // ResourceExhausted when the query needs more than
  // Options::memory_limit_bytes (or an allocation fails: std::bad_alloc
  // never leaves Query); DataLoss for a damaged cache file.
  virtual absl::StatusOr<QueryResult> Query(std::string_view sql) = 0;

  // Runs one SQL statement as Query(sql) does, but passes the result to
  // `sink` as it is made instead of building a QueryResult: sink.Begin with
  // the columns, then sink.AddRows with batches of rows in the result's
  // order (ctq/result_sink.h), so that a result far larger than
  // Options::memory_limit_bytes can be printed or written out. A plain scan
  // (no GROUP BY, aggregate, DISTINCT or ORDER BY) delivers its rows while
  // it runs, with memory bounded by a batch per worker, and stops once a
  // LIMIT's rows went out; the others build their result first (counted
  // against the limit, as in Query(sql)) and then deliver it. The rows and
  // their order are exactly Query(sql)'s. Returns the errors Query(sql)
  // does, or the sink's first error, which stops the query. Parse and bind
  // errors come before Begin; an error while the query runs may come after
  // some rows were delivered.
  virtual absl::Status Query(std::string_view sql, ResultSink& sink) = 0;

  // Number of events loaded so far (in memory and in the cache; 0 when the
  // cache cannot be read).
  virtual uint64_t event_count() const = 0;
};

// Renders an error for a person: the message and, when the status carries a
// SQL position, "LINE n:" with the statement's line and a caret under the
// offending text, e.g.
//   Unknown column: eventnme
//   LINE 1:8: select eventnme from cloudtrail_logs
//                    ^^^^^^^^
std::string FormatError(std::string_view sql, const absl::Status& status);

}  // namespace ctq
