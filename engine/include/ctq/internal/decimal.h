// DECIMAL(p, s) arithmetic on unscaled 128-bit integers, with Trino's rules
// (io.trino.spi.type.Decimals, io.trino.type.DecimalOperators): 38 digits at
// most, rounding half away from zero ("HALF_UP" in Java's terms), exact text
// forms both ways.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ctq/type.h"

namespace ctq {

using Int128 = __int128;

// 10^n. REQUIRES: 0 <= n <= 38.
Int128 PowerOfTen(int n);

// Whether |value| < 10^precision, i.e. it has at most `precision` digits.
bool FitsPrecision(Int128 value, int precision);

// The text Trino prints: all `scale` fraction digits, a leading 0 before the
// point ("0.50", "-1.00", "12").
std::string FormatDecimal(Int128 unscaled, int scale);

// A decimal number read from text: its unscaled digits and the scale and
// precision the text has (precision counts digits without leading zeros, at
// least 1: Trino's Decimals.parse, so `0.1` is decimal(1,1), `100.0`
// decimal(4,1)).
struct ParsedDecimal {
  Int128 unscaled = 0;
  int precision = 1;
  int scale = 0;
};
// Reads `[+|-]digits[.digits]` (one side may be empty, not both), and, when
// `allow_exponent`, a trailing `e[+|-]digits` as Java's BigDecimal does.
// nullopt when the text has another shape or more than 38 significant digits.
std::optional<ParsedDecimal> ParseDecimal(std::string_view text, bool allow_exponent);

// Changes the scale of `value`, rounding half away from zero when digits are
// dropped. False when the result needs more than 38 digits.
bool Rescale(Int128 value, int from_scale, int to_scale, Int128* out);

// a / b rounded half away from zero, computed exactly even where a is up to
// 38 digits scaled by 10^rescale (more than 128 bits). False when the
// quotient needs more than 38 digits. REQUIRES: b != 0, 0 <= rescale <= 76.
bool DivideRounded(Int128 a, int rescale, Int128 b, Int128* out);

// The nearest double (Trino parses the decimal's text as a double).
double DecimalToDouble(Int128 unscaled, int scale);
// Trino's BigDecimal.valueOf(d).setScale(scale, HALF_UP): the double's
// shortest text, rounded. False for NaN, infinities and values that do not
// fit `precision` digits.
bool DoubleToDecimal(double d, int precision, int scale, Int128* out);

// The result types of Trino's decimal operators (DecimalOperators): + and -
// keep max(s1, s2) and one more integer digit; * adds scales and precisions;
// / keeps max(s1, s2) and grows by the divisor's scale; % keeps the smaller
// integer part. Precision is capped at 38.
Type DecimalAddType(Type a, Type b);
Type DecimalMultiplyType(Type a, Type b);
Type DecimalDivideType(Type a, Type b);
Type DecimalModuloType(Type a, Type b);
// The decimal type a bigint or integer converts to: decimal(19,0) and
// decimal(10,0) (Trino's implicit coercions).
Type DecimalTypeOf(Type integral);
// The smallest decimal that holds both (TypeCoercion's common super type).
Type CommonDecimalType(Type a, Type b);

}  // namespace ctq
