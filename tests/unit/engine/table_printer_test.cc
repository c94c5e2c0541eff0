#include "engine/table_printer.h"

#include <sstream>
#include <string>
#include <vector>

#include "ctq/query_result.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ctq {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string Table(const QueryResult& result,
                  TablePrinter::PageLimits limits = TablePrinter::PageLimits()) {
  std::ostringstream out;
  WriteTable(result, out, limits);
  return out.str();
}

QueryResult OneColumn(std::vector<std::string> values, TypeId type = TypeId::kVarchar) {
  std::vector<std::vector<Value>> rows;
  for (std::string& value : values) rows.push_back({Value::Varchar(std::move(value))});
  return QueryResult({{"v", type}}, std::move(rows));
}

TEST(TablePrinterTest, SmallResultsAreLaidOutAsToStringDoes) {
  std::vector<QueryResult> results;
  results.push_back(QueryResult(
      {{"name", TypeId::kVarchar}, {"n", TypeId::kBigint}, {"avg", TypeId::kDouble},
       {"ok", TypeId::kBoolean}},
      {{Value::Varchar("alice"), Value::Bigint(3), Value::Double(1.5), Value::Boolean(true)},
       {Value::Null(TypeId::kVarchar), Value::Null(TypeId::kBigint), Value::Double(1e7),
        Value::Boolean(false)}}));
  results.push_back(OneColumn({"one\ntwo\nthree", "", "jörg 日本", "x"}));
  results.push_back(QueryResult({{"a_long_column_name", TypeId::kBigint}, {"b", TypeId::kVarchar}},
                                {{Value::Bigint(1), Value::Varchar("multi\nline")},
                                 {Value::Bigint(-22), Value::Varchar("{\"k\":\"v\"}")}}));
  results.push_back(QueryResult({{"x", TypeId::kBigint}, {"", TypeId::kVarchar}}, {}));
  results.push_back(QueryResult({}, {{}, {}}));
  std::vector<std::vector<Value>> many;
  for (int i = 0; i < 10000; ++i) many.push_back({Value::Bigint(i * 7919 % 100003)});
  results.push_back(QueryResult({{"n", TypeId::kBigint}}, std::move(many)));
  for (const QueryResult& result : results) EXPECT_EQ(Table(result), result.ToString());
}

TEST(TablePrinterTest, EscapesControlCharactersInValues) {
  // The userAgent erases the line and rewrites the one above.
  std::string table = Table(OneColumn({"\x1b[2K\x1b[1Aaws-cli/1.16\r", "tab\there"}));
  EXPECT_EQ(table,
            "              v               \n"
            "------------------------------\n"
            " \\x1b[2K\\x1b[1Aaws-cli/1.16\\r \n"
            " tab\\there                    \n"
            "(2 rows)\n");
  EXPECT_THAT(table, Not(HasSubstr("\x1b")));
  EXPECT_THAT(table, Not(HasSubstr("\r")));
}

TEST(TablePrinterTest, WidthsCountTheEscapedText) {
  // "\x07" shows as four characters, so the column is five wide.
  EXPECT_EQ(Table(OneColumn({"\x07" "a", "abcde"})),
            "   v   \n"
            "-------\n"
            " \\x07a \n"
            " abcde \n"
            "(2 rows)\n");
}

TEST(TablePrinterTest, EscapesInvalidUtf8AndC1Controls) {
  EXPECT_EQ(Table(OneColumn({"a\xff", "\xc2\x9b" "2J"})),
            "    v     \n"
            "----------\n"
            " a\\xff    \n"
            " \\u009b2J \n"
            "(2 rows)\n");
}

TEST(TablePrinterTest, LineBreaksStayLinesOfTheCell) {
  // As psql and Trino do: a '+' says the value goes on below. A CR before
  // the line break is shown, not acted on.
  EXPECT_EQ(Table(OneColumn({"ab\r\ncd"})),
            "  v   \n"
            "------\n"
            " ab\\r+\n"
            " cd   \n"
            "(1 row)\n");
}

TEST(TablePrinterTest, EscapesColumnNames) {
  QueryResult result({{"a\x1b[31m\nb", TypeId::kBigint}}, {{Value::Bigint(1)}});
  EXPECT_EQ(Table(result),
            " a\\x1b[31m\\nb \n"
            "--------------\n"
            "            1 \n"
            "(1 row)\n");
}

TEST(TablePrinterTest, EachPageIsPaddedToItsOwnWidthsThatNeverShrink) {
  QueryResult result = OneColumn({"a", "bb", "cccc", "d", "e"});
  EXPECT_EQ(Table(result, {.rows = 2}),
            " v  \n"
            "----\n"
            " a  \n"
            " bb \n"
            " cccc \n"
            " d    \n"
            " e    \n"
            "(5 rows)\n");
}

TEST(TablePrinterTest, APageAlsoEndsAtItsByteLimit) {
  QueryResult result = OneColumn({"a", "bb", "cccc", "d"});
  // The first page ends once its cells hold 3 bytes ("a" and "bb").
  EXPECT_EQ(Table(result, {.rows = 100, .bytes = 3}),
            " v  \n"
            "----\n"
            " a  \n"
            " bb \n"
            " cccc \n"
            " d    \n"
            "(4 rows)\n");
}

TEST(TablePrinterTest, WritesEachPageAsItIsFull) {
  std::ostringstream out;
  TablePrinter printer({{"n", TypeId::kBigint}}, out, {.rows = 2});
  printer.AddRow({Value::Bigint(1)});
  EXPECT_EQ(out.str(), "");  // the page is not full: its widths are not known yet
  printer.AddRow({Value::Bigint(22)});
  EXPECT_EQ(out.str(), " n  \n----\n  1 \n 22 \n");
  printer.AddRow({Value::Bigint(3)});
  EXPECT_EQ(out.str(), " n  \n----\n  1 \n 22 \n");
  printer.Finish();
  EXPECT_EQ(out.str(), " n  \n----\n  1 \n 22 \n  3 \n(3 rows)\n");
}

TEST(TablePrinterTest, EmptyResultHasHeaderAndFooter) {
  EXPECT_EQ(Table(QueryResult({{"eventname", TypeId::kVarchar}}, {})),
            " eventname \n-----------\n(0 rows)\n");
}

TEST(TablePrinterTest, MissingValuesAreEmptyAndExtraOnesIgnored) {
  QueryResult result({{"a", TypeId::kVarchar}, {"b", TypeId::kVarchar}},
                     {{Value::Varchar("x")}, {Value::Varchar("y"), Value::Varchar("z"),
                                              Value::Varchar("ignored")}});
  EXPECT_EQ(Table(result), " a | b \n---+---\n x |   \n y | z \n(2 rows)\n");
}

}  // namespace
}  // namespace ctq
