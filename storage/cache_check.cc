// CheckCache (ctq/cache.h): verifies every byte the cache relies on. Damage
// is collected, not returned, so that one bad segment does not hide another.
#include <filesystem>

#include "ctq/cache.h"
#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
#include "storage/cache_directory.h"
#include "storage/cache_manifest.h"
#include "storage/content_hash.h"
#include "storage/env.h"
#include "storage/cache_view.h"
#include "storage/cloudtrail_schema.h"

namespace ctq {

absl::StatusOr<CacheCheckReport> CheckCache(const std::string& cache_dir) {
  CacheCheckReport report;
  absl::StatusOr<Manifest> manifest = ReadCacheManifest(cache_dir);
  if (absl::IsFailedPrecondition(manifest.status())) return manifest.status();
  if (absl::IsNotFound(manifest.status())) return manifest.status();
  if (!manifest.ok()) {
    // Without a manifest nothing else can be trusted or even found.
    report.problems.emplace_back(ToStd(manifest.status().message()));
    return report;
  }
  for (const ManifestSegment& listed : manifest->segments) {
    report.segments++;
    absl::StatusOr<std::shared_ptr<const SegmentReader>> segment =
        OpenListedSegment(cache_dir, listed);
    if (!segment.ok()) {
      report.problems.emplace_back(ToStd(segment.status().message()));
      continue;
    }
    // Every byte, not only those the chunk and footer CRCs cover: a
    // segment crafted or copied in with valid CRCs is not the listed one.
    const std::string path = cache_dir + "/" + listed.name;
    if (absl::StatusOr<uint64_t> hash = HashFile64(Env::Default(), path); !hash.ok()) {
      report.problems.emplace_back(ToStd(hash.status().message()));
    } else if (*hash != listed.content_hash) {
      report.problems.emplace_back(
          StrCat("segment ", path, ": content differs from what the manifest lists"));
    }
    for (uint32_t g = 0; g < (*segment)->row_group_count(); g++) {
      for (int c = 0; c < kStoredColumnCount; c++) {
        // Decoded as a scan decodes it (dictionary, constant and hex chunks
        // kept compact): every byte is verified without expanding a crafted
        // chunk into gigabytes.
        StringColumnData column;
        if (absl::Status read = (*segment)->ReadColumnInto(g, c, &column, /*keep_dictionary=*/true,
                                                           /*keep_hex=*/true);
            !read.ok()) {
          report.problems.emplace_back(ToStd(read.message()));
          continue;
        }
        report.chunks_verified++;
        report.bytes_verified += (*segment)->chunk_size(g, c);
        if ((*segment)->has_token_bloom(g, c)) {
          absl::StatusOr<std::shared_ptr<const TokenBloom>> bloom = (*segment)->LoadBloom(g, c);
          if (!bloom.ok()) {
            report.problems.emplace_back(ToStd(bloom.status().message()));
          } else {
            report.bytes_verified += (*segment)->bloom_bytes(g, c);
          }
        }
      }
    }
  }
  return report;
}

}  // namespace ctq
