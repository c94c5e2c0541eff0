#pragma once

// CloudTrail-Digest files: one per account, region and day, listing that day's log files.
//
// Real digests carry SHA-256 hashes and RSA signatures. ctq never validates them, so ctqgen
// fills those members with PRNG hex of the right length; only the structure is realistic.
// Digest files are not events and must not be read as such.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tools/ctqgen/account_pool.h"
#include "tools/ctqgen/file_plan.h"
#include "tools/ctqgen/output_file.h"

namespace ctq::gen {

// What a worker reports about a log file it wrote.
struct WrittenLogFile {
  std::string key;  // Relative to the output folder.
  int64_t oldest_event = 0;
  int64_t newest_event = 0;
  std::string hash;  // 64 hex digits standing in for the SHA-256 of the file.
  int64_t bytes = 0;
};

struct DigestPlan {
  uint32_t account = 0;
  uint32_t region = 0;
  int64_t day = 0;                // Days since the epoch.
  std::vector<size_t> log_files;  // Indices into the plan, in delivery order.
};

// Groups the planned files by account, region and delivery day. Deterministic order.
std::vector<DigestPlan> PlanDigests(const std::vector<PlannedFile>& files);

// Writes every digest under `out_dir`, chaining each to the previous digest of the same
// account and region. REQUIRES: written[i] describes files[i]; the digest folders exist.
// Returns the bytes written.
absl::StatusOr<int64_t> WriteDigests(const std::string& out_dir, uint64_t seed, bool gzip,
                                     const AccountPool& pool,
                                     const std::vector<DigestPlan>& digests,
                                     const std::vector<WrittenLogFile>& written,
                                     OutputFileWriter& writer);

// The time a digest of `day` ends at, which names it.
int64_t DigestEndTime(int64_t day);

}  // namespace ctq::gen
