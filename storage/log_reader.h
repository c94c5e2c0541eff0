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

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/row_group.h"

namespace ctq {

struct LogReadOptions {
  // Worker threads for decompression and parsing; 0 = all cores.
  int threads = 0;
  uint32_t row_group_rows = kDefaultRowGroupRows;
};

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
};

// Reads every log file under `paths` (files or directories). A bad file is
// skipped whole (never a partial file) and listed in `skipped`; the other files
// all load. Errors only for unusable arguments, e.g. a path that does not exist
// (NotFound, naming the path).
// Thread-safety: safe to call concurrently; it uses its own worker threads.
absl::StatusOr<LogReadResult> ReadLogs(const std::vector<std::string>& paths,
                                       const LogReadOptions& options);

}  // namespace ctq
