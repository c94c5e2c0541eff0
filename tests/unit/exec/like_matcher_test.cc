// Unit tests of LikeMatcher (exec/like_matcher.h): Trino's LIKE semantics,
// shape classification, ESCAPE handling and errors, and a randomized
// differential test against an RE2 translation of the pattern.
#include "exec/like_matcher.h"

#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "re2/re2.h"

namespace ctq {
namespace {

using Shape = LikeMatcher::Shape;

LikeMatcher MustCompile(std::string_view pattern,
                        std::optional<std::string_view> escape = std::nullopt) {
  absl::StatusOr<LikeMatcher> matcher = LikeMatcher::Compile(pattern, escape);
  EXPECT_TRUE(matcher.ok()) << "pattern '" << pattern << "': " << matcher.status();
  if (!matcher.ok()) return *LikeMatcher::Compile("", std::nullopt);
  return *std::move(matcher);
}

const char* ShapeName(Shape shape) {
  switch (shape) {
    case Shape::kExact:
      return "exact";
    case Shape::kPrefix:
      return "prefix";
    case Shape::kSuffix:
      return "suffix";
    case Shape::kContains:
      return "contains";
    case Shape::kGeneral:
      return "general";
  }
  return "?";
}

// ---------------------------------------------------------------------------
// Shape classification.

struct ShapeCase {
  const char* pattern;
  std::optional<std::string_view> escape;
  Shape shape;
  const char* literal;  // checked for every shape but kGeneral
};

TEST(LikeMatcherTest, ShapeClassification) {
  const ShapeCase cases[] = {
      {"", std::nullopt, Shape::kExact, ""},
      {"abc", std::nullopt, Shape::kExact, "abc"},
      {"李é", std::nullopt, Shape::kExact, "李é"},
      {"abc%", std::nullopt, Shape::kPrefix, "abc"},
      {"72.21.%", std::nullopt, Shape::kPrefix, "72.21."},
      {"abc%%%", std::nullopt, Shape::kPrefix, "abc"},
      {"%abc", std::nullopt, Shape::kSuffix, "abc"},
      {"%%abc", std::nullopt, Shape::kSuffix, "abc"},
      {"%abc%", std::nullopt, Shape::kContains, "abc"},
      {"%sg-123%", std::nullopt, Shape::kContains, "sg-123"},
      {"%%abc%%%", std::nullopt, Shape::kContains, "abc"},
      {"%", std::nullopt, Shape::kContains, ""},
      {"%%%", std::nullopt, Shape::kContains, ""},
      {"_", std::nullopt, Shape::kGeneral, ""},
      {"a_c", std::nullopt, Shape::kGeneral, ""},
      {"a%c", std::nullopt, Shape::kGeneral, ""},
      {"%a%b%", std::nullopt, Shape::kGeneral, ""},
      {"_abc%", std::nullopt, Shape::kGeneral, ""},
      {"%abc_", std::nullopt, Shape::kGeneral, ""},
      // Escaped wildcards are literals, so the shape sees through them.
      {"100\\%", "\\", Shape::kExact, "100%"},
      {"a\\_b%", "\\", Shape::kPrefix, "a_b"},
      {"%\\%\\\\", "\\", Shape::kSuffix, "%\\"},
      {"%a#%b%", "#", Shape::kContains, "a%b"},
      {"%##%", "#", Shape::kContains, "#"},
      // An escape that is not used leaves `\` an ordinary character.
      {"a\\b", std::nullopt, Shape::kExact, "a\\b"},
  };
  for (const ShapeCase& c : cases) {
    SCOPED_TRACE(testing::Message() << "pattern '" << c.pattern << "'");
    LikeMatcher matcher = MustCompile(c.pattern, c.escape);
    EXPECT_EQ(ShapeName(matcher.shape()), std::string(ShapeName(c.shape)));
    if (c.shape != Shape::kGeneral) {
      EXPECT_EQ(matcher.literal(), c.literal);
    }
  }
}

// ---------------------------------------------------------------------------
// Matching.

struct MatchCase {
  const char* pattern;
  std::optional<std::string_view> escape;
  const char* text;
  bool matches;
};

TEST(LikeMatcherTest, Matches) {
  const MatchCase cases[] = {
      // Empty pattern matches only the empty string.
      {"", std::nullopt, "", true},
      {"", std::nullopt, "a", false},
      // Exact: whole string, case-sensitive, bytes.
      {"abc", std::nullopt, "abc", true},
      {"abc", std::nullopt, "ABC", false},
      {"abc", std::nullopt, "abcd", false},
      {"abc", std::nullopt, "xabc", false},
      {"a.c", std::nullopt, "abc", false},  // no regex metacharacters
      {"a*", std::nullopt, "aaa", false},
      {"a\\b", std::nullopt, "a\\b", true},  // no default escape
      // Prefix.
      {"72.21.%", std::nullopt, "72.21.1.1", true},
      {"72.21.%", std::nullopt, "72.21.", true},
      {"72.21.%", std::nullopt, "72.2", false},
      {"72.21.%", std::nullopt, "172.21.1.1", false},
      // Suffix.
      {"%.amazonaws.com", std::nullopt, "s3.amazonaws.com", true},
      {"%.amazonaws.com", std::nullopt, ".amazonaws.com", true},
      {"%.amazonaws.com", std::nullopt, "amazonaws.com", false},
      {"%.amazonaws.com", std::nullopt, "s3.amazonaws.com.", false},
      // Contains.
      {"%sg-123%", std::nullopt, "revoke sg-123 now", true},
      {"%sg-123%", std::nullopt, "sg-123", true},
      {"%sg-123%", std::nullopt, "sg-12", false},
      {"%sg-123%", std::nullopt, "SG-123", false},
      // `%` alone and runs of `%`.
      {"%", std::nullopt, "", true},
      {"%", std::nullopt, "anything at all", true},
      {"%%", std::nullopt, "", true},
      {"a%%%b", std::nullopt, "ab", true},
      {"a%%%b", std::nullopt, "axxxb", true},
      {"a%%%b", std::nullopt, "axxxbx", false},
      // `%` also matches newlines.
      {"a%b", std::nullopt, "a\nb", true},
      {"_", std::nullopt, "\n", true},
      // `_` is exactly one character, which may be several bytes.
      {"_", std::nullopt, "", false},
      {"_", std::nullopt, "a", true},
      {"_", std::nullopt, "ab", false},
      {"_", std::nullopt, "é", true},    // 2 bytes
      {"_", std::nullopt, "李", true},   // 3 bytes
      {"_", std::nullopt, "😀", true},   // 4 bytes
      {"__", std::nullopt, "é", false},
      {"___", std::nullopt, "李", false},
      {"a_c", std::nullopt, "aéc", true},
      {"a_c", std::nullopt, "a李c", true},
      {"a__c", std::nullopt, "aéc", false},
      {"a__c", std::nullopt, "a李éc", true},
      {"_é", std::nullopt, "éé", true},
      {"%_", std::nullopt, "李", true},
      {"%_", std::nullopt, "", false},
      {"_%", std::nullopt, "", false},
      {"_%_", std::nullopt, "é", false},
      {"_%_", std::nullopt, "éé", true},
      {"%_%", std::nullopt, "李", true},
      // General patterns that need backtracking.
      {"%a%b%", std::nullopt, "xaxbx", true},
      {"%a%b%", std::nullopt, "xbxax", false},
      {"a%a", std::nullopt, "a", false},
      {"a%a", std::nullopt, "aa", true},
      {"a%a", std::nullopt, "aba", true},
      {"%ab%ab", std::nullopt, "abab", true},
      {"%ab%ab", std::nullopt, "ababa", false},
      {"%aab", std::nullopt, "aaab", true},
      {"%a_b", std::nullopt, "aaéb", true},
      {"%é%李", std::nullopt, "xéy李", true},
      {"%é%李", std::nullopt, "x李yé", false},
      // ESCAPE '\'.
      {"a\\%b", "\\", "a%b", true},
      {"a\\%b", "\\", "axb", false},
      {"a\\%b", "\\", "axxb", false},
      {"a\\_b", "\\", "a_b", true},
      {"a\\_b", "\\", "axb", false},
      {"a\\\\b", "\\", "a\\b", true},
      {"a\\\\b", "\\", "a\\\\b", false},
      {"%\\%", "\\", "100%", true},
      {"%\\%", "\\", "100", false},
      {"\\%%", "\\", "%abc", true},
      {"\\%%", "\\", "abc", false},
      {"%\\_%", "\\", "a_b", true},
      {"%\\_%", "\\", "ab", false},
      {"\\_\\%_", "\\", "_%é", true},
      // ESCAPE '#'.
      {"100#%", "#", "100%", true},
      {"100#%", "#", "1000", false},
      {"##", "#", "#", true},
      {"##", "#", "##", false},
      {"#_%", "#", "_abc", true},
      {"#_%", "#", "xabc", false},
      {"a\\b", "#", "a\\b", true},  // `\` is ordinary when the escape is `#`
      // A multibyte escape character.
      {"ééé%", "é", "é%", true},
      {"ééé%", "é", "éx", false},
      // The escape may itself be a wildcard character (escape is checked first).
      {"%%", "%", "%", true},
      {"%%", "%", "x", false},
      {"%%%_", "%", "%_", true},
  };
  for (const MatchCase& c : cases) {
    SCOPED_TRACE(testing::Message() << "pattern '" << c.pattern << "' escape '"
                                    << c.escape.value_or("<none>") << "' text '" << c.text
                                    << "'");
    LikeMatcher matcher = MustCompile(c.pattern, c.escape);
    EXPECT_EQ(matcher.Matches(c.text), c.matches);
  }
}

// An empty value can be a view with a null data() (an empty string column
// entry): every shape answers without passing it to memcmp or memmem (UBSan
// caught `'' like '%a%'`, found by sql_eval_fuzzer).
TEST(LikeMatcherTest, EmptyViewWithNullData) {
  const std::string_view empty;
  EXPECT_TRUE(MustCompile("", std::nullopt).Matches(empty));
  EXPECT_FALSE(MustCompile("a", std::nullopt).Matches(empty));
  EXPECT_FALSE(MustCompile("a%", std::nullopt).Matches(empty));
  EXPECT_FALSE(MustCompile("%a", std::nullopt).Matches(empty));
  EXPECT_FALSE(MustCompile("%a%", std::nullopt).Matches(empty));
  EXPECT_TRUE(MustCompile("%", std::nullopt).Matches(empty));
  EXPECT_TRUE(MustCompile("%%", std::nullopt).Matches(empty));
  EXPECT_FALSE(MustCompile("a%b", std::nullopt).Matches(empty));
  EXPECT_FALSE(MustCompile("_", std::nullopt).Matches(empty));
}

// ---------------------------------------------------------------------------
// Errors.

struct ErrorCase {
  const char* pattern;
  std::string_view escape;
};

TEST(LikeMatcherTest, InvalidEscapes) {
  const ErrorCase cases[] = {
      // The escape is not exactly one character.
      {"abc", ""},
      {"abc", "ab"},
      {"abc", "\\\\"},
      {"abc", "éé"},
      {"abc", "a李"},
      // An escape followed by something other than `%`, `_` or itself.
      {"a\\b", "\\"},
      {"\\a%", "\\"},
      {"#x", "#"},
      {"%#é", "#"},
      {"éa", "é"},
      // A trailing escape.
      {"abc\\", "\\"},
      {"\\", "\\"},
      {"100#", "#"},
      {"a\\\\\\", "\\"},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(testing::Message() << "pattern '" << c.pattern << "' escape '" << c.escape
                                    << "'");
    absl::StatusOr<LikeMatcher> matcher = LikeMatcher::Compile(c.pattern, c.escape);
    ASSERT_FALSE(matcher.ok());
    EXPECT_EQ(matcher.status().code(), absl::StatusCode::kInvalidArgument);
  }
}

TEST(LikeMatcherTest, EscapeErrorMessages) {
  absl::StatusOr<LikeMatcher> two = LikeMatcher::Compile("a", "ab");
  ASSERT_FALSE(two.ok());
  EXPECT_NE(std::string(two.status().message()).find("single character"), std::string::npos)
      << two.status();
  absl::StatusOr<LikeMatcher> bad = LikeMatcher::Compile("a#b", "#");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(std::string(bad.status().message()).find("Escape character must be followed"),
            std::string::npos)
      << bad.status();
}

// Without ESCAPE, no pattern is an error.
TEST(LikeMatcherTest, NoEscapeNeverFails) {
  for (const char* pattern : {"\\", "a\\", "\\\\\\", "#", "%\\_", "é\\"}) {
    EXPECT_TRUE(LikeMatcher::Compile(pattern, std::nullopt).ok()) << pattern;
  }
}

// ---------------------------------------------------------------------------
// Randomized differential test against RE2.

// Splits `text` into the alphabet's symbols (all valid UTF-8 here).
std::vector<std::string> Characters(std::string_view text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size();) {
    unsigned char lead = static_cast<unsigned char>(text[i]);
    size_t len = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : 4;
    out.emplace_back(text.substr(i, len));
    i += len;
  }
  return out;
}

// The anchored RE2 regex for a LIKE pattern; nullopt where the pattern is an
// escape error (which the reference decides on its own).
std::optional<std::string> LikeToRegex(std::string_view pattern,
                                       std::optional<std::string_view> escape) {
  std::string regex;
  std::vector<std::string> chars = Characters(pattern);
  for (size_t i = 0; i < chars.size(); i++) {
    const std::string& ch = chars[i];
    if (escape.has_value() && ch == *escape) {
      if (i + 1 >= chars.size()) return std::nullopt;
      const std::string& next = chars[++i];
      if (next != "%" && next != "_" && next != *escape) return std::nullopt;
      regex += RE2::QuoteMeta(next);
    } else if (ch == "%") {
      regex += "(?s:.*)";
    } else if (ch == "_") {
      regex += "(?s:.)";
    } else {
      regex += RE2::QuoteMeta(ch);
    }
  }
  return regex;
}

std::string RandomString(std::mt19937& rng, const std::vector<std::string>& alphabet,
                         int max_length) {
  std::uniform_int_distribution<int> length(0, max_length);
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  std::string out;
  for (int n = length(rng); n > 0; n--) out += alphabet[pick(rng)];
  return out;
}

void RunDifferential(uint32_t seed, const std::vector<std::string>& pattern_alphabet,
                     const std::vector<std::string>& text_alphabet,
                     std::optional<std::string_view> escape, int iterations) {
  std::mt19937 rng(seed);
  RE2::Options options;  // UTF-8 mode is the default
  options.set_log_errors(false);
  int compared = 0, errors = 0;
  for (int i = 0; i < iterations; i++) {
    std::string pattern = RandomString(rng, pattern_alphabet, 7);
    std::string text = RandomString(rng, text_alphabet, 9);
    SCOPED_TRACE(testing::Message() << "iteration " << i << " pattern '" << pattern
                                    << "' text '" << text << "'");
    std::optional<std::string> regex = LikeToRegex(pattern, escape);
    absl::StatusOr<LikeMatcher> matcher = LikeMatcher::Compile(pattern, escape);
    ASSERT_EQ(matcher.ok(), regex.has_value()) << matcher.status();
    if (!regex.has_value()) {
      errors++;
      continue;
    }
    RE2 re(*regex, options);
    ASSERT_TRUE(re.ok()) << *regex << ": " << re.error();
    ASSERT_EQ(matcher->Matches(text), RE2::FullMatch(text, re)) << "regex " << *regex;
    compared++;
  }
  EXPECT_GT(compared, iterations / 4);
  if (escape.has_value()) {
    EXPECT_GT(errors, 0);
  }
}

TEST(LikeMatcherTest, DifferentialAgainstRe2) {
  const std::vector<std::string> alphabet = {"a", "b", "%", "_", "é"};
  RunDifferential(20240601, alphabet, alphabet, std::nullopt, 20000);
}

// Texts made only of the letters make matches more frequent.
TEST(LikeMatcherTest, DifferentialAgainstRe2LettersOnlyText) {
  RunDifferential(7, {"a", "b", "%", "_", "é"}, {"a", "b", "é"}, std::nullopt, 10000);
}

TEST(LikeMatcherTest, DifferentialAgainstRe2WithEscape) {
  const std::vector<std::string> alphabet = {"a", "b", "%", "_", "é", "#"};
  RunDifferential(99, alphabet, alphabet, "#", 10000);
}

TEST(LikeMatcherTest, DifferentialAgainstRe2WithMultibyteEscape) {
  const std::vector<std::string> alphabet = {"a", "%", "_", "é", "李"};
  RunDifferential(12345, alphabet, alphabet, "李", 5000);
}

}  // namespace
}  // namespace ctq
