// Damage to each kind of file of a real cache (MANIFEST, segments, LOCK), in
// the spirit of LevelDB's corruption_test: flipped bytes, truncation, appended
// garbage, swapped and deleted files. The rule: never a crash and never a
// different answer. A query either returns exactly the original rows or fails
// with a message naming the damaged file, and CheckCache, which verifies every
// checksum, always reports the damage, naming the file.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "ctq/cache.h"
#include "ctq/database.h"
#include "ctq/internal/strings.h"
#include "gtest/gtest.h"
#include "storage/cache_manifest.h"
#include "tests/unit/storage_cache/test_files.h"

namespace ctq {
namespace {

using testing::ReadFile;
using testing::WriteFile;

namespace fs = std::filesystem;

const std::string kLogs = CTQ_TEST_LOGS_DIR;

// Overwrites one byte in place. Cheaper than rewriting the file: ext4 flushes
// a file that was truncated and rewritten when it is closed.
void PokeByte(const std::string& path, size_t offset, char byte) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0) << path;
  ASSERT_EQ(::pwrite(fd, &byte, 1, static_cast<off_t>(offset)), 1);
  ::close(fd);
}

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// Every row of `select *`, sorted (segments may be scanned in any order), or
// the error.
absl::StatusOr<std::vector<std::string>> AllRows(Database& db) {
  absl::StatusOr<QueryResult> result = db.Query("select * from cloudtrail_logs");
  if (!result.ok()) return result.status();
  std::vector<std::string> rows;
  for (const auto& row : result->rows()) {
    std::string line;
    for (const Value& value : row)
      StrAppend(&line, value.is_null() ? "\\N" : value.ToString(), "\x1f");
    rows.push_back(std::move(line));
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

// A cache of the checked-in fixtures, built by two ingests (so two segments,
// of different shapes), copied once to a scratch directory that each test
// damages and repairs.
class CacheCorruptionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = new std::string(StrCat(::testing::TempDir(), "/ctq_cache_corruption_", ::getpid()));
    fs::remove_all(*root_);
    const std::string cache = *root_ + "/pristine";
    for (const char* path : {"/bucket", "/shapes"}) {
      absl::StatusOr<CacheIngestReport> report = IngestIntoCache(cache, {kLogs + path}, {});
      ASSERT_TRUE(report.ok()) << report.status();
      ASSERT_EQ(report->segments_written, 1u) << path;
    }
    absl::StatusOr<Manifest> manifest = ReadManifest(cache);
    ASSERT_TRUE(manifest.ok());
    segments_ = new std::vector<std::string>();
    for (const ManifestSegment& segment : manifest->segments) segments_->push_back(segment.name);
    auto db = Database::OpenCache(cache, {});
    ASSERT_TRUE(db.ok()) << db.status();
    absl::StatusOr<std::vector<std::string>> rows = AllRows(**db);
    ASSERT_TRUE(rows.ok()) << rows.status();
    rows_ = new std::vector<std::string>(std::move(*rows));
  }
  static void TearDownTestSuite() {
    std::error_code ignored;
    if (root_ != nullptr) fs::remove_all(*root_, ignored);
    delete root_;
    delete segments_;
    delete rows_;
    root_ = nullptr;
    segments_ = nullptr;
    rows_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(rows_, nullptr) << "the cache could not be built";
    ASSERT_EQ(segments_->size(), 2u);
    ASSERT_GT(rows_->size(), 5u);
    dir_ = *root_ + "/" + ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(dir_);
    fs::copy(*root_ + "/pristine", dir_, fs::copy_options::recursive);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  // Checks the cache with `name` damaged (`what` describes how). Returns
  // whether the query noticed (the alternative being the original rows).
  bool CheckDamaged(const std::string& name, const std::string& what) {
    const std::string path = dir_ + "/" + name;
    bool query_failed = true;
    absl::StatusOr<std::unique_ptr<Database>> db = Database::OpenCache(dir_, {});
    if (!db.ok()) {
      EXPECT_TRUE(Contains(ToStd(db.status().message()), path)) << what << ": " << db.status();
    } else {
      absl::StatusOr<std::vector<std::string>> rows = AllRows(**db);
      if (!rows.ok()) {
        EXPECT_TRUE(Contains(ToStd(rows.status().message()), path))
            << what << ": " << rows.status();
      } else {
        query_failed = false;
        EXPECT_TRUE(*rows == *rows_) << what << ": a different answer";
      }
    }
    absl::StatusOr<CacheCheckReport> check = CheckCache(dir_);
    if (!check.ok()) {
      EXPECT_TRUE(Contains(ToStd(check.status().message()), path))
          << what << ": " << check.status();
    } else {
      bool named = false;
      for (const std::string& problem : check->problems) named = named || Contains(problem, path);
      EXPECT_TRUE(named) << what << ": check did not report " << path << " ("
                         << check->problems.size() << " problems)";
    }
    return query_failed;
  }

  // Flips bytes of `name` at every `stride`-th position and in its first and
  // last 64 bytes, then truncates it and appends to it, restoring it after.
  void DamageEverywhere(const std::string& name) {
    const std::string path = dir_ + "/" + name;
    const std::string original = ReadFile(path);
    ASSERT_GT(original.size(), 128u);
    const size_t stride = std::max<size_t>(1, original.size() / 1000);
    std::set<size_t> positions;
    for (size_t i = 0; i < original.size(); i += stride) positions.insert(i);
    for (size_t i = 0; i < 64; i++) {
      positions.insert(i);
      positions.insert(original.size() - 1 - i);
    }
    int unnoticed = 0, trials = 0;
    for (size_t i : positions) {
      PokeByte(path, i, static_cast<char>(original[i] ^ (i % 2 ? 0x01 : 0x80)));
      if (!CheckDamaged(name, StrCat(name, " byte ", i, " flipped"))) unnoticed++;
      PokeByte(path, i, original[i]);
      trials++;
      if (HasFailure()) break;
    }
    for (size_t length :
         {size_t{0}, size_t{1}, size_t{8}, size_t{15}, size_t{16}, size_t{24}, size_t{40},
          original.size() / 3, original.size() / 2, original.size() - 25, original.size() - 24,
          original.size() - 8, original.size() - 1}) {
      if (HasFailure()) break;
      WriteFile(path, std::string_view(original).substr(0, length));
      // A shorter file can never be read as the original.
      EXPECT_TRUE(CheckDamaged(name, StrCat(name, " truncated to ", length)));
      trials++;
    }
    for (const std::string& extra : {std::string("\n"), std::string(4096, '\0'), original}) {
      if (HasFailure()) break;
      WriteFile(path, original + extra);
      if (!CheckDamaged(name, StrCat(name, " with ", extra.size(), " bytes appended"))) unnoticed++;
      trials++;
    }
    WriteFile(path, original);
    std::printf("%s (%zu bytes): %d damaged copies, %d read as the original by select *\n",
                name.c_str(), original.size(), trials, unnoticed);
  }

  // The cache still answers as before (damage was repaired, or harmless).
  void ExpectIntact() {
    auto db = Database::OpenCache(dir_, {});
    ASSERT_TRUE(db.ok()) << db.status();
    absl::StatusOr<std::vector<std::string>> rows = AllRows(**db);
    ASSERT_TRUE(rows.ok()) << rows.status();
    EXPECT_TRUE(*rows == *rows_);
    absl::StatusOr<CacheCheckReport> check = CheckCache(dir_);
    ASSERT_TRUE(check.ok()) << check.status();
    EXPECT_TRUE(check->problems.empty()) << check->problems.front();
  }

  static std::string* root_;
  static std::vector<std::string>* segments_;
  static std::vector<std::string>* rows_;
  std::string dir_;
};

std::string* CacheCorruptionTest::root_ = nullptr;
std::vector<std::string>* CacheCorruptionTest::segments_ = nullptr;
std::vector<std::string>* CacheCorruptionTest::rows_ = nullptr;

TEST_F(CacheCorruptionTest, Manifest) {
  ExpectIntact();
  DamageEverywhere("MANIFEST");
  ExpectIntact();
}

TEST_F(CacheCorruptionTest, FirstSegment) {
  DamageEverywhere((*segments_)[0]);
  ExpectIntact();
}

TEST_F(CacheCorruptionTest, SecondSegment) {
  DamageEverywhere((*segments_)[1]);
  ExpectIntact();
}

// Every byte of the MANIFEST is under its checksum or is checked itself, so
// no flip of it can go unnoticed (DamageEverywhere samples; this does all).
TEST_F(CacheCorruptionTest, EveryManifestByteIsChecked) {
  const std::string path = dir_ + "/MANIFEST";
  const std::string original = ReadFile(path);
  for (size_t i = 0; i < original.size(); i++) {
    PokeByte(path, i, static_cast<char>(original[i] ^ 0x10));
    absl::StatusOr<std::unique_ptr<Database>> db = Database::OpenCache(dir_, {});
    ASSERT_EQ(db.status().code(), absl::StatusCode::kDataLoss) << "byte " << i;
    ASSERT_TRUE(Contains(ToStd(db.status().message()), StrCat("manifest ", path, ": ")))
        << db.status();
    PokeByte(path, i, original[i]);
  }
  ExpectIntact();
}

// A segment replaced whole by another valid segment: each file is fine on
// its own, so only the manifest's sizes and counts can tell.
TEST_F(CacheCorruptionTest, SwappedSegments) {
  const std::string a = dir_ + "/" + (*segments_)[0], b = dir_ + "/" + (*segments_)[1];
  const std::string bytes_a = ReadFile(a), bytes_b = ReadFile(b);
  WriteFile(a, bytes_b);
  WriteFile(b, bytes_a);
  const bool noticed = CheckDamaged((*segments_)[0], "segments swapped");
  EXPECT_TRUE(noticed);
  WriteFile(a, bytes_a);
  WriteFile(b, bytes_b);
  ExpectIntact();
}

TEST_F(CacheCorruptionTest, MissingSegment) {
  // A database that opened the cache before the segment went keeps it open
  // (POSIX keeps an unlinked file readable), so it still answers correctly.
  auto open = Database::OpenCache(dir_, {});
  ASSERT_TRUE(open.ok()) << open.status();
  ASSERT_TRUE(AllRows(**open).ok());
  const std::string path = dir_ + "/" + (*segments_)[1];
  ASSERT_TRUE(fs::remove(path));

  absl::StatusOr<std::unique_ptr<Database>> db = Database::OpenCache(dir_, {});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), absl::StatusCode::kDataLoss) << db.status();
  EXPECT_TRUE(Contains(ToStd(db.status().message()), path)) << db.status();
  EXPECT_TRUE(Contains(ToStd(db.status().message()), "missing")) << db.status();
  absl::StatusOr<CacheCheckReport> check = CheckCache(dir_);
  ASSERT_TRUE(check.ok()) << check.status();
  ASSERT_EQ(check->problems.size(), 1u);
  EXPECT_TRUE(Contains(check->problems[0], path));
  EXPECT_TRUE(Contains(check->problems[0], "missing"));
  EXPECT_FALSE(DescribeCache(dir_).ok());
  absl::StatusOr<std::vector<std::string>> rows = AllRows(**open);
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_TRUE(*rows == *rows_);

  // A database whose next query must load a new manifest that lists the
  // missing segment fails that query, naming the segment.
  ASSERT_TRUE(fs::remove_all(dir_) > 0);
  absl::StatusOr<CacheIngestReport> first = IngestIntoCache(dir_, {kLogs + "/bucket"}, {});
  ASSERT_TRUE(first.ok()) << first.status();
  auto before = Database::OpenCache(dir_, {});
  ASSERT_TRUE(before.ok()) << before.status();
  ASSERT_TRUE(AllRows(**before).ok());
  absl::StatusOr<CacheIngestReport> second = IngestIntoCache(dir_, {kLogs + "/shapes"}, {});
  ASSERT_TRUE(second.ok()) << second.status();
  absl::StatusOr<Manifest> manifest = ReadManifest(dir_);
  ASSERT_TRUE(manifest.ok());
  const std::string newest = dir_ + "/" + manifest->segments.back().name;
  ASSERT_TRUE(fs::remove(newest));
  absl::StatusOr<QueryResult> result = (*before)->Query("select count(*) from cloudtrail_logs");
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(Contains(ToStd(result.status().message()), newest)) << result.status();
  EXPECT_TRUE(Contains(ToStd(result.status().message()), "missing")) << result.status();
  EXPECT_EQ((*before)->event_count(), 0u);

  // An ingest does not paper over it: the manifest stays the judge, and the
  // damage stays visible until someone rebuilds the cache.
  absl::StatusOr<CacheIngestReport> third = IngestIntoCache(dir_, {}, {});
  ASSERT_TRUE(third.ok()) << third.status();
  EXPECT_FALSE(Database::OpenCache(dir_, {}).ok());
}

