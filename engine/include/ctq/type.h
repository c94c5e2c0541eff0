// The SQL value types ctq produces, with Trino's names and rules.
//
// Thread-safety: plain values; safe to share.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
  kRow,        // ROW(name T, ...): its fields, encoded as an array's elements are
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
  kString,  // varchar, json, ipaddress, array, row
};



// A type and its parameters: DECIMAL's precision (1..38) and scale
// (0..precision); ARRAY's element type and ROW's field names and types. An
// ARRAY or ROW names its parameters by a 24-bit index into a table where
// each distinct parameter list is interned once and kept (there are as many
// as the distinct types queries name), so Type stays 4 bytes, a Value 56
// (decision 22), and == compares the index. Converts from a TypeId so that
// `type == TypeId::kBigint` reads naturally; a DECIMAL, ARRAY or ROW is
// compared by id() (`type.id() == TypeId::kDecimal`), since two decimals of
// different scales differ.
class Type {
 public:
  static constexpr int kMaxDecimalPrecision = 38;
  // How many distinct ARRAY and ROW parameter lists the table can hold;
  // past it, Array() and Row() give ARRAY(unknown) and an empty ROW, and
  // ParseCastType refuses new types (NestedTypesLeft()).
  static constexpr uint32_t kMaxNestedTypes = (1u << 24) - 1;

  constexpr Type(TypeId id = TypeId::kUnknown) : id_(id) {}  // NOLINT(google-explicit-constructor)
  // REQUIRES: 1 <= precision <= 38, 0 <= scale <= precision.
  static constexpr Type Decimal(int precision, int scale) {
    Type type(TypeId::kDecimal);
    type.a_ = static_cast<uint8_t>(precision);
    type.b_ = static_cast<uint8_t>(scale);
    return type;
  }

  // ARRAY(element). Thread-safe.
  static Type Array(Type element);
  // ROW(name type, ...), names as given (ctq's are lowercase). Thread-safe.
  static Type Row(const std::vector<std::pair<std::string, Type>>& fields);
  // How many more distinct ARRAY/ROW parameter lists can be interned.
  static uint32_t NestedTypesLeft();

  constexpr TypeId id() const { return id_; }
  // REQUIRES: id() == TypeId::kArray.
  Type element() const;
  constexpr int precision() const { return id_ == TypeId::kDecimal ? a_ : 0; }
  constexpr int scale() const { return id_ == TypeId::kDecimal ? b_ : 0; }

  // REQUIRES: id() == TypeId::kRow (field_count() is 0 for any other type).
  int field_count() const;
  const std::string& field_name(int field) const;
  Type field_type(int field) const;
  // The field named `name`, compared case-insensitively as Trino's
  // identifiers are; nullopt if there is none.
  std::optional<int> FindField(std::string_view name) const;

  friend constexpr bool operator==(Type a, Type b) = default;

 private:
  // ARRAY and ROW: the interned index, 0 for none.
  constexpr uint32_t nested_index() const {
    return (static_cast<uint32_t>(a_) << 16) | (static_cast<uint32_t>(b_) << 8) | c_;
  }
  void set_nested_index(uint32_t index) {
    a_ = static_cast<uint8_t>(index >> 16);
    b_ = static_cast<uint8_t>(index >> 8);
    c_ = static_cast<uint8_t>(index);
  }

  TypeId id_;
  // DECIMAL: precision, scale. ARRAY, ROW: the interned index, big-endian.
  uint8_t a_ = 0;
  uint8_t b_ = 0;
  uint8_t c_ = 0;
};
static_assert(sizeof(Type) == 4);

// Trino's name for the type, as typeof() and error messages print it:
// "varchar", "integer", "bigint", "double", "decimal(10,2)", "boolean",
// "array(varchar)", "row(arn varchar, accountid varchar)", "unknown".
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
    case TypeId::kRow:
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
