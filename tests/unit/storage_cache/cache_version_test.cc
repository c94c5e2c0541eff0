// A cache written by an older ctq (cache format 2, before the partition
// columns) is refused whole, by queries, `ctq info`, `ctq check` and ingest
// alike, with a message that names the directory and says what to do; it is
// never read in part, and an ingest writes nothing into it.
#include <filesystem>
#include <string>

#include "ctq/cache.h"
#include "ctq/database.h"
#include "ctq/internal/strings.h"
#include "gtest/gtest.h"
#include "storage/byte_coding.h"
#include "storage/cache_manifest.h"
#include "tests/unit/storage/test_log_files.h"
#include "tests/unit/storage_cache/test_files.h"

namespace ctq {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::WriteFile;

class CacheVersionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cache_ = scratch_.path() + "/cache";
    absl::StatusOr<CacheIngestReport> report =
        IngestIntoCache(cache_, {Logs()}, {});
    ASSERT_TRUE(report.ok()) << report.status();
  }

  static std::string Logs() { return std::string(CTQ_TEST_LOGS_DIR) + "/bucket"; }

  // Rewrites the MANIFEST's version field as `version`: format 2's framing
  // and body are those of format 3, so this is exactly a cache of format 2
  // (whose segments would be version 2) as far as the manifest tells.
  void SetManifestVersion(uint32_t version) {
    const std::string path = cache_ + "/" + kManifestFileName;
    std::string bytes = ReadFile(path);
    std::string field;
    PutU32(&field, version);
    bytes.replace(8, 4, field);
    WriteFile(path, bytes);
  }

  // The message every entry point must give for an old cache.
  void ExpectRefused(const absl::Status& status, const char* who) {
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << who << ": " << status;
    const std::string message(ToStd(status.message()));
    EXPECT_NE(message.find(StrCat("cache ", cache_, " was written by an older ctq")),
              std::string::npos)
        << who << ": " << message;
    EXPECT_NE(message.find("delete the directory and ingest the logs again"), std::string::npos)
        << who << ": " << message;
  }

  ScratchDir scratch_;
  std::string cache_;
};

TEST_F(CacheVersionTest, CurrentVersionOpens) {
  absl::StatusOr<std::unique_ptr<Database>> db = Database::OpenCache(cache_, {});
  ASSERT_TRUE(db.ok()) << db.status();
}

TEST_F(CacheVersionTest, OlderCacheIsRefusedEverywhere) {
  for (uint32_t version : {2u, 1u}) {
    SetManifestVersion(version);
    const std::string manifest_before = ReadFile(cache_ + "/" + kManifestFileName);
    ExpectRefused(Database::OpenCache(cache_, {}).status(), "query");
    ExpectRefused(DescribeCache(cache_).status(), "info");
    ExpectRefused(CheckCache(cache_).status(), "check");
    ExpectRefused(IngestIntoCache(cache_, {Logs()}, {}).status(), "ingest");
    EXPECT_EQ(ReadFile(cache_ + "/" + kManifestFileName), manifest_before);
    size_t segments = 0;
    for (const auto& entry : fs::directory_iterator(cache_)) {
      segments += entry.path().extension() == ".ctqseg" ? 1 : 0;
    }
    EXPECT_EQ(segments, 1u) << "the ingest wrote into an old cache";
  }
}

// A newer version (or a damaged version field: they cannot be told apart) is
// DataLoss naming the manifest, as any damage to it is.
TEST_F(CacheVersionTest, NewerCacheIsDataLoss) {
  SetManifestVersion(kManifestVersion + 1);
  absl::Status status = Database::OpenCache(cache_, {}).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
  const std::string expected = StrCat("unsupported version ", kManifestVersion + 1);
  EXPECT_NE(std::string(ToStd(status.message())).find(expected), std::string::npos) << status;
}

}  // namespace
}  // namespace ctq
