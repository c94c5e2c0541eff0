#pragma once

// Deterministic pseudo-random numbers for ctqgen.
//
// ctqgen must write identical bytes for the same seed on every machine and with any number of
// threads. std:: distributions are implementation-defined, so every draw here uses only integer
// arithmetic: splitmix64 to expand seeds and xoshiro256** as the generator.

#include <cstdint>

namespace ctq::gen {

// Advances *state and returns the next splitmix64 output. Used to derive independent seeds.
inline uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Named streams, so that the plan, each file and each digest draw from unrelated sequences.
enum class RngStream : uint64_t {
  kPlan = 1,
  kAccounts = 2,
  kLogFile = 3,
  kDigest = 4,
};

// xoshiro256** generator. A value type: copy it to fork a sequence. Not thread-safe; each
// worker owns its own instance.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    uint64_t state = seed;
    for (uint64_t& word : s_) word = SplitMix64(&state);
  }

  // A generator for item `index` of `stream` under the user's `seed`. Two different
  // (stream, index) pairs give unrelated sequences.
  static Rng For(uint64_t seed, RngStream stream, uint64_t index) {
    uint64_t state = seed;
    uint64_t a = SplitMix64(&state);
    state = a ^ (static_cast<uint64_t>(stream) * 0xd1342543de82ef95ULL);
    uint64_t b = SplitMix64(&state);
    state = b ^ index;
    return Rng(SplitMix64(&state));
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n). REQUIRES: n > 0. Multiply-shift has a bias below 2^-40 for the small n
  // used here, which does not matter for test data and keeps the draw count fixed.
  uint64_t Below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
  }

  // Uniform in [lo, hi]. REQUIRES: lo <= hi.
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }

  // True with probability per_mille / 1000.
  bool PerMille(uint32_t per_mille) { return Below(1000) < per_mille; }

  // True with probability percent / 100.
  bool Percent(uint32_t percent) { return Below(100) < percent; }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  uint64_t s_[4];
};

}  // namespace ctq::gen
