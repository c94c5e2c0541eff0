// IngestIntoCache (ctq/cache.h): discover, skip what the manifest holds,
// read the new files in parallel runs, encode each run into one segment as
// its row groups fill, then publish a new manifest.
//
// Memory: a worker holds the row group it is filling plus its run's encoded
// (compressed) segment, never the run's raw rows, so an ingest of any size
// stays within a few hundred MB per worker.

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <system_error>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "ctq/cache.h"
#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
#include "storage/cache_lock.h"
#include "storage/cache_manifest.h"
#include "storage/file_discovery.h"
#include "storage/log_reader.h"
#include "storage/segment_writer.h"

namespace ctq {
namespace {

namespace fs = std::filesystem;

// Row groups in the cache are smaller than in memory: a group is the unit of
// pruning and of decoding, so a selective query (one security group's
// changes) decodes less, while DEFLATE's 32 KiB window means bigger chunks
// hardly compress better. Measured on 1M ctqgen events (docs/decisions.md 12):
// 64 Ki-row runs' groups (~31k rows) 112.4 MB, q1 31-42 ms, q2 137 ms;
// 16 Ki 113.6 MB, 17-20 ms, 69-82 ms; 8 Ki 115.3 MB, 9-12 ms, 39-47 ms.
constexpr uint32_t kCacheRowGroupRows = 16 * 1024;

// The path with symlinks resolved (realpath): files are recorded under it,
// so reaching the same files through a symlink later does not read them
// twice. Falls back to the absolute path when it cannot be resolved.
std::string CanonicalPath(const std::string& path) {
  std::error_code error;
  fs::path canonical = fs::canonical(path, error);
  if (error) canonical = fs::absolute(path, error).lexically_normal();
  std::string text = canonical.string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

absl::Status MakeDirectories(const std::string& dir) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) {
    return absl::PermissionDeniedError(
        StrCat("cannot create cache directory ", dir, ": ", error.message()));
  }
  if (!fs::is_directory(dir, error)) {
    return absl::FailedPreconditionError(StrCat("cache path ", dir, " is not a directory"));
  }
  return absl::OkStatus();
}

// Deletes segment files (and temporaries) that the manifest does not list:
// what an ingest that crashed or failed left behind. Runs under the lock, and
// readers only open segments their manifest lists, so nothing in use goes.
void RemoveOrphans(const std::string& dir, const Manifest& manifest) {
  absl::flat_hash_set<std::string> listed;
  for (const ManifestSegment& segment : manifest.segments) listed.insert(segment.name);
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, error)) {
    std::string name = entry.path().filename().string();
    bool temporary = name.size() > 4 && name.compare(name.size() - 4, 4, ".tmp") == 0;
    if ((IsSegmentFileName(name) && !listed.contains(name)) || temporary) {
      std::error_code ignored;
      fs::remove(entry.path(), ignored);
    }
  }
}

// What one run became: its segment (if it had events) and its files.
struct RunSegment {
  std::unique_ptr<SegmentWriter> writer;
  uint32_t row_groups = 0;
  std::optional<ManifestSegment> segment;
  LogRun run;
};

}  // namespace

std::string DefaultCacheDir() {
  if (const char* env = std::getenv("CTQ_CACHE"); env != nullptr && env[0] != '\0') return env;
  if (const char* home = std::getenv("HOME"); home != nullptr && home[0] != '\0') {
    return StrCat(home, "/.cache/ctq");
  }
  return ".ctq-cache";
}

