// Binding of dates, times and intervals (Trino's docs, "Date and time
// functions and operators" and "Data types"): INTERVAL and typed literals,
// the time functions' signatures, and arithmetic on dates and times.
#include <charconv>

#include "ctq/internal/civil_time.h"
#include "ctq/internal/decimal.h"
#include "ctq/internal/sql_error.h"
#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
#include "engine/expression_binder.h"
#include "engine/function_catalog.h"
#include "engine/generic_signatures.h"
#include "exec/expression_evaluator.h"
#include "exec/joda_format.h"
#include "exec/json_text.h"
#include "exec/vector/vector_value.h"

namespace ctq {
namespace {

using ExprPtr = std::unique_ptr<BoundExpr>;

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

std::string AsciiUpper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return out;
}

std::string_view AsciiTrim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

ExprPtr Node(BoundKind kind, Type type, SourceRange range) {
  auto node = std::make_unique<BoundExpr>();
  node->kind = kind;
  node->type = type;
  node->range = range;
  return node;
}

ExprPtr Constant(Value value, SourceRange range) {
  auto node = Node(BoundKind::kConstant, value.type(), range);
  node->constant = std::move(value);
  return node;
}

std::optional<TimeUnit> ParseUnit(std::string_view name) {
  static constexpr std::pair<std::string_view, TimeUnit> kUnits[] = {
      {"millisecond", TimeUnit::kMillisecond}, {"second", TimeUnit::kSecond},
      {"minute", TimeUnit::kMinute},           {"hour", TimeUnit::kHour},
      {"day", TimeUnit::kDay},                 {"week", TimeUnit::kWeek},
      {"month", TimeUnit::kMonth},             {"quarter", TimeUnit::kQuarter},
      {"year", TimeUnit::kYear},
  };
  std::string lower = AsciiLower(name);
  for (const auto& [unit_name, unit] : kUnits) {
    if (lower == unit_name) return unit;
  }
  return std::nullopt;
}

// The functions year(x), hour(x), ... and the field each reads.
std::optional<TimeUnit> FieldFunction(std::string_view name) {
  static constexpr std::pair<std::string_view, TimeUnit> kFields[] = {
      {"year", TimeUnit::kYear},           {"quarter", TimeUnit::kQuarter},
      {"month", TimeUnit::kMonth},         {"week", TimeUnit::kWeek},
      {"week_of_year", TimeUnit::kWeek},   {"day", TimeUnit::kDay},
      {"day_of_month", TimeUnit::kDay},    {"day_of_week", TimeUnit::kDayOfWeek},
      {"dow", TimeUnit::kDayOfWeek},       {"day_of_year", TimeUnit::kDayOfYear},
      {"doy", TimeUnit::kDayOfYear},       {"year_of_week", TimeUnit::kYearOfWeek},
      {"yow", TimeUnit::kYearOfWeek},      {"hour", TimeUnit::kHour},
      {"minute", TimeUnit::kMinute},       {"second", TimeUnit::kSecond},
      {"millisecond", TimeUnit::kMillisecond}, {"timezone_hour", TimeUnit::kTimezoneHour},
      {"timezone_minute", TimeUnit::kTimezoneMinute},
  };
  for (const auto& [function, unit] : kFields) {
    if (name == function) return unit;
  }
  return std::nullopt;
}

bool IsSubDay(TimeUnit unit) {
  return unit == TimeUnit::kMillisecond || unit == TimeUnit::kSecond ||
         unit == TimeUnit::kMinute || unit == TimeUnit::kHour;
}

absl::Status WrongArguments(const ParsedExpr& call, const std::vector<ExprPtr>& args) {
  std::string types;
  for (size_t i = 0; i < args.size(); i++) {
    if (i > 0) types += ", ";
    types += TypeName(args[i]->type);
  }
  return SqlInvalid(call.range,
                    StrCat("Unexpected parameters (", types, ") for function ", call.function_name));
}

// A constant VARCHAR argument (a unit, a zone, a format): its text, or an
// error naming the argument.
absl::StatusOr<std::optional<std::string>> ConstantText(const ParsedExpr& call, size_t index,
                                                        const ExprPtr& arg) {
  if (arg->type != TypeId::kVarchar && arg->type != TypeId::kUnknown) {
    return SqlInvalid(call.children[index]->range,
                      StrCat(call.function_name, "() expects a varchar here, not ", TypeName(arg->type)));
  }
  if (arg->kind != BoundKind::kConstant) {
    return SqlNotSupported(call.children[index]->range,
                           StrCat("a ", call.function_name, "() argument that is not a literal"));
  }
  if (arg->constant.is_null()) return std::optional<std::string>();
  return std::optional<std::string>(arg->constant.varchar());
}

}  // namespace

