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

// Adds `paths` to `database`. Writes "warning: skipped PATH: REASON" to `err`
// for each file that could not be read and, when `print_summary`, a line
// such as "loaded 51,726 events from 5,346 files in 1.2 s". Returns
// AddLogs' error (e.g. a path that does not exist), untouched.
absl::Status LoadLogs(Database& database, const std::vector<std::string>& paths, bool print_summary,
                      std::ostream& err);

// The summary line, without a newline.
std::string LoadSummary(const IngestReport& report, double seconds);

// 1234567 -> "1,234,567".
std::string GroupThousands(uint64_t n);

}  // namespace ctq
