// Parser tests, table-driven in the style of RE2's parse_test.cc: each case is
// SQL text and the canonical dump (parser.h) of the tree it must parse to.
#include "parser/parser.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parser/statement_splitter.h"

namespace ctq {
namespace {

struct DumpCase {
  const char* sql;
  const char* dump;
};

// The dump of a statement, or "ERROR: <status>" so that a failing case shows
// what went wrong.
std::string ParseToDump(std::string_view sql) {
  absl::StatusOr<std::unique_ptr<Statement>> statement = ParseStatement(sql);
  if (!statement.ok()) return "ERROR: " + statement.status().ToString();
  return DumpStatement(**statement);
}

// Parses `SELECT <expr>` and dumps the one select item's expression.
std::string ExprToDump(std::string_view expr) {
  const std::string sql = "SELECT " + std::string(expr);
  absl::StatusOr<std::unique_ptr<Statement>> statement = ParseStatement(sql);
  if (!statement.ok()) return "ERROR: " + statement.status().ToString();
  const SelectStatement& select = (*statement)->select;
  if (select.select_list.size() != 1 || select.select_list[0].expr == nullptr ||
      !select.select_list[0].alias.empty()) {
    return "not one expression: " + DumpStatement(**statement);
  }
  return DumpExpr(*select.select_list[0].expr);
}

// The six queries of the AWS blog post on CloudTrail and Athena, verbatim
// (shared/peers/blog-queries.sql), trailing spaces included.
constexpr std::string_view kBlogQueries =
    R"sql(-- q1: security group changes for an instance (blog: EC2 security group modifications)
select eventname, useridentity.username, sourceIPAddress, eventtime, requestparameters from cloudtrail_logs
where (requestparameters like '%sg-5887f224%' or requestparameters like '%sg-e214609e%' or requestparameters like '%eni-6c5ca5a8%')
and eventtime > '2017-02-15T00:00:00Z'
order by eventtime asc;
-- q2: console logins over 24 hours
select useridentity.username, sourceipaddress, eventtime, additionaleventdata
from default.cloudtrail_logs
where eventname = 'ConsoleLogin'
and eventtime >= '2017-02-17T00:00:00Z'
and eventtime < '2017-02-18T00:00:00Z';
-- q3: logins outside the network, from mobile, or at night
select useridentity.username, sourceipaddress, json_extract_scalar(additionaleventdata, '$.MobileVersion') as MobileVersion, eventtime, additionaleventdata
from default.cloudtrail_logs 
where eventname = 'ConsoleLogin' 
and (json_extract_scalar(additionaleventdata, '$.MobileVersion') = 'Yes' 
or sourceipaddress not like '72.21.%' 
and eventtime >= '2017-02-17T00:00:00Z'
and eventtime < '2017-02-17T05:00:00Z');
-- q4: top 10 errors
select count (*) as TotalEvents, eventname, errorcode, errormessage 
from cloudtrail_logs
where errorcode is not null
and eventtime >= '2017-01-01T00:00:00Z' 
group by eventname, errorcode, errormessage
order by TotalEvents desc
limit 10;
-- q5: top IAM users
select count (*) as TotalEvents, useridentity.username, eventname
from cloudtrail_logs
where eventtime >= '2017-01-01T00:00:00Z' 
and useridentity.type = 'IAMUser'
group by useridentity.username, eventname
order by TotalEvents desc;
-- q6: root activity
select count (*) as TotalEvents, eventname, useridentity.invokedby
from cloudtrail_logs
where eventtime >= '2017-01-01T00:00:00Z' 
and useridentity.type = 'Root'
group by useridentity.username, eventname, useridentity.invokedby
order by TotalEvents desc;
)sql";

std::vector<std::string> BlogQueries() {
  ScriptSplit split = SplitStatements(kBlogQueries);
  EXPECT_EQ(split.statements.size(), 6u);
  EXPECT_EQ(split.remainder, "");
  return split.statements;
}

TEST(ParserTest, BlogQueries) {
  const char* const kExpected[] = {
      // q1: the OR chain is parenthesized in the text, then ANDed.
      "select cols=[col(eventname), col(useridentity.username), col(sourceipaddress), "
      "col(eventtime), col(requestparameters)] from=cloudtrail_logs "
      "where=((like(col(requestparameters), '%sg-5887f224%') or "
      "like(col(requestparameters), '%sg-e214609e%') or "
      "like(col(requestparameters), '%eni-6c5ca5a8%')) and "
      "(col(eventtime) > '2017-02-15T00:00:00Z')) order_by=[col(eventtime) asc]",
      // q2
      "select cols=[col(useridentity.username), col(sourceipaddress), col(eventtime), "
      "col(additionaleventdata)] from=default.cloudtrail_logs "
      "where=((col(eventname) = 'ConsoleLogin') and (col(eventtime) >= '2017-02-17T00:00:00Z') "
      "and (col(eventtime) < '2017-02-18T00:00:00Z'))",
      // q3: inside the parentheses AND binds tighter than OR, so the time
      // window only applies to the NOT LIKE branch.
      "select cols=[col(useridentity.username), col(sourceipaddress), "
      "fn json_extract_scalar(col(additionaleventdata), '$.MobileVersion') as mobileversion, "
      "col(eventtime), col(additionaleventdata)] from=default.cloudtrail_logs "
      "where=((col(eventname) = 'ConsoleLogin') and "
      "((fn json_extract_scalar(col(additionaleventdata), '$.MobileVersion') = 'Yes') or "
      "(notlike(col(sourceipaddress), '72.21.%') and "
      "(col(eventtime) >= '2017-02-17T00:00:00Z') and "
      "(col(eventtime) < '2017-02-17T05:00:00Z'))))",
      // q4: `count (*)` with a space is count(*).
      "select cols=[fn count(*) as totalevents, col(eventname), col(errorcode), col(errormessage)] "
      "from=cloudtrail_logs where=(isnotnull(col(errorcode)) and "
      "(col(eventtime) >= '2017-01-01T00:00:00Z')) "
      "group_by=[col(eventname), col(errorcode), col(errormessage)] "
      "order_by=[col(totalevents) desc] limit=10",
      // q5: `useridentity.type` is a column even though TYPE is a Trino word.
      "select cols=[fn count(*) as totalevents, col(useridentity.username), col(eventname)] "
      "from=cloudtrail_logs where=((col(eventtime) >= '2017-01-01T00:00:00Z') and "
      "(col(useridentity.type) = 'IAMUser')) "
      "group_by=[col(useridentity.username), col(eventname)] order_by=[col(totalevents) desc]",
      // q6
      "select cols=[fn count(*) as totalevents, col(eventname), col(useridentity.invokedby)] "
      "from=cloudtrail_logs where=((col(eventtime) >= '2017-01-01T00:00:00Z') and "
      "(col(useridentity.type) = 'Root')) "
      "group_by=[col(useridentity.username), col(eventname), col(useridentity.invokedby)] "
      "order_by=[col(totalevents) desc]",
  };
  std::vector<std::string> queries = BlogQueries();
  ASSERT_EQ(queries.size(), std::size(kExpected));
  for (size_t i = 0; i < queries.size(); ++i) {
    EXPECT_EQ(ParseToDump(queries[i]), kExpected[i]) << "q" << i + 1 << ": " << queries[i];
  }
}

TEST(ParserTest, BlogQueriesWithTheirSemicolons) {
  // The REPL may hand over a statement with its ';' still attached.
  for (const std::string& query : BlogQueries()) {
    EXPECT_TRUE(ParseStatement(query + ";").ok()) << query;
    EXPECT_TRUE(ParseStatement(query + " ; -- done\n").ok()) << query;
  }
}

TEST(ParserTest, Literals) {
  const DumpCase kCases[] = {
      {"1", "1"},
      {"0042", "0042"},
      {"1.5", "1.5"},
      {".5", ".5"},
      {"1.", "1."},
      {"1e3", "1e3"},
      {"1.5E-2", "1.5E-2"},
      {"2e+10", "2e+10"},
      {"99999999999999999999999", "99999999999999999999999"},  // range is the binder's call
      {"'ConsoleLogin'", "'ConsoleLogin'"},
      {"'it''s'", "'it''s'"},
      {"''", "''"},
      {"'a\\b'", "'a\\b'"},  // no backslash escapes
      {"'two\nlines'", "'two\nlines'"},
      {"'--not a comment'", "'--not a comment'"},
      {"NULL", "null"},
      {"True", "true"},
      {"FALSE", "false"},
  };
  for (const DumpCase& c : kCases) EXPECT_EQ(ExprToDump(c.sql), c.dump) << c.sql;
}

TEST(ParserTest, Names) {
  const DumpCase kCases[] = {
      {"eventname", "col(eventname)"},
      {"EventName", "col(eventname)"},
      {"_x1", "col(_x1)"},
      {"useridentity.userName", "col(useridentity.username)"},
      {"useridentity.sessioncontext.sessionissuer.username",
       "col(useridentity.sessioncontext.sessionissuer.username)"},
      {"useridentity . type", "col(useridentity.type)"},
      {"\"EventName\"", "col(eventname)"},
      {"\"select\"", "col(select)"},
      {"\"a\"\"b\"", "col(\"a\"\"b\")"},
      {"\"a.b\".c", "col(\"a.b\".c)"},
      {"\"userIdentity\".\"Type\"", "col(useridentity.type)"},
      // Non-reserved words stay usable as names.
      {"type", "col(type)"},
      {"date", "col(date)"},
      {"timestamp", "col(timestamp)"},
      {"interval", "col(interval)"},
      {"array", "col(array)"},
      {"current", "col(current)"},
      {"x", "col(x)"},
  };
  for (const DumpCase& c : kCases) EXPECT_EQ(ExprToDump(c.sql), c.dump) << c.sql;
}

TEST(ParserTest, FunctionCallsAndCasts) {
  const DumpCase kCases[] = {
      {"count(*)", "fn count(*)"},
      {"count (*)", "fn count(*)"},
      {"COUNT( * )", "fn count(*)"},
      {"count(x)", "fn count(col(x))"},
      {"count(DISTINCT x)", "fn count(distinct col(x))"},
      {"count(ALL x)", "fn count(col(x))"},
      {"array_agg(distinct useridentity.arn)", "fn array_agg(distinct col(useridentity.arn))"},
      {"now()", "fn now()"},
      {"json_extract_scalar(additionaleventdata, '$.MobileVersion')",
       "fn json_extract_scalar(col(additionaleventdata), '$.MobileVersion')"},
      {"Lower(Upper(x))", "fn lower(fn upper(col(x)))"},
      {"\"Lower\"(x)", "fn lower(col(x))"},
      {"coalesce(a, 'x' || b, 1 + 2)", "fn coalesce(col(a), ('x' || col(b)), (1 + 2))"},
      {"f(a = b, not c)", "fn f((col(a) = col(b)), not(col(c)))"},
      {"date(eventtime)", "fn date(col(eventtime))"},
      {"cast(x as varchar)", "cast(col(x) as varchar)"},
      {"CAST(x AS VARCHAR(10))", "cast(col(x) as varchar(10))"},
      {"cast(x as decimal(10, 2))", "cast(col(x) as decimal(10,2))"},
      {"cast(x AS BIGINT) + 1", "(cast(col(x) as bigint) + 1)"},
      {"cast(x as double precision)", "cast(col(x) as double precision)"},
      {"cast(x as timestamp with time zone)", "cast(col(x) as timestamp with time zone)"},
      {"cast(x as timestamp(3) with time zone)", "cast(col(x) as timestamp(3) with time zone)"},
      {"cast(a + b as double)", "cast((col(a) + col(b)) as double)"},
      {"try_cast(x as bigint)", "try_cast(col(x) as bigint)"},
      {"TRY_CAST(x AS BIGINT) + 1", "(try_cast(col(x) as bigint) + 1)"},
      {"try(1 / x)", "fn try((1 / col(x)))"},
      // ROW types and field dereference (Trino's DereferenceExpression).
      {"cast(x as row(a bigint, \"Type\" varchar))", "cast(col(x) as row(a bigint,type varchar))"},
      {"cast(x as array(row(a bigint, b array(varchar))))",
       "cast(col(x) as array(row(a bigint,b array(varchar))))"},
      {"f(x).y", "fn \"$field\"(fn f(col(x)), 'y')"},
      {"resources[1].arn", "fn \"$field\"(fn \"$subscript\"(col(resources), 1), 'arn')"},
      {"(u).a.b", "fn \"$field\"(fn \"$field\"(col(u), 'a'), 'b')"},
  };
  for (const DumpCase& c : kCases) EXPECT_EQ(ExprToDump(c.sql), c.dump) << c.sql;
}

TEST(ParserTest, IsDistinctFrom) {
  const DumpCase kCases[] = {
      {"a is distinct from b", "isdistinct(col(a), col(b))"},
      {"a IS NOT DISTINCT FROM b || c", "isnotdistinct(col(a), (col(b) || col(c)))"},
      {"a is distinct from b and c", "(isdistinct(col(a), col(b)) and col(c))"},
      {"not a is distinct from null", "not(isdistinct(col(a), null))"},
  };
  for (const DumpCase& c : kCases) EXPECT_EQ(ExprToDump(c.sql), c.dump) << c.sql;
}

TEST(ParserTest, CaseExpressions) {
  const DumpCase kCases[] = {
      {"case when a then 1 end", "case( when col(a) then 1)"},
      {"CASE WHEN a = 1 THEN 'x' WHEN b THEN 'y' ELSE 'z' END",
       "case( when (col(a) = 1) then 'x' when col(b) then 'y' else 'z')"},
      {"case x when 1 then 'one' else 'other' end", "case(col(x); when 1 then 'one' else 'other')"},
      {"case x + 1 when 2 then a end", "case((col(x) + 1); when 2 then col(a))"},
      {"case when case when a then b end then c end",
       "case( when case( when col(a) then col(b)) then col(c))"},
      {"1 + case when a then 2 else 3 end * 4", "(1 + (case( when col(a) then 2 else 3) * 4))"},
  };
  for (const DumpCase& c : kCases) EXPECT_EQ(ExprToDump(c.sql), c.dump) << c.sql;
}

TEST(ParserTest, OperatorsAndPrecedence) {
  const DumpCase kCases[] = {
      // Boolean operators: OR < AND < NOT.
      {"a or b and c", "(col(a) or (col(b) and col(c)))"},
      {"a and b or c", "((col(a) and col(b)) or col(c))"},
      // A flat chain is one node; parentheses around its left part change
      // nothing (left-associativity), around a right operand they nest.
      {"a or b or c", "(col(a) or col(b) or col(c))"},
      {"a and b and c", "(col(a) and col(b) and col(c))"},
      {"(a or b) or c", "(col(a) or col(b) or col(c))"},
      {"a or (b or c)", "(col(a) or (col(b) or col(c)))"},
      {"a and b or c and d or e", "((col(a) and col(b)) or (col(c) and col(d)) or col(e))"},
      {"not a and b", "(not(col(a)) and col(b))"},
      {"not a or not b", "(not(col(a)) or not(col(b)))"},
      {"not not a", "not(not(col(a)))"},
      {"a and not b = c", "(col(a) and not((col(b) = col(c))))"},
      {"(a or b) and c", "((col(a) or col(b)) and col(c))"},
      // NOT is looser than the predicates.
      {"not a = b", "not((col(a) = col(b)))"},
      {"not a like 'x'", "not(like(col(a), 'x'))"},
      {"not x is null", "not(isnull(col(x)))"},
      // Comparisons.
      {"a = b", "(col(a) = col(b))"},
      {"a <> b", "(col(a) <> col(b))"},
      {"a != b", "(col(a) <> col(b))"},
      {"a < b", "(col(a) < col(b))"},
      {"a <= b", "(col(a) <= col(b))"},
      {"a > b", "(col(a) > col(b))"},
      {"a >= b", "(col(a) >= col(b))"},
      {"a = b and c <> d", "((col(a) = col(b)) and (col(c) <> col(d)))"},
      {"(a = b) = c", "((col(a) = col(b)) = col(c))"},
      // Predicates bind looser than ||, which is looser than + -, then * / %.
      {"a + b = c || d", "((col(a) + col(b)) = (col(c) || col(d)))"},
      {"a || b || c", "(col(a) || col(b) || col(c))"},
      {"(a || b) || c", "(col(a) || col(b) || col(c))"},
      {"a || b + c", "(col(a) || (col(b) + col(c)))"},
      {"a + b || c", "((col(a) + col(b)) || col(c))"},
      {"a + b * c", "(col(a) + (col(b) * col(c)))"},
      {"a * b + c", "((col(a) * col(b)) + col(c))"},
      {"a - b - c", "(col(a) - col(b) - col(c))"},
      {"a + b - c + d", "(col(a) + col(b) - col(c) + col(d))"},
      {"a - (b - c)", "(col(a) - (col(b) - col(c)))"},
      {"(a - b) + c", "(col(a) - col(b) + col(c))"},
      {"a / b * c % d", "(col(a) / col(b) * col(c) % col(d))"},
      {"a + b * c * d - e", "(col(a) + (col(b) * col(c) * col(d)) - col(e))"},
      {"(a + b) * c", "((col(a) + col(b)) * col(c))"},
      {"((a))", "col(a)"},
      // Unary minus binds tightest; '--' would start a comment.
      {"-a * b", "(neg(col(a)) * col(b))"},
      {"- -1", "neg(neg(1))"},
      {"-(-1)", "neg(neg(1))"},
      {"+a", "pos(col(a))"},
      {"a - -b", "(col(a) - neg(col(b)))"},
      {"a*-b", "(col(a) * neg(col(b)))"},
      {"-a.b", "neg(col(a.b))"},
      {"-count(*)", "neg(fn count(*))"},
  };
  for (const DumpCase& c : kCases) EXPECT_EQ(ExprToDump(c.sql), c.dump) << c.sql;
}

TEST(ParserTest, Predicates) {
  const DumpCase kCases[] = {
      {"a like 'x%'", "like(col(a), 'x%')"},
      {"a LIKE '%sg-5887f224%'", "like(col(a), '%sg-5887f224%')"},
      {"a not like 'x%'", "notlike(col(a), 'x%')"},
      {"a like 'x!%' escape '!'", "like(col(a), 'x!%', escape='!')"},
      {"a like 'x\\%' escape '\\'", "like(col(a), 'x\\%', escape='\\')"},
      {"a not like 'x' escape '#'", "notlike(col(a), 'x', escape='#')"},
      {"a like b || '%'", "like(col(a), (col(b) || '%'))"},
      {"a like 'x' and b like 'y'", "(like(col(a), 'x') and like(col(b), 'y'))"},
      {"a || 'x' like 'y'", "like((col(a) || 'x'), 'y')"},
      {"x between 1 and 2", "between(col(x), 1, 2)"},
      {"x between 1 and 2 and y", "(between(col(x), 1, 2) and col(y))"},
      {"x between 1 and 2 or y between 3 and 4",
       "(between(col(x), 1, 2) or between(col(y), 3, 4))"},
      {"x not between a + 1 and b * 2", "notbetween(col(x), (col(a) + 1), (col(b) * 2))"},
      {"x between -1 and +1", "between(col(x), neg(1), pos(1))"},
      {"eventtime between '2017-02-17T00:00:00Z' and '2017-02-18T00:00:00Z'",
       "between(col(eventtime), '2017-02-17T00:00:00Z', '2017-02-18T00:00:00Z')"},
      {"x in ('a', 'b')", "in(col(x); 'a', 'b')"},
      {"x in (1)", "in(col(x); 1)"},
      {"x not in (1, 2)", "notin(col(x); 1, 2)"},
      {"x in (a + 1, (b), lower(c))", "in(col(x); (col(a) + 1), col(b), fn lower(col(c)))"},
      {"x in (a = b or c)", "in(col(x); ((col(a) = col(b)) or col(c)))"},
      {"x in ('a') and y", "(in(col(x); 'a') and col(y))"},
      {"x is null", "isnull(col(x))"},
      {"x IS NOT NULL", "isnotnull(col(x))"},
      {"x is null or y is not null", "(isnull(col(x)) or isnotnull(col(y)))"},
      {"a + 1 is null", "isnull((col(a) + 1))"},
      {"(a = b) is null", "isnull((col(a) = col(b)))"},
  };
  for (const DumpCase& c : kCases) EXPECT_EQ(ExprToDump(c.sql), c.dump) << c.sql;
}

TEST(ParserTest, CommentsAndWhitespace) {
  const DumpCase kCases[] = {
      {"a /* c */ + -- comment\n b", "(col(a) + col(b))"},
      {"a/**/+/*+*/b", "(col(a) + col(b))"},
      {"\ta\r\n+\fb\v", "(col(a) + col(b))"},
      {"a -- trailing comment without a newline", "col(a)"},
      {"/* a ' quote */ 'x'", "'x'"},
  };
  for (const DumpCase& c : kCases) EXPECT_EQ(ExprToDump(c.sql), c.dump) << c.sql;
}

TEST(ParserTest, Statements) {
  const DumpCase kCases[] = {
      {"select * from cloudtrail_logs", "select cols=[*] from=cloudtrail_logs"},
      {"SELECT * FROM default.cloudtrail_logs", "select cols=[*] from=default.cloudtrail_logs"},
      {"select 1", "select cols=[1]"},
      {"select 1;", "select cols=[1]"},
      {"  select 1 ; ", "select cols=[1]"},
      {"select 1 -- done", "select cols=[1]"},
      {"select distinct eventname from t", "select distinct cols=[col(eventname)] from=t"},
      {"select all eventname from t", "select cols=[col(eventname)] from=t"},
      {"select *, eventname from t", "select cols=[*, col(eventname)] from=t"},
      {"select eventname, * from t", "select cols=[col(eventname), *] from=t"},
      {"select t.* from cloudtrail_logs t", "select cols=[t.*] from=cloudtrail_logs as t"},
      {"select \"default\".cloudtrail_logs.* from default.cloudtrail_logs",
       "select cols=[default.cloudtrail_logs.*] from=default.cloudtrail_logs"},
      {"select t.UserIdentity.*, * from cloudtrail_logs t",
       "select cols=[t.useridentity.*, *] from=cloudtrail_logs as t"},
      {"select a as x, b y, c AS \"Z\", d \"w w\" from t as u",
       "select cols=[col(a) as x, col(b) as y, col(c) as z, col(d) as \"w w\"] from=t as u"},
      {"select count(*) TotalEvents from t", "select cols=[fn count(*) as totalevents] from=t"},
      {"select eventname type from t", "select cols=[col(eventname) as type] from=t"},
      {"select \"select\" from \"from\"", "select cols=[col(select)] from=from"},
      {"select a from t x", "select cols=[col(a)] from=t as x"},
      {"select a from cat.db.t", "select cols=[col(a)] from=cat.db.t"},
      {"select a from t where a = 1", "select cols=[col(a)] from=t where=(col(a) = 1)"},
      {"select a, count(*) from t group by a having count(*) > 1",
       "select cols=[col(a), fn count(*)] from=t group_by=[col(a)] having=(fn count(*) > 1)"},
      {"select a from t group by all a, 2", "select cols=[col(a)] from=t group_by=[col(a), 2]"},
      {"select count(*) from t having count(*) > 0",
       "select cols=[fn count(*)] from=t having=(fn count(*) > 0)"},
      {"select a from t order by a", "select cols=[col(a)] from=t order_by=[col(a) asc]"},
      {"select a from t order by a desc nulls first, b asc nulls last, c nulls last, 1",
       "select cols=[col(a)] from=t order_by=[col(a) desc nulls_first, col(b) asc nulls_last, "
       "col(c) asc nulls_last, 1 asc]"},
      {"select a from t limit 10", "select cols=[col(a)] from=t limit=10"},
      {"select a from t limit 0", "select cols=[col(a)] from=t limit=0"},
      {"select a from t limit 9223372036854775807",
       "select cols=[col(a)] from=t limit=9223372036854775807"},
      {"select a from t limit all", "select cols=[col(a)] from=t"},
      {"SELECT DISTINCT a FROM t WHERE b IS NOT NULL GROUP BY a HAVING count(*) > 2 "
       "ORDER BY a DESC LIMIT 5;",
       "select distinct cols=[col(a)] from=t where=isnotnull(col(b)) group_by=[col(a)] "
       "having=(fn count(*) > 2) order_by=[col(a) desc] limit=5"},
      {"explain select 1", "explain select cols=[1]"},
      {"describe cloudtrail_logs", "show columns from=cloudtrail_logs"},
      {"DESC Default.\"CloudTrail_Logs\";", "show columns from=default.cloudtrail_logs"},
      {"describe input", "show columns from=input"},
      {"show columns from cloudtrail_logs", "show columns from=cloudtrail_logs"},
      {"SHOW COLUMNS IN awsdatacatalog.default.cloudtrail_logs LIKE 'event%'",
       "show columns from=awsdatacatalog.default.cloudtrail_logs like='event%'"},
      {"show columns from t like 'a!_%' escape '!'",
       "show columns from=t like='a!_%' escape='!'"},
      {"show tables", "show tables"},
      {"show tables from default", "show tables from=default"},
      {"show tables in awsdatacatalog.default like 'cloud%';",
       "show tables from=awsdatacatalog.default like='cloud%'"},
      {"show functions", "show functions"},
      {"show functions like 'json''s%'", "show functions like='json''s%'"},
      {"EXPLAIN ANALYZE select a from t", "explain analyze select cols=[col(a)] from=t"},
  };
  for (const DumpCase& c : kCases) EXPECT_EQ(ParseToDump(c.sql), c.dump) << c.sql;
}

TEST(ParserTest, DeepButAllowedNesting) {
  // Well inside the limits of parser.h: 200 parentheses and a 900-term OR chain.
  const std::string parens = std::string(200, '(') + "1" + std::string(200, ')');
  EXPECT_EQ(ExprToDump(parens), "1");
  std::string chain = "a";
  for (int i = 0; i < 899; ++i) chain += " or a";
  EXPECT_TRUE(ParseStatement("select " + chain).ok());
  // Wide is fine: only depth is limited.
  std::string list = "x in (";
  for (int i = 0; i < 20000; ++i) list += "1, ";
  list += "2)";
  EXPECT_TRUE(ParseStatement("select " + list).ok());
}

// The text a node's range covers.
std::string_view Covered(std::string_view sql, SourceRange range) {
  return sql.substr(range.offset, range.length);
}

TEST(ParserTest, ShowStatementRanges) {
  const std::string sql = "show columns from default.t like 'e%' escape '!' ;";
  absl::StatusOr<std::unique_ptr<Statement>> parsed = ParseStatement(sql);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  const Statement& statement = **parsed;
  EXPECT_EQ(statement.kind, StatementKind::kShow);
  EXPECT_EQ(Covered(sql, statement.range), "show columns from default.t like 'e%' escape '!'");
  EXPECT_EQ(Covered(sql, statement.show.name_range), "default.t");
  EXPECT_EQ(Covered(sql, statement.show.like_range), "'e%'");
  EXPECT_EQ(Covered(sql, statement.show.escape_range), "'!'");
}

TEST(ParserTest, RangesCoverTheWholeText) {
  const std::string sql =
      "select count (*) as n, (a + b) * c, cast(x as varchar(3)) from default.t as u "
      "where not x like 'y%' escape '!' and z in (1, 2) and w is not null "
      "group by f(a) order by n desc nulls last limit 3;";
  absl::StatusOr<std::unique_ptr<Statement>> parsed = ParseStatement(sql);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  const Statement& statement = **parsed;
  const SelectStatement& select = statement.select;
  EXPECT_EQ(Covered(sql, statement.range), sql.substr(0, sql.size() - 1));  // without ';'
  EXPECT_EQ(Covered(sql, select.range), sql.substr(0, sql.size() - 1));
  ASSERT_EQ(select.select_list.size(), 3u);
  EXPECT_EQ(Covered(sql, select.select_list[0].range), "count (*) as n");
  EXPECT_EQ(Covered(sql, select.select_list[0].expr->range), "count (*)");
  EXPECT_EQ(Covered(sql, select.select_list[1].range), "(a + b) * c");
  EXPECT_EQ(Covered(sql, select.select_list[1].expr->children[0]->range), "(a + b)");
  EXPECT_EQ(Covered(sql, select.select_list[2].expr->range), "cast(x as varchar(3))");
  EXPECT_EQ(Covered(sql, select.from->range), "default.t as u");
  const ParsedExpr& where = *select.where;
  EXPECT_EQ(Covered(sql, where.range),
            "not x like 'y%' escape '!' and z in (1, 2) and w is not null");
  ASSERT_EQ(where.children.size(), 3u);  // one AND chain
  EXPECT_EQ(Covered(sql, where.children[0]->range), "not x like 'y%' escape '!'");
  EXPECT_EQ(Covered(sql, where.children[0]->children[0]->range), "x like 'y%' escape '!'");
  EXPECT_EQ(Covered(sql, where.children[1]->range), "z in (1, 2)");
  EXPECT_EQ(Covered(sql, where.children[2]->range), "w is not null");
  EXPECT_EQ(Covered(sql, select.group_by[0]->range), "f(a)");
  EXPECT_EQ(Covered(sql, select.order_by[0].range), "n desc nulls last");
  EXPECT_EQ(Covered(sql, select.order_by[0].expr->range), "n");

  absl::StatusOr<std::unique_ptr<Statement>> between = ParseStatement("select x between 1 and 2");
  ASSERT_TRUE(between.ok());
  EXPECT_EQ(Covered("select x between 1 and 2", (*between)->select.select_list[0].expr->range),
            "x between 1 and 2");
  const std::string names = "select a . b.\"C\" , - 1";
  absl::StatusOr<std::unique_ptr<Statement>> dotted = ParseStatement(names);
  ASSERT_TRUE(dotted.ok());
  EXPECT_EQ(Covered(names, (*dotted)->select.select_list[0].expr->range), "a . b.\"C\"");
  EXPECT_EQ(Covered(names, (*dotted)->select.select_list[1].expr->range), "- 1");
}

// Every node's range lies inside its parent's, and inside the text.
void CheckRanges(std::string_view sql, const ParsedExpr& expr, SourceRange parent) {
  EXPECT_LE(expr.range.end(), sql.size());
  EXPECT_GE(expr.range.offset, parent.offset);
  EXPECT_LE(expr.range.end(), parent.end());
  for (const auto& child : expr.children) CheckRanges(sql, *child, expr.range);
}

TEST(ParserTest, BlogQueryRangesNest) {
  for (const std::string& query : BlogQueries()) {
    absl::StatusOr<std::unique_ptr<Statement>> parsed = ParseStatement(query);
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    const SelectStatement& select = (*parsed)->select;
    for (const SelectItem& item : select.select_list) {
      if (item.expr != nullptr) CheckRanges(query, *item.expr, item.range);
    }
    CheckRanges(query, *select.where, select.range);
    for (const auto& key : select.group_by) CheckRanges(query, *key, select.range);
    for (const OrderItem& item : select.order_by) CheckRanges(query, *item.expr, item.range);
  }
}

}  // namespace
}  // namespace ctq
