// Tests of exec/filter_conjuncts: splitting WHERE into its top-level
// conjuncts with their columns, and AlwaysTrue's proofs from zone maps over
// hand-made row groups, plus a soundness property (a conjunct proven TRUE is
// TRUE on every row of the group) over random groups and comparisons.
#include "exec/filter_conjuncts.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
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

using testing_segments::BindWhere;
using testing_segments::Cell;
using testing_segments::ColumnCells;
using testing_segments::MakeGroup;
using testing_segments::WriteSegment;

FilterConjuncts ConjunctsOf(const BoundQuery& query) {
  return FilterConjuncts::Build(query.plan.filter.get(), query.plan.scan_columns);
}

// The stored column names conjunct i reads, in its (scan chunk) order.
std::vector<std::string> ColumnNames(const BoundQuery& query, const FilterConjuncts& conjuncts,
                                     size_t i) {
  std::vector<std::string> names;
  for (int position : conjuncts.columns(i)) {
    EXPECT_GE(position, 0);
    EXPECT_LT(static_cast<size_t>(position), query.plan.scan_columns.size());
    names.push_back(StoredColumnName(query.plan.scan_columns[position]));
  }
  return names;
}

std::set<std::string> ColumnSet(const BoundQuery& query, const FilterConjuncts& conjuncts,
                                size_t i) {
  std::vector<std::string> names = ColumnNames(query, conjuncts, i);
  return std::set<std::string>(names.begin(), names.end());
}

