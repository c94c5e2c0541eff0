#pragma once

// Generates the background traffic: one random but realistic CloudTrail record at a time.

#include <cstdint>
#include <string_view>

#include "tools/ctqgen/account_pool.h"
#include "tools/ctqgen/event_scratch.h"
#include "tools/ctqgen/json_writer.h"
#include "tools/ctqgen/prng.h"

namespace ctq::gen {

// Owns per-worker scratch buffers; not thread-safe. `pool` must outlive the writer.
class RandomEventWriter {
 public:
  explicit RandomEventWriter(const AccountPool& pool) : pool_(pool) {}

  RandomEventWriter(const RandomEventWriter&) = delete;
  RandomEventWriter& operator=(const RandomEventWriter&) = delete;

  // Appends one event of `account` in `region` at `time` (seconds since the epoch).
  // The identity mix is about 55% IAMUser, 25% AssumedRole, 15% AWSService, 3% Root, 1%
  // FederatedUser and 1% untyped AwsServiceEvent; ~0.5% are ConsoleLogin and ~4% fail.
  void Write(const Account& account, std::string_view region, int64_t time, Rng& rng,
             JsonWriter& json);

  EventScratch* scratch() { return &scratch_; }

 private:
  void WriteRandomConsoleLogin(const Account& account, std::string_view region, int64_t time,
                               bool root, Rng& rng, JsonWriter& json);

  const AccountPool& pool_;
  EventScratch scratch_;
};

}  // namespace ctq::gen
