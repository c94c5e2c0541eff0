// Every mutating file operation of an ingest fails once in turn (issue 9,
// "a fault-injection layer"): after each failure the cache is exactly the old
// one or exactly the new one (the MANIFEST rename is the commit point, so a
// failure after it, in the directory's fsync, may leave the new state), it
// checks clean, and a re-ingest without faults reaches the exact count with
// every event once. The same for the first ingest into a new directory, and
// with deletes failing too, so that the failed write's temporary stays behind
// as after a crash and the next ingest has to remove it.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ctq/cache.h"
#include "ctq/database.h"
#include "ctq/internal/strings.h"
#include "gtest/gtest.h"
#include "storage/cache_manifest.h"
#include "storage/env.h"
#include "tests/unit/storage/test_log_files.h"
#include "tests/unit/storage_cache/fault_injection_env.h"
#include "tests/unit/storage_cache/test_files.h"
#include "tests/unit/storage_cache/test_trail.h"

namespace ctq {
namespace {

using testing::FaultInjectionEnv;
using testing::ReadFile;
using testing::Trail;

namespace fs = std::filesystem;

// More operations than any ingest here makes: a loop that reaches it is one
// whose fault never stops being hit.
constexpr uint64_t kMaxOperations = 500;

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// The cache's count(*), checked to hold every event once (as many distinct
// eventids); nullopt when `dir` holds no cache yet.
std::optional<uint64_t> CachedEvents(const std::string& dir) {
  absl::StatusOr<std::unique_ptr<Database>> db = Database::OpenCache(dir, {});
  if (absl::IsNotFound(db.status())) return std::nullopt;
  EXPECT_TRUE(db.ok()) << db.status();
  if (!db.ok()) return 0;
  absl::StatusOr<QueryResult> result =
      (*db)->Query("select count(*), count(distinct eventid) from cloudtrail_logs");
  EXPECT_TRUE(result.ok()) << result.status();
  if (!result.ok() || result->rows().size() != 1) return 0;
  const std::string count = result->rows()[0][0].ToString();
  EXPECT_EQ(result->rows()[0][1].ToString(), count) << "an event counted twice";
  return std::stoull(count);
}

// CheckCache finds nothing wrong (or there is no cache to check).
void ExpectChecksClean(const std::string& dir) {
  absl::StatusOr<CacheCheckReport> check = CheckCache(dir);
  if (absl::IsNotFound(check.status())) return;
  ASSERT_TRUE(check.ok()) << check.status();
  EXPECT_TRUE(check->problems.empty()) << check->problems.front();
}

// After a clean ingest the directory holds the cache's files and nothing
// else: no temporary, no unlisted segment.
void ExpectOnlyCacheFiles(const std::string& dir) {
  absl::StatusOr<Manifest> manifest = ReadManifest(dir);
  ASSERT_TRUE(manifest.ok()) << manifest.status();
  std::vector<std::string> expected = {"CTQCACHE", "LOCK", "MANIFEST"};
  for (const ManifestSegment& segment : manifest->segments) expected.push_back(segment.name);
  std::sort(expected.begin(), expected.end());
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, expected);
}

CacheIngestOptions WithEnv(Env* env) {
  CacheIngestOptions options;
  options.threads = 1;  // one worker: the Nth operation is the same one each run
  options.env = env;
  return options;
}

class FaultInjectionTest : public ::testing::Test {
 protected:
  // One failed ingest, then the checks: old or new state, clean, and a
  // fault-free re-ingest of the recorded sources (or of `paths` when the
  // failed ingest left no manifest) completes it.
  void CheckAfterFault(const std::string& dir, const absl::StatusOr<CacheIngestReport>& report,
                       const std::vector<std::string>& paths, std::optional<uint64_t> old_events,
                       uint64_t new_events) {
    if (!report.ok()) {
      EXPECT_TRUE(Contains(ToStd(report.status().message()), "injected I/O error"))
          << "the ingest failed for another reason: " << report.status();
    }
    std::optional<uint64_t> events = CachedEvents(dir);
    if (report.ok()) {
      // Only a best-effort step (the LOCK file's pid) may fail unreported.
      EXPECT_EQ(events, new_events);
    } else {
      EXPECT_TRUE(events == old_events || events == new_events)
          << "a state that is neither the old nor the new one: "
          << (events.has_value() ? std::to_string(*events) : "no cache");
    }
    ExpectChecksClean(dir);

    absl::StatusOr<CacheIngestReport> again = IngestIntoCache(dir, paths, WithEnv(nullptr));
    ASSERT_TRUE(again.ok()) << again.status();
    EXPECT_EQ(again->cache_events, new_events);
    EXPECT_EQ(CachedEvents(dir), new_events);
    ExpectChecksClean(dir);
    ExpectOnlyCacheFiles(dir);
  }