// Whether `predicate` is TRUE on every row of `group`, evaluated the way the
// plan executor does (NULL is not TRUE).
bool TrueOnEveryRow(const BoundQuery& query, const BoundExpr& predicate,
                    const std::shared_ptr<const RowGroup>& group) {
  ExpressionEvaluator evaluator;
  std::vector<uint32_t> selection(kVectorSize);
  for (uint32_t offset = 0; offset < group->row_count; offset += kVectorSize) {
    const uint32_t count = std::min(kVectorSize, group->row_count - offset);
    Chunk chunk;
    chunk.size = count;
    chunk.columns.resize(query.plan.scan_columns.size());
    for (size_t c = 0; c < query.plan.scan_columns.size(); c++) {
      ScanColumn(group, query.plan.scan_columns[c], offset, count, &chunk.columns[c]);
    }
    auto selected = evaluator.Select(predicate, chunk, selection.data());
    EXPECT_TRUE(selected.ok()) << selected.status();
    if (!selected.ok() || *selected != count) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Build.

TEST(FilterConjunctsBuildTest, NoFilter) {
  FilterConjuncts conjuncts = FilterConjuncts::Build(nullptr, {});
  EXPECT_EQ(conjuncts.size(), 0u);
}

TEST(FilterConjunctsBuildTest, SplitsNestedAndsInOrder) {
  for (const char* where :
       {"eventname = 'c1' AND (awsregion = 'c2' AND (errorcode IS NULL OR eventname = awsregion))",
        "(eventname = 'c1' AND awsregion = 'c2') AND (errorcode IS NULL OR eventname = awsregion)",
        "eventname = 'c1' AND awsregion = 'c2' AND (errorcode IS NULL OR eventname = awsregion)"}) {
    SCOPED_TRACE(where);
    BoundQuery query = BindWhere(where);
    FilterConjuncts conjuncts = ConjunctsOf(query);
    ASSERT_EQ(conjuncts.size(), 3u);
    // In the order written.
    EXPECT_NE(conjuncts.conjunct(0).ToString().find("'c1'"), std::string::npos)
        << conjuncts.conjunct(0).ToString();
    EXPECT_NE(conjuncts.conjunct(1).ToString().find("'c2'"), std::string::npos)
        << conjuncts.conjunct(1).ToString();
    EXPECT_EQ(conjuncts.conjunct(2).kind, BoundKind::kOr);
    EXPECT_EQ(conjuncts.conjunct(0).kind, BoundKind::kCompare);
    EXPECT_EQ(conjuncts.conjunct(1).kind, BoundKind::kCompare);
    EXPECT_EQ(ColumnNames(query, conjuncts, 0), std::vector<std::string>{"eventname"});
    EXPECT_EQ(ColumnNames(query, conjuncts, 1), std::vector<std::string>{"awsregion"});
    EXPECT_EQ(ColumnSet(query, conjuncts, 2),
              (std::set<std::string>{"awsregion", "errorcode", "eventname"}));
    // Sorted, distinct positions (eventname appears twice in the OR).
    const std::vector<int>& columns = conjuncts.columns(2);
    EXPECT_EQ(columns.size(), 3u);
    EXPECT_TRUE(std::is_sorted(columns.begin(), columns.end()));
    EXPECT_EQ(std::adjacent_find(columns.begin(), columns.end()), columns.end());
    // The conjuncts are the filter's own nodes (Build copies nothing).
    const BoundExpr* filter = query.plan.filter.get();
    std::vector<const BoundExpr*> leaves;
    std::vector<const BoundExpr*> stack = {filter};
    while (!stack.empty()) {
      const BoundExpr* e = stack.back();
      stack.pop_back();
      if (e->kind == BoundKind::kAnd) {
        // An AND chain has two or more children.
        for (size_t c = e->children.size(); c-- > 0;) stack.push_back(e->children[c].get());
      } else {
        leaves.push_back(e);
      }
    }
    ASSERT_EQ(leaves.size(), 3u);
    for (size_t i = 0; i < 3; i++) EXPECT_EQ(&conjuncts.conjunct(i), leaves[i]) << i;
  }
}

TEST(FilterConjunctsBuildTest, OrAndNotAreOneConjunct) {
  for (const char* where :
       {"eventname = 'a' OR (awsregion = 'b' AND errorcode = 'c')",
        "NOT (eventname = 'a' AND awsregion = 'b')", "eventname = awsregion"}) {
    SCOPED_TRACE(where);
    BoundQuery query = BindWhere(where);
    FilterConjuncts conjuncts = ConjunctsOf(query);
    ASSERT_EQ(conjuncts.size(), 1u);
    EXPECT_EQ(&conjuncts.conjunct(0), query.plan.filter.get());
  }
  BoundQuery query = BindWhere("eventname = 'a' OR (awsregion = 'b' AND errorcode = 'c')");
  EXPECT_EQ(ColumnSet(query, ConjunctsOf(query), 0),
            (std::set<std::string>{"awsregion", "errorcode", "eventname"}));
}

TEST(FilterConjunctsBuildTest, ColumnsOfFunctionsAndConstants) {
  BoundQuery query = BindWhere(
      "lower(useridentity.username) = 'x' AND json_extract_scalar(requestparameters, '$.a') = "
      "sourceipaddress AND true AND coalesce(errorcode, errormessage, 'x') <> 'y'");
  FilterConjuncts conjuncts = ConjunctsOf(query);
  // `AND true` may be folded away by the binder; the others stay, in order.
  std::vector<std::set<std::string>> sets;
  for (size_t i = 0; i < conjuncts.size(); i++) {
    std::set<std::string> names = ColumnSet(query, conjuncts, i);
    if (!names.empty()) sets.push_back(names);
  }
  ASSERT_EQ(sets.size(), 3u);
  EXPECT_EQ(sets[0], std::set<std::string>{"useridentity.username"});
  EXPECT_EQ(sets[1], (std::set<std::string>{"requestparameters", "sourceipaddress"}));
  EXPECT_EQ(sets[2], (std::set<std::string>{"errorcode", "errormessage"}));
}

TEST(FilterConjunctsBuildTest, CollectColumns) {
  BoundQuery query = BindWhere("eventname = awsregion OR eventname LIKE 'a%'");
  std::vector<int> columns;
  CollectColumns(*query.plan.filter, &columns);
  // Unsorted, with repeats: eventname twice.
  EXPECT_EQ(columns.size(), 3u);
  std::set<std::string> names;
  for (int c : columns) names.insert(StoredColumnName(query.plan.scan_columns[c]));
  EXPECT_EQ(names, (std::set<std::string>{"awsregion", "eventname"}));
}

// ---------------------------------------------------------------------------
// AlwaysTrue over hand-made groups.

const std::string kLongM = std::string(300, 'm') + "x";  // longer than a zone map keeps
const std::string kLongK1 = std::string(300, 'k') + "1";
const std::string kLongK2 = std::string(300, 'k') + "2";
const std::string k256M = std::string(kZoneMapMaxBytes, 'm');
const std::string k256K = std::string(kZoneMapMaxBytes, 'k');

class FilterConjunctsAlwaysTrueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // g0: b..d, no NULL (a dictionary).
    groups_.push_back(MakeGroup(3, {{"eventname", {"b", "c", "d"}}}));
    // g1: b..d with a NULL.
    groups_.push_back(MakeGroup(3, {{"eventname", {"b", std::nullopt, "d"}}}));
    // g2: all NULL.
    groups_.push_back(MakeGroup(3, {}));
    // g3: no rows.
    groups_.push_back(MakeGroup(0, {}));
    // g4: max truncated (its true max is longer than the 256 bytes kept).
    groups_.push_back(MakeGroup(2, {{"eventname", {"b", kLongM}}}));
    // g5: min and max truncated.
    groups_.push_back(MakeGroup(2, {{"eventname", {kLongK1, kLongK2}}}));
    // g6: one value, no NULL (constant encoding).
    groups_.push_back(MakeGroup(3, {{"eventname", {"c", "c", "c"}}}));
    // g7: one long value.
    groups_.push_back(MakeGroup(2, {{"eventname", {kLongK1, kLongK1}}}));
    segment_ = WriteSegment(groups_);
  }

  // AlwaysTrue of the only conjunct of `where` for each group, as letters
  // (T: proven TRUE, .: not); checks each T against the rows.
  std::string Proofs(const std::string& where) {
    BoundQuery query = BindWhere(where);
    FilterConjuncts conjuncts = ConjunctsOf(query);
    EXPECT_EQ(conjuncts.size(), 1u) << where;
    if (conjuncts.size() != 1) return "";
    std::string letters;
    for (uint32_t g = 0; g < segment_->row_group_count(); g++) {
      const bool proven = conjuncts.AlwaysTrue(0, *segment_, g);
      letters.push_back(proven ? 'T' : '.');
      if (proven) {
        EXPECT_TRUE(TrueOnEveryRow(query, conjuncts.conjunct(0), groups_[g]))
            << where << " group " << g;
      }
    }
    return letters;
  }

  std::vector<std::shared_ptr<const RowGroup>> groups_;
  std::unique_ptr<SegmentReader> segment_;
};

