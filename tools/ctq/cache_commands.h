// `ctq ingest`, `ctq info` and `ctq check`: the cache's commands, over the
// public cache API (ctq/cache.h).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "ctq/cache.h"

namespace ctq {

struct IngestCommandSettings {
  std::string cache_dir;
  std::vector<std::string> paths;
  int threads = 0;
  uint64_t memory_limit_bytes = 0;  // 0: the default, as for queries
  bool dedup = false;               // CacheIngestOptions::dedup_events
  bool quiet = false;
  bool progress = false;  // draw a progress line (stderr is a terminal)
};

// Each returns the process exit code (kExitOk / kExitFailure).
int RunIngestCommand(const IngestCommandSettings& settings, std::ostream& out, std::ostream& err);
int RunInfoCommand(const std::string& cache_dir, std::ostream& out, std::ostream& err);
int RunCheckCommand(const std::string& cache_dir, std::ostream& out, std::ostream& err);

// "1.5 GB", "12.3 MB", "512 B" (decimal units, as disks are sold).
std::string FormatBytes(uint64_t bytes);

// The progress line for `progress` after `seconds`, without '\r' or newline:
// "1,234/5,678 files  456,789 events  45.6 MB/s  ETA 0:12".
std::string ProgressLine(const IngestProgress& progress, double seconds);

}  // namespace ctq
