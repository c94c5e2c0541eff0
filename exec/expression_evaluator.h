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
  // zero, a failed CAST), as InvalidArgument.
  absl::Status Evaluate(const BoundExpr& expr, const Chunk& input, Vector* out);

  // Evaluates a boolean `predicate` and writes the rows where it is TRUE
  // (not FALSE, not NULL) to `selection`; returns their count. AND and OR
  // short-circuit as Trino's compiled code does: the right side of an AND
  // runs only on rows where the left is TRUE, of an OR only where it is not,
  // so an expensive term (json_extract_scalar) after a selective one sees few
  // rows, and an error (division by zero) on a row already decided is not
  // raised.
  absl::StatusOr<uint32_t> Select(const BoundExpr& predicate, const Chunk& input,
                                  uint32_t* selection);

 private:
  // Select over the rows `rows[0..count)` (increasing) of `input`; writes the
  // passing ones, in order, to `out` (which may not alias `rows`).
  absl::StatusOr<uint32_t> SelectRows(const BoundExpr& predicate, const Chunk& input,
                                      const uint32_t* rows, uint32_t count, uint32_t* out);

  // Evaluates every child of `expr`, in order, into `out`.
  absl::Status EvaluateChildren(const BoundExpr& expr, const Chunk& input,
                                std::vector<Vector>* out);
  absl::Status EvaluateFunction(const BoundExpr& expr, const Chunk& input, Vector* out);
  absl::Status EvaluateStruct(const BoundExpr& expr, const Chunk& input, Vector* out);

  JsonPath::Scratch json_scratch_;
  std::string string_scratch_;
};

// Kernels shared by the evaluator and other operators (exec/*_kernels.cc).
// All take flat vectors of equal size; `out` is resized and typed by the callee.
void CompareVectors(CompareOp op, const Vector& left, const Vector& right, Vector* out);
absl::Status ArithmeticVectors(ArithmeticOp op, const Vector& left, const Vector& right,
                               TypeId type, Vector* out);
absl::Status CastVector(const Vector& input, TypeId target, Vector* out);

}  // namespace ctq