TEST_F(FilterConjunctsAlwaysTrueTest, ZoneMapsAreAsExpected) {
  const int column = *FindColumn("eventname");
  EXPECT_EQ(segment_->zone_map(0, column).min, "b");
  EXPECT_EQ(segment_->zone_map(0, column).max, "d");
  EXPECT_EQ(segment_->zone_map(1, column).null_count, 1u);
  EXPECT_FALSE(segment_->zone_map(2, column).has_min_max);
  EXPECT_FALSE(segment_->zone_map(3, column).has_min_max);
  EXPECT_EQ(segment_->zone_map(3, column).null_count, 0u);
  EXPECT_FALSE(segment_->zone_map(4, column).min_truncated);
  EXPECT_TRUE(segment_->zone_map(4, column).max_truncated);
  EXPECT_EQ(segment_->zone_map(4, column).max, k256M);
  EXPECT_TRUE(segment_->zone_map(5, column).min_truncated);
  EXPECT_TRUE(segment_->zone_map(5, column).max_truncated);
  EXPECT_EQ(segment_->zone_map(5, column).min, k256K);
  EXPECT_EQ(segment_->zone_map(6, column).min, "c");
  EXPECT_EQ(segment_->zone_map(6, column).max, "c");
  EXPECT_TRUE(segment_->zone_map(7, column).max_truncated);
}

struct ProofCase {
  std::string where;
  std::string proofs;  // groups 0..7
};

