// Drives the whole ctq command line (RunCli) against a fake Database.
#include "tools/ctq/cli.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "ctq/database.h"
#include "ctq/internal/sql_error.h"
#include "ctq/internal/strings.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/ctq/log_loading.h"
#include "tools/ctq/repl.h"
#include "tools/ctq/statement_runner.h"

namespace ctq {
namespace {

// A scratch path of this process's own: two test runs at once (a sanitizer
// build beside a release one) must not share or delete each other's files.
std::filesystem::path ScratchPath(std::string_view name) {
  return std::filesystem::path(::testing::TempDir()) /
         (std::string(name) + "-" + std::to_string(getpid()));
}

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

// What a FakeDatabase was asked to do; it outlives the database, which
// RunCli owns and destroys before returning.
struct FakeCalls {
  std::vector<std::string> added;
  std::vector<std::string> queries;
};

// Knows three statements (after dropping "--" comment lines): "select 1",
// "select name", and "select bad", which fails with a position.
class FakeDatabase : public Database {
 public:
  explicit FakeDatabase(FakeCalls* calls) : calls_(*calls) {}

  absl::StatusOr<IngestReport> AddLogs(const std::vector<std::string>& paths) override {
    for (const std::string& path : paths) {
      if (path.rfind("missing", 0) == 0) {
        return absl::NotFoundError("no such file or directory: " + path);
      }
      calls_.added.push_back(path);
    }
    IngestReport report;
    report.files_read = 5346;
    report.events = 51726;
    report.skipped.push_back({"logs/bad.json.gz", "not a gzip file"});
    if (paths.size() == 1 && paths[0] == "hostile") {
      report.skipped = {{"logs/\x1b[2J\x1b[Hevil\n.json.gz", "bad byte \x1b[31m"}};
    }
    return report;
  }

  absl::StatusOr<QueryResult> Query(std::string_view sql) override {
    calls_.queries.emplace_back(sql);
    // Drop "--" comment lines and a final ';', and collapse whitespace.
    std::string text;
    std::istringstream lines{std::string(sql)};
    for (std::string line; std::getline(lines, line);) {
      std::istringstream words(line);
      std::string word;
      if (!(words >> word) || word.rfind("--", 0) == 0) continue;
      do {
        text += text.empty() ? "" : " ";
        text += word;
      } while (words >> word);
    }
    if (!text.empty() && text.back() == ';') text.pop_back();
    if (text == "select 1") {
      return QueryResult({{"_col0", TypeId::kBigint}}, {{Value::Bigint(1)}});
    }
    if (text == "select name") {
      return QueryResult({{"name", TypeId::kVarchar}}, {{Value::Varchar("a,b")}});
    }
    if (text == "select agent") {
      return QueryResult({{"useragent", TypeId::kVarchar}},
                         {{Value::Varchar("\x1b[2K\x1b[1Aaws-cli\r")}});
    }
    if (text == "select bad") {
      size_t offset = sql.find("bad");
      return SqlInvalid(SourceRange{static_cast<uint32_t>(offset), 3}, "Unknown column: bad");
    }
    return absl::InvalidArgumentError(absl::StrCat("fake cannot run: ", text));
  }

  // What the CLI calls: the same answers, sent to the sink.
  absl::Status Query(std::string_view sql, ResultSink& sink) override {
    absl::StatusOr<QueryResult> result = Query(sql);
    if (!result.ok()) return result.status();
    return SendResult(*result, sink);
  }

  uint64_t event_count() const override { return 51726; }

 private:
  FakeCalls& calls_;
};

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
  bool opened = false;  // whether RunCli opened a database
  FakeCalls calls;
};

class CliTest : public ::testing::Test {
 protected:
  CliRun Run(std::vector<std::string> args, std::string stdin_text = "", bool terminal = false) {
    std::istringstream in(stdin_text);
    std::ostringstream out, err;
    CliEnvironment env;
    env.in = &in;
    env.out = &out;
    env.err = &err;
    env.stdin_is_terminal = terminal;
    env.stdout_is_terminal = terminal;
    env.stderr_is_terminal = terminal;
    env.default_cache_dir = "/nonexistent/ctq-cli-test-cache";
    CliRun run;
    env.open_database = [&](const Options& options) -> absl::StatusOr<std::unique_ptr<Database>> {
      opened_threads_ = options.threads;
      run.opened = true;
      return std::unique_ptr<Database>(std::make_unique<FakeDatabase>(&run.calls));
    };
    run.exit_code = RunCli(args, env);
    run.out = out.str();
    run.err = err.str();
    return run;
  }

