#include "engine/terminal_text.h"

#include <string>

#include "gtest/gtest.h"

namespace ctq {
namespace {

TEST(EscapeForTerminalTest, PrintableTextPassesThrough) {
  EXPECT_EQ(EscapeForTerminal(""), "");
  EXPECT_EQ(EscapeForTerminal("Mozilla/5.0 (X11) aws-cli/1.16"), "Mozilla/5.0 (X11) aws-cli/1.16");
  EXPECT_EQ(EscapeForTerminal("jörg 日本 😀 €"), "jörg 日本 😀 €");
  // A backslash is not escaped: the table is for reading (see the header).
  EXPECT_EQ(EscapeForTerminal("C:\\x1b\\n"), "C:\\x1b\\n");
}

TEST(EscapeForTerminalTest, EscapeInjectionIsShownNotActedOn) {
  // The userAgent: erase the line, move up, rewrite, return.
  EXPECT_EQ(EscapeForTerminal("\x1b[2K\x1b[1Aok\r"), "\\x1b[2K\\x1b[1Aok\\r");
  // An OSC sequence (set the window title) ended by BEL.
  EXPECT_EQ(EscapeForTerminal("\x1b]0;pwned\x07"), "\\x1b]0;pwned\\x07");
}

TEST(EscapeForTerminalTest, EveryC0ControlAndDel) {
  for (int c = 0; c < 0x20; ++c) {
    std::string escaped = EscapeForTerminal(std::string(1, static_cast<char>(c)));
    if (c == '\n') {
      EXPECT_EQ(escaped, "\\n");
    } else if (c == '\r') {
      EXPECT_EQ(escaped, "\\r");
    } else if (c == '\t') {
      EXPECT_EQ(escaped, "\\t");
    } else {
      char expected[8];
      snprintf(expected, sizeof expected, "\\x%02x", c);
      EXPECT_EQ(escaped, expected) << c;
    }
  }
  EXPECT_EQ(EscapeForTerminal(std::string("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(EscapeForTerminal("\x7f"), "\\x7f");
}

TEST(EscapeForTerminalTest, LayoutKeepsLineBreaksAndTabs) {
  EXPECT_EQ(EscapeForTerminal("a\nb\tc\r\n", TerminalLayout::kOneLine), "a\\nb\\tc\\r\\n");
  EXPECT_EQ(EscapeForTerminal("a\nb\tc\r\n", TerminalLayout::kLines), "a\nb\\tc\\r\n");
  EXPECT_EQ(EscapeForTerminal("a\nb\tc\r\n", TerminalLayout::kLinesAndTabs), "a\nb\tc\\r\n");
  EXPECT_EQ(EscapeForTerminal("\x1b\n", TerminalLayout::kLinesAndTabs), "\\x1b\n");
}

TEST(EscapeForTerminalTest, C1ControlsAndBidiOverrides) {
  EXPECT_EQ(EscapeForTerminal("\xc2\x80"), "\\u0080");
  EXPECT_EQ(EscapeForTerminal("a\xc2\x9b" "2Jb"), "a\\u009b2Jb");  // CSI, as ESC [
  EXPECT_EQ(EscapeForTerminal("\xc2\x9f"), "\\u009f");
  EXPECT_EQ(EscapeForTerminal("\xc2\xa0"), "\xc2\xa0");  // no-break space is shown
  // "Trojan source": U+202E reverses what follows it.
  EXPECT_EQ(EscapeForTerminal("admin\xe2\x80\xae" "txt.exe"), "admin\\u202etxt.exe");
  EXPECT_EQ(EscapeForTerminal("\xe2\x80\x8e\xe2\x80\x8f\xe2\x81\xa6\xe2\x81\xa9"),
            "\\u200e\\u200f\\u2066\\u2069");
}

TEST(EscapeForTerminalTest, InvalidUtf8BytesAreHex) {
  EXPECT_EQ(EscapeForTerminal("a\xff" "b"), "a\\xffb");
  EXPECT_EQ(EscapeForTerminal("\xc3"), "\\xc3");                  // truncated
  EXPECT_EQ(EscapeForTerminal("\xc0\xaf"), "\\xc0\\xaf");         // overlong '/'
  EXPECT_EQ(EscapeForTerminal("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a surrogate
  EXPECT_EQ(EscapeForTerminal("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");
  EXPECT_EQ(EscapeForTerminal("\x9b"), "\\x9b");  // a lone C1 byte (8-bit CSI)
}

TEST(EscapeForTerminalTest, AppendAddsToWhatIsThere) {
  std::string out = "x=";
  AppendEscapedForTerminal("\x1b", TerminalLayout::kOneLine, &out);
  EXPECT_EQ(out, "x=\\x1b");
}

TEST(DisplayWidthTest, CountsCodePoints) {
  EXPECT_EQ(DisplayWidth(""), 0u);
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("jörg"), 4u);
  EXPECT_EQ(DisplayWidth(EscapeForTerminal("\x1b[2K")), 7u);
}

}  // namespace
}  // namespace ctq
