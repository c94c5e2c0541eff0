#include "ctq/internal/ip_address.h"

#include <cstdint>
#include <vector>

#include "absl/strings/str_cat.h"

namespace ctq {
namespace {

constexpr unsigned char kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};

// a.b.c.d with each part 0..255 in decimal, no leading zeros beyond "0"
// (Guava's InetAddresses, which Trino uses, rejects "01").
bool ParseIpv4(std::string_view text, unsigned char out[4]) {
  int part = 0;
  size_t pos = 0;
  while (part < 4) {
    size_t start = pos;
    int value = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && pos - start < 3) {
      value = value * 10 + (text[pos] - '0');
      pos++;
    }
    const size_t digits = pos - start;
    if (digits == 0 || value > 255 || (digits > 1 && text[start] == '0')) return false;
    out[part++] = static_cast<unsigned char>(value);
    if (part < 4) {
      if (pos >= text.size() || text[pos] != '.') return false;
      pos++;
    }
  }
  return pos == text.size();
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool ParseIpv6(std::string_view text, unsigned char out[16]) {
  std::vector<uint16_t> head, tail;
  bool seen_gap = false;
  size_t pos = 0;
  if (text.substr(0, 2) == "::") {
    seen_gap = true;
    pos = 2;
  } else if (!text.empty() && text[0] == ':') {
    return false;
  }
  unsigned char ipv4[4];
  bool has_ipv4 = false;
  while (pos < text.size()) {
    // An embedded IPv4 tail ("::ffff:1.2.3.4").
    size_t next_colon = text.find(':', pos);
    std::string_view group = text.substr(pos, next_colon == std::string_view::npos
                                                  ? std::string_view::npos
                                                  : next_colon - pos);
    if (next_colon == std::string_view::npos && group.find('.') != std::string_view::npos) {
      if (!ParseIpv4(group, ipv4)) return false;
      has_ipv4 = true;
      pos = text.size();
      break;
    }
    if (group.empty() || group.size() > 4) return false;
    uint16_t value = 0;
    for (char c : group) {
      const int digit = HexDigit(c);
      if (digit < 0) return false;
      value = static_cast<uint16_t>(value * 16 + digit);
    }
    (seen_gap ? tail : head).push_back(value);
    pos += group.size();
    if (pos == text.size()) break;
    pos++;  // the ':'
    if (pos < text.size() && text[pos] == ':') {
      if (seen_gap) return false;
      seen_gap = true;
      pos++;
    } else if (pos == text.size()) {
      return false;  // a trailing single ':'
    }
  }
  const size_t groups = head.size() + tail.size() + (has_ipv4 ? 2 : 0);
  if (seen_gap ? groups > 7 : groups != 8) return false;
  std::vector<uint16_t> all = head;
  all.resize(8 - tail.size() - (has_ipv4 ? 2 : 0), 0);
  all.insert(all.end(), tail.begin(), tail.end());
  for (size_t i = 0; i < all.size(); i++) {
    out[2 * i] = static_cast<unsigned char>(all[i] >> 8);
    out[2 * i + 1] = static_cast<unsigned char>(all[i] & 0xFF);
  }
  if (has_ipv4) {
    for (int i = 0; i < 4; i++) out[12 + i] = ipv4[i];
  }
  return true;
}

}  // namespace

std::optional<std::string> ParseIpAddress(std::string_view text) {
  unsigned char bytes[16] = {};
  unsigned char ipv4[4];
  if (ParseIpv4(text, ipv4)) {
    for (int i = 0; i < 12; i++) bytes[i] = kMappedPrefix[i];
    for (int i = 0; i < 4; i++) bytes[12 + i] = ipv4[i];
  } else if (!ParseIpv6(text, bytes)) {
    return std::nullopt;
  }
  return std::string(reinterpret_cast<const char*>(bytes), sizeof bytes);
}

std::string FormatIpAddress(std::string_view bytes) {
  if (bytes.size() != kIpAddressBytes) return "<malformed ipaddress>";
  const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
  bool mapped = true;
  for (int i = 0; i < 12; i++) mapped &= b[i] == kMappedPrefix[i];
  if (mapped) return absl::StrCat(b[12], ".", b[13], ".", b[14], ".", b[15]);
  uint16_t groups[8];
  for (int i = 0; i < 8; i++) groups[i] = static_cast<uint16_t>(b[2 * i] << 8 | b[2 * i + 1]);
  // RFC 5952: the longest run (the first of equal ones) of two or more zero
  // groups becomes "::"; hex in lower case without leading zeros.
  int best_start = -1, best_length = 0;
  for (int i = 0; i < 8;) {
    if (groups[i] != 0) {
      i++;
      continue;
    }
    int j = i;
    while (j < 8 && groups[j] == 0) j++;
    if (j - i > best_length && j - i >= 2) {
      best_start = i;
      best_length = j - i;
    }
    i = j;
  }
  std::string out;
  for (int i = 0; i < 8; i++) {
    if (i == best_start) {
      out += "::";
      i += best_length - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ":";
    absl::StrAppend(&out, absl::Hex(groups[i]));
  }
  return out;
}

std::optional<IpPrefix> ParseIpPrefix(std::string_view text) {
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::optional<std::string> address = ParseIpAddress(text.substr(0, slash));
  if (!address.has_value()) return std::nullopt;
  std::string_view length_text = text.substr(slash + 1);
  if (length_text.empty() || length_text.size() > 3) return std::nullopt;
  int length = 0;
  for (char c : length_text) {
    if (c < '0' || c > '9') return std::nullopt;
    length = length * 10 + (c - '0');
  }
  const bool is_ipv4 = text.substr(0, slash).find(':') == std::string_view::npos;
  if (length > (is_ipv4 ? 32 : 128)) return std::nullopt;
  IpPrefix prefix{*std::move(address), is_ipv4 ? 96 + length : length};
  // The network address: host bits cleared, as Trino's IPPREFIX cast does.
  for (int bit = prefix.bits; bit < 128; bit++) {
    prefix.address[bit / 8] = static_cast<char>(prefix.address[bit / 8] & ~(0x80 >> (bit % 8)));
  }
  return prefix;
}

bool PrefixContains(const IpPrefix& prefix, std::string_view address) {
  if (address.size() != kIpAddressBytes) return false;
  for (int bit = 0; bit < prefix.bits; bit++) {
    const int mask = 0x80 >> (bit % 8);
    if ((address[bit / 8] & mask) != (prefix.address[bit / 8] & mask)) return false;
  }
  return true;
}

}  // namespace ctq