  int opened_threads_ = -1;
};

TEST_F(CliTest, HelpAndVersionNeedNoLogs) {
  CliRun run = Run({"--help"});
  EXPECT_EQ(run.exit_code, kExitOk);
  EXPECT_THAT(run.out, HasSubstr("Usage:"));
  EXPECT_THAT(run.err, IsEmpty());
  run = Run({"--version"});
  EXPECT_EQ(run.exit_code, kExitOk);
  EXPECT_THAT(run.out, StartsWith("ctq "));
}

TEST_F(CliTest, WithoutLogsOrACacheSaysHowToMakeOne) {
  CliRun run = Run({"-c", "select 1"});
  EXPECT_EQ(run.exit_code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr("no cache at /nonexistent/ctq-cli-test-cache"));
  EXPECT_THAT(run.err, HasSubstr("ctq ingest PATH"));
  EXPECT_FALSE(run.opened);
}

TEST_F(CliTest, LogsAndCacheTogetherIsAUsageError) {
  CliRun run = Run({"--logs", "x", "--cache", "y", "-c", "select 1"});
  EXPECT_EQ(run.exit_code, kExitUsage);
  EXPECT_THAT(run.err, HasSubstr("either --logs"));
}

TEST_F(CliTest, QueryFlagsAreRefusedBySubcommands) {
  CliRun run = Run({"ingest", "-c", "select 1"});
  EXPECT_EQ(run.exit_code, kExitUsage);
  EXPECT_THAT(run.err, HasSubstr("-c is not an option of 'ctq ingest'"));
  run = Run({"info", "somepath"});
  EXPECT_EQ(run.exit_code, kExitUsage);
  EXPECT_THAT(run.err, HasSubstr("'ctq info' takes no paths"));
}

TEST_F(CliTest, BadFlagIsAUsageError) {
  CliRun run = Run({"--logs", "x", "--format", "xml", "-c", "select 1"});
  EXPECT_EQ(run.exit_code, kExitUsage);
  EXPECT_THAT(run.err, HasSubstr("ctq: bad value for --format: 'xml'"));
  EXPECT_THAT(run.err, HasSubstr("Try 'ctq --help'"));
}

TEST_F(CliTest, CommandPrintsCsvWhenNotATerminal) {
  CliRun run = Run({"--logs", "a", "b", "--threads", "3", "-c", "select name"});
  EXPECT_EQ(run.exit_code, kExitOk);
  EXPECT_EQ(run.out, "name\n\"a,b\"\n");
  EXPECT_THAT(run.calls.added, ElementsAre("a", "b"));
  EXPECT_EQ(opened_threads_, 3);
  // Warnings always; the summary only on a terminal.
  EXPECT_EQ(run.err, "warning: skipped logs/bad.json.gz: not a gzip file\n");
}

TEST_F(CliTest, TimerFollowsEachResult) {
  CliRun run = Run({"--logs", "a", "--timer", "-c", "select 1; select name"});
  EXPECT_EQ(run.exit_code, kExitOk);
  EXPECT_EQ(run.out, "_col0\n1\nname\n\"a,b\"\n");
  EXPECT_THAT(run.err, ::testing::ContainsRegex("Run Time: [0-9]+\\.[0-9]{6} s\n"
                                                ".*Run Time: [0-9]+\\.[0-9]{6} s\n$"));
}

TEST_F(CliTest, TableOnATerminalWithSummary) {
  CliRun run = Run({"--logs", "a", "-c", "select 1"}, "", /*terminal=*/true);
  EXPECT_EQ(run.exit_code, kExitOk);
  EXPECT_EQ(run.out, " _col0 \n-------\n     1 \n(1 row)\n");
  EXPECT_THAT(run.err, HasSubstr("loaded 51,726 events from 5,346 files in "));
}

TEST_F(CliTest, ExplicitFormatWins) {
  CliRun run = Run({"--logs", "a", "--format", "json", "-c", "select 1"}, "", true);
  EXPECT_EQ(run.out, "{\"_col0\":1}\n");
}

TEST_F(CliTest, FailedStatementShowsCaretAndExitsOne) {
  CliRun run = Run({"--logs", "a", "-c", "select bad"});
  EXPECT_EQ(run.exit_code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr("Error: Unknown column: bad\n"
                                 "LINE 1:8: select bad\n"
                                 "                 ^^^\n"));
}

TEST_F(CliTest, MissingLogPathExitsOne) {
  CliRun run = Run({"--logs", "missing", "-c", "select 1"});
  EXPECT_EQ(run.exit_code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr("Error: no such file or directory: missing"));
  EXPECT_THAT(run.out, IsEmpty());
}

TEST_F(CliTest, FileStopsAtFirstError) {
  CliRun run = Run({"--logs", "a", "-f", "-"}, "select 1;\nselect bad;\nselect name;\n");
  EXPECT_EQ(run.exit_code, kExitFailure);
  EXPECT_EQ(run.out, "_col0\n1\n");
  EXPECT_THAT(run.err, HasSubstr("Error: Unknown column: bad"));
  EXPECT_EQ(run.calls.queries.size(), 2u);
}

TEST_F(CliTest, FileRunsAFinalStatementWithoutSemicolon) {
  CliRun run = Run({"--logs", "a", "--format", "table", "-f", "-"}, "select 1;\nselect name\n");
  EXPECT_EQ(run.exit_code, kExitOk);
  EXPECT_EQ(run.out,
            " _col0 \n-------\n     1 \n(1 row)\n"
            "\n"
            " name \n------\n a,b  \n(1 row)\n");
}

// Finding 9 of issue 9: "-c A -c B" ran only B.
TEST_F(CliTest, RepeatedCommandsRunInOrder) {
  CliRun run = Run({"--logs", "a", "-c", "select 1", "-c", "select name; select 1"});
  EXPECT_EQ(run.exit_code, kExitOk);
  EXPECT_THAT(run.calls.queries, ElementsAre("select 1", "select name", "select 1"));
  EXPECT_EQ(run.out, "_col0\n1\nname\n\"a,b\"\n_col0\n1\n");
}

TEST_F(CliTest, RepeatedCommandsStopAtTheFirstFailure) {
  CliRun run = Run({"--logs", "a", "-c", "select 1", "-c", "select bad", "-c", "select name"});
  EXPECT_EQ(run.exit_code, kExitFailure);
  EXPECT_THAT(run.calls.queries, ElementsAre("select 1", "select bad"));
  EXPECT_EQ(run.out, "_col0\n1\n");
  EXPECT_THAT(run.err, HasSubstr("Error: Unknown column: bad\n"));
}

TEST_F(CliTest, CommandsAndFilesMixInOrder) {
  CliRun run = Run({"--logs", "a", "--format", "table", "-f", "-", "-c", "select name"},
                   "select 1\n");
  EXPECT_EQ(run.exit_code, kExitOk);
  EXPECT_THAT(run.calls.queries, ElementsAre("select 1", "select name"));
  // A gap between the tables, as between the statements of one script.
  EXPECT_EQ(run.out,
            " _col0 \n-------\n     1 \n(1 row)\n"
            "\n"
            " name \n------\n a,b  \n(1 row)\n");
}

TEST_F(CliTest, EveryFileIsReadBeforeAnythingRuns) {
  CliRun run = Run({"--logs", "a", "-c", "select 1", "-f", "/nonexistent/q.sql"});
  EXPECT_EQ(run.exit_code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr("Error: cannot open /nonexistent/q.sql"));
  EXPECT_FALSE(run.opened);
  EXPECT_THAT(run.out, IsEmpty());
}

TEST_F(CliTest, MissingFileExitsOneBeforeLoading) {
  CliRun run = Run({"--logs", "a", "-f", "/nonexistent/q.sql"});
  EXPECT_EQ(run.exit_code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr("Error: cannot open /nonexistent/q.sql"));
  EXPECT_FALSE(run.opened);
}

TEST_F(CliTest, DirectoryAsFileExitsOne) {
  CliRun run = Run({"--logs", "a", "-f", "/"});
  EXPECT_EQ(run.exit_code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr("Error: cannot read /: it is a directory"));
}

TEST_F(CliTest, EchoPrintsEachStatement) {
  CliRun run = Run({"--logs", "a", "--echo", "-c", "select 1; select name"});
  EXPECT_EQ(run.exit_code, kExitOk);
  EXPECT_EQ(run.out, "select 1;\n_col0\n1\n\nselect name;\nname\n\"a,b\"\n");
}

TEST_F(CliTest, PipedPromptRunsStatementsAndKeepsGoing) {
  CliRun run = Run({"--logs", "a"}, "select\n1;\nselect bad;\n\nselect name;\n");
  EXPECT_EQ(run.exit_code, kExitFailure);  // a failure in piped input
  EXPECT_EQ(run.out, "_col0\n1\nname\n\"a,b\"\n");
  EXPECT_THAT(run.err, HasSubstr("Unknown column: bad"));
  EXPECT_THAT(run.out, Not(HasSubstr("ctq>")));
}

TEST_F(CliTest, TerminalPromptShowsPromptsAndQuits) {
  CliRun run = Run({"--logs", "a", "--format", "csv"},
                   "help\nselect\n1;\nselect bad;\nquit\nselect name;\n", true);
  EXPECT_EQ(run.exit_code, kExitOk);  // mistakes at a terminal are not failures
  EXPECT_THAT(run.out, HasSubstr("51,726 events"));
  EXPECT_THAT(run.out, HasSubstr(ReplHelpText()));
  EXPECT_THAT(run.out, HasSubstr(absl::StrCat(ReplHelpText(), "ctq>    -> _col0\n1\nctq> ctq> ")));
  EXPECT_THAT(run.out, Not(HasSubstr("a,b")));  // nothing after quit runs
}

// Finding 8 of issue 9: values and paths from the logs reached the terminal
// raw, so escape sequences in them acted on it.
TEST_F(CliTest, TableOnATerminalShowsEscapesInValues) {
  CliRun run = Run({"--logs", "a", "-c", "select agent"}, "", /*terminal=*/true);
  EXPECT_EQ(run.exit_code, kExitOk);
  EXPECT_EQ(run.out,
            "        useragent        \n"
            "-------------------------\n"
            " \\x1b[2K\\x1b[1Aaws-cli\\r \n"
            "(1 row)\n");
}

TEST_F(CliTest, CsvAndJsonKeepTheBytes) {
  CliRun run = Run({"--logs", "a", "-c", "select agent"});
  EXPECT_EQ(run.out, "useragent\n\"\x1b[2K\x1b[1Aaws-cli\r\"\n");
  run = Run({"--logs", "a", "--format", "json", "-c", "select agent"});
  EXPECT_EQ(run.out, "{\"useragent\":\"\\u001b[2K\\u001b[1Aaws-cli\\r\"}\n");
}

TEST_F(CliTest, SkippedFileWarningEscapesThePath) {
  CliRun run = Run({"--logs", "hostile", "-c", "select 1"});
  EXPECT_EQ(run.err, "warning: skipped logs/\\x1b[2J\\x1b[Hevil\\n.json.gz: bad byte \\x1b[31m\n");
}

TEST_F(CliTest, ErrorsEscapeWhatTheyQuote) {
  CliRun run = Run({"--logs", "missing\x1b[2J", "-c", "select 1"});
  EXPECT_EQ(run.exit_code, kExitFailure);
  EXPECT_EQ(run.err, "Error: no such file or directory: missing\\x1b[2J\n");

  run = Run({"--logs", "a", "-f", "/nonexistent/\x1b]0;title\x07.sql"});
  EXPECT_EQ(run.exit_code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr("Error: cannot open /nonexistent/\\x1b]0;title\\x07.sql: "));
  EXPECT_THAT(run.err, Not(HasSubstr("\x1b")));

  run = Run({"--logs", "a", "-c", "select '\x1b[2J'"});
  EXPECT_EQ(run.exit_code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr("\nError: fake cannot run: select '\\x1b[2J'\n"));

  run = Run({"-c", "select 1", "\x1b[2J.json"});
  EXPECT_EQ(run.exit_code, kExitUsage);
  EXPECT_THAT(run.err, HasSubstr("unexpected argument: '\\x1b[2J.json'"));
  EXPECT_THAT(run.err, Not(HasSubstr("\x1b")));
}

TEST_F(CliTest, ErrorCaretKeepsTabsAndLines) {
  CliRun run = Run({"--logs", "a", "-c", "select\tbad"});
  EXPECT_THAT(run.err, HasSubstr("Error: Unknown column: bad\n"
                                 "LINE 1:8: select\tbad\n"
                                 "                \t^^^\n"));
}

// Runs the real command line (no fake database) with empty stdin, keeping
// what it wrote to stdout and stderr.
int RunCapturing(std::vector<std::string> args, std::string* out, std::string* err) {
  std::istringstream in;
  std::ostringstream out_stream, err_stream;
  CliEnvironment env;
  env.in = &in;
  env.out = &out_stream;
  env.err = &err_stream;
  env.open_database = Database::Open;  // for --logs, as main() does
  int code = RunCli(args, env);
  *out = out_stream.str();
  *err = err_stream.str();
  return code;
}

// Issue 9: the result streams to the printer, so a select * far larger than
// --memory-limit prints whole, in order, in every format.
TEST(StreamedOutputTest, SelectStarLargerThanTheMemoryLimitPrintsWhole) {
  namespace fs = std::filesystem;
  const fs::path root = ScratchPath("ctq-cli-stream-test");
  fs::remove_all(root);
  fs::create_directories(root);
  constexpr int kEvents = 100000;  // some 170 MB of rows for select *
  {
    std::ofstream logs(root / "events.ndjson");
    for (int i = 0; i < kEvents; i++) {
      logs << R"({"eventVersion":"1.08","eventTime":"2024-03-01T00:00:00Z","eventName":"e)"
           << i % 7 << R"(","eventSource":"ec2.amazonaws.com","eventID":"id-)" << i << "\"}\n";
    }
  }
  for (const char* format : {"csv", "json", "table"}) {
    SCOPED_TRACE(format);
    std::string out, err;
    ASSERT_EQ(RunCapturing({"--logs", (root / "events.ndjson").string(), "--memory-limit", "16MB",
                            "--threads", "2", "--format", format, "-c",
                            "select eventid, * from cloudtrail_logs"},
                           &out, &err),
              kExitOk)
        << err;
    size_t lines = std::count(out.begin(), out.end(), '\n');
    const size_t extra = std::string_view(format) == "csv" ? 1 : std::string_view(format) == "json" ? 0 : 3;
    EXPECT_EQ(lines, kEvents + extra);
    // In order: each event's id comes after the one before.
    size_t at = 0;
    for (int i = 0; i < kEvents; i += 9973) {
      size_t next = out.find(StrCat("id-", i, std::string_view(format) == "csv" ? "," : ""), at);
      ASSERT_NE(next, std::string::npos) << "id-" << i;
      at = next;
    }
    if (std::string_view(format) == "table") {
      EXPECT_THAT(out, HasSubstr("(100000 rows)\n"));
    }
  }
  // With ORDER BY every row is held before the first goes out: no fit.
  std::string out, err;
  EXPECT_EQ(RunCapturing({"--logs", (root / "events.ndjson").string(), "--memory-limit", "16MB",
                          "-c", "select eventid, * from cloudtrail_logs order by 1"},  // by name: ambiguous
                         &out, &err),
            kExitFailure);
  EXPECT_THAT(err, HasSubstr("memory limit of 16.0 MB"));

