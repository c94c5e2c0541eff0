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
  // (not FALSE, not NULL) to `selection`; returns their count.
  absl::StatusOr<uint32_t> Select(const BoundExpr& predicate, const Chunk& input,
                                  uint32_t* selection);

 private:
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
