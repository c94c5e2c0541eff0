#pragma once

// ctqgen's entry point as a library: plans the files of a run, writes them in parallel, then
// writes the digests.
//
// Output depends only on the options other than `threads` and `quiet`: every file draws from
// an Rng derived from (seed, file index), so any number of threads writes the same bytes.

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace ctq::gen {

struct GeneratorOptions {
  std::string out_dir;
  int64_t events = 0;
  uint64_t seed = 1;
  int64_t start_day = 0;  // Days since the epoch, inclusive.
  int64_t end_day = 0;    // Exclusive.
  int accounts = 3;
  int regions = 4;
  int64_t events_per_file = 200;  // Mean events per log file.
  bool gzip = true;
  bool incident = true;
  int threads = 0;  // 0: one per hardware thread.
};

struct GeneratorSummary {
  int64_t log_files = 0;
  int64_t digest_files = 0;
  int64_t events = 0;
  int64_t planted_events = 0;
  int64_t bytes = 0;  // Bytes written, log and digest files together.
  double seconds = 0;
};

// Checks ranges (events >= 0, end_day > start_day, 1 <= regions <= MaxRegions(), ...).
absl::Status ValidateOptions(const GeneratorOptions& options);

// Writes the run under options.out_dir (creating folders as needed). Planted incident events
// are included only when options.incident is set, they fall inside the date range and there
// are at least as many events requested as planted ones.
absl::StatusOr<GeneratorSummary> Generate(const GeneratorOptions& options);

}  // namespace ctq::gen
