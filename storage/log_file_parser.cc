#include "storage/log_file_parser.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <memory>
#include <new>
#include <utility>

#include "ctq/internal/strings.h"
#include "simdjson.h"
#include "storage/ascii_case.h"
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

// Reads all of `path` into `out`; the caller decides what the bytes are.
absl::Status ReadWholeFile(const std::string& path, PaddedBuffer* out) {
  // O_NONBLOCK: a FIFO put in place of a log must not block the open.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return absl::ErrnoToStatus(errno, "cannot open file");
  struct stat info;
  absl::Status status;
  if (::fstat(fd, &info) != 0) {
    status = absl::ErrnoToStatus(errno, "cannot stat file");
  } else if (!S_ISREG(info.st_mode)) {
    status = absl::InvalidArgumentError("not a regular file");
  } else if (static_cast<uint64_t>(info.st_size) > kMaxJsonBytes) {
    status = absl::InvalidArgumentError("file exceeds the 4 GiB limit");
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
  absl::Status ParseBytes(std::string_view contents, ParsedLogFile* file);

 private:
  absl::Status ParseLoaded(ParsedLogFile* file);
  absl::Status ParseJson(std::string_view json, ParsedLogFile* file);
  absl::Status ParseDocument(ondemand::document_reference& doc, size_t doc_number,
                             ParsedLogFile* file);
  absl::Status ParseTopObject(ondemand::document_reference& doc, ParsedLogFile* file);
  absl::Status ParseEventArray(ondemand::document_reference& doc, ondemand::array& array,
                               bool require_event_key, std::string_view what, RowGroup* rows);
  absl::Status Malformed(ondemand::document_reference& doc, error_code error) const;
  absl::Status MalformedAt(size_t offset, std::string_view problem) const;
  // Drops the rows of a skipped file and frees buffers grown too large.
  void Finish(const absl::Status& status, ParsedLogFile* file);

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
};

void ClearRows(RowGroup* rows) { TruncateRows(rows, 0); }

LogFileParser::LogFileParser() : impl_(std::make_unique<Impl>()) {}
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
  file->is_digest = false;
  ClearRows(&file->rows);
  absl::Status status;
  try {
    status = ReadWholeFile(path, &file_bytes_);
    if (status.ok()) {
      *bytes_read = file_bytes_.size();
      status = ParseLoaded(file);
    }
  } catch (const std::bad_alloc&) {
    status = absl::ResourceExhaustedError("out of memory while reading the file");
  }
  Finish(status, file);
  return status;
}

absl::Status LogFileParser::Impl::ParseBytes(std::string_view contents, ParsedLogFile* file) {
  file->is_digest = false;
  ClearRows(&file->rows);
  if (contents.size() > kMaxJsonBytes) {
    return absl::InvalidArgumentError("file exceeds the 4 GiB limit");
  }
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
  file_bytes_.Shrink(kMaxRetainedBytes);
  json_bytes_.Shrink(kMaxRetainedBytes);
  if (parser_.capacity() > kMaxRetainedBytes) parser_ = ondemand::parser();
}

absl::Status LogFileParser::Impl::ParseLoaded(ParsedLogFile* file) {
  std::string_view contents(file_bytes_.data(), file_bytes_.size());
  decompressed_ = IsGzip(contents);
  if (!decompressed_) return ParseJson(contents, file);
  absl::Status status = gzip_.Decompress(contents, &json_bytes_);
  if (!status.ok()) return status;
  return ParseJson(std::string_view(json_bytes_.data(), json_bytes_.size()), file);
}

absl::Status LogFileParser::Impl::ParseJson(std::string_view json, ParsedLogFile* file) {
  json_ = json;
  doc_start_ = 0;
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
  }
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
    if (error_code error = event_.ParseEvent(element, rows)) return Malformed(doc, error);
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
                                            error_code error) const {
  size_t offset = doc_start_;
  const char* location = nullptr;
  if (!doc.current_location().get(location) && location >= json_.data() &&
      location <= json_.data() + json_.size()) {
    offset = static_cast<size_t>(location - json_.data());
  }
  return MalformedAt(offset, DescribeJsonError(error));
}

absl::Status LogFileParser::Impl::MalformedAt(size_t offset, std::string_view problem) const {
  return absl::InvalidArgumentError(StrCat("malformed JSON near byte ", offset,
                                           decompressed_ ? " of the decompressed data" : "", ": ",
                                           problem));
}

}  // namespace ctq
