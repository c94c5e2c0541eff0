#include "ctq/internal/decimal.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "ctq/value.h"

namespace ctq {
namespace {

using UInt128 = unsigned __int128;

UInt128 Magnitude(Int128 v) { return v < 0 ? -static_cast<UInt128>(v) : static_cast<UInt128>(v); }

// 10^38: one more than the largest 38-digit magnitude.
const UInt128 kTenTo38 = static_cast<UInt128>(PowerOfTen(38));

// A 256-bit unsigned number as two 128-bit halves, for the one place where
// 38 digits times a power of ten can pass 128 bits: division.
struct U256 {
  UInt128 hi = 0;
  UInt128 lo = 0;
};

// a * b exactly.
U256 Multiply(UInt128 a, UInt128 b) {
  const UInt128 mask = (UInt128{1} << 64) - 1;
  UInt128 a0 = a & mask, a1 = a >> 64, b0 = b & mask, b1 = b >> 64;
  UInt128 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  UInt128 middle = (p00 >> 64) + (p01 & mask) + (p10 & mask);
  U256 r;
  r.lo = (p00 & mask) | (middle << 64);
  r.hi = p11 + (p01 >> 64) + (p10 >> 64) + (middle >> 64);
  return r;
}

// n / d and n % d by shift-and-subtract; slow (256 steps) but only used when
// the dividend does not fit 128 bits. REQUIRES: d != 0.
void DivideU256(U256 n, UInt128 d, U256* quotient, UInt128* remainder) {
  U256 q;
  UInt128 r = 0;
  for (int bit = 255; bit >= 0; bit--) {
    const bool carry = (r >> 127) != 0;
    r <<= 1;
    r |= bit >= 128 ? (n.hi >> (bit - 128)) & 1 : (n.lo >> bit) & 1;
    if (carry || r >= d) {
      r -= d;
      if (bit >= 128) {
        q.hi |= UInt128{1} << (bit - 128);
      } else {
        q.lo |= UInt128{1} << bit;
      }
    }
  }
  *quotient = q;
  *remainder = r;
}

Type Decimal(int precision, int scale) {
  return Type::Decimal(std::min(precision, Type::kMaxDecimalPrecision), scale);
}

}  // namespace

Int128 PowerOfTen(int n) {
  Int128 p = 1;
  for (int i = 0; i < n; i++) p *= 10;
  return p;
}

bool FitsPrecision(Int128 value, int precision) {
  return Magnitude(value) < static_cast<UInt128>(PowerOfTen(precision));
}

std::string FormatDecimal(Int128 unscaled, int scale) {
  UInt128 magnitude = Magnitude(unscaled);
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  while (static_cast<int>(digits.size()) <= scale) digits.push_back('0');
  std::reverse(digits.begin(), digits.end());
  if (scale > 0) digits.insert(digits.size() - static_cast<size_t>(scale), 1, '.');
  return unscaled < 0 ? "-" + digits : digits;
}

std::optional<ParsedDecimal> ParseDecimal(std::string_view text, bool allow_exponent) {
  bool negative = false;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  int exponent = 0;
  if (allow_exponent) {
    size_t e = text.find_first_of("eE");
    if (e != std::string_view::npos) {
      std::string_view power = text.substr(e + 1);
      text = text.substr(0, e);
      bool minus = false;
      if (!power.empty() && (power.front() == '+' || power.front() == '-')) {
        minus = power.front() == '-';
        power.remove_prefix(1);
      }
      if (power.empty() || power.size() > 4) return std::nullopt;
      for (char c : power) {
        if (c < '0' || c > '9') return std::nullopt;
        exponent = exponent * 10 + (c - '0');
      }
      if (minus) exponent = -exponent;
    }
  }
  size_t dot = text.find('.');
  std::string_view integral = text.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  if (integral.empty() && fraction.empty()) return std::nullopt;
  while (!integral.empty() && integral.front() == '0') integral.remove_prefix(1);
  std::string digits = std::string(integral) + std::string(fraction);
  int scale = static_cast<int>(fraction.size()) - exponent;
  if (scale < 0) {
    digits.append(static_cast<size_t>(-scale), '0');
    scale = 0;
  }
  size_t first = digits.find_first_not_of('0');
  // Leading zeros of the fraction count toward precision (0.01 is
  // decimal(2,2)); the integral part's leading zeros were dropped above.
  const int significant = first == std::string::npos ? 0 : static_cast<int>(digits.size() - first);
  if (significant > Type::kMaxDecimalPrecision || scale > Type::kMaxDecimalPrecision) {
    return std::nullopt;
  }
  ParsedDecimal parsed;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    parsed.unscaled = parsed.unscaled * 10 + (c - '0');
  }
  if (negative) parsed.unscaled = -parsed.unscaled;
  parsed.scale = scale;
  parsed.precision = std::max(1, std::max(significant, scale));
  return parsed;
}

