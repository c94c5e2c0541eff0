// The cache directory is ctq's alone (storage/FORMAT.md, "Cache directory").
// A CTQCACHE file marks it and names it with a random cache id; ctq creates
// that file only in a missing or empty directory, refuses any other
// directory that lacks it, and deletes only files whose names it made
// (segments and temporaries carrying this cache's id). The manifest names the
// cache id too, so a MANIFEST copied from another cache is refused.
//
// Names in the directory:
//   CTQCACHE                                  identity: "ctq cache\nformat 1\nid <32 hex>\n"
//   MANIFEST                                  storage/cache_manifest.h
//   LOCK                                      the ingest holding the lock's pid (information
//                                             only: the lock is on the directory itself)
//   seg-<id12>-<generation>-<run>-<token>.ctqseg   segments
//   WRITER.<token>                            flock()ed by the ingest of that token while it
//                                             runs: its files are not a crashed one's leftovers
//   <one of the above>.<token>.tmp            a file being written
// <id12> is the first 12 digits of the cache id; <token> is random per ingest,
// so two writers never write the same name, whatever happened to the lock.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "storage/cache_manifest.h"
#include "storage/env.h"

namespace ctq {

inline constexpr char kIdentityFileName[] = "CTQCACHE";

// The id in `<dir>/CTQCACHE`. NotFound when there is none; DataLoss when it
// is not a well-formed identity file; FailedPrecondition when it is not a
// regular file.
absl::StatusOr<std::string> ReadCacheId(const std::string& dir, Env* env = Env::Default());

// For an ingest holding the directory's lock: the cache id of `dir`, creating
// CTQCACHE when `dir` is empty. FailedPrecondition, saying why, when `dir`
// holds anything else without a CTQCACHE (a directory that is not a cache,
// or a cache of an older ctq).
absl::StatusOr<std::string> OpenOrCreateCacheId(const std::string& dir, Env* env);

// The manifest of the cache in `dir`, checked to belong to it: NotFound "no
// cache at DIR" when there is no cache (or no ingest has completed yet);
// FailedPrecondition for a directory that is not a ctq cache; DataLoss for a
// manifest of another cache or a damaged one.
absl::StatusOr<Manifest> ReadCacheManifest(const std::string& dir,
                                           ManifestIdentity* identity = nullptr,
                                           Env* env = Env::Default());

// "seg-<id12>-<generation>-<run>-<token>.ctqseg".
std::string SegmentFileName(std::string_view cache_id, uint64_t generation, size_t run,
                            std::string_view token);

// "WRITER.<token>".
std::string WriterFileName(std::string_view token);

// Whether ctq made `name` in the cache `cache_id` and may delete it when the
// manifest does not list it and the writer of its token is gone: this
// cache's segments, WRITER files, and temporaries of its segments, of
// MANIFEST, of CTQCACHE and of LOCK.
bool IsOwnedLeftover(std::string_view name, std::string_view cache_id);

// The token of the ingest that wrote an owned name: a segment's last part, a
// temporary's token, a WRITER file's suffix.
std::string_view WriterTokenOf(std::string_view name);

}  // namespace ctq
