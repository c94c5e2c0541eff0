// Reading CloudTrail log files (as delivered to S3, and the other shapes
// people keep them in) into in-memory row groups.
//
// Shapes: `{"Records":[event,...]}`, a bare JSON array of events, a single
// event object, NDJSON (one event per line); plain or gzip (detected by magic
// bytes, not the name). Directories are walked recursively and take *.json,
// *.json.gz, *.jsonl, *.ndjson (and .gz of these); a file named explicitly is
// read whatever its name. CloudTrail-Digest files are recognised and skipped.
//
// Values map to columns as ../shared/SQL-DIALECT.md says: keys match columns
// case-insensitively, unknown keys are ignored, missing or null → NULL, strings
// unescaped, booleans 'true'/'false', numbers as written, objects and arrays as
// compact JSON text.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ctq/cache.h"
#include "storage/event_dedup.h"
#include "storage/log_file_parser.h"
#include "storage/row_group.h"

namespace ctq {

struct LogReadOptions {
  // Worker threads for decompression and parsing; 0 = all cores.
  int threads = 0;
  uint32_t row_group_rows = kDefaultRowGroupRows;
  // How much one file may become in memory (FileLimits, log_file_parser.h):
  // a file whose JSON text or rows pass max_file_bytes, or pass
  // max_inflation_ratio times its size on disk (and 64 MiB), is skipped.
  uint64_t max_file_bytes = kDefaultMaxFileBytes;
  uint32_t max_inflation_ratio = kDefaultMaxInflationRatio;
  // When set, each event whose eventID is in it already is dropped, and the
  // others' are added (event_dedup.h); shared by the workers.
  EventIdSet* dedup = nullptr;
};

// Values that were loaded, but not as written (see ParsedLogFile).
struct ValueIssues {
  uint64_t events_with_replacements = 0;
  std::array<uint64_t, kStructCount> type_mismatches{};  // per ROW column

  void Add(const ValueIssues& other);
  void Add(const ParsedLogFile& file);
};

// Adds `issues` to the counts of `report` (IngestReport's own words).
void AddValueIssues(const ValueIssues& issues, IngestReport* report);

// A file that was not loaded, and why (e.g. "gzip data is truncated",
// "malformed JSON at byte 1234: ...", "not CloudTrail: no events found").
struct SkippedFile {
  std::string path;
  std::string reason;
};

struct LogReadResult {
  Table table;
  uint64_t files_read = 0;      // files whose events were loaded (incl. 0-event files)
  uint64_t digest_files = 0;    // CloudTrail-Digest files recognised and skipped
  uint64_t events = 0;
  uint64_t input_bytes = 0;     // bytes read from disk (compressed)
  std::vector<SkippedFile> skipped;
  ValueIssues issues;  // of the files read
};

// A log file as found on disk, before it is read.
struct LogFileInfo {
  std::string path;
  uint64_t size = 0;      // 0 when it cannot be stat'ed (reading it will say why)
  int64_t mtime_ns = 0;
};

// Stats `paths` (one LogFileInfo each, in order).
std::vector<LogFileInfo> StatLogFiles(const std::vector<std::string>& paths);

// The files are read in *runs*: stretches of consecutive files that one
// worker turns into row groups of its own (groups never span runs). A run's
// boundaries depend only on the list of files and their sizes, so the row
// groups do not depend on the number of threads.
struct LogRun {
  size_t index = 0;  // runs are numbered 0, 1, ... in file order
  std::vector<std::shared_ptr<const RowGroup>> row_groups;  // in order
  std::vector<LogFileInfo> files;  // loaded (with 0 events or more), in order
  std::vector<uint64_t> file_events;  // events of each loaded file
  std::vector<SkippedFile> skipped;
  uint64_t digest_files = 0;
  uint64_t events = 0;
  uint64_t input_bytes = 0;
  ValueIssues issues;  // of the loaded files
  uint64_t duplicates_dropped = 0;  // LogReadOptions::dedup; not in `events`
};

// Called on a worker thread, once per run, when the run is read; runs finish
// in any order. An error stops the read (ReadLogRuns returns the first one).
using LogRunSink = std::function<absl::Status(LogRun run)>;

// Called on a worker thread with each row group of a run as soon as it is
// full, in the run's order, before the run's sink call. It may take the group
// (and encode it elsewhere) and leave it null, so that ingest into the cache
// holds one row group per worker, not the whole table. May be empty.
using RowGroupSink =
    std::function<absl::Status(size_t run, std::shared_ptr<const RowGroup>* group)>;

// Reads `files` (as listed, not discovered) in runs on `options.threads`
// workers. Bad files are skipped and listed in their run. `progress` (may be
// null) counts files, bytes and events as they are read.
absl::Status ReadLogRuns(const std::vector<LogFileInfo>& files, const LogReadOptions& options,
                         const RowGroupSink& on_row_group, const LogRunSink& on_run,
                         IngestProgress* progress);

// Reads every log file under `paths` (files or directories). A bad file is
// skipped whole (never a partial file) and listed in `skipped`; the other files
// all load. Errors only for unusable arguments, e.g. a path that does not exist
// (NotFound, naming the path).
// Thread-safety: safe to call concurrently; it uses its own worker threads.
absl::StatusOr<LogReadResult> ReadLogs(const std::vector<std::string>& paths,
                                       const LogReadOptions& options);

}  // namespace ctq
