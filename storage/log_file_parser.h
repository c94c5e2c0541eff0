// Parsing one CloudTrail log file, whole, into rows: the per-file step of
// ReadLogs (log_reader.h), also used directly by tests and the fuzzer.
//
// Shapes (each document of the file may be any of them):
//   {"Records":[event,...]}   the S3 delivery format; the key matches in any
//                             case, other top-level keys are ignored;
//   [event,...]               a bare array (`[]` is a valid empty log);
//   event                     a single event object;
//   event\nevent\n...         NDJSON: several documents separated by space.
// Outside a Records array, an object counts as an event only if it has at
// least one of eventVersion, eventTime, eventName, eventSource or eventID (in
// any case); otherwise the file is "not a CloudTrail log". An object with a
// digestPublicKeyFingerprint or digestS3Object key is a CloudTrail-Digest file.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "storage/cloudtrail_schema.h"
#include "storage/row_group.h"

namespace ctq {

struct ParsedLogFile {
  bool is_digest = false;  // a CloudTrail-Digest file; `rows` is then empty
  RowGroup rows;
  // Events kept with invalid text replaced by U+FFFD (see LogFileParser).
  uint64_t events_with_replacements = 0;
  // Per ROW column (index: presence column - kCloudTrailColumnCount): events
  // whose value there was not an object (nor null), stored as a NULL ROW.
  std::array<uint64_t, kStructCount> type_mismatches{};
};

// Real CloudTrail files inflate 4 to 15 times from gzip (measured over the
// 4,939 delivered files in ../shared/data/cloudtrail-real: median 4, at most
// 15), and their rows in memory take about as much as their JSON text. A gzip
// bomb inflates up to 1032 times, and tiny events (`{"eventID":"a"}`) take
// about 15 times their JSON text as rows, so a small file could otherwise
// become gigabytes in every worker.
inline constexpr uint64_t kDefaultMaxFileBytes = uint64_t{1} << 30;
inline constexpr uint32_t kDefaultMaxInflationRatio = 100;
// Small files may always inflate this far, whatever the ratio.
inline constexpr uint64_t kInflationFloorBytes = uint64_t{64} << 20;

// How much one file may become in memory. Its JSON text (after gzip) and,
// separately, its rows may each take at most max_file_bytes, and at most
// max_inflation_ratio times the file's size on disk or kInflationFloorBytes,
// whichever is more. A file over either limit is skipped with a reason.
struct FileLimits {
  uint64_t max_file_bytes = kDefaultMaxFileBytes;
  uint32_t max_inflation_ratio = kDefaultMaxInflationRatio;
};

// The per-file limit (FileLimits::max_file_bytes) that keeps an ingest on
// `threads` workers within `memory_limit_bytes`: a worker holds a file as
// read, its JSON text, its rows and the row group it is encoding, so about
// four times one file's limit. 0 means no memory limit (the default limit).
// Never under 1 MiB: a limit that small rejects every real file, with a
// reason that names the limit.
uint64_t MaxFileBytesForMemory(uint64_t memory_limit_bytes, int threads);

// Makes `rows` empty but keeps its buffers' capacity for reuse.
void ClearRows(RowGroup* rows);

// Parses files one at a time, reusing its simdjson parser, decompressor and
// buffers. Not thread-safe: ReadLogs keeps one per worker thread.
//
// simdjson stays out of this header: its classes change layout with
// SIMDJSON_THREADS_ENABLED, which users of this header need not define alike.
//
// Lenient text: invalid UTF-8 and \u escapes of unpaired surrogates (`"\ud800"`)
// make simdjson reject the whole file. So a file that fails that way is parsed
// again from a repaired copy of its text, in which each ill-formed UTF-8
// sequence (each maximal subpart, as Java's decoder and Trino count them) and
// each such escape is U+FFFD; its events are kept and those with a
// replacement counted. Structurally broken JSON is still skipped whole.
class LogFileParser {
 public:
  explicit LogFileParser(FileLimits limits = {});
  ~LogFileParser();
  LogFileParser(const LogFileParser&) = delete;
  LogFileParser& operator=(const LogFileParser&) = delete;

  // Reads and parses the file at `path` into `*file`, replacing what it held
  // but reusing its buffers (a worker parses many small files; allocating
  // their columns afresh each time was a sixth of parse time). On error the
  // status message is the reason to report: the file is skipped whole and
  // `*file` holds nothing of it. `*bytes_read` is set to the number of bytes
  // read from disk, also when parsing then fails. The rows' partition
  // columns hold what `path` tells (storage/delivery_path.h), NULL outside
  // the delivery layout.
  absl::Status ParseFile(const std::string& path, ParsedLogFile* file, uint64_t* bytes_read);

  // Parses the contents of a file (plain or gzip), as ParseFile does; with no
  // path, the partition columns are NULL.
  absl::Status ParseBytes(std::string_view contents, ParsedLogFile* file);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ctq
