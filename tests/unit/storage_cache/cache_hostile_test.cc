// The cache directory under an attacker (or a careless user) who can write
// into it: one test per finding of issue 9 about the cache. A directory that
// is not a cache is refused untouched; a symlinked LOCK is not followed; a
// deleted LOCK admits no second writer, and two writers that got in anyway
// do not collide; moved and copied logs are recognised, not counted twice;
// a FIFO or a symlink in place of a cache file is an error naming it, never
// a hang; a segment or MANIFEST of another cache, and a segment crafted with
// valid CRCs, are found.
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ctq/cache.h"
#include "ctq/database.h"
#include "ctq/internal/strings.h"
#include "gtest/gtest.h"
#include "storage/cache_directory.h"
#include "storage/cache_lock.h"
#include "storage/cache_manifest.h"
#include "storage/env.h"
#include "tests/unit/sanitizers.h"
#include "tests/unit/storage/test_log_files.h"
#include "tests/unit/storage_cache/env_wrapper.h"
#include "tests/unit/storage_cache/test_files.h"
#include "tests/unit/storage_cache/test_trail.h"

namespace ctq {
namespace {

using testing::EnvWrapper;
using testing::ReadFile;
using testing::Trail;
using testing::WriteFile;

namespace fs = std::filesystem;

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

std::string Message(const absl::Status& status) { return std::string(ToStd(status.message())); }

// What a directory holds, entry by entry: kind, bytes or link target, and
// mtime, so that a test can tell that nothing was created, deleted or
// modified in it.
std::map<std::string, std::string> DirectoryState(const std::string& dir) {
  std::map<std::string, std::string> state;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string path = entry.path();
    struct stat info;
    if (::lstat(path.c_str(), &info) != 0) continue;
    std::string description = StrCat("mode ", info.st_mode, " mtime ", info.st_mtim.tv_sec, ".",
                                      info.st_mtim.tv_nsec, " ");
    if (S_ISLNK(info.st_mode)) {
      description += "-> " + fs::read_symlink(path).string();
    } else if (S_ISREG(info.st_mode)) {
      description += ReadFile(path);
    }
    state[entry.path().filename()] = description;
  }
  return state;
}

// count(*) of the cache, or the error.
std::string CountOf(const std::string& dir) {
  absl::StatusOr<std::unique_ptr<Database>> db = Database::OpenCache(dir, {});
  if (!db.ok()) return StrCat("ERROR: ", db.status().ToString());
  absl::StatusOr<QueryResult> result = (*db)->Query("select count(*) from cloudtrail_logs");
  if (!result.ok()) return StrCat("ERROR: ", result.status().ToString());
  return result->rows().at(0).at(0).ToString();
}

std::string Describe(const absl::Status& status) {
  return status.ok() ? "OK" : status.ToString();
}

// Runs `work` in a forked child and returns what it returned; "HUNG" when it
// has not finished after `seconds` (the child is killed), "DIED" when it
// crashed. A test of something that used to block forever must not block
// the test binary with it.
std::string InChild(const std::function<std::string()>& work, int seconds = 10) {
  int fds[2];
  if (::pipe(fds) != 0) return "pipe failed";
  const pid_t pid = ::fork();
  if (pid < 0) return "fork failed";
  if (pid == 0) {
    ::close(fds[0]);
    const std::string result = work();
    size_t done = 0;
    while (done < result.size()) {
      ssize_t wrote = ::write(fds[1], result.data() + done, result.size() - done);
      if (wrote <= 0) break;
      done += static_cast<size_t>(wrote);
    }
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string result;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  bool hung = false;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      hung = true;
      break;
    }
    struct pollfd poll_fd = {.fd = fds[0], .events = POLLIN, .revents = 0};
    if (::poll(&poll_fd, 1, static_cast<int>(left.count())) <= 0) continue;
    char buffer[4096];
    ssize_t got = ::read(fds[0], buffer, sizeof(buffer));
    if (got <= 0) break;  // EOF: the child is done
    result.append(buffer, static_cast<size_t>(got));
  }
  ::close(fds[0]);
  if (hung) ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (hung) return "HUNG";
  if (!WIFEXITED(status)) return StrCat("DIED: ", result);
  return result;
}

// Forwards to the real file system but grants every LockDirectory: two
// writers in one cache, as a broken lock (a file system without working
// flock, a cache directory replaced under a running ingest) would let in.
// `before`, when set, runs before each file creation ("create PATH") and
// directory fsync ("sync DIR"), so a test can order two writers' steps.
class LocklessEnv final : public EnvWrapper {
 public:
  std::function<void(const std::string&)> before;

  absl::StatusOr<std::unique_ptr<DirectoryLock>> LockDirectory(const std::string&) override {
    return std::make_unique<DirectoryLock>();
  }
  absl::StatusOr<std::unique_ptr<WritableFile>> CreateExclusive(const std::string& path) override {
    if (before) before("create " + path);
    return EnvWrapper::CreateExclusive(path);
  }
  absl::Status SyncDirectory(const std::string& dir) override {
    if (before) before("sync " + dir);
    return EnvWrapper::SyncDirectory(dir);
  }
};

