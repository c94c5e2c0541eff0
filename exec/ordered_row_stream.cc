#include "exec/ordered_row_stream.h"

#include <utility>

namespace ctq {

OrderedRowStream::OrderedRowStream(size_t morsel_count, std::optional<int64_t> limit,
                                   uint64_t pending_limit_bytes, MemoryBudget* budget,
                                   std::atomic<bool>* stop,
                                   std::function<absl::Status(Rows rows)> consume)
    : limit_(limit),
      pending_limit_bytes_(pending_limit_bytes),
      stop_(stop),
      consume_(std::move(consume)),
      held_(morsel_count),
      finished_(morsel_count, 0),
      held_memory_(budget) {
  if (limit_.has_value() && *limit_ <= 0) stop_->store(true);
}

absl::Status OrderedRowStream::Add(size_t morsel, Rows rows, uint64_t bytes,
                                   MemoryReservation* memory) {
  std::unique_lock<std::mutex> lock(mutex_);
  // A batch is held only if it fits in the window (or the window is empty,
  // so that workers keep some lead however large a batch is).
  advanced_.wait(lock, [&] {
    return morsel == head_ || held_bytes_ == 0 || held_bytes_ + bytes <= pending_limit_bytes_ ||
           Stopped();
  });
  if (Stopped()) {
    memory->Subtract(bytes);
    return status_;
  }
  if (morsel == head_) {
    absl::Status status = Deliver(std::move(rows));
    memory->Subtract(bytes);
    return status;
  }
  // The worker's reservation holds just this batch: the stream takes it over,
  // since the batch may go out from another worker's thread.
  held_memory_.Absorb(memory);
  held_[morsel].push_back({std::move(rows), bytes});
  held_bytes_ += bytes;
  return absl::OkStatus();
}

absl::Status OrderedRowStream::Finish(size_t morsel) {
  std::lock_guard<std::mutex> lock(mutex_);
  finished_[morsel] = 1;
  if (morsel != head_) return absl::OkStatus();
  absl::Status status;
  while (finished_[head_]) {
    if (++head_ == finished_.size()) break;
    for (Held& held : held_[head_]) {
      if (status.ok() && !Stopped()) status = Deliver(std::move(held.rows));
      held_bytes_ -= held.bytes;
      held_memory_.Subtract(held.bytes);
    }
    held_[head_].clear();
    held_[head_].shrink_to_fit();
  }
  // A new head, room in the window, or a stop: every waiter re-checks.
  advanced_.notify_all();
  return status;
}

void OrderedRowStream::WakeAll() {
  std::lock_guard<std::mutex> lock(mutex_);
  advanced_.notify_all();
}

absl::Status OrderedRowStream::status() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return status_;
}

absl::Status OrderedRowStream::Deliver(Rows rows) {
  if (limit_.has_value()) {
    const int64_t wanted = *limit_ - delivered_;
    if (static_cast<int64_t>(rows.size()) > wanted) rows.resize(static_cast<size_t>(wanted));
  }
  if (rows.empty()) return absl::OkStatus();
  delivered_ += static_cast<int64_t>(rows.size());
  status_ = consume_(std::move(rows));
  if (!status_.ok() || (limit_.has_value() && delivered_ >= *limit_)) {
    stop_->store(true);
    advanced_.notify_all();
  }
  return status_;
}

}  // namespace ctq
