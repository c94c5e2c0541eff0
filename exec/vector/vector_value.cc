#include "exec/vector/vector_value.h"

#include <cstring>

namespace ctq {

Value GetValue(const Vector& vector, uint32_t row) {
  if (vector.IsNull(row)) return Value::Null(vector.type());
  switch (vector.type()) {
    case TypeId::kVarchar:
      return Value::Varchar(vector.strings()[row]);
    case TypeId::kBigint:
      return Value::Bigint(vector.ints()[row]);
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
  switch (vector->type()) {
    case TypeId::kVarchar:
      vector->strings()[row] = vector->heap().Add(value.varchar());
      break;
    case TypeId::kBigint:
      vector->ints()[row] = value.bigint();
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
  switch (vector.type()) {
    case TypeId::kVarchar:
      AppendString(vector.strings()[row], key);
      break;
    case TypeId::kBigint:
      AppendRaw(vector.ints()[row], key);
      break;
    case TypeId::kDouble: {
      double d = vector.doubles()[row];
      if (d == 0) d = 0;  // -0.0 and 0.0 are one group
      AppendRaw(d, key);
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
  switch (value.type()) {
    case TypeId::kVarchar:
      AppendString(value.varchar(), key);
      break;
    case TypeId::kBigint:
      AppendRaw(value.bigint(), key);
      break;
    case TypeId::kDouble: {
      double d = value.dbl();
      if (d == 0) d = 0;
      AppendRaw(d, key);
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
