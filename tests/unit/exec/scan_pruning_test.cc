// Tests of exec/scan_pruning: per-operator decisions over hand-made row
// groups, EXPLAIN text, and a soundness property test (a skipped row group
// never holds a row that passes the filter) over random groups and filters.
#include "exec/scan_pruning.h"

#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "ctq/internal/strings.h"
#include "engine/binder.h"
#include "exec/expression_evaluator.h"
#include "exec/vector/vector_size.h"
#include "gtest/gtest.h"
#include "parser/parser.h"
#include "storage/cloudtrail_schema.h"
#include "storage/column_scan.h"
#include "storage/segment_reader.h"
#include "storage/segment_writer.h"
#include "tests/unit/exec/segment_fixture.h"

namespace ctq {
namespace {

using Decision = ScanPruner::Decision;
using testing_segments::BindWhere;
using testing_segments::Cell;
using testing_segments::ColumnCells;
using testing_segments::MakeGroup;
using testing_segments::WriteSegment;

ScanPruner PrunerFor(const BoundQuery& query) {
  return ScanPruner::Build(query.plan.filter.get(), query.plan.scan_columns);
}

// The number of rows of `group` for which the query's WHERE is TRUE,
// evaluated the way the plan executor does.
uint32_t PassingRows(const BoundQuery& query, const std::shared_ptr<const RowGroup>& group) {
  ExpressionEvaluator evaluator;
  std::vector<uint32_t> selection(kVectorSize);
  uint32_t passing = 0;
  for (uint32_t offset = 0; offset < group->row_count; offset += kVectorSize) {
    const uint32_t count = std::min(kVectorSize, group->row_count - offset);
    Chunk chunk;
    chunk.size = count;
    chunk.columns.resize(query.plan.scan_columns.size());
    for (size_t c = 0; c < query.plan.scan_columns.size(); c++) {
      ScanColumn(group, query.plan.scan_columns[c], offset, count, &chunk.columns[c]);
    }
    auto selected = evaluator.Select(*query.plan.filter, chunk, selection.data());
    EXPECT_TRUE(selected.ok()) << selected.status();
    if (selected.ok()) passing += *selected;
  }
  return passing;
}

char DecisionLetter(Decision decision) {
  switch (decision) {
    case Decision::kRead:
      return 'R';
    case Decision::kSkipZoneMap:
      return 'Z';
    case Decision::kSkipSkipIndex:
      return 'S';
  }
  return '?';
}

// ---------------------------------------------------------------------------
// Hand-made groups with known zone maps.

const std::string kLongA = std::string(300, 'A') + "x";   // zone map min truncated
const std::string kLongB1 = std::string(300, 'B') + "1";  // min and max truncated
const std::string kLongB2 = std::string(300, 'B') + "2";

class ScanPruningTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // g0: January, eventname constant, errorcode all NULL, the security group.
    groups_.push_back(MakeGroup(
        3, {{"eventtime",
             {"2017-01-05T00:00:00Z", "2017-01-10T00:00:00Z", "2017-01-31T23:59:59Z"}},
            {"eventname", {"ConsoleLogin", "ConsoleLogin", "ConsoleLogin"}},
            {"awsregion", {"us-east-1", "us-west-2", std::nullopt}},
            {"requestparameters",
             {R"({"groupId":"sg-5887f224"})", std::nullopt, R"({"instanceId":"i-0abc12345"})"}},
            {"useragent", {kLongA, "Mozilla", std::nullopt}}}));
    // g1: February, two event names, some errors, other JSON.
    groups_.push_back(MakeGroup(
        4, {{"eventtime",
             {"2017-02-10T00:00:00Z", "2017-02-15T00:00:00Z", "2017-02-15T12:00:00Z",
              "2017-02-20T00:00:00Z"}},
            {"eventname", {"DescribeInstances", "GetObject", "GetObject", "DescribeInstances"}},
            {"errorcode", {"AccessDenied", std::nullopt, std::nullopt, "AccessDenied"}},
            {"awsregion", {"eu-west-1", "eu-west-1", "eu-west-1", "eu-west-1"}},
            {"requestparameters",
             {R"({"bucketName":"logs"})", R"({"bucketName":"logs"})", std::nullopt,
              R"({"groupId":"sg-11112222"})"}}}));
    // g2: March, eventname all NULL, errorcode without NULLs, long user agents.
    groups_.push_back(MakeGroup(2, {{"eventtime", {"2017-03-01T00:00:00Z", "2017-03-02T00:00:00Z"}},
                                    {"errorcode", {"ThrottlingException", "ThrottlingException"}},
                                    {"useragent", {kLongB1, kLongB2}}}));
    // g3: no rows at all.
    groups_.push_back(MakeGroup(0, {}));
    segment_ = WriteSegment(groups_);
  }

