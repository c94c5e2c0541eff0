// ctq's columnar cache: ingest CloudTrail logs once into compressed segment
// files, then query the cache (Database::OpenCache) instead of the JSON.
//
//   ctq::CacheIngestReport report =
//       ctq::IngestIntoCache("/var/cache/ctq", {"AWSLogs/"}, {}).value();
//   auto db = ctq::Database::OpenCache("/var/cache/ctq", {}).value();
//
// A cache directory holds a CTQCACHE identity file, a MANIFEST (the
// segments and the source files ingested, with their size, mtime and content
// hash), immutable segment files, and a LOCK file naming the writer's pid.
// ctq creates a cache only in a new or empty directory and refuses any other
// that is not a cache. The layout and the crash-safety argument are in storage/FORMAT.md.
//
// Thread-safety: the functions here may be called from any thread; one
// ingest at a time per cache directory (the LOCK file refuses a second one,
// also from another process). Queries may run while an ingest appends: they
// see the cache as it was before or after it, never half.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ctq/database.h"

namespace ctq {

// The cache directory to use when none is named: $CTQ_CACHE, else
// $HOME/.cache/ctq (else ./.ctq-cache when HOME is unset).
std::string DefaultCacheDir();

// Counters an ingest updates as it goes, for a progress line. Another thread
// may read them at any time.
struct IngestProgress {
  std::atomic<uint64_t> files_total{0};  // files to read (known after discovery)
  std::atomic<uint64_t> bytes_total{0};  // their size on disk
  std::atomic<uint64_t> files_done{0};
  std::atomic<uint64_t> bytes_done{0};
  std::atomic<uint64_t> events{0};
};

class Env;  // storage/env.h

struct CacheIngestOptions {
  // Worker threads; 0 means all cores.
  int threads = 0;
  // The cache directory's file operations; null means the real file system
  // (tests inject faults through it).
  Env* env = nullptr;
  // The memory the ingest may hold; 0 means no limit beyond the per-file
  // defaults (1 GiB, and 100 times the file's size). Each worker may give one
  // file a quarter of its share (MaxFileBytesForMemory): a bigger file is
  // skipped with a reason naming the limit, never allowed to exhaust memory.
  uint64_t memory_limit_bytes = 0;
  // Keep one event per eventID: drop each event whose eventID is in the
  // cache already or earlier in this ingest (CloudTrail may deliver an event
  // twice; Athena counts both, and so does ctq without this). Costs 16 bytes
  // of memory per event in the cache while the ingest runs.
  bool dedup_events = false;
  // Updated while the ingest runs, when not null.
  IngestProgress* progress = nullptr;
};

struct CacheIngestReport {
  // What was read this time: new files only.
  IngestReport read;
  // The paths whose files were considered (the ones given, or the recorded
  // ones when none were given), as absolute paths.
  std::vector<std::string> sources;
  uint64_t files_already_ingested = 0;  // found again, unchanged: not re-read
  // Files at new paths (or with a new mtime) whose content is that of a file
  // ingested before, or of another file of this ingest: a moved or re-synced
  // bucket. Recorded, not read: their events are in the cache once.
  uint64_t files_recognized = 0;
  // CacheIngestOptions::dedup_events: events dropped (not in read.events).
  uint64_t duplicates_dropped = 0;
  // Files ingested before whose content changed since: not re-read (their
  // old events stay; CloudTrail never rewrites a delivered file).
  std::vector<std::string> changed_files;
  uint64_t segments_written = 0;
  uint64_t segment_bytes_written = 0;
  uint64_t cache_events = 0;  // events in the whole cache afterwards
  uint64_t cache_bytes = 0;   // bytes of the whole cache afterwards
  double seconds = 0;
};

// Creates the cache at `cache_dir` if needed and adds the log files under
// `paths` (files or directories) that it does not hold yet. With no paths,
// re-scans the paths recorded by earlier ingests. A bad log file is skipped
// and reported; the rest of the ingest completes. Errors: a path that does not
// exist (NotFound), another ingest holding the cache (FailedPrecondition,
// naming the holder's pid), no paths and nothing recorded (InvalidArgument),
// a damaged manifest (DataLoss), I/O errors.
absl::StatusOr<CacheIngestReport> IngestIntoCache(const std::string& cache_dir,
                                                  const std::vector<std::string>& paths,
                                                  const CacheIngestOptions& options);

// What `ctq info` shows.
struct CacheInfo {
  std::string directory;
  std::vector<std::string> sources;
  uint64_t files = 0;   // distinct files ingested
  uint64_t copies = 0;  // paths found holding a copy of one of them (not read)
  uint64_t events = 0;
  uint64_t segments = 0;
  uint64_t row_groups = 0;
  uint64_t input_bytes = 0;  // the source files' sizes
  uint64_t cache_bytes = 0;  // segments + manifest on disk
  std::string first_event_time;  // "" when the cache is empty
  std::string last_event_time;
  struct Count {
    std::string name;
    uint64_t events = 0;
  };
  std::vector<Count> accounts;  // from the delivery paths; "" = not a delivery path
  std::vector<Count> regions;
  struct ColumnBytes {
    std::string column;
    uint64_t bytes = 0;  // column chunks plus skip index
  };
  std::vector<ColumnBytes> column_bytes;  // largest first
};

// Reads the manifest and the segments' footers (not their column chunks).
absl::StatusOr<CacheInfo> DescribeCache(const std::string& cache_dir);

// What `ctq check` found.
struct CacheCheckReport {
  uint64_t segments = 0;
  uint64_t chunks_verified = 0;
  uint64_t bytes_verified = 0;
  // One line per damaged file or chunk, naming it; empty when all is well.
  std::vector<std::string> problems;
};

// Verifies every checksum of the manifest and of every segment it lists, and
// decodes every column chunk. Damage is listed in `problems`, not returned as
// an error; errors are for a cache that cannot be opened at all.
absl::StatusOr<CacheCheckReport> CheckCache(const std::string& cache_dir);

}  // namespace ctq
