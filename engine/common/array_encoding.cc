#include "ctq/internal/array_encoding.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "absl/strings/str_cat.h"

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

absl::Status Corrupt() { return absl::InvalidArgumentError("malformed array value"); }

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
      for (char c : element.varchar()) {
        out->push_back(c);
        if (c == 0) out->push_back(static_cast<char>(0xFF));
      }
      out->push_back(0);
      out->push_back(1);
      break;
    case PhysicalType::kNone:
      break;
  }
}

std::string EncodeArray(const std::vector<Value>& elements) {
  std::string out;
  for (const Value& element : elements) AppendArrayElement(element, &out);
  return out;
}

absl::StatusOr<std::vector<Value>> DecodeArray(Type array_type, std::string_view bytes) {
  const Type element = array_type.element();
  std::vector<Value> values;
  size_t pos = 0;
  while (pos < bytes.size()) {
    const char tag = bytes[pos++];
    if (tag == kNullTag) {
      values.push_back(Value::Null(element));
      continue;
    }
    if (tag != kValueTag) return Corrupt();
    auto fixed = [&](size_t width) -> absl::StatusOr<unsigned __int128> {
      if (bytes.size() - pos < width) return Corrupt();
      unsigned __int128 bits = ReadBigEndian(bytes.substr(pos, width));
      pos += width;
      return bits;
    };
    switch (PhysicalTypeOf(element)) {
      case PhysicalType::kInt64: {
        absl::StatusOr<unsigned __int128> bits = fixed(8);
        if (!bits.ok()) return bits.status();
        values.push_back(Value::OfInt64(
            element, static_cast<int64_t>(static_cast<uint64_t>(*bits) ^ (uint64_t{1} << 63))));
        break;
      }
      case PhysicalType::kInt128: {
        absl::StatusOr<unsigned __int128> bits = fixed(16);
        if (!bits.ok()) return bits.status();
        values.push_back(Value::Decimal(
            static_cast<__int128>(*bits ^ (static_cast<unsigned __int128>(1) << 127)), element));
        break;
      }
      case PhysicalType::kDouble: {
        absl::StatusOr<unsigned __int128> bits = fixed(8);
        if (!bits.ok()) return bits.status();
        values.push_back(Value::Double(DoubleFromOrderedBits(static_cast<uint64_t>(*bits))));
        break;
      }
      case PhysicalType::kBool:
        if (pos >= bytes.size()) return Corrupt();
        values.push_back(Value::Boolean(bytes[pos++] != 0));
        break;
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
        values.push_back(Value::OfString(element, text));
        break;
      }
      case PhysicalType::kNone:
        return Corrupt();
    }
  }
  return values;
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

}  // namespace ctq
