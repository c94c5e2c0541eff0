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
#include <thread>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "ctq/cache.h"
#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
#include "storage/cache_directory.h"
#include "storage/cache_lock.h"
#include "storage/cache_manifest.h"
#include "storage/cache_view.h"
#include "storage/cloudtrail_schema.h"
#include "storage/content_hash.h"
#include "storage/env.h"
#include "storage/event_dedup.h"
#include "storage/file_discovery.h"
#include "storage/log_reader.h"
#include "storage/segment_reader.h"
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

// Deletes what an ingest that crashed or failed left behind: this cache's
// segments the manifest does not list, and temporaries of its files. Only
// names ctq makes, with this cache's id (cache_directory.h): a file someone
// else put here is never touched. Nor are the files of a writer still
// running (its WRITER.<token> is locked): the lock keeps a second writer
// out, but should it ever fail, one writer must not delete the other's new
// segments. Readers only open segments their manifest lists, so nothing in
// use goes.
void RemoveOrphans(Env* env, const std::string& dir, const Manifest& manifest,
                   std::string_view own_token) {
  absl::flat_hash_set<std::string> listed;
  for (const ManifestSegment& segment : manifest.segments) listed.insert(segment.name);
  absl::StatusOr<std::vector<std::string>> names = env->ListDirectory(dir);
  if (!names.ok()) return;  // nothing deleted; the next ingest tries again
  absl::flat_hash_map<std::string, bool> writer_alive;
  auto alive = [&](std::string_view token) {
    if (token.empty() || token == own_token) return token == own_token;
    auto [it, inserted] = writer_alive.try_emplace(std::string(token), false);
    if (inserted) {
      const std::string path = dir + "/" + WriterFileName(token);
      if (!env->Stat(path).ok()) return false;  // no writer file: that writer is gone
      absl::StatusOr<std::unique_ptr<DirectoryLock>> lock = env->LockFile(path);
      it->second = absl::IsUnavailable(lock.status());
      if (lock.ok()) env->Delete(path).IgnoreError();  // stale: deleted while held
    }
    return it->second;
  };
  for (const std::string& name : *names) {
    if (!IsOwnedLeftover(name, manifest.cache_id) || listed.contains(name)) continue;
    const std::string_view token = WriterTokenOf(name);
    if (name.rfind("WRITER.", 0) == 0) {
      alive(token);  // deletes it when stale
      continue;
    }
    if (!alive(token)) env->Delete(dir + "/" + name).IgnoreError();
  }
}

// This ingest's WRITER.<token> file, locked while it runs (RemoveOrphans).
class WriterMark {
 public:
  static absl::StatusOr<WriterMark> Take(Env* env, const std::string& dir,
                                         const std::string& token) {
    std::string path = dir + "/" + WriterFileName(token);
    CTQ_ASSIGN_OR_RETURN(std::unique_ptr<DirectoryLock> lock, env->LockFile(path));
    return WriterMark(env, std::move(path), std::move(lock));
  }
  WriterMark(WriterMark&&) = default;
  ~WriterMark() {
    if (lock_ != nullptr) env_->Delete(path_).IgnoreError();  // then the lock goes
  }

 private:
  WriterMark(Env* env, std::string path, std::unique_ptr<DirectoryLock> lock)
      : env_(env), path_(std::move(path)), lock_(std::move(lock)) {}
  Env* env_;
  std::string path_;
  std::unique_ptr<DirectoryLock> lock_;
};

// XXH3-128 of each file's bytes, on `threads` workers: an extra read of each
// new file (from the page cache, since it is read again right after), a few
// percent of an ingest's time. A file that cannot be read gets no hash; the
// reader reports why when it tries.
std::vector<std::optional<ContentHash>> HashFiles(const std::vector<LogFileInfo>& files,
                                                  int threads) {
  std::vector<std::optional<ContentHash>> hashes(files.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next.fetch_add(1); i < files.size(); i = next.fetch_add(1)) {
      absl::StatusOr<ContentHash> hash = HashFileContent(Env::Default(), files[i].path);
      if (hash.ok()) hashes[i] = *hash;
    }
  };
  size_t workers = threads > 0 ? static_cast<size_t>(threads)
                               : std::max<size_t>(1, std::thread::hardware_concurrency());
  workers = std::min(workers, std::max<size_t>(1, files.size() / 8));
  std::vector<std::thread> pool;
  for (size_t w = 1; w < workers; w++) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
  return hashes;
}

