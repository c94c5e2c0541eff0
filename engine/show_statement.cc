#include "engine/show_statement.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ctq/internal/sql_error.h"
#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
#include "engine/catalog_names.h"
#include "engine/function_listing.h"
#include "engine/table_columns.h"
#include "exec/like_matcher.h"

namespace ctq {
namespace {

// The LIKE clause as a filter on names; no clause keeps every name.
class NameFilter {
 public:
  static absl::StatusOr<NameFilter> Make(const ShowStatement& show) {
    NameFilter filter;
    if (!show.like_pattern.has_value()) return filter;
    std::optional<std::string_view> escape;
    if (show.like_escape.has_value()) escape = *show.like_escape;
    absl::StatusOr<LikeMatcher> matcher = LikeMatcher::Compile(*show.like_pattern, escape);
    if (!matcher.ok()) {
      return SqlInvalid(escape.has_value() ? show.escape_range : show.like_range,
                        ToStd(matcher.status().message()));
    }
    filter.matcher_ = *std::move(matcher);
    return filter;
  }

  bool Keeps(std::string_view name) const {
    return !matcher_.has_value() || matcher_->Matches(name);
  }

 private:
  std::optional<LikeMatcher> matcher_;
};

std::vector<ResultColumn> VarcharColumns(std::initializer_list<std::string_view> names) {
  std::vector<ResultColumn> columns;
  for (std::string_view name : names) columns.push_back({std::string(name), TypeId::kVarchar});
  return columns;
}

QueryResult ShowColumns(const NameFilter& filter) {
  std::vector<std::vector<Value>> rows;
  for (const TableColumn& column : DescribeTableColumns()) {
    if (!filter.Keeps(column.name)) continue;
    // Comment: ctq's columns have none; Trino shows '' for a NULL comment.
    rows.push_back({Value::Varchar(column.name), Value::Varchar(column.type),
                    Value::Varchar(column.extra), Value::Varchar("")});
  }
  return QueryResult(VarcharColumns({"Column", "Type", "Extra", "Comment"}), std::move(rows));
}

QueryResult ShowTables(const NameFilter& filter) {
  std::vector<std::vector<Value>> rows;
  for (std::string_view table : SchemaTableNames()) {
    if (filter.Keeps(table)) rows.push_back({Value::Varchar(table)});
  }
  return QueryResult(VarcharColumns({"Table"}), std::move(rows));
}

QueryResult ShowFunctions(const NameFilter& filter) {
  std::vector<ResultColumn> columns =
      VarcharColumns({"Function", "Return Type", "Argument Types", "Function Type"});
  columns.push_back({"Deterministic", TypeId::kBoolean});
  columns.push_back({"Description", TypeId::kVarchar});
  std::vector<std::vector<Value>> rows;
  for (const FunctionListing& function : ListFunctions()) {
    if (!filter.Keeps(function.name)) continue;
    rows.push_back({Value::Varchar(function.name), Value::Varchar(function.return_type),
                    Value::Varchar(function.argument_types), Value::Varchar(function.function_type),
                    Value::Boolean(function.deterministic), Value::Varchar(function.description)});
  }
  return QueryResult(std::move(columns), std::move(rows));
}

}  // namespace

absl::StatusOr<QueryResult> RunShowStatement(const ShowStatement& show) {
  // Names first, then the pattern: Trino checks the table or schema while it
  // rewrites the statement, before the LIKE of the rewritten query is analyzed.
  switch (show.kind) {
    case ShowKind::kColumns: {
      CTQ_RETURN_IF_ERROR(CheckTableName(show.name_parts, show.name_range));
      CTQ_ASSIGN_OR_RETURN(NameFilter filter, NameFilter::Make(show));
      return ShowColumns(filter);
    }
    case ShowKind::kTables: {
      if (!show.name_parts.empty()) {
        CTQ_RETURN_IF_ERROR(CheckSchemaName(show.name_parts, show.name_range));
      }
      CTQ_ASSIGN_OR_RETURN(NameFilter filter, NameFilter::Make(show));
      return ShowTables(filter);
    }
    case ShowKind::kFunctions: {
      // Trino lists the functions of a schema here (user-defined ones, or
      // system.builtin's); ctq has only its built-in functions.
      if (!show.name_parts.empty()) {
        return SqlNotSupported(show.name_range, "SHOW FUNCTIONS FROM a schema");
      }
      CTQ_ASSIGN_OR_RETURN(NameFilter filter, NameFilter::Make(show));
      return ShowFunctions(filter);
    }
  }
  return absl::InternalError("unknown SHOW statement");
}

}  // namespace ctq
