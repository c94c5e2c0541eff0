// CAST between ctq's types with Trino's rules: a string that does not parse
// as the target type is an error ("Cannot cast 'abc' to BIGINT"), doubles
// and decimals cast to integers round half away from zero, a value out of
// the target's range is an error, and doubles print as Java does. The
// messages are those of Trino's cast operators (io.trino.type.*Operators,
// DecimalCasts).
#include <charconv>
#include <cmath>
#include <string>

#include "absl/strings/ascii.h"
#include "ctq/internal/civil_time.h"
#include "ctq/internal/decimal.h"
#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
#include "exec/cast_structured.h"
#include "exec/expression_evaluator.h"
#include "exec/vector/vector_value.h"

namespace ctq {
namespace {

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && absl::ascii_isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && absl::ascii_isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

absl::Status CastError(std::string_view value, std::string_view target) {
  return absl::InvalidArgumentError(StrCat("Cannot cast '", value, "' to ", target));
}

// "DECIMAL(10, 2)", as Trino's decimal cast messages write the type.
std::string DecimalTypeText(Type type) {
  return StrCat("DECIMAL(", type.precision(), ", ", type.scale(), ")");
}

bool ParseBigint(std::string_view text, int64_t* out) {
  text = TrimSpaces(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

bool ParseDouble(std::string_view text, double* out) {
  text = TrimSpaces(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text == "NaN") {
    *out = std::nan("");
    return true;
  }
  if (text == "Infinity" || text == "-Infinity") {
    *out = text.front() == '-' ? -INFINITY : INFINITY;
    return true;
  }
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

// Row `i` of `input` as text (for casts to VARCHAR and for messages).
std::string Text(const Vector& input, uint32_t i) {
  switch (input.type().id()) {
    case TypeId::kVarchar:
      return std::string(input.strings()[i]);
    case TypeId::kInteger:
    case TypeId::kBigint:
      return StrCat(input.ints()[i]);
    case TypeId::kDouble:
      return FormatDouble(input.doubles()[i]);
    case TypeId::kDecimal:
      return FormatDecimal(input.decimals()[i], input.type().scale());
    case TypeId::kBoolean:
      return input.bools()[i] ? "true" : "false";
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kIntervalDayTime:
    case TypeId::kIntervalYearMonth:
      return Value::OfInt64(input.type(), input.ints()[i]).ToString();
    case TypeId::kJson:
    case TypeId::kIpaddress:
    case TypeId::kArray:
    case TypeId::kRow:
      return GetValue(input, i).ToString();
    case TypeId::kUnknown:
      break;
  }
  return "";
}

// Row `i` as a 64-bit integer (bigint/integer targets), rounding doubles and
// decimals half away from zero. False when out of the int64 range or not a
// number; the caller names the error.
bool ToInt64(const Vector& input, uint32_t i, int64_t* out) {
  switch (input.type().id()) {
    case TypeId::kVarchar:
      return ParseBigint(input.strings()[i], out);
    case TypeId::kInteger:
    case TypeId::kBigint:
      *out = input.ints()[i];
      return true;
    case TypeId::kDouble: {
      double d = std::round(input.doubles()[i]);
      if (!(d >= -9.2233720368547758e18 && d < 9.2233720368547758e18)) return false;
      *out = static_cast<int64_t>(d);
      return true;
    }
    case TypeId::kDecimal: {
      Int128 whole = 0;
      Rescale(input.decimals()[i], input.type().scale(), 0, &whole);
      if (whole > INT64_MAX || whole < INT64_MIN) return false;
      *out = static_cast<int64_t>(whole);
      return true;
    }
    case TypeId::kBoolean:
      *out = input.bools()[i];
      return true;
    default:  // dates and times: the binder allows no such cast
      break;
  }
  return false;
}

absl::Status CastToIntegral(const Vector& input, uint32_t i, Type target, int64_t* out) {
  const bool is_integer = target == TypeId::kInteger;
  const TypeId source = input.type().id();
  if (!ToInt64(input, i, out) || (is_integer && (*out < INT32_MIN || *out > INT32_MAX))) {
    if (source == TypeId::kVarchar) return CastError(input.strings()[i], is_integer ? "INT" : "BIGINT");
    if (source == TypeId::kDecimal) return CastError(Text(input, i), is_integer ? "INTEGER" : "BIGINT");
    if (source == TypeId::kDouble) {
      return absl::InvalidArgumentError(StrCat("Unable to cast ", Text(input, i), " to ",
                                               is_integer ? "integer" : "bigint"));
    }
    return absl::InvalidArgumentError(
        StrCat("Out of range for ", is_integer ? "integer" : "bigint", ": ", Text(input, i)));
  }
  return absl::OkStatus();
}

absl::Status CastToDecimal(const Vector& input, uint32_t i, Type target, Int128* out) {
  const int precision = target.precision(), scale = target.scale();
  switch (input.type().id()) {
    case TypeId::kVarchar: {
      std::string_view text = TrimSpaces(input.strings()[i]);
      std::optional<ParsedDecimal> parsed = ParseDecimal(text, /*allow_exponent=*/true);
      if (!parsed.has_value()) {
        return absl::InvalidArgumentError(StrCat("Cannot cast VARCHAR '", input.strings()[i], "' to ",
                                                 DecimalTypeText(target), ". Value is not a number."));
      }
      if (!Rescale(parsed->unscaled, parsed->scale, scale, out) || !FitsPrecision(*out, precision)) {
        return absl::InvalidArgumentError(StrCat("Cannot cast VARCHAR '", input.strings()[i], "' to ",
                                                 DecimalTypeText(target), ". Value too large."));
      }
      return absl::OkStatus();
    }
    case TypeId::kInteger:
    case TypeId::kBigint:
    case TypeId::kBoolean: {
      const int64_t v = input.type() == TypeId::kBoolean ? input.bools()[i] : input.ints()[i];
      if (!Rescale(v, 0, scale, out) || !FitsPrecision(*out, precision)) {
        return absl::InvalidArgumentError(StrCat("Cannot cast ",
                                                 absl::AsciiStrToUpper(TypeName(input.type())), " '",
                                                 v, "' to ", DecimalTypeText(target)));
      }
      return absl::OkStatus();
    }
    case TypeId::kDouble:
      if (!DoubleToDecimal(input.doubles()[i], precision, scale, out)) {
        return absl::InvalidArgumentError(StrCat("Cannot cast DOUBLE '", Text(input, i), "' to ",
                                                 DecimalTypeText(target)));
      }
      return absl::OkStatus();
    case TypeId::kDecimal:
      if (!Rescale(input.decimals()[i], input.type().scale(), scale, out) ||
          !FitsPrecision(*out, precision)) {
        return absl::InvalidArgumentError(StrCat("Cannot cast ", DecimalTypeText(input.type()), " '",
                                                 Text(input, i), "' to ", DecimalTypeText(target)));
      }
      return absl::OkStatus();
    default:
      break;
  }
  return absl::OkStatus();
}

absl::Status CastToDouble(const Vector& input, uint32_t i, double* out) {
  switch (input.type().id()) {
    case TypeId::kVarchar:
      if (!ParseDouble(input.strings()[i], out)) return CastError(input.strings()[i], "DOUBLE");
      break;
    case TypeId::kInteger:
    case TypeId::kBigint:
      *out = static_cast<double>(input.ints()[i]);
      break;
    case TypeId::kDouble:
      *out = input.doubles()[i];
      break;
    case TypeId::kDecimal:
      *out = DecimalToDouble(input.decimals()[i], input.type().scale());
      break;
    case TypeId::kBoolean:
      *out = input.bools()[i];
      break;
    default:
      break;
  }
  return absl::OkStatus();
}

absl::Status CastToBoolean(const Vector& input, uint32_t i, uint8_t* out) {
  switch (input.type().id()) {
    case TypeId::kVarchar: {
      std::string lower = absl::AsciiStrToLower(std::string(TrimSpaces(input.strings()[i])));
      if (lower == "true" || lower == "t" || lower == "1") {
        *out = 1;
      } else if (lower == "false" || lower == "f" || lower == "0") {
        *out = 0;
      } else {
        return CastError(input.strings()[i], "BOOLEAN");
      }
      break;
    }
    case TypeId::kInteger:
    case TypeId::kBigint:
      *out = input.ints()[i] != 0;
      break;
    case TypeId::kDouble:
      *out = input.doubles()[i] != 0;
      break;
    case TypeId::kDecimal:
      *out = input.decimals()[i] != 0;
      break;
    case TypeId::kBoolean:
      *out = input.bools()[i];
      break;
    default:
      break;
  }
  return absl::OkStatus();
}

// Casts among VARCHAR, DATE, TIMESTAMP and TIMESTAMP WITH TIME ZONE. The
// session zone, for a timestamp without one, is UTC (as Athena's).
absl::Status CastToDateTime(const Vector& input, uint32_t i, Type target, int64_t* out) {
  const TypeId to = target.id();
  const int64_t v = HoldsInt64(input.type()) ? input.ints()[i] : 0;
  switch (input.type().id()) {
    case TypeId::kVarchar: {
      std::string_view text = input.strings()[i];
      auto fail = [&] {
        // Trino's DateTimes / DateOperators messages.
        return absl::InvalidArgumentError(
            StrCat("Value cannot be cast to ", to == TypeId::kDate ? "date" : "timestamp", ": ", text));
      };
      if (to == TypeId::kDate) {
        std::optional<int64_t> days = ParseDate(text);
        if (!days.has_value()) return fail();
        *out = *days;
        return absl::OkStatus();
      }
      std::optional<int> zone;
      std::optional<int64_t> millis =
          ParseTimestamp(text, to == TypeId::kTimestampTz ? &zone : nullptr);
      if (!millis.has_value()) return fail();
      if (to == TypeId::kTimestamp) {
        *out = *millis;
      } else {
        const int z = zone.value_or(kUtcZone);
        *out = PackTimestampTz(*millis - OffsetMinutes(z) * kMillisPerMinute, z);
      }
      return absl::OkStatus();
    }
    case TypeId::kDate:
      if (to == TypeId::kDate) *out = v;
      if (to == TypeId::kTimestamp) *out = v * kMillisPerDay;
      if (to == TypeId::kTimestampTz) *out = PackTimestampTz(v * kMillisPerDay, kUtcZone);
      return absl::OkStatus();
    case TypeId::kTimestamp:
      if (to == TypeId::kDate) *out = FloorDiv(v, kMillisPerDay);
      if (to == TypeId::kTimestamp) *out = v;
      if (to == TypeId::kTimestampTz) *out = PackTimestampTz(v, kUtcZone);
      return absl::OkStatus();
    case TypeId::kTimestampTz:
      if (to == TypeId::kDate) *out = FloorDiv(LocalMillis(v), kMillisPerDay);
      if (to == TypeId::kTimestamp) *out = LocalMillis(v);
      if (to == TypeId::kTimestampTz) *out = v;
      return absl::OkStatus();
    default:
      return absl::InvalidArgumentError(
          StrCat("Cannot cast ", TypeName(input.type()), " to ", TypeName(target)));
  }
}

}  // namespace

absl::Status CastVector(const Vector& input, Type target, Vector* out) {
  uint32_t n = input.size();
  *out = Vector(target);
  out->Resize(n);
  if (target == TypeId::kUnknown) return absl::OkStatus();
  uint8_t* valid = out->mutable_validity();
  for (uint32_t i = 0; i < n; i++) valid[i] = input.validity()[i];
  if (input.type() == TypeId::kUnknown) {
    for (uint32_t i = 0; i < n; i++) valid[i] = 0;
    return absl::OkStatus();
  }
  if (target == input.type() && PhysicalTypeOf(target) == PhysicalType::kString) {
    for (uint32_t i = 0; i < n; i++) out->strings()[i] = input.strings()[i];
    out->ShareOwnership(input);
    return absl::OkStatus();
  }
  if (IsStructuredCast(input.type(), target)) {
    for (uint32_t i = 0; i < n; i++) {
      if (valid[i]) CTQ_RETURN_IF_ERROR(CastStructuredRow(input, i, out));
    }
    return absl::OkStatus();
  }
  for (uint32_t i = 0; i < n; i++) {
    if (!valid[i]) continue;
    switch (target.id()) {
      case TypeId::kVarchar:
        if (input.type() == TypeId::kBoolean) {
          out->strings()[i] = input.bools()[i] ? "true" : "false";
        } else {
          out->strings()[i] = out->heap().Add(Text(input, i));
        }
        break;
      case TypeId::kInteger:
      case TypeId::kBigint:
        CTQ_RETURN_IF_ERROR(CastToIntegral(input, i, target, &out->ints()[i]));
        break;
      case TypeId::kDecimal:
        CTQ_RETURN_IF_ERROR(CastToDecimal(input, i, target, &out->decimals()[i]));
        break;
      case TypeId::kDouble:
        CTQ_RETURN_IF_ERROR(CastToDouble(input, i, &out->doubles()[i]));
        break;
      case TypeId::kBoolean:
        CTQ_RETURN_IF_ERROR(CastToBoolean(input, i, &out->bools()[i]));
        break;
      case TypeId::kDate:
      case TypeId::kTimestamp:
      case TypeId::kTimestampTz:
        CTQ_RETURN_IF_ERROR(CastToDateTime(input, i, target, &out->ints()[i]));
        break;
      case TypeId::kIntervalDayTime:
      case TypeId::kIntervalYearMonth:
        if (input.type() != target) {
          return absl::InvalidArgumentError(
              StrCat("Cannot cast ", TypeName(input.type()), " to ", TypeName(target)));
        }
        out->ints()[i] = input.ints()[i];
        break;
      case TypeId::kJson:
      case TypeId::kIpaddress:
      case TypeId::kArray:
      case TypeId::kRow:
      case TypeId::kUnknown:
        break;  // structured casts: above
    }
  }
  return absl::OkStatus();
}

}  // namespace ctq