  // Byte for byte what the whole result printed: over ten table pages, with
  // values that widen the table on later pages, and a LIMIT.
  std::unique_ptr<Database> db = Database::Open({.threads = 2}).value();
  ASSERT_TRUE(db->AddLogs({(root / "events.ndjson").string()}).ok());
  for (const char* sql : {"select eventid, eventname || eventid as x from cloudtrail_logs",
                          "select eventid from cloudtrail_logs where eventname = 'e2' limit 777"}) {
    absl::StatusOr<QueryResult> whole = db->Query(sql);
    ASSERT_TRUE(whole.ok()) << whole.status();
    for (OutputFormat format : {OutputFormat::kTable, OutputFormat::kCsv, OutputFormat::kJson}) {
      const char* name = format == OutputFormat::kTable ? "table"
                         : format == OutputFormat::kCsv ? "csv"
                                                        : "json";
      SCOPED_TRACE(StrCat(name, ": ", sql));
      std::ostringstream expected;
      WriteResult(*whole, format, expected);
      ASSERT_EQ(RunCapturing({"--logs", (root / "events.ndjson").string(), "--threads", "2",
                              "--format", name, "-c", sql},
                             &out, &err),
                kExitOk)
          << err;
      EXPECT_TRUE(out == expected.str()) << "streamed output differs";
    }
  }
  fs::remove_all(root);
}

