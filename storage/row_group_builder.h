// RowGroupBuilder: packs the rows of ingested files, in order, into row groups
// of a bounded size. A big file may span several groups and many small files
// share one, so morsels stay about the same size whatever the file sizes.
// ReadLogs keeps one builder per run of files (log_reader.cc), so groups never
// span runs.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <memory>

#include "storage/row_group.h"

namespace ctq {

// Not thread-safe. Appends to `table`, which must outlive the builder.
class RowGroupBuilder {
 public:
  // REQUIRES: max_rows > 0.
  RowGroupBuilder(uint32_t max_rows, Table* table);
  RowGroupBuilder(const RowGroupBuilder&) = delete;
  RowGroupBuilder& operator=(const RowGroupBuilder&) = delete;

  // Appends (copies) all rows of `rows` after those appended before. Full
  // row groups are added to the table. A group is also closed early when one
  // of its columns would pass 4 GiB of bytes (offsets are 32-bit).
  void Append(const RowGroup& rows);

  // A hint: about `rows` more rows will be appended (those of the next Append
  // included; the count goes down as rows are appended). Groups started from
  // now on reserve room for that many rows rather than for a full group, so
  // that the last group of a run is not reserved at full size and then copied
  // to shrink it. Affects memory only, never which rows go where.
  void ExpectRows(uint64_t rows) { rows_expected_ = rows; }

  // Adds the last, partly filled group to the table.
  void Finish();

 private:
  void StartGroup();
  bool FitsBytes(const RowGroup& source, uint32_t begin, uint32_t end) const;
  void AppendRange(const RowGroup& source, uint32_t begin, uint32_t end);
  void Flush();

  const uint32_t max_rows_;
  Table* table_;
  std::unique_ptr<RowGroup> current_;  // the group being filled, or null
  // Bytes per column over all rows appended so far, to size new groups.
  std::array<uint64_t, kStoredColumnCount> bytes_seen_{};
  uint64_t rows_seen_ = 0;
  uint64_t rows_expected_ = std::numeric_limits<uint64_t>::max();
};

}  // namespace ctq
