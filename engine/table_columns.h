// The columns DESCRIBE and SHOW COLUMNS list: the table's top-level columns in
// `SELECT *` order, each with its type as Trino prints it and its Extra.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ctq {

// What Trino's Hive connector puts in Extra for a partition column
// (plugin/trino-hive/.../util/HiveUtil.java, columnExtraInfo).
inline constexpr std::string_view kPartitionKeyExtra = "partition key";

struct TableColumn {
  std::string name;
  // Trino's display name of the type (io.trino.spi.type.Type#getDisplayName,
  // which information_schema.columns.data_type shows): `varchar`, or for a ROW
  // `row(type varchar, ..., sessioncontext row(...))`.
  std::string type;
  std::string extra;  // empty, or kPartitionKeyExtra
};

// The table's columns, then its partition columns.
std::vector<TableColumn> DescribeTableColumns();

}  // namespace ctq
