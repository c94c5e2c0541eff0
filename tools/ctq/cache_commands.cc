#include "tools/ctq/cache_commands.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "ctq/database.h"
#include "tools/ctq/cli.h"
#include "tools/ctq/log_loading.h"
#include "engine/terminal_text.h"

namespace ctq {
namespace {

constexpr auto kProgressInterval = std::chrono::milliseconds(200);

// Redraws the progress line on a terminal until stopped; erases it then, so
// that the summary starts on a clean line.
class ProgressPrinter {
 public:
  ProgressPrinter(const IngestProgress& progress, std::ostream& err)
      : progress_(progress), err_(err), thread_([this] { Loop(); }) {}
  ~ProgressPrinter() { Stop(); }

  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopped_) return;
      stopped_ = true;
    }
    wake_.notify_all();
    thread_.join();
    err_ << "\r\033[K" << std::flush;
  }

 private:
  void Loop() {
    const auto start = std::chrono::steady_clock::now();
    std::unique_lock<std::mutex> lock(mutex_);
    while (!wake_.wait_for(lock, kProgressInterval, [this] { return stopped_; })) {
      double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      err_ << "\r\033[K" << ProgressLine(progress_, seconds) << std::flush;
    }
  }

  const IngestProgress& progress_;
  std::ostream& err_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopped_ = false;
  std::thread thread_;
};

std::string Ratio(uint64_t part, uint64_t whole) {
  if (whole == 0) return "-";
  return absl::StrFormat("%.2f", static_cast<double>(part) / static_cast<double>(whole));
}

}  // namespace

std::string FormatBytes(uint64_t bytes) {
  const char* units[] = {"B", "kB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1000 && unit < 4) {
    value /= 1000;
    unit++;
  }
  if (unit == 0) return absl::StrCat(bytes, " B");
  return absl::StrFormat("%.1f %s", value, units[unit]);
}

std::string ProgressLine(const IngestProgress& progress, double seconds) {
  const uint64_t files = progress.files_done.load(), files_total = progress.files_total.load();
  const uint64_t bytes = progress.bytes_done.load(), bytes_total = progress.bytes_total.load();
  std::string line = absl::StrCat(GroupThousands(files), "/", GroupThousands(files_total),
                                  " files  ", GroupThousands(progress.events.load()), " events");
  if (seconds > 0) {
    absl::StrAppend(&line, absl::StrFormat("  %.1f MB/s", static_cast<double>(bytes) / 1e6 / seconds));
  }
  if (bytes > 0 && bytes_total > bytes && seconds > 0.5) {
    uint64_t eta = static_cast<uint64_t>(seconds * static_cast<double>(bytes_total - bytes) /
                                         static_cast<double>(bytes));
    absl::StrAppend(&line, absl::StrFormat("  ETA %d:%02d", eta / 60, eta % 60));
  }
  return line;
}

int RunIngestCommand(const IngestCommandSettings& settings, std::ostream& out, std::ostream& err) {
  IngestProgress progress;
  CacheIngestOptions options;
  options.threads = settings.threads;
  // The same default as queries get (Options::memory_limit_bytes).
  options.memory_limit_bytes = ResolveMemoryLimit(settings.memory_limit_bytes);
  options.dedup_events = settings.dedup;
  options.progress = &progress;
  absl::StatusOr<CacheIngestReport> report;
  {
    std::optional<ProgressPrinter> printer;
    if (settings.progress && !settings.quiet) printer.emplace(progress, err);
    report = IngestIntoCache(settings.cache_dir, settings.paths, options);
  }
  if (!report.ok()) {
    err << "Error: " << EscapedMessage(report.status()) << '\n';
    return kExitFailure;
  }
  PrintReadWarnings(report->read, err);
  for (const std::string& changed : report->changed_files) {
    err << "warning: not re-read " << EscapeForTerminal(changed)
        << ": its content changed since it was ingested; its earlier events stay\n";
  }
  const IngestReport& read = report->read;
  if (ReadNothing(read, report->files_already_ingested + report->files_recognized)) {
    err << "Error: " << EscapedMessage(NothingReadError(read)) << '\n';
    return kExitFailure;
  }
  if (settings.quiet) return kExitOk;
  const double seconds = report->seconds > 0 ? report->seconds : 1e-9;
  std::string summary = absl::StrFormat(
      "ingested %s event%s from %s new file%s (%s) in %.2f s: %s events/s, %.1f MB/s",
      GroupThousands(read.events), read.events == 1 ? "" : "s", GroupThousands(read.files_read),
      read.files_read == 1 ? "" : "s", FormatBytes(read.input_bytes), report->seconds,
      GroupThousands(static_cast<uint64_t>(static_cast<double>(read.events) / seconds)),
      static_cast<double>(read.input_bytes) / 1e6 / seconds);
  if (report->files_already_ingested > 0) {
    absl::StrAppend(&summary, "; ", GroupThousands(report->files_already_ingested),
                    " file", report->files_already_ingested == 1 ? "" : "s",
                    " already in the cache");
  }
  if (report->files_recognized > 0) {
    // Moved, re-synced or copied files: the same content as files already
    // ingested, so their events are not counted again.
    absl::StrAppend(&summary, "; ", GroupThousands(report->files_recognized), " file",
                    report->files_recognized == 1 ? "" : "s",
                    " recognised by content (moved or copied), not read again");
  }
  if (report->duplicates_dropped > 0) {
    absl::StrAppend(&summary, "; ", GroupThousands(report->duplicates_dropped), " duplicate event",
                    report->duplicates_dropped == 1 ? "" : "s",
                    " (an eventID already ingested) dropped");
  }
  if (!read.skipped.empty()) {
    absl::StrAppend(&summary, "; ", GroupThousands(read.skipped.size()), " skipped");
  }
  err << summary << '\n';
  err << "cache " << EscapeForTerminal(settings.cache_dir) << ": "
      << GroupThousands(report->cache_events) << " events, " << FormatBytes(report->cache_bytes)
      << " on disk\n";
  return kExitOk;
}

