#include "tools/ctq/cli_options.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ctq {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

ScriptSource Command(std::string sql) { return {ScriptSource::Kind::kCommand, std::move(sql)}; }
ScriptSource File(std::string path) { return {ScriptSource::Kind::kFile, std::move(path)}; }

absl::StatusOr<CliOptions> Parse(std::vector<std::string> args) { return ParseCliOptions(args); }

std::string ErrorOf(std::vector<std::string> args) {
  absl::StatusOr<CliOptions> options = ParseCliOptions(args);
  EXPECT_FALSE(options.ok());
  if (options.ok()) return "";
  EXPECT_EQ(options.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(options.status().message());
}

TEST(CliOptionsTest, Defaults) {
  absl::StatusOr<CliOptions> options = Parse({});
  ASSERT_TRUE(options.ok());
  EXPECT_TRUE(options->logs.empty());
  EXPECT_FALSE(options->format.has_value());
  EXPECT_EQ(options->threads, 0);
  EXPECT_TRUE(options->scripts.empty());
  EXPECT_FALSE(options->echo);
  EXPECT_FALSE(options->help);
  EXPECT_FALSE(options->version);
}

TEST(CliOptionsTest, LogsTakeEveryPathUpToTheNextFlag) {
  absl::StatusOr<CliOptions> options =
      Parse({"--logs", "a", "b/", "c.json.gz", "-c", "select 1", "--logs", "d", "--logs=e"});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_THAT(options->logs, ElementsAre("a", "b/", "c.json.gz", "d", "e"));
  EXPECT_THAT(options->scripts, ElementsAre(Command("select 1")));
}

TEST(CliOptionsTest, AllFlags) {
  absl::StatusOr<CliOptions> options =
      Parse({"--format", "json", "--threads", "4", "--echo", "-f", "q.sql", "--logs", "x"});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->format, OutputFormat::kJson);
  EXPECT_EQ(options->threads, 4);
  EXPECT_TRUE(options->echo);
  EXPECT_THAT(options->scripts, ElementsAre(File("q.sql")));
  EXPECT_THAT(options->logs, ElementsAre("x"));

  options = Parse({"--format=csv", "--threads=0", "--command=select 2", "--logs", "x"});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->format, OutputFormat::kCsv);
  EXPECT_THAT(options->scripts, ElementsAre(Command("select 2")));

  options = Parse({"--file", "-", "--logs", "x"});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_THAT(options->scripts, ElementsAre(File("-")));
}

TEST(CliOptionsTest, CommandValueMayStartWithADash) {
  absl::StatusOr<CliOptions> options = Parse({"-c", "-- q1\nselect 1", "--logs", "x"});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_THAT(options->scripts, ElementsAre(Command("-- q1\nselect 1")));
}

TEST(CliOptionsTest, CommandsAndFilesAreKeptInOrder) {
  absl::StatusOr<CliOptions> options = Parse(
      {"-c", "select 1", "--logs", "x", "-f", "a.sql", "--command=select 2", "-c", "select 3",
       "--file", "-"});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_THAT(options->scripts, ElementsAre(Command("select 1"), File("a.sql"),
                                            Command("select 2"), Command("select 3"), File("-")));
}

TEST(CliOptionsTest, UsageErrors) {
  EXPECT_THAT(ErrorOf({"--bogus"}), HasSubstr("unknown option: --bogus"));
  EXPECT_THAT(ErrorOf({"--bogus=1"}), HasSubstr("unknown option: --bogus"));
  EXPECT_THAT(ErrorOf({"-x"}), HasSubstr("unknown option: -x"));
  EXPECT_THAT(ErrorOf({"--logs"}), HasSubstr("missing value for --logs"));
  EXPECT_THAT(ErrorOf({"--logs", "--echo"}), HasSubstr("missing value for --logs"));
  EXPECT_THAT(ErrorOf({"--logs", "x", "-c"}), HasSubstr("missing value for -c"));
  EXPECT_THAT(ErrorOf({"-f"}), HasSubstr("missing value for -f"));
  EXPECT_THAT(ErrorOf({"--format"}), HasSubstr("missing value for --format"));
  EXPECT_THAT(ErrorOf({"--format", "xml"}), HasSubstr("bad value for --format: 'xml'"));
  EXPECT_THAT(ErrorOf({"--threads", "many"}), HasSubstr("bad value for --threads"));
  EXPECT_THAT(ErrorOf({"--threads", "-1"}), HasSubstr("bad value for --threads"));
  EXPECT_THAT(ErrorOf({"--echo=yes"}), HasSubstr("--echo takes no value"));
  EXPECT_THAT(ErrorOf({"stray"}), HasSubstr("unexpected argument: 'stray'"));
}

