// Errors: every one has the right code, a message that says what is wrong,
// and a SourceRange on the offending token (the REPL draws its caret there).
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/strings/match.h"
#include "ctq/internal/sql_error.h"
#include "parser/parser.h"

namespace ctq {
namespace {

struct ErrorCase {
  std::string_view sql;
  std::string_view message;  // the whole message
  uint32_t offset;           // where the error points
  uint32_t length;
};

void ExpectError(std::string_view sql, absl::StatusCode code, std::string_view message,
                 uint32_t offset, uint32_t length) {
  absl::StatusOr<std::unique_ptr<Statement>> parsed = ParseStatement(sql);
  ASSERT_FALSE(parsed.ok()) << "parsed: " << sql;
  const absl::Status& status = parsed.status();
  EXPECT_EQ(status.code(), code) << sql << "\n" << status;
  EXPECT_EQ(std::string(status.message()), message) << sql;
  std::optional<SourceRange> range = GetSourceRange(status);
  ASSERT_TRUE(range.has_value()) << sql;
  EXPECT_EQ(range->offset, offset) << sql << "\n" << status;
  EXPECT_EQ(range->length, length) << sql << "\n" << status;
}

TEST(ParserErrorTest, SyntaxErrors) {
  const ErrorCase kCases[] = {
      {"select from x", "Syntax error: unexpected 'from', expected an expression", 7, 4},
      {"SELECT FROM x", "Syntax error: unexpected 'FROM', expected an expression", 7, 4},
      {"", "Syntax error: unexpected end of input, expected SELECT", 0, 0},
      {"  -- only a comment", "Syntax error: unexpected end of input, expected SELECT", 19, 0},
      {"select", "Syntax error: unexpected end of input, expected an expression", 6, 0},
      {"eventname from t", "Syntax error: unexpected 'eventname', expected SELECT", 0, 9},
      {"select 1; select 2", "Syntax error: unexpected 'select' after the end of the statement", 10,
       6},
      {"select 1;;", "Syntax error: unexpected ';' after the end of the statement", 9, 1},
      {"select a b c", "Syntax error: unexpected 'c' after the end of the statement", 11, 1},
      {"select 'a' 'b'", "Syntax error: unexpected string 'b' after the end of the statement", 11,
       3},
      {"select a from t where", "Syntax error: unexpected end of input, expected an expression", 21,
       0},
      {"select a, from t", "Syntax error: unexpected 'from', expected an expression", 10, 4},
      {"select order from t", "Syntax error: unexpected 'order', expected an expression", 7, 5},
      {"select a as from t", "Syntax error: unexpected 'from', expected an alias after AS", 12, 4},
      {"select a from", "Syntax error: unexpected end of input, expected a table name", 13, 0},
      {"select a from t.", "Syntax error: unexpected end of input, expected a name after '.'", 16,
       0},
      {"select a from t as select", "Syntax error: unexpected 'select', expected an alias after AS",
       19, 6},
      {"select a.", "Syntax error: unexpected end of input, expected a name after '.'", 9, 0},
      {"select 1 + a.* from t", "Syntax error: unexpected '*', expected a name after '.'", 13, 1},
      {"select a from t group a", "Syntax error: unexpected 'a', expected BY after GROUP", 22, 1},
      {"select a from t order a", "Syntax error: unexpected 'a', expected BY after ORDER", 22, 1},
      {"select a from t where a = 1 where b = 2",
       "Syntax error: unexpected 'where'; clauses go in the order FROM, WHERE, GROUP BY, HAVING, "
       "ORDER BY, LIMIT",
       28, 5},
      {"show", "Syntax error: unexpected end of input, expected COLUMNS, TABLES or FUNCTIONS "
       "after SHOW", 4, 0},
      {"show columns cloudtrail_logs",
       "Syntax error: unexpected 'cloudtrail_logs', expected FROM or IN after SHOW COLUMNS", 13, 15},
      {"describe", "Syntax error: unexpected end of input, expected a table name", 8, 0},
      {"show tables from", "Syntax error: unexpected end of input, expected a schema name", 16, 0},
      {"show tables like x", "Syntax error: unexpected 'x', expected a string after LIKE", 17, 1},
      {"show functions like 'a' escape", "Syntax error: unexpected end of input, expected a string "
       "after ESCAPE", 30, 0},
      {"describe t where x", "Syntax error: unexpected 'where' after the end of the statement", 11,
       5},
      {"select a from t order by a group by a",
       "Syntax error: unexpected 'group'; clauses go in the order FROM, WHERE, GROUP BY, HAVING, "
       "ORDER BY, LIMIT",
       27, 5},
      // Predicates do not chain, and NOT is not a value.
      {"select a = b = c", "Syntax error: unexpected '=' after a comparison; add parentheses", 13,
       1},
      {"select x is null = true",
       "Syntax error: unexpected '=' after a comparison; add parentheses", 17, 1},
      {"select x in (1) + 1", "Syntax error: unexpected '+' after a comparison; add parentheses",
       16, 1},
      {"select a = not b", "Syntax error: unexpected 'not', expected an expression", 11, 3},
      {"select 1 + not b", "Syntax error: unexpected 'not', expected an expression", 11, 3},
      // Predicates.
      {"select x between 1 or 2", "Syntax error: unexpected 'or', expected AND", 19, 2},
      {"select x in 1", "Syntax error: unexpected '1', expected '(' after IN", 12, 1},
      {"select x in ()", "Syntax error: unexpected ')', expected an expression", 13, 1},
      {"select x in (1, 2", "Syntax error: unexpected end of input, expected ',' or ')'", 17, 0},
      {"select x not foo", "Syntax error: unexpected 'foo', expected LIKE, BETWEEN or IN after NOT",
       13, 3},
      {"select x is true", "Syntax error: unexpected 'true', expected NULL or NOT NULL after IS",
       12, 4},
      {"select x is not 1", "Syntax error: unexpected '1', expected NULL after IS NOT", 16, 1},
      {"select x like", "Syntax error: unexpected end of input, expected an expression", 13, 0},
      // Calls, casts, parentheses.
      {"select f(a b)", "Syntax error: unexpected 'b', expected ',' or ')'", 11, 1},
      {"select f(1,)", "Syntax error: unexpected ')', expected an expression", 11, 1},
      {"select f(*, 1)", "Syntax error: unexpected '*', expected an expression", 9, 1},
      {"select (a", "Syntax error: unexpected end of input, expected ')'", 9, 0},
      {"select (a))", "Syntax error: unexpected ')' after the end of the statement", 10, 1},
      {"select cast(x varchar)", "Syntax error: unexpected 'varchar', expected AS", 14, 7},
      {"select cast(x as)", "Syntax error: unexpected ')', expected a type name", 16, 1},
      {"select cast x as int", "Syntax error: unexpected 'x', expected '(' after CAST", 12, 1},
      {"select case end", "Syntax error: unexpected 'end', expected an expression", 12, 3},
      {"select case x end", "Syntax error: unexpected 'end', expected WHEN", 14, 3},
      {"select case when a then b", "Syntax error: unexpected end of input, expected WHEN, ELSE or END",
       25, 0},
      {"select case when a b end", "Syntax error: unexpected 'b', expected THEN", 19, 1},
      {"select a is distinct b", "Syntax error: unexpected 'b', expected FROM after DISTINCT", 21,
       1},
      {"select try_cast(x bigint)", "Syntax error: unexpected 'bigint', expected AS", 18, 6},
      {"select cast(x as varchar(n))",
       "Syntax error: unexpected 'n', expected an integer type parameter", 25, 1},
      // ORDER BY and LIMIT.
      {"select a from t order by a nulls",
       "Syntax error: unexpected end of input, expected FIRST or LAST after NULLS", 32, 0},
      {"select a from t limit 1.5",
       "Syntax error: unexpected '1.5', expected an integer or ALL after LIMIT", 22, 3},
      {"select a from t limit x",
       "Syntax error: unexpected 'x', expected an integer or ALL after LIMIT", 22, 1},
      {"select a from t limit -1",
       "Syntax error: unexpected '-', expected an integer or ALL after LIMIT", 22, 1},
      {"select a from t limit 99999999999999999999",
       "Syntax error: LIMIT out of range: 99999999999999999999", 22, 20},
      {"explain", "Syntax error: unexpected end of input, expected SELECT", 7, 0},
  };
  for (const ErrorCase& c : kCases) {
    ExpectError(c.sql, absl::StatusCode::kInvalidArgument, c.message, c.offset, c.length);
  }
}

TEST(ParserErrorTest, LexicalErrors) {
  const ErrorCase kCases[] = {
      {"select 'abc", "Syntax error: unterminated string literal", 7, 1},
      {"select 'it''s", "Syntax error: unterminated string literal", 7, 1},
      {"select \"abc", "Syntax error: unterminated quoted identifier", 7, 1},
      {"select \"\"", "Syntax error: zero-length quoted identifier", 7, 2},
      {"select `a`", "Syntax error: backquoted identifiers are not supported; use double quotes", 7,
       1},
      {"select a /* x", "Syntax error: unterminated /* comment", 9, 2},
      {"select #", "Syntax error: unexpected character '#'", 7, 1},
      {"select a ! b", "Syntax error: unexpected character '!'", 9, 1},
      {"select a | b", "Syntax error: unexpected character '|'", 9, 1},
      {"select a?", "Syntax error: unexpected character '?'", 8, 1},
      {"select 123abc", "Syntax error: invalid number '123abc'", 7, 6},
      {"select 1e", "Syntax error: invalid number '1e'", 7, 2},
      {"select 1.5e+x", "Syntax error: invalid number '1.5e'", 7, 4},
      // A curly quote pasted from a web page is named, with its code point.
      {"select \xE2\x80\x99"
       "abc\xE2\x80\x99",
       "Syntax error: unexpected character '\xE2\x80\x99' (U+2019)", 7, 3},
      {"select \x7F", "Syntax error: unexpected character U+007F", 7, 1},
      {"select \xFF", "Syntax error: unexpected byte 0xFF", 7, 1},
      {"select \xE2\x80", "Syntax error: unexpected byte 0xE2", 7, 1},  // truncated UTF-8
      {"select \xC0\xAF", "Syntax error: unexpected byte 0xC0", 7, 1},  // overlong
      // Errors come out in text order: the syntax error before the bad byte.
      {"select from #", "Syntax error: unexpected 'from', expected an expression", 7, 4},
      {"select 1 #", "Syntax error: unexpected character '#'", 9, 1},
  };
  for (const ErrorCase& c : kCases) {
    ExpectError(c.sql, absl::StatusCode::kInvalidArgument, c.message, c.offset, c.length);
  }
}

TEST(ParserErrorTest, NulBytes) {
  using std::string_literals::operator""s;
  ExpectError("select \0"s, absl::StatusCode::kInvalidArgument,
              "Syntax error: unexpected character U+0000", 7, 1);
  ExpectError("select a\0 from t"s, absl::StatusCode::kInvalidArgument,
              "Syntax error: unexpected character U+0000", 8, 1);
  // Inside a string a NUL is just a byte of the value.
  absl::StatusOr<std::unique_ptr<Statement>> parsed = ParseStatement("select 'a\0b'"s);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ((*parsed)->select.select_list[0].expr->text, "a\0b"s);
}

TEST(ParserErrorTest, LongTokensAreShortenedInMessages) {
  const std::string name(100, 'x');
  ExpectError("select a " + name + " b", absl::StatusCode::kInvalidArgument,
              "Syntax error: unexpected 'b' after the end of the statement", 110, 1);
  ExpectError(
      "select a b " + name, absl::StatusCode::kInvalidArgument,
      "Syntax error: unexpected '" + std::string(37, 'x') + "...' after the end of the statement",
      11, 100);
}

TEST(ParserErrorTest, NestingLimits) {
  // Each error points at the 257th level: one too deep.
  const std::string parens = "select " + std::string(300, '(') + "1" + std::string(300, ')');
  ExpectError(parens, absl::StatusCode::kInvalidArgument,
              "Syntax error: expression nested too deeply", 7 + 256, 1);
  std::string nots = "select ";
  for (int i = 0; i < 300; ++i) nots += "not ";
  ExpectError(nots + "a", absl::StatusCode::kInvalidArgument,
              "Syntax error: expression nested too deeply", 7 + 4 * 256, 3);
  std::string minuses = "select ";
  for (int i = 0; i < 300; ++i) minuses += "- ";
  ExpectError(minuses + "1", absl::StatusCode::kInvalidArgument,
              "Syntax error: expression nested too deeply", 7 + 2 * 256, 1);
  std::string calls = "select ";
  for (int i = 0; i < 300; ++i) calls += "f(";
  ExpectError(calls + "1" + std::string(300, ')'), absl::StatusCode::kInvalidArgument,
              "Syntax error: expression nested too deeply", 7 + 2 * 256, 1);
  // Trees too high for the later passes, within the 256 frames: each level
  // of parentheses here is six operators high (or, and, =, ||, +, *).
  std::string high = "select " + std::string(200, '(') + "a";
  for (int i = 0; i < 200; ++i) high += ") * b + c || d = e and f or g";
  absl::StatusOr<std::unique_ptr<Statement>> too_high = ParseStatement(high);
  ASSERT_FALSE(too_high.ok());
  EXPECT_EQ(std::string(too_high.status().message()), "Syntax error: expression nested too deeply");
  // A flat chain is not nesting: 1000 ORs are one node.
  std::string chain = "select a";
  for (int i = 0; i < 1000; ++i) chain += " or a";
  absl::StatusOr<std::unique_ptr<Statement>> wide = ParseStatement(chain);
  ASSERT_TRUE(wide.ok()) << wide.status();
  EXPECT_EQ((*wide)->select.select_list[0].expr->children.size(), 1001u);
}

TEST(ParserErrorTest, HugeInputsDoNotOverflowTheStack) {
  // Long flat chains parse (as one wide node, so that no later walk
  // recurses per operand), mixing + and - too.
  std::string concat = "select a";
  for (int i = 0; i < 200000; ++i) concat += "||a";
  absl::StatusOr<std::unique_ptr<Statement>> parsed = ParseStatement(concat);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ((*parsed)->select.select_list[0].expr->children.size(), 200001u);
  const std::string dump = DumpStatement(**parsed);
  EXPECT_TRUE(absl::StartsWith(dump, "select cols=[(col(a) || col(a) || col(a) || ")) << dump.substr(0, 80);
  EXPECT_TRUE(absl::EndsWith(dump, " || col(a))]"));
  std::string sum = "select 1";
  for (int i = 0; i < 200000; ++i) sum += i % 3 == 0 ? "-1" : "+1";
  parsed = ParseStatement(sum);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  const ParsedExpr& sum_expr = *(*parsed)->select.select_list[0].expr;
  ASSERT_EQ(sum_expr.children.size(), 200001u);
  EXPECT_EQ(sum_expr.OpBefore(1), BinaryOp::kSubtract);
  EXPECT_EQ(sum_expr.OpBefore(2), BinaryOp::kAdd);
  EXPECT_EQ(sum_expr.OpBefore(200000), BinaryOp::kAdd);
  EXPECT_EQ(sum_expr.OpBefore(199999), BinaryOp::kSubtract);
  std::string where = "select 1 from t where a = 'x0'";
  for (int i = 1; i < 100000; ++i) where += (i % 2 ? " or a = 'x" : " and a <> 'x") + std::to_string(i) + "'";
  parsed = ParseStatement(where);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ((*parsed)->select.where->binary_op, BinaryOp::kOr);
  EXPECT_EQ((*parsed)->select.where->children.size(), 50001u);
  const std::string open(1 << 20, '(');
  EXPECT_FALSE(ParseStatement("select " + open).ok());
  const std::string many_items = [] {
    std::string sql = "select 1";
    for (int i = 0; i < 20000; ++i) sql += ", a";
    return sql;
  }();
  EXPECT_TRUE(ParseStatement(many_items).ok());
}

struct NotSupportedCase {
  std::string_view sql;
  std::string_view what;  // the message is "not supported: <what>"
  uint32_t offset;
};

TEST(ParserErrorTest, ValidTrinoOutsideTheDialect) {
  const NotSupportedCase kCases[] = {
      {"select a from t join u on a = b", "JOIN", 16},
      {"select a from t, u", "JOIN", 15},
      {"select a from cloudtrail_logs cross join unnest(resources) as r(res)", "JOIN", 30},
      {"select a from t x left join u on true", "JOIN", 18},
      {"select a from t natural join u", "JOIN", 16},
      {"select a from t inner join u using (a)", "JOIN", 16},
      {"with x as (select 1) select * from x", "WITH", 0},
      {"select 1 union select 2", "UNION", 9},
      {"select 1 union all select 2", "UNION", 9},
      {"select a from t intersect select b from u", "INTERSECT", 16},
      {"select a from t except select b from u", "EXCEPT", 16},
      {"select a from t where b = 1 union select 2", "UNION", 28},
      {"select a from (select 1)", "subqueries", 14},
      {"select a from t where a in (select b from u)", "subqueries", 28},
      {"select a from t where a not in (select b from u)", "subqueries", 32},
      {"select a from t where exists (select 1)", "subqueries", 22},
      {"select (select 1)", "subqueries", 8},
      {"select a = any (select 1)", "quantified comparisons", 11},
      {"(select 1)", "parenthesized queries", 0},
      {"select count(*) over () from t", "window functions", 16},
      {"select row_number() over (partition by a order by b) from t", "window functions", 20},
      {"select lag(x) ignore nulls over (order by y)", "window functions", 14},
      {"select count(*) filter (where a) from t", "FILTER", 16},
      {"select percentile_disc(0.5) within group (order by x)", "WITHIN GROUP", 28},
      {"select a from t order by a offset 10", "OFFSET", 27},
      {"select a from t limit 10 offset 5", "OFFSET", 25},
      {"select a from t offset 5 limit 10", "OFFSET", 16},
      {"select a from t fetch first 1 rows only", "FETCH FIRST", 16},
      {"select 1 fetch next 1 rows only", "FETCH FIRST", 9},
      {"select a from t group by rollup(a)", "ROLLUP", 25},
      {"select a from t group by a, cube (a, b)", "CUBE", 28},
      {"select a from t group by grouping sets ((a), (b))", "GROUPING SETS", 25},
      {"select count(*) from t group by ()", "empty grouping sets", 32},
      {"select a from t group by distinct a", "GROUP BY DISTINCT", 25},
      {"select row(1, 2)", "ROW constructors", 7},
      {"select (a, b)", "row constructors", 9},
      {"select transform(a, x -> x + 1)", "lambda expressions", 22},
      {"select x'ff'", "binary literals", 7},
      {"select time '01:02:03'", "TIME literals", 7},
      {"select current_time", "CURRENT_TIME", 7},
      {"select a at time zone interval '1' hour", "AT TIME ZONE with an interval", 22},
      {"select position('a' in b)", "POSITION", 7},
      {"select substring(a from 1 for 2)", "SUBSTRING(... FROM ...)", 19},
      {"select a.b(x)", "qualified function names", 7},
      {"select cast(a as map(varchar, varchar))", "MAP types", 20},
      {"select a from unnest(x)", "UNNEST", 14},
      {"select a from t tablesample bernoulli (10)", "TABLESAMPLE", 16},
      {"select a from t as x (a, b)", "column aliases", 21},
      {"select a from f(1)", "table functions", 15},
      {"show schemas", "SHOW SCHEMAS", 5},
      {"show create table t", "SHOW CREATE", 5},
      {"describe input s", "DESCRIBE INPUT", 9},
      {"DESCRIBE OUTPUT s", "DESCRIBE OUTPUT", 9},
      {"explain describe t", "EXPLAIN DESCRIBE", 8},
      {"explain show columns from t", "EXPLAIN SHOW", 8},
      {"insert into t values (1)", "INSERT statements", 0},
      {"CREATE TABLE t (a varchar)", "CREATE statements", 0},
      {"explain (type distributed) select 1", "EXPLAIN options", 8},
      {"explain analyze verbose select 1", "EXPLAIN ANALYZE VERBOSE", 16},
  };
  for (const NotSupportedCase& c : kCases) {
    absl::StatusOr<std::unique_ptr<Statement>> parsed = ParseStatement(c.sql);
    ASSERT_FALSE(parsed.ok()) << c.sql;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kUnimplemented) << c.sql << "\n"
                                                                        << parsed.status();
    EXPECT_EQ(std::string(parsed.status().message()), "not supported: " + std::string(c.what))
        << c.sql;
    std::optional<SourceRange> range = GetSourceRange(parsed.status());
    ASSERT_TRUE(range.has_value()) << c.sql;
    EXPECT_EQ(range->offset, c.offset) << c.sql << "\n" << parsed.status();
    EXPECT_GT(range->length, 0u) << c.sql;
  }
}

}  // namespace
}  // namespace ctq
