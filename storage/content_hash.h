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
#include "storage/env.h"

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

// XXH3-128 (HashFileContent) or XXH3-64 (HashFile64, as Hash64 of the
// whole file) of a file's bytes, read a MiB at a time through `env` (so never
// through a symlink, never waiting on a FIFO: Env::OpenForRead). Errors name
// the path.
absl::StatusOr<ContentHash> HashFileContent(Env* env, const std::string& path);
absl::StatusOr<uint64_t> HashFile64(Env* env, const std::string& path);

}  // namespace ctq
