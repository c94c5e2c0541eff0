// Arithmetic kernels with Trino's rules: bigint arithmetic fails on overflow
// and on division by zero; integer division truncates toward zero; double
// arithmetic follows IEEE 754.
#include <cmath>

#include "exec/expression_evaluator.h"

namespace ctq {

absl::Status ArithmeticVectors(ArithmeticOp op, const Vector& left, const Vector& right,
                               TypeId type, Vector* out) {
  uint32_t n = left.size();
  *out = Vector(type);
  out->Resize(n);
  uint8_t* valid = out->mutable_validity();
  for (uint32_t i = 0; i < n; i++) valid[i] = left.validity()[i] & right.validity()[i];
  if (type == TypeId::kDouble) {
    const double* l = left.doubles();
    const double* r = right.doubles();
    double* o = out->doubles();
    for (uint32_t i = 0; i < n; i++) {
      switch (op) {
        case ArithmeticOp::kAdd:
          o[i] = l[i] + r[i];
          break;
        case ArithmeticOp::kSubtract:
          o[i] = l[i] - r[i];
          break;
        case ArithmeticOp::kMultiply:
          o[i] = l[i] * r[i];
          break;
        case ArithmeticOp::kDivide:
          o[i] = l[i] / r[i];
          break;
        case ArithmeticOp::kModulo:
          o[i] = std::fmod(l[i], r[i]);
          break;
      }
    }
    return absl::OkStatus();
  }
  const int64_t* l = left.ints();
  const int64_t* r = right.ints();
  int64_t* o = out->ints();
  for (uint32_t i = 0; i < n; i++) {
    if (!valid[i]) {
      o[i] = 0;
      continue;
    }
    bool overflow = false;
    switch (op) {
      case ArithmeticOp::kAdd:
        overflow = __builtin_add_overflow(l[i], r[i], &o[i]);
        break;
      case ArithmeticOp::kSubtract:
        overflow = __builtin_sub_overflow(l[i], r[i], &o[i]);
        break;
      case ArithmeticOp::kMultiply:
        overflow = __builtin_mul_overflow(l[i], r[i], &o[i]);
        break;
      case ArithmeticOp::kDivide:
      case ArithmeticOp::kModulo:
        if (r[i] == 0) return absl::InvalidArgumentError("Division by zero");
        if (l[i] == INT64_MIN && r[i] == -1) {
          overflow = op == ArithmeticOp::kDivide;
          o[i] = 0;
        } else {
          o[i] = op == ArithmeticOp::kDivide ? l[i] / r[i] : l[i] % r[i];
        }
        break;
    }
    if (overflow) return absl::InvalidArgumentError("bigint arithmetic overflow");
  }
  return absl::OkStatus();
}

}  // namespace ctq
