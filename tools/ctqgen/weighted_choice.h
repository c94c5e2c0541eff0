#pragma once

// Picks an index with probability proportional to an integer weight.
//
// Integer weights keep the draw bit-identical on every platform (no floating point).

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <vector>

#include "tools/ctqgen/prng.h"

namespace ctq::gen {

// Immutable after construction, so one instance may be shared by all worker threads.
class WeightedChoice {
 public:
  WeightedChoice() = default;
  WeightedChoice(std::initializer_list<uint32_t> weights) {
    for (uint32_t w : weights) Add(w);
  }

  void Add(uint32_t weight) {
    total_ += weight;
    cumulative_.push_back(total_);
  }

  // Returns an index in [0, size()). REQUIRES: the total weight is positive.
  size_t Pick(Rng& rng) const {
    const uint64_t x = rng.Below(total_);
    return static_cast<size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), x) -
                               cumulative_.begin());
  }

  size_t size() const { return cumulative_.size(); }
  uint64_t total() const { return total_; }

 private:
  std::vector<uint64_t> cumulative_;
  uint64_t total_ = 0;
};

// Weights 1/(rank+1), scaled to integers: a Zipf law with exponent 1, so the first few
// entries get most of the draws.
inline WeightedChoice ZipfChoice(size_t count) {
  WeightedChoice choice;
  for (size_t rank = 0; rank < count; ++rank) {
    choice.Add(static_cast<uint32_t>(1000000 / (rank + 1)));
  }
  return choice;
}

}  // namespace ctq::gen
