// The cache's MANIFEST: which segment files make up the cache and which
// source log files were ingested into them (path, size, mtime, events). It is
// the cache's single point of truth: a segment not listed in it does not
// exist for readers (an ingest that crashed left it; the next one deletes it),
// and a source file listed in it is never read again while unchanged.
//
// The manifest is replaced whole, atomically (write MANIFEST.tmp, fsync,
// rename, fsync the directory), after the new segments are durable. So a
// crash at any instant leaves the old manifest with the old segments, or the
// new one with all of its segments. The byte layout is in storage/FORMAT.md.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/content_hash.h"
#include "storage/env.h"

namespace ctq {

inline constexpr char kManifestFileName[] = "MANIFEST";
inline constexpr std::string_view kManifestMagic("CTQMAN\r\n", 8);
// The manifest's version is the cache's: 3 lists segments of version 3 (with
// the partition columns). A cache of another version is refused whole
// (ReadManifest), never read in part.
inline constexpr uint32_t kManifestVersion = 3;
inline constexpr uint32_t kNoSegment = std::numeric_limits<uint32_t>::max();

struct ManifestSegment {
  std::string name;  // file name inside the cache directory, "seg-....ctqseg"
  uint64_t bytes = 0;  // file size
  uint64_t events = 0;
  uint32_t row_groups = 0;
  // XXH3-64 of the segment's footer, checked whenever it is opened (the
  // footer is read anyway), and of the whole file, checked by `ctq check`:
  // a segment swapped in from another cache, or crafted with valid CRCs, is
  // not the one listed, whatever its size and event count.
  uint64_t footer_hash = 0;
  uint64_t content_hash = 0;
};

struct ManifestFile {
  std::string path;  // absolute
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  uint64_t events = 0;
  uint32_t segment = kNoSegment;  // index into segments; kNoSegment for 0 events
  // XXH3-128 of its bytes as delivered (before gzip inflation). A delivered
  // CloudTrail file never changes, so equal content means the same
  // delivery, wherever the file has moved since.
  ContentHash content;
  // A copy (moved, re-synced or duplicated) of a file listed earlier, with
  // the same content: recorded so that the path is known, never read.
  bool copy = false;
};

struct Manifest {
  std::string cache_id;              // the CTQCACHE file's id: this manifest's cache
  uint64_t generation = 0;           // completed ingests
  std::vector<std::string> sources;  // absolute paths given to `ctq ingest`
  std::vector<ManifestSegment> segments;
  std::vector<ManifestFile> files;

  uint64_t events() const {
    uint64_t total = 0;
    for (const ManifestSegment& segment : segments) total += segment.events;
    return total;
  }
};

std::string EncodeManifest(const Manifest& manifest);
// The file around an encoded body: magic, version, body, CRC-32C, magic.
// (Tests frame hand-made bodies with it, so only the field checks can catch
// what is wrong in them.)
std::string FrameManifestBody(std::string_view body);
// `name` names the file in errors. DataLoss for any damage (checksum, bad
// lengths, a segment name that is not a plain "seg-*.ctqseg" file name, a
// file pointing at a segment that does not exist, events that do not add up).
absl::StatusOr<Manifest> DecodeManifest(std::string_view name, std::string_view bytes);

// Which MANIFEST file was read: a new one (renamed into place) has a new
// inode, so readers can tell cheaply whether an ingest has published since.
using ManifestIdentity = FileIdentity;

// The most bytes a MANIFEST may have (about 100 bytes per ingested file).
inline constexpr uint64_t kMaxManifestBytes = uint64_t{1} << 31;

// Reads `<dir>/MANIFEST` (a regular file, never followed through a symlink
// or waited on as a FIFO). NotFound when there is none (no cache yet);
// FailedPrecondition naming `dir` when another version of ctq wrote it (the
// user is told to delete it and ingest again: ctq never converts a cache).
// `identity`, when not null, is set to the identity of the file read.
absl::StatusOr<Manifest> ReadManifest(const std::string& dir,
                                      ManifestIdentity* identity = nullptr,
                                      Env* env = Env::Default());
// The identity of the current `<dir>/MANIFEST` (NotFound when there is none).
absl::StatusOr<ManifestIdentity> StatManifest(const std::string& dir, Env* env = Env::Default());
// Replaces `<dir>/MANIFEST` atomically; `token` makes its temporary's name
// unique (env.h, WriteFileAtomically).
absl::Status WriteManifest(const std::string& dir, const Manifest& manifest,
                           Env* env = Env::Default(), std::string_view token = "w");

// Bytes of the cache on disk: the listed segments' sizes plus the MANIFEST.
uint64_t CacheBytesOnDisk(const std::string& dir, const Manifest& manifest,
                          Env* env = Env::Default());

// True for names the manifest may list as segments: "seg-" + [0-9a-z-]+ + ".ctqseg".
bool IsSegmentFileName(std::string_view name);

}  // namespace ctq