absl::StatusOr<CacheIngestReport> IngestIntoCache(const std::string& cache_dir,
                                                  const std::vector<std::string>& paths,
                                                  const CacheIngestOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  CacheIngestReport report;
  // Fail on a wrong argument before creating anything.
  std::vector<std::string> given;
  for (const std::string& path : paths) {
    std::error_code error;
    if (!fs::exists(path, error)) return absl::NotFoundError(StrCat("no such file or directory: ", path));
    given.push_back(CanonicalPath(path));
  }
  // Fail before creating anything when there is nothing to do.
  if (given.empty()) {
    std::error_code error;
    if (!fs::exists(fs::path(cache_dir) / kManifestFileName, error)) {
      return absl::InvalidArgumentError(
          StrCat("nothing to ingest: there is no cache at ", cache_dir, " yet; give PATH..."));
    }
  }

  CTQ_RETURN_IF_ERROR(MakeDirectories(cache_dir));
  CTQ_ASSIGN_OR_RETURN(CacheLock lock, CacheLock::Acquire(cache_dir));
  Manifest manifest;
  if (absl::StatusOr<Manifest> read = ReadManifest(cache_dir); read.ok()) {
    manifest = std::move(*read);
  } else if (!absl::IsNotFound(read.status())) {
    return read.status();
  }
  RemoveOrphans(cache_dir, manifest);

  if (given.empty() && manifest.sources.empty()) {
    return absl::InvalidArgumentError(
        StrCat("nothing to ingest: cache ", cache_dir, " has no recorded paths; give PATH..."));
  }
  for (const std::string& path : given) {
    if (std::find(manifest.sources.begin(), manifest.sources.end(), path) ==
        manifest.sources.end()) {
      manifest.sources.push_back(path);
    }
  }
  // Re-scan the recorded sources (or scan the given ones). A recorded source
  // that is gone is reported, not fatal: the rest still gets ingested.
  std::vector<std::string> scan;
  for (const std::string& source : given.empty() ? manifest.sources : given) {
    std::error_code error;
    if (fs::exists(source, error)) {
      scan.push_back(source);
    } else {
      report.read.skipped.push_back({source, "recorded source no longer exists"});
    }
  }
  report.sources = given.empty() ? manifest.sources : given;

  std::vector<SkippedFile> skipped;
  CTQ_ASSIGN_OR_RETURN(DiscoveredFiles discovered, DiscoverLogFiles(scan, &skipped));
  report.read.digest_files = discovered.digest_files;
  absl::flat_hash_map<std::string, const ManifestFile*> known;
  for (const ManifestFile& file : manifest.files) known[file.path] = &file;
  // Files inside the sources may be symlinks too: record each by its real
  // path, once (discovery already drops a file reached twice in one scan).
  absl::flat_hash_set<std::string> seen;
  std::vector<std::string> real_paths;
  for (const std::string& file : discovered.files) {
    std::string real = CanonicalPath(file);
    if (seen.insert(real).second) real_paths.push_back(std::move(real));
  }
  std::vector<LogFileInfo> fresh;
  for (LogFileInfo& info : StatLogFiles(real_paths)) {
    auto it = known.find(info.path);
    if (it == known.end()) {
      fresh.push_back(std::move(info));
    } else if (it->second->size == info.size && it->second->mtime_ns == info.mtime_ns) {
      report.files_already_ingested++;
    } else {
      report.changed_files.push_back(info.path);
    }
  }
  if (options.progress != nullptr) {
    uint64_t bytes = 0;
    for (const LogFileInfo& info : fresh) bytes += info.size;
    options.progress->files_total = fresh.size();
    options.progress->bytes_total = bytes;
  }

  // Each run is encoded into its own segment by the worker reading it.
  const uint64_t generation = manifest.generation + 1;
  std::mutex mutex;
  std::map<size_t, RunSegment> runs;  // guarded by mutex; one worker per entry
  auto writer_for = [&](size_t run) -> RunSegment& {
    std::lock_guard<std::mutex> guard(mutex);
    return runs[run];
  };
  LogReadOptions read_options;
  read_options.threads = options.threads;
  read_options.row_group_rows = kCacheRowGroupRows;
  CTQ_RETURN_IF_ERROR(ReadLogRuns(
      fresh, read_options,
      [&](size_t run, std::shared_ptr<const RowGroup>* group) -> absl::Status {
        RunSegment& out = writer_for(run);
        if (out.writer == nullptr) out.writer = std::make_unique<SegmentWriter>();
        CTQ_RETURN_IF_ERROR(out.writer->Add(**group));
        out.row_groups++;
        group->reset();  // encoded: the raw rows can go
        return absl::OkStatus();
      },
      [&](LogRun run) -> absl::Status {
        RunSegment& out = writer_for(run.index);
        if (out.writer != nullptr && run.events > 0) {
          ManifestSegment segment;
          char name[64];
          std::snprintf(name, sizeof(name), "seg-%06llu-%05zu.ctqseg",
                        static_cast<unsigned long long>(generation), run.index);
          segment.name = name;
          segment.events = run.events;
          std::string bytes = out.writer->Finish();
          out.writer.reset();
          segment.bytes = bytes.size();
          CTQ_RETURN_IF_ERROR(WriteFileAtomically(cache_dir + "/" + segment.name, bytes));
          segment.row_groups = out.row_groups;
          out.segment = std::move(segment);
        }
        out.run = std::move(run);
        return absl::OkStatus();
      },
      options.progress));

  // Publish: segments and files in run (file) order, whatever order the runs
  // finished in, so the cache does not depend on the thread count.
  for (auto& [index, out] : runs) {
    uint32_t segment_index = kNoSegment;
    if (out.segment.has_value()) {
      segment_index = static_cast<uint32_t>(manifest.segments.size());
      report.segments_written++;
      report.segment_bytes_written += out.segment->bytes;
      manifest.segments.push_back(std::move(*out.segment));
    }
    for (size_t f = 0; f < out.run.files.size(); f++) {
      const LogFileInfo& info = out.run.files[f];
      manifest.files.push_back({.path = info.path,
                                .size = info.size,
                                .mtime_ns = info.mtime_ns,
                                .events = out.run.file_events[f],
                                .segment = out.run.file_events[f] > 0 ? segment_index : kNoSegment});
    }
    report.read.files_read += out.run.files.size();
    report.read.digest_files += out.run.digest_files;
    report.read.events += out.run.events;
    report.read.input_bytes += out.run.input_bytes;
    for (SkippedFile& file : out.run.skipped) skipped.push_back(std::move(file));
  }
  for (SkippedFile& file : skipped) report.read.skipped.push_back({file.path, file.reason});
  manifest.generation = generation;
  CTQ_RETURN_IF_ERROR(WriteManifest(cache_dir, manifest));

  report.cache_events = manifest.events();
  report.cache_bytes = CacheBytesOnDisk(cache_dir, manifest);
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace ctq
