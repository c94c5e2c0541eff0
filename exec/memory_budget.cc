#include "exec/memory_budget.h"

#include <unistd.h>

#include <algorithm>
#include <fstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "ctq/internal/strings.h"

namespace ctq {
namespace {

constexpr uint64_t kBlockBytes = uint64_t{1} << 20;

// cgroup v2's memory.max of this process's group ("max" or a number), or 0.
uint64_t CgroupLimitBytes() {
  std::ifstream in("/sys/fs/cgroup/memory.max");
  std::string text;
  uint64_t limit = 0;
  if (in >> text && absl::SimpleAtoi(text, &limit)) return limit;
  return 0;
}

}  // namespace

absl::Status MemoryBudget::Reserve(uint64_t bytes, absl::FunctionRef<std::string()> what) {
  uint64_t used = used_.load(std::memory_order_relaxed);
  do {
    if (bytes > limit_ || used > limit_ - bytes) return MemoryExhaustedError(limit_, what());
  } while (!used_.compare_exchange_weak(used, used + bytes, std::memory_order_relaxed));
  return absl::OkStatus();
}

void MemoryBudget::Release(uint64_t bytes) { used_.fetch_sub(bytes, std::memory_order_relaxed); }

absl::Status MemoryExhaustedError(uint64_t limit_bytes, std::string_view what) {
  if (limit_bytes == 0) {
    return absl::ResourceExhaustedError(StrCat(
        "query ran out of memory (", what, "); lower --memory-limit or free memory"));
  }
  return absl::ResourceExhaustedError(StrCat("query needs more than the memory limit of ",
                                                   FormatMemorySize(limit_bytes), " (", what,
                                                   "); raise --memory-limit"));
}

absl::Status AllocationFailedError(const MemoryBudget* budget) {
  if (budget == nullptr) return MemoryExhaustedError(0, "an allocation failed");
  return MemoryExhaustedError(0, StrCat("an allocation failed with ",
                                        FormatMemorySize(budget->used()), " of the limit of ",
                                        FormatMemorySize(budget->limit()), " in use"));
}

std::string FormatMemorySize(uint64_t bytes) {
  static constexpr const char* kUnits[] = {"bytes", "KB", "MB", "GB", "TB", "PB"};
  if (bytes < 1024) return StrCat(bytes, " bytes");
  double size = static_cast<double>(bytes);
  int unit = 0;
  while (size >= 1024 && unit + 1 < 6) {
    size /= 1024;
    unit++;
  }
  return absl::StrFormat("%.1f %s", size, kUnits[unit]);
}

std::string FormatCount(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); i++) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

uint64_t AvailableMemoryBytes() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGE_SIZE);
  uint64_t physical = pages > 0 && page_size > 0
                          ? static_cast<uint64_t>(pages) * static_cast<uint64_t>(page_size)
                          : 0;
  const uint64_t cgroup = CgroupLimitBytes();
  if (cgroup > 0 && (physical == 0 || cgroup < physical)) return cgroup;
  return physical;
}

absl::Status MemoryReservation::GrowSlow(uint64_t total_bytes,
                                         absl::FunctionRef<std::string()> what) {
  // Whole blocks, growing with what is held, so that a consumer that grows
  // steadily reserves O(log n) times, not once per chunk.
  const uint64_t block = std::max(kBlockBytes, reserved_ / 8);
  uint64_t target = (total_bytes + block - 1) / block * block;
  if (target - reserved_ > budget_->limit()) target = total_bytes;  // let the error say so
  absl::Status status = budget_->Reserve(target - reserved_, what);
  if (!status.ok() && target > total_bytes) {
    // The rounding may be what does not fit: try the exact amount.
    status = budget_->Reserve(total_bytes - reserved_, what);
    target = total_bytes;
  }
  if (!status.ok()) return status;
  reserved_ = target;
  return absl::OkStatus();
}

void MemoryReservation::Shrink(uint64_t total_bytes) {
  if (total_bytes >= reserved_ || budget_ == nullptr) return;
  budget_->Release(reserved_ - total_bytes);
  reserved_ = total_bytes;
  held_ = std::min(held_, total_bytes);
}

void MemoryReservation::Absorb(MemoryReservation* other) {
  reserved_ += other->reserved_;
  held_ += other->held_;
  other->reserved_ = 0;
  other->held_ = 0;
}

}  // namespace ctq
