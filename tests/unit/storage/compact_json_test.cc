// Tests of the JSON text helpers: number tokens, string re-escaping, and the
// scans that locate errors simdjson reports without a position.
#include "storage/compact_json.h"

#include <string>

#include "gtest/gtest.h"
#include "storage/json_error.h"

namespace ctq {
namespace {

TEST(CheckedNumberTokenTest, KeepsValidNumbersAsWritten) {
  for (const char* number : {"0", "-0", "7", "1024", "1024.0", "0.0", "1e3", "1E+3", "-2.5e-10",
                             "123456789012345678901234567890", "0.000001"}) {
    EXPECT_EQ(CheckedNumberToken(number), number);
  }
}

TEST(CheckedNumberTokenTest, TrimsTrailingWhitespace) {
  EXPECT_EQ(CheckedNumberToken("1024.0 \n\t\r"), "1024.0");
}

TEST(CheckedNumberTokenTest, RejectsMalformedNumbers) {
  for (const char* bad : {"", "-", "01", "-01", "1.", ".5", "1e", "1e+", "+1", "1x", "0x10",
                          "1.2.3", "NaN", "Infinity", "1 2", "--1"}) {
    EXPECT_EQ(CheckedNumberToken(bad), "") << bad;
  }
}

TEST(AppendJsonStringTest, EscapesOnlyWhatJsonRequires) {
  struct Case {
    std::string text;
    std::string json;
  };
  const Case cases[] = {
      {"", R"("")"},
      {"plain text that is longer than eight bytes",
       R"("plain text that is longer than eight bytes")"},
      {"it's", R"("it's")"},
      {"a\"b\\c/d", R"("a\"b\\c/d")"},
      {"\b\f\n\r\t", R"("\b\f\n\r\t")"},
      {std::string("\x00\x01\x1f", 3), R"("\u0000\u0001\u001f")"},
      {"\x7f", "\"\x7f\""},
      {"caf\xC3\xA9 4:11:47\xE2\x80\xAFPM \xF0\x9F\x98\x80",
       "\"caf\xC3\xA9 4:11:47\xE2\x80\xAFPM \xF0\x9F\x98\x80\""},
      // Escapes at every position of an eight-byte word, and after one.
      {"0123456\"", R"("0123456\"")"},
      {"\"1234567", R"("\"1234567")"},
      {"01234567\n9", R"("01234567\n9")"},
      {"\xff\xfe\x80\x9f\xa0 high bytes are not below 0x20",
       "\"\xff\xfe\x80\x9f\xa0 high bytes are not below 0x20\""},
  };
  for (const Case& c : cases) {
    std::string out = "prefix:";
    AppendJsonString(c.text, &out);
    EXPECT_EQ(out, "prefix:" + c.json);
  }
}

TEST(AppendJsonStringTest, FindsEveryEscapeInLongText) {
  // Every byte value at every offset of a word: the fast path must not miss
  // or invent escapes.
  for (int value = 0; value < 256; value++) {
    for (int offset = 0; offset < 17; offset++) {
      std::string text(17, 'a');
      text[offset] = static_cast<char>(value);
      std::string expected = "\"";
      for (char c : text) {
        std::string one;
        AppendJsonString(std::string_view(&c, 1), &one);
        expected += one.substr(1, one.size() - 2);
      }
      expected += "\"";
      std::string out;
      AppendJsonString(text, &out);
      ASSERT_EQ(out, expected) << "value " << value << " offset " << offset;
    }
  }
}

TEST(FindInvalidUtf8Test, FindsTheFirstBadByte) {
  EXPECT_EQ(FindInvalidUtf8("plain ascii"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("caf\xC3\xA9 \xE2\x80\xAF \xF0\x9F\x98\x80"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("ab\xff"), 2u);
  EXPECT_EQ(FindInvalidUtf8("ab\xC3"), 2u);             // truncated sequence
  EXPECT_EQ(FindInvalidUtf8("a\xC0\xAF"), 1u);          // overlong '/'
  EXPECT_EQ(FindInvalidUtf8("a\xED\xA0\x80"), 1u);      // a surrogate
  EXPECT_EQ(FindInvalidUtf8("a\xF4\x90\x80\x80"), 1u);  // above U+10FFFF
  EXPECT_EQ(FindInvalidUtf8("a\x80"), 1u);              // a lone continuation byte
}

TEST(FindUnescapedControlTest, LooksOnlyInsideStrings) {
  EXPECT_EQ(FindUnescapedControl("{\n\t\"a\":\"b\"\n}"), std::string_view::npos);
  EXPECT_EQ(FindUnescapedControl("{\"a\":\"b\tc\"}"), 7u);
  EXPECT_EQ(FindUnescapedControl("{\"a\\\"\":\"\\\\\x01\"}"), 10u);
}

TEST(DescribeJsonErrorTest, NamesOurOwnLimits) {
  EXPECT_EQ(DescribeJsonError(simdjson::DEPTH_ERROR), "nesting deeper than 512 levels");
  EXPECT_EQ(DescribeJsonError(simdjson::NUMBER_ERROR), "malformed number");
  EXPECT_NE(DescribeJsonError(simdjson::TAPE_ERROR).find("improper structure"), std::string::npos);
}

}  // namespace
}  // namespace ctq
