// Tests of ReadLogs over the checked-in fixtures (tests/data/logs) and
// generated directories: what loads, what is skipped and why, row groups,
// and the same table whatever the thread count.
#include "storage/log_reader.h"

#include <filesystem>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/storage/test_log_files.h"

namespace ctq {
namespace {

using ::testing::ElementsAre;
using ::testing::StartsWith;

const std::string kLogs = CTQ_TEST_LOGS_DIR;

// All rows of the table, in order, as "eventname|eventid".
std::vector<std::string> Rows(const Table& table) {
  std::vector<std::string> rows;
  for (const auto& group : table.row_groups) {
    for (uint32_t row = 0; row < group->row_count; row++) {
      rows.push_back(Cell(*group, row, "eventname").value_or("NULL") + "|" +
                     Cell(*group, row, "eventid").value_or("NULL"));
    }
  }
  return rows;
}

// The table's single row group (the fixtures are small).
const RowGroup& OnlyGroup(const LogReadResult& result) {
  EXPECT_EQ(result.table.row_groups.size(), 1u);
  return *result.table.row_groups.at(0);
}

LogReadResult Read(const std::vector<std::string>& paths, LogReadOptions options = {}) {
  absl::StatusOr<LogReadResult> result = ReadLogs(paths, options);
  EXPECT_TRUE(result.ok()) << result.status();
  return result.ok() ? std::move(*result) : LogReadResult();
}

TEST(LogReaderTest, BucketLayoutWithDigests) {
  LogReadResult result = Read({kLogs + "/bucket"});
  EXPECT_EQ(result.files_read, 3u);  // two logs and an empty Records file
  EXPECT_EQ(result.digest_files, 1u);
  EXPECT_EQ(result.events, 5u);
  EXPECT_TRUE(result.skipped.empty());
  uint64_t bytes = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kLogs + "/bucket")) {
    std::string path = entry.path().string();
    if (entry.is_regular_file() && path.find("CloudTrail-Digest") == std::string::npos &&
        !path.ends_with(".txt")) {
      bytes += entry.file_size();
    }
  }
  EXPECT_EQ(result.input_bytes, bytes);

  const RowGroup& rows = OnlyGroup(result);
  EXPECT_THAT(Rows(result.table),
              ElementsAre("DescribeInstances|00000000-0000-4000-8000-000000000001",
                          "ConsoleLogin|00000000-0000-4000-8000-000000000002",
                          "AssumeRole|00000000-0000-4000-8000-000000000003",
                          "PutRolePolicy|00000000-0000-4000-8000-000000000004",
                          "GetObject|00000000-0000-4000-8000-000000000005"));
  EXPECT_EQ(Cell(rows, 0, "requestparameters"),
            R"({"instancesSet":{"items":[{"instanceId":"i-0abc"}]},"filterSet":{}})");
  EXPECT_EQ(Cell(rows, 0, "responseelements"), std::nullopt);
  EXPECT_EQ(Cell(rows, 0, "tlsdetails.ciphersuite"), "TLS_AES_128_GCM_SHA256");
  EXPECT_EQ(Cell(rows, 0, "readonly"), "true");
  EXPECT_EQ(Cell(rows, 1, "useridentity.username"), "Zo\xC3\xAB \xF0\x9F\x9A\x80");
  EXPECT_EQ(
      Cell(rows, 1, "additionaleventdata"),
      R"({"MFAUsed":"Yes","LoginTo":"https://console.aws.amazon.com/","MobileVersion":"No"})");
  EXPECT_EQ(Cell(rows, 1, "errorcode"), std::nullopt);
  EXPECT_EQ(Cell(rows, 2, "useridentity.sessioncontext.sessionissuer.username"), "Admin");
  EXPECT_EQ(Cell(rows, 2, "useridentity.sessioncontext.attributes.mfaauthenticated"), "false");
  EXPECT_EQ(Cell(rows, 2, "resources"), R"([{"accountId":"111122223333","type":"AWS::IAM::Role",)"
                                        R"("ARN":"arn:aws:iam::111122223333:role/Admin"}])");
  EXPECT_EQ(Cell(rows, 3, "useragent"), R"([aws-cli/2.15.0 it's "quoted"])");
  EXPECT_EQ(Cell(rows, 3, "requestparameters"),
            R"({"policyDocument":")" + std::string(20000, 'x') +
                R"(","bytesTransferredIn":1024.0,"bytesTransferredOut":0.0})");
  EXPECT_EQ(Cell(rows, 4, "useridentity.invokedby"), "cloudtrail.amazonaws.com");
  EXPECT_EQ(Cell(rows, 4, "useridentity.username"), std::nullopt);
  EXPECT_EQ(Cell(rows, 4, "useragent"), std::nullopt);
}