TEST_F(FilterConjunctsAlwaysTrueTest, Comparisons) {
  const ProofCase cases[] = {
      // >= and >: the min decides; a NULL anywhere in the group spoils it.
      {"eventname >= 'b'", "T...TTTT"},
      {"eventname >= 'a'", "T...TTTT"},
      {"eventname > 'a'", "T...TTTT"},
      {"eventname > 'b'", ".....TTT"},  // g0's and g4's min is 'b' itself
      {"eventname >= 'c'", ".....TTT"},
      {"eventname > 'c'", ".....T.T"},  // g6's min 'c' is not > 'c'
      // A truncated min is a prefix of the true min: still a lower bound.
      {"eventname >= '" + k256K + "'", ".....T.T"},
      // <= and <: the max decides, unless it was truncated.
      {"eventname <= 'd'", "T.....T."},
      {"eventname < 'd'", "......T."},
      {"eventname < 'e'", "T.....T."},
      {"eventname <= 'c'", "......T."},
      {"eventname < 'c'", "........"},
      {"eventname < 'n'", "T.....T."},  // g4's true max < 'n', but truncated
      {"eventname <= '" + k256M + "'", "T.....T."},  // g4: its truncated max is the constant
      {"eventname < 'l'", "T.....T."},  // g5 and g7 are all < 'l': unprovable
      // =: only a group of one value, never with truncation.
      {"eventname = 'c'", "......T."},
      {"eventname = 'b'", "........"},
      {"eventname = '" + k256K + "'", "........"},  // g7's values are longer
      // <>: the constant outside [min, max].
      {"eventname <> 'a'", "T...TTTT"},
      {"eventname <> 'e'", "T....TTT"},
      {"eventname <> 'c'", ".....T.T"},   // straddles (g0, g4), equals (g6)
      {"eventname <> 'bb'", ".....TTT"},  // g0 holds b, c, d: no proof
      {"eventname <> 'z'", "T.....T."},   // g4, g5, g7: truncated max
      // The constant on the left.
      {"'a' < eventname", "T...TTTT"},
      {"'b' <= eventname", "T...TTTT"},
      {"'b' < eventname", ".....TTT"},
      {"'e' > eventname", "T.....T."},
      {"'d' >= eventname", "T.....T."},
      {"'d' > eventname", "......T."},
      {"'c' = eventname", "......T."},
      {"'a' <> eventname", "T...TTTT"},
      {"'c' <> eventname", ".....T.T"},
      // IS NOT NULL: no NULL and at least one row.
      {"eventname IS NOT NULL", "T...TTTT"},
      {"errorcode IS NOT NULL", "........"},
      // Never proven: other shapes, NULL constants, functions.
      {"eventname IS NULL", "........"},
      {"errorcode IS NULL", "........"},
      {"NOT (eventname IS NULL)", "........"},
      {"NOT (eventname < 'a')", "........"},
      {"eventname LIKE '%'", "........"},
      {"eventname LIKE 'c'", "........"},
      {"eventname IN ('b', 'c', 'd')", "........"},
      {"eventname NOT IN ('a')", "........"},
      {"eventname = NULL", "........"},
      {"eventname <> NULL", "........"},
      {"lower(eventname) >= 'a'", "........"},
      {"length(eventname) > 0", "........"},
      {"coalesce(eventname, 'a') >= 'a'", "........"},
      {"eventname = eventname", "........"},
      {"eventname >= eventname", "........"},
      {"'a' < 'b'", "........"},
      {"eventname >= 'a' OR eventname IS NULL", "........"},
  };
  for (const ProofCase& c : cases) {
    EXPECT_EQ(Proofs(c.where), c.proofs) << c.where;
  }
}

TEST_F(FilterConjunctsAlwaysTrueTest, EachConjunctOnItsOwn) {
  BoundQuery query =
      BindWhere("eventname >= 'b' AND eventname <= 'd' AND eventname = 'c' AND eventname LIKE 'c'");
  FilterConjuncts conjuncts = ConjunctsOf(query);
  ASSERT_EQ(conjuncts.size(), 4u);
  std::vector<std::string> letters(4);
  for (size_t i = 0; i < 4; i++) {
    for (uint32_t g = 0; g < segment_->row_group_count(); g++) {
      letters[i].push_back(conjuncts.AlwaysTrue(i, *segment_, g) ? 'T' : '.');
    }
  }
  EXPECT_EQ(letters, (std::vector<std::string>{"T...TTTT", "T.....T.", "......T.", "........"}));
  // BETWEEN: however the binder writes it, nothing proven is false.
  BoundQuery between = BindWhere("eventname BETWEEN 'b' AND 'd'");
  FilterConjuncts between_conjuncts = ConjunctsOf(between);
  for (size_t i = 0; i < between_conjuncts.size(); i++) {
    for (uint32_t g = 0; g < segment_->row_group_count(); g++) {
      if (between_conjuncts.AlwaysTrue(i, *segment_, g)) {
        EXPECT_TRUE(TrueOnEveryRow(between, between_conjuncts.conjunct(i), groups_[g])) << g;
      }
    }
  }
}

TEST_F(FilterConjunctsAlwaysTrueTest, CopiesAgree) {
  BoundQuery query = BindWhere("eventname > 'a' AND 'e' > eventname AND eventname IS NOT NULL");
  const FilterConjuncts original = ConjunctsOf(query);
  const FilterConjuncts copy = original;
  ASSERT_EQ(copy.size(), 3u);
  for (size_t i = 0; i < 3; i++) {
    EXPECT_EQ(copy.columns(i), original.columns(i));
    EXPECT_EQ(&copy.conjunct(i), &original.conjunct(i));
    for (uint32_t g = 0; g < segment_->row_group_count(); g++) {
      EXPECT_EQ(copy.AlwaysTrue(i, *segment_, g), original.AlwaysTrue(i, *segment_, g));
    }
  }
}

// ---------------------------------------------------------------------------
// Soundness: random groups, random comparisons; a proof is never wrong.

