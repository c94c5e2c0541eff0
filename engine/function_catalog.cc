#include "engine/function_catalog.h"

#include <algorithm>
#include <charconv>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_join.h"
#include "ctq/internal/decimal.h"
#include "ctq/internal/sql_error.h"
#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
#include "engine/generic_signatures.h"
#include "engine/trino_function_names.h"

namespace ctq {
namespace {

// A scalar function's fixed signature. `kAny` marks coalesce's arguments.
struct ScalarEntry {
  std::string_view name;
  ScalarFunction function;
  std::vector<Type> required;
  std::vector<Type> optional;
  Type result;
};

const std::vector<ScalarEntry>& ScalarEntries() {
  using T = TypeId;
  static const auto* entries = new std::vector<ScalarEntry>{
      {"lower", ScalarFunction::kLower, {T::kVarchar}, {}, T::kVarchar},
      {"upper", ScalarFunction::kUpper, {T::kVarchar}, {}, T::kVarchar},
      {"json_extract_scalar", ScalarFunction::kJsonExtractScalar, {T::kJson, T::kVarchar}, {}, T::kVarchar},
      {"length", ScalarFunction::kLength, {T::kVarchar}, {}, T::kBigint},
      {"substr", ScalarFunction::kSubstr, {T::kVarchar, T::kBigint}, {T::kBigint}, T::kVarchar},
      {"substring", ScalarFunction::kSubstr, {T::kVarchar, T::kBigint}, {T::kBigint}, T::kVarchar},
      {"replace", ScalarFunction::kReplace, {T::kVarchar, T::kVarchar}, {T::kVarchar}, T::kVarchar},
      {"trim", ScalarFunction::kTrim, {T::kVarchar}, {T::kVarchar}, T::kVarchar},
      {"ltrim", ScalarFunction::kLtrim, {T::kVarchar}, {T::kVarchar}, T::kVarchar},
      {"rtrim", ScalarFunction::kRtrim, {T::kVarchar}, {T::kVarchar}, T::kVarchar},
      {"strpos", ScalarFunction::kStrpos, {T::kVarchar, T::kVarchar}, {T::kBigint}, T::kBigint},
      {"starts_with", ScalarFunction::kStartsWith, {T::kVarchar, T::kVarchar}, {}, T::kBoolean},
      {"split_part", ScalarFunction::kSplitPart, {T::kVarchar, T::kVarchar, T::kBigint}, {}, T::kVarchar},
      {"regexp_like", ScalarFunction::kRegexpLike, {T::kVarchar, T::kVarchar}, {}, T::kBoolean},
      {"regexp_extract", ScalarFunction::kRegexpExtract, {T::kVarchar, T::kVarchar}, {T::kBigint}, T::kVarchar},
      {"regexp_replace", ScalarFunction::kRegexpReplace, {T::kVarchar, T::kVarchar}, {T::kVarchar}, T::kVarchar},
      {"regexp_extract_all", ScalarFunction::kRegexpExtractAll, {T::kVarchar, T::kVarchar}, {T::kBigint}, Type::Array(T::kVarchar)},
      {"split", ScalarFunction::kSplit, {T::kVarchar, T::kVarchar}, {T::kBigint}, Type::Array(T::kVarchar)},
      {"reverse", ScalarFunction::kReverse, {T::kVarchar}, {}, T::kVarchar},
      {"lpad", ScalarFunction::kLpad, {T::kVarchar, T::kBigint, T::kVarchar}, {}, T::kVarchar},
      {"rpad", ScalarFunction::kRpad, {T::kVarchar, T::kBigint, T::kVarchar}, {}, T::kVarchar},
      {"url_extract_host", ScalarFunction::kUrlExtractHost, {T::kVarchar}, {}, T::kVarchar},
      {"url_extract_path", ScalarFunction::kUrlExtractPath, {T::kVarchar}, {}, T::kVarchar},
      {"url_extract_port", ScalarFunction::kUrlExtractPort, {T::kVarchar}, {}, T::kBigint},
      {"url_extract_protocol", ScalarFunction::kUrlExtractProtocol, {T::kVarchar}, {}, T::kVarchar},
      {"url_extract_query", ScalarFunction::kUrlExtractQuery, {T::kVarchar}, {}, T::kVarchar},
      {"url_extract_fragment", ScalarFunction::kUrlExtractFragment, {T::kVarchar}, {}, T::kVarchar},
      {"url_extract_parameter", ScalarFunction::kUrlExtractParameter, {T::kVarchar, T::kVarchar}, {}, T::kVarchar},
      {"url_encode", ScalarFunction::kUrlEncode, {T::kVarchar}, {}, T::kVarchar},
      {"url_decode", ScalarFunction::kUrlDecode, {T::kVarchar}, {}, T::kVarchar},
      // A JSON argument also takes VARCHAR, read as JSON text (Trino has
      // both signatures); json_format takes JSON only.
      {"json_extract", ScalarFunction::kJsonExtract, {T::kJson, T::kVarchar}, {}, T::kJson},
      {"json_parse", ScalarFunction::kJsonParse, {T::kVarchar}, {}, T::kJson},
      {"json_format", ScalarFunction::kJsonFormat, {T::kJson}, {}, T::kVarchar},
      {"json_array_length", ScalarFunction::kJsonArrayLength, {T::kJson}, {}, T::kBigint},
      {"json_size", ScalarFunction::kJsonSize, {T::kJson, T::kVarchar}, {}, T::kBigint},
      {"is_json_scalar", ScalarFunction::kIsJsonScalar, {T::kJson}, {}, T::kBoolean},
  };
  return *entries;
}

std::string TypeList(const std::vector<std::unique_ptr<BoundExpr>>& args) {
  std::vector<std::string> names;
  for (const auto& arg : args) names.emplace_back(TypeName(arg->type));
  return absl::StrJoin(names, ", ");
}

// Trino's implicit coercions for arguments: NULL to anything, integer to
// bigint, any number to double.
bool Accepts(Type wanted, Type actual) {
  return actual == wanted || actual == TypeId::kUnknown ||
         (wanted == TypeId::kBigint && actual == TypeId::kInteger) ||
         (wanted == TypeId::kDouble && IsNumeric(actual));
}

absl::Status WrongArguments(const ParsedExpr& call,
                            const std::vector<std::unique_ptr<BoundExpr>>& args) {
  return SqlInvalid(call.range, StrCat("Unexpected parameters (", TypeList(args),
                                             ") for function ", call.function_name));
}

}  // namespace

// The common type two operands are cast to, as Trino's implicit coercions
// (TypeCoercion) give it: equal types, NULL (unknown) with anything; among
// numbers integer < bigint < decimal < double, integers meeting a decimal as
// decimal(10,0) / decimal(19,0). nullopt if incompatible.
std::optional<Type> CommonType(Type a, Type b) {
  if (a == b) return a;
  if (a == TypeId::kUnknown) return b;
  if (b == TypeId::kUnknown) return a;
  if (IsDateTime(a) && IsDateTime(b)) {
    // date < timestamp < timestamp with time zone.
    if (a == TypeId::kTimestampTz || b == TypeId::kTimestampTz) return Type(TypeId::kTimestampTz);
    return Type(TypeId::kTimestamp);
  }
  if (!IsNumeric(a) || !IsNumeric(b)) return std::nullopt;
  if (a == TypeId::kDouble || b == TypeId::kDouble) return Type(TypeId::kDouble);
  if (a.id() == TypeId::kDecimal || b.id() == TypeId::kDecimal) return CommonDecimalType(a, b);
  return Type(TypeId::kBigint);  // integer with bigint
}

constexpr std::string_view kAggregateNames[] = {
    "count", "min", "max", "sum", "avg", "count_if", "bool_and", "bool_or", "every",
    "arbitrary", "any_value", "approx_distinct", "array_agg", "max_by", "min_by", "stddev",
    "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop", "approx_percentile"};

bool IsAggregateFunction(std::string_view name) {
  static const auto* names = new absl::flat_hash_set<std::string_view>(
      std::begin(kAggregateNames), std::end(kAggregateNames));
  return names->contains(name);
}

bool IsScalarFunction(std::string_view name) {
  // if, nullif, try and $field (row.field) are special forms the binder
  // builds itself.
  if (name == "coalesce" || name == "concat" || name == "if" || name == "nullif" || name == "try" ||
      name == "typeof" || name == "$field" || IsTimeFunctionName(name)) {
    return true;
  }
  for (const ScalarEntry& entry : ScalarEntries()) {
    if (entry.name == name) return true;
  }
  const auto& generic = GenericFunctionNames();
  return std::find(generic.begin(), generic.end(), name) != generic.end();
}

absl::Status UnknownFunction(const ParsedExpr& call) {
  const std::string& name = call.function_name;
  if (IsTrinoFunction(name)) return SqlNotSupported(call.range, StrCat("function ", name));
  // Trino's text for a name it has no function of (io.trino.metadata.FunctionBinder).
  return SqlInvalid(call.range, StrCat("Function '", name, "' not registered"));
}

absl::StatusOr<ScalarSignature> ResolveScalarFunction(
    const ParsedExpr& call, const std::vector<std::unique_ptr<BoundExpr>>& args) {
  const std::string& name = call.function_name;
  if (name == "coalesce" || name == "concat") {
    if (args.size() < (name == "coalesce" ? 1u : 2u)) return WrongArguments(call, args);
    Type type = TypeId::kUnknown;
    for (const auto& arg : args) {
      std::optional<Type> common = CommonType(type, arg->type);
      if (!common.has_value()) return WrongArguments(call, args);
      type = *common;
    }
    if (name == "concat") {
      if (type != TypeId::kVarchar && type != TypeId::kUnknown) return WrongArguments(call, args);
      type = TypeId::kVarchar;
    }
    return ScalarSignature{name == "coalesce" ? ScalarFunction::kCoalesce : ScalarFunction::kConcat,
                           std::vector<Type>(args.size(), type), type};
  }
  if (auto generic = ResolveGenericFunction(call, args); generic.has_value()) {
    return *std::move(generic);
  }
  for (const ScalarEntry& entry : ScalarEntries()) {
    if (entry.name != name) continue;
    size_t min = entry.required.size(), max = min + entry.optional.size();
    if (args.size() < min || args.size() > max) return WrongArguments(call, args);
    ScalarSignature signature{entry.function, {}, entry.result};
    for (size_t i = 0; i < args.size(); i++) {
      Type wanted = i < min ? entry.required[i] : entry.optional[i - min];
      const Type actual = args[i]->type;
      if (wanted == TypeId::kJson && actual == TypeId::kVarchar && name != "json_format") {
        // JSON text as it is: a cast to JSON would make it a JSON string.
        signature.argument_types.push_back(actual);
        continue;
      }
      if (!Accepts(wanted, actual)) return WrongArguments(call, args);
      signature.argument_types.push_back(wanted);
    }
    return signature;
  }
  return UnknownFunction(call);
}

absl::StatusOr<AggregateSignature> ResolveAggregateFunction(
    const ParsedExpr& call, const std::vector<std::unique_ptr<BoundExpr>>& args) {
  const std::string& name = call.function_name;
  if (name == "count") {
    if (call.star) return AggregateSignature{AggregateKind::kCountStar, TypeId::kBigint};
    if (args.size() != 1) return WrongArguments(call, args);
    return AggregateSignature{call.distinct ? AggregateKind::kCountDistinct : AggregateKind::kCount,
                              TypeId::kBigint};
  }
  if (call.star) return WrongArguments(call, args);
  if (name == "array_agg") {
    if (args.size() != 1) return WrongArguments(call, args);
    return AggregateSignature{AggregateKind::kArrayAgg, Type::Array(args[0]->type)};
  }
  if (call.distinct && name != "approx_distinct") {
    return SqlNotSupported(call.range, StrCat("DISTINCT in ", name, "()"));
  }
  if (name == "max_by" || name == "min_by") {
    if (args.size() != 2 || args[1]->type == TypeId::kJson) return WrongArguments(call, args);
    return AggregateSignature{name == "max_by" ? AggregateKind::kMaxBy : AggregateKind::kMinBy,
                              args[0]->type};
  }
  if (name == "approx_percentile") {
    // approx_percentile(x, percentage): bigint for integers, else double
    // (the weighted and array forms are not supported).
    if (args.size() != 2) {
      if (args.size() == 3) return SqlNotSupported(call.range, "approx_percentile with a weight");
      return WrongArguments(call, args);
    }
    const Type x = args[0]->type, p = args[1]->type;
    if (p.id() == TypeId::kArray) {
      return SqlNotSupported(call.range, "approx_percentile of an array of percentages");
    }
    if (!(IsNumeric(x) || x == TypeId::kUnknown) || !(IsNumeric(p) || p == TypeId::kUnknown)) {
      return WrongArguments(call, args);
    }
    return AggregateSignature{AggregateKind::kApproxPercentile,
                              IsIntegral(x) ? Type(TypeId::kBigint) : Type(TypeId::kDouble)};
  }
  if (args.size() != 1) return WrongArguments(call, args);
  if (name == "stddev" || name == "stddev_samp" || name == "stddev_pop" || name == "variance" ||
      name == "var_samp" || name == "var_pop") {
    // Trino's VarianceAggregation: double over any number.
    if (!IsNumeric(args[0]->type) && args[0]->type != TypeId::kUnknown) {
      return WrongArguments(call, args);
    }
    AggregateKind kind = AggregateKind::kVarianceSamp;
    if (name == "var_pop") kind = AggregateKind::kVariancePop;
    if (name == "stddev" || name == "stddev_samp") kind = AggregateKind::kStddevSamp;
    if (name == "stddev_pop") kind = AggregateKind::kStddevPop;
    return AggregateSignature{kind, TypeId::kDouble};
  }
  // approx_distinct answers exactly: Trino's is within a 2.3% standard error,
  // so the exact count is one of its possible answers.
  if (name == "approx_distinct") {
    return AggregateSignature{AggregateKind::kCountDistinct, TypeId::kBigint};
  }
  Type type = args[0]->type;
  if (name == "arbitrary" || name == "any_value") {
    return AggregateSignature{AggregateKind::kArbitrary, type};
  }
  if (name == "count_if" || name == "bool_and" || name == "bool_or" || name == "every") {
    if (type != TypeId::kBoolean && type != TypeId::kUnknown) return WrongArguments(call, args);
    if (name == "count_if") return AggregateSignature{AggregateKind::kCountIf, TypeId::kBigint};
    return AggregateSignature{name == "bool_or" ? AggregateKind::kBoolOr : AggregateKind::kBoolAnd,
                              TypeId::kBoolean};
  }
  if (name == "min" || name == "max") {
    return AggregateSignature{name == "min" ? AggregateKind::kMin : AggregateKind::kMax, type};
  }
  if (!IsNumeric(type) && type != TypeId::kUnknown) return WrongArguments(call, args);
  // Trino: sum of integer or bigint is bigint, of decimal(p, s)
  // decimal(38, s), of double double; avg of decimal(p, s) is decimal(p, s),
  // of the others double (io.trino.operator.aggregation).
  if (name == "sum") {
    if (type.id() == TypeId::kDecimal) {
      return AggregateSignature{AggregateKind::kSum, Type::Decimal(38, type.scale())};
    }
    return AggregateSignature{AggregateKind::kSum, type == TypeId::kDouble ? Type(TypeId::kDouble)
                                                                           : Type(TypeId::kBigint)};
  }
  return AggregateSignature{AggregateKind::kAvg,
                            type.id() == TypeId::kDecimal ? type : Type(TypeId::kDouble)};
}

namespace {

// Types whose values CAST(x AS JSON) writes, and CAST(json AS T) reads (Trino's
// JsonUtil.canCastToJson / canCastFromJson, less the types ctq lacks).
bool JsonScalar(Type type) {
  return type == TypeId::kVarchar || type == TypeId::kBoolean || type == TypeId::kInteger ||
         type == TypeId::kBigint || type == TypeId::kDouble;
}

bool CanCastToJson(Type type) {
  if (JsonScalar(type) || type.id() == TypeId::kDecimal || type == TypeId::kJson) return true;
  if (type.id() == TypeId::kArray) return CanCastToJson(type.element());
  if (type.id() == TypeId::kRow) {
    for (int i = 0; i < type.field_count(); i++) {
      if (!CanCastToJson(type.field_type(i))) return false;
    }
    return true;
  }
  return false;
}

bool CanCastFromJson(Type type) {
  if (JsonScalar(type) || type == TypeId::kJson) return true;
  if (type.id() == TypeId::kArray) return CanCastFromJson(type.element());
  if (type.id() == TypeId::kRow) {
    for (int i = 0; i < type.field_count(); i++) {
      if (!CanCastFromJson(type.field_type(i))) return false;
    }
    return true;
  }
  return false;
}

}  // namespace

bool CanCast(Type from, Type to) {
  if (from == to || from == TypeId::kUnknown) return true;
  // JSON, IPADDRESS, ARRAY and ROW (cast_structured.cc): Trino's
  // JsonOperators, IpAddressOperators, ArrayToJsonCast, JsonToArrayCast,
  // RowToJsonCast and JsonToRowCast.
  if (to == TypeId::kJson) return CanCastToJson(from);
  if (from == TypeId::kJson) return CanCastFromJson(to) && to != TypeId::kJson;
  if (to == TypeId::kIpaddress) return from == TypeId::kVarchar;
  if (from == TypeId::kIpaddress) return to == TypeId::kVarchar;
  for (Type type : {from, to}) {
    if (type.id() == TypeId::kArray || type.id() == TypeId::kRow) return false;
  }
  if (to == TypeId::kVarchar) return true;
  const bool scalar_from = IsNumeric(from) || from == TypeId::kBoolean;
  const bool scalar_to = IsNumeric(to) || to == TypeId::kBoolean;
  if (from == TypeId::kVarchar) return !IsInterval(to);
  if (scalar_from && scalar_to) return true;
  return IsDateTime(from) && IsDateTime(to);
}

absl::StatusOr<Type> ParseCastType(std::string_view type_name, SourceRange range) {
  std::string_view base = type_name.substr(0, type_name.find('('));
  while (!base.empty() && base.back() == ' ') base.remove_suffix(1);
  if (base == "varchar" || base == "char" || base == "string") return Type(TypeId::kVarchar);
  if (base == "bigint") return Type(TypeId::kBigint);
  if (base == "integer" || base == "int") return Type(TypeId::kInteger);
  if (base == "double" || base == "double precision") return Type(TypeId::kDouble);
  if (base == "boolean") return Type(TypeId::kBoolean);
  if (base == "date") return Type(TypeId::kDate);
  if (base == "json") return Type(TypeId::kJson);
  if (base == "ipaddress") return Type(TypeId::kIpaddress);
  if ((base == "array" || base == "row") && Type::NestedTypesLeft() < 64) {
    return absl::ResourceExhaustedError(
        "too many distinct ARRAY and ROW types in this process: restart ctq");
  }
  if (base == "array" && type_name.size() > 7 && type_name.back() == ')') {
    CTQ_ASSIGN_OR_RETURN(Type element,
                         ParseCastType(type_name.substr(6, type_name.size() - 7), range));
    if (element.id() == TypeId::kArray) return SqlNotSupported(range, "arrays of arrays");
    return Type::Array(element);
  }
  if (base == "row" && type_name.size() > 5 && type_name.back() == ')') {
    // "row(name type,name type)" as the parser writes it: fields split at the
    // commas outside parentheses.
    std::string_view fields = type_name.substr(4, type_name.size() - 5);
    std::vector<std::pair<std::string, Type>> row;
    int depth = 0;
    size_t start = 0;
    for (size_t i = 0; i <= fields.size(); i++) {
      if (i < fields.size() && fields[i] == '(') depth++;
      if (i < fields.size() && fields[i] == ')') depth--;
      if (i < fields.size() && (fields[i] != ',' || depth > 0)) continue;
      std::string_view field = fields.substr(start, i - start);
      start = i + 1;
      const size_t space = field.find(' ');
      if (space == std::string_view::npos) return SqlInvalid(range, StrCat("Unknown type: ", type_name));
      std::string name(field.substr(0, space));
      for (const auto& [seen, unused] : row) {
        if (seen == name) return SqlInvalid(range, StrCat("Duplicate field: ", name));
      }
      CTQ_ASSIGN_OR_RETURN(Type field_type, ParseCastType(field.substr(space + 1), range));
      row.emplace_back(std::move(name), field_type);
    }
    return Type::Row(row);
  }
  // timestamp is timestamp(3), Trino's default; other precisions are not
  // supported (ctq keeps milliseconds, as CloudTrail's eventtime has seconds).
  if (type_name == "timestamp" || type_name == "timestamp(3)") return Type(TypeId::kTimestamp);
  if (type_name == "timestamp with time zone" || type_name == "timestamp(3) with time zone") {
    return Type(TypeId::kTimestampTz);
  }
  if (base == "decimal" || base == "numeric") {
    // decimal is decimal(38,0), decimal(p) decimal(p,0) (Trino's defaults).
    int precision = 38, scale = 0;
    size_t open = type_name.find('(');
    if (open != std::string_view::npos) {
      std::string_view parameters = type_name.substr(open + 1);
      if (!parameters.empty() && parameters.back() == ')') parameters.remove_suffix(1);
      std::vector<std::string_view> parts;
      for (size_t comma; (comma = parameters.find(',')) != std::string_view::npos;) {
        parts.push_back(parameters.substr(0, comma));
        parameters.remove_prefix(comma + 1);
      }
      parts.push_back(parameters);
      auto number = [](std::string_view text, int* out) {
        while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
        while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
        return ec == std::errc() && end == text.data() + text.size() && !text.empty();
      };
      if (parts.size() > 2 || !number(parts[0], &precision) ||
          (parts.size() == 2 && !number(parts[1], &scale))) {
        return SqlInvalid(range, StrCat("Unknown type: ", type_name));
      }
    }
    if (precision < 1 || precision > Type::kMaxDecimalPrecision) {
      return SqlInvalid(range, StrCat("DECIMAL precision must be in range [1, 38]: ", precision));
    }
    if (scale < 0 || scale > precision) {
      return SqlInvalid(range, StrCat("DECIMAL scale must be in range [0, precision]: ", scale));
    }
    return Type::Decimal(precision, scale);
  }
  return SqlNotSupported(range, StrCat("CAST to ", type_name));
}

std::vector<std::string_view> ScalarFunctionNames() {
  // concat is resolved by code, not by an entry (it takes any number of
  // arguments); the other names of IsScalarFunction's list are special forms.
  std::vector<std::string_view> names = {"concat"};
  for (const ScalarEntry& entry : ScalarEntries()) names.push_back(entry.name);
  for (std::string_view name : GenericFunctionNames()) {
    if (name[0] != '$') names.push_back(name);  // ARRAY[...] and a[i] are syntax
  }
  return names;
}

std::vector<std::string_view> AggregateFunctionNames() {
  return {std::begin(kAggregateNames), std::end(kAggregateNames)};
}

}  // namespace ctq
