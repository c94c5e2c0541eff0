// Arithmetic kernels with Trino's rules: integer and bigint arithmetic fail
// on overflow with Trino's message ("integer addition overflow: 2147483647 +
// 1", io.trino.type.IntegerOperators / BigintOperators) and on division by
// zero; integer division truncates toward zero; double arithmetic follows
// IEEE 754; decimal arithmetic is exact at the result type the binder chose
// (DecimalOperators), division rounding half away from zero.
#include <algorithm>
#include <cmath>

#include "ctq/internal/decimal.h"
#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
#include "exec/expression_evaluator.h"

namespace ctq {
namespace {

const char* OperationName(ArithmeticOp op) {
  switch (op) {
    case ArithmeticOp::kAdd:
      return "addition";
    case ArithmeticOp::kSubtract:
      return "subtraction";
    case ArithmeticOp::kMultiply:
      return "multiplication";
    case ArithmeticOp::kDivide:
      return "division";
    case ArithmeticOp::kModulo:
      return "modulus";
  }
  return "arithmetic";
}

absl::Status DivisionByZero() { return absl::InvalidArgumentError("Division by zero"); }

void DoubleLoop(ArithmeticOp op, const double* l, const double* r, uint32_t n, double* o) {
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
}

// integer (32-bit) or bigint arithmetic over 64-bit slots.
absl::Status IntegralLoop(ArithmeticOp op, bool is_integer, const int64_t* l, const int64_t* r,
                          const uint8_t* valid, uint32_t n, int64_t* o) {
  const int64_t min = is_integer ? INT32_MIN : INT64_MIN;
  const int64_t max = is_integer ? INT32_MAX : INT64_MAX;
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
        if (r[i] == 0) return DivisionByZero();
        if (l[i] == min && r[i] == -1) {
          overflow = op == ArithmeticOp::kDivide;
          o[i] = 0;
        } else {
          o[i] = op == ArithmeticOp::kDivide ? l[i] / r[i] : l[i] % r[i];
        }
        break;
    }
    if (overflow || o[i] < min || o[i] > max) {
      return absl::InvalidArgumentError(StrCat(is_integer ? "integer " : "bigint ", OperationName(op),
                                               " overflow: ", l[i], " ", ArithmeticText(op), " ",
                                               r[i]));
    }
  }
  return absl::OkStatus();
}

absl::Status DecimalOverflow() { return absl::InvalidArgumentError("Decimal overflow"); }

// One decimal operation: `a` of type `ta`, `b` of `tb`, result of `type`.
absl::Status DecimalOperation(ArithmeticOp op, Int128 a, Type ta, Int128 b, Type tb, Type type,
                              Int128* out) {
  switch (op) {
    case ArithmeticOp::kAdd:
    case ArithmeticOp::kSubtract: {
      Int128 x = 0, y = 0;
      if (!Rescale(a, ta.scale(), type.scale(), &x) || !Rescale(b, tb.scale(), type.scale(), &y)) {
        return DecimalOverflow();
      }
      // Two values under 10^38 sum to under 2*10^38, well inside 128 bits.
      *out = op == ArithmeticOp::kAdd ? x + y : x - y;
      break;
    }
    case ArithmeticOp::kMultiply:
      if (__builtin_mul_overflow(a, b, out)) return DecimalOverflow();
      break;
    case ArithmeticOp::kDivide:
      if (b == 0) return DivisionByZero();
      if (!DivideRounded(a, type.scale() - ta.scale() + tb.scale(), b, out)) return DecimalOverflow();
      break;
    case ArithmeticOp::kModulo: {
      if (b == 0) return DivisionByZero();
      const int scale = std::max(ta.scale(), tb.scale());
      Int128 x = 0, y = 0;
      if (!Rescale(a, ta.scale(), scale, &x) || !Rescale(b, tb.scale(), scale, &y)) {
        return DecimalOverflow();
      }
      *out = x % y;
      break;
    }
  }
  if (!FitsPrecision(*out, Type::kMaxDecimalPrecision)) return DecimalOverflow();
  return absl::OkStatus();
}

}  // namespace

absl::Status ArithmeticVectors(ArithmeticOp op, const Vector& left, const Vector& right,
                               Type type, Vector* out) {
  uint32_t n = left.size();
  *out = Vector(type);
  out->Resize(n);
  uint8_t* valid = out->mutable_validity();
  for (uint32_t i = 0; i < n; i++) valid[i] = left.validity()[i] & right.validity()[i];
  switch (type.id()) {
    case TypeId::kDouble:
      DoubleLoop(op, left.doubles(), right.doubles(), n, out->doubles());
      return absl::OkStatus();
    case TypeId::kDecimal: {
      const Int128* l = left.decimals();
      const Int128* r = right.decimals();
      Int128* o = out->decimals();
      for (uint32_t i = 0; i < n; i++) {
        o[i] = 0;
        if (!valid[i]) continue;
        CTQ_RETURN_IF_ERROR(
            DecimalOperation(op, l[i], left.type(), r[i], right.type(), type, &o[i]));
      }
      return absl::OkStatus();
    }
    default:
      return IntegralLoop(op, type == TypeId::kInteger, left.ints(), right.ints(), valid, n,
                          out->ints());
  }
}

}  // namespace ctq
