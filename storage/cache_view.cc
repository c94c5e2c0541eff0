#include "storage/cache_view.h"

#include <sys/stat.h>

#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
#include "storage/cache_directory.h"

namespace ctq {

absl::StatusOr<std::shared_ptr<const SegmentReader>> OpenListedSegment(
    const std::string& dir, const ManifestSegment& segment, Env* env) {
  const std::string path = dir + "/" + segment.name;
  absl::StatusOr<std::unique_ptr<SegmentReader>> reader = SegmentReader::Open(path, env);
  if (!reader.ok()) {
    if (absl::IsNotFound(reader.status())) {
      return absl::DataLossError(StrCat("segment ", path, ": listed in the manifest but missing"));
    }
    return reader.status();
  }
  if ((*reader)->file_size() != segment.bytes) {
    return absl::DataLossError(StrCat("segment ", path, ": ", (*reader)->file_size(),
                                      " bytes, the manifest says ", segment.bytes));
  }
  const uint64_t events = (*reader)->total_rows();
  if ((*reader)->row_group_count() != segment.row_groups || events != segment.events) {
    return absl::DataLossError(StrCat("segment ", path, ": ", (*reader)->row_group_count(),
                                      " row groups of ", events,
                                      " events, the manifest says ", segment.row_groups, " of ",
                                      segment.events));
  }
  if ((*reader)->footer_hash() != segment.footer_hash) {
    return absl::DataLossError(
        StrCat("segment ", path, ": not the segment the manifest lists (its footer's hash "
               "differs: a segment of another cache, or one rewritten since)"));
  }
  return std::shared_ptr<const SegmentReader>(std::move(*reader));
}

namespace {

// Whether an open reader still reads what the manifest lists under its name:
// the same file (a cache deleted and rebuilt reuses names) of the listed size
// and events.
bool IsSameListedFile(const std::string& dir, const ManifestSegment& segment,
                      const SegmentReader& reader) {
  struct stat info;
  if (::lstat((dir + "/" + segment.name).c_str(), &info) != 0) return false;
  if (static_cast<uint64_t>(info.st_dev) != reader.device() ||
      static_cast<uint64_t>(info.st_ino) != reader.inode() ||
      reader.file_size() != segment.bytes || reader.row_group_count() != segment.row_groups ||
      reader.footer_hash() != segment.footer_hash) {
    return false;
  }
  return reader.total_rows() == segment.events;
}

}  // namespace

absl::StatusOr<std::unique_ptr<CacheView>> CacheView::Open(const std::string& dir) {
  std::unique_ptr<CacheView> view(new CacheView(dir));
  std::lock_guard<std::mutex> lock(view->mutex_);
  CTQ_RETURN_IF_ERROR(view->Load());
  return view;
}

absl::StatusOr<std::shared_ptr<const CacheSnapshot>> CacheView::Current() {
  std::lock_guard<std::mutex> lock(mutex_);
  absl::StatusOr<ManifestIdentity> identity = StatManifest(dir_);
  if (identity.ok() && *identity == identity_) return snapshot_;
  CTQ_RETURN_IF_ERROR(Load());
  return snapshot_;
}

absl::Status CacheView::Load() {
  ManifestIdentity identity;
  CTQ_ASSIGN_OR_RETURN(Manifest manifest, ReadCacheManifest(dir_, &identity));
  auto snapshot = std::make_shared<CacheSnapshot>();
  auto table = std::make_shared<Table>();
  absl::flat_hash_map<std::string, std::shared_ptr<const SegmentReader>> open;
  for (const ManifestSegment& segment : manifest.segments) {
    std::shared_ptr<const SegmentReader> reader;
    if (auto it = open_segments_.find(segment.name);
        it != open_segments_.end() && IsSameListedFile(dir_, segment, *it->second)) {
      reader = it->second;
    } else {
      CTQ_ASSIGN_OR_RETURN(reader, OpenListedSegment(dir_, segment));
    }
    for (uint32_t g = 0; g < reader->row_group_count(); g++) {
      table->stored_groups.push_back(
          StoredRowGroup{.segment = reader, .group = g, .row_count = reader->row_count(g)});
    }
    snapshot->segments.push_back(reader);
    open[segment.name] = std::move(reader);
  }
  snapshot->manifest = std::move(manifest);
  snapshot->table = std::move(table);
  // Only now, all segments having opened, does the new state replace the old.
  open_segments_ = std::move(open);
  snapshot_ = std::move(snapshot);
  identity_ = identity;
  return absl::OkStatus();
}

}  // namespace ctq