bool IsTimeFunctionName(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "from_iso8601_timestamp", "from_iso8601_date", "to_iso8601", "date_trunc", "date_add",
      "date_diff", "current_timestamp", "now", "current_date", "localtimestamp",
      "from_unixtime", "to_unixtime", "at_timezone", "with_timezone", "date_format",
      "date_parse", "format_datetime", "parse_datetime", "date"};
  for (std::string_view known : kNames) {
    if (name == known) return true;
  }
  return FieldFunction(name).has_value();
}

const std::vector<GenericListing>& TimeFunctionListings() {
  static const auto* listings = [] {
    auto* rows = new std::vector<GenericListing>;
    constexpr std::string_view kDate = "date", kTs = "timestamp(3)",
                               kTz = "timestamp(3) with time zone";
    auto add = [&](std::string_view name, std::string_view result, std::string_view arguments) {
      rows->push_back({name, result, arguments, false});
    };
    for (std::string_view name : {"current_timestamp", "now"}) add(name, kTz, "");
    add("current_date", kDate, "");
    add("localtimestamp", kTs, "");
    add("from_iso8601_timestamp", kTz, "varchar");
    add("from_iso8601_date", kDate, "varchar");
    add("from_unixtime", kTz, "double");
    add("to_unixtime", "double", kTz);
    add("at_timezone", kTz, "timestamp(3) with time zone, varchar");
    add("with_timezone", kTz, "timestamp(3), varchar");
    add("date_parse", kTs, "varchar, varchar");
    add("date", kDate, "varchar");
    add("date", kDate, kTs);
    add("date", kDate, kTz);
    for (std::string_view type : {kDate, kTs, kTz}) add("to_iso8601", "varchar", type);
    add("date_format", "varchar", "timestamp(3), varchar");
    add("date_format", "varchar", "timestamp(3) with time zone, varchar");
    add("format_datetime", "varchar", "timestamp(3), varchar");
    add("format_datetime", "varchar", "timestamp(3) with time zone, varchar");
    add("parse_datetime", kTz, "varchar, varchar");
    add("date_trunc", kDate, "varchar, date");
    add("date_trunc", kTs, "varchar, timestamp(3)");
    add("date_trunc", kTz, "varchar, timestamp(3) with time zone");
    add("date_add", kDate, "varchar, bigint, date");
    add("date_add", kTs, "varchar, bigint, timestamp(3)");
    add("date_add", kTz, "varchar, bigint, timestamp(3) with time zone");
    add("date_diff", "bigint", "varchar, date, date");
    add("date_diff", "bigint", "varchar, timestamp(3), timestamp(3)");
    add("date_diff", "bigint",
        "varchar, timestamp(3) with time zone, timestamp(3) with time zone");
    // The fields: of a date too unless they are below a day; the zone's of
    // a timestamp with time zone only.
    static constexpr std::string_view kFields[] = {
        "year", "quarter", "month", "week", "week_of_year", "day", "day_of_month", "day_of_week",
        "dow", "day_of_year", "doy", "year_of_week", "yow", "hour", "minute", "second",
        "millisecond", "timezone_hour", "timezone_minute"};
    for (std::string_view field : kFields) {
      const TimeUnit unit = *FieldFunction(field);
      const bool zone = unit == TimeUnit::kTimezoneHour || unit == TimeUnit::kTimezoneMinute;
      if (!zone && !IsSubDay(unit)) add(field, "bigint", kDate);
      if (!zone) add(field, "bigint", kTs);
      add(field, "bigint", kTz);
    }
    return rows;
  }();
  return *listings;
}

