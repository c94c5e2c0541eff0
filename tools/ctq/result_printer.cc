#include "tools/ctq/result_printer.h"

#include <cmath>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ctq/internal/array_encoding.h"
#include "ctq/type.h"
#include "ctq/value.h"
#include "engine/table_printer.h"
#include "engine/terminal_text.h"

namespace ctq {
namespace {

void AppendCsvField(std::string_view text, std::string* out) {
  bool quote = text.empty() || text.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    out->append(text);
    return;
  }
  out->push_back('"');
  for (char c : text) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

void AppendJsonString(std::string_view text, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      size_t length = Utf8SequenceLength(text, i);
      if (length == 0) {
        out->append("\\ufffd");
        ++i;
      } else {
        out->append(text.substr(i, length));
        i += length;
      }
      continue;
    }
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      default:
        if (c < 0x20) {
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 0xF]);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out->push_back('"');
}

void AppendJsonValue(const Value& value, std::string* out) {
  if (value.is_null()) {
    out->append("null");
    return;
  }
  switch (value.type().id()) {
    case TypeId::kBoolean:
      out->append(value.boolean() ? "true" : "false");
      return;
    case TypeId::kInteger:
    case TypeId::kBigint:
      out->append(std::to_string(value.bigint()));
      return;
    case TypeId::kDecimal:
      // A JSON number keeps the decimal's exact digits ("133.3", "0.30").
      out->append(value.ToString());
      return;
    case TypeId::kDouble:
      // JSON has no NaN or infinity; write them as strings, as Jackson does.
      if (std::isfinite(value.dbl())) {
        out->append(FormatDouble(value.dbl()));
      } else {
        AppendJsonString(FormatDouble(value.dbl()), out);
      }
      return;
    case TypeId::kVarchar:
      AppendJsonString(value.varchar(), out);
      return;
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kIntervalDayTime:
    case TypeId::kIntervalYearMonth:
      AppendJsonString(value.ToString(), out);  // Trino's text form, as a string
      return;
    case TypeId::kJson:
      out->append(value.varchar());  // already JSON text
      return;
    case TypeId::kIpaddress:
      AppendJsonString(value.ToString(), out);
      return;
    case TypeId::kArray: {
      // A JSON list of the elements, each written by its own type.
      absl::StatusOr<std::vector<Value>> elements = DecodeArray(value.type(), value.varchar());
      if (!elements.ok()) break;
      out->push_back('[');
      for (size_t i = 0; i < elements->size(); i++) {
        if (i > 0) out->push_back(',');
        AppendJsonValue((*elements)[i], out);
      }
      out->push_back(']');
      return;
    }
    case TypeId::kRow: {
      // A JSON object keyed by the field names, each value by its own type.
      absl::StatusOr<std::vector<Value>> fields = DecodeRow(value.type(), value.varchar());
      if (!fields.ok()) break;
      out->push_back('{');
      for (size_t i = 0; i < fields->size(); i++) {
        if (i > 0) out->push_back(',');
        AppendJsonString(value.type().field_name(static_cast<int>(i)), out);
        out->push_back(':');
        AppendJsonValue((*fields)[i], out);
      }
      out->push_back('}');
      return;
    }
    case TypeId::kUnknown:
      break;
  }
  out->append("null");
}

}  // namespace

std::optional<OutputFormat> ParseOutputFormat(std::string_view name) {
  if (name == "table") return OutputFormat::kTable;
  if (name == "csv") return OutputFormat::kCsv;
  if (name == "json") return OutputFormat::kJson;
  return std::nullopt;
}

ResultWriter::ResultWriter(OutputFormat format, std::ostream& out) : format_(format), out_(out) {}

ResultWriter::~ResultWriter() = default;

absl::Status ResultWriter::Begin(const std::vector<ResultColumn>& columns) {
  const auto start = std::chrono::steady_clock::now();
  columns_ = columns;
  switch (format_) {
    case OutputFormat::kTable:
      table_ = std::make_unique<TablePrinter>(columns_, out_);
      break;
    case OutputFormat::kCsv: {
      std::string line;
      for (size_t c = 0; c < columns_.size(); ++c) {
        if (c > 0) line.push_back(',');
        AppendCsvField(columns_[c].name, &line);
      }
      line.push_back('\n');
      out_ << line;
      break;
    }
    case OutputFormat::kJson:
      break;
  }
  writing_ += std::chrono::steady_clock::now() - start;
  return absl::OkStatus();
}

absl::Status ResultWriter::AddRows(std::vector<std::vector<Value>> rows) {
  const auto start = std::chrono::steady_clock::now();
  // One line is built at a time so that a batch is never held twice.
  std::string line;
  for (const std::vector<Value>& row : rows) {
    switch (format_) {
      case OutputFormat::kTable:
        table_->AddRow(row);
        continue;
      case OutputFormat::kCsv:
        line.clear();
        for (size_t c = 0; c < row.size(); ++c) {
          if (c > 0) line.push_back(',');
          if (!row[c].is_null()) AppendCsvField(row[c].ToString(), &line);
        }
        break;
      case OutputFormat::kJson:
        line.clear();
        line.push_back('{');
        for (size_t c = 0; c < row.size() && c < columns_.size(); ++c) {
          if (c > 0) line.push_back(',');
          AppendJsonString(columns_[c].name, &line);
          line.push_back(':');
          AppendJsonValue(row[c], &line);
        }
        line.push_back('}');
        break;
    }
    line.push_back('\n');
    out_ << line;
  }
  writing_ += std::chrono::steady_clock::now() - start;
  return absl::OkStatus();
}

void ResultWriter::Finish() {
  const auto start = std::chrono::steady_clock::now();
  if (table_ != nullptr) table_->Finish();
  writing_ += std::chrono::steady_clock::now() - start;
}

void WriteResult(const QueryResult& result, OutputFormat format, std::ostream& out) {
  ResultWriter writer(format, out);
  // A ResultWriter never fails.
  SendResult(result, writer).IgnoreError();
  writer.Finish();
}

void WriteCsv(const QueryResult& result, std::ostream& out) {
  WriteResult(result, OutputFormat::kCsv, out);
}

void WriteJsonLines(const QueryResult& result, std::ostream& out) {
  WriteResult(result, OutputFormat::kJson, out);
}

}  // namespace ctq