bool Rescale(Int128 value, int from_scale, int to_scale, Int128* out) {
  if (to_scale >= from_scale) {
    const int up = to_scale - from_scale;
    if (up > Type::kMaxDecimalPrecision) return value == 0 ? (*out = 0, true) : false;
    UInt128 magnitude = Magnitude(value);
    UInt128 factor = static_cast<UInt128>(PowerOfTen(up));
    if (magnitude > (kTenTo38 - 1) / factor) return false;
    *out = value * static_cast<Int128>(factor);
    return true;
  }
  const int down = from_scale - to_scale;
  if (down > Type::kMaxDecimalPrecision) {
    *out = 0;
    return true;
  }
  Int128 factor = PowerOfTen(down);
  Int128 quotient = value / factor;
  Int128 remainder = value % factor;
  if (Magnitude(remainder) * 2 >= static_cast<UInt128>(factor)) quotient += value < 0 ? -1 : 1;
  *out = quotient;
  return true;
}

bool DivideRounded(Int128 a, int rescale, Int128 b, Int128* out) {
  const bool negative = (a < 0) != (b < 0);
  const UInt128 divisor = Magnitude(b);
  U256 dividend = Multiply(Magnitude(a), 1);
  for (int done = 0; done < rescale;) {
    const int step = std::min(rescale - done, 38);
    U256 low = Multiply(dividend.lo, static_cast<UInt128>(PowerOfTen(step)));
    U256 high = Multiply(dividend.hi, static_cast<UInt128>(PowerOfTen(step)));
    if (high.hi != 0) return false;  // past 256 bits: far past 38 digits
    dividend.lo = low.lo;
    dividend.hi = low.hi + high.lo;
    if (dividend.hi < high.lo) return false;
    done += step;
  }
  U256 quotient;
  UInt128 remainder = 0;
  DivideU256(dividend, divisor, &quotient, &remainder);
  if (quotient.hi != 0) return false;
  UInt128 q = quotient.lo;
  // Round half up: the remainder is at least half the divisor.
  if (remainder >= divisor - remainder) q++;
  if (q >= kTenTo38) return false;
  *out = negative ? -static_cast<Int128>(q) : static_cast<Int128>(q);
  return true;
}

double DecimalToDouble(Int128 unscaled, int scale) {
  return std::strtod(FormatDecimal(unscaled, scale).c_str(), nullptr);
}

bool DoubleToDecimal(double d, int precision, int scale, Int128* out) {
  if (!std::isfinite(d)) return false;
  std::optional<ParsedDecimal> parsed = ParseDecimal(FormatDouble(d), /*allow_exponent=*/true);
  if (!parsed.has_value()) {
    // More than 38 significant digits only happens for huge magnitudes
    // (FormatDouble gives at most 17): too large for any decimal.
    return false;
  }
  if (!Rescale(parsed->unscaled, parsed->scale, scale, out)) return false;
  return FitsPrecision(*out, precision);
}

Type DecimalAddType(Type a, Type b) {
  const int scale = std::max(a.scale(), b.scale());
  return Decimal(std::max(a.precision() - a.scale(), b.precision() - b.scale()) + scale + 1, scale);
}

Type DecimalMultiplyType(Type a, Type b) {
  return Decimal(a.precision() + b.precision(), a.scale() + b.scale());
}

Type DecimalDivideType(Type a, Type b) {
  return Decimal(a.precision() + b.scale() + std::max(b.scale() - a.scale(), 0),
                 std::max(a.scale(), b.scale()));
}

Type DecimalModuloType(Type a, Type b) {
  const int scale = std::max(a.scale(), b.scale());
  return Decimal(std::min(b.precision() - b.scale(), a.precision() - a.scale()) + scale, scale);
}

Type DecimalTypeOf(Type integral) {
  if (integral.id() == TypeId::kDecimal) return integral;
  return Type::Decimal(integral.id() == TypeId::kInteger ? 10 : 19, 0);
}

Type CommonDecimalType(Type a, Type b) {
  a = DecimalTypeOf(a);
  b = DecimalTypeOf(b);
  const int scale = std::max(a.scale(), b.scale());
  return Decimal(std::max(a.precision() - a.scale(), b.precision() - b.scale()) + scale, scale);
}

}  // namespace ctq
