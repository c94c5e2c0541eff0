// ExpressionEvaluator: runs a BoundExpr over a Chunk, a vector at a time.
//
// Thread-safety: one evaluator per thread (it holds scratch memory); the
// BoundExprs it evaluates are shared and read-only.
#pragma once

#include "absl/status/status.h"
#include "exec/expression.h"
#include "exec/json_path.h"
#include "exec/vector/vector.h"

namespace ctq {

class ExpressionEvaluator {
 public:
  // Computes `expr` for every row of `input` into `out` (of type expr.type).
  // Errors are data errors that Trino also raises at run time (division by
  // zero, a failed CAST), as InvalidArgument. An expression over one column
  // with a dictionary (json_extract_scalar(col, ...), lower(col)) is computed
  // once per entry and gathered by code.
  absl::Status Evaluate(const BoundExpr& expr, const Chunk& input, Vector* out);

  // Evaluates a boolean `predicate` and writes the rows where it is TRUE
  // (not FALSE, not NULL) to `selection`; returns their count. AND and OR
  // short-circuit as Trino's compiled code does: each operand of an AND (of
  // any length) runs only on rows where all before it are TRUE, of an OR
  // only where none before it is,
  // so an expensive term (json_extract_scalar) after a selective one sees few
  // rows, and an error (division by zero) on a row already decided is not
  // raised.
  absl::StatusOr<uint32_t> Select(const BoundExpr& predicate, const Chunk& input,
                                  uint32_t* selection);

  // Select over the rows `rows[0..count)` (increasing) of `input`; writes the
  // passing ones, in order, to `out` (which may not alias `rows`). Only the
  // columns `predicate` reads need be filled in `input`.
  //
  // A predicate that reads one column (a leaf, or a whole AND/OR over it),
  // when that column's vector has a dictionary (Vector::dictionary()), is
  // evaluated once per dictionary entry
  // (and once for NULL) and applied to the rows by code; the verdicts are
  // kept for the next vectors of the same dictionary. Should the predicate
  // fail on some entry (a CAST error), the rows are evaluated one by one, so
  // an entry no row reaches raises nothing.
  absl::StatusOr<uint32_t> SelectRows(const BoundExpr& predicate, const Chunk& input,
                                      const uint32_t* rows, uint32_t count, uint32_t* out);

 private:
  // The verdict (1: TRUE) of `predicate` for each code of `dictionary` (code
  // 0: NULL), where `predicate` reads only input column `column`; null when
  // not worth computing for `count` rows, or when it raised an error.
  const std::vector<uint8_t>* DictionaryVerdicts(const BoundExpr& predicate, int column,
                                                 size_t column_count,
                                                 const Vector::Dictionary& dictionary,
                                                 uint32_t count);

  // Selection buffers for SelectRows's recursion, reused chunk after chunk;
  // taken and given back in stack order.
  class ScratchSelection;
  std::vector<std::vector<uint32_t>> selection_pool_;
  size_t selection_depth_ = 0;

  // The values of `expr` (which reads only input column `column`, whose
  // vector has `dictionary`) for each code of the dictionary (code 0: NULL),
  // computed once and kept like the verdicts below; null when the dictionary
  // is too big for one vector or for `count` rows, or when `expr` raised an
  // error on some entry (then the rows are evaluated, and raise only their
  // own errors).
  const Vector* EntryValues(const BoundExpr& expr, int column, size_t column_count,
                            const Vector::Dictionary& dictionary, uint32_t count);
  // Evaluates `expr` over codes [begin, begin + count) of `dictionary`
  // (code 0: NULL) placed as input column `column` of a chunk with
  // `column_count` columns (the others empty: `expr` reads only `column`).
  absl::Status EvaluateEntries(const BoundExpr& expr, int column, size_t column_count,
                               const Vector::Dictionary& dictionary, uint32_t begin,
                               uint32_t count, Vector* out);
  struct Entries {
    const BoundExpr* expr = nullptr;
    uint64_t dictionary_id = 0;
    bool usable = false;
    Vector values;
  };
  std::vector<Entries> entries_;
  size_t next_entries_ = 0;
  std::vector<int> entry_columns_scratch_;

  struct Verdicts {
    const BoundExpr* predicate = nullptr;
    uint64_t dictionary_id = 0;
    bool usable = false;
    std::vector<uint8_t> pass;
  };
  std::vector<Verdicts> verdicts_;  // a few recent ones, replaced round robin
  size_t next_verdicts_ = 0;
  std::vector<int> columns_scratch_;

  // Evaluates every child of `expr`, in order, into `out`.
  absl::Status EvaluateChildren(const BoundExpr& expr, const Chunk& input,
                                std::vector<Vector>* out);
  absl::Status EvaluateFunction(const BoundExpr& expr, const Chunk& input, Vector* out);
  // concat of many arguments (a long || chain), one argument at a time so
  // that memory is the result's, not a vector per argument.
  absl::Status EvaluateLongConcat(const BoundExpr& expr, const Chunk& input, Vector* out);
  absl::Status EvaluateStruct(const BoundExpr& expr, const Chunk& input, Vector* out);
  // CASE, lazily: each branch only on its rows; TRY: NULL where its
  // expression fails (conditional_expressions.cc).
  absl::Status EvaluateCase(const BoundExpr& expr, const Chunk& input, Vector* out);
  absl::Status EvaluateTry(const BoundExpr& expr, const Chunk& input, Vector* out);

  JsonPath::Scratch json_scratch_;
  std::string string_scratch_;
};

// Kernels shared by the evaluator and other operators (exec/*_kernels.cc).
// All take flat vectors of equal size; `out` is resized and typed by the callee.
void CompareVectors(CompareOp op, const Vector& left, const Vector& right, Vector* out);
absl::Status ArithmeticVectors(ArithmeticOp op, const Vector& left, const Vector& right,
                               Type type, Vector* out);
absl::Status CastVector(const Vector& input, Type target, Vector* out);

}  // namespace ctq