// Against a real cache: the paths ingest warns about and info lists.
TEST(CacheCommandsTest, IngestAndInfoEscapePaths) {
  namespace fs = std::filesystem;
  const fs::path root = ScratchPath("ctq-cli-escape-test");
  fs::remove_all(root);
  const fs::path logs = root / "logs\x1b]0;pwned\x07";
  fs::create_directories(logs);
  std::ofstream(logs / "good.json")
      << R"({"Records":[{"eventVersion":"1.05","eventTime":"2017-02-01T00:00:00Z",)"
      << R"("eventName":"X","eventSource":"s3.amazonaws.com","awsRegion":"us-east-1",)"
      << R"("eventID":"e1"}]})";
  std::ofstream(logs / "bad\x1b[2J.json") << "{not json";

  const std::string cache = (root / "cache").string();
  std::string out, err;
  RunCapturing({"ingest", "--cache", cache, logs.string()}, &out, &err);
  EXPECT_THAT(err, HasSubstr("warning: skipped " + (root / "logs").string() +
                             "\\x1b]0;pwned\\x07/bad\\x1b[2J.json: "));
  EXPECT_THAT(err, Not(HasSubstr("\x1b")));
  EXPECT_EQ(RunCapturing({"info", "--cache", cache}, &out, &err), kExitOk) << err;
  EXPECT_THAT(out, HasSubstr("logs\\x1b]0;pwned\\x07"));
  EXPECT_THAT(out, Not(HasSubstr("\x1b")));
  fs::remove_all(root);
}

