// Comparison kernels: the same operator over two flat vectors of one type
// (the binder casts operands to a common type first). Strings compare by
// bytes, which for UTF-8 is code point order, as in Trino.
#include <cstring>

#include "exec/expression_evaluator.h"

namespace ctq {
namespace {

template <typename T, typename Less>
void CompareLoop(CompareOp op, const T* l, const T* r, uint32_t n, uint8_t* out, Less less) {
  for (uint32_t i = 0; i < n; i++) {
    bool result = false;
    switch (op) {
      case CompareOp::kEqual:
        result = !less(l[i], r[i]) && !less(r[i], l[i]);
        break;
      case CompareOp::kNotEqual:
        result = less(l[i], r[i]) || less(r[i], l[i]);
        break;
      case CompareOp::kLess:
        result = less(l[i], r[i]);
        break;
      case CompareOp::kLessEqual:
        result = !less(r[i], l[i]);
        break;
      case CompareOp::kGreater:
        result = less(r[i], l[i]);
        break;
      case CompareOp::kGreaterEqual:
        result = !less(l[i], r[i]);
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
  switch (left.type()) {
    case TypeId::kVarchar:
      if (op == CompareOp::kEqual || op == CompareOp::kNotEqual) {
        // Equality is the hot case (eventname = 'ConsoleLogin'): no ordering needed.
        const std::string_view* l = left.strings();
        const std::string_view* r = right.strings();
        bool want = op == CompareOp::kEqual;
        for (uint32_t i = 0; i < n; i++) result[i] = (l[i] == r[i]) == want ? 1 : 0;
      } else {
        CompareLoop(op, left.strings(), right.strings(), n, result,
                    [](std::string_view a, std::string_view b) { return a < b; });
      }
      break;
    case TypeId::kBigint:
      CompareLoop(op, left.ints(), right.ints(), n, result,
                  [](int64_t a, int64_t b) { return a < b; });
      break;
    case TypeId::kDouble:
      CompareLoop(op, left.doubles(), right.doubles(), n, result,
                  [](double a, double b) { return a < b; });
      break;
    case TypeId::kBoolean:
      CompareLoop(op, left.bools(), right.bools(), n, result,
                  [](uint8_t a, uint8_t b) { return a < b; });
      break;
    case TypeId::kUnknown:
      for (uint32_t i = 0; i < n; i++) valid[i] = 0;
      break;
  }
}

}  // namespace ctq
