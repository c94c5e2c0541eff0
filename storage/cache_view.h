// A cache opened for queries. Current() returns the table as of the newest
// published manifest: a query takes one snapshot and keeps it (an ingest
// that publishes meanwhile is seen by the next query, never half by this
// one). Segments already open are reused across snapshots; they are
// immutable and never deleted while listed, so a snapshot stays readable.
//
// Thread-safety: safe for concurrent use.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "storage/cache_manifest.h"
#include "storage/row_group.h"
#include "storage/segment_reader.h"

namespace ctq {

// One published state of the cache.
struct CacheSnapshot {
  Manifest manifest;
  std::vector<std::shared_ptr<const SegmentReader>> segments;  // manifest order
  std::shared_ptr<const Table> table;                          // their row groups
};

class CacheView {
 public:
  // NotFound "no cache at DIR" when DIR has no manifest; DataLoss when the
  // manifest or a segment's footer is damaged.
  static absl::StatusOr<std::unique_ptr<CacheView>> Open(const std::string& dir);

  // The newest snapshot, re-reading the manifest if it was replaced.
  absl::StatusOr<std::shared_ptr<const CacheSnapshot>> Current();

  const std::string& dir() const { return dir_; }

 private:
  explicit CacheView(std::string dir) : dir_(std::move(dir)) {}
  absl::Status Load();  // REQUIRES: mutex_ held

  const std::string dir_;
  std::mutex mutex_;
  ManifestIdentity identity_;
  std::shared_ptr<const CacheSnapshot> snapshot_;
  absl::flat_hash_map<std::string, std::shared_ptr<const SegmentReader>> open_segments_;
};

// Opens the segment `segment` of the cache in `dir` and checks it against
// what the manifest says (size, row groups, events, footer hash): DataLoss
// naming the file when they disagree (a truncated, swapped or crafted file).
absl::StatusOr<std::shared_ptr<const SegmentReader>> OpenListedSegment(
    const std::string& dir, const ManifestSegment& segment, Env* env = Env::Default());

}  // namespace ctq
