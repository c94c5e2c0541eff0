#include "engine/star_expansion.h"

#include "absl/strings/str_join.h"
#include "ctq/internal/sql_error.h"
#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
#include "engine/column_resolution.h"
#include "engine/row_fields.h"
#include "storage/cloudtrail_schema.h"

namespace ctq {
namespace {

std::vector<StarColumn> TableColumns() {
  std::vector<StarColumn> columns;
  for (std::string_view column : CloudTrailTopLevelColumns()) {
    columns.push_back({std::string(column), {std::string(column)}});
  }
  return columns;
}

}  // namespace

absl::StatusOr<std::vector<StarColumn>> ExpandStar(const SelectItem& item,
                                                   const std::vector<std::string>& relation_name,
                                                   bool has_table) {
  const std::vector<std::string>& prefix = item.star_qualifier;
  if (prefix.empty()) {
    if (!has_table) {
      return SqlInvalid(item.range, "SELECT * not allowed in queries without FROM clause");
    }
    return TableColumns();
  }
  const bool table = prefix.size() <= 3 && QualifierMatchesRelation(prefix, prefix.size(), relation_name);
  bool row_field = false;
  if (prefix.size() >= 2 && QualifierMatchesRelation(prefix, 1, relation_name)) {
    row_field = FindStruct(prefix[1]).has_value();
  }
  const std::string text = absl::StrJoin(prefix, ".");
  if (table && row_field) {
    return SqlInvalid(item.range, StrCat("Reference '", text, "' is ambiguous"));
  }
  if (table) return TableColumns();
  if (!row_field) return SqlInvalid(item.range, StrCat("Unable to resolve reference ", text));
  CTQ_ASSIGN_OR_RETURN(std::string path, ResolveColumnPath(prefix, relation_name, item.range));
  std::optional<StructSpec> row = FindStruct(path);
  if (!row.has_value()) {
    // analyzeAllFieldsFromRowTypeExpression's text for a prefix that is no ROW.
    return SqlInvalid(item.range, StrCat("expected expression of type Row: ", text));
  }
  std::vector<StarColumn> columns;
  for (std::string& field : RowFieldNames(*row)) {
    std::vector<std::string> parts = prefix;
    parts.push_back(field);
    columns.push_back({std::move(field), std::move(parts)});
  }
  return columns;
}

}  // namespace ctq
