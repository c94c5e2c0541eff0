// ReadLogs over the real CloudTrail collection in shared/data/cloudtrail-real
// (see its SOURCES.md): every file must load, in all its shapes. The expected
// counts were checked independently with Python over the same files. Skips
// itself where the collection is not present.
#include <filesystem>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/log_reader.h"
#include "tests/unit/storage/test_log_files.h"

namespace ctq {
namespace {

const std::string kRealData = CTQ_REAL_DATA_DIR;

class RealLogsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::is_directory(kRealData)) {
      GTEST_SKIP() << "real CloudTrail logs not found at " << kRealData;
    }
  }

  static LogReadResult Read(const std::string& dataset) {
    absl::StatusOr<LogReadResult> result = ReadLogs({kRealData + "/" + dataset}, {});
    EXPECT_TRUE(result.ok()) << result.status();
    if (!result.ok()) return LogReadResult();
    for (const SkippedFile& file : result->skipped) {
      ADD_FAILURE() << "skipped " << file.path << ": " << file.reason;
    }
    return std::move(*result);
  }

  // Rows of `result` whose `column` equals `value`.
  static int Count(const LogReadResult& result, std::string_view column, std::string_view value) {
    int count = 0;
    for (const auto& group : result.table.row_groups) count += CountEqual(*group, column, value);
    return count;
  }

  // Rows of `result` whose `column` is not NULL.
  static int CountNotNull(const LogReadResult& result, std::string_view column) {
    int count = 0;
    int index = *FindColumn(column);
    for (const auto& group : result.table.row_groups) {
      for (uint32_t row = 0; row < group->row_count; row++) {
        if (!group->columns[index].IsNull(row)) count++;
      }
    }
    return count;
  }
};

TEST_F(RealLogsTest, EverythingLoads) {
  absl::StatusOr<LogReadResult> result = ReadLogs({kRealData}, {});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->events, 51726u);
  EXPECT_EQ(result->table.row_count(), 51726u);
  EXPECT_EQ(result->files_read, 5346u);
  EXPECT_EQ(result->digest_files, 0u);
  EXPECT_TRUE(result->skipped.empty())
      << result->skipped[0].path << ": " << result->skipped[0].reason;
}

TEST_F(RealLogsTest, SansRansomwareLab) {
  LogReadResult result = Read("sans504-s3-ransomware-lab");
  EXPECT_EQ(result.events, 30477u);
  EXPECT_EQ(result.files_read, 3872u);
  EXPECT_EQ(Count(result, "useridentity.type", "Root"), 725);
  EXPECT_EQ(Count(result, "useridentity.type", "AWSService"), 27408);
}

TEST_F(RealLogsTest, GrycapOldEventVersions) {
  LogReadResult result = Read("grycap-cloudtrail-tracker");
  EXPECT_EQ(result.events, 17598u);
  EXPECT_EQ(Count(result, "useridentity.type", "Root"), 126);
  EXPECT_EQ(Count(result, "eventversion", "1.01"), 2629);
}

TEST_F(RealLogsTest, InvictusPlainJson) {
  LogReadResult result = Read("invictus-ir-aws-dataset");
  EXPECT_EQ(result.events, 2900u);
  EXPECT_EQ(result.files_read, 55u);
  EXPECT_EQ(CountNotNull(result, "tlsdetails.tlsversion"), 2295);
  EXPECT_EQ(Count(result, "useridentity.type", "Root"), 0);
}

TEST_F(RealLogsTest, StratusArrays) {
  LogReadResult result = Read("stratus-red-team-detonation-logs");
  EXPECT_EQ(result.events, 310u);
  EXPECT_EQ(CountNotNull(result, "tlsdetails.tlsversion"), 310);
}

TEST_F(RealLogsTest, TrailDiscoverArraysSingleObjectsAndEmptyArray) {
  LogReadResult result = Read("traildiscover-log-examples");
  EXPECT_EQ(result.events, 314u);
  EXPECT_EQ(result.files_read, 315u);  // including the `[]` file
  // U+202F NARROW NO-BREAK SPACE, written as \u202f, becomes raw UTF-8 in
  // the compact JSON text.
  bool found = false;
  for (const auto& group : result.table.row_groups) {
    for (uint32_t row = 0; row < group->row_count; row++) {
      if (Cell(*group, row, "eventid") != "44d2eea3-1a32-4840-a32b-1d577acbdb34") continue;
      found = true;
      std::optional<std::string> response = Cell(*group, row, "responseelements");
      ASSERT_TRUE(response.has_value());
      EXPECT_THAT(*response, ::testing::HasSubstr(R"("createDate":"Feb 22, 2026, 4:11:47)"
                                                  "\xE2\x80\xAF"
                                                  R"(PM")"));
      EXPECT_THAT(*response,
                  ::testing::StartsWith(
                      R"({"role":{"path":"/aws-service-role/autoscaling.amazonaws.com/",)"));
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(RealLogsTest, OtrfNdjson) {
  LogReadResult result = Read("otrf-security-datasets-ec2-proxy-s3-exfiltration");
  EXPECT_EQ(result.events, 103u);
  EXPECT_EQ(CountNotNull(result, "eventtime"), 0);  // @timestamp instead
  EXPECT_EQ(CountNotNull(result, "eventname"), 103);
}

TEST_F(RealLogsTest, AwsDocsExamples) {
  LogReadResult result = Read("awsdocs-cloudtrail-user-guide-examples");
  EXPECT_EQ(result.events, 24u);
  EXPECT_EQ(Count(result, "useridentity.type", "Root"), 5);
  EXPECT_EQ(Count(result, "eventtype", "AwsCloudTrailInsight"), 3);
}

}  // namespace
}  // namespace ctq
