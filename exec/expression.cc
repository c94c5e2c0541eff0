#include "exec/expression.h"

#include "ctq/internal/strings.h"
#include "absl/strings/str_join.h"

namespace ctq {
std::string_view ArithmeticText(ArithmeticOp op) {
  switch (op) {
    case ArithmeticOp::kAdd:
      return "+";
    case ArithmeticOp::kSubtract:
      return "-";
    case ArithmeticOp::kMultiply:
      return "*";
    case ArithmeticOp::kDivide:
      return "/";
    case ArithmeticOp::kModulo:
      return "%";
  }
  return "?";
}

CompareOp MirrorCompareOp(CompareOp op) {
  switch (op) {
    case CompareOp::kLess:
      return CompareOp::kGreater;
    case CompareOp::kLessEqual:
      return CompareOp::kGreaterEqual;
    case CompareOp::kGreater:
      return CompareOp::kLess;
    case CompareOp::kGreaterEqual:
      return CompareOp::kLessEqual;
    default:
      return op;
  }
}

std::string_view CompareOpText(CompareOp op) {
  switch (op) {
    case CompareOp::kEqual:
      return "=";
    case CompareOp::kNotEqual:
      return "<>";
    case CompareOp::kLess:
      return "<";
    case CompareOp::kLessEqual:
      return "<=";
    case CompareOp::kGreater:
      return ">";
    case CompareOp::kGreaterEqual:
      return ">=";
  }
  return "?";
}

std::string_view ScalarFunctionName(ScalarFunction function) {
  switch (function) {
    case ScalarFunction::kLower:
      return "lower";
    case ScalarFunction::kUpper:
      return "upper";
    case ScalarFunction::kCoalesce:
      return "coalesce";
    case ScalarFunction::kJsonExtractScalar:
      return "json_extract_scalar";
    case ScalarFunction::kLength:
      return "length";
    case ScalarFunction::kConcat:
      return "concat";
    case ScalarFunction::kSubstr:
      return "substr";
    case ScalarFunction::kReplace:
      return "replace";
    case ScalarFunction::kTrim:
      return "trim";
    case ScalarFunction::kLtrim:
      return "ltrim";
    case ScalarFunction::kRtrim:
      return "rtrim";
    case ScalarFunction::kStrpos:
      return "strpos";
    case ScalarFunction::kStartsWith:
      return "starts_with";
    case ScalarFunction::kSplitPart:
      return "split_part";
    case ScalarFunction::kRegexpLike:
      return "regexp_like";
    case ScalarFunction::kRegexpExtract:
      return "regexp_extract";
    case ScalarFunction::kRegexpReplace:
      return "regexp_replace";
    case ScalarFunction::kReverse:
      return "reverse";
    case ScalarFunction::kLpad:
      return "lpad";
    case ScalarFunction::kRpad:
      return "rpad";
    case ScalarFunction::kUrlExtractHost:
      return "url_extract_host";
    case ScalarFunction::kUrlExtractPath:
      return "url_extract_path";
    case ScalarFunction::kUrlExtractPort:
      return "url_extract_port";
    case ScalarFunction::kUrlExtractProtocol:
      return "url_extract_protocol";
    case ScalarFunction::kUrlExtractQuery:
      return "url_extract_query";
    case ScalarFunction::kUrlExtractFragment:
      return "url_extract_fragment";
    case ScalarFunction::kUrlExtractParameter:
      return "url_extract_parameter";
    case ScalarFunction::kUrlDecode:
      return "url_decode";
    case ScalarFunction::kUrlEncode:
      return "url_encode";
    case ScalarFunction::kJsonExtract:
      return "json_extract";
    case ScalarFunction::kJsonParse:
      return "json_parse";
    case ScalarFunction::kJsonFormat:
      return "json_format";
    case ScalarFunction::kJsonArrayLength:
      return "json_array_length";
    case ScalarFunction::kJsonArrayContains:
      return "json_array_contains";
    case ScalarFunction::kJsonSize:
      return "json_size";
    case ScalarFunction::kIsJsonScalar:
      return "is_json_scalar";
    case ScalarFunction::kArrayConstructor:
      return "array_constructor";
    case ScalarFunction::kSplit:
      return "split";
    case ScalarFunction::kRegexpExtractAll:
      return "regexp_extract_all";
    case ScalarFunction::kCardinality:
      return "cardinality";
    case ScalarFunction::kElementAt:
      return "element_at";
    case ScalarFunction::kSubscript:
      return "subscript";
    case ScalarFunction::kRowField:
      return "dereference";
    case ScalarFunction::kContains:
      return "contains";
    case ScalarFunction::kArrayJoin:
      return "array_join";
    case ScalarFunction::kArrayPosition:
      return "array_position";
    case ScalarFunction::kArrayDistinct:
      return "array_distinct";
    case ScalarFunction::kArraySort:
      return "array_sort";
    case ScalarFunction::kArrayMax:
      return "array_max";
    case ScalarFunction::kArrayMin:
      return "array_min";
    case ScalarFunction::kGreatest:
      return "greatest";
    case ScalarFunction::kLeast:
      return "least";
    case ScalarFunction::kIpPrefixContains:
      return "contains";
    case ScalarFunction::kFromIso8601Timestamp:
      return "from_iso8601_timestamp";
    case ScalarFunction::kFromIso8601Date:
      return "from_iso8601_date";
    case ScalarFunction::kToIso8601:
      return "to_iso8601";
    case ScalarFunction::kDateTrunc:
      return "date_trunc";
    case ScalarFunction::kDateAdd:
      return "date_add";
    case ScalarFunction::kDateDiff:
      return "date_diff";
    case ScalarFunction::kDatePart:
      return "extract";
    case ScalarFunction::kAtTimezone:
      return "at_timezone";
    case ScalarFunction::kWithTimezone:
      return "with_timezone";
    case ScalarFunction::kFromUnixtime:
      return "from_unixtime";
    case ScalarFunction::kToUnixtime:
      return "to_unixtime";
    case ScalarFunction::kPlusInterval:
      return "plus_interval";
    case ScalarFunction::kDateTimeDifference:
      return "subtract";
    case ScalarFunction::kDateFormat:
      return "date_format";
    case ScalarFunction::kDateParse:
      return "date_parse";
    case ScalarFunction::kFormatDatetime:
      return "format_datetime";
    case ScalarFunction::kParseDatetime:
      return "parse_datetime";
  }
  return "?";
}

std::string_view AggregateName(AggregateKind kind) {
  switch (kind) {
    case AggregateKind::kCountStar:
    case AggregateKind::kCount:
    case AggregateKind::kCountDistinct:
      return "count";
    case AggregateKind::kMin:
      return "min";
    case AggregateKind::kMax:
      return "max";
    case AggregateKind::kSum:
      return "sum";
    case AggregateKind::kAvg:
      return "avg";
    case AggregateKind::kCountIf:
      return "count_if";
    case AggregateKind::kBoolAnd:
      return "bool_and";
    case AggregateKind::kBoolOr:
      return "bool_or";
    case AggregateKind::kArbitrary:
      return "arbitrary";
    case AggregateKind::kArrayAgg:
      return "array_agg";
    case AggregateKind::kMaxBy:
      return "max_by";
    case AggregateKind::kMinBy:
      return "min_by";
    case AggregateKind::kVarianceSamp:
      return "var_samp";
    case AggregateKind::kVariancePop:
      return "var_pop";
    case AggregateKind::kStddevSamp:
      return "stddev_samp";
    case AggregateKind::kStddevPop:
      return "stddev_pop";
    case AggregateKind::kApproxPercentile:
      return "approx_percentile";
  }
  return "?";
}

std::string BoundExpr::ToString() const {
  return ToString([](int column_index) { return StrCat("#", column_index); });
}

std::string BoundExpr::ToString(const std::function<std::string(int)>& column_name) const {
  auto child = [&](size_t i) { return children[i]->ToString(column_name); };
  auto all_children = [&](size_t from) {
    std::vector<std::string> parts;
    for (size_t i = from; i < children.size(); i++) parts.push_back(child(i));
    return absl::StrJoin(parts, ", ");
  };
  switch (kind) {
    case BoundKind::kColumn:
      return column_name(column_index);
    case BoundKind::kConstant:
      if (constant.is_null()) return "NULL";
      // Dates and times as SQL literals: TIMESTAMP '2017-02-17 00:00:00.000 UTC'.
      if (constant.type() == TypeId::kDate) return StrCat("DATE '", constant.ToString(), "'");
      if (constant.type() == TypeId::kTimestamp || constant.type() == TypeId::kTimestampTz) {
        return StrCat("TIMESTAMP '", constant.ToString(), "'");
      }
      if (constant.type() == TypeId::kIntervalDayTime || constant.type() == TypeId::kIntervalYearMonth) {
        return StrCat("INTERVAL '", constant.ToString(), "' ",
                      constant.type() == TypeId::kIntervalDayTime ? "DAY TO SECOND" : "YEAR TO MONTH");
      }
      if (constant.type() == TypeId::kVarchar) {
        std::string quoted = "'";
        for (char c : constant.varchar()) {
          quoted.push_back(c);
          if (c == '\'') quoted.push_back('\'');
        }
        return quoted + "'";
      }
      return constant.ToString();
    case BoundKind::kAnd:
    case BoundKind::kOr: {
      // One StrJoin over a chain's children: linear in its length.
      std::vector<std::string> parts;
      parts.reserve(children.size());
      for (size_t i = 0; i < children.size(); i++) parts.push_back(child(i));
      return StrCat("(", absl::StrJoin(parts, kind == BoundKind::kAnd ? " AND " : " OR "), ")");
    }
    case BoundKind::kNot:
      return StrCat("(NOT ", child(0), ")");
    case BoundKind::kCompare:
      return StrCat("(", child(0), " ", CompareOpText(compare_op), " ", child(1), ")");
    case BoundKind::kArithmetic: {
      std::string text = StrCat("(", child(0));
      for (size_t i = 1; i < children.size(); i++) {
        StrAppend(&text, " ", ArithmeticText(ArithmeticOpBefore(i)), " ", child(i));
      }
      text.push_back(')');
      return text;
    }
    case BoundKind::kNegate:
      return StrCat("(-", child(0), ")");
    case BoundKind::kIsNull:
      return StrCat("(", child(0), negated ? " IS NOT NULL)" : " IS NULL)");
    case BoundKind::kLike:
      return StrCat("(", child(0), negated ? " NOT LIKE " : " LIKE ", "'",
                          like_pattern_text, "'", ")");
    case BoundKind::kLikeDynamic:
      return StrCat("(", child(0), negated ? " NOT LIKE " : " LIKE ", all_children(1), ")");
    case BoundKind::kIn:
      return StrCat("(", child(0), negated ? " NOT IN (" : " IN (", all_children(1), "))");
    case BoundKind::kFunction:
      if (function == ScalarFunction::kRowField && children[1]->kind == BoundKind::kConstant) {
        // As written: (row).field.
        const int field = static_cast<int>(children[1]->constant.bigint());
        return StrCat("(", child(0), ").", children[0]->type.field_name(field));
      }
      return StrCat(ScalarFunctionName(function), "(", all_children(0), ")");
    case BoundKind::kCast:
      return StrCat("CAST(", child(0), " AS ", TypeName(type), ")");
    case BoundKind::kTry:
      return StrCat("TRY(", child(0), ")");
    case BoundKind::kCase: {
      std::string text = "CASE";
      for (size_t i = 0; i + 1 < children.size(); i += 2) {
        absl::StrAppend(&text, " WHEN ", child(i), " THEN ", child(i + 1));
      }
      return StrCat(text, " ELSE ", child(children.size() - 1), " END");
    }
    case BoundKind::kStruct: {
      std::vector<std::string> parts;
      for (size_t i = 0; i < field_names.size(); i++) {
        parts.push_back(StrCat(field_names[i], "=", child(i)));
      }
      return StrCat("ROW(", absl::StrJoin(parts, ", "), " if ", child(field_names.size()), ")");
    }
    case BoundKind::kAggregate:
    {
      if (aggregate == AggregateKind::kCountStar) return "count(*)";
      const AggregateOptions& o = aggregate_options;
      std::string arguments = o.ordered ? child(0) : all_children(0);
      if (aggregate == AggregateKind::kApproxPercentile) {
        arguments = StrCat(arguments, ", ", FormatDouble(o.fraction));
      }
      std::string order;
      if (o.ordered) {
        order = StrCat(" ORDER BY ", child(1), o.descending ? " DESC" : " ASC",
                       o.nulls_first ? " NULLS FIRST" : " NULLS LAST");
      }
      return StrCat(AggregateName(aggregate), "(",
                    aggregate == AggregateKind::kCountDistinct || o.distinct ? "DISTINCT " : "",
                    arguments, order, ")");
    }
  }
  return "?";
}

std::unique_ptr<BoundExpr> BoundExpr::Clone() const {
  auto copy = std::make_unique<BoundExpr>();
  copy->kind = kind;
  copy->type = type;
  copy->range = range;
  copy->column_index = column_index;
  copy->constant = constant;
  copy->compare_op = compare_op;
  copy->arithmetic_op = arithmetic_op;
  copy->arithmetic_ops = arithmetic_ops;
  copy->function = function;
  copy->time_unit = time_unit;
  copy->zone = zone;
  copy->format = format;
  copy->aggregate = aggregate;
  copy->aggregate_options = aggregate_options;
  copy->negated = negated;
  copy->like = like;
  copy->like_pattern_text = like_pattern_text;
  copy->json_path = json_path;
  copy->joda = joda;
  copy->regexp = regexp;
  copy->field_names = field_names;
  for (const auto& child : children) copy->children.push_back(child->Clone());
  return copy;
}

}  // namespace ctq
