#include "storage/log_file_parser.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <new>
#include <utility>
#include <vector>

#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
#include "simdjson.h"
#include "storage/ascii_case.h"
#include "storage/delivery_path.h"
#include "storage/event_parser.h"
#include "storage/gzip_reader.h"
#include "storage/json_error.h"
#include "storage/padded_buffer.h"

namespace ctq {
namespace {

namespace ondemand = simdjson::ondemand;
using simdjson::error_code;

// Buffers and parser capacity above this are freed after the file, so that
// one huge file does not pin its memory in every worker for the whole run.
constexpr size_t kMaxRetainedBytes = size_t{64} << 20;

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view JsonTypeName(ondemand::json_type type) {
  switch (type) {
    case ondemand::json_type::array:
      return "an array";
    case ondemand::json_type::object:
      return "an object";
    case ondemand::json_type::number:
      return "a number";
    case ondemand::json_type::string:
      return "a string";
    case ondemand::json_type::boolean:
      return "a boolean";
    case ondemand::json_type::null:
      return "null";
  }
  return "a value of unknown type";
}

absl::Status NotCloudTrail(std::string_view why) {
  return absl::InvalidArgumentError(StrCat("not a CloudTrail log: ", why));
}

// Drops the rows after the first `row_count`.
void TruncateRows(RowGroup* rows, uint32_t row_count) {
  for (StringColumnData& column : rows->columns) {
    column.offsets.resize(row_count + 1);
    column.bytes.resize(column.offsets[row_count]);
    column.valid.resize(row_count);
  }
  rows->row_count = row_count;
}

// Rows in memory: what a file's events cost, whatever their JSON text was.
uint64_t RowBytes(const RowGroup& rows) {
  uint64_t bytes = 0;
  for (const StringColumnData& column : rows.columns) {
    bytes += column.bytes.size() + column.offsets.size() * sizeof(uint32_t) + column.valid.size();
  }
  return bytes;
}

// Rows are measured every this many events, not after each.
constexpr uint32_t kRowCheckInterval = 1024;

// "64 MiB", "456.3 MiB", "4096 bytes": exact where the limit is round.
std::string FormatLimit(uint64_t bytes) {
  constexpr uint64_t kMiB = uint64_t{1} << 20;
  if (bytes % (kMiB << 10) == 0) return StrCat(bytes / (kMiB << 10), " GiB");
  if (bytes % kMiB == 0) return StrCat(bytes / kMiB, " MiB");
  if (bytes < kMiB) return StrCat(bytes, " bytes");
  const uint64_t tenths = (bytes * 10 + kMiB / 2) / kMiB;
  return StrCat(tenths / 10, ".", tenths % 10, " MiB");
}

// Where a per-file limit under the default comes from, for the user who
// must raise it.
std::string_view LimitOrigin(uint64_t max_bytes) {
  return max_bytes < kDefaultMaxFileBytes ? " (set by the memory limit: raise --memory-limit)" : "";
}

// Reads all of `path` into `out`; the caller decides what the bytes are.
absl::Status ReadWholeFile(const std::string& path, uint64_t max_bytes, PaddedBuffer* out) {
  // O_NONBLOCK: a FIFO put in place of a log must not block the open.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return absl::ErrnoToStatus(errno, "cannot open file");
  struct stat info;
  absl::Status status;
  if (::fstat(fd, &info) != 0) {
    status = absl::ErrnoToStatus(errno, "cannot stat file");
  } else if (!S_ISREG(info.st_mode)) {
    status = absl::InvalidArgumentError("not a regular file");
  } else if (static_cast<uint64_t>(info.st_size) > max_bytes) {
    status = absl::InvalidArgumentError(StrCat("the file's ", info.st_size, " bytes pass the ",
                                               FormatLimit(max_bytes), " limit for one file",
                                               LimitOrigin(max_bytes)));
  } else {
    out->Resize(static_cast<size_t>(info.st_size));
    size_t done = 0;
    while (done < out->size()) {
      ssize_t got = ::read(fd, out->data() + done, out->size() - done);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) {
        status = absl::ErrnoToStatus(errno, "cannot read file");
        break;
      }
      if (got == 0) break;  // the file shrank while we read it
      done += static_cast<size_t>(got);
    }
    out->Resize(done);
  }
  ::close(fd);
  return status;
}

}  // namespace

