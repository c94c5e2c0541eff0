#include "tools/ctq/result_printer.h"

#include <cmath>
#include <limits>
#include <sstream>
#include <string>

#include "ctq/query_result.h"
#include "gtest/gtest.h"

namespace ctq {
namespace {

std::string Write(const QueryResult& result, OutputFormat format) {
  std::ostringstream out;
  WriteResult(result, format, out);
  return out.str();
}

QueryResult Mixed() {
  return QueryResult(
      {{"name", TypeId::kVarchar},
       {"n", TypeId::kBigint},
       {"avg", TypeId::kDouble},
       {"ok", TypeId::kBoolean}},
      {{Value::Varchar("alice"), Value::Bigint(3), Value::Double(1.5), Value::Boolean(true)},
       {Value::Null(TypeId::kVarchar), Value::Null(TypeId::kBigint), Value::Double(1e7),
        Value::Boolean(false)}});
}

TEST(ParseOutputFormatTest, KnowsTheThreeFormats) {
  EXPECT_EQ(ParseOutputFormat("table"), OutputFormat::kTable);
  EXPECT_EQ(ParseOutputFormat("csv"), OutputFormat::kCsv);
  EXPECT_EQ(ParseOutputFormat("json"), OutputFormat::kJson);
  EXPECT_EQ(ParseOutputFormat("CSV"), std::nullopt);
  EXPECT_EQ(ParseOutputFormat("xml"), std::nullopt);
  EXPECT_EQ(ParseOutputFormat(""), std::nullopt);
}

// For plain values the table is what QueryResult::ToString() draws.
TEST(TableFormatTest, IsQueryResultToString) {
  QueryResult result = Mixed();
  EXPECT_EQ(Write(result, OutputFormat::kTable), result.ToString());
}

// The userAgent: erase the line, move up, rewrite, return.
constexpr char kHostileAgent[] = "\x1b[2K\x1b[1Aaws-cli\r";

QueryResult Hostile() {
  return QueryResult({{"useragent", TypeId::kVarchar}}, {{Value::Varchar(kHostileAgent)}});
}

TEST(TableFormatTest, ShowsControlCharactersEscaped) {
  EXPECT_EQ(Write(Hostile(), OutputFormat::kTable),
            "        useragent        \n"
            "-------------------------\n"
            " \\x1b[2K\\x1b[1Aaws-cli\\r \n"
            "(1 row)\n");
}

TEST(CsvFormatTest, KeepsTheExactBytes) {
  EXPECT_EQ(Write(Hostile(), OutputFormat::kCsv),
            std::string("useragent\n\"") + kHostileAgent + "\"\n");
}

TEST(JsonFormatTest, EscapesControlCharactersAsRfc8259Says) {
  EXPECT_EQ(Write(Hostile(), OutputFormat::kJson),
            "{\"useragent\":\"\\u001b[2K\\u001b[1Aaws-cli\\r\"}\n");
}

TEST(CsvFormatTest, HeaderThenRows) {
  EXPECT_EQ(Write(Mixed(), OutputFormat::kCsv),
            "name,n,avg,ok\n"
            "alice,3,1.5,true\n"
            ",,1.0E7,false\n");
}

TEST(CsvFormatTest, QuotesOnlyWhenNeeded) {
  QueryResult result({{"a,b", TypeId::kVarchar}}, {{Value::Varchar("plain")},
                                                   {Value::Varchar("has,comma")},
                                                   {Value::Varchar("say \"hi\"")},
                                                   {Value::Varchar("two\nlines")},
                                                   {Value::Varchar("cr\rhere")},
                                                   {Value::Varchar("")},
                                                   {Value::Null(TypeId::kVarchar)},
                                                   {Value::Varchar(" spaced ")},
                                                   {Value::Varchar("{\"k\":\"v\"}")}});
  EXPECT_EQ(Write(result, OutputFormat::kCsv),
            "\"a,b\"\n"
            "plain\n"
            "\"has,comma\"\n"
            "\"say \"\"hi\"\"\"\n"
            "\"two\nlines\"\n"
            "\"cr\rhere\"\n"
            "\"\"\n"
            "\n"
            " spaced \n"
            "\"{\"\"k\"\":\"\"v\"\"}\"\n");
}

TEST(CsvFormatTest, EmptyResultIsJustTheHeader) {
  QueryResult result({{"x", TypeId::kBigint}, {"y", TypeId::kVarchar}}, {});
  EXPECT_EQ(Write(result, OutputFormat::kCsv), "x,y\n");
}

TEST(JsonFormatTest, OneObjectPerRow) {
  EXPECT_EQ(Write(Mixed(), OutputFormat::kJson),
            "{\"name\":\"alice\",\"n\":3,\"avg\":1.5,\"ok\":true}\n"
            "{\"name\":null,\"n\":null,\"avg\":1.0E7,\"ok\":false}\n");
}

TEST(JsonFormatTest, EmptyResultWritesNothing) {
  QueryResult result({{"x", TypeId::kBigint}}, {});
  EXPECT_EQ(Write(result, OutputFormat::kJson), "");
}

TEST(JsonFormatTest, EscapesStrings) {
  QueryResult result({{"s\"", TypeId::kVarchar}},
                     {{Value::Varchar("q\"b\\n\nt\tr\rf\fb\bz")},
                      {Value::Varchar(std::string("nul\0x\x01\x1f\x7f", 8))},
                      {Value::Varchar("jörg 日本 😀")},
                      {Value::Varchar("{\"a\":[1,2]}")}});
  EXPECT_EQ(Write(result, OutputFormat::kJson),
            "{\"s\\\"\":\"q\\\"b\\\\n\\nt\\tr\\rf\\fb\\bz\"}\n"
            "{\"s\\\"\":\"nul\\u0000x\\u0001\\u001f\x7f\"}\n"
            "{\"s\\\"\":\"jörg 日本 😀\"}\n"
            "{\"s\\\"\":\"{\\\"a\\\":[1,2]}\"}\n");
}

TEST(JsonFormatTest, ReplacesInvalidUtf8) {
  QueryResult result({{"s", TypeId::kVarchar}},
                     {{Value::Varchar(std::string("a\xff") + "b")},  // never valid
                      {Value::Varchar("\xc3")},                      // truncated
                      {Value::Varchar("\xc0\xaf")},                  // overlong '/'
                      {Value::Varchar("\xed\xa0\x80")},              // a surrogate
                      {Value::Varchar("\xf4\x90\x80\x80")},          // past U+10FFFF
                      {Value::Varchar("\xe2\x82\xac")}});            // a valid euro sign
  EXPECT_EQ(Write(result, OutputFormat::kJson),
            "{\"s\":\"a\\ufffdb\"}\n"
            "{\"s\":\"\\ufffd\"}\n"
            "{\"s\":\"\\ufffd\\ufffd\"}\n"
            "{\"s\":\"\\ufffd\\ufffd\\ufffd\"}\n"
            "{\"s\":\"\\ufffd\\ufffd\\ufffd\\ufffd\"}\n"
            "{\"s\":\"\xe2\x82\xac\"}\n");
}

TEST(JsonFormatTest, NonFiniteDoublesAreStrings) {
  QueryResult result({{"d", TypeId::kDouble}},
                     {{Value::Double(std::nan(""))},
                      {Value::Double(std::numeric_limits<double>::infinity())},
                      {Value::Double(-std::numeric_limits<double>::infinity())},
                      {Value::Double(-0.0)},
                      {Value::Double(1.0 / 3)}});
  EXPECT_EQ(Write(result, OutputFormat::kJson),
            "{\"d\":\"NaN\"}\n"
            "{\"d\":\"Infinity\"}\n"
            "{\"d\":\"-Infinity\"}\n"
            "{\"d\":-0.0}\n"
            "{\"d\":0.3333333333333333}\n");
}

TEST(JsonFormatTest, ExtremeBigints) {
  QueryResult result({{"i", TypeId::kBigint}},
                     {{Value::Bigint(std::numeric_limits<int64_t>::min())}});
  EXPECT_EQ(Write(result, OutputFormat::kJson), "{\"i\":-9223372036854775808}\n");
}

}  // namespace
}  // namespace ctq
