// The SQLite oracle of the differential tests: CloudTrail events flattened
// into an in-memory SQLite table `cloudtrail_logs` with one TEXT column per
// ctq leaf column, named by its dotted name ("useridentity.username"), and one
// per partition column name (`region`, `year`, ...), from the file's path.
//
// The events are read and flattened by this file's own code (mini_json), not
// by ctq's storage reader, following SQL-DIALECT.md's JSON-to-value mapping.
// SQLite is set up to match Trino where their defaults differ: LIKE is
// case-sensitive, and json_extract_scalar is a registered function with
// Trino's semantics. ORDER BY needs explicit NULLS LAST (see query_variants).
//
// Thread-safety: not thread-safe; one test uses one oracle.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/diff/mini_json.h"

namespace ctq::difftest {

// Rendering of a SQL NULL in compared rows; distinct from the string 'NULL'.
inline constexpr std::string_view kNullText = "\x01NULL";

using Row = std::vector<std::string>;

struct OracleResult {
  bool ok = false;
  std::string error;
  std::vector<Row> rows;
};

// The CloudTrail log files (*.json, *.json.gz) under `root`, recursively,
// skipping CloudTrail-Digest folders, sorted by path.
std::vector<std::string> FindLogFiles(const std::string& root);

// A file's bytes, gunzipped when the name ends in ".gz". Empty + false on error.
bool ReadLogFile(const std::string& path, std::string* out);

class SqliteOracle {
 public:
  SqliteOracle();
  ~SqliteOracle();
  SqliteOracle(const SqliteOracle&) = delete;
  SqliteOracle& operator=(const SqliteOracle&) = delete;

  // Empty on success, else a description of the problem.
  const std::string& init_error() const { return init_error_; }

  // Loads every event of the files; returns false (with *error) when a file
  // cannot be read or parsed.
  bool LoadFiles(const std::vector<std::string>& paths, std::string* error);
  uint64_t event_count() const { return events_; }

  // Runs `sql` and renders every value: NULL as kNullText, integers in
  // decimal, text as is, doubles as ctq::FormatDouble prints them.
  OracleResult Query(const std::string& sql);

 private:
  bool Exec(const char* sql, std::string* error);
  // `partition`: the values of the partition columns, in PartitionColumns() order.
  bool InsertRecord(const JsonNode& record,
                    const std::vector<std::optional<std::string>>& partition,
                    std::string* error);

  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  std::string init_error_;
  uint64_t events_ = 0;
};

}  // namespace ctq::difftest
