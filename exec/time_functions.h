// The date and time scalar functions (ScalarFunction::kFromIso8601Timestamp
// and after): evaluated row by row over flat argument vectors.
#pragma once

#include <vector>

#include "absl/status/status.h"
#include "exec/expression.h"
#include "exec/vector/vector.h"

namespace ctq {

bool IsTimeFunction(ScalarFunction function);

// Fills `out` (sized n, of expr.type) with expr's function of `args`; a NULL
// argument gives NULL. Errors are Trino's (a string that does not parse, a
// result out of range) as InvalidArgument.
absl::Status EvaluateTimeFunction(const BoundExpr& expr, const std::vector<Vector>& args,
                                  uint32_t n, Vector* out);

}  // namespace ctq
