// Value factories and the text forms Trino's CLI prints for result values.
#include "ctq/value.h"

#include <charconv>
#include <cmath>
#include <string>
#include <system_error>

#include "ctq/internal/array_encoding.h"
#include "ctq/internal/civil_time.h"
#include "ctq/internal/decimal.h"
#include "ctq/internal/ip_address.h"

namespace ctq {
namespace {

// A positive finite double as decimal digits d1 d2 ... dn (no trailing zeros)
// and an exponent, meaning d1.d2...dn x 10^exponent.
struct DecimalDigits {
  std::string digits;
  int exponent = 0;
};

// Parses std::to_chars' scientific output ("1.2345e+06", "5e-324").
DecimalDigits ParseScientific(std::string_view text) {
  DecimalDigits decimal;
  size_t e = text.find('e');
  for (char c : text.substr(0, e)) {
    if (c != '.') decimal.digits.push_back(c);
  }
  while (decimal.digits.size() > 1 && decimal.digits.back() == '0') decimal.digits.pop_back();
  std::string_view exponent = text.substr(e + 1);
  if (!exponent.empty() && exponent.front() == '+') exponent.remove_prefix(1);
  std::from_chars(exponent.data(), exponent.data() + exponent.size(), decimal.exponent);
  return decimal;
}

// Java's Double.toString (JDK 19 and later, which Trino runs on) picks the
// shortest decimal that reads back as `x`, but never fewer than two digits:
// when one digit is enough, a two-digit decimal closer to `x` wins. So
// Double.MIN_VALUE prints as 4.9E-324, not 5.0E-324.
DecimalDigits ShortestDecimal(double x) {
  char buffer[64];
  std::to_chars_result shortest =
      std::to_chars(buffer, buffer + sizeof(buffer), x, std::chars_format::scientific);
  DecimalDigits decimal = ParseScientific(std::string_view(buffer, shortest.ptr - buffer));
  if (decimal.digits.size() != 1) return decimal;

  // The correctly rounded two-digit decimal is the closest of all two-digit
  // decimals, the one-digit answer (d.0) included; use it if it reads back.
  std::to_chars_result two =
      std::to_chars(buffer, buffer + sizeof(buffer), x, std::chars_format::scientific, 1);
  double read_back = 0;
  std::from_chars(buffer, two.ptr, read_back);
  if (read_back != x) return decimal;
  return ParseScientific(std::string_view(buffer, two.ptr - buffer));
}

}  // namespace

Value Value::Boolean(bool b) {
  Value v;
  v.type_ = TypeId::kBoolean;
  v.is_null_ = false;
  v.int_ = b ? 1 : 0;
  return v;
}

Value Value::Integer(int32_t i) {
  Value v;
  v.type_ = TypeId::kInteger;
  v.is_null_ = false;
  v.int_ = i;
  return v;
}

Value Value::OfInt64(Type type, int64_t i) {
  Value v;
  v.type_ = type;
  v.is_null_ = false;
  v.int_ = i;
  return v;
}

Value Value::Decimal(__int128 unscaled, Type type) {
  Value v;
  v.type_ = type;
  v.is_null_ = false;
  v.int_ = static_cast<int64_t>(static_cast<uint64_t>(unscaled));
  v.high_ = static_cast<int64_t>(static_cast<unsigned __int128>(unscaled) >> 64);
  return v;
}

Value Value::Bigint(int64_t i) {
  Value v;
  v.type_ = TypeId::kBigint;
  v.is_null_ = false;
  v.int_ = i;
  return v;
}

Value Value::Double(double d) {
  Value v;
  v.type_ = TypeId::kDouble;
  v.is_null_ = false;
  v.double_ = d;
  return v;
}

Value Value::Varchar(std::string_view s) {
  Value v;
  v.type_ = TypeId::kVarchar;
  v.is_null_ = false;
  v.string_ = std::string(s);
  return v;
}

Value Value::OfString(Type type, std::string_view bytes) {
  Value v;
  v.type_ = type;
  v.is_null_ = false;
  v.string_ = std::string(bytes);
  return v;
}

std::string Value::ToString() const {
  if (is_null_) return "NULL";
  switch (type_.id()) {
    case TypeId::kBoolean:
      return int_ != 0 ? "true" : "false";
    case TypeId::kInteger:
    case TypeId::kBigint:
      return std::to_string(int_);
    case TypeId::kDecimal:
      return FormatDecimal(unscaled(), type_.scale());
    case TypeId::kDate:
      return FormatDate(int_);
    case TypeId::kTimestamp:
      return FormatTimestamp(int_);
    case TypeId::kTimestampTz:
      return FormatTimestampTz(int_);
    case TypeId::kIntervalDayTime:
      return FormatIntervalDayTime(int_);
    case TypeId::kIntervalYearMonth:
      return FormatIntervalYearMonth(int_);
    case TypeId::kDouble:
      return FormatDouble(double_);
    case TypeId::kVarchar:
    case TypeId::kJson:
      return string_;
    case TypeId::kIpaddress:
      return FormatIpAddress(string_);
    case TypeId::kArray:
      return FormatArray(type_, string_);
    case TypeId::kRow:
      return FormatRow(type_, string_);
    case TypeId::kUnknown:
      break;
  }
  // Only NULL has the unknown type; a non-NULL value always has a real one.
  return "NULL";
}

std::string FormatDouble(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";

  DecimalDigits decimal = ShortestDecimal(std::fabs(d));
  const std::string& digits = decimal.digits;
  const int exponent = decimal.exponent;
  std::string out = d < 0 ? "-" : "";

  // Java writes plain decimals for 10^-3 <= |d| < 10^7 and "computerized
  // scientific notation" (one digit before the point, at least one after,
  // then E and the exponent) for everything else.
  if (exponent >= -3 && exponent < 7) {
    if (exponent < 0) {
      out += "0.";
      out.append(static_cast<size_t>(-exponent - 1), '0');
      out += digits;
      return out;
    }
    size_t integer_digits = static_cast<size_t>(exponent) + 1;
    if (digits.size() <= integer_digits) {
      out += digits;
      out.append(integer_digits - digits.size(), '0');
      out += ".0";
    } else {
      out.append(digits, 0, integer_digits);
      out += '.';
      out.append(digits, integer_digits);
    }
    return out;
  }
  out += digits[0];
  out += '.';
  if (digits.size() > 1) {
    out.append(digits, 1);
  } else {
    out += '0';
  }
  out += 'E';
  out += std::to_string(exponent);
  return out;
}

}  // namespace ctq
