// A per-row-group skip index for `LIKE '%literal%'` over the free-form JSON
// columns (requestparameters, responseelements, ...): a bloom filter of the
// column's tokens and of the 5-byte grams inside them, in the spirit of
// ClickHouse's tokenbf/ngrambf indexes.
//
// Tokens. A *word byte* is [A-Za-z0-9_] or any byte >= 0x80 (so UTF-8 text
// stays inside words). A *token* of a value is a maximal run of word bytes.
// For every non-NULL value the filter holds
//   - each token, as a whole (key kind 'T'), and
//   - each 5-byte substring of each token (key kind 'G').
// Matching is byte-exact (case-sensitive), like LIKE.
//
// Lookup rule for a literal L (one run of pattern text with no % or _):
// split L into maximal runs of word bytes. A run with a non-word byte of L on
// both sides is a *whole* token: its 'T' key must be present. A run that
// touches the start or the end of L may be only part of a longer token in the
// data, so only its 5-byte grams ('G' keys) must be present (none when it is
// shorter than 5). If any required key is absent, no value contains L.
//
// Why there are no false negatives: if a value v contains L at offset p, run
// r of L at offset q is the byte range v[p+q, p+q+|r|), which lies inside one
// token t of v (it is all word bytes). If r has non-word bytes on both sides
// in L, those bytes are also around it in v, so r == t and 'T'(r) was
// inserted. Every 5-gram of r is a 5-gram of t, so its 'G' key was inserted.
// A bloom filter never forgets an inserted key.
//
// Example: `%sg-5887f224%` needs the grams "5887f", "887f2", "87f22", "7f224"
// (both runs touch an end of the literal; "sg" is too short), which rejects
// most row groups that lack that security group.
//
// Why 5-byte grams: IDs in CloudTrail are hex. There are only 16^4 hex
// 4-grams, so a row group with tens of thousands of IDs holds most of them
// and 4-grams would prune little; 16^5 leaves room, while a literal run still
// needs only 5 bytes to be checkable.
//
// Thread-safety: TokenBloom is immutable after construction and safe to share;
// TokenBloomBuilder is not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_set.h"

namespace ctq {

inline constexpr int kTokenGramLength = 5;
// Limits the format puts on a filter (FORMAT.md).
inline constexpr uint32_t kTokenBloomMinBits = 64;
inline constexpr uint32_t kTokenBloomMaxBits = uint32_t{1} << 27;
inline constexpr int kTokenBloomMaxHashes = 16;

inline bool IsTokenByte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         c == '_' || c >= 0x80;
}

// An immutable bloom filter of token keys.
class TokenBloom {
 public:
  // The empty filter: no value had any token.
  TokenBloom() = default;
  // REQUIRES: IsValidShape(num_bits, num_hashes) and bits.size() == num_bits / 8.
  TokenBloom(uint32_t num_bits, int num_hashes, std::string bits);

  // True when (num_bits, num_hashes) is a shape the format allows: num_bits is
  // 0 or a power of two in [kTokenBloomMinBits, kTokenBloomMaxBits], and
  // num_hashes is in [1, kTokenBloomMaxHashes].
  static bool IsValidShape(uint32_t num_bits, int num_hashes);

  // False only if no value of the row group can contain `literal` as a
  // substring (see the rule above). The empty literal may always match.
  bool MayContain(std::string_view literal) const;

  uint32_t num_bits() const { return num_bits_; }
  int num_hashes() const { return num_hashes_; }
  const std::string& bits() const { return bits_; }

  // Key hashes, fixed by the file format.
  static uint64_t TokenKey(std::string_view token);
  static uint64_t GramKey(const char* gram);  // kTokenGramLength bytes

 private:
  bool Probe(uint64_t key) const;

  uint32_t num_bits_ = 0;
  int num_hashes_ = 0;
  std::string bits_;
};

// Collects the keys of a column's values, then sizes and fills a filter.
class TokenBloomBuilder {
 public:
  void Add(std::string_view value);
  size_t distinct_keys() const { return keys_.size(); }
  // A filter with about `bits_per_key` bits per distinct key, but at most
  // `max_bits` bits (rounded to a power of two and clamped to the format's
  // limits). A smaller filter only means more false positives.
  TokenBloom Build(double bits_per_key, uint64_t max_bits = kTokenBloomMaxBits) const;

 private:
  void Insert(uint64_t key);

  absl::flat_hash_set<uint64_t> keys_;
  // A direct-mapped memo of keys inserted lately. JSON text repeats its keys
  // ("groupId", "instanceId", ...) in every row; the memo turns most of those
  // repeats into one compare instead of a hash-set probe (measured: the set
  // was ~15% of ingest time).
  static constexpr size_t kMemoSize = 4096;
  std::unique_ptr<uint64_t[]> memo_;
};

}  // namespace ctq
