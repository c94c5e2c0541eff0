#pragma once

// Decides which log files a run writes: for each file its account, region, time window and
// number of events. Planning is cheap and sequential; generating the files is the parallel part.

#include <cstdint>
#include <vector>

#include "tools/ctqgen/planted_incident.h"

namespace ctq::gen {

struct PlanOptions {
  uint64_t seed = 1;
  int64_t events = 0;         // Total events, planted ones included.
  int64_t start_seconds = 0;  // Inclusive.
  int64_t end_seconds = 0;    // Exclusive. REQUIRES: end_seconds > start_seconds.
  int accounts = 1;
  int regions = 1;
  int64_t events_per_file = 200;  // Mean.
};

// One CloudTrail log file: the events of one account and region in a 5-15 minute window.
struct PlannedFile {
  uint32_t account = 0;
  uint32_t region = 0;
  int64_t window_start = 0;   // Inclusive, seconds since the epoch.
  int64_t window_end = 0;     // Exclusive.
  int64_t delivery_time = 0;  // The time in the file name; decides the S3 date folder.
  int64_t random_events = 0;
  std::vector<PlantedEvent> planted;  // Sorted by time; all inside the window.
};

// Returns the files of a run. The random_events plus planted counts add up to exactly
// options.events. File sizes are skewed (many small files, a few large ones) with a mean near
// events_per_file. `planted` events go to a file of the incident account and region whose
// window holds them; a file is added where none does. REQUIRES: planted.size() <= events.
std::vector<PlannedFile> PlanFiles(const PlanOptions& options,
                                   const std::vector<PlantedEvent>& planted);

}  // namespace ctq::gen
