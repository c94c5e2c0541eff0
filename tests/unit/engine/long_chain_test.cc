// Flat chains of 100,000 operands (`a OR b OR ...`, `1 + 1 + ...`,
// `'a' || 'a' || ...`), as Sigma rules and other tools generate, through the
// public API: they parse, bind, prune, evaluate (over rows, over dictionary
// entries) and EXPLAIN with answers checked against a small table, in memory
// and over a cache. Deep nesting still fails with the parser's clear error.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
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

constexpr int kTerms = 100000;

// Events with eventname a0, a5000, a10000, ..., a195000 (the first 20 are
// below a100000), then three without one.
constexpr int kNamed = 40;
constexpr int kMatched = 20;
constexpr int kUnnamed = 3;

std::string EventName(int i) { return StrCat("a", i * 5000); }

void WriteLogs(const std::string& path) {
  std::string json = "{\"Records\":[";
  for (int i = 0; i < kNamed + kUnnamed; i++) {
    if (i > 0) json += ",";
    StrAppend(&json, "{\"eventVersion\":\"1.08\",\"eventTime\":\"2024-03-01T00:00:",
              i < 10 ? "0" : "", i, "Z\",\"eventSource\":\"ec2.amazonaws.com\"");
    if (i < kNamed) StrAppend(&json, ",\"eventName\":\"", EventName(i), "\"");
    StrAppend(&json, ",\"eventID\":\"ev-", i, "\"}");
  }
  json += "]}";
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << json;
}

// `eventname <compare> 'a0' <joiner> eventname <compare> 'a<step>' ...`, up
// to 'a<(terms - 1) * step>'.
std::string Chain(std::string_view compare, std::string_view joiner, int terms, int step = 1) {
  std::string sql;
  sql.reserve(terms * 32);
  for (int i = 0; i < terms; i++) {
    if (i > 0) StrAppend(&sql, " ", joiner, " ");
    StrAppend(&sql, "eventname ", compare, " 'a", i * step, "'");
  }
  return sql;
}

class LongChainTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = new std::string(
        (std::filesystem::path(::testing::TempDir()) / StrCat("ctq_long_chain_", ::getpid()))
            .string());
    std::filesystem::remove_all(*directory_);
    const std::string logs = *directory_ + "/AWSLogs";
    WriteLogs(logs + "/111122223333/CloudTrail/us-east-1/2024/03/01/events.json");
    memory_ = Database::Open({.threads = 2}).value().release();
    ASSERT_TRUE(memory_->AddLogs({logs}).ok());
    CacheIngestOptions ingest;
    ingest.threads = 1;
    ASSERT_TRUE(IngestIntoCache(*directory_ + "/cache", {logs}, ingest).ok());
    cache_ = Database::OpenCache(*directory_ + "/cache", {.threads = 2}).value().release();
  }
  static void TearDownTestSuite() {
    delete memory_;
    delete cache_;
    std::error_code ignored;
    std::filesystem::remove_all(*directory_, ignored);
    delete directory_;
  }

  // The result as text, one line per row, columns separated by '|'.
  static std::vector<std::string> Run(Database& db, const std::string& sql) {
    absl::StatusOr<QueryResult> result = db.Query(sql);
    EXPECT_TRUE(result.ok()) << sql.substr(0, 200) << ": " << result.status();
    std::vector<std::string> lines;
    if (!result.ok()) return lines;
    for (const auto& row : result->rows()) {
      std::string line;
      for (size_t c = 0; c < row.size(); c++) {
        StrAppend(&line, c > 0 ? "|" : "", row[c].is_null() ? "NULL" : row[c].ToString());
      }
      lines.push_back(line);
    }
    return lines;
  }
  static std::vector<Database*> Databases() { return {memory_, cache_}; }

  static std::string* directory_;
  static Database* memory_;
  static Database* cache_;
};

std::string* LongChainTest::directory_ = nullptr;
Database* LongChainTest::memory_ = nullptr;
Database* LongChainTest::cache_ = nullptr;

TEST_F(LongChainTest, OrAndAndChainsFilter) {
  const std::string any = Chain("=", "OR", kTerms);
  EXPECT_EQ(Run(*memory_, "select count(*) from cloudtrail_logs where " + any),
            std::vector<std::string>{StrCat(kMatched)});
  // Over the cache: pruning, and one verdict per dictionary entry.
  EXPECT_EQ(Run(*cache_, "select count(*) from cloudtrail_logs where " + any),
            std::vector<std::string>{StrCat(kMatched)});
  // NULL eventnames are neither: `NULL <> 'a0'` is NULL.
  EXPECT_EQ(Run(*memory_, "select count(*) from cloudtrail_logs where " +
                              Chain("<>", "AND", kTerms)),
            std::vector<std::string>{StrCat(kNamed - kMatched)});
}