std::vector<std::string> ValuePool() {
  return {"",
          "a",
          "aa",
          "ab",
          "b",
          "ba",
          "c",
          "z",
          "A",
          "Z",
          "0",
          "9",
          "\xc3\xa9",
          "\xe2\x82\xac",
          std::string(kZoneMapMaxBytes, 'q'),
          std::string(kZoneMapMaxBytes, 'q') + "a",
          std::string(kZoneMapMaxBytes, 'q') + "b",
          std::string(kZoneMapMaxBytes + 40, 'q'),
          std::string(kZoneMapMaxBytes - 1, 'q'),
          std::string(kZoneMapMaxBytes, 'q').replace(kZoneMapMaxBytes - 1, 1, "r"),
          std::string(kZoneMapMaxBytes + 1, 'r'),
          "q",
          "qq",
          "r"};
}

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    out.push_back(c);
    if (c == '\'') out.push_back('\'');
  }
  return out + "'";
}

TEST(FilterConjunctsSoundnessTest, ProvenConjunctsHoldOnEveryRow) {
  const std::vector<std::string> pool = ValuePool();
  std::mt19937 random(1234);
  uint64_t proven = 0, checked = 0;
  const char* const kOps[] = {"=", "<>", "<", "<=", ">", ">="};
  for (int round = 0; round < 60; round++) {
    // Groups drawing a few values each from the pool, sometimes with NULLs,
    // in eventname (dictionary-sized) and useragent (all distinct values).
    std::vector<std::shared_ptr<const RowGroup>> groups;
    for (int g = 0; g < 6; g++) {
      std::vector<std::string> values;
      const size_t distinct = 1 + random() % 4;
      for (size_t i = 0; i < distinct; i++) values.push_back(pool[random() % pool.size()]);
      const bool nulls = random() % 3 == 0;
      const uint32_t rows = random() % 8 == 0 ? 0 : 1 + random() % 12;
      std::vector<Cell> names, agents;
      for (uint32_t r = 0; r < rows; r++) {
        names.push_back(nulls && random() % 4 == 0 ? Cell() : Cell(values[random() % values.size()]));
        agents.push_back(nulls && random() % 4 == 0 ? Cell() : Cell(values[r % values.size()]));
      }
      groups.push_back(MakeGroup(rows, {{"eventname", names}, {"useragent", agents}}));
    }
    std::unique_ptr<SegmentReader> segment = WriteSegment(groups);
    // Random WHERE clauses: a few comparisons and IS [NOT] NULL, ANDed,
    // constants from the pool, prefixes of pool values and their
    // neighbours, on either side.
    for (int q = 0; q < 25; q++) {
      std::vector<std::string> parts;
      const int count = 1 + random() % 4;
      for (int p = 0; p < count; p++) {
        const std::string column = random() % 2 == 0 ? "eventname" : "useragent";
        if (random() % 6 == 0) {
          parts.push_back(column + (random() % 3 == 0 ? " IS NULL" : " IS NOT NULL"));
          continue;
        }
        std::string constant = pool[random() % pool.size()];
        if (random() % 3 == 0 && !constant.empty()) {
          constant = constant.substr(0, random() % constant.size());
        }
        if (random() % 4 == 0) constant.push_back(static_cast<char>('a' + random() % 26));
        const std::string op = kOps[random() % 6];
        if (random() % 2 == 0) {
          parts.push_back(column + " " + op + " " + Quote(constant));
        } else {
          parts.push_back(Quote(constant) + " " + op + " " + column);
        }
      }
      std::string where;
      for (size_t p = 0; p < parts.size(); p++) where += (p > 0 ? " AND " : "") + parts[p];
      BoundQuery query = BindWhere(where);
      ASSERT_NE(query.plan.filter, nullptr) << where;
      FilterConjuncts conjuncts = ConjunctsOf(query);
      EXPECT_EQ(conjuncts.size(), parts.size()) << where;
      for (size_t i = 0; i < conjuncts.size(); i++) {
        for (uint32_t g = 0; g < segment->row_group_count(); g++) {
          checked++;
          if (!conjuncts.AlwaysTrue(i, *segment, g)) continue;
          proven++;
          ASSERT_TRUE(TrueOnEveryRow(query, conjuncts.conjunct(i), groups[g]))
              << parts[i] << " proven TRUE on group " << g << " of round " << round;
        }
      }
    }
  }
  EXPECT_GT(checked, 10000u);
  EXPECT_GT(proven, 500u);  // not vacuous
}

}  // namespace
}  // namespace ctq
