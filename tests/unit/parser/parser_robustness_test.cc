// Robustness: the parser must survive any bytes. A deterministic mutation
// smoke test (a fixed seed, so a failure reproduces) edits known-good queries
// byte by byte and checks that every result is a tree or a well-formed error
// that points inside the text. The libFuzzer target tests/fuzz/
// sql_parse_fuzzer.cc explores the same property without a fixed budget.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/match.h"
#include "ctq/internal/sql_error.h"
#include "parser/parser.h"
#include "parser/statement_splitter.h"

namespace ctq {
namespace {

// SplitMix64: tiny, and the same sequence on every platform and library
// (unlike std::uniform_int_distribution).
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform enough in [0, n); REQUIRES: n > 0.
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }

 private:
  uint64_t state_;
};

constexpr std::string_view kSeeds[] = {
    "select eventname, useridentity.username, sourceIPAddress, eventtime, requestparameters from "
    "cloudtrail_logs\nwhere (requestparameters like '%sg-5887f224%' or requestparameters like "
    "'%sg-e214609e%' or requestparameters like '%eni-6c5ca5a8%')\nand eventtime > "
    "'2017-02-15T00:00:00Z'\norder by eventtime asc;",
    "select useridentity.username, sourceipaddress, eventtime, additionaleventdata\nfrom "
    "default.cloudtrail_logs\nwhere eventname = 'ConsoleLogin'\nand eventtime >= "
    "'2017-02-17T00:00:00Z'\nand eventtime < '2017-02-18T00:00:00Z';",
    "select useridentity.username, sourceipaddress, json_extract_scalar(additionaleventdata, "
    "'$.MobileVersion') as MobileVersion, eventtime, additionaleventdata\nfrom "
    "default.cloudtrail_logs \nwhere eventname = 'ConsoleLogin' \nand "
    "(json_extract_scalar(additionaleventdata, '$.MobileVersion') = 'Yes' \nor sourceipaddress "
    "not like '72.21.%' \nand eventtime >= '2017-02-17T00:00:00Z'\nand eventtime < "
    "'2017-02-17T05:00:00Z');",
    "select count (*) as TotalEvents, eventname, errorcode, errormessage \nfrom "
    "cloudtrail_logs\nwhere errorcode is not null\nand eventtime >= '2017-01-01T00:00:00Z' "
    "\ngroup by eventname, errorcode, errormessage\norder by TotalEvents desc\nlimit 10;",
    "select count (*) as TotalEvents, useridentity.username, eventname\nfrom "
    "cloudtrail_logs\nwhere "
    "eventtime >= '2017-01-01T00:00:00Z' \nand useridentity.type = 'IAMUser'\ngroup by "
    "useridentity.username, eventname\norder by TotalEvents desc;",
    "select count (*) as TotalEvents, eventname, useridentity.invokedby\nfrom "
    "cloudtrail_logs\nwhere eventtime >= '2017-01-01T00:00:00Z' \nand useridentity.type = "
    "'Root'\ngroup by useridentity.username, eventname, useridentity.invokedby\norder by "
    "TotalEvents desc;",
    // Everything else the grammar has, so that mutations reach it.
    "explain analyze select distinct t.*, -a * (b + 1.5e3) % 2 || 'x''y' \"Alias\", "
    "cast(c as varchar(10)), count(distinct d), not e between 1 and 2 /* c */ from db.t u "
    "where f not in (1, .5, null) and g is null or h not like 'a!%' escape '!' -- c\n"
    "group by 1, f having count(*) <> 0 order by 2 desc nulls first, 3 limit all",
    "select \"quoted\"\"name\", x <= y, x >= y, x != y, x < y, x > y, x / y, true, false from t "
    "order by x asc nulls last limit 5",
};

// Fragments worth splicing in: they steer mutations into deeper grammar.
constexpr std::string_view kFragments[] = {"select",
                                           "from",
                                           "where",
                                           "not",
                                           "and",
                                           "or",
                                           "in (",
                                           "like",
                                           "between",
                                           "is",
                                           "null",
                                           "cast(",
                                           "as",
                                           "(",
                                           ")",
                                           ",",
                                           ".",
                                           "*",
                                           "'",
                                           "\"",
                                           "--",
                                           "/*",
                                           "*/",
                                           ";",
                                           "join",
                                           "case",
                                           "over",
                                           "union",
                                           "limit",
                                           "group by",
                                           "order by",
                                           "count(*)",
                                           "[",
                                           "->",
                                           "\\",
                                           "`",
                                           std::string_view("\0", 1),
                                           "\xFF",
                                           "\xE2\x80\x99",
                                           "1e",
                                           "((((((((",
                                           "))))))))"};

