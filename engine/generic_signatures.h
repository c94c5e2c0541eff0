// Signatures that depend on the arguments' types: the array functions
// (element_at(array(T), bigint) is a T), ARRAY[...], a[i], greatest/least,
// contains over arrays or IP prefixes, json_array_contains. The fixed
// signatures are function_catalog.cc's table.
#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/function_catalog.h"

namespace ctq {

// The names ResolveGenericFunction knows, the internal "$array" and
// "$subscript" (ARRAY[...] and a[i]) last.
const std::vector<std::string_view>& GenericFunctionNames();

// SHOW FUNCTIONS rows of the generic functions (the probe of fixed
// signatures cannot name a type variable inside array(T)), Trino's way:
// "array(T), T".
struct GenericListing {
  std::string_view name;
  std::string_view return_type;
  std::string_view argument_types;
  bool aggregate = false;
};
const std::vector<GenericListing>& GenericFunctionListings();
// The date and time functions' rows (engine/time_binder.cc binds them).
const std::vector<GenericListing>& TimeFunctionListings();

// nullopt if `call` names no generic function; else its signature or
// Trino's "Unexpected parameters" error.
std::optional<absl::StatusOr<ScalarSignature>> ResolveGenericFunction(
    const ParsedExpr& call, const std::vector<std::unique_ptr<BoundExpr>>& args);

}  // namespace ctq
