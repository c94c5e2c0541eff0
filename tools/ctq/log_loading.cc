#include "tools/ctq/log_loading.h"

#include <chrono>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "engine/terminal_text.h"

namespace ctq {

std::string GroupThousands(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string LoadSummary(const IngestReport& report, double seconds) {
  std::string line =
      absl::StrFormat("loaded %s event%s from %s file%s in %.1f s", GroupThousands(report.events),
                      report.events == 1 ? "" : "s", GroupThousands(report.files_read),
                      report.files_read == 1 ? "" : "s", seconds);
  if (!report.skipped.empty()) {
    absl::StrAppend(&line, " (", GroupThousands(report.skipped.size()), " skipped)");
  }
  return line;
}

absl::Status LoadLogs(Database& database, const std::vector<std::string>& paths, bool print_summary,
                      std::ostream& err) {
  auto start = std::chrono::steady_clock::now();
  absl::StatusOr<IngestReport> report = database.AddLogs(paths);
  if (!report.ok()) return report.status();
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  for (const IngestReport::Skipped& skipped : report->skipped) {
    err << "warning: skipped " << EscapeForTerminal(skipped.path) << ": "
        << EscapeForTerminal(skipped.reason) << '\n';
  }
  if (print_summary) err << LoadSummary(*report, elapsed.count()) << '\n';
  err.flush();
  return absl::OkStatus();
}

}  // namespace ctq