TEST(LogReaderTest, EveryShape) {
  LogReadResult result = Read({kLogs + "/shapes"});
  EXPECT_EQ(result.files_read, 8u);
  EXPECT_EQ(result.events, 11u);
  EXPECT_TRUE(result.skipped.empty());
  std::vector<std::string> names;
  for (const std::string& row : Rows(result.table)) names.push_back(row.substr(0, row.find('|')));
  EXPECT_THAT(names, ElementsAre("CreateBucket", "DeleteBucket",            // array_pretty.json
                                 "GetCallerIdentity", "GetCallerIdentity",  // events.ndjson
                                 "GetCallerIdentity",                       //
                                 "ListBuckets",                             // gzip_named_plain.json
                                 "GetBucketAcl",             // lowercase_records_key.jsonl
                                 "ListKeys", "ListAliases",  // multi_member.json.gz
                                 "ListRoles",                // plain_named_gzip.json.gz
                                 "ListUsers"));              // single_event.json
  // Keys sorted alphabetically (as in the Stratus logs) still land in order.
  EXPECT_EQ(Cell(OnlyGroup(result), 0, "requestparameters"),
            R"({"Host":"b.s3.amazonaws.com","bucketName":"b"})");
}

TEST(LogReaderTest, BadFilesAreSkippedWholeAndGoodOnesLoad) {
  LogReadResult result = Read({kLogs + "/bad"});
  // invalid_utf8.json loads, its bad byte replaced (LogFileParser).
  EXPECT_EQ(result.files_read, 2u);
  EXPECT_EQ(result.events, 2u);
  EXPECT_EQ(result.issues.events_with_replacements, 1u);
  EXPECT_THAT(Rows(result.table),
              ElementsAre("DescribeRegions|00000000-0000-4000-8000-000000000060",
                          "Describe\xEF\xBF\xBDRegions|00000000-0000-4000-8000-000000000060"));
  std::vector<std::string> skipped;
  for (const SkippedFile& file : result.skipped) {
    skipped.push_back(std::filesystem::path(file.path).filename().string() + ": " + file.reason);
  }
  ASSERT_EQ(skipped.size(), 6u);
  EXPECT_EQ(skipped[0], "corrupt.json.gz: gzip data is corrupt or truncated (member at byte 0)");
  EXPECT_EQ(skipped[1], "empty.json: empty file");
  EXPECT_THAT(skipped[2], StartsWith("malformed.json: malformed JSON near byte "));
  EXPECT_THAT(skipped[3], StartsWith("not_cloudtrail.json: not a CloudTrail log: "));
  EXPECT_EQ(skipped[4], "truncated.json.gz: gzip data is corrupt or truncated (member at byte 0)");
  EXPECT_THAT(skipped[5], StartsWith("unfinished.json: malformed JSON near byte 0: incomplete"));
}

TEST(LogReaderTest, ValueIssuesAreCountedOverFilesAndRuns) {
  ScratchDir dir;
  dir.Write("a.json", R"({"Records":[{"eventName":"a","userIdentity":"alice","tlsDetails":1},)"
                      R"({"eventName":"b\ud800"}]})");
  dir.Write("b.json.gz", Gzip(R"({"eventName":"c","userIdentity":[],"userAgent":")"
                              "\xff"
                              R"("})"));
  dir.Write("c.json", R"({"eventName":"d","userIdentity":{"sessionContext":"s"}})");
  LogReadResult result = Read({dir.path()}, LogReadOptions{.threads = 3});
  EXPECT_EQ(result.events, 4u);
  EXPECT_EQ(result.issues.events_with_replacements, 2u);
  IngestReport report;
  AddValueIssues(result.issues, &report);
  AddValueIssues(result.issues, &report);  // adds up, keeping schema order
  EXPECT_EQ(report.events_with_replacements, 4u);
  std::vector<std::string> mismatches;
  for (const auto& entry : report.type_mismatches) {
    mismatches.push_back(entry.column + ": " + std::to_string(entry.values));
  }
  EXPECT_THAT(mismatches,
              ElementsAre("useridentity: 4", "useridentity.sessioncontext: 2", "tlsdetails: 2"));
}

TEST(LogReaderTest, FileLimitsAreOptions) {
  ScratchDir dir;
  dir.Write("big.json", R"({"eventName":"a"})" + std::string(5000, ' '));
  dir.Write("small.json", R"({"eventName":"b"})");
  LogReadResult result = Read({dir.path()}, LogReadOptions{.max_file_bytes = 4096});
  EXPECT_EQ(result.events, 1u);
  ASSERT_EQ(result.skipped.size(), 1u);
  EXPECT_EQ(result.skipped[0].reason, "the file's 5017 bytes pass the 4096 bytes limit for one file (set by the memory limit: raise --memory-limit)");
  EXPECT_EQ(Read({dir.path()}).events, 2u);
}

