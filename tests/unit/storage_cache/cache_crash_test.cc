// Crash safety of the cache with the real `ctq` binary: `ctq ingest` killed
// with SIGKILL at random instants leaves a cache that checks clean and holds
// whole files only (or no cache at all, before the first publish), and a
// final ingest completes it with every event exactly once. Two concurrent
// ingests on one cache: one is refused naming the other, or they run one
// after the other; either way nothing is counted twice.
//
// The binaries come from the build (CTQ_BINARY, CTQGEN_BINARY); the logs are
// ctqgen's deterministic bucket.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "ctq/cache.h"
#include "ctq/database.h"
#include "ctq/internal/strings.h"
#include "gtest/gtest.h"
#include "storage/cache_manifest.h"
#include "tests/unit/storage_cache/test_files.h"

extern char** environ;

namespace ctq {
namespace {

using testing::ReadFile;

namespace fs = std::filesystem;

// About 8 MB of gzip'd logs in 150 files: an ingest of ~0.5 s on two cores,
// with two runs (so two segments).
constexpr uint64_t kEvents = 30000;

// Starts `args` (args[0] is the program) with stdout to /dev/null and stderr
// to `stderr_path`. Returns the pid, or -1.
pid_t Spawn(const std::vector<std::string>& args, const std::string& stderr_path) {
  std::vector<char*> argv;
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  pid_t pid = -1;
  int error = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return error == 0 ? pid : -1;
}

// Waits for `pid`; returns its exit code, or 128 + signal.
int Wait(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

std::vector<std::string> IngestCommand(const std::string& cache, const std::string& path) {
  return {CTQ_BINARY, "ingest", "--quiet", "--cache", cache, path};
}

class CacheCrashTest : public ::testing::Test {
 protected:
  // The logs and a reference cache (its manifest says how many events each
  // file holds) are made once for the tests of this process.
  static void SetUpTestSuite() {
    shared_ = new Shared;
    // Normal form, as the cache records paths (TempDir() ends in '/').
    shared_->root =
        fs::path(StrCat(::testing::TempDir(), "/ctq_cache_crash_", ::getpid())).lexically_normal();
    fs::remove_all(shared_->root);
    fs::create_directories(shared_->root);
    shared_->logs = shared_->root + "/logs";
    const std::string err = shared_->root + "/ctqgen.err";
    pid_t gen = Spawn({CTQGEN_BINARY, "--out", shared_->logs, "--events", std::to_string(kEvents),
                       "--seed", "3", "--threads", "2", "--quiet"},
                      err);
    ASSERT_GT(gen, 0);
    ASSERT_EQ(Wait(gen), 0) << ReadFile(err);
    for (const auto& entry : fs::directory_iterator(shared_->logs + "/AWSLogs")) {
      shared_->accounts.push_back(entry.path().string());
    }
    std::sort(shared_->accounts.begin(), shared_->accounts.end());
    ASSERT_GE(shared_->accounts.size(), 2u);

    const std::string reference = shared_->root + "/reference";
    const auto start = std::chrono::steady_clock::now();
    pid_t ingest = Spawn(IngestCommand(reference, shared_->logs), err);
    ASSERT_GT(ingest, 0);
    ASSERT_EQ(Wait(ingest), 0) << ReadFile(err);
    shared_->ingest_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    absl::StatusOr<Manifest> manifest = ReadManifest(reference);
    ASSERT_TRUE(manifest.ok()) << manifest.status();
    ASSERT_EQ(manifest->events(), kEvents);
    for (const ManifestFile& file : manifest->files) shared_->file_events[file.path] = file.events;
    std::printf("%zu log files, %zu segments; a full ingest takes %.2f s\n", manifest->files.size(),
                manifest->segments.size(), shared_->ingest_seconds);
  }
  static void TearDownTestSuite() {
    std::error_code ignored;
    fs::remove_all(shared_->root, ignored);
    delete shared_;
    shared_ = nullptr;
  }
  void SetUp() override { ASSERT_FALSE(shared_->file_events.empty()) << "SetUpTestSuite failed"; }

  // Checks the invariants of a cache that an ingest may have been killed in.
  // Returns the events it holds.
  uint64_t VerifyConsistent(const std::string& cache, const std::string& when) {
    absl::StatusOr<Manifest> manifest = ReadManifest(cache);
    if (absl::IsNotFound(manifest.status())) {
      // Killed before the first publish: no cache, and it says so.
      EXPECT_TRUE(absl::IsNotFound(CheckCache(cache).status())) << when;
      EXPECT_TRUE(absl::IsNotFound(Database::OpenCache(cache, {}).status())) << when;
      return 0;
    }
    EXPECT_TRUE(manifest.ok()) << when << ": " << manifest.status();
    if (!manifest.ok()) return 0;
    absl::StatusOr<CacheCheckReport> check = CheckCache(cache);
    EXPECT_TRUE(check.ok()) << when << ": " << check.status();
    if (check.ok()) {
      EXPECT_TRUE(check->problems.empty()) << when << ": " << check->problems.front();
    }
    // Whole files only: each listed once, with all of its events.
    std::set<std::string> seen;
    uint64_t file_events = 0;
    for (const ManifestFile& file : manifest->files) {
      EXPECT_TRUE(seen.insert(file.path).second) << when << ": listed twice: " << file.path;
      auto it = shared_->file_events.find(file.path);
      EXPECT_TRUE(it != shared_->file_events.end()) << when << ": " << file.path;
      if (it != shared_->file_events.end()) {
        EXPECT_EQ(file.events, it->second) << when << ": " << file.path;
      }
      file_events += file.events;
    }
    EXPECT_EQ(file_events, manifest->events()) << when;
    EXPECT_LE(manifest->events(), kEvents) << when;

    absl::StatusOr<std::unique_ptr<Database>> db = Database::OpenCache(cache, {.threads = 2});
    EXPECT_TRUE(db.ok()) << when << ": " << db.status();
    if (!db.ok()) return 0;
    absl::StatusOr<QueryResult> count = (*db)->Query("select count(*) from cloudtrail_logs");
    EXPECT_TRUE(count.ok()) << when << ": " << count.status();
    if (!count.ok()) return 0;
    EXPECT_EQ(count->value(0, 0).bigint(), static_cast<int64_t>(manifest->events())) << when;
    return manifest->events();
  }

  void ExpectComplete(const std::string& cache) {
    EXPECT_EQ(VerifyConsistent(cache, "at the end"), kEvents);
    auto db = Database::OpenCache(cache, {}).value();
    absl::StatusOr<QueryResult> distinct =
        db->Query("select count(distinct eventid) from cloudtrail_logs");
    ASSERT_TRUE(distinct.ok()) << distinct.status();
    EXPECT_EQ(distinct->value(0, 0).bigint(), static_cast<int64_t>(kEvents));
    // Nothing a killed ingest left behind survives a completed one.
    absl::StatusOr<Manifest> manifest = ReadManifest(cache);
    ASSERT_TRUE(manifest.ok());
    std::set<std::string> expected = {"CTQCACHE", "MANIFEST", "LOCK"};
    for (const ManifestSegment& segment : manifest->segments) expected.insert(segment.name);
    std::set<std::string> present;
    for (const auto& entry : fs::directory_iterator(cache)) {
      present.insert(entry.path().filename().string());
    }
    EXPECT_EQ(present, expected);
  }

  struct Shared {
    std::string root;
    std::string logs;
    std::vector<std::string> accounts;  // AWSLogs/<account> directories
    double ingest_seconds = 0;
    std::map<std::string, uint64_t> file_events;  // per log file, from a full ingest
  };
  static Shared* shared_;
};

CacheCrashTest::Shared* CacheCrashTest::shared_ = nullptr;

TEST_F(CacheCrashTest, KilledIngestsLeaveAConsistentCache) {
  const std::string cache = shared_->root + "/crashed";
  const std::string err = shared_->root + "/ingest.err";
  // Random instants each run (more coverage over time); CTQ_CRASH_SEED
  // replays a failing run's choices.
  const char* fixed = std::getenv("CTQ_CRASH_SEED");
  const uint32_t seed = fixed != nullptr ? static_cast<uint32_t>(std::strtoul(fixed, nullptr, 10))
                                         : static_cast<uint32_t>(std::random_device()());
  std::mt19937 rng(seed);
  SCOPED_TRACE(StrCat("seed ", seed));
  int killed = 0, completed = 0, killed_over_a_cache = 0;
  uint64_t previous = 0;
  for (int round = 0; round < 10 && !HasFailure(); round++) {
    if (previous == kEvents) {
      // Complete: start over, so that the next ingests have work to be
      // killed in.
      fs::remove_all(cache);
      previous = 0;
    }
    // Half the time, first let an ingest of one account complete, so that
    // the killed ingest adds to a cache that holds some files already.
    if (rng() % 2 == 0) {
      const std::string& account = shared_->accounts[rng() % shared_->accounts.size()];
      pid_t pid = Spawn(IngestCommand(cache, account), err);
      ASSERT_GT(pid, 0);
      ASSERT_EQ(Wait(pid), 0) << ReadFile(err);
      previous = VerifyConsistent(cache, StrCat("round ", round, ", one account ingested"));
    }
    // Then kill an ingest of the whole bucket at a random instant, up to a
    // little longer than it takes, so that most kills land while it works.
    const auto delay_us = std::uniform_int_distribution<int64_t>(
        0, static_cast<int64_t>(shared_->ingest_seconds * 1.1e6))(rng);
    const bool had_cache = previous > 0;
    pid_t pid = Spawn(IngestCommand(cache, shared_->logs), err);
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us));
    ::kill(pid, SIGKILL);
    const int code = Wait(pid);
    const std::string when =
        StrCat("round ", round, " (killed after ", delay_us / 1000, " ms, exit ", code, ")");
    if (code == 128 + SIGKILL) {
      killed++;
      if (had_cache) killed_over_a_cache++;
    } else {
      // It finished first; a kill -9 earlier must not have left it locked out.
      ASSERT_EQ(code, 0) << when << ": " << ReadFile(err);
      completed++;
    }
    const uint64_t events = VerifyConsistent(cache, when);
    // Published states only grow: a killed ingest never takes anything away.
    EXPECT_GE(events, previous) << when;
    previous = events;
  }
  std::printf("%d ingests killed (%d adding to a cache), %d completed first\n", killed,
              killed_over_a_cache, completed);
  EXPECT_GT(killed, 0) << "no ingest was ever interrupted: the test proved nothing";