TEST(CliOptionsTest, HelpAndVersionWinOverErrors) {
  absl::StatusOr<CliOptions> options = Parse({"--bogus", "--help"});
  ASSERT_TRUE(options.ok());
  EXPECT_TRUE(options->help);
  options = Parse({"-h"});
  ASSERT_TRUE(options.ok());
  EXPECT_TRUE(options->help);
  options = Parse({"--format", "xml", "--version"});
  ASSERT_TRUE(options.ok());
  EXPECT_TRUE(options->version);
}

TEST(CliOptionsTest, HelpMentionsWhatUsersNeed) {
  std::string help = CliHelpText();
  for (const char* needle :
       {"--logs", "-c", "-f", "--format", "table", "csv", "json", "--threads", "--echo", "--help",
        "--version", "cloudtrail_logs", "Exit status", "ConsoleLogin"}) {
    EXPECT_THAT(help, HasSubstr(needle));
  }
  EXPECT_THAT(help, HasSubstr("-c and -f may be repeated and mixed"));
  EXPECT_THAT(help, HasSubstr("shown escaped (\\x1b, \\r, \\t)"));
}

TEST(CliOptionsTest, MemoryLimitTakesSizesAndPercentages) {
  constexpr uint64_t kMiB = uint64_t{1} << 20;
  const uint64_t ram = uint64_t{16} << 30;
  EXPECT_EQ(ParseMemoryLimit("512MB", ram).value(), 512 * kMiB);
  EXPECT_EQ(ParseMemoryLimit("4GB", ram).value(), uint64_t{4} << 30);
  EXPECT_EQ(ParseMemoryLimit("4gib", ram).value(), uint64_t{4} << 30);
  EXPECT_EQ(ParseMemoryLimit("1.5G", ram).value(), uint64_t{3} << 29);
  EXPECT_EQ(ParseMemoryLimit("2048K", ram).value(), 2 * kMiB);
  EXPECT_EQ(ParseMemoryLimit("1TB", ram).value(), uint64_t{1} << 40);
  EXPECT_EQ(ParseMemoryLimit("16777216", ram).value(), 16 * kMiB);
  EXPECT_EQ(ParseMemoryLimit("50%", ram).value(), ram / 2);
  EXPECT_EQ(ParseMemoryLimit("100%", ram).value(), ram);
  for (const char* bad : {"", "GB", "4XB", "-1GB", "4 GB", "0%", "101%", "1.2.3MB", "1000",
                          "0", "99999999999TB"}) {
    EXPECT_FALSE(ParseMemoryLimit(bad, ram).ok()) << bad;
  }
  EXPECT_THAT(std::string(ParseMemoryLimit("lots", ram).status().message()),
              HasSubstr("bad value for --memory-limit: 'lots' (use a size such as 512MB"));
  EXPECT_FALSE(ParseMemoryLimit("50%", 0).ok());  // memory size unknown

  absl::StatusOr<CliOptions> options = Parse({"--memory-limit", "64MB", "-c", "select 1"});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->memory_limit_bytes, 64 * kMiB);
  options = Parse({"--memory-limit=25%", "-c", "select 1"});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_GT(options->memory_limit_bytes, 0u);
  EXPECT_EQ(Parse({"-c", "select 1"})->memory_limit_bytes, 0u);  // the default
  EXPECT_THAT(ErrorOf({"--memory-limit", "4"}), HasSubstr("the least is 1MB"));
  EXPECT_THAT(ErrorOf({"--memory-limit"}), HasSubstr("missing value for --memory-limit"));
  options = Parse({"ingest", "--memory-limit", "1GB", "logs"});  // ingest holds memory too
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->memory_limit_bytes, 1024 * kMiB);
  options = Parse({"ingest", "--dedup", "logs"});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_TRUE(options->dedup);
  EXPECT_FALSE(Parse({"ingest", "logs"})->dedup);
  EXPECT_THAT(ErrorOf({"--dedup", "-c", "select 1"}),
              HasSubstr("--dedup is an option of 'ctq ingest'"));
  EXPECT_THAT(ErrorOf({"info", "--memory-limit", "1GB"}),
              HasSubstr("--memory-limit is not an option of 'ctq info'"));
  EXPECT_THAT(CliHelpText(), HasSubstr("--memory-limit SIZE"));
}

}  // namespace
}  // namespace ctq
