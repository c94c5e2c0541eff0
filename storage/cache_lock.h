// One writer (ingest) at a time per cache directory, across processes: an
// flock(2) on the directory itself (Env::LockDirectory), which the kernel
// drops when the holder exits, even by kill -9, so a crashed ingest never
// leaves a stale lock. Deleting or replacing any file in the directory
// (people delete "stale" LOCK files) cannot let a second writer in. The
// holder writes its pid into <dir>/LOCK (replaced atomically, never opened
// through a symlink) so that a refusal can say who holds it. Readers
// (queries) never take the lock: they read whole manifests, which are
// replaced atomically.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "storage/env.h"

namespace ctq {

inline constexpr char kLockFileName[] = "LOCK";

class CacheLock {
 public:
  // Takes the lock on `dir` without waiting. FailedPrecondition naming the
  // holder's pid when another process (or another CacheLock) holds it.
  static absl::StatusOr<CacheLock> Acquire(const std::string& dir, Env* env = Env::Default());

  // Writes this process's pid into <dir>/LOCK, for the refusal message.
  // Best effort: the lock holds whether or not this succeeds. Call it only
  // once the directory is known to be a cache.
  void RecordHolder();

  CacheLock(CacheLock&&) noexcept = default;
  CacheLock& operator=(CacheLock&&) noexcept = default;

 private:
  CacheLock(std::string dir, Env* env, std::unique_ptr<DirectoryLock> lock)
      : dir_(std::move(dir)), env_(env), lock_(std::move(lock)) {}
  std::string dir_;
  Env* env_;
  std::unique_ptr<DirectoryLock> lock_;
};

}  // namespace ctq
