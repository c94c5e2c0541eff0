#include "engine/generic_signatures.h"

#include <algorithm>

#include "absl/strings/str_join.h"
#include "ctq/internal/sql_error.h"
#include "ctq/internal/strings.h"

namespace ctq {
namespace {

absl::Status Unexpected(const ParsedExpr& call,
                        const std::vector<std::unique_ptr<BoundExpr>>& args) {
  std::vector<std::string> names;
  for (const auto& arg : args) names.emplace_back(TypeName(arg->type));
  std::string_view name = call.function_name;
  if (name == "$subscript") name = "subscript";
  if (name == "$array") name = "array_constructor";
  return SqlInvalid(call.range, StrCat("Unexpected parameters (", absl::StrJoin(names, ", "),
                                       ") for function ", name));
}

// An argument that must be an array: NULL (unknown) is an array(unknown).
std::optional<Type> ArrayType(const BoundExpr& arg) {
  if (arg.type.id() == TypeId::kArray) return arg.type;
  if (arg.type == TypeId::kUnknown) return Type::Array(TypeId::kUnknown);
  return std::nullopt;
}

bool IsInteger(Type type) {
  return type == TypeId::kInteger || type == TypeId::kBigint || type == TypeId::kUnknown;
}

// The common type of all arguments; nullopt if there is none.
std::optional<Type> CommonOfAll(const std::vector<std::unique_ptr<BoundExpr>>& args) {
  Type type = TypeId::kUnknown;
  for (const auto& arg : args) {
    std::optional<Type> common = CommonType(type, arg->type);
    if (!common.has_value()) return std::nullopt;
    type = *common;
  }
  return type;
}

}  // namespace

const std::vector<std::string_view>& GenericFunctionNames() {
  static const auto* names = new std::vector<std::string_view>{
      "array_distinct", "array_join", "array_max", "array_min", "array_position",
      "array_sort", "cardinality", "contains", "element_at", "greatest",
      "json_array_contains", "least", "$array", "$subscript"};
  return *names;
}

const std::vector<GenericListing>& GenericFunctionListings() {
  static const auto* listings = new std::vector<GenericListing>{
      {"array_distinct", "array(T)", "array(T)"},
      {"array_join", "varchar", "array(T), varchar"},
      {"array_join", "varchar", "array(T), varchar, varchar"},
      {"array_max", "T", "array(T)"},
      {"array_min", "T", "array(T)"},
      {"array_position", "bigint", "array(T), T"},
      {"array_sort", "array(T)", "array(T)"},
      {"cardinality", "bigint", "array(T)"},
      {"contains", "boolean", "array(T), T"},
      {"contains", "boolean", "varchar, ipaddress"},
      {"element_at", "T", "array(T), bigint"},
      {"greatest", "T", "T"},
      {"json_array_contains", "boolean", "json, bigint"},
      {"json_array_contains", "boolean", "json, boolean"},
      {"json_array_contains", "boolean", "json, double"},
      {"json_array_contains", "boolean", "json, varchar"},
      {"json_array_contains", "boolean", "varchar, bigint"},
      {"json_array_contains", "boolean", "varchar, boolean"},
      {"json_array_contains", "boolean", "varchar, double"},
      {"json_array_contains", "boolean", "varchar, varchar"},
      {"least", "T", "T"},
      // Aggregates whose signatures have type variables (Trino's names).
      {"approx_percentile", "bigint", "bigint, double", true},
      {"approx_percentile", "double", "double, double", true},
      {"array_agg", "array(T)", "T", true},
      {"max_by", "V", "V, K", true},
      {"min_by", "V", "V, K", true},
  };
  return *listings;
}

std::optional<absl::StatusOr<ScalarSignature>> ResolveGenericFunction(
    const ParsedExpr& call, const std::vector<std::unique_ptr<BoundExpr>>& args) {
  const std::string_view name = call.function_name;
  const auto& names = GenericFunctionNames();
  if (std::find(names.begin(), names.end(), name) == names.end()) return std::nullopt;
  auto fail = [&]() -> absl::StatusOr<ScalarSignature> { return Unexpected(call, args); };
  const size_t n = args.size();

  if (name == "$array" || name == "greatest" || name == "least") {
    std::optional<Type> common = CommonOfAll(args);
    if (!common.has_value()) return fail();
    if (name == "$array") {
      return ScalarSignature{ScalarFunction::kArrayConstructor, std::vector<Type>(n, *common),
                             Type::Array(*common)};
    }
    // Trino's greatest/least need at least one orderable argument.
    if (n == 0 || *common == TypeId::kJson) return fail();
    return ScalarSignature{
        name == "greatest" ? ScalarFunction::kGreatest : ScalarFunction::kLeast,
        std::vector<Type>(n, *common), *common};
  }
  if (name == "json_array_contains") {
    // json_array_contains(json, boolean | bigint | double | varchar); a
    // VARCHAR first argument is read as JSON text.
    if (n != 2) return fail();
    const Type json = args[0]->type;
    if (json != TypeId::kJson && json != TypeId::kVarchar && json != TypeId::kUnknown) return fail();
    Type value = args[1]->type;
    if (value == TypeId::kInteger) value = TypeId::kBigint;
    if (value.id() == TypeId::kDecimal) value = TypeId::kDouble;
    if (value == TypeId::kUnknown) value = TypeId::kVarchar;
    if (value != TypeId::kBoolean && value != TypeId::kBigint && value != TypeId::kDouble &&
        value != TypeId::kVarchar) {
      return fail();
    }
    return ScalarSignature{ScalarFunction::kJsonArrayContains,
                           {json == TypeId::kUnknown ? Type(TypeId::kVarchar) : json, value},
                           TypeId::kBoolean};
  }
  if (name == "contains" && n == 2 && args[0]->type == TypeId::kVarchar &&
      args[1]->type == TypeId::kIpaddress) {
    // contains(network, address): the network a CIDR string, as Trino
    // coerces a VARCHAR to IPPREFIX.
    return ScalarSignature{ScalarFunction::kIpPrefixContains,
                           {TypeId::kVarchar, TypeId::kIpaddress}, TypeId::kBoolean};
  }

  // The rest take an array first.
  if (n == 0) return fail();
  std::optional<Type> array = ArrayType(*args[0]);
  if (!array.has_value()) return fail();
  const Type element = array->element();
  if (name == "cardinality" || name == "array_distinct" || name == "array_sort" ||
      name == "array_max" || name == "array_min") {
    if (n != 1) return fail();
    if (name == "cardinality") {
      return ScalarSignature{ScalarFunction::kCardinality, {*array}, TypeId::kBigint};
    }
    if (name == "array_max" || name == "array_min") {
      return ScalarSignature{
          name == "array_max" ? ScalarFunction::kArrayMax : ScalarFunction::kArrayMin, {*array},
          element};
    }
    return ScalarSignature{
        name == "array_sort" ? ScalarFunction::kArraySort : ScalarFunction::kArrayDistinct,
        {*array}, *array};
  }
  if (name == "element_at" || name == "$subscript") {
    if (n != 2 || !IsInteger(args[1]->type)) return fail();
    return ScalarSignature{
        name == "element_at" ? ScalarFunction::kElementAt : ScalarFunction::kSubscript,
        {*array, TypeId::kBigint}, element};
  }
  if (name == "contains" || name == "array_position") {
    // The value is coerced to the element type (never the array to the
    // value's: array(integer) with a bigint is not handled).
    if (n != 2) return fail();
    std::optional<Type> common = CommonType(element, args[1]->type);
    if (!common.has_value() || *common != element) return fail();
    return ScalarSignature{
        name == "contains" ? ScalarFunction::kContains : ScalarFunction::kArrayPosition,
        {*array, element}, name == "contains" ? Type(TypeId::kBoolean) : Type(TypeId::kBigint)};
  }
  // array_join(array, delimiter[, null_replacement])
  if (n < 2 || n > 3) return fail();
  std::vector<Type> types = {*array};
  for (size_t i = 1; i < n; i++) {
    if (args[i]->type != TypeId::kVarchar && args[i]->type != TypeId::kUnknown) return fail();
    types.push_back(TypeId::kVarchar);
  }
  return ScalarSignature{ScalarFunction::kArrayJoin, std::move(types), TypeId::kVarchar};
}

}  // namespace ctq
