// PaddedBuffer: a growable byte buffer whose contents are always followed by
// simdjson::SIMDJSON_PADDING zero bytes, so simdjson may read past the end of
// the JSON text without a copy into a simdjson::padded_string.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>

#include "simdjson.h"

namespace ctq {

// Not thread-safe. Ingest keeps one per worker thread and reuses it across
// files, so the memory stays at the largest file seen (see Shrink()).
class PaddedBuffer {
 public:
  PaddedBuffer() = default;
  PaddedBuffer(const PaddedBuffer&) = delete;
  PaddedBuffer& operator=(const PaddedBuffer&) = delete;

  char* data() { return data_.get(); }
  const char* data() const { return data_.get(); }
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }

  // Sets the size to `size` bytes. The first min(size, old size) bytes are
  // kept; new bytes are unspecified until written. The padding after the
  // contents is zeroed.
  void Resize(size_t size) {
    if (size + kPadding > capacity_) {
      // Grow geometrically: multi-member gzip output grows a member at a time.
      size_t capacity = capacity_ * 2 > size + kPadding ? capacity_ * 2 : size + kPadding;
      std::unique_ptr<char[]> bigger = std::make_unique_for_overwrite<char[]>(capacity);
      if (size_ > 0) std::memcpy(bigger.get(), data_.get(), size_);
      data_ = std::move(bigger);
      capacity_ = capacity;
    }
    size_ = size;
    std::memset(data_.get() + size_, 0, kPadding);
  }

  // Frees the memory if more than `max_capacity` bytes are held, so that one
  // huge file does not pin its buffer for the rest of the run.
  void Shrink(size_t max_capacity) {
    if (capacity_ > max_capacity) {
      data_.reset();
      capacity_ = 0;
      size_ = 0;
    }
  }

 private:
  static constexpr size_t kPadding = simdjson::SIMDJSON_PADDING;
  std::unique_ptr<char[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace ctq
