// Comparison kernels: the same operator over two flat vectors of one type
// (the binder casts operands to a common type first). Strings compare by
// bytes, which for UTF-8 is code point order, as in Trino. Doubles compare as
// IEEE 754 says, as Trino's DOUBLE operators do: NaN is unequal to
// everything, itself included, and neither less nor greater than anything.
#include <vector>

#include "ctq/internal/civil_time.h"
#include "exec/expression_evaluator.h"

namespace ctq {
namespace {

template <typename T>
void CompareLoop(CompareOp op, const T* l, const T* r, uint32_t n, uint8_t* out) {
  for (uint32_t i = 0; i < n; i++) {
    bool result = false;
    switch (op) {
      case CompareOp::kEqual:
        result = l[i] == r[i];
        break;
      case CompareOp::kNotEqual:
        result = l[i] != r[i];
        break;
      case CompareOp::kLess:
        result = l[i] < r[i];
        break;
      case CompareOp::kLessEqual:
        result = l[i] <= r[i];
        break;
      case CompareOp::kGreater:
        result = l[i] > r[i];
        break;
      case CompareOp::kGreaterEqual:
        result = l[i] >= r[i];
        break;
    }
    out[i] = result ? 1 : 0;
  }
}

}  // namespace

void CompareVectors(CompareOp op, const Vector& left, const Vector& right, Vector* out) {
  uint32_t n = left.size();
  *out = Vector(TypeId::kBoolean);
  out->Resize(n);
  uint8_t* valid = out->mutable_validity();
  for (uint32_t i = 0; i < n; i++) valid[i] = left.validity()[i] & right.validity()[i];
  uint8_t* result = out->bools();
  if (left.type() == TypeId::kTimestampTz) {
    // By instant: the zone does not take part (Trino's TIMESTAMP WITH TIME
    // ZONE comparison).
    std::vector<int64_t> l(n), r(n);
    for (uint32_t i = 0; i < n; i++) {
      l[i] = MillisOf(left.ints()[i]);
      r[i] = MillisOf(right.ints()[i]);
    }
    CompareLoop(op, l.data(), r.data(), n, result);
    return;
  }
  switch (PhysicalTypeOf(left.type())) {
    case PhysicalType::kString:
      // Bytes: code point order for UTF-8; the order of the encoding for
      // ARRAY and IPADDRESS values, which is theirs.
      CompareLoop(op, left.strings(), right.strings(), n, result);
      break;
    case PhysicalType::kInt64:
      CompareLoop(op, left.ints(), right.ints(), n, result);
      break;
    case PhysicalType::kDouble:
      CompareLoop(op, left.doubles(), right.doubles(), n, result);
      break;
    case PhysicalType::kInt128:
      // Both sides have the same decimal type: unscaled values compare.
      CompareLoop(op, left.decimals(), right.decimals(), n, result);
      break;
    case PhysicalType::kBool:
      CompareLoop(op, left.bools(), right.bools(), n, result);
      break;
    case PhysicalType::kNone:
      for (uint32_t i = 0; i < n; i++) valid[i] = 0;
      break;
  }
}

}  // namespace ctq
