#include "engine/row_fields.h"

namespace ctq {

std::vector<std::string> RowFieldNames(const StructSpec& row) {
  std::vector<std::string> fields;
  const size_t prefix = row.sql_name.size() + 1;  // "useridentity."
  const auto leaves = CloudTrailColumns().subspan(row.first_leaf, row.leaf_count);
  for (const ColumnSpec& leaf : leaves) {
    std::string_view rest = leaf.sql_name.substr(prefix);
    std::string_view field = rest.substr(0, rest.find('.'));
    // A nested ROW's leaves are contiguous, so a repeated name is the last one.
    if (fields.empty() || fields.back() != field) fields.emplace_back(field);
  }
  return fields;
}

Type CloudTrailColumnType(const std::string& path) {
  if (path == "resources") return ResourcesType();
  std::optional<StructSpec> row = FindStruct(path);
  if (!row.has_value()) return TypeId::kVarchar;
  std::vector<std::pair<std::string, Type>> fields;
  for (const std::string& field : RowFieldNames(*row)) {
    fields.emplace_back(field, CloudTrailColumnType(path + "." + field));
  }
  return Type::Row(fields);
}

Type ResourcesType() {
  static const Type type = Type::Array(Type::Row(
      {{"arn", TypeId::kVarchar}, {"accountid", TypeId::kVarchar}, {"type", TypeId::kVarchar}}));
  return type;
}

}  // namespace ctq