  pid_t pid = Spawn(IngestCommand(cache, shared_->logs), err);
  ASSERT_GT(pid, 0);
  ASSERT_EQ(Wait(pid), 0) << ReadFile(err);
  ExpectComplete(cache);
}

// Two ingests of different accounts started together: without the lock both
// would read the same manifest and publish generation N+1, the second
// dropping the first's files (and overwriting its equally named segments).
TEST_F(CacheCrashTest, ConcurrentIngestsNeverCountTwice) {
  int refused = 0;
  for (int attempt = 0; attempt < 2; attempt++) {
    const std::string cache = StrCat(shared_->root, "/concurrent", attempt);
    const std::string paths[2] = {shared_->accounts[attempt % shared_->accounts.size()],
                                  shared_->accounts[(attempt + 1) % shared_->accounts.size()]};
    const std::string errs[2] = {cache + ".a.err", cache + ".b.err"};
    pid_t pids[2];
    for (int i = 0; i < 2; i++) {
      pids[i] = Spawn(IngestCommand(cache, paths[i]), errs[i]);
      ASSERT_GT(pids[i], 0);
    }
    uint64_t expected = 0;
    int succeeded = 0;
    std::string refused_path;
    for (int i = 0; i < 2; i++) {
      const int code = Wait(pids[i]);
      const std::string text = ReadFile(errs[i]);
      if (code == 0) {
        succeeded++;
        for (const auto& [file, events] : shared_->file_events) {
          if (file.starts_with(paths[i] + "/")) expected += events;
        }
        continue;
      }
      EXPECT_EQ(code, 1) << text;
      EXPECT_NE(text.find("another ctq ingest"), std::string::npos) << text;
      EXPECT_NE(text.find("(pid "), std::string::npos) << text;
      refused++;
      refused_path = paths[i];
    }
    EXPECT_GE(succeeded, 1);
    // Exactly what the ingests that succeeded read, each file once.
    EXPECT_EQ(VerifyConsistent(cache, StrCat("race ", attempt)), expected);
    // The refused one, run again, and the rest: all of it, once.
    if (!refused_path.empty()) {
      pid_t again = Spawn(IngestCommand(cache, refused_path), errs[0]);
      ASSERT_EQ(Wait(again), 0) << ReadFile(errs[0]);
    }
    pid_t rest = Spawn(IngestCommand(cache, shared_->logs), errs[0]);
    ASSERT_EQ(Wait(rest), 0) << ReadFile(errs[0]);
    ExpectComplete(cache);
  }
  std::printf("%d of 2 races ended with a refusal\n", refused);
}

}  // namespace
}  // namespace ctq
