// OrderedRowStream: the rows of a plain scan (no aggregate, DISTINCT or
// ORDER BY), passed to the consumer in morsel order while the workers run.
//
// The materialised result is morsel 0's rows, then morsel 1's, and so on
// (whichever worker ran each), and a streamed one must be the same bytes. So
// the worker running the first unfinished morsel (the head) hands its
// batches straight to the consumer, and the others hold theirs until their
// morsel becomes the head. What they hold is bounded (the reorder window): a
// worker that is not the head waits while its batch does not fit in
// `pending_limit_bytes` (unless nothing is held), so memory stays at about a
// batch per worker plus the window, never the result. The head never waits,
// so the run always moves on.
//
// A LIMIT is applied here, to the rows in order: once LIMIT rows went out,
// the stream stops the run (the workers check `stop`).
//
// Thread-safety: every method may be called from any worker; the consumer is
// called under the stream's lock, one call at a time.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "exec/memory_budget.h"
#include "exec/row_operations.h"

namespace ctq {

// Receives the result's rows in order, a batch at a time. A non-OK status
// stops the run with it.
using RowConsumer = absl::FunctionRef<absl::Status(Rows rows)>;

class OrderedRowStream {
 public:
  // `stop` is the run's stop flag: the stream sets it (LIMIT reached, the
  // consumer failed) and waits end when it is set. `budget` (may be null)
  // is what held batches are charged to. `consume` is kept as a
  // std::function, not a RowConsumer: a FunctionRef refers to its callable
  // without owning it, and a lambda written in the constructor call would
  // be destroyed at the end of that statement, long before the stream calls
  // it (ASan: stack-use-after-scope).
  OrderedRowStream(size_t morsel_count, std::optional<int64_t> limit,
                   uint64_t pending_limit_bytes, MemoryBudget* budget, std::atomic<bool>* stop,
                   std::function<absl::Status(Rows rows)> consume);
  OrderedRowStream(const OrderedRowStream&) = delete;
  OrderedRowStream& operator=(const OrderedRowStream&) = delete;

  // Passes on `rows`, the next rows of `morsel`, which hold `bytes` charged
  // to `*memory` (the calling worker's reservation, holding nothing else):
  // to the consumer when the morsel is the head, else held (their charge
  // moved to the stream) until it is, after waiting while the window is
  // full. On return `*memory` holds nothing. Returns the consumer's error.
  absl::Status Add(size_t morsel, Rows rows, uint64_t bytes, MemoryReservation* memory);

  // `morsel` has no more rows: when it was the head, the next morsels' held
  // rows go out. Returns the consumer's error.
  absl::Status Finish(size_t morsel);

  // Wakes the waiting workers after `stop` was set elsewhere (an error).
  void WakeAll();

  // The consumer's error, if it failed.
  absl::Status status() const;

 private:
  struct Held {
    Rows rows;
    uint64_t bytes = 0;
  };

  // Applies the LIMIT and calls the consumer. REQUIRES: mutex_ held.
  absl::Status Deliver(Rows rows);
  bool Stopped() const { return stop_->load(std::memory_order_relaxed); }

  const std::optional<int64_t> limit_;
  const uint64_t pending_limit_bytes_;
  std::atomic<bool>* const stop_;
  const std::function<absl::Status(Rows rows)> consume_;

  mutable std::mutex mutex_;  // guards everything below
  std::condition_variable advanced_;
  size_t head_ = 0;  // the first unfinished morsel
  std::vector<std::vector<Held>> held_;  // per morsel, while it is not the head
  std::vector<uint8_t> finished_;        // per morsel
  uint64_t held_bytes_ = 0;
  MemoryReservation held_memory_;  // what held_ is charged to
  int64_t delivered_ = 0;          // rows passed to the consumer
  absl::Status status_;
};

}  // namespace ctq
