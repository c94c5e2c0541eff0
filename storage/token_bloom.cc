#include "storage/token_bloom.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <utility>

namespace ctq {
namespace {

// The murmur3 64-bit finaliser: spreads every input bit over the output.
uint64_t Mix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

// Calls on_token(start, length) for each maximal run of word bytes of `text`.
template <typename OnRun>
void ForEachRun(std::string_view text, OnRun on_run) {
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    while (i < n && !IsTokenByte(static_cast<unsigned char>(text[i]))) i++;
    size_t start = i;
    while (i < n && IsTokenByte(static_cast<unsigned char>(text[i]))) i++;
    if (i > start) on_run(start, i - start);
  }
}

}  // namespace

uint64_t TokenBloom::TokenKey(std::string_view token) {
  // FNV-1a 64 seeded by the key kind, then the finaliser.
  uint64_t h = 0xcbf29ce484222325ULL ^ 'T';
  for (char c : token) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return Mix64(h);
}

uint64_t TokenBloom::GramKey(const char* gram) {
  static_assert(kTokenGramLength == 5);
  // The 5 bytes little-endian, below the kind byte: one 4-byte load and one
  // byte (never reading past the gram).
  uint32_t low;
  std::memcpy(&low, gram, 4);
  if constexpr (std::endian::native != std::endian::little) low = __builtin_bswap32(low);
  uint64_t h = uint64_t{'G'} << 56 | uint64_t{static_cast<unsigned char>(gram[4])} << 32 | low;
  return Mix64(h);
}

TokenBloom::TokenBloom(uint32_t num_bits, int num_hashes, std::string bits)
    : num_bits_(num_bits), num_hashes_(num_hashes), bits_(std::move(bits)) {}

bool TokenBloom::IsValidShape(uint32_t num_bits, int num_hashes) {
  if (num_hashes < 1 || num_hashes > kTokenBloomMaxHashes) return false;
  if (num_bits == 0) return true;
  return std::has_single_bit(num_bits) && num_bits >= kTokenBloomMinBits &&
         num_bits <= kTokenBloomMaxBits;
}

bool TokenBloom::Probe(uint64_t key) const {
  if (num_bits_ == 0) return false;
  // Double hashing: probe i is (key + i * delta) mod num_bits.
  const uint64_t mask = num_bits_ - 1;
  const uint64_t delta = (key >> 32) | 1;
  uint64_t h = key;
  for (int i = 0; i < num_hashes_; i++) {
    uint64_t bit = h & mask;
    if ((static_cast<unsigned char>(bits_[bit >> 3]) & (1u << (bit & 7))) == 0) return false;
    h += delta;
  }
  return true;
}

bool TokenBloom::MayContain(std::string_view literal) const {
  bool may = true;
  ForEachRun(literal, [&](size_t start, size_t length) {
    if (!may) return;
    bool whole = start > 0 && start + length < literal.size();
    if (whole) {
      may = Probe(TokenKey(literal.substr(start, length)));
      return;
    }
    for (size_t g = start; g + kTokenGramLength <= start + length && may; g++) {
      may = Probe(GramKey(literal.data() + g));
    }
  });
  return may;
}

void TokenBloomBuilder::Insert(uint64_t key) {
  // Key 0 is a valid key but also the memo's empty slot: it just always
  // goes to the set.
  uint64_t& slot = memo_[key & (kMemoSize - 1)];
  if (slot == key && key != 0) return;
  slot = key;
  keys_.insert(key);
}

void TokenBloomBuilder::Add(std::string_view value) {
  if (memo_ == nullptr) memo_ = std::make_unique<uint64_t[]>(kMemoSize);
  ForEachRun(value, [&](size_t start, size_t length) {
    Insert(TokenBloom::TokenKey(value.substr(start, length)));
    for (size_t g = start; g + kTokenGramLength <= start + length; g++) {
      Insert(TokenBloom::GramKey(value.data() + g));
    }
  });
}

TokenBloom TokenBloomBuilder::Build(double bits_per_key, uint64_t max_bits) const {
  if (keys_.empty()) return TokenBloom(0, 1, std::string());
  double wanted = bits_per_key * static_cast<double>(keys_.size());
  wanted = std::min(wanted, static_cast<double>(std::min<uint64_t>(max_bits, kTokenBloomMaxBits)));
  wanted = std::max(wanted, static_cast<double>(kTokenBloomMinBits));
  // The nearest power of two (by ratio) to what is wanted.
  uint32_t num_bits = std::bit_floor(static_cast<uint32_t>(wanted));
  if (wanted > 1.5 * num_bits && num_bits < kTokenBloomMaxBits &&
      uint64_t{num_bits} * 2 <= std::max<uint64_t>(max_bits, kTokenBloomMinBits)) {
    num_bits *= 2;
  }
  // The optimal probe count for the bits actually spent per key.
  double actual_bits_per_key = static_cast<double>(num_bits) / static_cast<double>(keys_.size());
  int num_hashes = static_cast<int>(std::lround(actual_bits_per_key * 0.69));
  num_hashes = std::clamp(num_hashes, 1, 8);
  std::string bits(num_bits / 8, '\0');
  const uint64_t mask = num_bits - 1;
  for (uint64_t key : keys_) {
    const uint64_t delta = (key >> 32) | 1;
    uint64_t h = key;
    for (int i = 0; i < num_hashes; i++) {
      uint64_t bit = h & mask;
      bits[bit >> 3] = static_cast<char>(static_cast<unsigned char>(bits[bit >> 3]) | (1u << (bit & 7)));
      h += delta;
    }
  }
  return TokenBloom(num_bits, num_hashes, std::move(bits));
}

}  // namespace ctq
