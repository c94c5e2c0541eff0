// The rows of SHOW FUNCTIONS: each function ctq has, with the signatures its
// catalog (function_catalog.h) accepts. The catalog resolves calls in code
// rather than from a table of signatures, so the listing asks it: every name
// is resolved with arguments of every value type, up to a few arguments, and
// each call it accepts is one signature. A function that accepts any type
// prints it as Trino prints a type variable (`count(T) bigint`, `min(T) T`);
// one that takes any number of arguments prints its argument type once, as
// Trino prints a variable-arity signature (`concat(varchar) varchar`).
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <vector>

namespace ctq {

// The columns of Trino's SHOW FUNCTIONS (ShowQueriesRewrite.visitShowFunctions):
// argument types are joined with ", "; function_type is "scalar" or
// "aggregate". ctq's catalog holds no descriptions: description is empty, as
// Trino shows a function without one.
struct FunctionListing {
  std::string name;
  std::string return_type;
  std::string argument_types;
  std::string function_type;
  bool deterministic = true;
  std::string description;
};

// Sorted as Trino sorts them: by lower(name), then return type, argument
// types and function type.
std::vector<FunctionListing> ListFunctions();

}  // namespace ctq
