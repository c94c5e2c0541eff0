// The names of Trino's built-in functions, so that a call ctq cannot resolve is
// reported as Trino would see it: "not supported" when Trino has the function,
// Trino's own "not registered" when it does not.
#pragma once

#include <string_view>

namespace ctq {

// Whether Trino documents a function (scalar, aggregate, window, or a special
// form such as if, try, nullif, coalesce) of this name. The name must be in
// lower case, as the parser leaves function names.
bool IsTrinoFunction(std::string_view lowercase_name);

}  // namespace ctq
