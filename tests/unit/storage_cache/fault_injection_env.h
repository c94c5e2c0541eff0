// An Env (storage/env.h) over the real file system that fails one chosen
// mutating operation with an IOError, in the spirit of LevelDB's
// db/fault_injection_test.cc: a test runs the same ingest with the fault at
// operation 1, 2, 3, ... until an ingest no longer reaches the chosen one, so
// every create, write, fsync, close, rename and delete of an ingest fails once
// in turn.
//
// Counted, in the order an ingest makes them: CreateDirectories,
// CreateExclusive, WritableFile::Append/Sync/Close, Rename, SyncDirectory,
// Delete. Reads, listings, stats and LockDirectory are not faults worth
// injecting one by one (a failed read is an error before anything is
// written) and are passed through.
//
// A failed operation does nothing: a failed Rename leaves both names as they
// were, a failed Append writes nothing, a failed Close still releases the
// descriptor (as close(2) does when it reports an error).
//
// Thread-safety: safe for concurrent use (an ingest writes segments from
// several workers); with more than one worker the order of operations, and
// so which one is the Nth, can differ between runs.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>

#include "tests/unit/storage_cache/env_wrapper.h"

namespace ctq::testing {

class FaultInjectionEnv final : public EnvWrapper {
 public:
  // Fails operation number `fail_at` (1-based); 0 fails none. With
  // `deletes_fail_after_fault`, every Delete after the fault fails too, so
  // that the temporary a failed write leaves is not cleaned up by the writer
  // (as after a crash): the next ingest must.
  explicit FaultInjectionEnv(uint64_t fail_at, bool deletes_fail_after_fault = false)
      : fail_at_(fail_at), deletes_fail_after_fault_(deletes_fail_after_fault) {}

  // Whether the chosen operation was reached (and failed).
  bool fault_hit() const { return fault_hit_.load(); }
  // Mutating operations seen so far, the failed one included.
  uint64_t operations() const { return operations_.load(); }
  // "Rename /a/MANIFEST.x.tmp /a/MANIFEST": what failed, for test messages.
  std::string failed_operation() const;

  absl::StatusOr<std::unique_ptr<WritableFile>> CreateExclusive(const std::string& path) override;
  absl::Status Rename(const std::string& from, const std::string& to) override;
  absl::Status SyncDirectory(const std::string& dir) override;
  absl::Status Delete(const std::string& path) override;
  absl::Status CreateDirectories(const std::string& dir) override;

  // The fault decision for one operation described by `what`: an EIO error
  // when this is the chosen one, else OK. (Public for the file wrapper.)
  absl::Status Step(const std::string& what);

 private:
  const uint64_t fail_at_;
  const bool deletes_fail_after_fault_;
  std::atomic<uint64_t> operations_{0};
  std::atomic<bool> fault_hit_{false};
  mutable std::mutex mutex_;
  std::string failed_operation_;  // guarded by mutex_
};

}  // namespace ctq::testing
