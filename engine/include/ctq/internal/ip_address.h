// IPADDRESS values: 16 bytes in network order, an IPv4 address as its
// IPv4-mapped IPv6 form (::ffff:a.b.c.d), as Trino's IpAddressType holds
// them. Byte order is Trino's IPADDRESS order.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ctq {

constexpr size_t kIpAddressBytes = 16;

// Parses an IPv4 dotted quad or an IPv6 address (with `::`, and an embedded
// IPv4 tail). nullopt if `text` is neither.
std::optional<std::string> ParseIpAddress(std::string_view text);

// Trino's text: IPv4-mapped addresses as a dotted quad, others as RFC 5952
// IPv6 ("2001:db8::1").
std::string FormatIpAddress(std::string_view bytes);

// A CIDR prefix "10.0.0.0/8" or "2001:db8::/32": the network's address bytes
// and the prefix length in IPv6 bits (an IPv4 /8 is 96 + 8). nullopt if
// malformed or the length is out of range.
struct IpPrefix {
  std::string address;
  int bits = 0;
};
std::optional<IpPrefix> ParseIpPrefix(std::string_view text);

// Whether `address` (16 bytes) lies in `prefix`.
bool PrefixContains(const IpPrefix& prefix, std::string_view address);

}  // namespace ctq
