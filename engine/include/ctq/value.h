// Value: one SQL value in a query result (or NULL).
//
// Thread-safety: immutable after construction; safe to share.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ctq/type.h"

namespace ctq {

class Value {
 public:
  // A NULL of unknown type.
  Value() = default;
  static Value Null(Type type) {
    Value v;
    v.type_ = type;
    return v;
  }
  static Value Boolean(bool b);
  static Value Integer(int32_t i);
  // A value of a type held in 64 bits (integer, bigint, date, timestamp,
  // timestamp with time zone, intervals: see ctq/internal/civil_time.h).
  static Value OfInt64(Type type, int64_t i);
  static Value Bigint(int64_t i);
  // An unscaled value of a DECIMAL(p, s) type: 150 of decimal(3,2) is 1.50.
  static Value Decimal(__int128 unscaled, Type type);
  static Value Double(double d);
  static Value Varchar(std::string_view s);
  // A value of a type held as bytes (PhysicalTypeOf(type) is kString):
  // varchar, json (its text), ipaddress (16 bytes), array (its encoding,
  // ctq/internal/array_encoding.h).
  static Value OfString(Type type, std::string_view bytes);

  const Type& type() const { return type_; }
  bool is_null() const { return is_null_; }

  // REQUIRES: !is_null() and the matching type().
  bool boolean() const { return int_ != 0; }
  int64_t bigint() const { return int_; }  // also an INTEGER's, or a date/time's 64 bits
  __int128 unscaled() const {
    return static_cast<__int128>(static_cast<unsigned __int128>(static_cast<uint64_t>(high_)) << 64 |
                                 static_cast<uint64_t>(int_));
  }
  double dbl() const { return double_; }
  // The bytes of any type held as bytes (see OfString).
  const std::string& varchar() const { return string_; }

  // The text Trino's CLI prints: "NULL" for NULL, "true"/"false", integers in
  // decimal, doubles as Java prints them ("1.5", "2.0", "1.0E7"), decimals
  // with all their scale's digits ("1.50"), strings and JSON raw, IP
  // addresses as Trino writes them ("10.0.0.1", "2001:db8::1"), arrays as
  // "[a, b, NULL]".
  std::string ToString() const;

 private:
  Type type_ = TypeId::kUnknown;
  bool is_null_ = true;
  // A DECIMAL keeps its low 64 bits in int_ and its high ones in high_, so
  // that a Value stays as small as it was before decimals (result sets hold
  // many): 8-byte alignment, no 16-byte member.
  int64_t int_ = 0;
  union {
    double double_ = 0;
    int64_t high_;
  };
  std::string string_;
};

// Formats a double the way Java's Double.toString does (Trino's text form).
std::string FormatDouble(double d);

}  // namespace ctq
