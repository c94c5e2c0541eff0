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
  PrintReadWarnings(*report, err);
  if (print_summary) err << LoadSummary(*report, elapsed.count()) << '\n';
  err.flush();
  if (ReadNothing(*report)) return NothingReadError(*report);
  return absl::OkStatus();
}

void PrintReadWarnings(const IngestReport& report, std::ostream& err) {
  for (const IngestReport::Skipped& skipped : report.skipped) {
    err << "warning: skipped " << EscapeForTerminal(skipped.path) << ": "
        << EscapeForTerminal(skipped.reason) << '\n';
  }
  if (report.events_with_replacements > 0) {
    const uint64_t n = report.events_with_replacements;
    err << "warning: " << GroupThousands(n) << (n == 1 ? " event has" : " events have")
        << " invalid text (bad UTF-8, or a \\u escape of an unpaired surrogate): kept, with "
           "U+FFFD in place of each bad sequence\n";
  }
  if (!report.type_mismatches.empty()) {
    uint64_t total = 0;
    std::string columns;
    for (const IngestReport::TypeMismatches& entry : report.type_mismatches) {
      total += entry.values;
      absl::StrAppend(&columns, columns.empty() ? "" : ", ", entry.column, " ",
                      GroupThousands(entry.values));
    }
    err << "warning: " << GroupThousands(total) << (total == 1 ? " value" : " values")
        << " of the wrong JSON type (not an object where CloudTrail has one) stored as NULL: "
        << columns << '\n';
  }
}

bool ReadNothing(const IngestReport& report, uint64_t files_known) {
  return report.files_read == 0 && files_known == 0 && !report.skipped.empty();
}

absl::Status NothingReadError(const IngestReport& report) {
  const size_t n = report.skipped.size();
  return absl::FailedPreconditionError(absl::StrCat(
      "no log file could be read: ", GroupThousands(n), n == 1 ? " file was" : " files were",
      " skipped (see the warnings above)"));
}

}  // namespace ctq
