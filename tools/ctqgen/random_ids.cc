#include "tools/ctqgen/random_ids.h"

namespace ctq::gen {
namespace {

void AppendFromAlphabet(Rng& rng, std::string_view alphabet, int count, std::string* out) {
  // One 64-bit draw yields several characters; 6 bits each covers alphabets up to 64 letters.
  uint64_t bits = 0;
  int bits_left = 0;
  for (int i = 0; i < count; ++i) {
    if (bits_left < 12) {
      bits = rng.Next();
      bits_left = 64;
    }
    // Scale 12 random bits onto the alphabet to keep the bias small for sizes like 36 or 62.
    const uint64_t chunk = bits & 0xfff;
    bits >>= 12;
    bits_left -= 12;
    out->push_back(alphabet[(chunk * alphabet.size()) >> 12]);
  }
}

constexpr std::string_view kHexDigits = "0123456789abcdef";

}  // namespace

bool ContainsReservedId(std::string_view text) {
  for (std::string_view id : kReservedIds) {
    if (text.find(id) != std::string_view::npos) return true;
  }
  return false;
}

void AppendHex(Rng& rng, int count, std::string* out) {
  uint64_t bits = 0;
  for (int i = 0; i < count; ++i) {
    if (i % 16 == 0) bits = rng.Next();
    out->push_back(kHexDigits[bits & 15]);
    bits >>= 4;
  }
}

void AppendUuid(Rng& rng, std::string* out) {
  uint64_t high = rng.Next();
  uint64_t low = rng.Next();
  char text[36];
  int pos = 0;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) text[pos++] = '-';
    unsigned nibble;
    if (i < 16) {
      nibble = static_cast<unsigned>(high >> 60);
      high <<= 4;
    } else {
      nibble = static_cast<unsigned>(low >> 60);
      low <<= 4;
    }
    if (i == 12) nibble = 4;                 // version 4
    if (i == 16) nibble = 8 | (nibble & 3);  // RFC 4122 variant
    text[pos++] = kHexDigits[nibble];
  }
  out->append(text, sizeof(text));
}

void AppendUpperAlnum(Rng& rng, int count, std::string* out) {
  AppendFromAlphabet(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", count, out);
}

void AppendIamIdChars(Rng& rng, int count, std::string* out) {
  AppendFromAlphabet(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", count, out);
}

void AppendAlnum(Rng& rng, int count, std::string* out) {
  AppendFromAlphabet(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", count,
                     out);
}

void AppendBase64(Rng& rng, int count, std::string* out) {
  AppendFromAlphabet(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", count,
                     out);
}

void AppendPublicIpv4(Rng& rng, std::string* out) {
  int first;
  int second;
  do {
    first = static_cast<int>(rng.Between(1, 223));
    second = static_cast<int>(rng.Below(256));
  } while (first == 10 || first == 127 || first == 0 ||
           (first == 172 && second >= 16 && second < 32) || (first == 192 && second == 168) ||
           (first == 100 && second >= 64 && second < 128) || (first == 169 && second == 254));
  out->append(std::to_string(first));
  out->push_back('.');
  out->append(std::to_string(second));
  out->push_back('.');
  out->append(std::to_string(rng.Below(256)));
  out->push_back('.');
  out->append(std::to_string(rng.Between(1, 254)));
}

void AppendSafeResourceId(Rng& rng, std::string_view prefix, int hex_digits, std::string* out) {
  const size_t start = out->size();
  while (true) {
    out->append(prefix);
    AppendHex(rng, hex_digits, out);
    if (!ContainsReservedId(std::string_view(*out).substr(start))) return;
    out->resize(start);
  }
}

}  // namespace ctq::gen
