#include "storage/cache_lock.h"

#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "ctq/internal/strings.h"

namespace ctq {

absl::StatusOr<CacheLock> CacheLock::Acquire(const std::string& dir, Env* env) {
  absl::StatusOr<std::unique_ptr<DirectoryLock>> lock = env->LockDirectory(dir);
  if (absl::IsUnavailable(lock.status())) {
    // The holder writes its pid right after taking the lock (and creating
    // the cache's identity, for a new cache): give it a moment to.
    std::string holder;
    for (int attempt = 0; attempt < 20 && holder.empty(); attempt++) {
      if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
      absl::StatusOr<std::string> text = ReadWholeFile(env, dir + "/" + kLockFileName, 64);
      if (!text.ok()) continue;
      for (char c : *text) {
        if (c < '0' || c > '9') break;
        holder += c;
      }
    }
    return absl::FailedPreconditionError(
        StrCat("cache ", dir, " is being updated by another ctq ingest",
               holder.empty() ? std::string() : StrCat(" (pid ", holder, ")"),
               "; wait for it to finish and try again"));
  }
  if (!lock.ok()) return lock.status();
  return CacheLock(dir, env, std::move(*lock));
}

void CacheLock::RecordHolder() {
  WriteFileAtomically(env_, dir_ + "/" + kLockFileName, StrCat(::getpid(), "\n"), RandomHex(8))
      .IgnoreError();
}

}  // namespace ctq
