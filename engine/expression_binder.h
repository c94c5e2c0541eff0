// ExpressionBinder: binds one parsed expression in the scope of the scan
// (CloudTrail columns), resolving names, functions and types. Aggregate calls
// are bound as BoundKind::kAggregate nodes for the statement binder to lift
// out into the hash aggregate.
#pragma once

#include <map>
#include <optional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "exec/expression.h"
#include "parser/ast.h"

namespace ctq {

class ExpressionBinder {
 public:
  // `relation_name`: the FROM clause's alias, else its table name as written
  // (what qualified names may start with: column_resolution.h). Without a
  // table, every column reference is an error. `now_utc_millis`: the
  // query's current_timestamp (one value per query, as in Trino).
  ExpressionBinder(bool has_table, std::vector<std::string> relation_name, int64_t now_utc_millis)
      : has_table_(has_table), relation_name_(std::move(relation_name)), now_(now_utc_millis) {}

  // A select list column that ORDER BY may name.
  struct OutputColumn {
    std::string name;       // lowercased
    const BoundExpr* expr;  // bound in the scan scope
  };
  // While set, names resolve against `columns` before the table's, as in
  // Trino's ORDER BY scope (StatementAnalyzer.computeAndAssignOrderByScope:
  // the output fields, with the FROM fields as parent scope). Null ends it.
  // REQUIRES: `columns` outlives the calls to Bind made while it is set.
  void set_output_columns(const std::vector<OutputColumn>* columns) { output_columns_ = columns; }

  // `allow_aggregates`: false in WHERE, GROUP BY and inside an aggregate;
  // `clause` names the clause for the error message ("WHERE").
  absl::StatusOr<std::unique_ptr<BoundExpr>> Bind(const ParsedExpr& expr, bool allow_aggregates,
                                                  std::string_view clause);

  // The table's leaf columns that bound expressions read, in chunk order:
  // a kColumn node's column_index indexes this list.
  const std::vector<int>& scan_columns() const { return scan_columns_; }

  // Wraps `expr` in a CAST to `type` unless it already has that type.
  static std::unique_ptr<BoundExpr> CastTo(std::unique_ptr<BoundExpr> expr, Type type);

 private:
  absl::StatusOr<std::unique_ptr<BoundExpr>> BindColumn(const ParsedExpr& expr);
  absl::StatusOr<std::unique_ptr<BoundExpr>> BindLeaf(int leaf, SourceRange range);
  absl::StatusOr<std::unique_ptr<BoundExpr>> BindStructPath(const std::string& path,
                                                            SourceRange range);
  absl::StatusOr<std::unique_ptr<BoundExpr>> BindFunction(const ParsedExpr& expr,
                                                          bool allow_aggregates,
                                                          std::string_view clause);
  absl::StatusOr<std::unique_ptr<BoundExpr>> BindCase(const ParsedExpr& expr, bool allow_aggregates,
                                                      std::string_view clause);
  // A searched CASE of `conditions` (boolean) and `results`, with the
  // results and `otherwise` (null: ELSE NULL) cast to their common type.
  absl::StatusOr<std::unique_ptr<BoundExpr>> MakeCase(
      SourceRange range, std::vector<std::unique_ptr<BoundExpr>> conditions,
      std::vector<std::unique_ptr<BoundExpr>> results, std::unique_ptr<BoundExpr> otherwise);
  absl::StatusOr<std::unique_ptr<BoundExpr>> BindIsDistinctFrom(const ParsedExpr& expr,
                                                                bool allow_aggregates,
                                                                std::string_view clause);
  absl::StatusOr<std::unique_ptr<BoundExpr>> BindConditionalFunction(
      const ParsedExpr& expr, std::vector<std::unique_ptr<BoundExpr>> args);
  absl::StatusOr<std::unique_ptr<BoundExpr>> BindAggregate(const ParsedExpr& expr,
                                                           std::string_view clause);
  absl::StatusOr<std::unique_ptr<BoundExpr>> BindLike(const ParsedExpr& expr, bool allow_aggregates,
                                                      std::string_view clause);
  absl::StatusOr<std::unique_ptr<BoundExpr>> BindBinary(const ParsedExpr& expr,
                                                        bool allow_aggregates,
                                                        std::string_view clause);
  // `operands`: expr's children, bound.
  absl::StatusOr<std::unique_ptr<BoundExpr>> BindArithmetic(
      const ParsedExpr& expr, std::vector<std::unique_ptr<BoundExpr>> operands);
  absl::StatusOr<std::unique_ptr<BoundExpr>> BindChild(const ParsedExpr& expr,
                                                       bool allow_aggregates,
                                                       std::string_view clause) {
    return Bind(expr, allow_aggregates, clause);
  }

  // Date and time functions, INTERVAL literals, typed literals
  // (engine/time_binder.cc).
  absl::StatusOr<std::unique_ptr<BoundExpr>> BindTimeFunction(
      const ParsedExpr& expr, std::vector<std::unique_ptr<BoundExpr>> args);
  absl::StatusOr<std::unique_ptr<BoundExpr>> BindInterval(const ParsedExpr& expr);
  absl::StatusOr<std::unique_ptr<BoundExpr>> BindTypedLiteral(const ParsedExpr& expr);
  // `left op right` where either side is a date, time or interval; nullopt
  // (no error) when neither is.
  std::optional<absl::StatusOr<std::unique_ptr<BoundExpr>>> BindDateTimeArithmetic(
      const ParsedExpr& expr, ArithmeticOp op, std::unique_ptr<BoundExpr>* left,
      std::unique_ptr<BoundExpr>* right);

  // The output column `expr` names (a copy of its expression, with the rest
  // of the name dereferenced as ROW fields), or null if it names none.
  absl::StatusOr<std::unique_ptr<BoundExpr>> BindOutputColumn(const ParsedExpr& expr);

  bool has_table_;
  std::vector<std::string> relation_name_;
  const std::vector<OutputColumn>* output_columns_ = nullptr;
  int64_t now_;
  std::vector<int> scan_columns_;
  std::map<int, int> scan_index_;  // leaf column -> position in scan_columns_
};

// True if `expr` contains an aggregate call.
bool ContainsAggregate(const BoundExpr& expr);

}  // namespace ctq