// A point two threads reach in turn: Wait() returns once `parties` threads
// have arrived (or after 10 s, so that a broken ordering fails the test
// rather than hanging it).
class Rendezvous {
 public:
  explicit Rendezvous(int parties) : parties_(parties) {}
  void Arrive() {
    std::unique_lock<std::mutex> lock(mutex_);
    arrived_++;
    changed_.notify_all();
  }
  bool Wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(10), [&] { return arrived_ >= parties_; });
  }
  bool ArriveAndWait() {
    Arrive();
    return Wait();
  }

 private:
  const int parties_;
  std::mutex mutex_;
  std::condition_variable changed_;
  int arrived_ = 0;
};

// Whether `operation` (LocklessEnv::before's argument) creates a file whose
// name starts with `prefix`.
bool IsCreation(const std::string& operation, std::string_view prefix) {
  return operation.rfind("create ", 0) == 0 &&
         fs::path(operation.substr(7)).filename().string().rfind(prefix, 0) == 0;
}

class CacheHostileTest : public ::testing::Test {
 protected:
  CacheHostileTest() : cache_(scratch_.path() + "/cache") {}

  CacheIngestReport Ingest(const std::string& dir, const std::vector<std::string>& paths) {
    CacheIngestOptions options;
    options.threads = 2;
    absl::StatusOr<CacheIngestReport> report = IngestIntoCache(dir, paths, options);
    EXPECT_TRUE(report.ok()) << report.status();
    return report.ok() ? *report : CacheIngestReport();
  }

  // The name of the cache's only segment.
  std::string OnlySegment(const std::string& dir) {
    absl::StatusOr<Manifest> manifest = ReadManifest(dir);
    EXPECT_TRUE(manifest.ok()) << manifest.status();
    if (!manifest.ok()) return "";
    EXPECT_EQ(manifest->segments.size(), 1u);
    return manifest->segments.empty() ? "" : manifest->segments[0].name;
  }

  // The cache still checks clean.
  void ExpectChecksClean(const std::string& dir) {
    absl::StatusOr<CacheCheckReport> check = CheckCache(dir);
    ASSERT_TRUE(check.ok()) << check.status();
    EXPECT_TRUE(check->problems.empty()) << check->problems.front();
  }

  ScratchDir scratch_;
  const std::string cache_;
};

// --- Finding 1: a directory that is not a cache. -------------------------

TEST_F(CacheHostileTest, ForeignDirectoryIsRefusedAndLeftUntouched) {
  Trail trail;
  trail.AddFile(1, 10);
  const std::string home = scratch_.path() + "/home";
  fs::create_directories(home + "/sub");
  // Names ctq itself uses among them: only a cache's own are ctq's.
  WriteFile(home + "/notes.txt", "my notes\n");
  WriteFile(home + "/draft.tmp", "draft");
  WriteFile(home + "/MANIFEST.abc.tmp", "someone else's");
  WriteFile(home + "/LOCK.1.tmp", "x");
  WriteFile(home + "/LOCK", "not a pid\n");
  WriteFile(home + "/sub/keep.json", "{}");
  const std::map<std::string, std::string> before = DirectoryState(home);

  absl::StatusOr<CacheIngestReport> report = IngestIntoCache(home, {trail.logs()}, {});
  ASSERT_EQ(report.status().code(), absl::StatusCode::kFailedPrecondition) << report.status();
  EXPECT_TRUE(Contains(Message(report.status()), home)) << report.status();
  EXPECT_TRUE(Contains(Message(report.status()), "not a ctq cache")) << report.status();
  EXPECT_EQ(DirectoryState(home), before);
  EXPECT_EQ(ReadFile(home + "/sub/keep.json"), "{}");

  // Readers leave it alone too.
  EXPECT_FALSE(Database::OpenCache(home, {}).ok());
  EXPECT_FALSE(CheckCache(home).ok());
  EXPECT_FALSE(DescribeCache(home).ok());
  EXPECT_EQ(DirectoryState(home), before);
}

TEST_F(CacheHostileTest, EmptyExistingDirectoryBecomesACache) {
  Trail trail;
  trail.AddFile(1, 10);
  fs::create_directories(cache_);
  CacheIngestReport report = Ingest(cache_, {trail.logs()});
  EXPECT_EQ(report.cache_events, 10u);
  absl::StatusOr<std::string> id = ReadCacheId(cache_);
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->size(), 32u);
  EXPECT_EQ(CountOf(cache_), "10");
}