  // The decisions for the four groups, as letters (R read, Z zone map skip,
  // S skip index skip); also checks that no skipped group has a passing row.
  std::string Decisions(const std::string& where) {
    BoundQuery query = BindWhere(where);
    ScanPruner pruner = PrunerFor(query);
    std::string letters;
    for (uint32_t g = 0; g < segment_->row_group_count(); g++) {
      Decision decision = pruner.Check(*segment_, g);
      letters.push_back(DecisionLetter(decision));
      if (decision != Decision::kRead && query.plan.filter != nullptr) {
        EXPECT_EQ(PassingRows(query, groups_[g]), 0u) << where << " group " << g;
      }
    }
    return letters;
  }

  std::vector<std::shared_ptr<const RowGroup>> groups_;
  std::unique_ptr<SegmentReader> segment_;
};

TEST_F(ScanPruningTableTest, ZoneMapsAreAsExpected) {
  // The premises of the cases below.
  const ZoneMap& agent0 = segment_->zone_map(0, *FindColumn("useragent"));
  EXPECT_TRUE(agent0.min_truncated);
  EXPECT_FALSE(agent0.max_truncated);
  const ZoneMap& agent2 = segment_->zone_map(2, *FindColumn("useragent"));
  EXPECT_TRUE(agent2.min_truncated);
  EXPECT_TRUE(agent2.max_truncated);
  EXPECT_EQ(agent2.max, std::string(256, 'B'));
  EXPECT_FALSE(segment_->zone_map(2, *FindColumn("eventname")).has_min_max);
  EXPECT_TRUE(segment_->has_token_bloom(1, *FindColumn("requestparameters")));
  EXPECT_FALSE(segment_->has_token_bloom(1, *FindColumn("eventname")));
}

struct Case {
  std::string where;
  std::string decisions;  // groups 0..3
};

