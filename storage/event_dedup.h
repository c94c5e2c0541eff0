// Dropping events delivered more than once. CloudTrail may deliver an event
// in two files (the real sans504 logs hold 6,496 such copies); Athena counts
// every copy, and so does ctq by default. `ctq ingest --dedup` keeps one
// event per eventID instead: the first one ingested, against the whole
// cache.
//
// Events are known by the XXH3-128 of their eventID (a false match would
// drop an event; at 128 bits it does not happen), 16 bytes per event in
// memory while an ingest runs. An event without an eventID is always kept.
//
// Thread-safety: EventIdSet is safe for concurrent use (sharded locks), so
// the workers of one ingest share one. Which copy survives when two workers
// read copies of one event at once is the one that got there first; the
// number kept is the same either way.
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <string_view>

#include "absl/container/flat_hash_set.h"
#include "storage/content_hash.h"
#include "storage/row_group.h"

namespace ctq {

class EventIdSet {
 public:
  // Adds `event_id`; false if it was there already.
  bool Insert(std::string_view event_id);

 private:
  static constexpr int kShards = 64;
  struct Shard {
    std::mutex mutex;
    absl::flat_hash_set<ContentHash> ids;
  };
  std::array<Shard, kShards> shards_;
};

// Adds every event id of `rows` to `seen`.
void AddEventIds(const StringColumnData& event_ids, EventIdSet* seen);

// Removes from `rows` each event whose eventID is in `seen` (or earlier in
// `rows`), adds the others' to `seen`, and returns how many were removed.
// Row order is kept.
uint32_t DropSeenEvents(RowGroup* rows, EventIdSet* seen);

}  // namespace ctq