TEST_F(CacheHostileTest, CacheOfAnOlderCtqGetsAHint) {
  Trail trail;
  trail.AddFile(1, 10);
  // What ctq before the identity file left: a manifest, segments, a LOCK.
  fs::create_directories(cache_);
  WriteFile(cache_ + "/MANIFEST", std::string("CTQMAN\r\n\x01\0\0\0", 12) + "old body");
  WriteFile(cache_ + "/seg-000001-00000.ctqseg", "old segment");
  WriteFile(cache_ + "/LOCK", "4242\n");
  const std::map<std::string, std::string> before = DirectoryState(cache_);

  absl::StatusOr<CacheIngestReport> report = IngestIntoCache(cache_, {trail.logs()}, {});
  ASSERT_EQ(report.status().code(), absl::StatusCode::kFailedPrecondition) << report.status();
  EXPECT_TRUE(Contains(Message(report.status()), cache_)) << report.status();
  EXPECT_TRUE(Contains(Message(report.status()), "older ctq")) << report.status();
  // With no paths, the recorded sources of that manifest: refused alike.
  report = IngestIntoCache(cache_, {}, {});
  EXPECT_EQ(report.status().code(), absl::StatusCode::kFailedPrecondition) << report.status();
  EXPECT_EQ(DirectoryState(cache_), before);

  absl::StatusOr<std::unique_ptr<Database>> db = Database::OpenCache(cache_, {});
  EXPECT_EQ(db.status().code(), absl::StatusCode::kFailedPrecondition) << db.status();
  EXPECT_TRUE(Contains(Message(db.status()), cache_)) << db.status();
  EXPECT_EQ(CheckCache(cache_).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(DirectoryState(cache_), before);
}

TEST_F(CacheHostileTest, SymlinkedLockIsReplacedNotFollowed) {
  Trail trail;
  trail.AddFile(1, 10);
  Ingest(cache_, {trail.logs()});
  const std::string victim = scratch_.path() + "/victim";
  WriteFile(victim, "precious\n");
  const std::string lock = cache_ + "/" + kLockFileName;
  fs::remove(lock);
  fs::create_symlink(victim, lock);

  trail.AddFile(2, 5);
  CacheIngestReport report = Ingest(cache_, {});
  EXPECT_EQ(report.cache_events, 15u);
  EXPECT_EQ(ReadFile(victim), "precious\n");
  // The link itself was replaced by ctq's own file.
  EXPECT_FALSE(fs::is_symlink(lock));
  EXPECT_EQ(ReadFile(lock), StrCat(::getpid(), "\n"));
  EXPECT_EQ(CountOf(cache_), "15");
}

// --- Finding 2: the lock, and two writers. --------------------------------

TEST_F(CacheHostileTest, DeletingLockDoesNotAdmitASecondWriter) {
  Trail trail;
  trail.AddFile(1, 10);
  Ingest(cache_, {trail.logs()});
  trail.AddFile(2, 5);
  const std::string lock_file = cache_ + "/" + kLockFileName;
  {
    absl::StatusOr<CacheLock> holder = CacheLock::Acquire(cache_);
    ASSERT_TRUE(holder.ok()) << holder.status();
    holder->RecordHolder();
    ASSERT_TRUE(fs::remove(lock_file));
    absl::StatusOr<CacheIngestReport> second = IngestIntoCache(cache_, {}, {});
    EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition) << second.status();
    EXPECT_TRUE(Contains(Message(second.status()), "another ctq ingest")) << second.status();
    // Nor a new, empty LOCK in its place.
    WriteFile(lock_file, "");
    second = IngestIntoCache(cache_, {}, {});
    EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition) << second.status();
  }
  EXPECT_EQ(CountOf(cache_), "10");

  // The holder in another process: the refusal names its pid, and still
  // holds once the LOCK file is gone.
  int ready[2], release[2];
  ASSERT_EQ(::pipe(ready), 0);
  ASSERT_EQ(::pipe(release), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(ready[0]);
    ::close(release[1]);
    absl::StatusOr<CacheLock> holder = CacheLock::Acquire(cache_);
    if (holder.ok()) holder->RecordHolder();
    const char byte = holder.ok() ? 'y' : 'n';
    (void)!::write(ready[1], &byte, 1);
    char ignored;
    (void)!::read(release[0], &ignored, 1);  // until the parent closes it
    ::_exit(0);
  }
  ::close(ready[1]);
  ::close(release[0]);
  char byte = 0;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);
  ASSERT_EQ(byte, 'y');
  absl::StatusOr<CacheIngestReport> refused = IngestIntoCache(cache_, {}, {});
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition) << refused.status();
  EXPECT_TRUE(Contains(Message(refused.status()), StrCat("pid ", child))) << refused.status();
  ASSERT_TRUE(fs::remove(lock_file));
  refused = IngestIntoCache(cache_, {}, {});
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition) << refused.status();
  ::close(release[1]);
  ::close(ready[0]);
  int status = 0;
  ::waitpid(child, &status, 0);

  // The holder gone, the next ingest gets in.
  CacheIngestReport report = Ingest(cache_, {});
  EXPECT_EQ(report.cache_events, 15u);
  EXPECT_EQ(CountOf(cache_), "15");
}

