// The SQL value types ctq produces, with Trino's names and rules.
//
// Thread-safety: plain values; safe to share.
#pragma once

#include <cstdint>
#include <string>

namespace ctq {

enum class TypeId : uint8_t {
  kUnknown,  // the type of a bare NULL literal; coerces to anything
  kBoolean,
  kInteger,  // 32-bit; held in 64-bit slots, range-checked by every operation
  kBigint,
  kDouble,
  kDecimal,  // DECIMAL(p, s): an unscaled 128-bit integer and the type's scale
  kVarchar,
  // Dates and times (ctq/internal/civil_time.h), all in 64-bit integer slots:
  kDate,                // days since 1970-01-01
  kTimestamp,           // TIMESTAMP(3): wall-clock milliseconds since 1970-01-01
  kTimestampTz,         // TIMESTAMP(3) WITH TIME ZONE: UTC millis and zone, packed
  kIntervalDayTime,     // INTERVAL DAY TO SECOND: milliseconds
  kIntervalYearMonth,   // INTERVAL YEAR TO MONTH: months
};

// A type and its parameters: only DECIMAL has any (precision 1..38, scale
// 0..precision). Converts from a TypeId so that `type == TypeId::kBigint`
// reads naturally; a DECIMAL is compared by id() (`type.id() ==
// TypeId::kDecimal`), since two decimals of different scales differ.
class Type {
 public:
  static constexpr int kMaxDecimalPrecision = 38;

  constexpr Type(TypeId id = TypeId::kUnknown) : id_(id) {}  // NOLINT(google-explicit-constructor)
  // REQUIRES: 1 <= precision <= 38, 0 <= scale <= precision.
  static constexpr Type Decimal(int precision, int scale) {
    Type type(TypeId::kDecimal);
    type.precision_ = static_cast<uint8_t>(precision);
    type.scale_ = static_cast<uint8_t>(scale);
    return type;
  }

  constexpr TypeId id() const { return id_; }
  constexpr int precision() const { return precision_; }
  constexpr int scale() const { return scale_; }

  friend constexpr bool operator==(Type a, Type b) = default;

 private:
  TypeId id_;
  uint8_t precision_ = 0;
  uint8_t scale_ = 0;
};

// Trino's name for the type, as typeof() and error messages print it:
// "varchar", "integer", "bigint", "double", "decimal(10,2)", "boolean",
// "unknown".
std::string TypeName(Type type);

// Numbers: integer, bigint, decimal, double.
inline bool IsNumeric(Type type) {
  return type.id() == TypeId::kInteger || type.id() == TypeId::kBigint ||
         type.id() == TypeId::kDouble || type.id() == TypeId::kDecimal;
}
// integer and bigint.
inline bool IsIntegral(Type type) {
  return type.id() == TypeId::kInteger || type.id() == TypeId::kBigint;
}
// Types whose values live in a vector's 64-bit integer slots.
inline bool HoldsInt64(Type type) {
  switch (type.id()) {
    case TypeId::kInteger:
    case TypeId::kBigint:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kIntervalDayTime:
    case TypeId::kIntervalYearMonth:
      return true;
    default:
      return false;
  }
}
inline bool IsDateTime(Type type) {
  return type.id() == TypeId::kDate || type.id() == TypeId::kTimestamp ||
         type.id() == TypeId::kTimestampTz;
}
inline bool IsInterval(Type type) {
  return type.id() == TypeId::kIntervalDayTime || type.id() == TypeId::kIntervalYearMonth;
}

}  // namespace ctq
