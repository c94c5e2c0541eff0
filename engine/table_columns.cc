#include "engine/table_columns.h"

#include <span>

#include "ctq/type.h"
#include "engine/row_fields.h"
#include "storage/cloudtrail_schema.h"

namespace ctq {
namespace {

// Every partition column is VARCHAR, as Hive partitions are.
std::string LeafTypeName() { return std::string(TypeName(TypeId::kVarchar)); }

}  // namespace

std::vector<TableColumn> DescribeTableColumns() {
  std::vector<TableColumn> columns;
  for (std::string_view name : CloudTrailTopLevelColumns()) {
    // A ROW prints as RowType#getDisplayName does (ctq/type.h TypeName).
    columns.push_back({std::string(name), TypeName(CloudTrailColumnType(std::string(name))), ""});
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