// The parser's state and steps; see LogFileParser.
class LogFileParser::Impl {
 public:
  absl::Status ParseFile(const std::string& path, ParsedLogFile* file, uint64_t* bytes_read);
  explicit Impl(FileLimits limits) : limits_(limits) {}
  absl::Status ParseBytes(std::string_view contents, ParsedLogFile* file);

 private:

  absl::Status ParseLoaded(ParsedLogFile* file);
  // Empties `file` and the counts for a (new) parse of its text.
  void Reset(ParsedLogFile* file);
  // The most bytes that the JSON text, and the rows, of a file of
  // `disk_bytes_` may take (FileLimits); and the reason for passing it.
  uint64_t InflationLimit() const;
  absl::Status OverLimit(std::string_view what) const;
  absl::Status CheckRows(const RowGroup& rows) const;
  // The offset in json_ where `doc` stands (the end of the text if unknown).
  size_t Location(ondemand::document_reference& doc) const;
  // Whether a repair of the text lies in [begin, end); repairs before
  // `begin` lie outside any event and are passed over.
  bool TakeRepairs(size_t begin, size_t end);
  absl::Status ParseJson(std::string_view json, ParsedLogFile* file);
  absl::Status ParseDocument(ondemand::document_reference& doc, size_t doc_number,
                             ParsedLogFile* file);
  absl::Status ParseTopObject(ondemand::document_reference& doc, ParsedLogFile* file);
  absl::Status ParseEventArray(ondemand::document_reference& doc, ondemand::array& array,
                               bool require_event_key, std::string_view what, RowGroup* rows);
  absl::Status Malformed(ondemand::document_reference& doc, error_code error);
  absl::Status MalformedAt(size_t offset, std::string_view problem) const;
  // Drops the rows of a skipped file and frees buffers grown too large.
  void Finish(const absl::Status& status, ParsedLogFile* file);

  const FileLimits limits_;
  uint64_t disk_bytes_ = 0;  // the size of the file being parsed, as read
  ondemand::parser parser_;
  GzipDecompressor gzip_;
  PaddedBuffer file_bytes_;  // the file as read
  PaddedBuffer json_bytes_;  // its decompressed contents, when gzip
  EventParser event_;        // events of arrays
  EventParser top_event_;    // a top-level object that may be an event
  // The JSON text being parsed and where its current document starts, for
  // byte offsets in error messages.
  std::string_view json_;
  size_t doc_start_ = 0;
  bool decompressed_ = false;  // offsets then refer to the decompressed text
  // Why the last parse failed, when simdjson said.
  error_code failure_ = simdjson::SUCCESS;
  // While a repaired copy of the text is parsed: the copy, its repairs (for
  // offsets in messages, and to count the events they fall in), the first
  // repair not yet passed, and the events with one.
  PaddedBuffer repaired_bytes_;
  std::vector<TextRepair> repairs_;
  size_t next_repair_ = 0;
  uint64_t events_with_replacements_ = 0;
};

void ClearRows(RowGroup* rows) { TruncateRows(rows, 0); }

uint64_t MaxFileBytesForMemory(uint64_t memory_limit_bytes, int threads) {
  if (memory_limit_bytes == 0) return kDefaultMaxFileBytes;
  constexpr uint64_t kCopiesPerWorker = 4;
  constexpr uint64_t kFloor = uint64_t{1} << 20;
  const uint64_t share = memory_limit_bytes / std::max(threads, 1) / kCopiesPerWorker;
  return std::clamp(share, kFloor, kDefaultMaxFileBytes);
}

LogFileParser::LogFileParser(FileLimits limits) : impl_(std::make_unique<Impl>(limits)) {}
LogFileParser::~LogFileParser() = default;

absl::Status LogFileParser::ParseFile(const std::string& path, ParsedLogFile* file,
                                      uint64_t* bytes_read) {
  return impl_->ParseFile(path, file, bytes_read);
}

absl::Status LogFileParser::ParseBytes(std::string_view contents, ParsedLogFile* file) {
  return impl_->ParseBytes(contents, file);
}

absl::Status LogFileParser::Impl::ParseFile(const std::string& path, ParsedLogFile* file,
                                            uint64_t* bytes_read) {
  *bytes_read = 0;
  Reset(file);
  absl::Status status;
  try {
    status = ReadWholeFile(path, std::min(limits_.max_file_bytes, kMaxJsonBytes), &file_bytes_);
    if (status.ok()) {
      *bytes_read = file_bytes_.size();
      disk_bytes_ = file_bytes_.size();
      status = ParseLoaded(file);
    }
  } catch (const std::bad_alloc&) {
    status = absl::ResourceExhaustedError("out of memory while reading the file");
  }
  Finish(status, file);
  if (status.ok() && file->rows.row_count > 0) {
    // Absolute, so that `--logs` of a relative path inside AWSLogs/ gives the
    // values an ingest (which resolves its paths) gives.
    std::error_code error;
    const std::filesystem::path absolute = std::filesystem::absolute(path, error);
    SetPartitionColumns(ParseDeliveryPath(error ? path : absolute.string()), &file->rows);
  }
  return status;
}