TEST_F(ScanPruningTableTest, Decisions) {
  const Case cases[] = {
      // Ranges, both strict and not, with the bound equal to a min or max.
      {"eventtime > '2017-02-15T00:00:00Z'", "ZRRZ"},
      {"eventtime > '2017-02-20T00:00:00Z'", "ZZRZ"},
      {"eventtime >= '2017-02-20T00:00:00Z'", "ZRRZ"},
      {"eventtime < '2017-02-10T00:00:00Z'", "RZZZ"},
      {"eventtime <= '2017-02-10T00:00:00Z'", "RRZZ"},
      {"eventtime = '2017-02-15T00:00:00Z'", "ZRZZ"},
      {"eventtime = '2017-02-16T00:00:00Z'", "ZRZZ"},  // inside the range: read
      {"eventtime BETWEEN '2017-02-01T00:00:00Z' AND '2017-02-28T00:00:00Z'", "ZRZZ"},
      {"eventtime NOT BETWEEN '2017-01-01T00:00:00Z' AND '2017-02-28T00:00:00Z'", "ZZRZ"},
      // The constant on the left.
      {"'2017-02-15T00:00:00Z' < eventtime", "ZRRZ"},
      {"'2017-02-10T00:00:00Z' >= eventtime", "RRZZ"},
      {"'2017-02-15T00:00:00Z' = eventtime", "ZRZZ"},
      // <>: only a group whose every value is the constant.
      {"eventname <> 'ConsoleLogin'", "ZRZZ"},
      {"eventname <> 'GetObject'", "RRZZ"},
      {"'ConsoleLogin' <> eventname", "ZRZZ"},
      // IN, NOT IN and NULL.
      {"eventname IN ('ConsoleLogin', 'AssumeRole')", "RZZZ"},
      {"eventname IN ('Foo', NULL)", "ZRZZ"},
      {"eventname IN (NULL, NULL)", "ZZZZ"},
      {"eventname NOT IN ('ConsoleLogin', 'X')", "ZRZZ"},
      {"eventname NOT IN ('X', NULL)", "ZZZZ"},
      {"eventname = NULL", "ZZZZ"},
      {"NOT (eventname = NULL)", "ZZZZ"},
      // IS [NOT] NULL.
      {"errorcode IS NULL", "RRZZ"},
      {"errorcode IS NOT NULL", "ZRRZ"},
      {"NOT (errorcode IS NULL)", "ZRRZ"},
      {"NOT (errorcode IS NOT NULL)", "RRZZ"},
      // LIKE on a column without a skip index: prefix ranges, NULLs.
      {"errorcode LIKE 'Access%'", "ZRZZ"},
      {"errorcode LIKE 'Throttl%'", "ZZRZ"},
      {"errorcode LIKE '%Denied'", "ZRRZ"},
      {"errorcode LIKE 'AccessDenied'", "ZRZZ"},
      {"errorcode NOT LIKE 'AccessDenied'", "ZZRZ"},
      {"errorcode NOT LIKE 'Acc%'", "ZRRZ"},
      {"NOT (errorcode LIKE 'Acc%')", "ZRRZ"},
      {"errorcode LIKE 'Acc_ss%'", "ZRZZ"},  // general, but anchored at the start
      // Truncated zone maps (values over 256 bytes).
      {"useragent = '" + kLongB2 + "'", "RZRZ"},
      {"useragent > 'C'", "RZZZ"},
      {"useragent >= '" + std::string(256, 'B') + "'", "RZRZ"},
      {"useragent > '" + std::string(256, 'B') + "'", "RZRZ"},  // the true max is longer
      {"useragent > 'BC'", "RZZZ"},
      {"useragent > '" + kLongB2 + "'", "RZRZ"},  // true max = constant; metadata can't tell
      {"useragent < 'A'", "ZZZZ"},
      {"useragent < 'AAAB'", "RZZZ"},
      {"useragent LIKE 'AAAA%'", "RZZZ"},
      {"useragent LIKE 'B%'", "RZRZ"},
      {"useragent LIKE 'Moz_lla%'", "RZZZ"},
      {"useragent LIKE 'Zed%'", "ZZZZ"},
      // Token bloom: LIKE pieces, =, escapes.
      {"requestparameters LIKE '%sg-5887f224%'", "RSZZ"},
      {"requestparameters LIKE '%groupId%sg-5887f%'", "RSZZ"},
      {"requestparameters LIKE '%sg\\_5887f224%' ESCAPE '\\'", "SSZZ"},
      {"requestparameters LIKE '%sg_5887f224%'", "RSZZ"},
      {R"(requestparameters = '{"c":"sg-5887f224"}')", "ZSZZ"},
      {R"(requestparameters IN ('{"c":"sg-5887f224"}', '{"a":"zzz"}'))", "ZSZZ"},
      {"requestparameters LIKE '%sg%'", "RRZZ"},  // too short for the index
      {"requestparameters NOT LIKE '%sg-5887f224%'", "RRZZ"},
      // AND, OR, NOT and what metadata cannot judge.
      {"requestparameters LIKE '%sg-5887f224%' AND eventtime > '2017-02-15T00:00:00Z'", "ZSZZ"},
      {"eventtime > '2017-02-15T00:00:00Z' OR requestparameters LIKE '%sg-5887f224%'", "RRRZ"},
      {"eventname = 'ConsoleLogin' OR requestparameters LIKE '%sg-5887f224%'", "RSZZ"},
      {"NOT (eventtime <= '2017-02-15T12:00:00Z')", "ZRRZ"},
      {"NOT (eventname = 'ConsoleLogin' OR errorcode IS NULL)", "ZRZZ"},
      {"NOT (NOT (eventname = 'ConsoleLogin'))", "RZZZ"},
      {"lower(eventname) = 'consolelogin'", "RRRR"},
      {"eventname = 'ConsoleLogin' AND lower(eventname) = 'x'", "RZZZ"},
      {"eventname = 'ConsoleLogin' OR lower(eventname) = 'x'", "RRRR"},
      {"NOT (eventname = 'ConsoleLogin' AND lower(eventname) = 'x')", "RRRR"},
      {"eventname = awsregion", "RRRR"},
      {"eventname LIKE awsregion", "RRRR"},
      // Constant filters.
      {"false", "ZZZZ"},
      {"NULL", "ZZZZ"},
      {"true", "RRRR"},
      {"NOT false", "RRRR"},
      {"NOT true", "ZZZZ"},
      {"eventname = 'ConsoleLogin' OR false", "RZZZ"},
      {"eventname = 'GetObject' AND true", "ZRZZ"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Decisions(c.where), c.decisions) << c.where;
  }
}

TEST_F(ScanPruningTableTest, CanPrune) {
  EXPECT_FALSE(ScanPruner::Build(nullptr, {}).can_prune());
  EXPECT_EQ(ScanPruner::Build(nullptr, {}).Check(*segment_, 3), Decision::kRead);
  for (const char* where : {"lower(eventname) = 'x'", "eventname = awsregion", "true",
                            "eventname = 'a' OR length(eventname) = 3"}) {
    BoundQuery query = BindWhere(where);
    EXPECT_FALSE(PrunerFor(query).can_prune()) << where;
    EXPECT_EQ(PrunerFor(query).Describe(), "") << where;
  }
  BoundQuery query = BindWhere("eventname = 'a'");
  EXPECT_TRUE(PrunerFor(query).can_prune());
}

TEST_F(ScanPruningTableTest, CopiedPrunerDecidesTheSame) {
  BoundQuery query = BindWhere("eventtime > '2017-02-15T00:00:00Z' AND errorcode IS NULL");
  ScanPruner pruner = PrunerFor(query);
  ScanPruner copy = pruner;
  ScanPruner moved = std::move(pruner);
  for (uint32_t g = 0; g < 4; g++) {
    EXPECT_EQ(copy.Check(*segment_, g), moved.Check(*segment_, g));
  }
  EXPECT_EQ(copy.Describe(), moved.Describe());
}