// Two writers both in the cache at once, each reading the manifest and
// removing leftovers before either writes a segment: their segments of the
// same generation have different names (the per-ingest token), so neither
// overwrites the other's. The last manifest wins; the other writer's files
// are not recorded and the next ingest reads them.
TEST_F(CacheHostileTest, TwoWritersThatBothGotInDoNotCollide) {
  Trail trail, other;
  trail.AddFile(1, 10);
  Ingest(cache_, {trail.logs()});
  trail.AddFile(2, 7);
  trail.AddFile(3, 8);
  other.AddFile(1, 13);  // a second source: different segment contents

  Rendezvous segments(2), manifests(2);
  auto writer = [&](const std::string& path, bool* ordered) {
    LocklessEnv env;
    bool segment_seen = false, manifest_seen = false;
    *ordered = true;
    env.before = [&](const std::string& operation) {
      if (IsCreation(operation, "seg-") && !segment_seen) {
        segment_seen = true;
        *ordered = *ordered && segments.ArriveAndWait();
      }
      if (IsCreation(operation, "MANIFEST.") && !manifest_seen) {
        manifest_seen = true;
        *ordered = *ordered && manifests.ArriveAndWait();
      }
    };
    CacheIngestOptions options;
    options.threads = 1;
    options.env = &env;
    return IngestIntoCache(cache_, {path}, options);
  };
  bool ordered_one = false, ordered_two = false;
  absl::StatusOr<CacheIngestReport> one, two;
  std::thread first([&] { one = writer(trail.logs(), &ordered_one); });
  std::thread second([&] { two = writer(other.logs(), &ordered_two); });
  first.join();
  second.join();
  EXPECT_TRUE(ordered_one && ordered_two) << "the writers did not overlap";
  EXPECT_TRUE(one.ok()) << one.status();
  EXPECT_TRUE(two.ok()) << two.status();

  // One of the two states, whole.
  const std::string count = CountOf(cache_);
  EXPECT_TRUE(count == "25" || count == "23") << count;
  ExpectChecksClean(cache_);
  ASSERT_TRUE(DescribeCache(cache_).ok());

  // Both sources given again: every event once.
  CacheIngestReport report = Ingest(cache_, {trail.logs(), other.logs()});
  EXPECT_EQ(report.cache_events, trail.events() + other.events());
  EXPECT_EQ(CountOf(cache_), std::to_string(trail.events() + other.events()));
  ExpectChecksClean(cache_);
}

// Two writers again: the second starts once the first has written its
// segment, and runs to the end while the first waits at `pause` (an
// operation, as LocklessEnv::before names it). The second takes the first's
// segment, unlisted in the manifest it read, for a crashed ingest's leftover.
// Whatever the first does then, the cache must not list a segment that is
// gone.
class MidwayWriterTest : public CacheHostileTest {
 protected:
  void Run(const std::function<bool(const std::string&)>& pause) {
    Trail trail, other;
    trail.AddFile(1, 10);
    Ingest(cache_, {trail.logs()});
    trail.AddFile(2, 7);
    other.AddFile(1, 13);

    Rendezvous paused(1), second_done(1);
    absl::StatusOr<CacheIngestReport> one, two;
    bool waited = true, segment_written = false;
    std::thread first([&] {
      LocklessEnv env;
      bool once = false;
      env.before = [&](const std::string& operation) {
        segment_written = segment_written || IsCreation(operation, "seg-");
        if (segment_written && !once && pause(operation)) {
          once = true;
          paused.Arrive();
          waited = second_done.Wait();
        }
      };
      CacheIngestOptions options;
      options.threads = 1;
      options.env = &env;
      one = IngestIntoCache(cache_, {trail.logs()}, options);
      paused.Arrive();  // never paused: do not keep the second waiting
    });
    EXPECT_TRUE(paused.Wait());
    {
      LocklessEnv env;
      CacheIngestOptions options;
      options.threads = 1;
      options.env = &env;
      two = IngestIntoCache(cache_, {other.logs()}, options);
    }
    second_done.Arrive();
    first.join();
    EXPECT_TRUE(waited);
    EXPECT_TRUE(two.ok()) << two.status();

    // The first writer may fail, but the cache is one of the two states, whole.
    const std::string count = CountOf(cache_);
    EXPECT_TRUE(count == "17" || count == "23") << count << "; first writer: " << one.status();
    ExpectChecksClean(cache_);
    Ingest(cache_, {trail.logs(), other.logs()});
    EXPECT_EQ(CountOf(cache_), std::to_string(trail.events() + other.events()));
  }
};

// The first writer pauses once its segment is in place, before it publishes.
TEST_F(MidwayWriterTest, SegmentSweptBeforeThePublishIsNotPublished) {
  Run([](const std::string& operation) { return operation.rfind("sync ", 0) == 0; });
}

// The first writer pauses as it starts writing its manifest.
TEST_F(MidwayWriterTest, SegmentSweptDuringThePublishIsNotPublished) {
  Run([](const std::string& operation) { return IsCreation(operation, "MANIFEST."); });
}

// --- Finding 3: moved and copied logs. ------------------------------------

