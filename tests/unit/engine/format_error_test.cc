#include <string>

#include "absl/status/status.h"
#include "ctq/database.h"
#include "ctq/internal/source_range.h"
#include "ctq/internal/sql_error.h"
#include "gtest/gtest.h"

namespace ctq {
namespace {

std::string Format(std::string_view sql, uint32_t offset, uint32_t length,
                   std::string_view message = "Unknown column: eventnme") {
  return FormatError(sql, SqlInvalid(SourceRange{offset, length}, message));
}

TEST(FormatErrorTest, WithoutPositionIsJustTheMessage) {
  EXPECT_EQ(FormatError("select 1", absl::InvalidArgumentError("bad thing")), "bad thing");
  EXPECT_EQ(FormatError("select 1", absl::NotFoundError("no cache")), "no cache");
}

TEST(FormatErrorTest, EmptyMessageFallsBackToTheCode) {
  EXPECT_EQ(FormatError("", absl::Status(absl::StatusCode::kInternal, "")), "INTERNAL");
}

TEST(FormatErrorTest, SingleLineMatchesTheApiExample) {
  std::string sql = "select eventnme from cloudtrail_logs";
  EXPECT_EQ(Format(sql, 7, 8),
            "Unknown column: eventnme\n"
            "LINE 1:8: select eventnme from cloudtrail_logs\n"
            "                 ^^^^^^^^");
}

TEST(FormatErrorTest, ErrorOnSecondLine) {
  std::string sql = "select eventname\nfrom cloudtrail_logs\nwhere x = 1";
  // "cloudtrail_logs" on line 2 starts at column 6.
  size_t offset = sql.find("cloudtrail_logs");
  EXPECT_EQ(Format(sql, offset, 15, "Unknown table"),
            "Unknown table\n"
            "LINE 2:6: from cloudtrail_logs\n"
            "               ^^^^^^^^^^^^^^^");
  std::string indented = "select\n    eventnme\nfrom cloudtrail_logs";
  EXPECT_EQ(Format(indented, 11, 8),
            "Unknown column: eventnme\n"
            "LINE 2:5:     eventnme\n"
            "              ^^^^^^^^");
}

TEST(FormatErrorTest, ErrorOnLastLineWithCrlf) {
  std::string sql = "select 1\r\nfrom t\r\nwhere y";
  EXPECT_EQ(Format(sql, sql.find('y'), 1, "m"),
            "m\n"
            "LINE 3:7: where y\n"
            "                ^");
}

TEST(FormatErrorTest, ColumnsCountCodePointsNotBytes) {
  // "é" and "ü" are two bytes each; the caret must still sit under "bad".
  std::string sql = "select 'é', 'ü', bad from cloudtrail_logs";
  size_t offset = sql.find("bad");
  EXPECT_EQ(Format(sql, offset, 3, "m"),
            "m\n"
            "LINE 1:18: select 'é', 'ü', bad from cloudtrail_logs\n"
            "                            ^^^");
}

TEST(FormatErrorTest, MultiByteRangeGetsOneCaretPerCharacter) {
  std::string sql = "select ünknown";
  EXPECT_EQ(Format(sql, 7, 8, "m"),  // "ünknown" is 8 bytes, 7 characters
            "m\n"
            "LINE 1:8: select ünknown\n"
            "                 ^^^^^^^");
}

TEST(FormatErrorTest, TabsAreKeptSoTheCaretLinesUp) {
  std::string sql = "select\tbad";
  EXPECT_EQ(Format(sql, 7, 3, "m"),
            "m\n"
            "LINE 1:8: select\tbad\n"
            "                \t^^^");
}

TEST(FormatErrorTest, RangeIsClippedToItsFirstLine) {
  std::string sql = "select a +\n b from t";
  EXPECT_EQ(Format(sql, 7, 5, "m"),
            "m\n"
            "LINE 1:8: select a +\n"
            "                 ^^^");
}

TEST(FormatErrorTest, RangeAtEndOfText) {
  std::string sql = "select eventname from";
  EXPECT_EQ(Format(sql, sql.size(), 0, "expected a table name"),
            "expected a table name\n"
            "LINE 1:22: select eventname from\n"
            "                                ^");
  // Past a trailing newline, the caret goes after the last token rather than
  // onto an empty line.
  std::string with_newline = "select eventname\nfrom\n";
  EXPECT_EQ(Format(with_newline, with_newline.size(), 0, "expected a table name"),
            "expected a table name\n"
            "LINE 2:5: from\n"
            "              ^");
}

TEST(FormatErrorTest, EmptyRangeGetsOneCaret) {
  EXPECT_EQ(Format("select 1 2", 9, 0, "m"),
            "m\n"
            "LINE 1:10: select 1 2\n"
            "                    ^");
}

TEST(FormatErrorTest, RangeOutsideTheTextIsIgnored) {
  EXPECT_EQ(Format("select 1", 9, 1, "m"), "m");
  EXPECT_EQ(Format("select 1", 100, 1, "m"), "m");
}

TEST(FormatErrorTest, RangeRunningPastTheEndIsClipped) {
  EXPECT_EQ(Format("select x", 7, 50, "m"),
            "m\n"
            "LINE 1:8: select x\n"
            "                 ^");
}

}  // namespace
}  // namespace ctq

namespace ctq {
namespace {

// A very long line (a generated query) is shown as a window around the error,
// with the true column number and the caret under the offending text.
TEST(FormatErrorLongLineTest, ShowsAWindowAroundTheError) {
  std::string sql = "select " + std::string(5000, 'a') + " from x where bad_column = 1";
  uint32_t offset = static_cast<uint32_t>(sql.find("bad_column"));
  absl::Status status = SqlInvalid(SourceRange{offset, 10}, "Unknown column: bad_column");
  std::string text = FormatError(sql, status);
  std::string expected_line = "LINE 1:" + std::to_string(offset + 1) + ": ...";
  EXPECT_NE(text.find(expected_line), std::string::npos) << text;
  EXPECT_LT(text.size(), 400u) << text;
  // The caret line ends with ten carets under "bad_column".
  size_t line = text.find(expected_line);
  size_t caret_line = text.find('\n', line) + 1;
  std::string shown = text.substr(line, text.find('\n', line) - line);
  std::string carets = text.substr(caret_line);
  EXPECT_EQ(carets.find('^'), shown.find("bad_column")) << text;
  EXPECT_EQ(carets.substr(carets.find('^')), "^^^^^^^^^^");
}

}  // namespace
}  // namespace ctq