TEST(ScanPruningDescribeTest, Text) {
  auto describe = [](const std::string& where) { return PrunerFor(BindWhere(where)).Describe(); };
  EXPECT_EQ(describe("eventtime > '2017-02-15T00:00:00Z' AND requestparameters LIKE "
                     "'%sg-5887f224%'"),
            "eventtime > '2017-02-15T00:00:00Z' (zone map), requestparameters LIKE "
            "'%sg-5887f224%' (skip index)");
  EXPECT_EQ(describe("'2017' <= eventtime AND lower(eventname) = 'x' AND errorcode IS NULL"),
            "eventtime >= '2017' (zone map), errorcode IS NULL (zone map)");
  EXPECT_EQ(describe("eventname IN ('a', 'it''s', NULL) OR useridentity.arn LIKE 'arn:%'"),
            "(eventname IN ('a', 'it''s', NULL) (zone map) OR useridentity.arn LIKE 'arn:%' "
            "(zone map))");
  EXPECT_EQ(describe("NOT (eventname = 'a' OR (errorcode IS NULL AND eventtime < 'b'))"),
            "eventname <> 'a' (zone map), (errorcode IS NOT NULL (zone map) OR eventtime >= 'b' "
            "(zone map))");
  EXPECT_EQ(describe(R"(requestparameters = '{"a":"bucket-1"}')"),
            R"(requestparameters = '{"a":"bucket-1"}' (zone map, skip index))");
  EXPECT_EQ(describe("eventname = NULL"), "eventname = NULL (never true)");
  EXPECT_EQ(describe("errorcode LIKE '%Denied%'"), "errorcode LIKE '%Denied%' (zone map)");
  EXPECT_EQ(describe("requestparameters LIKE '%a\\%b%' ESCAPE '\\'"),
            "requestparameters LIKE '%a\\%b%' ESCAPE '\\' (zone map)");
}

TEST_F(ScanPruningTableTest, ConcurrentChecks) {
  BoundQuery query = BindWhere(
      "(eventtime > '2017-02-15T00:00:00Z' OR requestparameters LIKE '%sg-5887f224%') AND "
      "errorcode IS NULL");
  const ScanPruner pruner = PrunerFor(query);
  std::string expected;
  for (uint32_t g = 0; g < 4; g++) expected.push_back(DecisionLetter(pruner.Check(*segment_, g)));
  EXPECT_EQ(expected, "RRZZ");
  std::vector<std::string> seen(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < seen.size(); t++) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 1000; i++) {
        std::string letters;
        for (uint32_t g = 0; g < 4; g++) letters.push_back(DecisionLetter(pruner.Check(*segment_, g)));
        if (i == 0 || letters != expected) seen[t] = letters;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& letters : seen) EXPECT_EQ(letters, expected);
}

TEST(LikeMatcherLiteralRunsTest, RunsAndAnchoring) {
  struct RunsCase {
    std::string pattern;
    std::optional<std::string> escape;
    std::vector<std::string> runs;
    bool anchored_start;
  };
  const RunsCase cases[] = {
      {"", std::nullopt, {}, false},
      {"%", std::nullopt, {}, false},
      {"_", std::nullopt, {}, false},
      {"abc", std::nullopt, {"abc"}, true},
      {"abc%", std::nullopt, {"abc"}, true},
      {"%abc", std::nullopt, {"abc"}, false},
      {"%sg-1%", std::nullopt, {"sg-1"}, false},
      {"a_b%%c_", std::nullopt, {"a", "b", "c"}, true},
      {"_a%", std::nullopt, {"a"}, false},
      {"a\\%b_c%\\\\d", "\\", {"a%b", "c", "\\d"}, true},
      {"%x!_y!!%", "!", {"x_y!"}, false},
  };
  for (const RunsCase& c : cases) {
    auto matcher = LikeMatcher::Compile(c.pattern, c.escape);
    ASSERT_TRUE(matcher.ok()) << c.pattern;
    LikeMatcher::LiteralRuns runs = matcher->FindLiteralRuns();
    std::vector<std::string> actual(runs.runs.begin(), runs.runs.end());
    EXPECT_EQ(actual, c.runs) << c.pattern;
    EXPECT_EQ(runs.anchored_start, c.anchored_start) << c.pattern;
  }
}

// ---------------------------------------------------------------------------
// Soundness: random groups, random filters; a skipped group has no passing row.

// Columns the random data fills, with a pool of values each. Groups draw a
// few values from a pool so that zone maps and blooms differ between groups.
struct PoolColumn {
  std::string name;
  std::vector<std::string> pool;
};

