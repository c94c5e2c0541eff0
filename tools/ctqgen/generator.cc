#include "tools/ctqgen/generator.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <set>
#include <system_error>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "tools/ctqgen/account_pool.h"
#include "tools/ctqgen/civil_time.h"
#include "tools/ctqgen/delivery_layout.h"
#include "tools/ctqgen/digest_writer.h"
#include "tools/ctqgen/file_plan.h"
#include "tools/ctqgen/output_file.h"
#include "tools/ctqgen/planted_incident.h"
#include "tools/ctqgen/random_event.h"
#include "tools/ctqgen/random_ids.h"
#include "ctq/internal/strings.h"

namespace ctq::gen {
namespace {

// State shared by the workers. The plan and pool are read-only; each worker writes only its
// own slots of `written`.
class FileWriterPool {
 public:
  FileWriterPool(const GeneratorOptions& options, const AccountPool& pool,
                 const std::vector<PlannedFile>& files)
      : options_(options), pool_(pool), files_(files), written_(files.size()) {}

  // Writes all files with `threads` workers. Returns the first error any worker hit.
  absl::Status Run(int threads) {
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) workers.emplace_back([this] { Work(); });
    for (std::thread& worker : workers) worker.join();
    absl::MutexLock lock(&mutex_);
    return error_;
  }

  const std::vector<WrittenLogFile>& written() const { return written_; }

 private:
  void Work() {
    RandomEventWriter events(pool_);
    OutputFileWriter output(options_.gzip);
    std::string json_text;
    std::vector<int64_t> times;
    while (!failed_.load(std::memory_order_relaxed)) {
      const size_t index = next_.fetch_add(1, std::memory_order_relaxed);
      if (index >= files_.size()) return;
      absl::Status status = WriteOne(index, events, output, &json_text, &times);
      if (!status.ok()) {
        absl::MutexLock lock(&mutex_);
        if (error_.ok()) error_ = status;
        failed_.store(true);
      }
    }
  }

  absl::Status WriteOne(size_t index, RandomEventWriter& events, OutputFileWriter& output,
                        std::string* json_text, std::vector<int64_t>* times) {
    const PlannedFile& file = files_[index];
    Rng rng = Rng::For(options_.seed, RngStream::kLogFile, index);
    const Account& account = pool_.account(file.account);
    const std::string_view region = RegionName(file.region);
    WrittenLogFile& result = written_[index];

    std::string suffix;
    AppendAlnum(rng, 16, &suffix);
    result.key = LogFileKey(account.id, region, file.delivery_time, suffix, options_.gzip);

    times->clear();
    const uint64_t span = static_cast<uint64_t>(file.window_end - file.window_start);
    for (int64_t i = 0; i < file.random_events; ++i) {
      times->push_back(file.window_start + static_cast<int64_t>(rng.Below(span)));
    }
    std::sort(times->begin(), times->end());

    json_text->clear();
    JsonWriter json(json_text);
    json.BeginObject();
    json.Key("Records");
    json.BeginArray();
    size_t next_planted = 0;
    result.oldest_event = INT64_MAX;
    result.newest_event = INT64_MIN;
    auto note_time = [&result](int64_t time) {
      result.oldest_event = std::min(result.oldest_event, time);
      result.newest_event = std::max(result.newest_event, time);
    };
    for (int64_t time : *times) {
      while (next_planted < file.planted.size() && file.planted[next_planted].time <= time) {
        note_time(file.planted[next_planted].time);
        WritePlantedEvent(file.planted[next_planted++], pool_, rng, events.scratch(), json);
      }
      note_time(time);
      events.Write(account, region, time, rng, json);
    }
    while (next_planted < file.planted.size()) {
      note_time(file.planted[next_planted].time);
      WritePlantedEvent(file.planted[next_planted++], pool_, rng, events.scratch(), json);
    }
    json.EndArray();
    json.EndObject();

    AppendHex(rng, 64, &result.hash);
    absl::StatusOr<int64_t> bytes =
        output.Write(StrCat(options_.out_dir, "/", result.key), *json_text);
    if (!bytes.ok()) return bytes.status();
    result.bytes = *bytes;
    return absl::OkStatus();
  }

