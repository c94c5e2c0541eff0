// Loading logs at start-up: calls Database::AddLogs and tells the user what
// happened (skipped files, and a one-line summary on a terminal).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "ctq/database.h"

namespace ctq {

// Adds `paths` to `database`. Writes the warnings of PrintReadWarnings to
// `err` and, when `print_summary`, a line such as "loaded 51,726 events from
// 5,346 files in 1.2 s". Returns AddLogs' error (e.g. a path that does not
// exist), untouched, and FailedPrecondition when the paths held files but
// none could be read (ReadNothing): a query over nothing would answer 0.
absl::Status LoadLogs(Database& database, const std::vector<std::string>& paths, bool print_summary,
                      std::ostream& err);

// Writes to `err`: "warning: skipped PATH: REASON" for each file not read,
// and one line each for events kept with invalid text replaced by U+FFFD and
// for values of the wrong JSON type stored as NULL (per column).
void PrintReadWarnings(const IngestReport& report, std::ostream& err);

// True when files were found but not one was read (every one skipped): the
// caller fails rather than reporting success over no data. Files already in
// a cache (`files_known`) count as read.
bool ReadNothing(const IngestReport& report, uint64_t files_known = 0);

// The error for ReadNothing.
absl::Status NothingReadError(const IngestReport& report);

// The summary line, without a newline.
std::string LoadSummary(const IngestReport& report, double seconds);

// 1234567 -> "1,234,567".
std::string GroupThousands(uint64_t n);

}  // namespace ctq
