// Hashes that identify content: a source log file (so that a moved or
// re-synced file is recognised), a segment file and its footer (so that a
// segment swapped in from another cache is not taken for the listed one).
// XXH3 (libxxhash, docs/decisions.md 18): fast enough to hash every ingested
// byte at memory speed, and stable across builds and machines, which the
// manifest needs (std::hash and absl::Hash are neither).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace ctq {

struct ContentHash {
  uint64_t low = 0;
  uint64_t high = 0;
  bool operator==(const ContentHash&) const = default;
  template <typename H>
  friend H AbslHashValue(H h, const ContentHash& c) {
    return H::combine(std::move(h), c.low, c.high);
  }
};

uint64_t Hash64(std::string_view bytes);
ContentHash Hash128(std::string_view bytes);

// XXH3-128 of a whole file's bytes, read in blocks (opened without
// following a final symlink's FIFO: O_NONBLOCK, and it must be a regular
// file). Errors name the path.
absl::StatusOr<ContentHash> HashFileContent(const std::string& path);

}  // namespace ctq
