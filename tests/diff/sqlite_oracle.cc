#include "tests/diff/sqlite_oracle.h"

#include <libdeflate.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <regex>

#include "ctq/value.h"
#include "storage/cloudtrail_schema.h"

namespace ctq::difftest {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool Gunzip(const std::string& in, std::string* out) {
  libdeflate_decompressor* d = libdeflate_alloc_decompressor();
  if (d == nullptr) return false;
  size_t capacity = std::max<size_t>(in.size() * 8, 1 << 16);
  if (in.size() >= 4) {
    // ISIZE: the uncompressed size modulo 2^32, from the gzip trailer.
    const unsigned char* t = reinterpret_cast<const unsigned char*>(in.data() + in.size() - 4);
    size_t isize = t[0] | (t[1] << 8) | (t[2] << 16) | (static_cast<size_t>(t[3]) << 24);
    capacity = std::max(capacity, isize);
  }
  bool ok = false;
  for (int attempt = 0; attempt < 8; attempt++) {
    out->resize(capacity);
    size_t actual = 0;
    libdeflate_result r =
        libdeflate_gzip_decompress(d, in.data(), in.size(), out->data(), capacity, &actual);
    if (r == LIBDEFLATE_SUCCESS) {
      out->resize(actual);
      ok = true;
      break;
    }
    if (r != LIBDEFLATE_INSUFFICIENT_SPACE) break;
    capacity *= 4;
  }
  libdeflate_free_decompressor(d);
  return ok;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The member of `object` whose key equals `lower_name` case-insensitively
// (first occurrence), or null.
const JsonNode* FindMember(const JsonNode& object, std::string_view lower_name) {
  if (object.kind != JsonNode::Kind::kObject) return nullptr;
  for (const auto& [key, value] : object.members) {
    if (key.size() == lower_name.size() && Lower(key) == lower_name) return &value;
  }
  return nullptr;
}

// The JSON-to-VARCHAR mapping of SQL-DIALECT.md; nullopt is SQL NULL.
std::optional<std::string> ColumnText(const JsonNode& node) {
  switch (node.kind) {
    case JsonNode::Kind::kNull: return std::nullopt;
    case JsonNode::Kind::kBool: return std::string(node.boolean ? "true" : "false");
    case JsonNode::Kind::kNumber:
    case JsonNode::Kind::kString: return node.text;
    default: return CompactJson(node);
  }
}

void JsonExtractScalarFunction(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[1]) == SQLITE_NULL) {
    sqlite3_result_null(context);
    return;
  }
  std::string_view path(reinterpret_cast<const char*>(sqlite3_value_text(argv[1])),
                        sqlite3_value_bytes(argv[1]));
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    bool path_ok = true;
    JsonExtractScalar("null", path, &path_ok);
    if (!path_ok) {
      sqlite3_result_error(context, "Invalid JSON path", -1);
    } else {
      sqlite3_result_null(context);
    }
    return;
  }
  std::string_view json(reinterpret_cast<const char*>(sqlite3_value_text(argv[0])),
                        sqlite3_value_bytes(argv[0]));
  bool path_ok = true;
  std::optional<std::string> result = JsonExtractScalar(json, path, &path_ok);
  if (!path_ok) {
    sqlite3_result_error(context, "Invalid JSON path", -1);
  } else if (!result.has_value()) {
    sqlite3_result_null(context);
  } else {
    sqlite3_result_text(context, result->data(), static_cast<int>(result->size()),
                        SQLITE_TRANSIENT);
  }
}

// The records in a log file: {"Records":[...]}, a top-level array, a bare
// object, or NDJSON (one object per line).
bool SplitRecords(std::string_view text, std::vector<JsonNode>* records) {
  std::vector<JsonNode> values;
  size_t pos = 0;
  while (true) {
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) pos++;
    if (pos >= text.size()) break;
    std::optional<JsonNode> value = ParseJsonValue(text, &pos);
    if (!value.has_value()) return false;
    values.push_back(std::move(*value));
  }
  for (JsonNode& value : values) {
    if (value.kind == JsonNode::Kind::kArray) {
      for (JsonNode& item : value.items) records->push_back(std::move(item));
      continue;
    }
    if (values.size() == 1 && value.kind == JsonNode::Kind::kObject) {
      bool has_records = false;
      for (auto& [key, member] : value.members) {
        if (key == "Records" && member.kind == JsonNode::Kind::kArray) {
          for (JsonNode& item : member.items) records->push_back(std::move(item));
          has_records = true;
          break;
        }
      }
      if (has_records) continue;
    }
    records->push_back(std::move(value));
  }
  return true;
}

// Binds `value` (NULL when absent) to parameter `index` of `statement`.
void BindText(sqlite3_stmt* statement, int index, const std::optional<std::string>& value) {
  if (value.has_value()) {
    sqlite3_bind_text(statement, index, value->data(), static_cast<int>(value->size()),
                      SQLITE_TRANSIENT);
  } else {
    sqlite3_bind_null(statement, index);
  }
}

// The partition columns' values of a file, read by this file's own reading
// of CloudTrail's documented layout (files directly in the day folder, as
// ctqgen writes them), or all NULL outside it.
std::vector<std::optional<std::string>> PartitionValues(const std::string& path) {
  static const std::regex kLayout(
      "(^|/)AWSLogs/(o-[a-z0-9]{10,32}/)?([0-9]{12})/CloudTrail/([a-z0-9-]+)/"
      "([0-9]{4})/([0-9]{2})/([0-9]{2})/[^/]+$");
  std::vector<std::optional<std::string>> values;
  std::smatch match;
  const bool delivered = std::regex_search(path, match, kLayout);
  for (const PartitionColumnSpec& column : PartitionColumns()) {
    if (!delivered) {
      values.emplace_back();
      continue;
    }
    const std::string name(column.sql_name);
    const std::string year = match[5], month = match[6], day = match[7];
    if (name == "account_partition") {
      values.push_back(match[3]);
    } else if (name == "region_partition" || name == "region") {
      values.push_back(match[4]);
    } else if (name == "date_partition" || name == "timestamp") {
      values.push_back(year + "/" + month + "/" + day);
    } else if (name == "year") {
      values.push_back(year);
    } else if (name == "month") {
      values.push_back(month);
    } else {
      values.push_back(day);
    }
  }
  return values;
}

}  // namespace