// Issue 9, finding 3: logs moved to another folder are recognised by
// content, and info counts the copies and the events delivered twice.
TEST(CacheCommandsTest, MovedLogsAreRecognisedAndDuplicatesCounted) {
  namespace fs = std::filesystem;
  const fs::path root = ScratchPath("ctq-cli-moved-test");
  fs::remove_all(root);
  fs::create_directories(root / "AWSLogs");
  auto event = [](const char* id) {
    return std::string(R"({"eventVersion":"1.05","eventTime":"2017-02-01T00:00:00Z",)") +
           R"("eventName":"X","eventSource":"s3.amazonaws.com","awsRegion":"us-east-1",)" +
           R"("eventID":")" + id + R"("})";
  };
  // CloudTrail delivered event e2 twice, in two files.
  std::ofstream(root / "AWSLogs" / "a.json") << "{\"Records\":[" << event("e1") << ","
                                             << event("e2") << "]}";
  std::ofstream(root / "AWSLogs" / "b.json") << "{\"Records\":[" << event("e2") << "]}";
  const std::string cache = (root / "cache").string();
  std::string out, err;
  ASSERT_EQ(RunCapturing({"ingest", "--cache", cache, (root / "AWSLogs").string()}, &out, &err),
            kExitOk)
      << err;
  fs::rename(root / "AWSLogs", root / "logs-2024");
  ASSERT_EQ(RunCapturing({"ingest", "--cache", cache, (root / "logs-2024").string()}, &out, &err),
            kExitOk)
      << err;
  EXPECT_THAT(err, HasSubstr("ingested 0 events from 0 new files"));
  EXPECT_THAT(err, HasSubstr("2 files recognised by content (moved or copied), not read again"));
  EXPECT_THAT(err, HasSubstr(": 3 events"));
  ASSERT_EQ(RunCapturing({"info", "--cache", cache}, &out, &err), kExitOk) << err;
  EXPECT_THAT(out, HasSubstr("files:        2 ("));
  EXPECT_THAT(out, HasSubstr("2 more paths held a copy of one of them"));
  EXPECT_THAT(out, HasSubstr("duplicates:   1 event shares its eventid with an earlier one"));
  fs::remove_all(root);
}