absl::StatusOr<ExprPtr> ExpressionBinder::BindInterval(const ParsedExpr& expr) {
  // INTERVAL '3' DAY, '1-2' YEAR TO MONTH, '1 02:03:04.5' DAY TO SECOND.
  const std::string& unit = expr.type_name;
  const std::string& text = expr.text;
  auto invalid = [&] {
    return SqlInvalid(expr.range, StrCat("Invalid INTERVAL ", AsciiUpper(unit), " value: ", text));
  };
  auto number = [](std::string_view digits, int64_t* out) {
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), *out);
    return ec == std::errc() && end == digits.data() + digits.size() && !digits.empty() && *out >= 0;
  };
  int64_t value = 0;
  Type type = TypeId::kIntervalDayTime;
  std::string_view body = text;
  bool negative = expr.negated;
  if (!body.empty() && (body.front() == '-' || body.front() == '+')) {
    negative ^= body.front() == '-';
    body.remove_prefix(1);
  }
  if (unit == "year" || unit == "month" || unit == "year to month") {
    type = TypeId::kIntervalYearMonth;
    int64_t years = 0, months = 0;
    if (unit == "year to month") {
      size_t dash = body.find('-');
      if (dash == std::string_view::npos || !number(body.substr(0, dash), &years) ||
          !number(body.substr(dash + 1), &months)) {
        return invalid();
      }
    } else if (!number(body, unit == "year" ? &years : &months)) {
      return invalid();
    }
    if (years > 178956970 || months > INT32_MAX) return invalid();
    value = years * 12 + months;
  } else if (unit == "day" || unit == "hour" || unit == "minute" || unit == "second") {
    const int64_t scale = unit == "day"      ? kMillisPerDay
                          : unit == "hour"   ? kMillisPerHour
                          : unit == "minute" ? kMillisPerMinute
                                             : kMillisPerSecond;
    std::string_view whole = body, fraction;
    if (unit == "second") {
      size_t dot = body.find('.');
      if (dot != std::string_view::npos) {
        whole = body.substr(0, dot);
        fraction = body.substr(dot + 1);
      }
    }
    int64_t count = 0;
    if (!number(whole, &count) || count > INT64_MAX / scale - 1000) return invalid();
    value = count * scale;
    for (size_t i = 0; i < fraction.size() && i < 3; i++) {
      if (fraction[i] < '0' || fraction[i] > '9') return invalid();
      value += (fraction[i] - '0') * (i == 0 ? 100 : i == 1 ? 10 : 1);
    }
  } else if (unit == "day to second") {
    // "D HH:MM:SS[.fff]"
    size_t space = body.find(' ');
    int64_t days = 0, h = 0, m = 0, sec = 0;
    std::string_view clock = space == std::string_view::npos ? "" : body.substr(space + 1);
    if (space == std::string_view::npos || !number(body.substr(0, space), &days)) return invalid();
    std::string_view millis_text;
    size_t dot = clock.find('.');
    if (dot != std::string_view::npos) {
      millis_text = clock.substr(dot + 1);
      clock = clock.substr(0, dot);
    }
    size_t c1 = clock.find(':'), c2 = clock.rfind(':');
    if (c1 == std::string_view::npos || c1 == c2 || !number(clock.substr(0, c1), &h) ||
        !number(clock.substr(c1 + 1, c2 - c1 - 1), &m) || !number(clock.substr(c2 + 1), &sec) ||
        h > 23 || m > 59 || sec > 59 || days > 100000000) {
      return invalid();
    }
    value = days * kMillisPerDay + h * kMillisPerHour + m * kMillisPerMinute + sec * kMillisPerSecond;
    for (size_t i = 0; i < millis_text.size() && i < 3; i++) {
      if (millis_text[i] < '0' || millis_text[i] > '9') return invalid();
      value += (millis_text[i] - '0') * (i == 0 ? 100 : i == 1 ? 10 : 1);
    }
  } else {
    return SqlNotSupported(expr.range, StrCat("INTERVAL ", AsciiUpper(unit)));
  }
  return Constant(Value::OfInt64(type, negative ? -value : value), expr.range);
}