// What one run became: its segment (if it had events) and its files.
struct RunSegment {
  std::unique_ptr<SegmentWriter> writer;
  uint32_t row_groups = 0;
  std::optional<ManifestSegment> segment;
  LogRun run;
};

// The eventIDs of every event in the cache, for an ingest that keeps one
// event per eventID. A segment that cannot be read fails the ingest: without
// its ids, its events could be ingested twice.
absl::Status AddCachedEventIds(const std::string& cache_dir, const Manifest& manifest, Env* env,
                               EventIdSet* seen) {
  const int column = *FindColumn("eventid");
  for (const ManifestSegment& listed : manifest.segments) {
    CTQ_ASSIGN_OR_RETURN(std::shared_ptr<const SegmentReader> segment,
                         OpenListedSegment(cache_dir, listed, env));
    for (uint32_t group = 0; group < segment->row_group_count(); group++) {
      CTQ_ASSIGN_OR_RETURN(StringColumnData ids, segment->ReadColumn(group, column));
      AddEventIds(ids, seen);
    }
  }
  return absl::OkStatus();
}

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

  Env* env = options.env != nullptr ? options.env : Env::Default();
  CTQ_RETURN_IF_ERROR(env->CreateDirectories(cache_dir));
  CTQ_ASSIGN_OR_RETURN(CacheLock lock, CacheLock::Acquire(cache_dir, env));
  // Refuses a directory that is not a cache before writing anything into it.
  CTQ_ASSIGN_OR_RETURN(std::string cache_id, OpenOrCreateCacheId(cache_dir, env));
  lock.RecordHolder();
  Manifest manifest;
  if (absl::StatusOr<Manifest> read = ReadCacheManifest(cache_dir, nullptr, env); read.ok()) {
    manifest = std::move(*read);
  } else if (absl::IsNotFound(read.status())) {
    manifest.cache_id = cache_id;  // a new cache, or one whose first ingest did not complete
  } else {
    return read.status();
  }
  // Unique to this ingest: its files' names cannot collide with another
  // writer's, even one that got past a deleted lock (cache_directory.h).
  const std::string token = RandomHex(6);
  CTQ_ASSIGN_OR_RETURN(WriterMark writer_mark, WriterMark::Take(env, cache_dir, token));
  RemoveOrphans(env, cache_dir, manifest, token);

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
  absl::flat_hash_map<std::string, size_t> known;  // path -> index in manifest.files
  absl::flat_hash_set<std::pair<ContentHash, uint64_t>> contents;  // (hash, size) held
  for (size_t i = 0; i < manifest.files.size(); i++) {
    known[manifest.files[i].path] = i;
    if (manifest.files[i].content != ContentHash{}) {  // no hash: it could not be read then
      contents.insert({manifest.files[i].content, manifest.files[i].size});
    }
  }
  // Files inside the sources may be symlinks too: record each by its real
  // path, once (discovery already drops a file reached twice in one scan).
  absl::flat_hash_set<std::string> seen;
  std::vector<std::string> real_paths;
  for (const std::string& file : discovered.files) {
    std::string real = CanonicalPath(file);
    if (seen.insert(real).second) real_paths.push_back(std::move(real));
  }
  // A file is known by its path while its size and mtime are unchanged;
  // any other file is known by its content (a moved bucket, a re-sync that
  // set new mtimes, a second copy), so its events are never counted twice.
  std::vector<LogFileInfo> unknown;
  for (LogFileInfo& info : StatLogFiles(real_paths)) {
    auto it = known.find(info.path);
    if (it != known.end() && manifest.files[it->second].size == info.size &&
        manifest.files[it->second].mtime_ns == info.mtime_ns) {
      report.files_already_ingested++;
    } else {
      unknown.push_back(std::move(info));
    }
  }
  std::vector<std::optional<ContentHash>> hashes = HashFiles(unknown, options.threads);
  std::vector<LogFileInfo> fresh;
  absl::flat_hash_map<std::string, ContentHash> fresh_content;
  std::vector<ManifestFile> copies;
  for (size_t i = 0; i < unknown.size(); i++) {
    LogFileInfo& info = unknown[i];
    auto it = known.find(info.path);
    if (it != known.end()) {
      ManifestFile& listed = manifest.files[it->second];
      if (hashes[i].has_value() && *hashes[i] == listed.content && info.size == listed.size) {
        report.files_recognized++;
        listed.mtime_ns = info.mtime_ns;  // the same file, touched: known by path again
      } else {
        report.changed_files.push_back(info.path);
      }
    } else if (hashes[i].has_value() && contents.contains({*hashes[i], info.size})) {
      report.files_recognized++;
      copies.push_back({.path = info.path,
                        .size = info.size,
                        .mtime_ns = info.mtime_ns,
                        .events = 0,
                        .segment = kNoSegment,
                        .content = *hashes[i],
                        .copy = true});
    } else {
      if (hashes[i].has_value()) {
        contents.insert({*hashes[i], info.size});
        fresh_content[info.path] = *hashes[i];
      }
      fresh.push_back(std::move(info));
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
  EventIdSet seen_events;
  if (options.dedup_events) {
    CTQ_RETURN_IF_ERROR(AddCachedEventIds(cache_dir, manifest, env, &seen_events));
  }
  LogReadOptions read_options;
  read_options.dedup = options.dedup_events ? &seen_events : nullptr;
  read_options.threads = options.threads;
  read_options.row_group_rows = kCacheRowGroupRows;
  read_options.max_file_bytes = MaxFileBytesForMemory(
      options.memory_limit_bytes,
      options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency()));
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
          segment.name = SegmentFileName(cache_id, generation, run.index, token);
          segment.events = run.events;
          std::string bytes = out.writer->Finish();
          segment.footer_hash = out.writer->footer_hash();
          segment.content_hash = Hash64(bytes);
          out.writer.reset();
          segment.bytes = bytes.size();
          CTQ_RETURN_IF_ERROR(
              WriteFileAtomically(env, cache_dir + "/" + segment.name, bytes, token));
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
      auto content = fresh_content.find(info.path);
      manifest.files.push_back({.path = info.path,
                                .size = info.size,
                                .mtime_ns = info.mtime_ns,
                                .events = out.run.file_events[f],
                                .segment = out.run.file_events[f] > 0 ? segment_index : kNoSegment,
                                .content = content != fresh_content.end() ? content->second
                                                                          : ContentHash{}});
    }
    report.read.files_read += out.run.files.size();
    report.read.digest_files += out.run.digest_files;
    report.read.events += out.run.events;
    report.duplicates_dropped += out.run.duplicates_dropped;
    report.read.input_bytes += out.run.input_bytes;
    AddValueIssues(out.run.issues, &report.read);
    for (SkippedFile& file : out.run.skipped) skipped.push_back(std::move(file));
  }
  for (ManifestFile& copy : copies) manifest.files.push_back(std::move(copy));
  // The lock keeps other writers out, but should it ever fail (a file system
  // without working flock), another writer may have taken this ingest's new
  // segments for a crashed one's leftovers: publish only a manifest whose
  // segments all exist, so the cache stays the old one rather than a broken
  // new one.
  for (const ManifestSegment& segment : manifest.segments) {
    if (WriterTokenOf(segment.name) != token) continue;  // an earlier ingest's
    absl::StatusOr<FileIdentity> file = env->Stat(cache_dir + "/" + segment.name);
    if (!file.ok() || file->size != segment.bytes) {
      return absl::AbortedError(StrCat("cache ", cache_dir, ": segment ", segment.name,
                                       " vanished while this ingest ran (another writer?); "
                                       "nothing was published, run the ingest again"));
    }
  }
  for (SkippedFile& file : skipped) report.read.skipped.push_back({file.path, file.reason});
  manifest.generation = generation;
  CTQ_RETURN_IF_ERROR(WriteManifest(cache_dir, manifest, env, token));

  report.cache_events = manifest.events();
  report.cache_bytes = CacheBytesOnDisk(cache_dir, manifest, env);
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace ctq
