// MemoryBudget: the memory one Database lets its queries hold, and
// MemoryReservation: one consumer's share of it.
//
// A query's big consumers (the rows kept for its result, hash aggregation
// tables and their key arenas, sort and DISTINCT buffers) estimate what they
// hold and reserve it, in blocks of at least a MiB so that the atomic counter
// is touched per chunk or per arena block, never per row. Past the limit a
// reservation fails with ResourceExhausted naming what needed the memory, and
// the query ends with that error instead of the process being killed (or
// aborting on std::bad_alloc) when the machine runs out.
//
// Thread-safety: MemoryBudget is safe for concurrent use. A MemoryReservation
// belongs to one thread at a time (each worker owns its own); all of them
// draw on the shared budget.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"

namespace ctq {

class MemoryBudget {
 public:
  // REQUIRES: limit_bytes > 0.
  explicit MemoryBudget(uint64_t limit_bytes) : limit_(limit_bytes) {}
  MemoryBudget(const MemoryBudget&) = delete;
  MemoryBudget& operator=(const MemoryBudget&) = delete;

  // Takes `bytes` from the budget, or fails (taking nothing) with
  // ResourceExhausted: "query needs more than the memory limit of 4.0 GB
  // (WHAT); raise --memory-limit". `what` is called only on failure.
  absl::Status Reserve(uint64_t bytes, absl::FunctionRef<std::string()> what);
  // Gives back bytes taken by Reserve.
  void Release(uint64_t bytes);

  uint64_t limit() const { return limit_; }
  uint64_t used() const { return used_.load(std::memory_order_relaxed); }

 private:
  const uint64_t limit_;
  std::atomic<uint64_t> used_{0};
};

// The error a query fails with when memory runs out: the budget's message, or
// (limit 0) the one for std::bad_alloc caught at the API boundary.
absl::Status MemoryExhaustedError(uint64_t limit_bytes, std::string_view what);

// The error for a std::bad_alloc caught on a worker or at the API boundary:
// the last resort for what the budget did not foresee (`budget` may be null).
absl::Status AllocationFailedError(const MemoryBudget* budget);

// "512.0 MB", "4.0 GB": a size in binary units (1 GB = 1024^3 bytes), as
// --memory-limit takes it.
std::string FormatMemorySize(uint64_t bytes);

// "93,000,000": a count in the messages above.
std::string FormatCount(uint64_t n);

// What the machine can give this process: physical memory, or less when a
// cgroup (a container) limits it. 0 when it cannot be told.
uint64_t AvailableMemoryBytes();

// Bytes reserved from a budget by one consumer, given back when it is
// destroyed. Consumers call Grow with their running estimate of what they
// hold; it is a comparison unless the estimate passes what is reserved.
class MemoryReservation {
 public:
  // `budget` may be null: nothing is counted and Grow always succeeds.
  explicit MemoryReservation(MemoryBudget* budget) : budget_(budget) {}
  ~MemoryReservation() { Shrink(0); }
  MemoryReservation(const MemoryReservation&) = delete;
  MemoryReservation& operator=(const MemoryReservation&) = delete;

  // Makes at least `total_bytes` reserved (rounded up to the next block of
  // 1 MiB or an eighth of what is held, whichever is larger), or fails
  // with the budget's error, naming `what`, and reserves nothing more.
  absl::Status Grow(uint64_t total_bytes, absl::FunctionRef<std::string()> what) {
    if (total_bytes <= reserved_ || budget_ == nullptr) return absl::OkStatus();
    return GrowSlow(total_bytes, what);
  }
  // Adds `bytes` to what is held: Grow(held + bytes).
  absl::Status Add(uint64_t bytes, absl::FunctionRef<std::string()> what) {
    held_ += bytes;
    return Grow(held_, what);
  }
  // Takes `bytes` off what is held (the consumer let go of them) and gives
  // back what is reserved beyond the rest.
  void Subtract(uint64_t bytes) {
    held_ -= bytes < held_ ? bytes : held_;
    Shrink(held_);
  }
  // Gives back all but `total_bytes` (when more is reserved).
  void Shrink(uint64_t total_bytes);
  // Takes over what `other` holds (same budget), leaving it empty.
  void Absorb(MemoryReservation* other);

  // What the consumer said it holds through Add, and what is reserved.
  uint64_t held() const { return held_; }
  uint64_t reserved() const { return reserved_; }
  MemoryBudget* budget() const { return budget_; }

 private:
  absl::Status GrowSlow(uint64_t total_bytes, absl::FunctionRef<std::string()> what);

  MemoryBudget* const budget_;
  uint64_t reserved_ = 0;
  uint64_t held_ = 0;
};

}  // namespace ctq