absl::StatusOr<ExprPtr> ExpressionBinder::BindTypedLiteral(const ParsedExpr& expr) {
  const std::string& text = expr.children[0]->text;
  Type type;
  if (expr.type_name == "timestamp") {
    // A zone in the text makes it a TIMESTAMP WITH TIME ZONE (Trino).
    std::optional<int> zone;
    type = ParseTimestamp(text, &zone).has_value() && zone.has_value()
               ? Type(TypeId::kTimestampTz)
               : Type(TypeId::kTimestamp);
  } else if (expr.type_name == "decimal") {
    std::optional<ParsedDecimal> parsed = ParseDecimal(AsciiTrim(text), /*allow_exponent=*/false);
    if (!parsed.has_value()) {
      return SqlInvalid(expr.range, StrCat("'", text, "' is not a valid DECIMAL literal"));
    }
    return Constant(Value::Decimal(parsed->unscaled, Type::Decimal(parsed->precision, parsed->scale)),
                    expr.range);
  } else if (expr.type_name == "json") {
    // JSON '[1, 2]' is json_parse's value, not a JSON string (Trino's
    // LiteralInterpreter).
    std::optional<std::string> json = CanonicalJson(text);
    if (!json.has_value()) {
      return SqlInvalid(expr.range, StrCat("'", text, "' is not a valid JSON literal"));
    }
    return Constant(Value::OfString(TypeId::kJson, *json), expr.range);
  } else {
    CTQ_ASSIGN_OR_RETURN(type, ParseCastType(expr.type_name, expr.range));
  }
  // Folded now: a bad literal is an error of the query text, with its position.
  Vector input(TypeId::kVarchar);
  input.Resize(1);
  input.strings()[0] = text;
  Vector out;
  absl::Status cast = CastVector(input, type, &out);
  if (!cast.ok()) {
    return SqlInvalid(expr.range, StrCat("'", text, "' is not a valid ",
                                         AsciiUpper(expr.type_name), " literal"));
  }
  return Constant(GetValue(out, 0), expr.range);
}

