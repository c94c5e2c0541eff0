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

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "storage/row_group.h"

namespace ctq {

struct ParsedLogFile {
  bool is_digest = false;  // a CloudTrail-Digest file; `rows` is then empty
  RowGroup rows;
};

// Makes `rows` empty but keeps its buffers' capacity for reuse.
void ClearRows(RowGroup* rows);

// Parses files one at a time, reusing its simdjson parser, decompressor and
// buffers. Not thread-safe: ReadLogs keeps one per worker thread.
//
// simdjson stays out of this header: its classes change layout with
// SIMDJSON_THREADS_ENABLED, which users of this header need not define alike.
class LogFileParser {
 public:
  LogFileParser();
  ~LogFileParser();
  LogFileParser(const LogFileParser&) = delete;
  LogFileParser& operator=(const LogFileParser&) = delete;

  // Reads and parses the file at `path` into `*file`, replacing what it held
  // but reusing its buffers (a worker parses many small files; allocating
  // their columns afresh each time was a sixth of parse time). On error the
  // status message is the reason to report: the file is skipped whole and
  // `*file` holds nothing of it. `*bytes_read` is set to the number of bytes
  // read from disk, also when parsing then fails.
  absl::Status ParseFile(const std::string& path, ParsedLogFile* file, uint64_t* bytes_read);

  // Parses the contents of a file (plain or gzip), as ParseFile does.
  absl::Status ParseBytes(std::string_view contents, ParsedLogFile* file);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ctq