TEST_F(CacheHostileTest, MovedOrCopiedLogsAreRecognisedNotCountedTwice) {
  Trail trail;
  trail.AddFile(1, 10);
  trail.AddFile(2, 20);
  trail.AddFile(3, 0);
  trail.AddFile(3, 5);
  Ingest(cache_, {trail.logs()});
  const uint64_t files = trail.files();

  // mv AWSLogs logs-2024
  const std::string moved = trail.root() + "/logs-2024";
  fs::rename(trail.logs(), moved);
  CacheIngestReport report = Ingest(cache_, {moved});
  EXPECT_EQ(report.read.files_read, 0u);
  EXPECT_EQ(report.files_recognized, files);
  EXPECT_EQ(report.segments_written, 0u);
  EXPECT_EQ(report.cache_events, trail.events());
  EXPECT_EQ(CountOf(cache_), std::to_string(trail.events()));
  absl::StatusOr<CacheInfo> info = DescribeCache(cache_);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->files, files);
  EXPECT_EQ(info->copies, files);
  EXPECT_EQ(info->events, trail.events());

  // A second copy of the tree, with new mtimes (cp -r, a re-sync).
  const std::string copy = trail.root() + "/copy";
  fs::copy(moved, copy, fs::copy_options::recursive);
  report = Ingest(cache_, {copy});
  EXPECT_EQ(report.read.files_read, 0u);
  EXPECT_EQ(report.files_recognized, files);
  EXPECT_EQ(CountOf(cache_), std::to_string(trail.events()));
  info = DescribeCache(cache_);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->files, files);
  EXPECT_EQ(info->copies, 2 * files);

  // Known by their new paths from now on.
  report = Ingest(cache_, {});
  EXPECT_EQ(report.read.files_read, 0u);
  EXPECT_EQ(report.files_recognized, 0u);
  EXPECT_EQ(report.files_already_ingested, 2 * files);
  EXPECT_EQ(CountOf(cache_), std::to_string(trail.events()));
  ExpectChecksClean(cache_);
}

// --- Finding 4 (ingest): gzip bombs and tiny events under a memory limit. --

// `count` events of one short key each, one per line: a few bytes of gzip
// each, but a row of every column in memory.
std::string TinyEvents(size_t count) {
  std::string text;
  for (size_t i = 0; i < count; i++) text += "{\"eventID\":\"a\"}\n";
  return text;
}

TEST_F(CacheHostileTest, GzipBombsAreSkippedUnderTheMemoryLimit) {
  Trail trail;
  trail.AddFile(1, 10);
  {
    const std::string zeros = Gzip(std::string(size_t{80} << 20, '\0'));
    WriteFile(trail.logs() + "/zeros.json.gz", zeros);
    WriteFile(trail.logs() + "/tiny.json.gz", Gzip(TinyEvents(300'000)));
  }
  // In a child, so that its peak memory is the ingest's alone (the zeros
  // inflate to 80 MiB, and the tiny events' rows take 70 MB, if let).
  const std::string result = InChild([&] {
    CacheIngestOptions options;
    options.threads = 2;
    options.memory_limit_bytes = uint64_t{64} << 20;
    absl::StatusOr<CacheIngestReport> report = IngestIntoCache(cache_, {trail.logs()}, options);
    if (!report.ok()) return report.status().ToString();
    std::string out = StrCat("events ", report->read.events, "\n");
    for (const IngestReport::Skipped& skipped : report->read.skipped) {
      out += fs::path(skipped.path).filename().string() + ": " + skipped.reason + "\n";
    }
    struct rusage usage;
    ::getrusage(RUSAGE_SELF, &usage);
    // The 64 MiB limit plus what the test binary holds anyway (~20 MB); the
    // ingest peaks at about 30 MB. ru_maxrss is in kB. Not under sanitizers:
    // ASan's quarantine alone keeps the freed inflate buffers resident (with
    // ASAN_OPTIONS=quarantine_size_mb=0 the peak is under 100 MB again).
#ifdef CTQ_SANITIZED
    const bool peak_ok = true;
#else
    const bool peak_ok = usage.ru_maxrss < 100 * 1000;
#endif
    return StrCat(out, "peak under 100 MB: ", peak_ok ? "yes" : "no");
  }, 60);
  const std::string hint = " (set by the memory limit: raise --memory-limit)";
  EXPECT_EQ(result, StrCat("events 10\n"
                           "tiny.json.gz: its events take more memory than 8 MiB, the limit for "
                           "one file", hint, "\n",
                           "zeros.json.gz: gzip data inflates past 8 MiB, the limit for one file",
                           hint, "\n",
                           "peak under 100 MB: yes"));
  EXPECT_EQ(CountOf(cache_), "10");

  // Without a memory limit, the ratio cap still holds (100 times the file,
  // at least 64 MiB): 80 MiB of text, or 70 MB of rows, from kilobytes.
  CacheIngestReport report = Ingest(cache_, {trail.logs()});
  EXPECT_EQ(report.read.events, 0u);
  ASSERT_EQ(report.read.skipped.size(), 2u);
  EXPECT_TRUE(Contains(report.read.skipped[0].reason,
                       "its events take more memory than 64 MiB, over 100 times the file's"))
      << report.read.skipped[0].reason;
  EXPECT_TRUE(Contains(report.read.skipped[1].reason,
                       "gzip data inflates past 64 MiB, over 100 times the file's"))
      << report.read.skipped[1].reason;
  EXPECT_EQ(CountOf(cache_), "10");
}

// Events by eventID: every delivered copy is kept by default, as Athena
// counts them; dedup_events keeps the first, against the whole cache.
TEST_F(CacheHostileTest, DedupKeepsOneEventPerEventId) {
  auto event = [](std::string_view id, std::string_view name) {
    std::string text = R"({"eventVersion":"1.08","eventTime":"2024-03-01T00:00:00Z",)";
    if (!id.empty()) text += StrCat(R"("eventID":")", id, R"(",)");
    return StrCat(text, R"("eventName":")", name, R"(","userAgent":")", std::string(40, 'u'),
                  name, R"("})");
  };
  auto file = [](const std::vector<std::string>& events) {
    std::string text = R"({"Records":[)";
    for (size_t i = 0; i < events.size(); i++) text += (i > 0 ? "," : "") + events[i];
    return text + "]}";
  };
  const std::string logs = scratch_.path() + "/logs";
  fs::create_directories(logs);
  WriteFile(logs + "/a.json", file({event("e1", "A1"), event("e2", "A2")}));
  WriteFile(logs + "/b.json.gz",
            Gzip(file({event("e2", "B2"), event("e3", "B3"), event("", "B-none"),
                       event("e3", "B3-again"), event("e5", "B5")})));
  auto names = [&] {
    absl::StatusOr<std::unique_ptr<Database>> db = Database::OpenCache(cache_, {});
    if (!db.ok()) return db.status().ToString();
    absl::StatusOr<QueryResult> result = (*db)->Query(
        "select eventid, eventname, useragent from cloudtrail_logs order by eventname");
    if (!result.ok()) return result.status().ToString();
    std::string out;
    for (const auto& row : result->rows()) {
      // The user agent checks that every column of a kept row moved with it.
      const std::string agent = row[2].ToString();
      out += StrCat(row[0].ToString(), ":", row[1].ToString(),
                    agent == std::string(40, 'u') + row[1].ToString() ? "" : " (bad row)", " ");
    }
    return out;
  };
  CacheIngestOptions options;
  options.threads = 2;
  options.dedup_events = true;
  absl::StatusOr<CacheIngestReport> report = IngestIntoCache(cache_, {logs}, options);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->read.events, 5u);
  EXPECT_EQ(report->duplicates_dropped, 2u);
  EXPECT_EQ(names(), "e1:A1 e2:A2 NULL:B-none e3:B3 e5:B5 ");

  // Against the cache: e3 is there already.
  WriteFile(logs + "/c.json", file({event("e3", "C3"), event("e4", "C4")}));
  report = IngestIntoCache(cache_, {logs}, options);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->read.events, 1u);
  EXPECT_EQ(report->duplicates_dropped, 1u);
  EXPECT_EQ(report->cache_events, 6u);

  // Without the option every delivered copy goes in.
  WriteFile(logs + "/d.json", file({event("e4", "D4")}));
  report = IngestIntoCache(cache_, {logs}, CacheIngestOptions{});
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->read.events, 1u);
  EXPECT_EQ(report->duplicates_dropped, 0u);
  EXPECT_EQ(names(), "e1:A1 e2:A2 NULL:B-none e3:B3 e5:B5 e4:C4 e4:D4 ");
  ExpectChecksClean(cache_);
}

