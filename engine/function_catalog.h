// The functions ctq knows: their names, argument types and result types.
// A function Trino has and ctq does not implement yet is reported as
// "not supported: function <name>"; a name Trino does not know gets Trino's
// own "Function '<name>' not registered".
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "exec/expression.h"
#include "parser/ast.h"

namespace ctq {

struct ScalarSignature {
  ScalarFunction function;
  std::vector<Type> argument_types;  // what each argument is cast to
  Type result_type;
};

struct AggregateSignature {
  AggregateKind kind;
  Type result_type;
};

// The common type two operands are cast to (Trino's implicit coercions):
// equal types, NULL (unknown) with anything; among numbers integer < bigint <
// decimal < double. nullopt if incompatible.
std::optional<Type> CommonType(Type a, Type b);

bool IsAggregateFunction(std::string_view name);
// The date and time functions (engine/time_binder.cc binds them).
bool IsTimeFunctionName(std::string_view name);
// Whether ctq has a scalar function of this name, whatever its arguments.
bool IsScalarFunction(std::string_view name);

// The error for a call of a function ctq does not have: "not supported:
// function <name>" when Trino has it, else Trino's "not registered".
absl::Status UnknownFunction(const ParsedExpr& call);

// Checks the call's arity and argument types (the arguments are bound).
absl::StatusOr<ScalarSignature> ResolveScalarFunction(
    const ParsedExpr& call, const std::vector<std::unique_ptr<BoundExpr>>& args);
absl::StatusOr<AggregateSignature> ResolveAggregateFunction(
    const ParsedExpr& call, const std::vector<std::unique_ptr<BoundExpr>>& args);

// Whether Trino has a CAST from `from` to `to` among ctq's types.
bool CanCast(Type from, Type to);
// The names of the functions ctq has, for SHOW FUNCTIONS: the scalar
// functions and the aggregates, each name once. The special forms coalesce,
// if, nullif and try are left out, as Trino's SHOW FUNCTIONS leaves them out
// (they are syntax there, not registered functions).
std::vector<std::string_view> ScalarFunctionNames();
std::vector<std::string_view> AggregateFunctionNames();

// The type a CAST names ("varchar", "varchar(10)", "bigint", "integer", ...).
absl::StatusOr<Type> ParseCastType(std::string_view type_name, SourceRange range);

}  // namespace ctq
