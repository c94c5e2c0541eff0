// BoundExpr: an expression after binding. Names are resolved to input column
// positions, types are known, constants are Values, and per-query matchers
// (LIKE patterns, JSON paths) are compiled once and shared read-only between
// threads. The binder (engine/) builds these; the evaluator (exec/) runs them
// over Chunks.
#pragma once

#include <functional>
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

class JodaPattern;

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
  kStruct,      // a ROW column built from its stored leaves: children are
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
  kRegexpExtract,  // (s, pattern[, group]): the first match, or its group
  kRegexpReplace,  // (s, pattern[, replacement]): `format` is the RE2 rewrite
  // More strings (string_functions.cc, url_functions.cc).
  kReverse,
  kLpad,
  kRpad,
  kUrlExtractHost,
  kUrlExtractPath,
  kUrlExtractPort,
  kUrlExtractProtocol,
  kUrlExtractQuery,
  kUrlExtractFragment,
  kUrlExtractParameter,
  kUrlDecode,
  kUrlEncode,
  // JSON (json_functions.cc): `json_path` is the binder's constant path.
  kJsonExtract,
  kJsonParse,
  kJsonFormat,
  kJsonArrayLength,
  kJsonArrayContains,
  kJsonSize,
  kIsJsonScalar,
  // Functions over values of any type, arrays and IP addresses
  // (array_functions.cc).
  kArrayConstructor,
  kSplit,
  kRegexpExtractAll,
  kCardinality,
  kElementAt,
  kSubscript,
  kRowField,  // row.field: children ROW, the field's 0-based index (a constant)
  kContains,
  kArrayJoin,
  kArrayPosition,
  kArrayDistinct,
  kArraySort,
  kArrayMax,
  kArrayMin,
  kGreatest,
  kLeast,
  kIpPrefixContains,  // contains(varchar prefix, ipaddress)
  // Dates and times (exec/time_functions.cc); `time_unit` and `zone` are
  // the binder's constants.
  kFromIso8601Timestamp,  // (varchar) -> timestamp(3) with time zone
  kFromIso8601Date,       // (varchar) -> date
  kToIso8601,             // (date | timestamp | tstz) -> varchar
  kDateTrunc,             // (x) truncated to time_unit
  kDateAdd,               // (amount bigint, x): x plus amount time_units
  kDateDiff,              // (a, b): b - a in whole time_units
  kDatePart,              // (x): the time_unit field (year(x), hour(x), ...)
  kAtTimezone,            // (tstz): the same instant in `zone`
  kWithTimezone,          // (timestamp): that wall-clock time in `zone`
  kFromUnixtime,          // (double seconds) -> tstz (UTC)
  kToUnixtime,            // (tstz) -> double seconds
  kPlusInterval,          // (datetime, interval), or minus when negated
  kDateTimeDifference,    // (a, b) -> interval day to second: a - b
  kDateFormat,            // (x): MySQL-style `format`
  kDateParse,             // (varchar) -> timestamp, MySQL-style `format`
  kFormatDatetime,        // (x) -> varchar, the Joda pattern `joda`
  kParseDatetime,         // (varchar) -> tstz, the Joda pattern `joda`
};

// The unit or field of a time function: date_trunc('day', x), year(x), ...
enum class TimeUnit : uint8_t {
  kMillisecond,
  kSecond,
  kMinute,
  kHour,
  kDay,
  kWeek,
  kMonth,
  kQuarter,
  kYear,
  kDayOfWeek,
  kDayOfYear,
  kYearOfWeek,
  kTimezoneHour,
  kTimezoneMinute,
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
  kArrayAgg,   // array_agg(x [ORDER BY key]): every x, NULLs too; NULL over no rows
  kMaxBy,      // max_by(x, y): the x of the largest non-NULL y
  kMinBy,      // min_by(x, y)
  kVarianceSamp,  // variance(x), var_samp(x): double; NULL below 2 values
  kVariancePop,   // var_pop(x)
  kStddevSamp,    // stddev(x), stddev_samp(x)
  kStddevPop,     // stddev_pop(x)
  kApproxPercentile,  // approx_percentile(x, p): answered exactly (nearest rank)
};

// What an aggregate call says besides its arguments.
struct AggregateOptions {
  bool distinct = false;     // array_agg(DISTINCT x)
  bool ordered = false;      // array_agg(x ORDER BY key): children[1] is the key
  bool descending = false;   // ... ORDER BY key DESC
  bool nulls_first = false;  // ... NULLS FIRST (Trino's default is NULLS LAST)
  double fraction = 0;       // approx_percentile's constant p
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
  TimeUnit time_unit = TimeUnit::kDay;  // time functions
  int zone = 0;                         // kAtTimezone, kWithTimezone (civil_time.h)
  std::string format;                   // kDateFormat, kDateParse; kRegexpReplace's rewrite
  AggregateKind aggregate = AggregateKind::kCountStar;
  AggregateOptions aggregate_options;  // kAggregate
  bool negated = false;

  std::shared_ptr<const LikeMatcher> like;
  std::string like_pattern_text;  // kLike: the pattern (and escape) as written, for ToString
  std::shared_ptr<const JsonPath> json_path;
  std::shared_ptr<const JodaPattern> joda;  // kFormatDatetime, kParseDatetime
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
  // The same text with each column reference spelled by `column_name`
  // (called with the reference's column_index), as EXPLAIN names scan columns.
  std::string ToString(const std::function<std::string(int)>& column_name) const;
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