// LOCK holds no data: whatever is in it, ingests and queries work.
TEST_F(CacheCorruptionTest, GarbageLockFile) {
  const std::string lock = dir_ + "/LOCK";
  std::string garbage;
  for (int i = 0; i < 5000; i++) garbage += static_cast<char>(i * 131 % 256);
  for (const std::string& contents : {garbage, std::string("4294967295999\n"), std::string()}) {
    WriteFile(lock, contents);
    ExpectIntact();
    absl::StatusOr<CacheIngestReport> report = IngestIntoCache(dir_, {}, {});
    ASSERT_TRUE(report.ok()) << report.status();
    EXPECT_EQ(report->read.files_read, 0u);
    ExpectIntact();
  }
  fs::remove(lock);
  absl::StatusOr<CacheIngestReport> report = IngestIntoCache(dir_, {kLogs + "/bad/good.json"}, {});
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->read.files_read, 1u);
  EXPECT_TRUE(fs::exists(lock));
  auto db = Database::OpenCache(dir_, {});
  ASSERT_TRUE(db.ok()) << db.status();
  absl::StatusOr<std::vector<std::string>> rows = AllRows(**db);
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(rows->size(), rows_->size() + report->read.events);
}

// A damaged MANIFEST stops an ingest (it cannot know what it holds) rather
// than starting the cache over.
TEST_F(CacheCorruptionTest, IngestRefusesADamagedManifest) {
  const std::string path = dir_ + "/MANIFEST";
  std::string bytes = ReadFile(path);
  bytes[bytes.size() / 2] ^= 0x20;
  WriteFile(path, bytes);
  absl::StatusOr<CacheIngestReport> report = IngestIntoCache(dir_, {kLogs + "/bad/good.json"}, {});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), absl::StatusCode::kDataLoss) << report.status();
  EXPECT_TRUE(Contains(ToStd(report.status().message()), path)) << report.status();
  EXPECT_EQ(ReadFile(path), bytes);
  // Its segments were not taken for orphans.
  for (const std::string& name : *segments_) EXPECT_TRUE(fs::exists(dir_ + "/" + name)) << name;
}

}  // namespace
}  // namespace ctq