// Issue 9, finding 5: one bad value costs one value, not the file; an ingest
// (or --logs) that could read nothing of what it found fails.
TEST(CacheCommandsTest, BadValuesAreKeptAndNothingReadFails) {
  namespace fs = std::filesystem;
  const fs::path root = ScratchPath("ctq-cli-lenient-test");
  fs::remove_all(root);
  fs::create_directories(root / "logs");
  std::ofstream(root / "logs" / "bad.json") << "{\"Records\":[{\"eventName\":";
  const std::string cache = (root / "cache").string();
  const std::string logs = (root / "logs").string();
  std::string out, err;
  EXPECT_EQ(RunCapturing({"ingest", "--cache", cache, logs}, &out, &err), kExitFailure);
  EXPECT_THAT(err, HasSubstr("warning: skipped "));
  EXPECT_THAT(err, HasSubstr("Error: no log file could be read: 1 file was skipped (see the "
                             "warnings above)\n"));
  EXPECT_EQ(RunCapturing({"--logs", logs, "-c", "select count(*) from cloudtrail_logs"}, &out,
                         &err),
            kExitFailure);
  EXPECT_THAT(err, HasSubstr("Error: no log file could be read"));
  EXPECT_EQ(out, "");

  std::ofstream(root / "logs" / "good.json")
      << R"({"Records":[{"eventName":"Get\ud800Object","eventID":"e1","userIdentity":"alice"},)"
      << R"({"eventName":"Put)" << '\xff' << R"(","eventID":"e2","tlsDetails":[]},)"
      << R"({"eventName":"List","eventID":"e3","userIdentity":{"type":"IAMUser"}}]})";
  ASSERT_EQ(RunCapturing({"ingest", "--cache", cache, logs}, &out, &err), kExitOk) << err;
  EXPECT_THAT(err, HasSubstr("warning: 2 events have invalid text (bad UTF-8, or a \\u escape of "
                             "an unpaired surrogate): kept, with U+FFFD in place of each bad "
                             "sequence\n"));
  EXPECT_THAT(err, HasSubstr("warning: 2 values of the wrong JSON type (not an object where "
                             "CloudTrail has one) stored as NULL: useridentity 1, tlsdetails 1\n"));
  EXPECT_THAT(err, HasSubstr("ingested 3 events from 1 new file"));
  ASSERT_EQ(RunCapturing({"--cache", cache, "-c",
                          "select eventname, useridentity.type from cloudtrail_logs order by "
                          "eventid"},
                         &out, &err),
            kExitOk)
      << err;
  EXPECT_EQ(out, "eventname,type\nGet\xEF\xBF\xBDObject,\nPut\xEF\xBF\xBD,\nList,IAMUser\n");
  // Found again, the bad file alone is still skipped, but the good one is in
  // the cache: not a failure.
  EXPECT_EQ(RunCapturing({"ingest", "--cache", cache, logs}, &out, &err), kExitOk) << err;
  EXPECT_THAT(err, HasSubstr("1 skipped"));
  fs::remove_all(root);
}

