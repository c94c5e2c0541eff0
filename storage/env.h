// Env: every file operation the cache directory does (storage/cache_*.cc,
// segment files), behind one interface, as LevelDB's Env is. Two reasons:
//
// - One place enforces how a cache file is opened: never through a symlink
//   (O_NOFOLLOW), never blocking on a FIFO or a device (O_NONBLOCK, then
//   fstat must say a regular file), created only where no file is (O_EXCL).
//   An attacker who can write into the directory cannot make ctq truncate,
//   read or hang on anything but its own regular files.
// - Tests wrap it (tests/unit/storage_cache/fault_injection_env.h) to fail
//   each write, fsync and rename in turn and check that the cache survives.
//
// Thread-safety: Env::Default() and its files are safe for concurrent use
// (each file by one thread at a time).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace ctq {

// What fstat says of an open file: which file it is (a rename puts a new
// inode under a name) and its size.
struct FileIdentity {
  uint64_t device = 0;
  uint64_t inode = 0;
  int64_t mtime_ns = 0;
  uint64_t size = 0;
  bool operator==(const FileIdentity&) const = default;
};

class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;
  // The file as it was opened.
  virtual const FileIdentity& identity() const = 0;
  // Reads exactly [offset, offset + n): DataLoss when the file is shorter.
  virtual absl::Status Read(uint64_t offset, size_t n, std::string* out) const = 0;
};

class WritableFile {
 public:
  virtual ~WritableFile() = default;
  virtual absl::Status Append(std::string_view bytes) = 0;
  virtual absl::Status Sync() = 0;
  // Closes the file; the destructor closes it too, ignoring errors.
  virtual absl::Status Close() = 0;
};

// Held while an ingest writes; released by the destructor (or when the
// process dies: the kernel drops the lock). Also the lock of one file.
class DirectoryLock {
 public:
  virtual ~DirectoryLock() = default;
};

class Env {
 public:
  virtual ~Env() = default;
  static Env* Default();

  // Opens a regular file for reading: NotFound when missing;
  // FailedPrecondition when it is a symlink, a FIFO, a device or a directory.
  virtual absl::StatusOr<std::unique_ptr<RandomAccessFile>> OpenForRead(
      const std::string& path) = 0;
  // Creates a new file: AlreadyExists when any entry has the name (a symlink
  // included: nothing is followed or truncated).
  virtual absl::StatusOr<std::unique_ptr<WritableFile>> CreateExclusive(
      const std::string& path) = 0;
  // rename(2): replaces `to` atomically.
  virtual absl::Status Rename(const std::string& from, const std::string& to) = 0;
  // fsync of a directory: makes the renames and creations in it durable.
  virtual absl::Status SyncDirectory(const std::string& dir) = 0;
  // unlink(2) of a name (a symlink itself, never its target).
  virtual absl::Status Delete(const std::string& path) = 0;
  // The names in `dir`, without "." and "..".
  virtual absl::StatusOr<std::vector<std::string>> ListDirectory(const std::string& dir) = 0;
  // Creates `dir` and its parents as needed; FailedPrecondition when it
  // exists and is not a directory.
  virtual absl::Status CreateDirectories(const std::string& dir) = 0;
  // An exclusive flock(2) on the directory itself, without waiting
  // (Unavailable when another holds it). Deleting or replacing any file in
  // the directory cannot defeat it.
  virtual absl::StatusOr<std::unique_ptr<DirectoryLock>> LockDirectory(const std::string& dir) = 0;
  // An exclusive flock(2) on a regular file, created if missing (never
  // through a symlink), without waiting: Unavailable when another holds it.
  // An ingest holds one for its token while it runs, so that another writer
  // can tell its files from a crashed writer's (cache_directory.h).
  virtual absl::StatusOr<std::unique_ptr<DirectoryLock>> LockFile(const std::string& path) = 0;
  // lstat(2): NotFound when missing.
  virtual absl::StatusOr<FileIdentity> Stat(const std::string& path) = 0;
};

// Reads a whole regular file through `env` (at most `max_bytes`:
// FailedPrecondition above it). `identity`, when not null, is the file read.
absl::StatusOr<std::string> ReadWholeFile(Env* env, const std::string& path, uint64_t max_bytes,
                                          FileIdentity* identity = nullptr);

// Writes `bytes` to `path` so that a crash leaves the old file or the new
// one, never a torn one: a new temporary beside it (named `path` + "." +
// `token` + ".tmp", created exclusively), fsync, rename over `path`, fsync of
// the directory. On failure the temporary is deleted when possible.
absl::Status WriteFileAtomically(Env* env, const std::string& path, std::string_view bytes,
                                 std::string_view token);

// `bytes` random bytes as lowercase hex, from getrandom(2): names that no
// other writer (another ingest, another cache) can produce.
std::string RandomHex(size_t bytes);

}  // namespace ctq
