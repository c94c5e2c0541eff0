// StringHeap: an append-only arena for strings that kernels compute (lower(),
// json_extract_scalar(), ...). Vectors hold string_views into it.
#pragma once

#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace ctq {

// Not thread-safe: one heap belongs to one vector or one operator state.
// Views returned by Add stay valid for the heap's lifetime (blocks never move).
class StringHeap {
 public:
  StringHeap() = default;
  StringHeap(const StringHeap&) = delete;
  StringHeap& operator=(const StringHeap&) = delete;

  std::string_view Add(std::string_view text) {
    if (text.empty()) return std::string_view();
    char* dest = Allocate(text.size());
    std::memcpy(dest, text.data(), text.size());
    return std::string_view(dest, text.size());
  }

  // Returns `size` writable bytes that stay valid for the heap's lifetime.
  char* Allocate(size_t size) {
    if (size > remaining_) {
      size_t block = size > kBlockSize / 4 ? size : kBlockSize;
      blocks_.push_back(std::make_unique<char[]>(block));
      allocated_ += block;
      next_ = blocks_.back().get();
      remaining_ = block;
    }
    char* out = next_;
    next_ += size;
    remaining_ -= size;
    return out;
  }

  // The bytes of every block allocated so far (what the heap holds).
  size_t allocated_bytes() const { return allocated_; }

 private:
  static constexpr size_t kBlockSize = 64 * 1024;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;
  size_t remaining_ = 0;
  size_t allocated_ = 0;
};

}  // namespace ctq
