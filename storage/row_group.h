// RowGroup: a horizontal slice of the CloudTrail table held in memory, one
// string column per schema leaf. It is the unit of parallel work (a morsel)
// and of pruning. Row groups are immutable once built and shared by
// std::shared_ptr so that query vectors can point into their bytes.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "storage/cloudtrail_schema.h"
#include "storage/hex_shape.h"

namespace ctq {

// Up to 64 Ki rows per row group (ARCHITECTURE.md: morsels of ~64 Ki rows).
inline constexpr uint32_t kDefaultRowGroupRows = 64 * 1024;

// The strings of one column: value i is bytes[offsets[i], offsets[i+1]),
// NULL where valid[i] == 0 (then its byte range is empty). offsets[0] is 0
// when built by Append, but need not be: a column decoded from the cache keeps
// its whole decompressed payload as `bytes`, values after a header.
//
// A scan of a dictionary chunk of the cache may keep it in dictionary form
// (`is_dictionary`): then `offsets` is unused, row i is entry codes[i] (NULL
// where codes[i] == 0), and entry k >= 1 is bytes[dictionary_offsets[k - 1],
// dictionary_offsets[k]). Queries then work once per entry (exec/): the
// values are never copied row by row.
//
// A scan of a hex chunk may keep it as packed digits (`is_hex`): row i is
// NULL where codes[i] == 0, else value codes[i] - 1, whose packed digits
// start at bytes[hex_digits_offset + (codes[i] - 1) * packed_bytes()], and
// hex_shape turns them into text, only for the rows a query still needs.
// Get() does not read this form (there is no text to point at): the column
// scan expands the rows it reads.
struct StringColumnData {
  std::vector<uint32_t> offsets{0};
  std::string bytes;
  std::vector<uint8_t> valid;
  bool is_dictionary = false;
  std::vector<uint32_t> codes;
  std::vector<uint32_t> dictionary_offsets;
  uint64_t dictionary_id = 0;  // unique per decode: keys caches of per-entry results
  bool is_hex = false;
  std::shared_ptr<const HexShape> hex_shape;
  uint32_t hex_digits_offset = 0;

  uint32_t size() const { return static_cast<uint32_t>(valid.size()); }
  bool IsNull(uint32_t row) const { return valid[row] == 0; }
  uint32_t dictionary_size() const {
    return dictionary_offsets.empty() ? 0 : static_cast<uint32_t>(dictionary_offsets.size() - 1);
  }
  // Entry k (1 <= k <= dictionary_size()) of the dictionary form.
  std::string_view Entry(uint32_t k) const {
    return std::string_view(bytes).substr(dictionary_offsets[k - 1],
                                          dictionary_offsets[k] - dictionary_offsets[k - 1]);
  }
  // REQUIRES: !is_hex.
  std::string_view Get(uint32_t row) const {
    if (is_dictionary) return codes[row] == 0 ? std::string_view() : Entry(codes[row]);
    return std::string_view(bytes).substr(offsets[row], offsets[row + 1] - offsets[row]);
  }
  void Append(std::string_view value) {
    bytes.append(value);
    offsets.push_back(static_cast<uint32_t>(bytes.size()));
    valid.push_back(1);
  }
  void AppendNull() {
    offsets.push_back(static_cast<uint32_t>(bytes.size()));
    valid.push_back(0);
  }
};

// The rows of one row group (or of one file being ingested).
struct RowGroup {
  uint32_t row_count = 0;
  // Leaves, ROW presence, then partition columns (cloudtrail_schema.h).
  std::array<StringColumnData, kStoredColumnCount> columns;
};

class SegmentReader;

// A row group that lives in a segment file of the cache: its columns are read
// (and verified) only when a query scans it.
struct StoredRowGroup {
  std::shared_ptr<const SegmentReader> segment;
  uint32_t group = 0;
  uint32_t row_count = 0;
};

// The whole table as an immutable list of row groups: those held in memory
// (logs read with --logs), then those in the cache's segments.
struct Table {
  std::vector<std::shared_ptr<const RowGroup>> row_groups;
  std::vector<StoredRowGroup> stored_groups;

  uint64_t row_count() const {
    uint64_t rows = 0;
    for (const auto& group : row_groups) rows += group->row_count;
    for (const auto& group : stored_groups) rows += group.row_count;
    return rows;
  }
  size_t row_group_count() const { return row_groups.size() + stored_groups.size(); }
};

}  // namespace ctq
