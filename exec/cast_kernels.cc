// CAST between ctq's types with Trino's rules: a string that does not parse
// as the target type is an error ("Cannot cast 'abc' to BIGINT"), doubles cast
// to bigint round half away from zero, and doubles print as Java does.
#include <charconv>
#include <cmath>
#include <string>

#include "absl/strings/ascii.h"
#include "ctq/internal/strings.h"
#include "exec/expression_evaluator.h"

namespace ctq {
namespace {

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && absl::ascii_isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && absl::ascii_isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

absl::Status CastError(std::string_view value, TypeId target) {
  return absl::InvalidArgumentError(
      StrCat("Cannot cast '", value, "' to ", absl::AsciiStrToUpper(std::string(TypeName(target)))));
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

}  // namespace

absl::Status CastVector(const Vector& input, TypeId target, Vector* out) {
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
  for (uint32_t i = 0; i < n; i++) {
    if (!valid[i]) continue;
    switch (target) {
      case TypeId::kVarchar:
        switch (input.type()) {
          case TypeId::kVarchar:
            out->strings()[i] = input.strings()[i];
            break;
          case TypeId::kBigint:
            out->strings()[i] = out->heap().Add(StrCat(input.ints()[i]));
            break;
          case TypeId::kDouble:
            out->strings()[i] = out->heap().Add(FormatDouble(input.doubles()[i]));
            break;
          case TypeId::kBoolean:
            out->strings()[i] = input.bools()[i] ? "true" : "false";
            break;
          case TypeId::kUnknown:
            break;
        }
        break;
      case TypeId::kBigint:
        switch (input.type()) {
          case TypeId::kVarchar:
            if (!ParseBigint(input.strings()[i], &out->ints()[i])) {
              return CastError(input.strings()[i], target);
            }
            break;
          case TypeId::kBigint:
            out->ints()[i] = input.ints()[i];
            break;
          case TypeId::kDouble: {
            double d = std::round(input.doubles()[i]);
            if (!(d >= -9.2233720368547758e18 && d < 9.2233720368547758e18)) {
              return CastError(FormatDouble(input.doubles()[i]), target);
            }
            out->ints()[i] = static_cast<int64_t>(d);
            break;
          }
          case TypeId::kBoolean:
            out->ints()[i] = input.bools()[i];
            break;
          case TypeId::kUnknown:
            break;
        }
        break;
      case TypeId::kDouble:
        switch (input.type()) {
          case TypeId::kVarchar:
            if (!ParseDouble(input.strings()[i], &out->doubles()[i])) {
              return CastError(input.strings()[i], target);
            }
            break;
          case TypeId::kBigint:
            out->doubles()[i] = static_cast<double>(input.ints()[i]);
            break;
          case TypeId::kDouble:
            out->doubles()[i] = input.doubles()[i];
            break;
          case TypeId::kBoolean:
            out->doubles()[i] = input.bools()[i];
            break;
          case TypeId::kUnknown:
            break;
        }
        break;
      case TypeId::kBoolean:
        switch (input.type()) {
          case TypeId::kVarchar: {
            std::string lower = absl::AsciiStrToLower(std::string(TrimSpaces(input.strings()[i])));
            if (lower == "true" || lower == "t" || lower == "1") {
              out->bools()[i] = 1;
            } else if (lower == "false" || lower == "f" || lower == "0") {
              out->bools()[i] = 0;
            } else {
              return CastError(input.strings()[i], target);
            }
            break;
          }
          case TypeId::kBigint:
            out->bools()[i] = input.ints()[i] != 0;
            break;
          case TypeId::kDouble:
            out->bools()[i] = input.doubles()[i] != 0;
            break;
          case TypeId::kBoolean:
            out->bools()[i] = input.bools()[i];
            break;
          case TypeId::kUnknown:
            break;
        }
        break;
      case TypeId::kUnknown:
        break;
    }
  }
  if (target == TypeId::kVarchar && input.type() == TypeId::kVarchar) out->ShareOwnership(input);
  return absl::OkStatus();
}

}  // namespace ctq