TEST_F(CacheHostileTest, SameContentTwiceInOneIngestIsCountedOnce) {
  Trail trail;
  const std::string file = trail.AddFile(1, 25);
  trail.AddFile(2, 5);
  fs::copy_file(file, fs::path(file).parent_path() / "copy-of-it.json.gz");
  CacheIngestReport report = Ingest(cache_, {trail.logs()});
  EXPECT_EQ(report.read.files_read, 2u);
  EXPECT_EQ(report.files_recognized, 1u);
  EXPECT_EQ(report.cache_events, 30u);
  EXPECT_EQ(CountOf(cache_), "30");
  absl::StatusOr<CacheInfo> info = DescribeCache(cache_);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->files, 2u);
  EXPECT_EQ(info->copies, 1u);
}

// --- Finding 6: FIFOs and symlinks in place of cache files. ---------------

// Runs a query, DescribeCache, CheckCache and an ingest of `more` on `dir`,
// in a child process; one line per command: "query OK", "check PROBLEM
// <text>" or "describe <status>".
std::string EveryCommand(const std::string& dir, const std::string& more) {
  return InChild([&] {
    std::string lines;
    absl::StatusOr<std::unique_ptr<Database>> db = Database::OpenCache(dir, {});
    if (db.ok()) {
      absl::Status query = (*db)->Query("select count(*) from cloudtrail_logs").status();
      StrAppend(&lines, "query ", Describe(query), "\n");
    } else {
      StrAppend(&lines, "query ", Describe(db.status()), "\n");
    }
    StrAppend(&lines, "describe ", Describe(DescribeCache(dir).status()), "\n");
    absl::StatusOr<CacheCheckReport> check = CheckCache(dir);
    if (check.ok() && !check->problems.empty()) {
      StrAppend(&lines, "check PROBLEM ", check->problems.front(), "\n");
    } else {
      StrAppend(&lines, "check ", Describe(check.status()), "\n");
    }
    StrAppend(&lines, "ingest ", Describe(IngestIntoCache(dir, {more}, {}).status()), "\n");
    return lines;
  });
}

