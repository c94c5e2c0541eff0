#include "exec/vector/vector_value.h"

#include "ctq/internal/civil_time.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace ctq {

Value GetValue(const Vector& vector, uint32_t row) {
  if (vector.IsNull(row)) return Value::Null(vector.type());
  switch (vector.type().id()) {
    case TypeId::kVarchar:
      return Value::Varchar(vector.strings()[row]);
    case TypeId::kInteger:
    case TypeId::kBigint:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kIntervalDayTime:
    case TypeId::kIntervalYearMonth:
      return Value::OfInt64(vector.type(), vector.ints()[row]);
    case TypeId::kDecimal:
      return Value::Decimal(vector.decimals()[row], vector.type());
    case TypeId::kDouble:
      return Value::Double(vector.doubles()[row]);
    case TypeId::kBoolean:
      return Value::Boolean(vector.bools()[row] != 0);
    case TypeId::kUnknown:
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
  switch (vector->type().id()) {
    case TypeId::kVarchar:
      vector->strings()[row] = vector->heap().Add(value.varchar());
      break;
    case TypeId::kInteger:
    case TypeId::kBigint:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kIntervalDayTime:
    case TypeId::kIntervalYearMonth:
      vector->ints()[row] = value.bigint();
      break;
    case TypeId::kDecimal:
      vector->decimals()[row] = value.unscaled();
      break;
    case TypeId::kDouble:
      vector->doubles()[row] = value.dbl();
      break;
    case TypeId::kBoolean:
      vector->bools()[row] = value.boolean() ? 1 : 0;
      break;
    case TypeId::kUnknown:
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
  switch (vector.type().id()) {
    case TypeId::kVarchar:
      AppendString(vector.strings()[row], key);
      break;
    case TypeId::kInteger:
    case TypeId::kBigint:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kIntervalDayTime:
    case TypeId::kIntervalYearMonth:
      AppendRaw(vector.ints()[row], key);
      break;
    case TypeId::kDecimal:
      AppendRaw(vector.decimals()[row], key);
      break;
    case TypeId::kTimestampTz:
      // Equal instants in different zones are one group, as in Trino.
      AppendRaw(MillisOf(vector.ints()[row]), key);
      break;
    case TypeId::kDouble: {
      AppendRaw(GroupKeyDouble(vector.doubles()[row]), key);
      break;
    }
    case TypeId::kBoolean:
      key->push_back(static_cast<char>(vector.bools()[row]));
      break;
    case TypeId::kUnknown:
      break;
  }
}

void AppendKey(const Value& value, std::string* key) {
  if (value.is_null()) {
    key->push_back(0);
    return;
  }
  key->push_back(1);
  switch (value.type().id()) {
    case TypeId::kVarchar:
      AppendString(value.varchar(), key);
      break;
    case TypeId::kInteger:
    case TypeId::kBigint:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kIntervalDayTime:
    case TypeId::kIntervalYearMonth:
      AppendRaw(value.bigint(), key);
      break;
    case TypeId::kDecimal:
      AppendRaw(value.unscaled(), key);
      break;
    case TypeId::kTimestampTz:
      AppendRaw(MillisOf(value.bigint()), key);
      break;
    case TypeId::kDouble: {
      AppendRaw(GroupKeyDouble(value.dbl()), key);
      break;
    }
    case TypeId::kBoolean:
      key->push_back(static_cast<char>(value.boolean() ? 1 : 0));
      break;
    case TypeId::kUnknown:
      break;
  }
}

}  // namespace ctq