namespace {

// Events whose eventid an earlier event has: count(eventid) - count(DISTINCT
// eventid), asked of the cache like any query (under the default memory limit).
absl::StatusOr<uint64_t> CountDuplicateEvents(const std::string& cache_dir) {
  absl::StatusOr<std::unique_ptr<Database>> db = Database::OpenCache(cache_dir, Options());
  if (!db.ok()) return db.status();
  absl::StatusOr<QueryResult> result = (*db)->Query(
      "select count(eventid) - count(distinct eventid) from cloudtrail_logs");
  if (!result.ok()) return result.status();
  return static_cast<uint64_t>(result->value(0, 0).bigint());
}

}  // namespace

int RunInfoCommand(const std::string& cache_dir, std::ostream& out, std::ostream& err) {
  absl::StatusOr<CacheInfo> info = DescribeCache(cache_dir);
  if (!info.ok()) {
    err << "Error: " << EscapedMessage(info.status()) << '\n';
    return kExitFailure;
  }
  auto field = [&out](std::string_view name) { out << absl::StrFormat("%-14s", name); };
  field("cache:");
  out << EscapeForTerminal(info->directory) << '\n';
  field("sources:");
  for (size_t i = 0; i < info->sources.size(); i++) {
    if (i > 0) out << std::string(14, ' ');
    out << EscapeForTerminal(info->sources[i]) << '\n';
  }
  if (info->sources.empty()) out << "(none)\n";
  field("files:");
  out << GroupThousands(info->files) << " (" << FormatBytes(info->input_bytes) << " of logs)";
  if (info->copies > 0) {
    out << "; " << GroupThousands(info->copies) << " more path" << (info->copies == 1 ? "" : "s")
        << " held a copy of one of them";
  }
  out << '\n';
  field("events:");
  out << GroupThousands(info->events) << '\n';
  // CloudTrail may deliver an event more than once (in two files); every
  // delivered event stays in the table, as Athena counts them.
  field("duplicates:");
  if (absl::StatusOr<uint64_t> duplicates = CountDuplicateEvents(cache_dir); duplicates.ok()) {
    out << GroupThousands(*duplicates)
        << (*duplicates == 1 ? " event shares its" : " events share their")
        << " eventid with an earlier one"
        << (*duplicates > 0 ? " (all are kept, as Athena keeps them; 'ctq ingest --dedup' keeps "
                              "one per eventid from now on)"
                            : "")
        << '\n';
  } else {
    out << "(unknown: " << EscapedMessage(duplicates.status()) << ")\n";
  }
  field("time range:");
  if (info->first_event_time.empty()) {
    out << "(no events)\n";
  } else {
    out << info->first_event_time << " .. " << info->last_event_time << '\n';
  }
  field("segments:");
  out << GroupThousands(info->segments) << " (" << GroupThousands(info->row_groups)
      << " row groups)\n";
  field("on disk:");
  out << FormatBytes(info->cache_bytes) << " (" << Ratio(info->cache_bytes, info->input_bytes)
      << " of the logs)\n";
  auto counts = [&](std::string_view name, const std::vector<CacheInfo::Count>& list) {
    field(name);
    if (list.empty()) out << "(none)\n";
    for (size_t i = 0; i < list.size(); i++) {
      if (i > 0) out << std::string(14, ' ');
      // Account and region names come from the delivery paths, as written.
      out << (list[i].name.empty() ? "(not from a delivery path)" : EscapeForTerminal(list[i].name))
          << "  " << GroupThousands(list[i].events) << " events\n";
    }
  };
  counts("accounts:", info->accounts);
  counts("regions:", info->regions);
  out << "bytes on disk per column:\n";
  uint64_t total = 0;
  for (const auto& column : info->column_bytes) total += column.bytes;
  for (const auto& column : info->column_bytes) {
    out << absl::StrFormat("  %-48s %10s  %5.1f%%\n", column.column, FormatBytes(column.bytes),
                           total == 0 ? 0.0 : 100.0 * static_cast<double>(column.bytes) /
                                                  static_cast<double>(total));
  }
  return kExitOk;
}

int RunCheckCommand(const std::string& cache_dir, std::ostream& out, std::ostream& err) {
  absl::StatusOr<CacheCheckReport> report = CheckCache(cache_dir);
  if (!report.ok()) {
    err << "Error: " << EscapedMessage(report.status()) << '\n';
    return kExitFailure;
  }
  for (const std::string& problem : report->problems) {
    err << "damaged: " << EscapeForTerminal(problem) << '\n';
  }
  out << "checked " << GroupThousands(report->segments) << " segment"
      << (report->segments == 1 ? "" : "s") << ", " << GroupThousands(report->chunks_verified)
      << " column chunks (" << FormatBytes(report->bytes_verified) << "): "
      << (report->problems.empty() ? "OK"
                                   : absl::StrCat(report->problems.size(), " problem",
                                                  report->problems.size() == 1 ? "" : "s"))
      << '\n';
  return report->problems.empty() ? kExitOk : kExitFailure;
}

}  // namespace ctq
