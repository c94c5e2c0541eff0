// Predicates on the partition columns (account_partition, region, year,
// timestamp, ...) skip the cache's row groups through the zone maps of the
// stored partition columns, and EXPLAIN / EXPLAIN ANALYZE show it, as they do
// for eventtime and eventname. The fixture (tests/data/sql/partitions, see
// tests/sql/partitions/partition_columns.test) is ingested one file at a
// time, so that each file is a row group of its own segment.
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "ctq/cache.h"
#include "ctq/database.h"
#include "ctq/internal/strings.h"
#include "gtest/gtest.h"

namespace ctq {
namespace {

namespace fs = std::filesystem;

class PartitionPruningTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = new std::string(
        (fs::path(::testing::TempDir()) / StrCat("ctq_partition_pruning_", ::getpid())).string());
    fs::remove_all(*directory_);
    const std::string fixture = std::string(CTQ_TEST_DATA_DIR) + "/sql/partitions";
    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(fixture)) {
      if (entry.is_regular_file()) files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    ASSERT_EQ(files.size(), 6u);
    for (const std::string& file : files) {
      ASSERT_TRUE(IngestIntoCache(*directory_ + "/cache", {file}, {.threads = 1}).ok()) << file;
    }
    cache_ = Database::OpenCache(*directory_ + "/cache", {.threads = 2}).value().release();
    Options no_pruning{.threads = 2};
    no_pruning.prune_row_groups = false;
    unpruned_ = Database::OpenCache(*directory_ + "/cache", no_pruning).value().release();
    memory_ = Database::Open({.threads = 2}).value().release();
    ASSERT_TRUE(memory_->AddLogs({fixture}).ok());
  }
  static void TearDownTestSuite() {
    delete cache_;
    delete unpruned_;
    delete memory_;
    std::error_code ignored;
    fs::remove_all(*directory_, ignored);
    delete directory_;
  }

  // The single text cell of each row, joined by newlines.
  static std::string Text(Database& db, const std::string& sql) {
    absl::StatusOr<QueryResult> result = db.Query(sql);
    EXPECT_TRUE(result.ok()) << sql << ": " << result.status();
    std::string text;
    if (!result.ok()) return text;
    for (const auto& row : result->rows()) {
      for (size_t c = 0; c < row.size(); c++) {
        StrAppend(&text, c > 0 ? "|" : "", row[c].is_null() ? "NULL" : row[c].ToString());
      }
      text += "\n";
    }
    return text;
  }

  static std::string* directory_;
  static Database* cache_;
  static Database* unpruned_;
  static Database* memory_;
};

std::string* PartitionPruningTest::directory_ = nullptr;
Database* PartitionPruningTest::cache_ = nullptr;
Database* PartitionPruningTest::unpruned_ = nullptr;
Database* PartitionPruningTest::memory_ = nullptr;

struct Case {
  const char* where;
  const char* prune;  // what EXPLAIN's prune=[...] says
  int skipped;        // of the 6 row groups
  int count;
};

// Row groups: 2016/12/31 ap-southeast-2 (org trail), 2017/02/17 eu-west-1,
// 2017/02/17 us-east-1, 2017/02/18 us-east-1, and two files outside the
// layout, whose partition columns are all NULL (refuted by any comparison).
constexpr Case kCases[] = {
    {"year = '2017'", "year = '2017' (zone map)", 3, 7},
    {"timestamp = '2017/02/18'", "date_partition = '2017/02/18' (zone map)", 5, 2},
    {"date_partition between '2017/02/17' and '2017/02/18'",
     "date_partition >= '2017/02/17' (zone map), date_partition <= '2017/02/18' (zone map)", 3, 7},
    {"region_partition = 'eu-west-1'", "region = 'eu-west-1' (zone map)", 5, 2},
    {"region in ('eu-west-1', 'ap-southeast-2')",
     "region IN ('eu-west-1', 'ap-southeast-2') (zone map)", 4, 4},
    {"account_partition = '444455556666'", "account_partition = '444455556666' (zone map)", 5, 2},
    {"month = '02' and day = '17'", "month = '02' (zone map), day = '17' (zone map)", 4, 5},
    {"region is null", "region IS NULL (zone map)", 4, 3},
    {"year is not null and eventname = 'DeleteBucket'",
     "year IS NOT NULL (zone map), eventname = 'DeleteBucket' (zone map)", 5, 1},
};

TEST_F(PartitionPruningTest, ZoneMapsSkipRowGroupsAndExplainSaysSo) {
  for (const Case& c : kCases) {
    const std::string sql = StrCat("select count(*) from cloudtrail_logs where ", c.where);
    const std::string plan = Text(*cache_, "explain " + sql);
    EXPECT_TRUE(absl::StrContains(plan, StrCat("prune=[", c.prune, "]"))) << c.where << "\n"
                                                                           << plan;
    EXPECT_TRUE(absl::StrContains(
        plan, StrCat("to_read=", 6 - c.skipped, " skipped_by_zone_map=", c.skipped)))
        << c.where << "\n" << plan;
    const std::string analyzed = Text(*cache_, "explain analyze " + sql);
    EXPECT_TRUE(absl::StrContains(analyzed, StrCat("row groups read: ", 6 - c.skipped,
                                                   ", skipped: ", c.skipped, " by zone maps")))
        << c.where << "\n" << analyzed;
    // Pruning never changes an answer, and the cache answers as the logs do.
    const std::string count = StrCat(c.count, "\n");
    EXPECT_EQ(Text(*cache_, sql), count) << c.where;
    EXPECT_EQ(Text(*unpruned_, sql), count) << c.where;
    EXPECT_EQ(Text(*memory_, sql), count) << c.where;
  }
}

}  // namespace
}  // namespace ctq