absl::Status LogFileParser::Impl::ParseBytes(std::string_view contents, ParsedLogFile* file) {
  Reset(file);
  const uint64_t max_bytes = std::min(limits_.max_file_bytes, kMaxJsonBytes);
  if (contents.size() > max_bytes) {
    return absl::InvalidArgumentError(StrCat("the file's ", contents.size(), " bytes pass the ",
                                             FormatLimit(max_bytes), " limit for one file",
                                             LimitOrigin(max_bytes)));
  }
  disk_bytes_ = contents.size();
  absl::Status status;
  try {
    file_bytes_.Resize(contents.size());
    if (!contents.empty()) std::memcpy(file_bytes_.data(), contents.data(), contents.size());
    status = ParseLoaded(file);
  } catch (const std::bad_alloc&) {
    status = absl::ResourceExhaustedError("out of memory while reading the file");
  }
  Finish(status, file);
  return status;
}

void LogFileParser::Impl::Finish(const absl::Status& status, ParsedLogFile* file) {
  if (!status.ok() || file->is_digest) {
    file->rows = RowGroup();  // nothing of a skipped file, and no stale capacity
  }
  if (status.ok()) {
    file->events_with_replacements = events_with_replacements_;
    for (int k = 0; k < kStructCount; k++) {
      file->type_mismatches[k] = event_.type_mismatches()[k] + top_event_.type_mismatches()[k];
    }
  }
  file_bytes_.Shrink(kMaxRetainedBytes);
  json_bytes_.Shrink(kMaxRetainedBytes);
  repaired_bytes_.Shrink(0);  // rarely needed: never kept
  repairs_.clear();
  repairs_.shrink_to_fit();
  if (parser_.capacity() > kMaxRetainedBytes) parser_ = ondemand::parser();
}

void LogFileParser::Impl::Reset(ParsedLogFile* file) {
  file->is_digest = false;
  ClearRows(&file->rows);
  file->events_with_replacements = 0;
  file->type_mismatches.fill(0);
  event_.ResetCounts();
  top_event_.ResetCounts();
  next_repair_ = 0;
  events_with_replacements_ = 0;
}

uint64_t LogFileParser::Impl::InflationLimit() const {
  const uint64_t by_ratio = std::max(
      kInflationFloorBytes, disk_bytes_ * std::max<uint64_t>(limits_.max_inflation_ratio, 1));
  return std::min({by_ratio, limits_.max_file_bytes, kMaxJsonBytes});
}

absl::Status LogFileParser::Impl::OverLimit(std::string_view what) const {
  const uint64_t limit = InflationLimit();
  if (limit == limits_.max_file_bytes || limit == kMaxJsonBytes) {
    return absl::InvalidArgumentError(
        StrCat(what, " ", FormatLimit(limit), ", the limit for one file", LimitOrigin(limit)));
  }
  return absl::InvalidArgumentError(StrCat(what, " ", FormatLimit(limit), ", over ",
                                           limits_.max_inflation_ratio, " times the file's ",
                                           disk_bytes_,
                                           " bytes (real CloudTrail logs inflate at most about "
                                           "15 times): a decompression bomb?"));
}

absl::Status LogFileParser::Impl::CheckRows(const RowGroup& rows) const {
  if (RowBytes(rows) <= InflationLimit()) return absl::OkStatus();
  return OverLimit("its events take more memory than");
}

absl::Status LogFileParser::Impl::ParseLoaded(ParsedLogFile* file) {
  std::string_view contents(file_bytes_.data(), file_bytes_.size());
  std::string_view json = contents;
  decompressed_ = IsGzip(contents);
  if (decompressed_) {
    absl::Status status = gzip_.Decompress(contents, InflationLimit(), &json_bytes_);
    if (absl::IsOutOfRange(status)) return OverLimit("gzip data inflates past");
    if (!status.ok()) return status;
    json = std::string_view(json_bytes_.data(), json_bytes_.size());
  }
  repairs_.clear();
  absl::Status status = ParseJson(json, file);
  if (status.ok() || (failure_ != simdjson::UTF8_ERROR && failure_ != simdjson::STRING_ERROR)) {
    return status;
  }
  // Bad text in a value: parse again from a repaired copy (LogFileParser).
  if (!RepairJsonText(json, &repaired_bytes_, &repairs_)) return status;
  if (repaired_bytes_.size() > kMaxJsonBytes) return status;
  Reset(file);
  return ParseJson(std::string_view(repaired_bytes_.data(), repaired_bytes_.size()), file);
}

