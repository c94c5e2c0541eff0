// BoundExpr: an expression after binding. Names are resolved to input column
// positions, types are known, constants are Values, and per-query matchers
// (LIKE patterns, JSON paths) are compiled once and shared read-only between
// threads. The binder (engine/) builds these; the evaluator (exec/) runs them
// over Chunks.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ctq/internal/source_range.h"
#include "ctq/type.h"
#include "ctq/value.h"
#include "exec/json_path.h"
#include "exec/like_matcher.h"

namespace re2 {
class RE2;
}  // namespace re2

namespace ctq {

enum class BoundKind {
  kColumn,      // column_index into the input chunk
  kConstant,    // constant
  kAnd,         // children (2 or more), three-valued
  kOr,          // children (2 or more), three-valued
  kNot,         // children[0]
  kCompare,     // compare_op, children[0] op children[1]
  kArithmetic,  // children[0] op children[1] [op children[2] ...], left to
                // right, every child of the node's type (for a DECIMAL node,
                // each child a decimal of its own scale); ArithmeticOpBefore
  kNegate,      // -children[0]
  kIsNull,      // children[0]; negated for IS NOT NULL
  kLike,        // children[0] LIKE like (constant pattern); negated for NOT LIKE
  kLikeDynamic, // children: value, pattern[, escape] — pattern not a constant
  kIn,          // children[0] IN children[1..]; negated for NOT IN
  kFunction,    // function, children = arguments
  kCast,        // children[0] cast to type
  kCase,        // children: when1, then1, when2, then2, ..., else (always
                // present; a NULL constant when not written). Searched form
                // only: the binder turns `CASE x WHEN v` into `WHEN x = v`.
                // A branch's result is evaluated only on the rows that take
                // it, so `CASE WHEN x = 0 THEN 0 ELSE 1 / x END` never divides
                // by zero (Trino's semantics).
  kTry,         // children[0], NULL for each row where it fails with an error
                // Trino's TRY handles (division by zero, a bad cast or function
                // argument, a number out of range): try(x) and try_cast
  kStruct,      // renders a ROW as Trino prints it: {name=value, ...}; children are
                // leaves or nested structs (field_names their names), then
                // the ROW's presence column (NULL: no ROW)
  kAggregate,   // only while binding: an aggregate call (see engine/binder)
};

enum class CompareOp { kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual };
enum class ArithmeticOp : uint8_t { kAdd, kSubtract, kMultiply, kDivide, kModulo };

enum class ScalarFunction {
  kLower,
  kUpper,
  kCoalesce,
  kJsonExtractScalar,
  kLength,
  kConcat,
  kSubstr,
  kReplace,
  kTrim,
  kLtrim,
  kRtrim,
  kStrpos,
  kStartsWith,
  kSplitPart,
  kRegexpLike,
};

enum class AggregateKind {
  kCountStar,
  kCount,
  kCountDistinct,  // also approx_distinct, answered exactly
  kMin,
  kMax,
  kSum,
  kAvg,
  kCountIf,    // count_if(b): the rows where b is true; never NULL
  kBoolAnd,    // bool_and(b), every(b): NULL over no non-NULL input
  kBoolOr,     // bool_or(b)
  kArbitrary,  // arbitrary(x), any_value(x): some non-NULL x (the first seen)
};

struct BoundExpr {
  BoundKind kind = BoundKind::kConstant;
  Type type = TypeId::kUnknown;
  SourceRange range;

  int column_index = -1;
  Value constant;
  CompareOp compare_op = CompareOp::kEqual;
  // kArithmetic: the operator of every step, unless `arithmetic_ops` is
  // non-empty (a chain mixing + and -): then arithmetic_ops[i - 1] is the one
  // before children[i]. Use ArithmeticOpBefore().
  ArithmeticOp arithmetic_op = ArithmeticOp::kAdd;
  std::vector<ArithmeticOp> arithmetic_ops;
  ScalarFunction function = ScalarFunction::kLower;
  AggregateKind aggregate = AggregateKind::kCountStar;
  bool negated = false;

  std::shared_ptr<const LikeMatcher> like;
  std::string like_pattern_text;  // kLike: the pattern (and escape) as written, for ToString
  std::shared_ptr<const JsonPath> json_path;
  std::shared_ptr<const re2::RE2> regexp;  // regexp_like with a constant pattern
  std::vector<std::string> field_names;  // kStruct

  std::vector<std::unique_ptr<BoundExpr>> children;

  // kArithmetic: the operator between the value of children[0..i) and
  // children[i]. REQUIRES: 1 <= i < children.size().
  ArithmeticOp ArithmeticOpBefore(size_t i) const {
    return arithmetic_ops.empty() ? arithmetic_op : arithmetic_ops[i - 1];
  }

  // A canonical text form, used by EXPLAIN and to match expressions (a select
  // expression against GROUP BY keys). Two expressions with the same text
  // compute the same values.
  std::string ToString() const;
  std::unique_ptr<BoundExpr> Clone() const;
};

// "=", "<>", "<", "<=", ">", ">=".
std::string_view CompareOpText(CompareOp op);
// "+", "-", "*", "/", "%".
std::string_view ArithmeticText(ArithmeticOp op);
// The op that compares the other way round: `c op x` is `x MirrorCompareOp(op) c`.
CompareOp MirrorCompareOp(CompareOp op);
std::string_view ScalarFunctionName(ScalarFunction function);
std::string_view AggregateName(AggregateKind kind);

}  // namespace ctq