std::vector<std::string> FindLogFiles(const std::string& root) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::string path = entry.path().string();
    if (path.find("/CloudTrail-Digest/") != std::string::npos) continue;
    if (EndsWith(path, ".json") || EndsWith(path, ".json.gz")) files.push_back(path);
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool ReadLogFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (EndsWith(path, ".gz")) return Gunzip(bytes, out);
  *out = std::move(bytes);
  return true;
}

SqliteOracle::SqliteOracle() {
  if (sqlite3_open(":memory:", &db_) != SQLITE_OK) {
    init_error_ = "sqlite3_open failed";
    return;
  }
  std::string create = "CREATE TABLE cloudtrail_logs (";
  std::string insert = "INSERT INTO cloudtrail_logs VALUES (";
  bool first = true;
  for (const ColumnSpec& column : CloudTrailColumns()) {
    if (!first) {
      create += ", ";
      insert += ", ";
    }
    first = false;
    create += "\"" + std::string(column.sql_name) + "\" TEXT";
    insert += "?";
  }
  // The partition columns, after the leaves (storage/delivery_path.h).
  for (const PartitionColumnSpec& column : PartitionColumns()) {
    create += ", \"" + std::string(column.sql_name) + "\" TEXT";
    insert += ", ?";
  }
  create += ")";
  insert += ")";
  std::string error;
  // Trino's LIKE is case-sensitive; SQLite's is not by default.
  if (!Exec("PRAGMA case_sensitive_like=ON", &error) || !Exec(create.c_str(), &error)) {
    init_error_ = error;
    return;
  }
  if (sqlite3_prepare_v2(db_, insert.c_str(), -1, &insert_, nullptr) != SQLITE_OK) {
    init_error_ = sqlite3_errmsg(db_);
    return;
  }
  if (sqlite3_create_function(db_, "json_extract_scalar", 2,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                              JsonExtractScalarFunction, nullptr, nullptr) != SQLITE_OK) {
    init_error_ = sqlite3_errmsg(db_);
  }
}

SqliteOracle::~SqliteOracle() {
  if (insert_ != nullptr) sqlite3_finalize(insert_);
  if (db_ != nullptr) sqlite3_close(db_);
}

bool SqliteOracle::Exec(const char* sql, std::string* error) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    *error = std::string(sql) + ": " + (message != nullptr ? message : "?");
    sqlite3_free(message);
    return false;
  }
  return true;
}

bool SqliteOracle::InsertRecord(const JsonNode& record,
                                const std::vector<std::optional<std::string>>& partition,
                                std::string* error) {
  sqlite3_reset(insert_);
  sqlite3_clear_bindings(insert_);
  int index = 1;
  for (const ColumnSpec& column : CloudTrailColumns()) {
    // Walk the dotted name; every step matches a key case-insensitively.
    const JsonNode* node = &record;
    std::string_view name = column.sql_name;
    while (node != nullptr) {
      size_t dot = name.find('.');
      node = FindMember(*node, name.substr(0, dot));
      if (dot == std::string_view::npos) break;
      name = name.substr(dot + 1);
    }
    std::optional<std::string> text;
    if (node != nullptr) text = ColumnText(*node);
    BindText(insert_, index++, text);
  }
  for (const std::optional<std::string>& value : partition) BindText(insert_, index++, value);
  if (sqlite3_step(insert_) != SQLITE_DONE) {
    *error = sqlite3_errmsg(db_);
    return false;
  }
  events_++;
  return true;
}

bool SqliteOracle::LoadFiles(const std::vector<std::string>& paths, std::string* error) {
  if (!Exec("BEGIN", error)) return false;
  for (const std::string& path : paths) {
    std::string text;
    if (!ReadLogFile(path, &text)) {
      *error = "cannot read " + path;
      return false;
    }
    std::vector<JsonNode> records;
    if (!SplitRecords(text, &records)) {
      *error = "cannot parse " + path;
      return false;
    }
    const std::vector<std::optional<std::string>> partition = PartitionValues(path);
    for (const JsonNode& record : records) {
      if (!InsertRecord(record, partition, error)) return false;
    }
  }
  return Exec("COMMIT", error);
}

OracleResult SqliteOracle::Query(const std::string& sql) {
  OracleResult result;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    result.error = sqlite3_errmsg(db_);
    return result;
  }
  int columns = sqlite3_column_count(stmt);
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    Row row;
    row.reserve(columns);
    for (int c = 0; c < columns; c++) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_NULL:
          row.emplace_back(kNullText);
          break;
        case SQLITE_INTEGER:
          row.push_back(std::to_string(sqlite3_column_int64(stmt, c)));
          break;
        case SQLITE_FLOAT:
          row.push_back(ctq::FormatDouble(sqlite3_column_double(stmt, c)));
          break;
        default:
          row.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, c)),
                           sqlite3_column_bytes(stmt, c));
      }
    }
    result.rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) {
    result.error = sqlite3_errmsg(db_);
  } else {
    result.ok = true;
  }
  sqlite3_finalize(stmt);
  return result;
}

}  // namespace ctq::difftest
