// The CloudTrail table's schema, defined once: the columns of the Athena
// CloudTrail table (the AWS blog's DDL) plus the fields newer logs carry.
// The binder and the ingest path both ask this file; nothing else hard-codes
// column names.
//
// Nested ROW fields are flattened into leaf columns with dotted names
// (`useridentity.username`). Every leaf is VARCHAR, as in Athena.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ctq {

// One leaf column.
struct ColumnSpec {
  // Lowercase dotted SQL name: "useridentity.sessioncontext.sessionissuer.arn".
  std::string_view sql_name;
  // The JSON keys as CloudTrail writes them, dotted (documentation and
  // ingest; keys match case-insensitively as in Athena's JSON SerDe).
  std::string_view json_path;
  // True for free-form JSON columns (requestparameters, ...). Any column holds
  // an object/array value as compact JSON text; these usually do.
  bool json_text;
  // True where few distinct values repeat (eventname, awsregion, ...): the
  // cache dictionary-encodes these.
  bool low_cardinality;
};

// All leaf columns in `SELECT *` order (depth-first through ROW fields).
std::span<const ColumnSpec> CloudTrailColumns();
inline constexpr int kCloudTrailColumnCount = 42;

// Storage also keeps one hidden column per ROW field, after the leaves: ""
// where the event had an object for that ROW, NULL where the key was missing
// or not an object. It tells `"userIdentity": {}` (a ROW of NULL fields) from
// no userIdentity at all (a NULL ROW). SQL cannot name these columns.
inline constexpr int kStructCount = 5;
inline constexpr int kStoredColumnCount = kCloudTrailColumnCount + kStructCount;

// Index of the leaf column named `dotted_name` (lowercase), if any.
std::optional<int> FindColumn(std::string_view dotted_name);

// A ROW-typed field (`useridentity`, `useridentity.sessioncontext`,
// `tlsdetails`, ...): its leaves are the contiguous range [first, first+count).
struct StructSpec {
  std::string_view sql_name;
  int first_leaf;
  int leaf_count;
  int presence_column;  // the hidden stored column, >= kCloudTrailColumnCount
};
std::optional<StructSpec> FindStruct(std::string_view dotted_name);

// A stored column's name for plans and messages: the leaf's SQL name, or
// "<row> present" for a ROW's hidden presence column.
std::string StoredColumnName(int column);

// The top-level column names in `SELECT *` order: leaves and structs.
std::span<const std::string_view> CloudTrailTopLevelColumns();

// The table's names: "cloudtrail_logs", also reachable as
// "default.cloudtrail_logs".
inline constexpr std::string_view kCloudTrailTableName = "cloudtrail_logs";

}  // namespace ctq
