// DescribeCache (ctq/cache.h): what `ctq info` shows, from the manifest and
// the segments' footers only (no column chunk is read).
#include <algorithm>
#include <map>

#include "ctq/cache.h"
#include "ctq/internal/status_macros.h"
#include "storage/cache_view.h"
#include "storage/cloudtrail_schema.h"
#include "storage/delivery_path.h"

namespace ctq {
namespace {

std::vector<CacheInfo::Count> SortedCounts(const std::map<std::string, uint64_t>& counts) {
  std::vector<CacheInfo::Count> out;
  for (const auto& [name, events] : counts) out.push_back({name, events});
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.events > b.events;
  });
  return out;
}

}  // namespace

absl::StatusOr<CacheInfo> DescribeCache(const std::string& cache_dir) {
  CTQ_ASSIGN_OR_RETURN(std::unique_ptr<CacheView> view, CacheView::Open(cache_dir));
  CTQ_ASSIGN_OR_RETURN(std::shared_ptr<const CacheSnapshot> snapshot, view->Current());
  const Manifest& manifest = snapshot->manifest;

  CacheInfo info;
  info.directory = cache_dir;
  info.sources = manifest.sources;
  info.segments = manifest.segments.size();
  std::map<std::string, uint64_t> accounts, regions;
  for (const ManifestFile& file : manifest.files) {
    if (file.copy) {
      info.copies++;  // the same content as a file counted already
      continue;
    }
    info.files++;
    info.input_bytes += file.size;
    info.events += file.events;
    if (file.events == 0) continue;
    // "" stands for files outside the delivery layout.
    const std::optional<DeliveryPath> delivery = ParseDeliveryPath(file.path);
    accounts[delivery.has_value() ? delivery->account : ""] += file.events;
    regions[delivery.has_value() ? delivery->region : ""] += file.events;
  }
  info.accounts = SortedCounts(accounts);
  info.regions = SortedCounts(regions);

  std::vector<uint64_t> column_bytes(kStoredColumnCount, 0);
  for (const auto& segment : snapshot->segments) {
    for (uint32_t g = 0; g < segment->row_group_count(); g++) {
      info.row_groups++;
      const ZoneMap& times = segment->eventtime_range(g);
      if (times.has_min_max) {
        if (info.first_event_time.empty() || times.min < info.first_event_time) {
          info.first_event_time = times.min;
        }
        if (times.max > info.last_event_time) info.last_event_time = times.max;
      }
      for (int c = 0; c < kStoredColumnCount; c++) {
        column_bytes[c] += segment->chunk_size(g, c) + segment->bloom_bytes(g, c);
      }
    }
  }
  // Each open segment's size was checked against the manifest.
  info.cache_bytes = CacheBytesOnDisk(cache_dir, manifest);
  for (int c = 0; c < kStoredColumnCount; c++) {
    info.column_bytes.push_back({StoredColumnName(c), column_bytes[c]});
  }
  std::stable_sort(info.column_bytes.begin(), info.column_bytes.end(),
                   [](const auto& a, const auto& b) { return a.bytes > b.bytes; });
  return info;
}

}  // namespace ctq
