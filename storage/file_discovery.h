// Finding the log files to read under the paths a user gives: directories are
// walked recursively, files named explicitly are taken whatever their name.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/log_reader.h"

namespace ctq {

struct DiscoveredFiles {
  // Files to read, in a deterministic order: the paths in argument order,
  // each directory's entries sorted by name (byte order), depth first. A file
  // reached twice (through symlinks, or named twice) is listed once.
  std::vector<std::string> files;
  // Files under a CloudTrail-Digest directory, counted and not read.
  uint64_t digest_files = 0;
};

// Lists the log files under `paths`. In directories, only names ending in
// .json, .jsonl or .ndjson (optionally followed by .gz; any letter case) are
// taken; symlinks are followed, and a directory already visited is not
// entered again, so symlink loops end. A directory that cannot be read, an
// entry that cannot be stat'ed for a reason other than not existing (a path
// longer than PATH_MAX, ELOOP, EACCES), or a named path that is not a regular
// file or directory, is added to `skipped`. Dangling symlinks are ignored.
// Returns NotFound, naming the path, if a path does not exist.
absl::StatusOr<DiscoveredFiles> DiscoverLogFiles(const std::vector<std::string>& paths,
                                                 std::vector<SkippedFile>* skipped);

// True if a directory component of `path` is `CloudTrail-Digest`, where
// CloudTrail delivers its digest files.
bool IsInDigestDirectory(std::string_view path);

// True if `file_name` has one of the log extensions above.
bool HasLogFileExtension(std::string_view file_name);

}  // namespace ctq
