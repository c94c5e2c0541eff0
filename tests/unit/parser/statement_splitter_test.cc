#include "parser/statement_splitter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parser/parser.h"

namespace ctq {
namespace {

struct SplitCase {
  const char* script;
  std::vector<std::string> statements;
  std::string remainder;
};

TEST(StatementSplitterTest, Cases) {
  const SplitCase kCases[] = {
      {"", {}, ""},
      {"   \n\t", {}, ""},
      {"select 1", {}, "select 1"},
      {"  select 1  \n", {}, "select 1"},
      {"select 1;", {"select 1"}, ""},
      {"select 1; select 2;", {"select 1", "select 2"}, ""},
      {"select 1;\nselect 2", {"select 1"}, "select 2"},
      {";; ;\n;", {}, ""},
      // ';' inside strings, quoted identifiers and comments does not split.
      {"select ';' ; select 2", {"select ';'"}, "select 2"},
      {"select 'it''s;' ; x", {"select 'it''s;'"}, "x"},
      {"select \"a;b\" from t;", {"select \"a;b\" from t"}, ""},
      {"select \"a\"\";b\" from t;", {"select \"a\"\";b\" from t"}, ""},
      {"-- c; x\nselect 1;", {"-- c; x\nselect 1"}, ""},
      {"/* ; */ select 1;", {"/* ; */ select 1"}, ""},
      {"select 1 /* ; */ ; select 2", {"select 1 /* ; */"}, "select 2"},
      {"select '--' ; select 2;", {"select '--'", "select 2"}, ""},
      {"select '/*' ; select 2;", {"select '/*'", "select 2"}, ""},
      // Statements and remainders of only comments are empty.
      {"-- only a comment\n;", {}, ""},
      {"select 1; -- trailing comment", {"select 1"}, ""},
      {"select 1; /* done */  ", {"select 1"}, ""},
      // Unfinished input stays in the remainder: the REPL keeps reading.
      {"select 'abc;", {}, "select 'abc;"},
      {"select \"abc;", {}, "select \"abc;"},
      {"select 1; /* open", {"select 1"}, "/* open"},
      {"select 1; select '''", {"select 1"}, "select '''"},
      {"select 1 -- no newline; still a comment", {}, "select 1 -- no newline; still a comment"},
  };
  for (const SplitCase& c : kCases) {
    ScriptSplit split = SplitStatements(c.script);
    EXPECT_EQ(split.statements, c.statements) << c.script;
    EXPECT_EQ(split.remainder, c.remainder) << c.script;
  }
}

TEST(StatementSplitterTest, SplitStatementsParse) {
  ScriptSplit split = SplitStatements(
      "select 1;\n-- next\nselect a from t where b = ';';\nselect \"x;y\" from t; select");
  ASSERT_EQ(split.statements.size(), 3u);
  for (const std::string& statement : split.statements) {
    EXPECT_TRUE(ParseStatement(statement).ok()) << statement;
  }
  EXPECT_EQ(split.remainder, "select");
}

}  // namespace
}  // namespace ctq
