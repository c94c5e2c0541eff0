#include "storage/log_reader.h"

#include <algorithm>
#include <system_error>
#include <thread>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
#include "storage/file_discovery.h"
#include "storage/log_file_parser.h"
#include "storage/row_group_builder.h"

namespace ctq {
namespace {

// Files parsed ahead of the one being appended, per worker: enough to keep
// the workers busy while the calling thread appends, few enough that memory
// stays bounded by a handful of files per worker.
constexpr size_t kLookaheadPerWorker = 2;

// Row buffers above this are not kept for reuse after a file.
constexpr size_t kMaxRetainedRowBytes = size_t{16} << 20;

// One file's result. Its buffers are reused for later files.
struct FileOutcome {
  absl::Status status;
  ParsedLogFile file;
  uint64_t bytes_read = 0;
};

void ReleaseLargeRows(ParsedLogFile* file) {
  size_t bytes = 0;
  for (const StringColumnData& column : file->rows.columns) bytes += column.bytes.capacity();
  if (bytes > kMaxRetainedRowBytes) file->rows = RowGroup();
}

// Parses the files one after the other on the calling thread.
template <typename Consume>
void ParseInTurn(const std::vector<std::string>& files, Consume&& consume) {
  LogFileParser parser;
  FileOutcome outcome;
  for (size_t index = 0; index < files.size(); index++) {
    outcome.status = parser.ParseFile(files[index], &outcome.file, &outcome.bytes_read);
    consume(index, &outcome);
  }
}

// Parses files on worker threads and hands each outcome to the calling
// thread in file order, so the table does not depend on the thread count.
// Workers take the next file index in turn, but never more than `window_`
// files ahead of the one the calling thread consumes.
//
// File i is parsed into slots_[i % window_]. The slot belongs to the worker
// that took index i until it sets ready_[i % window_], and then to the
// calling thread until that clears the flag, so the slots themselves need no
// lock; the flags and counters do.
class ParallelFileParser {
 public:
  ParallelFileParser(const std::vector<std::string>& files, int workers)
      : files_(files),
        workers_(workers),
        window_(static_cast<size_t>(workers) * kLookaheadPerWorker),
        slots_(window_),
        ready_(window_, false) {}

  template <typename Consume>
  void Run(Consume&& consume) {
    std::vector<std::thread> threads;
    for (int i = 0; i < workers_; i++) {
      try {
        threads.emplace_back([this] { Work(); });
      } catch (const std::system_error&) {
        break;  // out of threads: go on with those that started
      }
    }
    if (threads.empty()) return ParseInTurn(files_, consume);
    for (size_t index = 0; index < files_.size(); index++) {
      size_t slot = index % window_;
      {
        absl::MutexLock lock(&mu_);
        while (!ready_[slot]) filled_.Wait(&mu_);
      }
      consume(index, &slots_[slot]);
      {
        absl::MutexLock lock(&mu_);
        ready_[slot] = false;
        consumed_ = index + 1;
      }
      freed_.SignalAll();
    }
    for (std::thread& thread : threads) thread.join();
  }

 private:
  void Work() {
    LogFileParser parser;
    while (true) {
      size_t index;
      {
        absl::MutexLock lock(&mu_);
        while (next_ < files_.size() && next_ >= consumed_ + window_) freed_.Wait(&mu_);
        if (next_ >= files_.size()) return;
        index = next_++;
      }
      FileOutcome& outcome = slots_[index % window_];
      outcome.status = parser.ParseFile(files_[index], &outcome.file, &outcome.bytes_read);
      {
        absl::MutexLock lock(&mu_);
        ready_[index % window_] = true;
      }
      filled_.Signal();
    }
  }

  const std::vector<std::string>& files_;
  const int workers_;
  const size_t window_;
  std::vector<FileOutcome> slots_;
  absl::Mutex mu_;
  absl::CondVar filled_;  // a slot became ready
  absl::CondVar freed_;   // consumed_ advanced
  std::vector<bool> ready_ ABSL_GUARDED_BY(mu_);
  size_t next_ ABSL_GUARDED_BY(mu_) = 0;      // the next file index to parse
  size_t consumed_ ABSL_GUARDED_BY(mu_) = 0;  // files handed to the caller
};

}  // namespace

absl::StatusOr<LogReadResult> ReadLogs(const std::vector<std::string>& paths,
                                       const LogReadOptions& options) {
  LogReadResult result;
  CTQ_ASSIGN_OR_RETURN(DiscoveredFiles discovered, DiscoverLogFiles(paths, &result.skipped));
  result.digest_files = discovered.digest_files;
  const std::vector<std::string>& files = discovered.files;

  RowGroupBuilder builder(
      options.row_group_rows > 0 ? options.row_group_rows : kDefaultRowGroupRows, &result.table);
  auto consume = [&](size_t index, FileOutcome* outcome) {
    result.input_bytes += outcome->bytes_read;
    if (!outcome->status.ok()) {
      result.skipped.push_back({files[index], std::string(ToStd(outcome->status.message()))});
    } else if (outcome->file.is_digest) {
      result.digest_files++;
    } else {
      result.files_read++;
      result.events += outcome->file.rows.row_count;
      builder.Append(outcome->file.rows);
    }
    ReleaseLargeRows(&outcome->file);
  };

  int threads =
      options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  threads = static_cast<int>(std::min<size_t>(std::max(threads, 1), files.size()));
  if (threads <= 1) {
    ParseInTurn(files, consume);
  } else {
    ParallelFileParser(files, threads).Run(consume);
  }
  builder.Finish();
  return result;
}

}  // namespace ctq
