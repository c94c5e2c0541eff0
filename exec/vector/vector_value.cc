#include "exec/vector/vector_value.h"

#include "ctq/internal/civil_time.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace ctq {

Value GetValue(const Vector& vector, uint32_t row) {
  if (vector.IsNull(row)) return Value::Null(vector.type());
  switch (PhysicalTypeOf(vector.type())) {
    case PhysicalType::kString:
      return Value::OfString(vector.type(), vector.strings()[row]);
    case PhysicalType::kInt64:
      return Value::OfInt64(vector.type(), vector.ints()[row]);
    case PhysicalType::kInt128:
      return Value::Decimal(vector.decimals()[row], vector.type());
    case PhysicalType::kDouble:
      return Value::Double(vector.doubles()[row]);
    case PhysicalType::kBool:
      return Value::Boolean(vector.bools()[row] != 0);
    case PhysicalType::kNone:
      break;
  }
  return Value::Null(vector.type());
}

void SetValue(const Value& value, uint32_t row, Vector* vector) {
  if (value.is_null() || vector->type() == TypeId::kUnknown) {
    vector->SetNull(row, true);
    return;
  }
  vector->SetNull(row, false);
  switch (PhysicalTypeOf(vector->type())) {
    case PhysicalType::kString:
      vector->strings()[row] = vector->heap().Add(value.varchar());
      break;
    case PhysicalType::kInt64:
      vector->ints()[row] = value.bigint();
      break;
    case PhysicalType::kInt128:
      vector->decimals()[row] = value.unscaled();
      break;
    case PhysicalType::kDouble:
      vector->doubles()[row] = value.dbl();
      break;
    case PhysicalType::kBool:
      vector->bools()[row] = value.boolean() ? 1 : 0;
      break;
    case PhysicalType::kNone:
      break;
  }
}

namespace {

template <typename T>
void AppendRaw(const T& v, std::string* key) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &v, sizeof(T));
  key->append(bytes, sizeof(T));
}

// Groups and DISTINCT treat -0.0 and 0.0 as one value, and every NaN as one
// value (Trino's DOUBLE "IS NOT DISTINCT FROM" and hash operators).
double GroupKeyDouble(double d) {
  if (d == 0) return 0;
  if (std::isnan(d)) return std::numeric_limits<double>::quiet_NaN();
  return d;
}

void AppendString(std::string_view s, std::string* key) {
  AppendRaw(static_cast<uint32_t>(s.size()), key);
  key->append(s);
}

}  // namespace

void AppendKey(const Vector& vector, uint32_t row, std::string* key) {
  if (vector.IsNull(row)) {
    key->push_back(0);
    return;
  }
  key->push_back(1);
  if (vector.type() == TypeId::kTimestampTz) {
    // Equal instants in different zones are one group, as in Trino.
    AppendRaw(MillisOf(vector.ints()[row]), key);
    return;
  }
  switch (PhysicalTypeOf(vector.type())) {
    case PhysicalType::kString:
      AppendString(vector.strings()[row], key);
      break;
    case PhysicalType::kInt64:
      AppendRaw(vector.ints()[row], key);
      break;
    case PhysicalType::kInt128:
      AppendRaw(vector.decimals()[row], key);
      break;
    case PhysicalType::kDouble:
      AppendRaw(GroupKeyDouble(vector.doubles()[row]), key);
      break;
    case PhysicalType::kBool:
      key->push_back(static_cast<char>(vector.bools()[row]));
      break;
    case PhysicalType::kNone:
      break;
  }
}

void AppendKey(const Value& value, std::string* key) {
  if (value.is_null()) {
    key->push_back(0);
    return;
  }
  key->push_back(1);
  if (value.type() == TypeId::kTimestampTz) {
    AppendRaw(MillisOf(value.bigint()), key);
    return;
  }
  switch (PhysicalTypeOf(value.type())) {
    case PhysicalType::kString:
      AppendString(value.varchar(), key);
      break;
    case PhysicalType::kInt64:
      AppendRaw(value.bigint(), key);
      break;
    case PhysicalType::kInt128:
      AppendRaw(value.unscaled(), key);
      break;
    case PhysicalType::kDouble:
      AppendRaw(GroupKeyDouble(value.dbl()), key);
      break;
    case PhysicalType::kBool:
      key->push_back(static_cast<char>(value.boolean() ? 1 : 0));
      break;
    case PhysicalType::kNone:
      break;
  }
}

}  // namespace ctq