// The other shapes, on shorter chains (still ten times the old limit).
TEST_F(LongChainTest, ChainsUnderNotBehindConjunctsAndAsValues) {
  const std::string any = Chain("=", "OR", kTerms / 10, 10);
  for (Database* db : Databases()) {
    SCOPED_TRACE(db == cache_ ? "cache" : "memory");
    EXPECT_EQ(Run(*db, "select count(*) from cloudtrail_logs where " +
                           Chain("<>", "AND", kTerms / 10, 10)),
              std::vector<std::string>{StrCat(kNamed - kMatched)});
    EXPECT_EQ(Run(*db, "select count(*) from cloudtrail_logs where not (" + any + ")"),
              std::vector<std::string>{StrCat(kNamed - kMatched)});
    // Behind a selective conjunct, and as a value (three-valued, per row or
    // per dictionary entry).
    EXPECT_EQ(Run(*db, "select eventname from cloudtrail_logs where eventid < 'ev-2' and (" +
                           any + ") order by 1"),
              (std::vector<std::string>{"a0", "a5000", "a50000", "a55000", "a60000", "a65000",
                                        "a70000", "a75000", "a80000", "a85000", "a90000",
                                        "a95000"}));
    EXPECT_EQ(Run(*db, "select " + any +
                           " as hit, count(*) from cloudtrail_logs group by 1 order by 1"),
              (std::vector<std::string>{StrCat("false|", kNamed - kMatched),
                                        StrCat("true|", kMatched), StrCat("NULL|", kUnnamed)}));
  }
}

TEST_F(LongChainTest, ExplainShowsTheChain) {
  const std::string sql = "select count(*) from cloudtrail_logs where " + Chain("=", "OR", kTerms);
  for (Database* db : Databases()) {
    absl::StatusOr<QueryResult> result = db->Query("explain " + sql);
    ASSERT_TRUE(result.ok()) << result.status();
    std::string text;
    for (const auto& row : result->rows()) StrAppend(&text, row[0].ToString(), "\n");
    EXPECT_TRUE(absl::StrContains(text, "Filter ((eventname = 'a0') OR (eventname = 'a1') OR"));
    EXPECT_TRUE(absl::StrContains(text, "(eventname = 'a99999'))"));
    if (db == cache_) {
      EXPECT_TRUE(absl::StrContains(text, "prune=[(eventname = 'a0' (zone map) OR"))
          << text.substr(0, 300);
    }
  }
  absl::StatusOr<QueryResult> analyzed = cache_->Query("explain analyze " + sql);
  EXPECT_TRUE(analyzed.ok()) << analyzed.status();
}

TEST_F(LongChainTest, ArithmeticChainsStepByStep) {
  std::string ones = "1";
  for (int i = 1; i < kTerms; i++) ones += " + 1";
  std::string alternating = "1";  // 1 - 1 + 1 - 1 ...: 1 or 0 after each step
  for (int i = 1; i < kTerms; i++) alternating += i % 2 ? " - 1" : " + 1";
  EXPECT_EQ(Run(*memory_, "select " + ones), std::vector<std::string>{StrCat(kTerms)});
  EXPECT_EQ(Run(*memory_, "select " + alternating), std::vector<std::string>{"0"});
  // The type widens to double at the first double operand, as nested steps
  // would; a bigint overflow before it is still an error.
  EXPECT_EQ(Run(*memory_, "select " + ones + " + 0.5 + " + ones),
            std::vector<std::string>{StrCat(2 * kTerms, ".5")});
  absl::StatusOr<QueryResult> overflow =
      memory_->Query("select 9223372036854775807 + " + ones + " - 0.5");
  ASSERT_FALSE(overflow.ok());
  EXPECT_TRUE(absl::StrContains(overflow.status().message(), "overflow")) << overflow.status();
  EXPECT_EQ(Run(*memory_, "select 9223372036854775807 - 1 + 1 - 1 + 1"),
            std::vector<std::string>{"9223372036854775807"});
  // Over rows.
  std::string lengths = "length(eventname)";
  for (int i = 1; i < kTerms; i++) lengths += " + 1";
  for (Database* db : Databases()) {
    EXPECT_EQ(Run(*db, "select " + lengths + " from cloudtrail_logs where eventid = 'ev-1'"),
              std::vector<std::string>{StrCat(5 + kTerms - 1)});
  }
  EXPECT_EQ(Run(*memory_, "select 1 + 1 * 2 * 3 - 6 / 2 / 3 % 5 - 1"), std::vector<std::string>{"5"});
}

TEST_F(LongChainTest, ConcatChains) {
  std::string letters = "'a'";
  for (int i = 1; i < kTerms; i++) letters += " || 'a'";
  EXPECT_EQ(Run(*memory_, "select length(" + letters + ")"),
            std::vector<std::string>{StrCat(kTerms)});
  EXPECT_EQ(Run(*memory_, "select " + letters + " || NULL || " + letters),
            std::vector<std::string>{"NULL"});
  std::string names = "eventname";
  for (int i = 1; i < 1000; i++) names += " || '.' || eventname";
  for (Database* db : Databases()) {
    std::vector<std::string> rows =
        Run(*db, "select " + names + " from cloudtrail_logs order by eventtime");
    ASSERT_EQ(rows.size(), size_t(kNamed + kUnnamed));
    std::string want = "a0";
    for (int i = 1; i < 1000; i++) want += ".a0";
    EXPECT_EQ(rows[0], want);
    EXPECT_EQ(rows.back(), "NULL");
  }
}

TEST_F(LongChainTest, DeepNestingIsStillAnError) {
  for (const std::string& sql :
       {"select " + std::string(kTerms, '(') + "1" + std::string(kTerms, ')'),
        [] {
          std::string minuses = "select ";  // "- " each: "--" would be a comment
          for (int i = 0; i < kTerms; i++) minuses += "- ";
          return minuses + "1";
        }(),
        [] {
          std::string nots = "select ";
          for (int i = 0; i < kTerms; i++) nots += "not ";
          return nots + "true";
        }()}) {
    absl::StatusOr<QueryResult> result = memory_->Query(sql);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(std::string(result.status().message()), "Syntax error: expression nested too deeply");
  }
}

}  // namespace
}  // namespace ctq