TEST(LogReaderTest, RowGroupsSplitFilesAndKeepOrder) {
  ScratchDir dir;
  auto events = [](int first, int count) {
    std::string text = R"({"Records":[)";
    for (int i = first; i < first + count; i++) {
      if (i > first) text += ",";
      text +=
          R"({"eventName":"E)" + std::to_string(i) + R"(","eventID":")" + std::to_string(i) + "\"}";
    }
    return text + "]}";
  };
  dir.Write("1.json", events(0, 4));
  dir.Write("2.json.gz", Gzip(events(4, 1)));
  dir.Write("3.json", events(5, 5));
  for (int threads : {1, 4}) {
    LogReadOptions options;
    options.threads = threads;
    options.row_group_rows = 3;
    LogReadResult result = Read({dir.path()}, options);
    std::vector<uint32_t> sizes;
    for (const auto& group : result.table.row_groups) sizes.push_back(group->row_count);
    EXPECT_THAT(sizes, ElementsAre(3, 3, 3, 1));
    std::vector<std::string> rows = Rows(result.table);
    ASSERT_EQ(rows.size(), 10u);
    for (int i = 0; i < 10; i++)
      EXPECT_EQ(rows[i], "E" + std::to_string(i) + "|" + std::to_string(i));
    EXPECT_EQ(result.events, 10u);
  }
}

// Every cell of every row group, and the skipped files, as text.
std::string Dump(const LogReadResult& result) {
  std::string out;
  for (const auto& group : result.table.row_groups) {
    out += "group " + std::to_string(group->row_count) + "\n";
    for (uint32_t row = 0; row < group->row_count; row++) {
      for (const ColumnSpec& column : CloudTrailColumns()) {
        out += Cell(*group, row, column.sql_name).value_or("<null>") + "\t";
      }
      out += "\n";
    }
  }
  for (const SkippedFile& file : result.skipped) out += file.path + ": " + file.reason + "\n";
  out += std::to_string(result.files_read) + " " + std::to_string(result.digest_files) + " " +
         std::to_string(result.events) + " " + std::to_string(result.input_bytes);
  return out;
}

TEST(LogReaderTest, SameTableWhateverTheThreadCount) {
  ScratchDir dir;
  // Files of 0 to 30 events, some gzip'ed, some bad, in nested directories.
  for (int file = 0; file < 120; file++) {
    int count = (file * 7) % 31;
    std::string text = R"({"Records":[)";
    for (int i = 0; i < count; i++) {
      if (i > 0) text += ",";
      text += R"({"eventName":"F)" + std::to_string(file) + R"(","eventID":")" + std::to_string(i) +
              R"(","requestParameters":{"n":)" + std::to_string(file * i) + "}}";
    }
    text += "]}";
    if (file % 17 == 5) text = text.substr(0, text.size() / 2);  // bad
    std::string name = "d" + std::to_string(file % 5) + "/f" + std::to_string(file) + ".json";
    dir.Write(file % 3 == 0 ? name + ".gz" : name, file % 3 == 0 ? Gzip(text) : text);
  }
  std::vector<std::string> paths = {dir.path(), kLogs + "/bucket", kLogs + "/shapes",
                                    kLogs + "/bad"};
  LogReadOptions options;
  options.row_group_rows = 50;
  options.threads = 1;
  std::string expected = Dump(Read(paths, options));
  for (int threads : {2, 4, 7, 0}) {
    options.threads = threads;
    EXPECT_EQ(Dump(Read(paths, options)), expected) << threads << " threads";
  }
}

TEST(LogReaderTest, ExplicitFilesAndDirectoriesTogether) {
  LogReadResult result =
      Read({kLogs + "/shapes/single_event.json", kLogs + "/bad/good.json", kLogs + "/shapes"});
  // single_event.json is named first and is not read again with its directory.
  EXPECT_EQ(result.files_read, 9u);
  EXPECT_EQ(result.events, 12u);
  EXPECT_THAT(Rows(result.table)[0], StartsWith("ListUsers|"));
  EXPECT_THAT(Rows(result.table)[1], StartsWith("DescribeRegions|"));
}

TEST(LogReaderTest, MissingPathIsAnError) {
  absl::StatusOr<LogReadResult> result = ReadLogs({kLogs + "/shapes", "/nonexistent/ctq"}, {});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(result.status().message()), ::testing::HasSubstr("/nonexistent/ctq"));
}

TEST(LogReaderTest, EmptyDirectoryGivesAnEmptyTable) {
  ScratchDir dir;
  LogReadResult result = Read({dir.path()});
  EXPECT_EQ(result.files_read, 0u);
  EXPECT_TRUE(result.table.row_groups.empty());
}

}  // namespace
}  // namespace ctq
