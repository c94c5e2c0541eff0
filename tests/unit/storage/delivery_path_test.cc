// ParseDeliveryPath reads a log file's partition from CloudTrail's delivery
// layout, strictly (a copy's folder names never pass for an account or a
// date), and LogFileParser::ParseFile gives every event of a file those
// values as its partition columns.
#include "storage/delivery_path.h"

#include <string>

#include "gtest/gtest.h"
#include "storage/log_file_parser.h"

namespace ctq {
namespace {

std::optional<std::string> Date(std::string_view path) {
  std::optional<DeliveryPath> parsed = ParseDeliveryPath(path);
  if (!parsed.has_value()) return std::nullopt;
  return parsed->account + " " + parsed->region + " " + parsed->date;
}

TEST(DeliveryPathTest, ReadsTheDeliveryLayout) {
  std::optional<DeliveryPath> parsed = ParseDeliveryPath(
      "/data/bucket/AWSLogs/123456789012/CloudTrail/us-east-1/2017/02/17/"
      "123456789012_CloudTrail_us-east-1_20170217T0005Z_abc.json.gz");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->account, "123456789012");
  EXPECT_EQ(parsed->region, "us-east-1");
  EXPECT_EQ(parsed->year, "2017");
  EXPECT_EQ(parsed->month, "02");
  EXPECT_EQ(parsed->day, "17");
  EXPECT_EQ(parsed->date, "2017/02/17");
  EXPECT_EQ(parsed->value(PartitionField::kDate), "2017/02/17");
  EXPECT_EQ(parsed->value(PartitionField::kMonth), "02");
}

TEST(DeliveryPathTest, AcceptsPrefixesOrganizationTrailsAndRelativePaths) {
  // A trail's S3 key prefix comes before AWSLogs.
  EXPECT_EQ(Date("s3/bucket/prefix/AWSLogs/123456789012/CloudTrail/eu-west-1/2024/03/01/f.json"),
            "123456789012 eu-west-1 2024/03/01");
  // Organization trails put the organization id before the account.
  EXPECT_EQ(Date("AWSLogs/o-exampleorgid/111122223333/CloudTrail/us-gov-west-1/2024/12/31/f.json"),
            "111122223333 us-gov-west-1 2024/12/31");
  // The last CloudTrail component counts; files below the day folder too.
  EXPECT_EQ(Date("AWSLogs/123456789012/CloudTrail/x/AWSLogs/210987654321/CloudTrail/sa-east-1/"
                 "2020/01/05/sub/f.json"),
            "210987654321 sa-east-1 2020/01/05");
}

TEST(DeliveryPathTest, RefusesOtherLayouts) {
  const char* const kOutside[] = {
      "",
      "records.json",
      "/logs/2024/03/01/f.json",
      // No AWSLogs before the account, or something else there.
      "/copy/123456789012/CloudTrail/us-east-1/2024/03/01/f.json",
      "/x/Logs/123456789012/CloudTrail/us-east-1/2024/03/01/f.json",
      "AWSLogs/not-an-org/123456789012/CloudTrail/us-east-1/2024/03/01/f.json",
      // The account is 12 digits.
      "AWSLogs/12345678901/CloudTrail/us-east-1/2024/03/01/f.json",
      "AWSLogs/acct/CloudTrail/us-east-1/2024/03/01/f.json",
      // Dates are YYYY/MM/DD with a real month and day.
      "AWSLogs/123456789012/CloudTrail/us-east-1/2024/13/01/f.json",
      "AWSLogs/123456789012/CloudTrail/us-east-1/2024/03/00/f.json",
      "AWSLogs/123456789012/CloudTrail/us-east-1/2024/3/01/f.json",
      "AWSLogs/123456789012/CloudTrail/us-east-1/24/03/01/f.json",
      // A region name is lowercase letters, digits and dashes.
      "AWSLogs/123456789012/CloudTrail/US East/2024/03/01/f.json",
      // The day folder itself, or digests beside the logs.
      "AWSLogs/123456789012/CloudTrail/us-east-1/2024/03/01",
      "AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2024/03/01/f.json.gz",
  };
  for (const char* path : kOutside) EXPECT_EQ(Date(path), std::nullopt) << path;
}

TEST(DeliveryPathTest, SetPartitionColumnsFillsEveryRow) {
  RowGroup rows;
  rows.row_count = 3;
  for (StringColumnData& column : rows.columns) {
    for (int i = 0; i < 3; i++) column.AppendNull();
  }
  SetPartitionColumns(
      ParseDeliveryPath("AWSLogs/123456789012/CloudTrail/us-east-1/2017/02/17/f.json"), &rows);
  for (uint32_t row = 0; row < 3; row++) {
    EXPECT_EQ(rows.columns[PartitionStoredColumn(PartitionField::kAccount)].Get(row),
              "123456789012");
    EXPECT_EQ(rows.columns[PartitionStoredColumn(PartitionField::kYear)].Get(row), "2017");
    EXPECT_EQ(rows.columns[PartitionStoredColumn(PartitionField::kDay)].Get(row), "17");
  }
  SetPartitionColumns(std::nullopt, &rows);
  for (int f = 0; f < kPartitionFieldCount; f++) {
    const StringColumnData& column = rows.columns[PartitionStoredColumn(PartitionField(f))];
    ASSERT_EQ(column.size(), 3u);
    EXPECT_EQ(column.offsets.size(), 4u);
    for (uint32_t row = 0; row < 3; row++) EXPECT_TRUE(column.IsNull(row));
  }
}

TEST(DeliveryPathTest, ParseFileGivesEveryEventItsFilesPartition) {
  const std::string delivered =
      std::string(CTQ_TEST_LOGS_DIR) +
      "/bucket/AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/01/"
      "111122223333_CloudTrail_us-east-1_20240301T0005Z_a1b2c3d4e5f6.json.gz";
  LogFileParser parser;
  ParsedLogFile file;
  uint64_t bytes_read = 0;
  ASSERT_TRUE(parser.ParseFile(delivered, &file, &bytes_read).ok());
  ASSERT_GT(file.rows.row_count, 0u);
  const auto& columns = file.rows.columns;
  const StringColumnData& region = columns[PartitionStoredColumn(PartitionField::kRegion)];
  const StringColumnData& date = columns[PartitionStoredColumn(PartitionField::kDate)];
  ASSERT_EQ(region.size(), file.rows.row_count);
  for (uint32_t row = 0; row < file.rows.row_count; row++) {
    EXPECT_EQ(region.Get(row), "us-east-1");
    EXPECT_EQ(date.Get(row), "2024/03/01");
  }
  // A file outside the layout, and bytes with no path at all: NULL.
  for (bool from_bytes : {false, true}) {
    const std::string elsewhere = std::string(CTQ_TEST_LOGS_DIR) + "/bad/good.json";
    absl::Status status = from_bytes ? parser.ParseBytes(R"({"Records":[{"eventID":"a"}]})", &file)
                                     : parser.ParseFile(elsewhere, &file, &bytes_read);
    ASSERT_TRUE(status.ok()) << status;
    ASSERT_GT(file.rows.row_count, 0u);
    for (int f = 0; f < kPartitionFieldCount; f++) {
      const StringColumnData& column = file.rows.columns[PartitionStoredColumn(PartitionField(f))];
      ASSERT_EQ(column.size(), file.rows.row_count);
      for (uint32_t row = 0; row < column.size(); row++) EXPECT_TRUE(column.IsNull(row));
    }
  }
}

}  // namespace
}  // namespace ctq
