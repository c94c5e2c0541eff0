#include "engine/table_columns.h"

#include <span>

#include "ctq/type.h"
#include "engine/row_fields.h"
#include "storage/cloudtrail_schema.h"

namespace ctq {
namespace {

// Every leaf of the CloudTrail table is VARCHAR, as in Athena's DDL
// (storage/cloudtrail_schema.h).
std::string LeafTypeName() { return std::string(TypeName(TypeId::kVarchar)); }

// `path` is a top-level column or a ROW field path ("useridentity.sessioncontext").
// A ROW prints as RowType#getDisplayName does (core/trino-spi/.../type/RowType.java):
// `row(` then `name type` per field joined by ", ", then `)`; the names are
// printed bare, never quoted (a TODO there says so).
std::string ColumnTypeName(const std::string& path) {
  std::optional<StructSpec> row = FindStruct(path);
  if (!row.has_value()) return LeafTypeName();
  std::string type = "row(";
  std::string_view separator;
  for (const std::string& field : RowFieldNames(*row)) {
    type.append(separator);
    type.append(field).append(" ").append(ColumnTypeName(path + "." + field));
    separator = ", ";
  }
  type.append(")");
  return type;
}


}  // namespace

std::vector<TableColumn> DescribeTableColumns() {
  std::vector<TableColumn> columns;
  for (std::string_view name : CloudTrailTopLevelColumns()) {
    columns.push_back({std::string(name), ColumnTypeName(std::string(name)), ""});
  }
  // The Hive partition columns (storage/cloudtrail_schema.h), after the
  // columns, as VARCHAR with Extra 'partition key', as Trino shows a Hive
  // table's.
  for (const PartitionColumnSpec& partition : PartitionColumns()) {
    columns.push_back(
        {std::string(partition.sql_name), LeafTypeName(), std::string(kPartitionKeyExtra)});
  }
  return columns;
}

}  // namespace ctq
