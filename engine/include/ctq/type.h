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
  // Held as bytes, like VARCHAR (PhysicalType::kString):
  kJson,       // JSON: its canonical text (engine/common/json_value.cc)
  kIpaddress,  // IPADDRESS: 16 bytes, IPv4 as IPv4-mapped IPv6 (::ffff:a.b.c.d)
  kArray,      // ARRAY(T): an order-preserving encoding of the elements
               // (ctq/internal/array_encoding.h)
};

// How values of a type are held: which payload array of a vector, which
// field of a Value. Kernels that only move, hash or compare bytes switch on
// this rather than on every TypeId.
enum class PhysicalType : uint8_t {
  kNone,    // unknown: only NULL
  kBool,    // boolean
  kInt64,   // integer, bigint, dates, times, intervals
  kInt128,  // decimal (unscaled)
  kDouble,  // double
  kString,  // varchar, json, ipaddress, array
};

// A type and its parameters: DECIMAL's precision (1..38) and scale
// (0..precision), ARRAY's element type (any type but ARRAY; a decimal
// element keeps its precision and scale in this type's). Converts from a TypeId so that `type == TypeId::kBigint`
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

  // REQUIRES: element is not an ARRAY.
  static constexpr Type Array(Type element) {
    Type type(TypeId::kArray);
    type.element_ = element.id_;
    type.precision_ = element.precision_;
    type.scale_ = element.scale_;
    return type;
  }

  constexpr TypeId id() const { return id_; }
  // REQUIRES: id() == TypeId::kArray.
  constexpr Type element() const {
    Type type(element_);
    type.precision_ = precision_;
    type.scale_ = scale_;
    return type;
  }
  constexpr int precision() const { return precision_; }
  constexpr int scale() const { return scale_; }

  friend constexpr bool operator==(Type a, Type b) = default;

 private:
  TypeId id_;
  TypeId element_ = TypeId::kUnknown;
  uint8_t precision_ = 0;
  uint8_t scale_ = 0;
};

// Trino's name for the type, as typeof() and error messages print it:
// "varchar", "integer", "bigint", "double", "decimal(10,2)", "boolean",
// "array(varchar)", "unknown".
std::string TypeName(Type type);

constexpr PhysicalType PhysicalTypeOf(Type type) {
  switch (type.id()) {
    case TypeId::kUnknown:
      return PhysicalType::kNone;
    case TypeId::kBoolean:
      return PhysicalType::kBool;
    case TypeId::kInteger:
    case TypeId::kBigint:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kIntervalDayTime:
    case TypeId::kIntervalYearMonth:
      return PhysicalType::kInt64;
    case TypeId::kDecimal:
      return PhysicalType::kInt128;
    case TypeId::kDouble:
      return PhysicalType::kDouble;
    case TypeId::kVarchar:
    case TypeId::kJson:
    case TypeId::kIpaddress:
    case TypeId::kArray:
      return PhysicalType::kString;
  }
  return PhysicalType::kNone;
}

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
inline bool HoldsInt64(Type type) { return PhysicalTypeOf(type) == PhysicalType::kInt64; }
inline bool IsDateTime(Type type) {
  return type.id() == TypeId::kDate || type.id() == TypeId::kTimestamp ||
         type.id() == TypeId::kTimestampTz;
}
inline bool IsInterval(Type type) {
  return type.id() == TypeId::kIntervalDayTime || type.id() == TypeId::kIntervalYearMonth;
}

}  // namespace ctq
