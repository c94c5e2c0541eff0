// ExpressionBinder::BindOutputColumn: ORDER BY names that refer to the select
// list. Trino analyzes ORDER BY in a scope whose own fields are the query's
// output columns and whose parent is the FROM scope
// (StatementAnalyzer.computeAndAssignOrderByScope), so a name is looked up
// among the output columns first: an alias wins over a table column of the
// same name, two output columns of that name are ambiguous, and an
// expression over aliases (`length(e)`, `c * 2`) computes on the selected
// values. Output columns are unqualified (Field.newUnqualified in
// computeAndAssignOutputScope), so only a name's first part can match one;
// the rest are ROW field dereferences of that column
// (ExpressionAnalyzer.visitDereferenceExpression).
#include "absl/strings/str_join.h"
#include "ctq/internal/sql_error.h"
#include "ctq/internal/strings.h"
#include "engine/expression_binder.h"

namespace ctq {

absl::StatusOr<std::unique_ptr<BoundExpr>> ExpressionBinder::BindOutputColumn(
    const ParsedExpr& expr) {
  const std::vector<std::string>& parts = expr.name_parts;
  const OutputColumn* match = nullptr;
  for (const OutputColumn& column : *output_columns_) {
    if (column.name != parts[0]) continue;
    // Scope.resolveField: more than one field of the name is an error, even
    // when both select the same expression.
    if (match != nullptr) {
      return SqlInvalid(expr.range, StrCat("Column '", parts[0], "' is ambiguous"));
    }
    match = &column;
  }
  if (match == nullptr) return std::unique_ptr<BoundExpr>();
  // The select list's expression itself, so that the statement binder finds
  // it among the projections (and GROUP BY keys and aggregates) as it is.
  std::unique_ptr<BoundExpr> node = match->expr->Clone();
  for (size_t i = 1; i < parts.size(); i++) {
    if (node->kind != BoundKind::kStruct) {
      return SqlInvalid(expr.range,
                        StrCat("Expression ", absl::StrJoin(parts.begin(), parts.begin() + i, "."),
                               " is not of type ROW"));
    }
    std::unique_ptr<BoundExpr> field;
    for (size_t f = 0; f < node->field_names.size(); f++) {
      if (node->field_names[f] == parts[i]) field = std::move(node->children[f]);
    }
    if (field == nullptr) {
      return SqlInvalid(expr.range,
                        StrCat("Column '", absl::StrJoin(parts.begin(), parts.begin() + i + 1, "."),
                               "' cannot be resolved"));
    }
    node = std::move(field);
  }
  return node;
}

}  // namespace ctq