std::map<std::string, std::string> ByCommand(const std::string& lines) {
  std::map<std::string, std::string> out;
  size_t start = 0;
  while (start < lines.size()) {
    size_t end = lines.find('\n', start);
    if (end == std::string::npos) end = lines.size();
    std::string line = lines.substr(start, end - start);
    const size_t space = line.find(' ');
    if (space != std::string::npos) out[line.substr(0, space)] = line.substr(space + 1);
    start = end + 1;
  }
  return out;
}

TEST_F(CacheHostileTest, FifoInPlaceOfACacheFileIsAnErrorNotAHang) {
  Trail trail;
  trail.AddFile(1, 10);
  Ingest(cache_, {trail.logs()});
  const std::string segment = OnlySegment(cache_);
  Trail more;
  const std::string new_file = more.AddFile(2, 3);

  for (const std::string& name : {std::string(kManifestFileName),
                                  std::string(kIdentityFileName), segment}) {
    SCOPED_TRACE(name);
    const std::string dir = scratch_.path() + "/fifo-" + name;
    fs::copy(cache_, dir, fs::copy_options::recursive);
    const std::string path = dir + "/" + name;
    fs::remove(path);
    ASSERT_EQ(::mkfifo(path.c_str(), 0644), 0);
    const std::string lines = EveryCommand(dir, new_file);
    ASSERT_NE(lines, "HUNG");
    std::map<std::string, std::string> results = ByCommand(lines);
    ASSERT_EQ(results.size(), 4u) << lines;
    for (const char* command : {"query", "describe", "check"}) {
      EXPECT_NE(results[command], "OK") << command;
      EXPECT_TRUE(Contains(results[command], path)) << command << ": " << results[command];
    }
    if (name == segment) {
      // An ingest does not read the segments it keeps.
      EXPECT_TRUE(results["ingest"] == "OK" || Contains(results["ingest"], name))
          << results["ingest"];
    } else {
      EXPECT_TRUE(Contains(results["ingest"], path)) << results["ingest"];
    }
    EXPECT_TRUE(fs::is_fifo(path));  // refused, not replaced or deleted
  }
}

// LOCK holds no data: a FIFO there hangs nothing, and the next ingest
// replaces it. A refused ingest reads it for the holder's pid: not waiting
// on it either.
TEST_F(CacheHostileTest, FifoInPlaceOfLockHangsNothing) {
  Trail trail;
  trail.AddFile(1, 10);
  Ingest(cache_, {trail.logs()});
  Trail more;
  const std::string new_file = more.AddFile(2, 3);
  const std::string lock = cache_ + "/" + kLockFileName;
  fs::remove(lock);
  ASSERT_EQ(::mkfifo(lock.c_str(), 0644), 0);

  const std::string refused = InChild([&] {
    absl::StatusOr<CacheLock> holder = CacheLock::Acquire(cache_);
    if (!holder.ok()) return StrCat("could not lock: ", holder.status().ToString());
    return Describe(IngestIntoCache(cache_, {new_file}, {}).status());
  });
  EXPECT_TRUE(Contains(refused, "another ctq ingest")) << refused;
  EXPECT_TRUE(fs::is_fifo(lock));

  std::map<std::string, std::string> results = ByCommand(EveryCommand(cache_, new_file));
  ASSERT_EQ(results.size(), 4u);
  for (const char* command : {"query", "describe", "check", "ingest"}) {
    EXPECT_EQ(results[command], "OK") << command;
  }
  EXPECT_TRUE(fs::is_regular_file(lock));
  EXPECT_EQ(CountOf(cache_), "13");
}

// A symlink in place of a cache file, even to a valid copy of it, is
// refused: ctq reads only its own regular files.
TEST_F(CacheHostileTest, SymlinkInPlaceOfACacheFileIsRefused) {
  Trail trail;
  trail.AddFile(1, 10);
  Ingest(cache_, {trail.logs()});
  const std::string segment = OnlySegment(cache_);
  for (const std::string& name : {std::string(kManifestFileName),
                                  std::string(kIdentityFileName), segment}) {
    SCOPED_TRACE(name);
    const std::string dir = scratch_.path() + "/link-" + name;
    fs::copy(cache_, dir, fs::copy_options::recursive);
    const std::string path = dir + "/" + name;
    const std::string elsewhere = scratch_.path() + "/elsewhere-" + name;
    fs::rename(path, elsewhere);
    fs::create_symlink(elsewhere, path);
    const std::string target_bytes = ReadFile(elsewhere);

    absl::StatusOr<std::unique_ptr<Database>> db = Database::OpenCache(dir, {});
    ASSERT_FALSE(db.ok());
    EXPECT_TRUE(absl::IsFailedPrecondition(db.status()) || absl::IsDataLoss(db.status()))
        << db.status();
    EXPECT_TRUE(Contains(Message(db.status()), path)) << db.status();
    absl::StatusOr<CacheCheckReport> check = CheckCache(dir);
    if (check.ok()) {
      ASSERT_FALSE(check->problems.empty());
      EXPECT_TRUE(Contains(check->problems.front(), path)) << check->problems.front();
    } else {
      EXPECT_TRUE(Contains(Message(check.status()), path)) << check.status();
    }
    EXPECT_EQ(ReadFile(elsewhere), target_bytes);
  }
}