size_t LogFileParser::Impl::Location(ondemand::document_reference& doc) const {
  const char* location = nullptr;
  if (!doc.current_location().get(location) && location >= json_.data() &&
      location <= json_.data() + json_.size()) {
    return static_cast<size_t>(location - json_.data());
  }
  return json_.size();
}

bool LogFileParser::Impl::TakeRepairs(size_t begin, size_t end) {
  while (next_repair_ < repairs_.size() && repairs_[next_repair_].offset < begin) next_repair_++;
  bool any = false;
  while (next_repair_ < repairs_.size() && repairs_[next_repair_].offset < end) {
    any = true;
    next_repair_++;
  }
  return any;
}

absl::Status LogFileParser::Impl::ParseJson(std::string_view json, ParsedLogFile* file) {
  json_ = json;
  doc_start_ = 0;
  failure_ = simdjson::SUCCESS;
  // simdjson leaves a UTF-8 byte order mark to the caller; some Windows tools
  // write one.
  size_t start = json.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  if (std::all_of(json.begin() + start, json.end(), IsJsonSpace)) {
    return absl::InvalidArgumentError("empty file");
  }
  // One batch holds the whole text, so that one document or many (NDJSON)
  // parse the same way. Rounding up lets the parser keep its allocation for
  // files of similar size.
  size_t size = json.size() - start;
  size_t batch = std::max<size_t>(std::bit_ceil(size), size_t{1} << 16);
  batch = std::min<size_t>(batch, simdjson::SIMDJSON_MAXSIZE_BYTES);
  ondemand::document_stream stream;
  if (error_code error = parser_.iterate_many(json.data() + start, size, batch).get(stream)) {
    return MalformedAt(start, DescribeJsonError(error));
  }
  size_t doc_number = 0;
  for (auto it = stream.begin(); it != stream.end(); ++it) {
    doc_start_ = start + it.current_index();
    ondemand::document_reference doc;
    if (error_code error = (*it).get(doc)) {
      failure_ = error;
      // Errors of the first stage cover the whole batch; find the byte.
      size_t offset = std::string_view::npos;
      if (error == simdjson::UTF8_ERROR) offset = FindInvalidUtf8(json);
      if (error == simdjson::UNESCAPED_CHARS) offset = FindUnescapedControl(json);
      if (error == simdjson::UTF8_ERROR && offset != std::string_view::npos) {
        return absl::InvalidArgumentError(StrCat("invalid UTF-8 at byte ", offset,
                                                 decompressed_ ? " of the decompressed data" : ""));
      }
      return MalformedAt(offset == std::string_view::npos ? doc_start_ : offset,
                         DescribeJsonError(error));
    }
    doc_number++;
    absl::Status status = ParseDocument(doc, doc_number, file);
    if (!status.ok()) return status;
    if (file->rows.row_count % kRowCheckInterval == 0) CTQ_RETURN_IF_ERROR(CheckRows(file->rows));
  }
  CTQ_RETURN_IF_ERROR(CheckRows(file->rows));
  if (size_t truncated = stream.truncated_bytes(); truncated > 0) {
    return MalformedAt(json.size() - truncated, "incomplete or unbalanced JSON document");
  }
  return absl::OkStatus();
}

absl::Status LogFileParser::Impl::ParseDocument(ondemand::document_reference& doc,
                                                size_t doc_number, ParsedLogFile* file) {
  ondemand::json_type type;
  if (error_code error = doc.type().get(type)) return Malformed(doc, error);
  if (type == ondemand::json_type::object) return ParseTopObject(doc, file);
  if (type != ondemand::json_type::array) {
    return NotCloudTrail(
        StrCat("document ", doc_number, " is ", JsonTypeName(type), ", not an object or array"));
  }
  ondemand::array array;
  if (error_code error = doc.get_array().get(array)) return Malformed(doc, error);
  return ParseEventArray(doc, array, /*require_event_key=*/true, "array element", &file->rows);
}

