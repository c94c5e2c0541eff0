#include "ctq/internal/array_encoding.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "absl/strings/str_cat.h"
#include "ctq/internal/status_macros.h"

namespace ctq {
namespace {

constexpr char kValueTag = 0x01;
constexpr char kNullTag = 0x02;  // after every value: NULL elements sort last

void AppendBigEndian(unsigned __int128 bits, int bytes, std::string* out) {
  for (int i = bytes - 1; i >= 0; i--) out->push_back(static_cast<char>((bits >> (8 * i)) & 0xFF));
}

unsigned __int128 ReadBigEndian(std::string_view bytes) {
  unsigned __int128 bits = 0;
  for (char c : bytes) bits = (bits << 8) | static_cast<unsigned char>(c);
  return bits;
}

// Doubles in an order that byte comparison keeps: positive numbers with the
// sign bit set, negative ones with every bit flipped.
uint64_t OrderedDoubleBits(double d) {
  if (std::isnan(d)) d = std::numeric_limits<double>::quiet_NaN();  // one NaN, last
  if (d == 0) d = 0;                                                // -0.0 is 0.0
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  return (bits >> 63) != 0 ? ~bits : bits ^ (uint64_t{1} << 63);
}

double DoubleFromOrderedBits(uint64_t bits) {
  bits = (bits >> 63) != 0 ? bits ^ (uint64_t{1} << 63) : ~bits;
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

// Bytes in an order-preserving, self-delimiting form: 0x00 as 00 FF, then 00 01.
void AppendEscaped(std::string_view bytes, std::string* out) {
  for (char c : bytes) {
    out->push_back(c);
    if (c == 0) out->push_back(static_cast<char>(0xFF));
  }
  out->push_back(0);
  out->push_back(1);
}

absl::Status Corrupt() { return absl::InvalidArgumentError("malformed array or row value"); }

}  // namespace

void AppendArrayElement(const Value& element, std::string* out) {
  if (element.is_null()) {
    out->push_back(kNullTag);
    return;
  }
  out->push_back(kValueTag);
  switch (PhysicalTypeOf(element.type())) {
    case PhysicalType::kInt64:
      AppendBigEndian(static_cast<uint64_t>(element.bigint()) ^ (uint64_t{1} << 63), 8, out);
      break;
    case PhysicalType::kInt128:
      AppendBigEndian(static_cast<unsigned __int128>(element.unscaled()) ^
                          (static_cast<unsigned __int128>(1) << 127),
                      16, out);
      break;
    case PhysicalType::kDouble:
      AppendBigEndian(OrderedDoubleBits(element.dbl()), 8, out);
      break;
    case PhysicalType::kBool:
      out->push_back(element.boolean() ? 1 : 0);
      break;
    case PhysicalType::kString:
      AppendEscaped(element.varchar(), out);
      break;
    case PhysicalType::kNone:
      break;
  }
}

void AppendBytesElement(std::optional<std::string_view> bytes, std::string* out) {
  if (!bytes.has_value()) {
    out->push_back(kNullTag);
    return;
  }
  out->push_back(kValueTag);
  AppendEscaped(*bytes, out);
}

std::string EncodeArray(const std::vector<Value>& elements) {
  std::string out;
  for (const Value& element : elements) AppendArrayElement(element, &out);
  return out;
}

namespace {

// Decodes the element at `*pos` of `bytes` (an element of type `type`) and
// moves `*pos` past it.
absl::StatusOr<Value> DecodeElement(Type type, std::string_view bytes, size_t* pos_in) {
  size_t& pos = *pos_in;
  if (pos >= bytes.size()) return Corrupt();
  const char tag = bytes[pos++];
  if (tag == kNullTag) return Value::Null(type);
  if (tag != kValueTag) return Corrupt();
  auto fixed = [&](size_t width) -> absl::StatusOr<unsigned __int128> {
    if (bytes.size() - pos < width) return Corrupt();
    unsigned __int128 bits = ReadBigEndian(bytes.substr(pos, width));
    pos += width;
    return bits;
  };
  switch (PhysicalTypeOf(type)) {
    case PhysicalType::kInt64: {
      absl::StatusOr<unsigned __int128> bits = fixed(8);
      if (!bits.ok()) return bits.status();
      return Value::OfInt64(type,
                            static_cast<int64_t>(static_cast<uint64_t>(*bits) ^ (uint64_t{1} << 63)));
    }
    case PhysicalType::kInt128: {
      absl::StatusOr<unsigned __int128> bits = fixed(16);
      if (!bits.ok()) return bits.status();
      return Value::Decimal(
          static_cast<__int128>(*bits ^ (static_cast<unsigned __int128>(1) << 127)), type);
    }
    case PhysicalType::kDouble: {
      absl::StatusOr<unsigned __int128> bits = fixed(8);
      if (!bits.ok()) return bits.status();
      return Value::Double(DoubleFromOrderedBits(static_cast<uint64_t>(*bits)));
    }
    case PhysicalType::kBool:
      if (pos >= bytes.size()) return Corrupt();
      return Value::Boolean(bytes[pos++] != 0);
    case PhysicalType::kString: {
      std::string text;
      while (true) {
        if (pos >= bytes.size()) return Corrupt();
        const char c = bytes[pos++];
        if (c != 0) {
          text.push_back(c);
          continue;
        }
        if (pos >= bytes.size()) return Corrupt();
        const unsigned char next = static_cast<unsigned char>(bytes[pos++]);
        if (next == 1) break;
        if (next != 0xFF) return Corrupt();
        text.push_back(0);
      }
      return Value::OfString(type, text);
    }
    case PhysicalType::kNone:
      break;
  }
  return Corrupt();
}

}  // namespace

absl::StatusOr<std::vector<Value>> DecodeArray(Type array_type, std::string_view bytes) {
  const Type element = array_type.element();
  std::vector<Value> values;
  size_t pos = 0;
  while (pos < bytes.size()) {
    CTQ_ASSIGN_OR_RETURN(Value value, DecodeElement(element, bytes, &pos));
    values.push_back(std::move(value));
  }
  return values;
}

absl::StatusOr<std::vector<Value>> DecodeRow(Type row_type, std::string_view bytes) {
  std::vector<Value> values;
  size_t pos = 0;
  for (int i = 0; i < row_type.field_count(); i++) {
    CTQ_ASSIGN_OR_RETURN(Value value, DecodeElement(row_type.field_type(i), bytes, &pos));
    values.push_back(std::move(value));
  }
  if (pos != bytes.size()) return Corrupt();
  return values;
}

absl::StatusOr<Value> DecodeRowField(Type row_type, std::string_view bytes, int field) {
  size_t pos = 0;
  for (int i = 0; i < row_type.field_count(); i++) {
    CTQ_ASSIGN_OR_RETURN(Value value, DecodeElement(row_type.field_type(i), bytes, &pos));
    if (i == field) return value;
  }
  return Corrupt();
}

std::string FormatArray(Type array_type, std::string_view bytes) {
  absl::StatusOr<std::vector<Value>> elements = DecodeArray(array_type, bytes);
  if (!elements.ok()) return "<malformed array>";
  std::string out = "[";
  for (size_t i = 0; i < elements->size(); i++) {
    if (i > 0) out += ", ";
    out += (*elements)[i].ToString();
  }
  out += "]";
  return out;
}

std::string FormatRow(Type row_type, std::string_view bytes) {
  absl::StatusOr<std::vector<Value>> fields = DecodeRow(row_type, bytes);
  if (!fields.ok()) return "<malformed row>";
  std::string out = "{";
  for (size_t i = 0; i < fields->size(); i++) {
    if (i > 0) out += ", ";
    out += row_type.field_name(static_cast<int>(i)) + "=" + (*fields)[i].ToString();
  }
  out += "}";
  return out;
}

}  // namespace ctq
