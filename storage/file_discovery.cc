#include "storage/file_discovery.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "ctq/internal/strings.h"
#include "storage/ascii_case.h"

namespace ctq {
namespace {

namespace fs = std::filesystem;

// A file or directory's identity, to notice one reached twice.
using FileId = std::pair<uint64_t, uint64_t>;  // (st_dev, st_ino)

class Walker {
 public:
  Walker(DiscoveredFiles* out, std::vector<SkippedFile>* skipped) : out_(out), skipped_(skipped) {}

  // Adds the file at `path` (already stat'ed as `info`).
  void AddFile(const std::string& path, const struct stat& info) {
    if (!seen_files_.insert(FileId(info.st_dev, info.st_ino)).second) return;
    if (IsInDigestDirectory(path)) {
      out_->digest_files++;
    } else {
      out_->files.push_back(path);
    }
  }

  void WalkDirectory(const std::string& path, const struct stat& info) {
    // Symlinks are followed, so a loop would recurse forever without this.
    if (!seen_directories_.insert(FileId(info.st_dev, info.st_ino)).second) return;
    std::error_code error;
    std::vector<std::string> names;
    for (fs::directory_iterator it(path, error), end; !error && it != end; it.increment(error)) {
      names.push_back(it->path().filename().string());
    }
    if (error) {
      skipped_->push_back({path, StrCat("cannot read directory: ", error.message())});
      return;
    }
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      std::string child = path.ends_with('/') ? path + name : StrCat(path, "/", name);
      struct stat child_info;
      // stat() follows symlinks; a dangling link or a file that vanished
      // meanwhile is ignored. Any other failure (a path past PATH_MAX, a
      // symlink loop, no permission) may hide logs: it is reported.
      if (::stat(child.c_str(), &child_info) != 0) {
        const int error = errno;
        if (error != ENOENT) {
          skipped_->push_back({child, StrCat("cannot stat: ", std::strerror(error))});
        }
        continue;
      }
      if (S_ISDIR(child_info.st_mode)) {
        WalkDirectory(child, child_info);
      } else if (S_ISREG(child_info.st_mode) && HasLogFileExtension(name)) {
        AddFile(child, child_info);
      }
    }
  }

 private:
  DiscoveredFiles* out_;
  std::vector<SkippedFile>* skipped_;
  absl::flat_hash_set<FileId> seen_directories_;
  absl::flat_hash_set<FileId> seen_files_;
};

}  // namespace

bool IsInDigestDirectory(std::string_view path) {
  size_t start = 0;
  while (true) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) return false;  // the last component is the file
    if (path.substr(start, slash - start) == "CloudTrail-Digest") return true;
    start = slash + 1;
  }
}

bool HasLogFileExtension(std::string_view file_name) {
  auto ends_with = [&file_name](std::string_view suffix) {
    return file_name.size() >= suffix.size() &&
           EqualsIgnoreAsciiCase(file_name.substr(file_name.size() - suffix.size()), suffix);
  };
  if (ends_with(".gz")) file_name.remove_suffix(3);
  return ends_with(".json") || ends_with(".jsonl") || ends_with(".ndjson");
}

absl::StatusOr<DiscoveredFiles> DiscoverLogFiles(const std::vector<std::string>& paths,
                                                 std::vector<SkippedFile>* skipped) {
  DiscoveredFiles out;
  Walker walker(&out, skipped);
  for (const std::string& path : paths) {
    struct stat info;
    if (::stat(path.c_str(), &info) != 0) {
      int error = errno;
      if (error == ENOENT || error == ENOTDIR) {
        return absl::NotFoundError(StrCat("Log path not found: ", path));
      }
      return absl::ErrnoToStatus(error, StrCat("Cannot access log path: ", path));
    }
    if (S_ISDIR(info.st_mode)) {
      walker.WalkDirectory(path, info);
    } else if (S_ISREG(info.st_mode)) {
      walker.AddFile(path, info);
    } else {
      // Opening a FIFO would block; devices and sockets are not logs.
      skipped->push_back({path, "not a regular file"});
    }
  }
  return out;
}

}  // namespace ctq