// --- Finding 7: segments and manifests of another cache; crafted chunks. --

// Two caches of the same events but for one eventName of the same length:
// their segments have the same size, row groups and events, and different
// bytes.
class TwinCachesTest : public CacheHostileTest {
 protected:
  void SetUp() override {
    for (int day = 1; day <= 2; day++) {
      get_.AddFile(day, 40, "GetObject");
      put_.AddFile(day, 40, "PutObject");
    }
    Ingest(a_, {get_.logs()});
    Ingest(b_, {put_.logs()});
    absl::StatusOr<Manifest> a = ReadManifest(a_), b = ReadManifest(b_);
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_EQ(a->segments.size(), 1u);
    ASSERT_EQ(b->segments.size(), 1u);
    segment_a_ = a_ + "/" + a->segments[0].name;
    segment_b_ = b_ + "/" + b->segments[0].name;
    ASSERT_EQ(a->segments[0].bytes, b->segments[0].bytes);
    ASSERT_EQ(a->segments[0].events, b->segments[0].events);
    ASSERT_EQ(a->segments[0].row_groups, b->segments[0].row_groups);
    ASSERT_NE(ReadFile(segment_a_), ReadFile(segment_b_));
    ASSERT_EQ(CountOf(a_), "80");
  }

  Trail get_, put_;
  const std::string a_ = scratch_.path() + "/a", b_ = scratch_.path() + "/b";
  std::string segment_a_, segment_b_;
};

TEST_F(TwinCachesTest, SegmentOfAnotherCacheIsDataLoss) {
  WriteFile(segment_a_, ReadFile(segment_b_));
  absl::StatusOr<std::unique_ptr<Database>> db = Database::OpenCache(a_, {});
  absl::Status status = db.status();
  if (db.ok()) status = (*db)->Query("select eventname from cloudtrail_logs").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
  EXPECT_TRUE(Contains(Message(status), segment_a_)) << status;
  absl::StatusOr<CacheCheckReport> check = CheckCache(a_);
  ASSERT_TRUE(check.ok()) << check.status();
  ASSERT_FALSE(check->problems.empty());
  EXPECT_TRUE(Contains(check->problems.front(), segment_a_)) << check->problems.front();
}

// Every chunk of B's segment (each with its valid CRC) under A's footer, which
// is intact and matches A's manifest: only the content hash can tell.
TEST_F(TwinCachesTest, ChunksReplacedUnderAnIntactFooterAreFoundByCheck) {
  const std::string a = ReadFile(segment_a_), b = ReadFile(segment_b_);
  uint64_t footer_a = 0, footer_b = 0;
  std::memcpy(&footer_a, a.data() + a.size() - 24, 8);
  std::memcpy(&footer_b, b.data() + b.size() - 24, 8);
  ASSERT_EQ(footer_a, footer_b);
  ASSERT_NE(a.substr(0, footer_a), b.substr(0, footer_b)) << "no chunk differs";
  WriteFile(segment_a_, b.substr(0, footer_b) + a.substr(footer_a));

  absl::StatusOr<CacheCheckReport> check = CheckCache(a_);
  ASSERT_TRUE(check.ok()) << check.status();
  ASSERT_EQ(check->problems.size(), 1u) << "the chunks themselves are valid";
  EXPECT_TRUE(Contains(check->problems[0], segment_a_)) << check->problems[0];
  EXPECT_TRUE(Contains(check->problems[0], "content differs")) << check->problems[0];
}

TEST_F(TwinCachesTest, ManifestOfAnotherCacheIsRefused) {
  const std::string manifest = a_ + "/" + kManifestFileName;
  WriteFile(manifest, ReadFile(b_ + "/" + kManifestFileName));
  // B's segment too, under its own name: all that differs is whose it is.
  fs::copy_file(segment_b_, a_ + "/" + fs::path(segment_b_).filename().string());

  absl::StatusOr<std::unique_ptr<Database>> db = Database::OpenCache(a_, {});
  EXPECT_EQ(db.status().code(), absl::StatusCode::kDataLoss) << db.status();
  EXPECT_TRUE(Contains(Message(db.status()), "belongs to another cache")) << db.status();
  EXPECT_TRUE(Contains(Message(db.status()), manifest)) << db.status();
  absl::StatusOr<CacheCheckReport> check = CheckCache(a_);
  ASSERT_TRUE(check.ok()) << check.status();
  ASSERT_FALSE(check->problems.empty());
  EXPECT_TRUE(Contains(check->problems.front(), "belongs to another cache"));
  Trail more;
  const std::string new_file = more.AddFile(3, 1);
  absl::StatusOr<CacheIngestReport> report = IngestIntoCache(a_, {new_file}, {});
  EXPECT_EQ(report.status().code(), absl::StatusCode::kDataLoss) << report.status();
  EXPECT_TRUE(fs::exists(segment_a_));  // not taken for a leftover
}

}  // namespace
}  // namespace ctq