std::vector<PoolColumn> MakePools() {
  const std::string long_a = std::string(260, 'a');
  std::vector<PoolColumn> pools = {
      {"eventtime",
       {"2017-01-01T00:00:00Z", "2017-01-15T10:00:00Z", "2017-02-01T00:00:00Z",
        "2017-02-15T00:00:00Z", "2017-03-01T12:30:00Z", "2018-01-01T00:00:00Z"}},
      {"eventname", {"AssumeRole", "ConsoleLogin", "GetObject", "PutObject", "", "Get"}},
      {"errorcode", {"AccessDenied", "Throttling", "AccessDeniedException"}},
      {"useragent",
       {long_a + "1", long_a + "2", long_a, long_a.substr(0, 256), "aws-cli/1.0", "b",
        std::string(300, 'b') + "z", "\xC3\xA9t\xC3\xA9"}},
      {"useridentity.arn",
       {"arn:aws:iam::1:user/alice", "arn:aws:iam::1:user/bob", "arn:aws:sts::2:role/x",
        "it's", "a%b_c"}},
  };
  PoolColumn json{"requestparameters", {}};
  const char* ids[] = {"5887f224", "5887f225", "11112222", "abcdef01"};
  for (const char* id : ids) {
    json.pool.push_back(StrCat(R"({"groupId":"sg-)", id, R"("})"));
    json.pool.push_back(StrCat(R"({"instanceIds":["i-)", id, R"("],"dryRun":false})"));
  }
  json.pool.push_back(R"({"key":"a_b%c\\d","n":1})");
  json.pool.push_back(R"({"policy":")" + std::string(300, 'p') + R"("})");
  json.pool.push_back("plain text sg_5887f224 it's");
  json.pool.push_back("");
  pools.push_back(json);
  return pools;
}

std::shared_ptr<const RowGroup> RandomGroup(const std::vector<PoolColumn>& pools,
                                            std::mt19937& rng) {
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  const uint32_t rows = pick(8) == 0 ? 0 : 1 + static_cast<uint32_t>(pick(30));
  ColumnCells cells;
  for (const PoolColumn& column : pools) {
    // Per group: a NULL rate (none, some, all) and a few values of the pool.
    const int null_mode = static_cast<int>(pick(4));  // 0, 1: none, 2: some, 3: all
    std::vector<std::string> chosen;
    const size_t distinct = 1 + pick(3);
    for (size_t i = 0; i < distinct; i++) chosen.push_back(column.pool[pick(column.pool.size())]);
    std::vector<Cell> values;
    for (uint32_t r = 0; r < rows; r++) {
      if (null_mode == 3 || (null_mode == 2 && pick(3) == 0)) {
        values.push_back(std::nullopt);
      } else {
        values.push_back(chosen[pick(chosen.size())]);
      }
    }
    cells[column.name] = std::move(values);
  }
  return MakeGroup(rows, cells);
}

// Random WHERE clauses over the pooled columns.
class FilterGenerator {
 public:
  FilterGenerator(const std::vector<PoolColumn>& pools, uint32_t seed)
      : pools_(pools), rng_(seed) {}

  std::string Expr(int depth) {
    if (depth <= 0 || Pick(3) == 0) return Leaf();
    switch (Pick(4)) {
      case 0:
        return StrCat("(", Expr(depth - 1), " AND ", Expr(depth - 1), ")");
      case 1:
        return StrCat("(", Expr(depth - 1), " OR ", Expr(depth - 1), ")");
      case 2:
        return StrCat("NOT (", Expr(depth - 1), ")");
      default:
        return Leaf();
    }
  }

 private:
  size_t Pick(size_t n) { return static_cast<size_t>(rng_() % n); }

  static std::string Quote(std::string_view s) {
    std::string out = "'";
    for (char c : s) {
      out.push_back(c);
      if (c == '\'') out.push_back('\'');
    }
    return out + "'";
  }

  const PoolColumn& Column() { return pools_[Pick(pools_.size())]; }

  // A string near the column's values: one of them, a prefix, an extension,
  // or something unrelated.
  std::string Near(const PoolColumn& column) {
    const std::string& value = column.pool[Pick(column.pool.size())];
    std::string near = Mutate(value);
    // SQL text must be valid UTF-8; a cut through a character is not.
    return IsValidUtf8(near) ? near : value;
  }