class ReplTest : public ::testing::Test {
 protected:
  bool RunInput(std::string input, bool interactive = false) {
    std::istringstream in(input);
    StatementRunner runner(database_, {OutputFormat::kCsv, false}, out_, err_);
    return RunRepl(runner, in, out_, interactive);
  }

  FakeCalls calls_;
  FakeDatabase database_{&calls_};
  std::ostringstream out_;
  std::ostringstream err_;
};

TEST_F(ReplTest, QuitCommands) {
  for (const char* quit : {"quit", "exit", "\\q", "QUIT;", "  exit  "}) {
    FakeCalls calls;
    FakeDatabase database(&calls);
    std::istringstream in(absl::StrCat(quit, "\nselect 1;\n"));
    std::ostringstream out, err;
    StatementRunner runner(database, {OutputFormat::kCsv, false}, out, err);
    EXPECT_TRUE(RunRepl(runner, in, out, false));
    EXPECT_THAT(calls.queries, IsEmpty()) << quit;
  }
}

TEST_F(ReplTest, QuitInsideAStatementIsSql) {
  EXPECT_FALSE(RunInput("select\nquit;\n"));
  ASSERT_EQ(calls_.queries.size(), 1u);
  EXPECT_EQ(calls_.queries[0], "select\nquit");
}

TEST_F(ReplTest, SeveralStatementsOnALine) {
  EXPECT_TRUE(RunInput("select 1; select name;\n"));
  EXPECT_THAT(calls_.queries, ElementsAre("select 1", "select name"));
}

TEST_F(ReplTest, UnfinishedStatementRunsAtEof) {
  EXPECT_TRUE(RunInput("select 1; select\nname"));
  EXPECT_THAT(calls_.queries, ElementsAre("select 1", "select\nname"));
}

