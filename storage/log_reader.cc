#include "storage/log_reader.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>

#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
#include "storage/event_parser.h"
#include "storage/file_discovery.h"
#include "storage/log_file_parser.h"
#include "storage/row_group_builder.h"

namespace ctq {
namespace {

// A run is a stretch of consecutive files (in path order) that one worker
// reads into row groups of its own; groups never span runs. Runs end once
// they hold this many input bytes, or a share of all input when that is
// more, so that a big ingest gets mostly full groups and a small one still
// has a few runs per core. Run boundaries depend on the file list and sizes
// only, never on the thread count, so neither does the table.
constexpr uint64_t kMinRunBytes = uint64_t{4} << 20;
constexpr uint64_t kMaxRunBytes = uint64_t{64} << 20;
constexpr uint64_t kRunsWanted = 32;

// Row buffers above this are not kept for reuse after a file.
constexpr size_t kMaxRetainedRowBytes = size_t{16} << 20;

struct FileRun {
  size_t begin = 0;  // file indexes [begin, end)
  size_t end = 0;
  uint64_t bytes = 0;  // their size on disk
};

std::vector<FileRun> SplitIntoRuns(const std::vector<LogFileInfo>& files) {
  uint64_t total = 0;
  for (const LogFileInfo& file : files) total += file.size;
  const uint64_t target = std::clamp(total / kRunsWanted, kMinRunBytes, kMaxRunBytes);
  std::vector<FileRun> runs;
  FileRun run;
  for (size_t i = 0; i < files.size(); i++) {
    run.end = i + 1;
    run.bytes += files[i].size;
    if (run.bytes >= target || i + 1 == files.size()) {
      runs.push_back(run);
      run = FileRun{.begin = i + 1, .end = i + 1, .bytes = 0};
    }
  }
  return runs;
}

void ReleaseLargeRows(ParsedLogFile* file) {
  size_t bytes = 0;
  for (const StringColumnData& column : file->rows.columns) bytes += column.bytes.capacity();
  if (bytes > kMaxRetainedRowBytes) file->rows = RowGroup();
}

// What the workers share.
struct ReadShared {
  ReadShared(const std::vector<LogFileInfo>& files, const std::vector<FileRun>& runs,
             uint32_t row_group_rows, FileLimits limits, EventIdSet* dedup,
             const RowGroupSink& on_row_group, const LogRunSink& on_run, IngestProgress* progress)
      : files(files),
        runs(runs),
        row_group_rows(row_group_rows),
        limits(limits),
        dedup(dedup),
        on_row_group(on_row_group),
        on_run(on_run),
        progress(progress) {}

  const std::vector<LogFileInfo>& files;
  const std::vector<FileRun>& runs;
  uint32_t row_group_rows;
  FileLimits limits;
  EventIdSet* dedup;
  const RowGroupSink& on_row_group;
  const LogRunSink& on_run;
  IngestProgress* progress;
  std::atomic<size_t> next_run{0};
  std::atomic<bool> stop{false};
  std::mutex mutex;  // guards error
  absl::Status error;