  static bool IsValidUtf8(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
      const auto c = static_cast<unsigned char>(s[i]);
      const size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
      if (len == 0 || i + len > s.size()) return false;
      for (size_t k = 1; k < len; k++) {
        if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
      }
      i += len;
    }
    return true;
  }

  std::string Mutate(std::string value) {
    switch (Pick(8)) {
      case 0:
        return value.substr(0, Pick(value.size() + 1));
      case 1:
        return value + static_cast<char>('0' + Pick(75));
      case 2:
        if (!value.empty()) value[Pick(value.size())] = static_cast<char>('a' + Pick(26));
        return value;
      case 3:
        return std::string(1, static_cast<char>('A' + Pick(58)));
      case 4:
        // What a truncated zone map holds, and just around it.
        return value.substr(0, kZoneMapMaxBytes + Pick(3) - 1);
      default:
        return value;
    }
  }

  std::string Constant(const PoolColumn& column) {
    if (Pick(10) == 0) return "NULL";
    return Quote(Near(column));
  }

  // A LIKE pattern built from a value: wildcards in place of some of its
  // characters, around it, or both; optionally with an escape character.
  std::string Pattern(const PoolColumn& column, bool* uses_escape) {
    std::string value = Near(column);
    if (value.size() > 12 && Pick(2) == 0) {
      size_t start = Pick(value.size() - 8);
      value = value.substr(start, 4 + Pick(8));
    }
    *uses_escape = Pick(3) == 0;
    std::string pattern;
    if (Pick(2) == 0) pattern += "%";
    for (char c : value) {
      // Wildcards stand in for ASCII bytes only, to keep the text UTF-8.
      const size_t roll = static_cast<unsigned char>(c) < 0x80 ? Pick(12) : 12;
      if (roll == 0) {
        pattern += "_";
      } else if (roll == 1) {
        pattern += "%";
      } else if (*uses_escape && (c == '%' || c == '_' || c == '\\')) {
        pattern += '\\';
        pattern += c;
      } else {
        pattern += c;
      }
    }
    if (Pick(2) == 0) pattern += "%";
    return pattern;
  }

  std::string Leaf() {
    const PoolColumn& column = Column();
    const std::string& name = column.name;
    static const char* kOps[] = {"=", "<>", "<", "<=", ">", ">="};
    switch (Pick(14)) {
      case 0:
      case 1:
      case 2:
        return StrCat(name, " ", kOps[Pick(6)], " ", Constant(column));
      case 3:
        return StrCat(Constant(column), " ", kOps[Pick(6)], " ", name);
      case 4: {
        std::string list;
        const size_t n = 1 + Pick(4);
        for (size_t i = 0; i < n; i++) list += StrCat(i ? ", " : "", Constant(column));
        return StrCat(name, Pick(3) == 0 ? " NOT IN (" : " IN (", list, ")");
      }
      case 5:
        return StrCat(name, Pick(2) == 0 ? " IS NULL" : " IS NOT NULL");
      case 6:
      case 7:
      case 8: {
        bool uses_escape = false;
        std::string pattern = Pattern(column, &uses_escape);
        return StrCat(name, Pick(4) == 0 ? " NOT LIKE " : " LIKE ", Quote(pattern),
                      uses_escape ? " ESCAPE '\\'" : "");
      }
      case 9:
        return StrCat(name, Pick(3) == 0 ? " NOT BETWEEN " : " BETWEEN ", Constant(column),
                      " AND ", Constant(column));
      case 10:
        // Not prunable: functions and column-to-column comparisons.
        return Pick(2) == 0 ? StrCat("lower(", name, ") = ", Constant(column))
                            : StrCat(name, " = ", Column().name);
      case 11:
        return Pick(2) == 0 ? "useridentity IS NULL" : "length(eventname) > 3";
      case 12: {
        static const char* kConstants[] = {"true", "false", "NULL"};
        return kConstants[Pick(3)];
      }
      default:
        return StrCat(name, " = ", Constant(column));
    }
  }

  const std::vector<PoolColumn>& pools_;
  std::mt19937 rng_;
};

TEST(ScanPruningPropertyTest, SkippedGroupsHaveNoPassingRows) {
  const std::vector<PoolColumn> pools = MakePools();
  std::mt19937 rng(20240601);
  std::vector<std::shared_ptr<const RowGroup>> groups;
  for (int i = 0; i < 80; i++) groups.push_back(RandomGroup(pools, rng));
  std::unique_ptr<SegmentReader> segment = WriteSegment(groups);
  ASSERT_EQ(segment->row_group_count(), groups.size());

  FilterGenerator generator(pools, 7);
  uint64_t checks = 0, skips = 0, zone_skips = 0, index_skips = 0, empty_groups = 0;
  for (int i = 0; i < 1500; i++) {
    const std::string where = generator.Expr(3);
    BoundQuery query = BindWhere(where);
    ASSERT_NE(query.plan.filter, nullptr) << where;
    ScanPruner pruner = PrunerFor(query);
    for (uint32_t g = 0; g < groups.size(); g++) {
      const Decision decision = pruner.Check(*segment, g);
      const uint32_t passing = PassingRows(query, groups[g]);
      checks++;
      empty_groups += passing == 0;
      if (decision == Decision::kRead) continue;
      skips++;
      (decision == Decision::kSkipZoneMap ? zone_skips : index_skips)++;
      ASSERT_EQ(passing, 0u) << "WHERE " << where << "\ngroup " << g << " skipped by "
                             << DecisionLetter(decision) << "; pruner: " << pruner.Describe();
    }
  }
  // The test means something only if the pruner prunes a fair share of the
  // groups that could be pruned, by both kinds of metadata.
  EXPECT_GT(skips, empty_groups / 3) << "checks " << checks << ", no passing row "
                                     << empty_groups;
  EXPECT_GT(zone_skips, checks / 20);
  EXPECT_GT(index_skips, 20u);
  std::printf("[ info     ] %llu checks, %llu with no passing row, %llu skipped "
              "(%llu zone map, %llu skip index)\n",
              static_cast<unsigned long long>(checks),
              static_cast<unsigned long long>(empty_groups),
              static_cast<unsigned long long>(skips),
              static_cast<unsigned long long>(zone_skips),
              static_cast<unsigned long long>(index_skips));
}

