#include "engine/function_catalog.h"

#include "absl/container/flat_hash_set.h"
#include "ctq/internal/strings.h"
#include "absl/strings/str_join.h"
#include "ctq/internal/sql_error.h"
#include "engine/trino_function_names.h"

namespace ctq {
namespace {

// A scalar function's fixed signature. `kAny` marks coalesce's arguments.
struct ScalarEntry {
  std::string_view name;
  ScalarFunction function;
  std::vector<TypeId> required;
  std::vector<TypeId> optional;
  TypeId result;
};

const std::vector<ScalarEntry>& ScalarEntries() {
  using T = TypeId;
  static const auto* entries = new std::vector<ScalarEntry>{
      {"lower", ScalarFunction::kLower, {T::kVarchar}, {}, T::kVarchar},
      {"upper", ScalarFunction::kUpper, {T::kVarchar}, {}, T::kVarchar},
      {"json_extract_scalar", ScalarFunction::kJsonExtractScalar, {T::kVarchar, T::kVarchar}, {}, T::kVarchar},
      {"length", ScalarFunction::kLength, {T::kVarchar}, {}, T::kBigint},
      {"substr", ScalarFunction::kSubstr, {T::kVarchar, T::kBigint}, {T::kBigint}, T::kVarchar},
      {"substring", ScalarFunction::kSubstr, {T::kVarchar, T::kBigint}, {T::kBigint}, T::kVarchar},
      {"replace", ScalarFunction::kReplace, {T::kVarchar, T::kVarchar}, {T::kVarchar}, T::kVarchar},
      {"trim", ScalarFunction::kTrim, {T::kVarchar}, {}, T::kVarchar},
      {"ltrim", ScalarFunction::kLtrim, {T::kVarchar}, {}, T::kVarchar},
      {"rtrim", ScalarFunction::kRtrim, {T::kVarchar}, {}, T::kVarchar},
      {"strpos", ScalarFunction::kStrpos, {T::kVarchar, T::kVarchar}, {}, T::kBigint},
      {"starts_with", ScalarFunction::kStartsWith, {T::kVarchar, T::kVarchar}, {}, T::kBoolean},
      {"split_part", ScalarFunction::kSplitPart, {T::kVarchar, T::kVarchar, T::kBigint}, {}, T::kVarchar},
      {"regexp_like", ScalarFunction::kRegexpLike, {T::kVarchar, T::kVarchar}, {}, T::kBoolean},
  };
  return *entries;
}

std::string TypeList(const std::vector<std::unique_ptr<BoundExpr>>& args) {
  std::vector<std::string> names;
  for (const auto& arg : args) names.emplace_back(TypeName(arg->type));
  return absl::StrJoin(names, ", ");
}

bool Accepts(TypeId wanted, TypeId actual) {
  return actual == wanted || actual == TypeId::kUnknown ||
         (wanted == TypeId::kDouble && actual == TypeId::kBigint);
}

absl::Status WrongArguments(const ParsedExpr& call,
                            const std::vector<std::unique_ptr<BoundExpr>>& args) {
  return SqlInvalid(call.range, StrCat("Unexpected parameters (", TypeList(args),
                                             ") for function ", call.function_name));
}

}  // namespace

constexpr std::string_view kAggregateNames[] = {
    "count", "min", "max", "sum", "avg", "count_if", "bool_and", "bool_or", "every",
    "arbitrary", "any_value", "approx_distinct"};

bool IsAggregateFunction(std::string_view name) {
  static const auto* names = new absl::flat_hash_set<std::string_view>(
      std::begin(kAggregateNames), std::end(kAggregateNames));
  return names->contains(name);
}

bool IsScalarFunction(std::string_view name) {
  // if, nullif and try are special forms the binder builds itself.
  if (name == "coalesce" || name == "concat" || name == "if" || name == "nullif" || name == "try") {
    return true;
  }
  for (const ScalarEntry& entry : ScalarEntries()) {
    if (entry.name == name) return true;
  }
  return false;
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
    TypeId type = TypeId::kUnknown;
    for (const auto& arg : args) {
      TypeId t = arg->type;
      if (t == TypeId::kUnknown || t == type) continue;
      if (type == TypeId::kUnknown) {
        type = t;
      } else if (IsNumeric(type) && IsNumeric(t)) {
        type = TypeId::kDouble;
      } else {
        return WrongArguments(call, args);
      }
    }
    if (name == "concat") {
      if (type != TypeId::kVarchar && type != TypeId::kUnknown) return WrongArguments(call, args);
      type = TypeId::kVarchar;
    }
    return ScalarSignature{name == "coalesce" ? ScalarFunction::kCoalesce : ScalarFunction::kConcat,
                           std::vector<TypeId>(args.size(), type), type};
  }
  for (const ScalarEntry& entry : ScalarEntries()) {
    if (entry.name != name) continue;
    size_t min = entry.required.size(), max = min + entry.optional.size();
    if (args.size() < min || args.size() > max) return WrongArguments(call, args);
    ScalarSignature signature{entry.function, {}, entry.result};
    for (size_t i = 0; i < args.size(); i++) {
      TypeId wanted = i < min ? entry.required[i] : entry.optional[i - min];
      if (!Accepts(wanted, args[i]->type)) return WrongArguments(call, args);
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
  if (call.star || args.size() != 1) return WrongArguments(call, args);
  // approx_distinct answers exactly: Trino's is within a 2.3% standard error,
  // so the exact count is one of its possible answers.
  if (name == "approx_distinct") {
    return AggregateSignature{AggregateKind::kCountDistinct, TypeId::kBigint};
  }
  if (call.distinct) {
    return SqlNotSupported(call.range, StrCat("DISTINCT in ", name, "()"));
  }
  TypeId type = args[0]->type;
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
  if (name == "sum") {
    return AggregateSignature{AggregateKind::kSum, type == TypeId::kDouble ? TypeId::kDouble
                                                                           : TypeId::kBigint};
  }
  return AggregateSignature{AggregateKind::kAvg, TypeId::kDouble};
}

absl::StatusOr<TypeId> ParseCastType(std::string_view type_name, SourceRange range) {
  std::string_view base = type_name.substr(0, type_name.find('('));
  while (!base.empty() && base.back() == ' ') base.remove_suffix(1);
  if (base == "varchar" || base == "char" || base == "string") return TypeId::kVarchar;
  if (base == "bigint" || base == "integer" || base == "int" || base == "smallint" ||
      base == "tinyint") {
    return TypeId::kBigint;
  }
  if (base == "double" || base == "real" || base == "double precision") return TypeId::kDouble;
  if (base == "boolean") return TypeId::kBoolean;
  return SqlNotSupported(range, StrCat("CAST to ", type_name));
}

std::vector<std::string_view> ScalarFunctionNames() {
  // concat is resolved by code, not by an entry (it takes any number of
  // arguments); the other names of IsScalarFunction's list are special forms.
  std::vector<std::string_view> names = {"concat"};
  for (const ScalarEntry& entry : ScalarEntries()) names.push_back(entry.name);
  return names;
}

std::vector<std::string_view> AggregateFunctionNames() {
  return {std::begin(kAggregateNames), std::end(kAggregateNames)};
}

}  // namespace ctq
