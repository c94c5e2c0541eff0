// Expressions that decide per row what is evaluated: CASE (and IF and NULLIF,
// which the binder turns into CASE) and TRY.
//
// CASE: each WHEN is evaluated only on the rows no earlier WHEN took, and
// each result only on the rows that take it. Trino evaluates CASE lazily the
// same way, so a branch that would fail (`1 / x` where x = 0, a cast of text
// that is not a number) fails only if a row reaches it.
//
// TRY: the whole chunk at once; only when that fails with an error TRY
// handles does it go row by row, so the common case costs nothing extra.
#include <numeric>
#include <vector>

#include "ctq/internal/status_macros.h"
#include "exec/expression_evaluator.h"
#include "exec/filter_conjuncts.h"

namespace ctq {
namespace {

// The rows `rows[0..count)` of the columns of `input` that `expr` reads (the
// other columns are left empty: nothing looks at them). Without their
// dictionaries: an expression over a dictionary column is evaluated once per
// dictionary entry, and an entry that only rows outside `rows` hold must not
// be evaluated (it may be the value that makes the branch fail).
void GatherRows(const BoundExpr& expr, const Chunk& input, const uint32_t* rows, uint32_t count,
                Chunk* out) {
  std::vector<int> columns;
  CollectColumns(expr, &columns);
  SortDistinct(&columns);
  out->columns.clear();
  out->columns.resize(input.columns.size());
  for (int column : columns) {
    out->columns[column].Gather(input.columns[column], rows, count, /*keep_dictionary=*/false);
  }
  out->size = count;
}

// out[rows[j]] = from[j] for j < count. REQUIRES: from.type() is out's type or
// kUnknown (all NULL).
void Scatter(const Vector& from, const uint32_t* rows, uint32_t count, Vector* out) {
  for (uint32_t j = 0; j < count; j++) out->CopyRow(rows[j], from, j);
  // Every type held as bytes (varchar, json, ipaddress, array, row) points
  // into `from`'s buffers, which must outlive it.
  if (PhysicalTypeOf(out->type()) == PhysicalType::kString) out->ShareOwnership(from);
}

// The errors Trino's TRY turns into NULL (its docs, "Conditional
// expressions": division by zero, an invalid cast or function argument, a
// numeric value out of range): ctq reports all of them as InvalidArgument
// or OutOfRange. Others (out of memory, a damaged cache) still fail.
bool IsHandledByTry(const absl::Status& status) {
  return absl::IsInvalidArgument(status) || absl::IsOutOfRange(status);
}

}  // namespace

absl::Status ExpressionEvaluator::EvaluateTry(const BoundExpr& expr, const Chunk& input,
                                              Vector* out) {
  const BoundExpr& attempt = *expr.children[0];
  absl::Status status = Evaluate(attempt, input, out);
  if (status.ok() || !IsHandledByTry(status)) return status;
  *out = Vector(expr.type);
  out->Resize(input.size);
  Chunk row;
  Vector value;
  for (uint32_t i = 0; i < input.size; i++) {
    GatherRows(attempt, input, &i, 1, &row);
    status = Evaluate(attempt, row, &value);
    if (status.ok()) {
      Scatter(value, &i, 1, out);
    } else if (IsHandledByTry(status)) {
      out->SetNull(i, true);
    } else {
      return status;
    }
  }
  return absl::OkStatus();
}

absl::Status ExpressionEvaluator::EvaluateCase(const BoundExpr& expr, const Chunk& input,
                                               Vector* out) {
  const uint32_t n = input.size;
  *out = Vector(expr.type);
  out->Resize(n);
  // The rows no WHEN has taken yet, in order.
  std::vector<uint32_t> open(n);
  std::iota(open.begin(), open.end(), 0);
  std::vector<uint32_t> taken, still_open;
  Chunk rows;
  Vector value;
  // Evaluates `branch` on rows `selected` of the input: on the input itself
  // when that is every row.
  auto evaluate_on = [&](const BoundExpr& branch, const std::vector<uint32_t>& selected) {
    if (selected.size() == n) return Evaluate(branch, input, &value);
    GatherRows(branch, input, selected.data(), static_cast<uint32_t>(selected.size()), &rows);
    return Evaluate(branch, rows, &value);
  };
  const size_t else_index = expr.children.size() - 1;
  for (size_t c = 0; c < else_index && !open.empty(); c += 2) {
    CTQ_RETURN_IF_ERROR(evaluate_on(*expr.children[c], open));
    taken.clear();
    still_open.clear();
    for (uint32_t j = 0; j < open.size(); j++) {
      // A NULL condition is not true: the row goes on to the next WHEN.
      const bool is_true = !value.IsNull(j) && value.bools()[j] != 0;
      (is_true ? taken : still_open).push_back(open[j]);
    }
    if (!taken.empty()) {
      CTQ_RETURN_IF_ERROR(evaluate_on(*expr.children[c + 1], taken));
      Scatter(value, taken.data(), static_cast<uint32_t>(taken.size()), out);
    }
    open.swap(still_open);
  }
  if (!open.empty()) {
    CTQ_RETURN_IF_ERROR(evaluate_on(*expr.children[else_index], open));
    Scatter(value, open.data(), static_cast<uint32_t>(open.size()), out);
  }
  return absl::OkStatus();
}

}  // namespace ctq
