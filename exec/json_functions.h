// The JSON scalar functions (ScalarFunction::kJsonExtract .. kIsJsonScalar)
// and the array, IP and any-type functions (kArrayConstructor ..
// kIpPrefixContains): evaluated row by row over flat argument vectors, a
// NULL argument giving NULL unless the function says otherwise.
#pragma once

#include <vector>

#include "absl/status/status.h"
#include "exec/expression.h"
#include "exec/json_path.h"
#include "exec/vector/vector.h"

namespace ctq {

bool IsJsonFunction(ScalarFunction function);
absl::Status EvaluateJsonFunction(const BoundExpr& expr, const std::vector<Vector>& args,
                                  uint32_t n, JsonPath::Scratch* scratch, Vector* out);

bool IsArrayFunction(ScalarFunction function);
absl::Status EvaluateArrayFunction(const BoundExpr& expr, const std::vector<Vector>& args,
                                   uint32_t n, Vector* out);

}  // namespace ctq
