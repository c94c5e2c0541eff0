#pragma once

// Random identifiers in the shapes AWS uses: UUIDs, hex resource ids, IAM unique ids, access
// keys, S3 request ids, public IPv4 addresses.
//
// All functions append to `out` and draw only from the given Rng, so output is reproducible.

#include <cstdint>
#include <string>
#include <string_view>

#include "tools/ctqgen/prng.h"

namespace ctq::gen {

// Resource ids owned by the planted incident. Random generation never produces a string that
// contains one of them, so the blog's LIKE '%sg-5887f224%' query finds only planted events.
inline constexpr std::string_view kReservedIds[] = {"sg-5887f224", "sg-e214609e", "eni-6c5ca5a8"};

// True if `text` contains any of kReservedIds.
bool ContainsReservedId(std::string_view text);

// Lowercase UUID version 4, "0f8fad5b-d9cb-469f-a165-70867728950e".
void AppendUuid(Rng& rng, std::string* out);
// `count` lowercase hex digits.
void AppendHex(Rng& rng, int count, std::string* out);
// `count` characters of [A-Z0-9], like S3 request ids "JQKQYG847JZ8WKBS".
void AppendUpperAlnum(Rng& rng, int count, std::string* out);
// `count` characters of [A-Z2-7], the alphabet of IAM unique ids (AIDA..., AROA...).
void AppendIamIdChars(Rng& rng, int count, std::string* out);
// `count` characters of [A-Za-z0-9], like the random suffix of log file names.
void AppendAlnum(Rng& rng, int count, std::string* out);
// `count` characters of the base64 alphabet (no padding), like S3's x-amz-id-2.
void AppendBase64(Rng& rng, int count, std::string* out);
// A public unicast IPv4 address (never 10/8, 127/8, 172.16/12, 192.168/16, 0/8 or >= 224).
void AppendPublicIpv4(Rng& rng, std::string* out);

// Appends `prefix` followed by `hex_digits` hex digits, redrawing whenever the result would
// contain a reserved id. Use for every sg-/eni- id outside the planted incident.
void AppendSafeResourceId(Rng& rng, std::string_view prefix, int hex_digits, std::string* out);

}  // namespace ctq::gen
