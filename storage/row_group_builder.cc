#include "storage/row_group_builder.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>

#include "ctq/internal/status_macros.h"

namespace ctq {
namespace {

constexpr uint64_t kMaxColumnBytes = std::numeric_limits<uint32_t>::max();
// No column reserves more than this up front; past it, it grows as usual.
constexpr uint64_t kMaxReserveBytes = uint64_t{1} << 30;

uint64_t RangeBytes(const StringColumnData& column, uint32_t begin, uint32_t end) {
  return column.offsets[end] - column.offsets[begin];
}

// Asks the kernel to back the whole 2 MiB pages inside [data, data + bytes)
// with transparent huge pages. A group's columns are written once, into fresh
// memory, and taking a page fault per 4 KiB page was most of ingest time (and
// worse in a VM); a huge page costs one fault per 2 MiB. Only the pages that
// get written are backed, so this does not grow memory by more than the one
// partly written huge page at the end of the written part.
// Where THP is off or unknown this is a no-op.
void AdviseHugePages(const void* data, size_t bytes) {
#ifdef MADV_HUGEPAGE
  constexpr uintptr_t kHugePage = uintptr_t{2} << 20;
  if (bytes < 2 * kHugePage) return;
  uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + kHugePage - 1) & ~(kHugePage - 1);
  uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(kHugePage - 1);
  if (end > begin) {
    // Advice only: on failure the pages are simply small ones.
    (void)::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
  }
#endif
}

template <typename Buffer>
void ShrinkIfMostlyUnused(Buffer* buffer) {
  if (buffer->capacity() / 2 > buffer->size()) buffer->shrink_to_fit();
}

}  // namespace

RowGroupBuilder::RowGroupBuilder(uint32_t max_rows, Table* table)
    : max_rows_(max_rows), table_(table) {
  CTQ_DCHECK(max_rows > 0);
}

void RowGroupBuilder::Append(const RowGroup& rows) {
  for (int column = 0; column < kStoredColumnCount; column++) {
    bytes_seen_[column] += rows.columns[column].bytes.size();
  }
  rows_seen_ += rows.row_count;
  uint32_t begin = 0;
  while (begin < rows.row_count) {
    if (current_ == nullptr) StartGroup();
    uint32_t end = begin + std::min(rows.row_count - begin, max_rows_ - current_->row_count);
    // A slice of one file always fits an empty group: its own offsets are
    // 32-bit too.
    if (current_->row_count > 0 && !FitsBytes(rows, begin, end)) {
      Flush();
      continue;
    }
    AppendRange(rows, begin, end);
    rows_expected_ -= std::min<uint64_t>(rows_expected_, end - begin);
    begin = end;
    if (current_->row_count == max_rows_) Flush();
  }
}

void RowGroupBuilder::Finish() {
  if (current_ != nullptr && current_->row_count > 0) {
    // The last group is usually partly filled: give back what StartGroup
    // reserved and did not use, where that is most of a column (a copy, but
    // of less than half the reservation).
    for (StringColumnData& column : current_->columns) {
      ShrinkIfMostlyUnused(&column.bytes);
      ShrinkIfMostlyUnused(&column.offsets);
      ShrinkIfMostlyUnused(&column.valid);
    }
    Flush();
  }
  current_.reset();
}

// Growing a group file by file would copy its bytes several times over, into
// fresh pages each time (the one copy into the table, with its page faults,
// is already a third of ingest time). So each column reserves what a full
// group should need (or the rest of the run, when ExpectRows says it is
// less), from the average row so far; reserved pages that are never touched
// cost address space, not memory.
void RowGroupBuilder::StartGroup() {
  current_ = std::make_unique<RowGroup>();
  CTQ_DCHECK(rows_seen_ > 0);
  // An estimate too low would make the group grow by copies: never reserve
  // for less than a sixteenth of a group.
  const uint64_t rows =
      std::min<uint64_t>(max_rows_, std::max<uint64_t>(rows_expected_, max_rows_ / 16 + 1));
  for (int column = 0; column < kStoredColumnCount; column++) {
    StringColumnData& data = current_->columns[column];
    double per_row = static_cast<double>(bytes_seen_[column]) / static_cast<double>(rows_seen_);
    uint64_t estimate = static_cast<uint64_t>(per_row * 1.125 * static_cast<double>(rows)) + 64;
    data.bytes.reserve(std::min(estimate, kMaxReserveBytes));
    data.offsets.reserve(std::min<uint64_t>(rows, kMaxReserveBytes / 8) + 1);
    data.valid.reserve(std::min<uint64_t>(rows, kMaxReserveBytes / 8));
    AdviseHugePages(data.bytes.data(), data.bytes.capacity());
    AdviseHugePages(data.offsets.data(), data.offsets.capacity() * sizeof(uint32_t));
    AdviseHugePages(data.valid.data(), data.valid.capacity());
  }
}

bool RowGroupBuilder::FitsBytes(const RowGroup& source, uint32_t begin, uint32_t end) const {
  for (int column = 0; column < kStoredColumnCount; column++) {
    uint64_t bytes =
        current_->columns[column].bytes.size() + RangeBytes(source.columns[column], begin, end);
    if (bytes > kMaxColumnBytes) return false;
  }
  return true;
}

void RowGroupBuilder::AppendRange(const RowGroup& source, uint32_t begin, uint32_t end) {
  for (int column = 0; column < kStoredColumnCount; column++) {
    const StringColumnData& from = source.columns[column];
    StringColumnData& to = current_->columns[column];
    const uint32_t first = from.offsets[begin];
    const uint32_t base = static_cast<uint32_t>(to.bytes.size());
    to.bytes.append(from.bytes, first, from.offsets[end] - first);
    for (uint32_t row = begin + 1; row <= end; row++) {
      to.offsets.push_back(base + (from.offsets[row] - first));
    }
    to.valid.insert(to.valid.end(), from.valid.begin() + begin, from.valid.begin() + end);
  }
  current_->row_count += end - begin;
}

void RowGroupBuilder::Flush() {
  table_->row_groups.push_back(std::shared_ptr<const RowGroup>(std::move(current_)));
  current_.reset();
}

}  // namespace ctq