  const GeneratorOptions& options_;
  const AccountPool& pool_;
  const std::vector<PlannedFile>& files_;
  std::vector<WrittenLogFile> written_;
  std::atomic<size_t> next_{0};
  std::atomic<bool> failed_{false};
  absl::Mutex mutex_;
  absl::Status error_ ABSL_GUARDED_BY(mutex_);
};

// Creates every folder up front so that workers never race on create_directories.
absl::Status CreateFolders(const GeneratorOptions& options, const AccountPool& pool,
                           const std::vector<PlannedFile>& files,
                           const std::vector<DigestPlan>& digests) {
  std::set<std::string> folders = {""};  // The output folder itself, even for 0 events.
  for (const PlannedFile& file : files) {
    folders.insert(
        LogFolder(pool.account(file.account).id, RegionName(file.region), file.delivery_time));
  }
  for (const DigestPlan& digest : digests) {
    folders.insert(DigestFolder(pool.account(digest.account).id, RegionName(digest.region),
                                DigestEndTime(digest.day)));
  }
  for (const std::string& folder : folders) {
    std::error_code error;
    std::filesystem::create_directories(std::filesystem::path(options.out_dir) / folder, error);
    if (error) {
      return absl::UnavailableError(
          StrCat("cannot create ", options.out_dir, "/", folder, ": ", error.message()));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateOptions(const GeneratorOptions& options) {
  if (options.out_dir.empty()) return absl::InvalidArgumentError("--out is required");
  if (options.events < 0) return absl::InvalidArgumentError("--events must be >= 0");
  if (options.end_day <= options.start_day) {
    return absl::InvalidArgumentError("--end must be after --start");
  }
  if (options.accounts < 1 || options.accounts > 100) {
    return absl::InvalidArgumentError("--accounts must be between 1 and 100");
  }
  if (options.regions < 1 || options.regions > static_cast<int>(MaxRegions())) {
    return absl::InvalidArgumentError(StrCat("--regions must be between 1 and ", MaxRegions()));
  }
  if (options.events_per_file < 1 || options.events_per_file > 100000) {
    return absl::InvalidArgumentError("--events-per-file must be between 1 and 100000");
  }
  if (options.threads < 0) return absl::InvalidArgumentError("--threads must be >= 0");
  return absl::OkStatus();
}

absl::StatusOr<GeneratorSummary> Generate(const GeneratorOptions& options) {
  if (absl::Status status = ValidateOptions(options); !status.ok()) return status;
  const auto started = std::chrono::steady_clock::now();

  PlanOptions plan;
  plan.seed = options.seed;
  plan.events = options.events;
  plan.start_seconds = options.start_day * kSecondsPerDay;
  plan.end_seconds = options.end_day * kSecondsPerDay;
  plan.accounts = options.accounts;
  plan.regions = options.regions;
  plan.events_per_file = options.events_per_file;
  std::vector<PlantedEvent> planted;
  if (options.incident) {
    planted = IncidentEvents(plan.start_seconds, plan.end_seconds);
    if (static_cast<int64_t>(planted.size()) > options.events) planted.clear();
  }
  const std::vector<PlannedFile> files = PlanFiles(plan, planted);
  const std::vector<DigestPlan> digests = PlanDigests(files);
  const AccountPool pool(options.seed, options.accounts);
  if (absl::Status status = CreateFolders(options, pool, files, digests); !status.ok()) {
    return status;
  }

  int threads = options.threads;
  if (threads == 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = static_cast<int>(std::min<size_t>(threads, std::max<size_t>(1, files.size())));
  FileWriterPool writers(options, pool, files);
  if (absl::Status status = writers.Run(threads); !status.ok()) return status;

  GeneratorSummary summary;
  for (const WrittenLogFile& file : writers.written()) summary.bytes += file.bytes;
  for (const PlannedFile& file : files) {
    summary.events += file.random_events + static_cast<int64_t>(file.planted.size());
  }
  OutputFileWriter digest_output(options.gzip);
  absl::StatusOr<int64_t> digest_bytes = WriteDigests(
      options.out_dir, options.seed, options.gzip, pool, digests, writers.written(), digest_output);
  if (!digest_bytes.ok()) return digest_bytes.status();
  summary.bytes += *digest_bytes;
  summary.log_files = static_cast<int64_t>(files.size());
  summary.digest_files = static_cast<int64_t>(digests.size());
  summary.planted_events = static_cast<int64_t>(planted.size());
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace ctq::gen