// The skip index alone, on longer JSON: a group lacking an ID is skipped for
// `LIKE '%id%'` and `= <json with the id>`, and a group holding it never is.
TEST(ScanPruningPropertyTest, SkipIndexPrunesMissingIds) {
  std::mt19937 rng(99);
  auto hex = [&](int n) {
    std::string s;
    for (int i = 0; i < n; i++) s += "0123456789abcdef"[rng() % 16];
    return s;
  };
  std::vector<std::shared_ptr<const RowGroup>> groups;
  std::vector<std::vector<std::string>> ids;
  for (int g = 0; g < 20; g++) {
    std::vector<Cell> values;
    ids.emplace_back();
    for (int r = 0; r < 50; r++) {
      ids.back().push_back(hex(8));
      values.push_back(StrCat(R"({"groupId":"sg-)", ids.back().back(), R"(","ipPermissions":{}})"));
    }
    groups.push_back(MakeGroup(50, {{"requestparameters", values}}));
  }
  std::unique_ptr<SegmentReader> segment = WriteSegment(groups);
  int skipped = 0, total = 0;
  for (int g = 0; g < 20; g++) {
    const std::string id = ids[g][static_cast<size_t>(g) % 50];
    BoundQuery query = BindWhere(StrCat("requestparameters LIKE '%sg-", id, "%'"));
    ScanPruner pruner = PrunerFor(query);
    for (uint32_t other = 0; other < 20; other++) {
      const Decision decision = pruner.Check(*segment, other);
      if (other == static_cast<uint32_t>(g)) {
        EXPECT_EQ(decision, Decision::kRead);
      } else {
        total++;
        skipped += decision == Decision::kSkipSkipIndex;
        if (decision != Decision::kRead) {
          EXPECT_EQ(PassingRows(query, groups[other]), 0u);
        }
      }
    }
  }
  // 8 hex digits have 4 grams of 5; a false positive needs all four.
  EXPECT_GT(skipped, total * 9 / 10);
}

}  // namespace
}  // namespace ctq

