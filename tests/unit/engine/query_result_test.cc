#include "ctq/query_result.h"

#include <string>
#include <vector>

#include "ctq/type.h"
#include "ctq/value.h"
#include "gtest/gtest.h"

namespace ctq {
namespace {

TEST(QueryResultToStringTest, AlignsLikeTrinosCli) {
  QueryResult result({{"eventname", TypeId::kVarchar}, {"n", TypeId::kBigint}},
                     {{Value::Varchar("ConsoleLogin"), Value::Bigint(12)},
                      {Value::Varchar("RunInstances"), Value::Bigint(3456)}});
  EXPECT_EQ(result.ToString(),
            "  eventname   |  n   \n"
            "--------------+------\n"
            " ConsoleLogin |   12 \n"
            " RunInstances | 3456 \n"
            "(2 rows)\n");
}

TEST(QueryResultToStringTest, OneRowAndNulls) {
  QueryResult result({{"username", TypeId::kVarchar}, {"avg", TypeId::kDouble}},
                     {{Value::Null(TypeId::kVarchar), Value::Null(TypeId::kDouble)}});
  EXPECT_EQ(result.ToString(),
            " username | avg  \n"
            "----------+------\n"
            " NULL     | NULL \n"
            "(1 row)\n");
}

TEST(QueryResultToStringTest, EmptyResult) {
  QueryResult result({{"_col0", TypeId::kBigint}}, {});
  EXPECT_EQ(result.ToString(),
            " _col0 \n"
            "-------\n"
            "(0 rows)\n");
}

TEST(QueryResultToStringTest, WidthCountsCodePoints) {
  QueryResult result({{"u", TypeId::kVarchar}}, {{Value::Varchar("jörg")}, {Value::Varchar("ab")}});
  EXPECT_EQ(result.ToString(),
            "  u   \n"
            "------\n"
            " jörg \n"
            " ab   \n"
            "(2 rows)\n");
}

TEST(QueryResultToStringTest, MultiLineValuesMarkContinuation) {
  QueryResult result({{"a", TypeId::kVarchar}, {"b", TypeId::kBoolean}},
                     {{Value::Varchar("x\nyy"), Value::Boolean(true)}});
  EXPECT_EQ(result.ToString(),
            " a  |  b   \n"
            "----+------\n"
            " x +| true \n"
            " yy |      \n"
            "(1 row)\n");
}

TEST(QueryResultToStringTest, DoublesInJavaForm) {
  QueryResult result({{"x", TypeId::kDouble}}, {{Value::Double(1e7)}, {Value::Double(0.5)}});
  EXPECT_EQ(result.ToString(),
            "   x   \n"
            "-------\n"
            " 1.0E7 \n"
            "   0.5 \n"
            "(2 rows)\n");
}

// ToString draws with the CLI's TablePrinter: what a terminal would act on
// is escaped, not printed raw.
TEST(QueryResultToStringTest, EscapesControlCharactersAsTheCliTableDoes) {
  QueryResult result({{"useragent", TypeId::kVarchar}},
                     {{Value::Varchar("\x1b[2K\x1b[1Aaws-cli\r")}});
  EXPECT_EQ(result.ToString(),
            "        useragent        \n"
            "-------------------------\n"
            " \\x1b[2K\\x1b[1Aaws-cli\\r \n"
            "(1 row)\n");
}

}  // namespace
}  // namespace ctq
