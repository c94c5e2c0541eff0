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
// The columns an event's own JSON fills: leaves, then ROW presence.
inline constexpr int kEventColumnCount = kCloudTrailColumnCount + kStructCount;

// Partition columns: where each event's file was delivered,
// `AWSLogs/[o-org/]<account>/CloudTrail/<region>/YYYY/MM/DD/` (storage/
// delivery_path.h). Storage keeps one hidden column per field of that path,
// after the ROW presence columns, NULL for files outside the layout. Every
// value of a file is the same, so the cache stores them as constant or
// dictionary chunks, and their zone maps prune row groups as any column's do.
enum class PartitionField : uint8_t { kAccount, kRegion, kDate, kYear, kMonth, kDay };
inline constexpr int kPartitionFieldCount = 6;
inline constexpr int kStoredColumnCount = kEventColumnCount + kPartitionFieldCount;

inline constexpr int PartitionStoredColumn(PartitionField field) {
  return kEventColumnCount + static_cast<int>(field);
}

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

// A name SQL can use for a partition column. The names are those of the
// Athena CloudTrail tables people create, which do not agree with each other,
// so several names read one stored column:
//   - account_partition, region_partition, date_partition ('YYYY/MM/DD'):
//     AWS's partition projection tables (AWS Security Analytics Bootstrap,
//     github.com/awslabs/aws-security-analytics-bootstrap, and the AWS
//     security incident response guide's Athena DDL);
//   - region, year, month, day ('2017', '02', '17', strings as Hive
//     partitions are): the partitioned table of "Querying AWS CloudTrail
//     logs" (docs.aws.amazon.com/athena/latest/ug/cloudtrail-logs.html), as
//     the CloudTrail console and cloudtrail-partitioner create it;
//   - timestamp ('YYYY/MM/DD'): "Create the table for CloudTrail logs in
//     Athena using partition projection"
//     (docs.aws.amazon.com/athena/latest/ug/create-cloudtrail-table-partition-projection.html).
// All are VARCHAR. `SELECT *` does not list them (docs/decisions.md, 21).
struct PartitionColumnSpec {
  std::string_view sql_name;
  PartitionField field;
  int stored_column;  // PartitionStoredColumn(field)
};
// Every partition name, in the order above (DESCRIBE lists them so).
std::span<const PartitionColumnSpec> PartitionColumns();
// The stored column that the partition name `name` (lowercase) reads, if any.
std::optional<int> FindPartitionColumn(std::string_view name);

// Whether the cache should prefer a dictionary for the stored column: the
// leaves the schema marks low_cardinality, and the partition columns.
bool StoredColumnIsLowCardinality(int column);

// A stored column's name for plans and messages: the leaf's SQL name,
// "<row> present" for a ROW's hidden presence column, or one name of a
// partition column (account_partition, region, date_partition, year, month,
// day: region_partition reads the column of `region`, timestamp that of
// date_partition).
std::string StoredColumnName(int column);

// The top-level column names in `SELECT *` order: leaves and structs.
std::span<const std::string_view> CloudTrailTopLevelColumns();

// The table's names: "cloudtrail_logs", also reachable as
// "default.cloudtrail_logs".
inline constexpr std::string_view kCloudTrailTableName = "cloudtrail_logs";

}  // namespace ctq
