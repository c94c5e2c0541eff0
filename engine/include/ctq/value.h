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
  static Value Null(TypeId type) {
    Value v;
    v.type_ = type;
    return v;
  }
  static Value Boolean(bool b);
  static Value Bigint(int64_t i);
  static Value Double(double d);
  static Value Varchar(std::string_view s);

  TypeId type() const { return type_; }
  bool is_null() const { return is_null_; }

  // REQUIRES: !is_null() and the matching type().
  bool boolean() const { return int_ != 0; }
  int64_t bigint() const { return int_; }
  double dbl() const { return double_; }
  const std::string& varchar() const { return string_; }

  // The text Trino's CLI prints: "NULL" for NULL, "true"/"false", integers in
  // decimal, doubles as Java prints them ("1.5", "2.0", "1.0E7"), strings raw.
  std::string ToString() const;

 private:
  TypeId type_ = TypeId::kUnknown;
  bool is_null_ = true;
  int64_t int_ = 0;
  double double_ = 0;
  std::string string_;
};

// Formats a double the way Java's Double.toString does (Trino's text form).
std::string FormatDouble(double d);

}  // namespace ctq
