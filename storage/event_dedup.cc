#include "storage/event_dedup.h"

#include <cstring>
#include <vector>

#include "storage/cloudtrail_schema.h"

namespace ctq {
namespace {

int EventIdColumn() {
  static const int column = *FindColumn("eventid");
  return column;
}

// Keeps the rows of `column` whose `keep` is set, in order, in place. Rows
// of parsed files are plain (no dictionary or hex form).
void CompactColumn(const std::vector<uint8_t>& keep, StringColumnData* column) {
  uint32_t out = 0;
  uint32_t bytes_out = 0;
  for (uint32_t row = 0; row < keep.size(); row++) {
    if (!keep[row]) continue;
    const uint32_t begin = column->offsets[row];
    const uint32_t length = column->offsets[row + 1] - begin;
    if (bytes_out != begin) {
      std::memmove(column->bytes.data() + bytes_out, column->bytes.data() + begin, length);
    }
    bytes_out += length;
    column->valid[out] = column->valid[row];
    out++;
    column->offsets[out] = bytes_out;
  }
  column->bytes.resize(bytes_out);
  column->valid.resize(out);
  column->offsets.resize(out + 1);
}

}  // namespace

bool EventIdSet::Insert(std::string_view event_id) {
  const ContentHash hash = Hash128(event_id);
  Shard& shard = shards_[hash.low % kShards];
  std::lock_guard<std::mutex> lock(shard.mutex);
  return shard.ids.insert(hash).second;
}

void AddEventIds(const StringColumnData& event_ids, EventIdSet* seen) {
  for (uint32_t row = 0; row < event_ids.size(); row++) {
    if (!event_ids.IsNull(row)) seen->Insert(event_ids.Get(row));
  }
}

uint32_t DropSeenEvents(RowGroup* rows, EventIdSet* seen) {
  const StringColumnData& ids = rows->columns[EventIdColumn()];
  std::vector<uint8_t> keep(rows->row_count, 1);
  uint32_t dropped = 0;
  for (uint32_t row = 0; row < rows->row_count; row++) {
    if (!ids.IsNull(row) && !seen->Insert(ids.Get(row))) {
      keep[row] = 0;
      dropped++;
    }
  }
  if (dropped == 0) return 0;
  for (StringColumnData& column : rows->columns) CompactColumn(keep, &column);
  rows->row_count -= dropped;
  return dropped;
}

}  // namespace ctq
