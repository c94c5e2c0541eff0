// Lexer tests: token kinds, values and exact byte ranges.
#include "parser/lexer.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace ctq {
namespace {

// "kind:text@offset+length" for each token, e.g. "ident:select@0+6".
std::string Describe(std::string_view sql) {
  static constexpr const char* kNames[] = {
      "end", "error", "ident", "quoted", "string", "int", "dec", "=", "<>",
      "<",   "<=",    ">",     ">=",     "+",      "-",   "*",   "/", "%",
      "||",  "(",     ")",     "[",      "]",      ",",   ".",   ";", "->"};
  LexResult result = Tokenize(sql);
  std::string out;
  for (const Token& token : result.tokens) {
    if (!out.empty()) out += ' ';
    out.append(kNames[static_cast<int>(token.kind)]);
    if (!token.text.empty()) out.append(":").append(token.text);
    if (token.keyword != Keyword::kNone) out.append("(kw)");
    out.append("@").append(std::to_string(token.range.offset));
    out.append("+").append(std::to_string(token.range.length));
  }
  return out;
}

TEST(LexerTest, WordsAndKeywords) {
  EXPECT_EQ(Describe("SELECT eventName, useridentity.Type FROM t"),
            "ident:select(kw)@0+6 ident:eventname@7+9 ,@16+1 ident:useridentity@18+12 .@30+1 "
            "ident:type@31+4 ident:from(kw)@36+4 ident:t@41+1 end@42+0");
  // Only the short reserved list is keyword-flagged.
  EXPECT_EQ(Describe("date timestamp interval nulls"),
            "ident:date@0+4 ident:timestamp@5+9 ident:interval@15+8 ident:nulls(kw)@24+5 end@29+0");
}

TEST(LexerTest, QuotedIdentifiersAndStrings) {
  EXPECT_EQ(Describe("\"Event\"\"Name\" 'it''s' ''"),
            "quoted:event\"name@0+13 string:it's@14+7 string@22+2 end@24+0");
  EXPECT_EQ(Describe("'a\nb'"), "string:a\nb@0+5 end@5+0");
  EXPECT_EQ(Describe("\"select\""), "quoted:select@0+8 end@8+0");  // never a keyword
}

TEST(LexerTest, Numbers) {
  EXPECT_EQ(Describe("1 12.5 .5 1. 1e3 1.5E-2 2e+1"),
            "int:1@0+1 dec:12.5@2+4 dec:.5@7+2 dec:1.@10+2 dec:1e3@13+3 dec:1.5E-2@17+6 "
            "dec:2e+1@24+4 end@28+0");
  EXPECT_EQ(Describe("a.5"), "ident:a@0+1 dec:.5@1+2 end@3+0");
}

TEST(LexerTest, Operators) {
  EXPECT_EQ(Describe("= <> != < <= > >= + - * / % || ( ) [ ] , . ; ->"),
            "=@0+1 <>@2+2 <>@5+2 <@8+1 <=@10+2 >@13+1 >=@15+2 +@18+1 -@20+1 *@22+1 /@24+1 "
            "%@26+1 ||@28+2 (@31+1 )@33+1 [@35+1 ]@37+1 ,@39+1 .@41+1 ;@43+1 ->@45+2 end@47+0");
  EXPECT_EQ(Describe("a<>-b"), "ident:a@0+1 <>@1+2 -@3+1 ident:b@4+1 end@5+0");
}

TEST(LexerTest, Comments) {
  EXPECT_EQ(Describe("a -- x\nb /* y\n z */ c --"),
            "ident:a@0+1 ident:b@7+1 ident:c@20+1 end@24+0");
  EXPECT_EQ(Describe("a/**/b"), "ident:a@0+1 ident:b@5+1 end@6+0");
  EXPECT_EQ(Describe("1 - -2"), "int:1@0+1 -@2+1 -@4+1 int:2@5+1 end@6+0");
  EXPECT_EQ(Describe("1--2"), "int:1@0+1 end@4+0");
}

TEST(LexerTest, ErrorEndsTheTokens) {
  LexResult result = Tokenize("a 'open");
  ASSERT_EQ(result.tokens.size(), 2u);
  EXPECT_EQ(result.tokens[1].kind, TokenKind::kError);
  EXPECT_EQ(result.tokens[1].range.offset, 2u);
  EXPECT_EQ(result.error.code(), absl::StatusCode::kInvalidArgument);

  // After the final token, Next keeps returning it.
  Lexer lexer("x");
  EXPECT_EQ(lexer.Next().kind, TokenKind::kIdentifier);
  EXPECT_EQ(lexer.Next().kind, TokenKind::kEnd);
  EXPECT_EQ(lexer.Next().kind, TokenKind::kEnd);
  EXPECT_TRUE(lexer.error().ok());
}

TEST(LexerTest, DescribeToken) {
  const std::string sql = "from 'abc' \"Q\"";
  LexResult result = Tokenize(sql);
  ASSERT_EQ(result.tokens.size(), 4u);
  EXPECT_EQ(DescribeToken(sql, result.tokens[0]), "'from'");
  EXPECT_EQ(DescribeToken(sql, result.tokens[1]), "string 'abc'");
  EXPECT_EQ(DescribeToken(sql, result.tokens[2]), "'\"Q\"'");
  EXPECT_EQ(DescribeToken(sql, result.tokens[3]), "end of input");
  // Cut at 40 bytes, never inside a UTF-8 sequence.
  const std::string long_string = "'" + std::string(35, 'a') + "\xC3\xA9\xC3\xA9'";
  LexResult long_result = Tokenize(long_string);
  EXPECT_EQ(DescribeToken(long_string, long_result.tokens[0]),
            "string '" + std::string(35, 'a') + "...");
}

}  // namespace
}  // namespace ctq
