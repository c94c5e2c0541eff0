// The cache's LOCK file: one writer (ingest) at a time per cache directory,
// across processes. It is an flock(2) on <dir>/LOCK, which the kernel drops
// when the holder exits, even by kill -9, so a crashed ingest never leaves a
// stale lock behind. The holder writes its pid into the file so that the
// refusal can say who holds it. Readers (queries) never take the lock: they
// read whole manifests, which are replaced atomically.
#pragma once

#include <string>

#include "absl/status/statusor.h"

namespace ctq {

inline constexpr char kLockFileName[] = "LOCK";

class CacheLock {
 public:
  // Takes the lock on `dir` without waiting. FailedPrecondition naming the
  // holder's pid when another process (or another CacheLock) holds it.
  static absl::StatusOr<CacheLock> Acquire(const std::string& dir);

  CacheLock(CacheLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  CacheLock& operator=(CacheLock&& other) noexcept;
  CacheLock(const CacheLock&) = delete;
  CacheLock& operator=(const CacheLock&) = delete;
  ~CacheLock();

 private:
  explicit CacheLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace ctq