absl::Status LogFileParser::Impl::ParseTopObject(ondemand::document_reference& doc,
                                                 ParsedLogFile* file) {
  ondemand::object object;
  if (error_code error = doc.get_object().get(object)) return Malformed(doc, error);
  RowGroup* rows = &file->rows;
  top_event_.Begin();
  bool has_records = false;
  bool is_digest = false;
  uint32_t records_start = rows->row_count;
  for (auto field_result : object) {
    ondemand::field field;
    if (error_code error = std::move(field_result).get(field)) return Malformed(doc, error);
    std::string_view key;
    if (error_code error = field.unescaped_key().get(key)) return Malformed(doc, error);
    ondemand::value& value = field.value();
    if (EqualsIgnoreAsciiCase(key, "Records")) {
      ondemand::json_type type;
      if (error_code error = value.type().get(type)) return Malformed(doc, error);
      if (type != ondemand::json_type::array) {
        return NotCloudTrail(StrCat("Records is ", JsonTypeName(type), ", not an array"));
      }
      ondemand::array array;
      if (error_code error = value.get_array().get(array)) return Malformed(doc, error);
      if (has_records) TruncateRows(rows, records_start);
      records_start = rows->row_count;
      has_records = true;
      absl::Status status =
          ParseEventArray(doc, array, /*require_event_key=*/false, "Records element", rows);
      if (!status.ok()) return status;
      continue;
    }
    if (EqualsIgnoreAsciiCase(key, "digestPublicKeyFingerprint") ||
        EqualsIgnoreAsciiCase(key, "digestS3Object")) {
      is_digest = true;
    }
    if (error_code error = top_event_.AddField(key, value)) return Malformed(doc, error);
  }
  if (has_records) return absl::OkStatus();
  if (is_digest) {
    file->is_digest = true;
    return absl::OkStatus();
  }
  if (!top_event_.has_event_key()) {
    return NotCloudTrail(
        "an object with no Records array and none of eventVersion, eventTime, eventName, "
        "eventSource, eventID");
  }
  if (error_code error = top_event_.Commit(rows)) return Malformed(doc, error);
  if (!repairs_.empty() && TakeRepairs(doc_start_, Location(doc))) events_with_replacements_++;
  return absl::OkStatus();
}

absl::Status LogFileParser::Impl::ParseEventArray(ondemand::document_reference& doc,
                                                  ondemand::array& array, bool require_event_key,
                                                  std::string_view what, RowGroup* rows) {
  size_t index = 0;
  for (auto element_result : array) {
    ondemand::value element;
    if (error_code error = std::move(element_result).get(element)) return Malformed(doc, error);
    ondemand::json_type type;
    if (error_code error = element.type().get(type)) return Malformed(doc, error);
    if (type != ondemand::json_type::object) {
      return NotCloudTrail(StrCat(what, " ", index, " is ", JsonTypeName(type), ", not an object"));
    }
    const size_t begin = repairs_.empty() ? 0 : Location(doc);
    if (error_code error = event_.ParseEvent(element, rows)) return Malformed(doc, error);
    if (!repairs_.empty() && TakeRepairs(begin, Location(doc))) events_with_replacements_++;
    if (rows->row_count % kRowCheckInterval == 0) CTQ_RETURN_IF_ERROR(CheckRows(*rows));
    if (require_event_key && !event_.has_event_key()) {
      return NotCloudTrail(
          StrCat(what, " ", index,
                 " has none of eventVersion, eventTime, eventName, eventSource, eventID"));
    }
    index++;
  }
  return absl::OkStatus();
}

absl::Status LogFileParser::Impl::Malformed(ondemand::document_reference& doc,
                                            error_code error) {
  failure_ = error;
  size_t offset = doc_start_;
  const char* location = nullptr;
  if (!doc.current_location().get(location) && location >= json_.data() &&
      location <= json_.data() + json_.size()) {
    offset = static_cast<size_t>(location - json_.data());
  }
  return MalformedAt(offset, DescribeJsonError(error));
}

absl::Status LogFileParser::Impl::MalformedAt(size_t offset, std::string_view problem) const {
  // In a repaired copy, name the byte of the file as it is.
  if (!repairs_.empty()) offset = OriginalOffset(repairs_, offset);
  return absl::InvalidArgumentError(StrCat("malformed JSON near byte ", offset,
                                           decompressed_ ? " of the decompressed data" : "", ": ",
                                           problem));
}

}  // namespace ctq