std::optional<absl::StatusOr<ExprPtr>> ExpressionBinder::BindDateTimeArithmetic(
    const ParsedExpr& expr, ArithmeticOp op, ExprPtr* left, ExprPtr* right) {
  const Type a = (*left)->type, b = (*right)->type;
  const bool a_time = IsDateTime(a) || IsInterval(a), b_time = IsDateTime(b) || IsInterval(b);
  if (!a_time && !b_time) return std::nullopt;
  auto mismatch = [&]() -> absl::StatusOr<ExprPtr> {
    return SqlInvalid(expr.range, StrCat("Cannot apply operator: ", TypeName(a), " ",
                                         ArithmeticText(op), " ", TypeName(b)));
  };
  const bool additive = op == ArithmeticOp::kAdd || op == ArithmeticOp::kSubtract;
  // datetime +- interval, interval + datetime.
  if (additive && (IsDateTime(a) || IsDateTime(b)) && (IsInterval(a) || IsInterval(b))) {
    const bool datetime_first = IsDateTime(a);
    if (!datetime_first && op == ArithmeticOp::kSubtract) return mismatch();
    auto node = Node(BoundKind::kFunction, datetime_first ? a : b, expr.range);
    node->function = ScalarFunction::kPlusInterval;
    node->negated = op == ArithmeticOp::kSubtract;
    node->children.push_back(std::move(datetime_first ? *left : *right));
    node->children.push_back(std::move(datetime_first ? *right : *left));
    return node;
  }
  // datetime - datetime: an interval day to second.
  if (op == ArithmeticOp::kSubtract && IsDateTime(a) && IsDateTime(b)) {
    std::optional<Type> common = CommonType(a, b);
    if (!common.has_value()) return mismatch();
    auto node = Node(BoundKind::kFunction, TypeId::kIntervalDayTime, expr.range);
    node->function = ScalarFunction::kDateTimeDifference;
    node->children.push_back(CastTo(std::move(*left), *common));
    node->children.push_back(CastTo(std::move(*right), *common));
    return node;
  }
  // interval +- interval of one kind; interval * or / an integer.
  if (IsInterval(a) && (additive ? b == a : IsIntegral(b) && op != ArithmeticOp::kModulo)) {
    auto node = Node(BoundKind::kArithmetic, a, expr.range);
    node->arithmetic_op = op;
    node->children.push_back(std::move(*left));
    // The kernel reads both sides as 64-bit integers (millis or months, and
    // the factor), with bigint's overflow checks.
    node->children.push_back(CastTo(std::move(*right), additive ? a : Type(TypeId::kBigint)));
    return node;
  }
  if (op == ArithmeticOp::kMultiply && IsIntegral(a) && IsInterval(b)) {
    auto node = Node(BoundKind::kArithmetic, b, expr.range);
    node->arithmetic_op = op;
    node->children.push_back(CastTo(std::move(*left), TypeId::kBigint));
    node->children.push_back(std::move(*right));
    return node;
  }
  return mismatch();
}