TEST_F(ReplTest, BlankLinesAndCommentsRunNothing) {
  EXPECT_TRUE(RunInput("\n   \n-- just a comment\n/* block */\n"));
  EXPECT_THAT(calls_.queries, IsEmpty());
  EXPECT_EQ(out_.str(), "");
}

TEST_F(ReplTest, InteractivePromptsAndNewlineAtEof) {
  EXPECT_TRUE(RunInput("select 1;\n", true));
  EXPECT_EQ(out_.str(), "ctq> _col0\n1\nctq> \n");
}

TEST(IsBlankSqlTest, Cases) {
  EXPECT_TRUE(IsBlankSql(""));
  EXPECT_TRUE(IsBlankSql(" \n\t "));
  EXPECT_TRUE(IsBlankSql("-- q1: title"));
  EXPECT_TRUE(IsBlankSql("-- a\n  /* b\n c */ -- d\n"));
  EXPECT_FALSE(IsBlankSql("/* unclosed"));
  EXPECT_FALSE(IsBlankSql("-- a\nselect 1"));
  EXPECT_FALSE(IsBlankSql("select 1 -- a"));
  EXPECT_FALSE(IsBlankSql("- 1"));
}

TEST(LoadSummaryTest, Format) {
  IngestReport report;
  report.events = 51726;
  report.files_read = 5346;
  EXPECT_EQ(LoadSummary(report, 1.23), "loaded 51,726 events from 5,346 files in 1.2 s");
  report.events = 1;
  report.files_read = 1;
  report.skipped.push_back({"x", "y"});
  EXPECT_EQ(LoadSummary(report, 0.04), "loaded 1 event from 1 file in 0.0 s (1 skipped)");
}

TEST(GroupThousandsTest, Cases) {
  EXPECT_EQ(GroupThousands(0), "0");
  EXPECT_EQ(GroupThousands(999), "999");
  EXPECT_EQ(GroupThousands(1000), "1,000");
  EXPECT_EQ(GroupThousands(123456789), "123,456,789");
  EXPECT_EQ(GroupThousands(18446744073709551615ULL), "18,446,744,073,709,551,615");
}

// The schema statements print like any result: varchar and boolean columns
// with Trino's names, in every format.
TEST(SchemaStatementOutputTest, PrintsInEveryFormat) {
  namespace fs = std::filesystem;
  const fs::path logs = fs::path(ScratchPath("ctq-cli-schema-test").string() + ".ndjson");
  { std::ofstream(logs) << "{\"eventName\":\"e\"}\n"; }
  const std::vector<std::string> statements = {
      "-c", "show columns from cloudtrail_logs like 'eventname'", "-c",
      "show functions like 'count_if'"};
  struct Expected {
    const char* format;
    const char* out;
  };
  const Expected kExpected[] = {
      {"csv",
       "Column,Type,Extra,Comment\n"
       "eventname,varchar,\"\",\"\"\n"
       "Function,Return Type,Argument Types,Function Type,Deterministic,Description\n"
       "count_if,bigint,boolean,aggregate,true,\"\"\n"},
      {"json",
       "{\"Column\":\"eventname\",\"Type\":\"varchar\",\"Extra\":\"\",\"Comment\":\"\"}\n"
       "{\"Function\":\"count_if\",\"Return Type\":\"bigint\",\"Argument Types\":\"boolean\","
       "\"Function Type\":\"aggregate\",\"Deterministic\":true,\"Description\":\"\"}\n"},
      {"table",
       "  Column   |  Type   | Extra | Comment \n"
       "-----------+---------+-------+---------\n"
       " eventname | varchar |       |         \n"
       "(1 row)\n"
       "\n"
       " Function | Return Type | Argument Types | Function Type | Deterministic | Description \n"
       "----------+-------------+----------------+---------------+---------------+-------------\n"
       " count_if | bigint      | boolean        | aggregate     | true          |             \n"
       "(1 row)\n"},
  };
  for (const Expected& expected : kExpected) {
    SCOPED_TRACE(expected.format);
    std::vector<std::string> args = {"--logs", logs.string(), "--format", expected.format};
    args.insert(args.end(), statements.begin(), statements.end());
    std::string out, err;
    ASSERT_EQ(RunCapturing(args, &out, &err), kExitOk) << err;
    EXPECT_EQ(out, expected.out);
  }
  fs::remove(logs);
}

}  // namespace
}  // namespace ctq