namespace ctq {
namespace {

// Checks that every group the pruner of `where` skips has no passing row;
// returns how many it skipped.
uint64_t SkipsOnlyGroupsWithoutPassingRows(const std::string& where,
                                           const std::vector<std::shared_ptr<const RowGroup>>& groups,
                                           const SegmentReader& segment) {
  BoundQuery query = BindWhere(where);
  EXPECT_NE(query.plan.filter, nullptr) << where;
  if (query.plan.filter == nullptr) return 0;
  ScanPruner pruner = PrunerFor(query);
  uint64_t skips = 0;
  for (uint32_t g = 0; g < groups.size(); g++) {
    if (pruner.Check(segment, g) == Decision::kRead) continue;
    skips++;
    EXPECT_EQ(PassingRows(query, groups[g]), 0u)
        << "WHERE " << where << "\ngroup " << g << " skipped; pruner: " << pruner.Describe();
  }
  return skips;
}

// from_iso8601_timestamp(eventtime) against a constant instant prunes by
// eventtime's zone map (a day of slack, one year per group): over ISO texts
// of every shape from_iso8601_timestamp reads (offsets up to +-14:00,
// fractions, a date or a month alone, other years), a skipped group never
// holds a row that passes.
TEST(ScanPruningPropertyTest, IsoTimestampBoundsSkipOnlyGroupsWithoutPassingRows) {
  const std::vector<PoolColumn> pools = {
      {"eventtime",
       {"2017-02-17T05:06:07Z", "2017-02-17T05:06:07.5Z", "2017-02-17T23:30:00-08:00",
        "2017-02-18T01:00:00+14:00", "2017-02-17", "2017-03", "2017-02-16T12:00:00Z",
        "2017-12-31T23:59:59Z", "2018-01-01T00:00:00Z", "2016-12-31T20:00:00-05:00",
        "2017-02-17T05:06:07,250+05:30", "2017-06-01T00:00Z", "2017-02-19T00:00:00Z"}}};
  const std::vector<std::string> instants = {
      "2017-02-17T05:06:07Z", "2017-02-17T00:00:00Z", "2017-02-18T00:00:00Z",
      "2017-02-16T23:00:00-10:00", "2017-01-01T00:00:00Z", "2018-01-01T00:00:00Z",
      "2017-02-17T07:36:07+05:30", "2017-03-01T00:00:00Z", "2017-02-19T00:00:00Z"};
  std::mt19937 rng(20261203);
  std::vector<std::shared_ptr<const RowGroup>> groups;
  for (int i = 0; i < 60; i++) groups.push_back(RandomGroup(pools, rng));
  std::unique_ptr<SegmentReader> segment = WriteSegment(groups);
  static const char* kOps[] = {"=", "<>", "<", "<=", ">", ">="};
  uint64_t skips = 0;
  for (int i = 0; i < 400; i++) {
    const std::string& instant = instants[rng() % instants.size()];
    std::string where = StrCat("from_iso8601_timestamp(eventtime) ", kOps[rng() % 6],
                               " from_iso8601_timestamp('", instant, "')");
    if (rng() % 4 == 0) where = StrCat("NOT (", where, ")");
    if (rng() % 4 == 0) where = StrCat(where, " AND from_iso8601_timestamp(eventtime) < now()");
    ASSERT_NO_FATAL_FAILURE(skips += SkipsOnlyGroupsWithoutPassingRows(where, groups, *segment));
  }
  EXPECT_GT(skips, 500u);  // the bounds do prune
}

// date_trunc(unit, from_iso8601_timestamp(eventtime)) against a constant
// (a DATE, a timestamp with time zone, a zone other than UTC) prunes through
// the bounds it puts on the timestamp itself; a skipped group never holds a
// passing row.
TEST(ScanPruningPropertyTest, TruncatedIsoTimestampBoundsSkipOnlyGroupsWithoutPassingRows) {
  const std::vector<PoolColumn> pools = {
      {"eventtime",
       {"2017-02-17T05:06:07Z", "2017-02-17T23:59:59.999Z", "2017-02-18T00:00:00Z",
        "2017-02-16T23:59:59Z", "2017-02-20T10:00:00+14:00", "2017-03-01T00:00:00Z",
        "2017-02-28T23:00:00-05:00", "2017-12-31T23:59:59Z", "2018-01-01T00:00:00Z",
        "2016-12-31T12:00:00Z", "2017-01-01T00:00:00Z", "2017-02-13T00:00:00Z"}}};
  const std::vector<std::string> constants = {
      "DATE '2017-02-17'", "DATE '2017-02-13'", "DATE '2017-03-01'", "DATE '2017-01-01'",
      "from_iso8601_timestamp('2017-02-17T00:00:00Z')",
      "from_iso8601_timestamp('2017-02-17T12:00:00+05:00')", "TIMESTAMP '2018-01-01 00:00:00'"};
  static const char* kUnits[] = {"second", "minute", "hour", "day", "week", "month", "quarter",
                                 "year"};
  std::mt19937 rng(20261204);
  std::vector<std::shared_ptr<const RowGroup>> groups;
  for (int i = 0; i < 60; i++) groups.push_back(RandomGroup(pools, rng));
  std::unique_ptr<SegmentReader> segment = WriteSegment(groups);
  static const char* kOps[] = {"=", "<>", "<", "<=", ">", ">="};
  uint64_t skips = 0;
  for (int i = 0; i < 400; i++) {
    std::string trunc = StrCat("date_trunc('", kUnits[rng() % 8], "', from_iso8601_timestamp(eventtime))");
    if (rng() % 4 == 0) trunc = StrCat("date_trunc('day', from_iso8601_timestamp(eventtime) AT TIME ZONE '-08:00')");
    std::string where = StrCat(trunc, " ", kOps[rng() % 6], " ", constants[rng() % constants.size()]);
    if (rng() % 4 == 0) where = StrCat("NOT (", where, ")");
    ASSERT_NO_FATAL_FAILURE(skips += SkipsOnlyGroupsWithoutPassingRows(where, groups, *segment));
  }
  EXPECT_GT(skips, 300u);  // the bounds do prune
}

TEST(ScanPruningDescribeTest, TruncatedIsoTimestampBound) {
  BoundQuery query =
      BindWhere("date_trunc('day', from_iso8601_timestamp(eventtime)) = DATE '2017-02-17'");
  EXPECT_EQ(PrunerFor(query).Describe(),
            "from_iso8601_timestamp(eventtime) >= TIMESTAMP '2017-02-17 00:00:00.000 UTC' (zone map), "
            "from_iso8601_timestamp(eventtime) < TIMESTAMP '2017-02-18 00:00:00.000 UTC' (zone map)");
}

TEST(ScanPruningDescribeTest, IsoTimestampBound) {
  BoundQuery query =
      BindWhere("from_iso8601_timestamp(eventtime) > from_iso8601_timestamp('2017-02-17T00:00:00Z')");
  EXPECT_EQ(PrunerFor(query).Describe(),
            "from_iso8601_timestamp(eventtime) > TIMESTAMP '2017-02-17 00:00:00.000 UTC' (zone map)");
}

}  // namespace
}  // namespace ctq