constexpr std::string_view kBytes = "'\"`;()*,.-/|!<>=+%[]\n aAzZ_09eE#$?:\\\t";

std::string Mutate(std::string text, Random& random) {
  const int edits = 1 + static_cast<int>(random.Below(4));
  for (int i = 0; i < edits; ++i) {
    const size_t size = text.size();
    const size_t at = random.Below(size + 1);
    switch (random.Below(6)) {
      case 0:  // replace one byte
        if (at < size) {
          text[at] = random.Below(4) == 0 ? static_cast<char>(random.Below(256))
                                          : kBytes[random.Below(kBytes.size())];
        }
        break;
      case 1:  // insert one byte
        text.insert(at, 1, kBytes[random.Below(kBytes.size())]);
        break;
      case 2:  // delete a short run
        if (at < size) text.erase(at, 1 + random.Below(8));
        break;
      case 3: {  // duplicate a run somewhere else
        if (size == 0) break;
        const size_t from = random.Below(size);
        const std::string run = text.substr(from, 1 + random.Below(24));
        text.insert(random.Below(size + 1), run);
        break;
      }
      case 4:  // truncate
        text.resize(at);
        break;
      default:  // splice in a fragment
        text.insert(at, kFragments[random.Below(std::size(kFragments))]);
        break;
    }
  }
  return text;
}

void CheckTree(const ParsedExpr& expr, size_t size, int depth) {
  ASSERT_LE(expr.range.end(), size);
  ASSERT_LT(depth, 2000);
  for (const auto& child : expr.children) {
    ASSERT_NE(child, nullptr);
    CheckTree(*child, size, depth + 1);
  }
}

// Checks one input; returns true if it parsed.
bool CheckOne(const std::string& sql) {
  absl::StatusOr<std::unique_ptr<Statement>> parsed = ParseStatement(sql);
  if (parsed.ok()) {
    const Statement& statement = **parsed;
    EXPECT_LE(statement.range.end(), sql.size()) << sql;
    EXPECT_FALSE(DumpStatement(statement).empty());
    const SelectStatement& select = statement.select;
    EXPECT_FALSE(select.select_list.empty()) << sql;
    for (const SelectItem& item : select.select_list) {
      EXPECT_EQ(item.star, item.expr == nullptr) << sql;
      if (item.expr != nullptr) CheckTree(*item.expr, sql.size(), 0);
    }
    if (select.where != nullptr) CheckTree(*select.where, sql.size(), 0);
    if (select.having != nullptr) CheckTree(*select.having, sql.size(), 0);
    for (const auto& key : select.group_by) CheckTree(*key, sql.size(), 0);
    for (const OrderItem& item : select.order_by) CheckTree(*item.expr, sql.size(), 0);
    return true;
  }
  const absl::Status& status = parsed.status();
  const std::string message(status.message());
  if (status.code() == absl::StatusCode::kInvalidArgument) {
    EXPECT_TRUE(absl::StartsWith(message, "Syntax error: ")) << message;
  } else {
    EXPECT_EQ(status.code(), absl::StatusCode::kUnimplemented) << status;
    EXPECT_TRUE(absl::StartsWith(message, "not supported: ")) << message;
  }
  std::optional<SourceRange> range = GetSourceRange(status);
  EXPECT_TRUE(range.has_value()) << status;
  if (range.has_value()) {
    EXPECT_LE(range->end(), sql.size()) << status << "\n" << sql;
  }
  return false;
}

TEST(ParserRobustnessTest, SeedsParse) {
  for (std::string_view seed : kSeeds) EXPECT_TRUE(CheckOne(std::string(seed))) << seed;
}

TEST(ParserRobustnessTest, RandomMutationsNeverCrash) {
  Random random(20240617);
  int parsed = 0;
  constexpr int kRounds = 20000;
  for (int round = 0; round < kRounds; ++round) {
    const std::string sql = Mutate(std::string(kSeeds[random.Below(std::size(kSeeds))]), random);
    if (CheckOne(sql)) ++parsed;
    // The splitter must cope with the same input, and hand back pieces of it.
    ScriptSplit split = SplitStatements(sql);
    for (const std::string& statement : split.statements) {
      EXPECT_NE(sql.find(statement), std::string::npos);
    }
    if (::testing::Test::HasFailure()) {
      ADD_FAILURE() << "round " << round << " input: " << sql;
      return;
    }
  }
  // Both outcomes are common, so the mutations do explore the grammar.
  EXPECT_GT(parsed, kRounds / 20);
  EXPECT_LT(parsed, kRounds - kRounds / 20);
}

}  // namespace
}  // namespace ctq