  // A cache of three files, then three more files (one without events)
  // ingested with the fault at each operation in turn.
  void SecondIngestFailsAtEachOperation(bool deletes_fail) {
    Trail trail;
    for (int day = 1; day <= 3; day++) trail.AddFile(day, 20 + day);
    const std::string base = scratch_.path() + "/base";
    ASSERT_TRUE(IngestIntoCache(base, {trail.logs()}, WithEnv(nullptr)).ok());
    const uint64_t old_events = trail.events();
    trail.AddFile(4, 17);
    trail.AddFile(5, 9);
    trail.AddFile(5, 0);
    const uint64_t new_events = trail.events();

    uint64_t faults = 0;
    for (uint64_t n = 1;; n++) {
      ASSERT_LT(n, kMaxOperations);
      const std::string dir = StrCat(scratch_.path(), "/second-", n);
      fs::copy(base, dir, fs::copy_options::recursive);
      FaultInjectionEnv env(n, deletes_fail);
      absl::StatusOr<CacheIngestReport> report = IngestIntoCache(dir, {}, WithEnv(&env));
      if (!env.fault_hit()) {
        // Past the last operation: the ingest ran clean.
        ASSERT_TRUE(report.ok()) << report.status();
        EXPECT_EQ(report->cache_events, new_events);
        EXPECT_EQ(CachedEvents(dir), new_events);
        break;
      }
      SCOPED_TRACE(StrCat("fault at operation ", n, ": ", env.failed_operation()));
      faults++;
      CheckAfterFault(dir, report, {}, old_events, new_events);
      if (HasFatalFailure()) return;
      fs::remove_all(dir);
    }
    // Lock pid, manifest and a segment, each created, written, synced,
    // closed, renamed and its directory synced: at least 18.
    EXPECT_GE(faults, 18u);
    std::printf("second ingest%s: %llu operations failed in turn\n",
                deletes_fail ? " (deletes failing)" : "", static_cast<unsigned long long>(faults));
  }

  // The first ingest, into a directory that does not exist yet or exists and
  // is empty, with the fault at each operation: the identity file's creation
  // included. Whatever failed, the directory stays usable.
  void FirstIngestFailsAtEachOperation(bool exists, bool deletes_fail) {
    Trail trail;
    trail.AddFile(1, 30);
    trail.AddFile(2, 12);
    const uint64_t events = trail.events();
    uint64_t faults = 0;
    for (uint64_t n = 1;; n++) {
      ASSERT_LT(n, kMaxOperations);
      const std::string dir = StrCat(scratch_.path(), "/first-", n);
      if (exists) fs::create_directories(dir);
      FaultInjectionEnv env(n, deletes_fail);
      absl::StatusOr<CacheIngestReport> report =
          IngestIntoCache(dir, {trail.logs()}, WithEnv(&env));
      if (!env.fault_hit()) {
        ASSERT_TRUE(report.ok()) << report.status();
        EXPECT_EQ(CachedEvents(dir), events);
        break;
      }
      SCOPED_TRACE(StrCat("fault at operation ", n, ": ", env.failed_operation()));
      faults++;
      CheckAfterFault(dir, report, {trail.logs()}, std::nullopt, events);
      if (HasFatalFailure()) return;
      fs::remove_all(dir);
    }
    // The directory, the identity file, the lock's pid, a segment, the manifest.
    EXPECT_GE(faults, 1u + 4 * 6);
    std::printf("first ingest into %s directory%s: %llu operations failed in turn\n",
                exists ? "an empty" : "a new", deletes_fail ? " (deletes failing)" : "",
                static_cast<unsigned long long>(faults));
  }

  ScratchDir scratch_;
};

TEST_F(FaultInjectionTest, SecondIngestFailsAtEachOperation) {
  SecondIngestFailsAtEachOperation(/*deletes_fail=*/false);
}

// The failed write's temporary (or an unlisted segment) stays behind.
TEST_F(FaultInjectionTest, SecondIngestFailsAtEachOperationAndLeavesItsTemporaries) {
  SecondIngestFailsAtEachOperation(/*deletes_fail=*/true);
}

TEST_F(FaultInjectionTest, FirstIngestIntoANewDirectoryFailsAtEachOperation) {
  FirstIngestFailsAtEachOperation(/*exists=*/false, /*deletes_fail=*/false);
}

TEST_F(FaultInjectionTest, FirstIngestIntoAnEmptyDirectoryFailsAtEachOperation) {
  FirstIngestFailsAtEachOperation(/*exists=*/true, /*deletes_fail=*/false);
}

// A CTQCACHE temporary left behind must not make ctq refuse its own
// directory as "not a ctq cache".
TEST_F(FaultInjectionTest, FirstIngestIntoANewDirectoryFailsAndLeavesItsTemporaries) {
  FirstIngestFailsAtEachOperation(/*exists=*/false, /*deletes_fail=*/true);
}

TEST_F(FaultInjectionTest, FirstIngestIntoAnEmptyDirectoryFailsAndLeavesItsTemporaries) {
  FirstIngestFailsAtEachOperation(/*exists=*/true, /*deletes_fail=*/true);
}

// The building block on its own: WriteFileAtomically with each of its six
// operations failing leaves the old file or the new one, and no temporary.
TEST_F(FaultInjectionTest, WriteFileAtomicallyLeavesOldOrNew) {
  const std::string path = scratch_.path() + "/file";
  uint64_t n = 1;
  for (;; n++) {
    ASSERT_LT(n, kMaxOperations);
    testing::WriteFile(path, "old");
    FaultInjectionEnv env(n);
    absl::Status status = WriteFileAtomically(&env, path, "new", "t0");
    if (!env.fault_hit()) {
      ASSERT_TRUE(status.ok()) << status;
      EXPECT_EQ(ReadFile(path), "new");
      break;
    }
    SCOPED_TRACE(env.failed_operation());
    EXPECT_FALSE(status.ok());
    const std::string now = ReadFile(path);
    EXPECT_TRUE(now == "old" || now == "new") << now;
    EXPECT_FALSE(fs::exists(path + ".t0.tmp"));
  }
  EXPECT_EQ(n, 7u) << "create, append, sync, close, rename, directory sync";
}

}  // namespace
}  // namespace ctq