  void Fail(absl::Status status) {
    std::lock_guard<std::mutex> lock(mutex);
    if (error.ok()) error = std::move(status);
    stop = true;
  }
};

// Hands the builder's full groups to the row-group sink, keeping those it
// leaves in place.
absl::Status DrainGroups(ReadShared& shared, size_t run_index, Table* built, LogRun* run) {
  for (auto& group : built->row_groups) {
    if (shared.on_row_group) CTQ_RETURN_IF_ERROR(shared.on_row_group(run_index, &group));
    if (group != nullptr) run->row_groups.push_back(std::move(group));
  }
  built->row_groups.clear();
  return absl::OkStatus();
}

// Reads the files of one run into row groups of its own. `parser` and `file`
// are the worker's, reused across files and runs.
absl::Status ReadRun(ReadShared& shared, size_t run_index, LogFileParser* parser,
                     ParsedLogFile* file) {
  const FileRun& range = shared.runs[run_index];
  LogRun run;
  run.index = run_index;
  Table built;
  RowGroupBuilder builder(shared.row_group_rows, &built);
  uint64_t bytes_left = range.bytes;
  for (size_t index = range.begin; index < range.end; index++) {
    if (shared.stop.load(std::memory_order_relaxed)) return absl::OkStatus();
    const LogFileInfo& info = shared.files[index];
    uint64_t bytes_read = 0;
    absl::Status status = parser->ParseFile(info.path, file, &bytes_read);
    run.input_bytes += bytes_read;
    bytes_left -= std::min(bytes_left, info.size);
    if (!status.ok()) {
      run.skipped.push_back({info.path, std::string(ToStd(status.message()))});
    } else if (file->is_digest) {
      run.digest_files++;
    } else {
      if (shared.dedup != nullptr) run.duplicates_dropped += DropSeenEvents(&file->rows, shared.dedup);
      run.files.push_back(info);
      run.file_events.push_back(file->rows.row_count);
      run.events += file->rows.row_count;
      run.issues.Add(*file);
      // The rest of the run should have about as many rows per byte as what
      // was read so far.
      uint64_t bytes_done = range.bytes - bytes_left;
      if (bytes_done > 0) {
        double rows_per_byte = static_cast<double>(run.events) / static_cast<double>(bytes_done);
        builder.ExpectRows(file->rows.row_count +
                           static_cast<uint64_t>(rows_per_byte * static_cast<double>(bytes_left)));
      }
      builder.Append(file->rows);
      CTQ_RETURN_IF_ERROR(DrainGroups(shared, run_index, &built, &run));
    }
    if (shared.progress != nullptr) {
      shared.progress->files_done.fetch_add(1, std::memory_order_relaxed);
      shared.progress->bytes_done.fetch_add(info.size, std::memory_order_relaxed);
      if (status.ok()) {
        shared.progress->events.fetch_add(file->rows.row_count, std::memory_order_relaxed);
      }
    }
    ReleaseLargeRows(file);
  }
  builder.Finish();
  CTQ_RETURN_IF_ERROR(DrainGroups(shared, run_index, &built, &run));
  return shared.on_run(std::move(run));
}

}  // namespace

void ValueIssues::Add(const ValueIssues& other) {
  events_with_replacements += other.events_with_replacements;
  for (int k = 0; k < kStructCount; k++) type_mismatches[k] += other.type_mismatches[k];
}

void ValueIssues::Add(const ParsedLogFile& file) {
  events_with_replacements += file.events_with_replacements;
  for (int k = 0; k < kStructCount; k++) type_mismatches[k] += file.type_mismatches[k];
}

void AddValueIssues(const ValueIssues& issues, IngestReport* report) {
  report->events_with_replacements += issues.events_with_replacements;
  auto& list = report->type_mismatches;
  for (int k = 0; k < kStructCount; k++) {
    if (issues.type_mismatches[k] == 0) continue;
    std::string column(RowColumnName(kCloudTrailColumnCount + k));
    auto it = std::find_if(list.begin(), list.end(),
                           [&column](const auto& entry) { return entry.column == column; });
    if (it == list.end()) it = list.insert(list.end(), {column, 0});
    it->values += issues.type_mismatches[k];
  }
  // Schema order, whatever order the runs came in.
  auto position = [](const IngestReport::TypeMismatches& entry) {
    std::optional<StructSpec> spec = FindStruct(entry.column);
    return spec.has_value() ? spec->presence_column : kStoredColumnCount;
  };
  std::sort(list.begin(), list.end(),
            [&](const auto& a, const auto& b) { return position(a) < position(b); });
}

std::vector<LogFileInfo> StatLogFiles(const std::vector<std::string>& paths) {
  std::vector<LogFileInfo> files(paths.size());
  for (size_t i = 0; i < paths.size(); i++) {
    files[i].path = paths[i];
    struct stat info;
    if (::stat(paths[i].c_str(), &info) == 0 && S_ISREG(info.st_mode)) {
      files[i].size = static_cast<uint64_t>(info.st_size);
      files[i].mtime_ns = static_cast<int64_t>(info.st_mtim.tv_sec) * 1000000000 +
                          static_cast<int64_t>(info.st_mtim.tv_nsec);
    }
  }
  return files;
}

absl::Status ReadLogRuns(const std::vector<LogFileInfo>& files, const LogReadOptions& options,
                         const RowGroupSink& on_row_group, const LogRunSink& on_run,
                         IngestProgress* progress) {
  const std::vector<FileRun> runs = SplitIntoRuns(files);
  if (runs.empty()) return absl::OkStatus();
  ReadShared shared(files, runs,
                    options.row_group_rows > 0 ? options.row_group_rows : kDefaultRowGroupRows,
                    FileLimits{.max_file_bytes = options.max_file_bytes,
                               .max_inflation_ratio = options.max_inflation_ratio},
                    options.dedup, on_row_group, on_run, progress);
  int threads =
      options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  threads = static_cast<int>(std::min<size_t>(std::max(threads, 1), runs.size()));

  // Each worker takes the next run not yet taken; the calling thread is one.
  auto work = [&shared] {
    LogFileParser parser(shared.limits);
    ParsedLogFile file;
    while (!shared.stop.load(std::memory_order_relaxed)) {
      size_t run = shared.next_run++;
      if (run >= shared.runs.size()) return;
      absl::Status status = ReadRun(shared, run, &parser, &file);
      if (!status.ok()) shared.Fail(std::move(status));
    }
  };
  std::vector<std::thread> threads_started;
  for (int i = 1; i < threads; i++) {
    try {
      threads_started.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // out of threads: go on with those that started
    }
  }
  work();
  for (std::thread& thread : threads_started) thread.join();
  return shared.error;
}

absl::StatusOr<LogReadResult> ReadLogs(const std::vector<std::string>& paths,
                                       const LogReadOptions& options) {
  LogReadResult result;
  CTQ_ASSIGN_OR_RETURN(DiscoveredFiles discovered, DiscoverLogFiles(paths, &result.skipped));
  result.digest_files = discovered.digest_files;
  const std::vector<LogFileInfo> files = StatLogFiles(discovered.files);

  // Runs finish in any order; they are joined in file order afterwards.
  std::vector<LogRun> runs;
  std::mutex mutex;
  CTQ_RETURN_IF_ERROR(ReadLogRuns(
      files, options, RowGroupSink(),
      [&](LogRun run) {
        std::lock_guard<std::mutex> lock(mutex);
        runs.push_back(std::move(run));
        return absl::OkStatus();
      },
      nullptr));
  std::sort(runs.begin(), runs.end(),
            [](const LogRun& a, const LogRun& b) { return a.index < b.index; });
  for (LogRun& run : runs) {
    for (auto& group : run.row_groups) result.table.row_groups.push_back(std::move(group));
    for (SkippedFile& file : run.skipped) result.skipped.push_back(std::move(file));
    result.files_read += run.files.size();
    result.digest_files += run.digest_files;
    result.events += run.events;
    result.input_bytes += run.input_bytes;
    result.issues.Add(run.issues);
  }
  return result;
}

}  // namespace ctq
