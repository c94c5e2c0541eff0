#include "storage/log_reader.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <system_error>
#include <thread>
#include <utility>

#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
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

// What reading one run produced, kept until the runs are joined in order.
struct RunResult {
  std::vector<std::shared_ptr<const RowGroup>> row_groups;
  std::vector<SkippedFile> skipped;
  uint64_t files_read = 0;
  uint64_t digest_files = 0;
  uint64_t events = 0;
  uint64_t input_bytes = 0;
};

// Sizes on disk, to cut runs; 0 for a file that cannot be stat'ed (reading it
// will then fail and say why).
std::vector<uint64_t> FileSizes(const std::vector<std::string>& files) {
  std::vector<uint64_t> sizes(files.size(), 0);
  for (size_t i = 0; i < files.size(); i++) {
    struct stat info;
    if (::stat(files[i].c_str(), &info) == 0 && S_ISREG(info.st_mode)) {
      sizes[i] = static_cast<uint64_t>(info.st_size);
    }
  }
  return sizes;
}

std::vector<FileRun> SplitIntoRuns(const std::vector<uint64_t>& sizes) {
  uint64_t total = 0;
  for (uint64_t size : sizes) total += size;
  const uint64_t target = std::clamp(total / kRunsWanted, kMinRunBytes, kMaxRunBytes);
  std::vector<FileRun> runs;
  FileRun run;
  for (size_t i = 0; i < sizes.size(); i++) {
    run.end = i + 1;
    run.bytes += sizes[i];
    if (run.bytes >= target || i + 1 == sizes.size()) {
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

// Reads the files of `run` into row groups of their own. `parser` and `file`
// are the worker's, reused across files and runs.
void ReadRun(const std::vector<std::string>& files, const std::vector<uint64_t>& sizes,
             const FileRun& run, uint32_t row_group_rows, LogFileParser* parser,
             ParsedLogFile* file, RunResult* out) {
  Table table;
  RowGroupBuilder builder(row_group_rows, &table);
  uint64_t bytes_left = run.bytes;
  for (size_t index = run.begin; index < run.end; index++) {
    uint64_t bytes_read = 0;
    absl::Status status = parser->ParseFile(files[index], file, &bytes_read);
    out->input_bytes += bytes_read;
    bytes_left -= std::min(bytes_left, sizes[index]);
    if (!status.ok()) {
      out->skipped.push_back({files[index], std::string(ToStd(status.message()))});
    } else if (file->is_digest) {
      out->digest_files++;
    } else {
      out->files_read++;
      out->events += file->rows.row_count;
      // The rest of the run should have about as many rows per byte as what
      // was read so far.
      uint64_t bytes_done = run.bytes - bytes_left;
      if (bytes_done > 0) {
        double rows_per_byte =
            static_cast<double>(out->events) / static_cast<double>(bytes_done);
        builder.ExpectRows(file->rows.row_count +
                           static_cast<uint64_t>(rows_per_byte * static_cast<double>(bytes_left)));
      }
      builder.Append(file->rows);
    }
    ReleaseLargeRows(file);
  }
  builder.Finish();
  out->row_groups = std::move(table.row_groups);
}

// Reads runs on `workers` threads (the calling thread being one of them),
// each taking the next run not yet taken.
void ReadRuns(const std::vector<std::string>& files, const std::vector<uint64_t>& sizes,
              const std::vector<FileRun>& runs, uint32_t row_group_rows, int workers,
              std::vector<RunResult>* results) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    LogFileParser parser;
    ParsedLogFile file;
    for (size_t run = next++; run < runs.size(); run = next++) {
      ReadRun(files, sizes, runs[run], row_group_rows, &parser, &file, &(*results)[run]);
    }
  };
  std::vector<std::thread> threads;
  for (int i = 1; i < workers; i++) {
    try {
      threads.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // out of threads: go on with those that started
    }
  }
  work();
  for (std::thread& thread : threads) thread.join();
}

}  // namespace

absl::StatusOr<LogReadResult> ReadLogs(const std::vector<std::string>& paths,
                                       const LogReadOptions& options) {
  LogReadResult result;
  CTQ_ASSIGN_OR_RETURN(DiscoveredFiles discovered, DiscoverLogFiles(paths, &result.skipped));
  result.digest_files = discovered.digest_files;
  const std::vector<std::string>& files = discovered.files;
  const std::vector<uint64_t> sizes = FileSizes(files);
  const std::vector<FileRun> runs = SplitIntoRuns(sizes);

  int threads =
      options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  threads = static_cast<int>(std::min<size_t>(std::max(threads, 1), runs.size()));
  std::vector<RunResult> run_results(runs.size());
  ReadRuns(files, sizes, runs,
           options.row_group_rows > 0 ? options.row_group_rows : kDefaultRowGroupRows, threads,
           &run_results);

  for (RunResult& run : run_results) {
    for (auto& group : run.row_groups) result.table.row_groups.push_back(std::move(group));
    for (SkippedFile& file : run.skipped) result.skipped.push_back(std::move(file));
    result.files_read += run.files_read;
    result.digest_files += run.digest_files;
    result.events += run.events;
    result.input_bytes += run.input_bytes;
  }
  return result;
}

}  // namespace ctq
