// CAST to and from JSON, IPADDRESS and ARRAY (cast_kernels.cc does the
// scalar types), with Trino's rules (io.trino.type.JsonOperators,
// IpAddressOperators, operator.scalar.ArrayToJsonCast, JsonToArrayCast).
#pragma once

#include "absl/status/status.h"
#include "exec/vector/vector.h"

namespace ctq {

// Whether `from` or `to` is JSON, IPADDRESS or ARRAY (and they differ).
bool IsStructuredCast(Type from, Type to);

// Row `i` of `input` (not NULL) cast to `out`'s type into row `i` of `out`;
// may set it NULL (a JSON null). InvalidArgument naming the value when it
// does not convert.
absl::Status CastStructuredRow(const Vector& input, uint32_t i, Vector* out);

}  // namespace ctq