absl::StatusOr<ExprPtr> ExpressionBinder::BindTimeFunction(const ParsedExpr& expr,
                                                           std::vector<ExprPtr> args) {
  const std::string& name = expr.function_name;
  auto is_datetime = [&](size_t i) { return IsDateTime(args[i]->type); };
  auto node_of = [&](ScalarFunction function, Type type) {
    auto node = Node(BoundKind::kFunction, type, expr.range);
    node->function = function;
    return node;
  };
  auto unit_argument = [&](size_t index, bool for_date) -> absl::StatusOr<std::optional<TimeUnit>> {
    CTQ_ASSIGN_OR_RETURN(std::optional<std::string> text, ConstantText(expr, index, args[index]));
    if (!text.has_value()) return std::optional<TimeUnit>();
    std::optional<TimeUnit> unit = ParseUnit(*text);
    if (!unit.has_value() || (for_date && IsSubDay(*unit))) {
      return SqlInvalid(expr.children[index]->range,
                        StrCat("'", *text, "' is not a valid ", for_date ? "DATE" : "TIMESTAMP",
                               " field"));
    }
    return unit;
  };
  if (name == "current_timestamp" || name == "now" || name == "current_date" ||
      name == "localtimestamp") {
    if (!args.empty()) return WrongArguments(expr, args);
    // The session zone is UTC (Athena's), so localtimestamp is the UTC wall clock.
    if (name == "current_date") {
      return Constant(Value::OfInt64(TypeId::kDate, FloorDiv(now_, kMillisPerDay)), expr.range);
    }
    if (name == "localtimestamp") return Constant(Value::OfInt64(TypeId::kTimestamp, now_), expr.range);
    return Constant(Value::OfInt64(TypeId::kTimestampTz, PackTimestampTz(now_, kUtcZone)), expr.range);
  }
  if (name == "from_iso8601_timestamp" || name == "from_iso8601_date") {
    if (args.size() != 1 || (args[0]->type != TypeId::kVarchar && args[0]->type != TypeId::kUnknown)) {
      return WrongArguments(expr, args);
    }
    const bool date = name == "from_iso8601_date";
    auto node = node_of(date ? ScalarFunction::kFromIso8601Date : ScalarFunction::kFromIso8601Timestamp,
                        date ? Type(TypeId::kDate) : Type(TypeId::kTimestampTz));
    node->children.push_back(CastTo(std::move(args[0]), TypeId::kVarchar));
    return node;
  }
  if (name == "date") {
    if (args.size() != 1 || !(is_datetime(0) || args[0]->type == TypeId::kVarchar)) {
      return WrongArguments(expr, args);
    }
    auto cast = Node(BoundKind::kCast, TypeId::kDate, expr.range);
    cast->children.push_back(std::move(args[0]));
    return cast;
  }
  if (name == "to_iso8601") {
    if (args.size() != 1 || !is_datetime(0)) return WrongArguments(expr, args);
    auto node = node_of(ScalarFunction::kToIso8601, TypeId::kVarchar);
    node->children.push_back(std::move(args[0]));
    return node;
  }
  if (name == "date_trunc") {
    if (args.size() != 2 || !is_datetime(1)) return WrongArguments(expr, args);
    CTQ_ASSIGN_OR_RETURN(std::optional<TimeUnit> unit,
                         unit_argument(0, args[1]->type == TypeId::kDate));
    if (!unit.has_value()) return Constant(Value::Null(args[1]->type), expr.range);
    auto node = node_of(ScalarFunction::kDateTrunc, args[1]->type);
    node->time_unit = *unit;
    node->children.push_back(std::move(args[1]));
    return node;
  }
  if (name == "date_add") {
    if (args.size() != 3 || !is_datetime(2) ||
        !(IsIntegral(args[1]->type) || args[1]->type == TypeId::kUnknown)) {
      return WrongArguments(expr, args);
    }
    CTQ_ASSIGN_OR_RETURN(std::optional<TimeUnit> unit,
                         unit_argument(0, args[2]->type == TypeId::kDate));
    if (!unit.has_value()) return Constant(Value::Null(args[2]->type), expr.range);
    auto node = node_of(ScalarFunction::kDateAdd, args[2]->type);
    node->time_unit = *unit;
    node->children.push_back(CastTo(std::move(args[1]), TypeId::kBigint));
    node->children.push_back(std::move(args[2]));
    return node;
  }
  if (name == "date_diff") {
    if (args.size() != 3 || !is_datetime(1) || !is_datetime(2)) return WrongArguments(expr, args);
    std::optional<Type> common = CommonType(args[1]->type, args[2]->type);
    if (!common.has_value()) return WrongArguments(expr, args);
    CTQ_ASSIGN_OR_RETURN(std::optional<TimeUnit> unit, unit_argument(0, *common == TypeId::kDate));
    if (!unit.has_value()) return Constant(Value::Null(TypeId::kBigint), expr.range);
    auto node = node_of(ScalarFunction::kDateDiff, TypeId::kBigint);
    node->time_unit = *unit;
    node->children.push_back(CastTo(std::move(args[1]), *common));
    node->children.push_back(CastTo(std::move(args[2]), *common));
    return node;
  }
  if (std::optional<TimeUnit> field = FieldFunction(name)) {
    if (args.size() != 1 || !is_datetime(0)) return WrongArguments(expr, args);
    const Type type = args[0]->type;
    if ((type == TypeId::kDate && IsSubDay(*field)) ||
        ((*field == TimeUnit::kTimezoneHour || *field == TimeUnit::kTimezoneMinute) &&
         type != TypeId::kTimestampTz)) {
      return WrongArguments(expr, args);
    }
    auto node = node_of(ScalarFunction::kDatePart, TypeId::kBigint);
    node->time_unit = *field;
    node->children.push_back(std::move(args[0]));
    return node;
  }
  if (name == "from_unixtime") {
    if (args.size() != 1 || !(IsNumeric(args[0]->type) || args[0]->type == TypeId::kUnknown)) {
      return WrongArguments(expr, args);
    }
    auto node = node_of(ScalarFunction::kFromUnixtime, TypeId::kTimestampTz);
    node->children.push_back(CastTo(std::move(args[0]), TypeId::kDouble));
    return node;
  }
  if (name == "to_unixtime") {
    if (args.size() != 1 || !(args[0]->type == TypeId::kTimestampTz || args[0]->type == TypeId::kTimestamp)) {
      return WrongArguments(expr, args);
    }
    auto node = node_of(ScalarFunction::kToUnixtime, TypeId::kDouble);
    node->children.push_back(CastTo(std::move(args[0]), TypeId::kTimestampTz));
    return node;
  }
  if (name == "at_timezone" || name == "with_timezone") {
    const bool with = name == "with_timezone";
    const Type wanted = with ? Type(TypeId::kTimestamp) : Type(TypeId::kTimestampTz);
    if (args.size() != 2 ||
        !(args[0]->type == TypeId::kTimestamp || args[0]->type == TypeId::kTimestampTz) ||
        (with && args[0]->type != TypeId::kTimestamp)) {
      return WrongArguments(expr, args);
    }
    CTQ_ASSIGN_OR_RETURN(std::optional<std::string> zone_name, ConstantText(expr, 1, args[1]));
    if (!zone_name.has_value()) return Constant(Value::Null(TypeId::kTimestampTz), expr.range);
    std::optional<int> zone = ParseZone(*zone_name);
    if (!zone.has_value()) {
      return SqlNotSupported(expr.children[1]->range,
                             StrCat("time zone '", *zone_name,
                                    "' (ctq knows UTC and fixed offsets such as '+05:30')"));
    }
    auto node = node_of(with ? ScalarFunction::kWithTimezone : ScalarFunction::kAtTimezone,
                        TypeId::kTimestampTz);
    node->zone = *zone;
    node->children.push_back(CastTo(std::move(args[0]), wanted));
    return node;
  }
  if (name == "date_format" || name == "date_parse" || name == "format_datetime" ||
      name == "parse_datetime") {
    // MySQL specifiers (date_*) or a Joda-Time pattern (*_datetime).
    const bool format = name == "date_format" || name == "format_datetime";
    const bool joda = name == "format_datetime" || name == "parse_datetime";
    if (args.size() != 2 || (args[0]->type != TypeId::kUnknown &&
                           (format ? !is_datetime(0) : args[0]->type != TypeId::kVarchar))) {
      return WrongArguments(expr, args);
    }
    CTQ_ASSIGN_OR_RETURN(std::optional<std::string> pattern, ConstantText(expr, 1, args[1]));
    const Type type = format ? Type(TypeId::kVarchar)
                             : Type(joda ? TypeId::kTimestampTz : TypeId::kTimestamp);
    if (!pattern.has_value()) return Constant(Value::Null(type), expr.range);
    ScalarFunction function = format ? ScalarFunction::kDateFormat : ScalarFunction::kDateParse;
    if (joda) function = format ? ScalarFunction::kFormatDatetime : ScalarFunction::kParseDatetime;
    auto node = node_of(function, type);
    node->format = *pattern;
    if (joda) {
      absl::StatusOr<JodaPattern> compiled = JodaPattern::Compile(*pattern);
      if (!compiled.ok()) {
        return SqlInvalid(expr.children[1]->range, std::string(compiled.status().message()));
      }
      node->joda = std::make_shared<const JodaPattern>(*std::move(compiled));
    }
    // A date is formatted as its midnight; NULL is a NULL of the input type.
    Type input = args[0]->type;
    if (input == TypeId::kDate || (format && input == TypeId::kUnknown)) input = TypeId::kTimestamp;
    if (input == TypeId::kUnknown) input = TypeId::kVarchar;
    node->children.push_back(CastTo(std::move(args[0]), input));
    return node;
  }
  return UnknownFunction(expr);
}

}  // namespace ctq
