// Unit tests of JsonPath (exec/json_path.h): Trino's json_extract_scalar path
// language and extraction semantics.
#include "exec/json_path.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace ctq {
namespace {

// Renders parsed steps as `key` or `key#index`, joined by '|'.
std::string StepsString(const JsonPath& path) {
  std::string out;
  for (const JsonPath::Step& step : path.steps()) {
    if (!out.empty()) out += "|";
    out += step.key;
    if (step.index.has_value()) out += "#" + std::to_string(*step.index);
  }
  return out;
}

// The result of json_extract_scalar(json, path); nullopt is SQL NULL.
std::optional<std::string> Extract(std::string_view json, std::string_view path_text) {
  absl::StatusOr<JsonPath> path = JsonPath::Parse(path_text);
  EXPECT_TRUE(path.ok()) << path_text << ": " << path.status();
  if (!path.ok()) return std::nullopt;
  JsonPath::Scratch scratch;
  std::string out;
  if (!path->Extract(json, &scratch, &out)) return std::nullopt;
  return out;
}

// ---------------------------------------------------------------------------
// Parse.

struct ParseCase {
  const char* path;
  const char* steps;
};

TEST(JsonPathTest, ParseAccepts) {
  const ParseCase cases[] = {
      {"$", ""},
      {"$.a", "a"},
      {"$.a.b", "a|b"},
      {"$.userName", "userName"},
      {"$.a_b1", "a_b1"},
      {"$[0]", "0#0"},
      {"$[12]", "12#12"},
      {"$.a[0].b", "a|0#0|b"},
      {"$.0", "0#0"},
      {"$[\"x-amz-id-2\"]", "x-amz-id-2"},
      {"$[\"a\\\"b\"]", "a\"b"},
      {"$[\"a\\\\b\"]", "a\\b"},
      {"$[\"a b.c[0]\"]", "a b.c[0]"},
      {"$[\"\"]", ""},
      {"$.a:b", "a:b"},
      {"$[abc]", "abc"},
      {"$.requestParameters[\"bucketName\"]", "requestParameters|bucketName"},
  };
  for (const ParseCase& c : cases) {
    SCOPED_TRACE(c.path);
    absl::StatusOr<JsonPath> path = JsonPath::Parse(c.path);
    ASSERT_TRUE(path.ok()) << path.status();
    EXPECT_EQ(StepsString(*path), c.steps);
  }
}

TEST(JsonPathTest, ParseRejects) {
  const char* const cases[] = {
      "",       "a",     "$.",      "$..a",    "$.*",    "$[*]",   "$ .a",   "$.a ",
      "$[\"a",  "$[0",   "$[]",     "$[\"a\"", "$.a-b",  "$a",     "$$",     "$[\"a\\x\"]",
      "$[\"a\\", "$.a[?(@.b)]", "$[-1]", "$['a']", ".a",     "$.a.",   "$[0]]",  "$.a[",
  };
  for (const char* text : cases) {
    SCOPED_TRACE(text);
    absl::StatusOr<JsonPath> path = JsonPath::Parse(text);
    ASSERT_FALSE(path.ok()) << "steps: " << StepsString(*path);
    EXPECT_EQ(path.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(path.status().message(), "Invalid JSON path: '" + std::string(text) + "'");
  }
}

// ---------------------------------------------------------------------------
// Extract.

struct ExtractCase {
  const char* json;
  const char* path;
  std::optional<const char*> expected;  // nullopt: NULL
};

TEST(JsonPathTest, Extract) {
  const ExtractCase cases[] = {
      // Strings: unescaped text.
      {R"({"a":"x"})", "$.a", "x"},
      {R"({"a":"x\u0027y"})", "$.a", "x'y"},
      {R"({"a":"q\"b\\s\/n\nt"})", "$.a", "q\"b\\s/n\nt"},
      {R"({"a":"\u00e9\u674e"})", "$.a", "é李"},
      {R"({"a":"\ud83d\ude00"})", "$.a", "😀"},
      {R"({"a":""})", "$.a", ""},
      // Numbers: as written.
      {R"({"a":1})", "$.a", "1"},
      {R"({"a":1.50})", "$.a", "1.50"},
      {R"({"a":1e3})", "$.a", "1e3"},
      {R"({"a":1E+3})", "$.a", "1E+3"},
      {R"({"a":-0})", "$.a", "-0"},
      {R"({"a":-0.0})", "$.a", "-0.0"},
      {R"({"a":123456789012345678901234567890})", "$.a", "123456789012345678901234567890"},
      {R"({"a" : 1.50 , "b":2})", "$.a", "1.50"},
      {"{\"a\":\n\t7\n}", "$.a", "7"},
      // Booleans.
      {R"({"a":true})", "$.a", "true"},
      {R"({"a":false})", "$.a", "false"},
      // NULL: JSON null, object, array, missing key, out-of-range index.
      {R"({"a":null})", "$.a", std::nullopt},
      {R"({"a":{"b":1}})", "$.a", std::nullopt},
      {R"({"a":{}})", "$.a", std::nullopt},
      {R"({"a":[1,2]})", "$.a", std::nullopt},
      {R"({"a":[]})", "$.a", std::nullopt},
      {R"({"a":1})", "$.b", std::nullopt},
      {R"({})", "$.a", std::nullopt},
      {R"({"A":1})", "$.a", std::nullopt},  // keys are case-sensitive
      {R"([10,20,30])", "$[3]", std::nullopt},
      {R"([])", "$[0]", std::nullopt},
      {R"({"a":[10]})", "$.a[1]", std::nullopt},
      // Paths through objects and arrays.
      {R"([10,20,30])", "$[0]", "10"},
      {R"([10,20,30])", "$[2]", "30"},
      {R"({"a":{"b":[10,{"c":"deep"}]}})", "$.a.b[1].c", "deep"},
      {R"({"a":{"b":[10,{"c":"deep"}]}})", "$[\"a\"][\"b\"][1][\"c\"]", "deep"},
      {R"({"a":{"b":[10,{"c":"deep"}]}})", "$[a][b][1][c]", "deep"},
      {R"({"a":[[1,2],[3,4]]})", "$.a[1][0]", "3"},
      {R"({"x-amz-id-2":"abc=="})", "$[\"x-amz-id-2\"]", "abc=="},
      {R"({"a\"b":"q"})", "$[\"a\\\"b\"]", "q"},
      {R"({"a\\b":"bs"})", "$[\"a\\\\b\"]", "bs"},
      {R"({"x\u002dy":"esc"})", "$[\"x-y\"]", "esc"},  // keys compare unescaped
      {R"({"a:b":"colon"})", "$.a:b", "colon"},
      {R"({"":"empty"})", "$[\"\"]", "empty"},
      // Steps past a scalar, or a key step on an array.
      {R"({"a":1})", "$.a.b", std::nullopt},
      {R"({"a":"s"})", "$.a[0]", std::nullopt},
      {R"([1])", "$.a", std::nullopt},
      // A number step also matches an object key.
      {R"({"0":"z"})", "$[0]", "z"},
      {R"({"0":"z"})", "$.0", "z"},
      {R"({"1":"y","0":"z"})", "$[0]", "z"},
      {R"({"a":{"10":"ten"}})", "$.a[10]", "ten"},
      // First duplicate key wins.
      {R"({"a":1,"a":2})", "$.a", "1"},
      {R"({"a":{"b":"first"},"a":{"b":"second"}})", "$.a.b", "first"},
      {R"({"a":null,"a":2})", "$.a", std::nullopt},
      // Top-level scalars with `$`.
      {R"("top")", "$", "top"},
      {R"(42)", "$", "42"},
      {R"(1.50)", "$", "1.50"},
      {R"(-0)", "$", "-0"},
      {R"(true)", "$", "true"},
      {R"(false)", "$", "false"},
      {R"(null)", "$", std::nullopt},
      {R"({"a":1})", "$", std::nullopt},
      {R"([1])", "$", std::nullopt},
      {R"(  "padded"  )", "$", "padded"},
      // Invalid JSON.
      {"", "$", std::nullopt},
      {"", "$.a", std::nullopt},
      {"   ", "$.a", std::nullopt},
      {"not json", "$.a", std::nullopt},
      {R"({"a":"unterminated)", "$.a", std::nullopt},
      {R"({"a":"bad \q escape"})", "$.a", std::nullopt},
      {R"({"a":tru})", "$.a", std::nullopt},
      {R"({"a":nul})", "$.a", std::nullopt},
      // Trino reads (and validates) every value before the target...
      {R"({"b":[1,oops],"a":"x"})", "$.a", std::nullopt},
      {R"({"b":{"c":oops},"a":"x"})", "$.a", std::nullopt},
      {R"({"b":"bad \q","a":"x"})", "$.a", std::nullopt},
      {R"([oops,2])", "$[1]", std::nullopt},
      // ...but stops after it.
      {R"({"a":"x",oops)", "$.a", "x"},
      {R"({"a":"x","b":[1,oops]})", "$.a", "x"},
      {R"([1,2)", "$[0]", "1"},
      {R"([1,oops])", "$[0]", "1"},
  };
  for (const ExtractCase& c : cases) {
    SCOPED_TRACE(testing::Message() << "json " << c.json << " path " << c.path);
    std::optional<std::string> expected;
    if (c.expected.has_value()) expected = *c.expected;
    EXPECT_EQ(Extract(c.json, c.path), expected);
  }
}

// Trino derives the index from the key text whatever the step's syntax
// (ObjectFieldJsonExtractor: index = tryParseInt(fieldName)), so a quoted
// numeric key also indexes an array.
// BUG (disabled until fixed): JsonPath::Parse sets Step::index only for
// unquoted steps, so `$["1"]` on `[5,6]` gives NULL instead of "6".
TEST(JsonPathTest, QuotedNumericKeyIndexesArray) {
  EXPECT_EQ(Extract(R"([5,6])", "$[\"1\"]"), std::optional<std::string>("6"));
  EXPECT_EQ(Extract(R"({"1":"one"})", "$[\"1\"]"), std::optional<std::string>("one"));
}

// A number is one token: Trino (Jackson) either fails on a malformed number
// (NULL) or stops at the end of the valid number; it never returns the
// malformed text as written.
// BUG (disabled until fixed): ScalarText returns raw_json_token() for any
// token simdjson types as a number without validating it, so `{"a":1x}` gives
// "1x" (Trino: "1"; `01`, `-`, `1e` are NULL in Trino).
TEST(JsonPathTest, MalformedNumberIsNotReturnedAsWritten) {
  struct Case {
    const char* json;
    const char* as_written;
  };
  const Case cases[] = {
      {R"({"a":1x})", "1x"},
      {R"({"a":1.2.3})", "1.2.3"},
      {R"({"a":-})", "-"},
      {R"({"a":01})", "01"},
      {R"({"a":1e})", "1e"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.json);
    EXPECT_NE(Extract(c.json, "$.a"), std::optional<std::string>(c.as_written));
  }
}

// Trino's tokenizer: `.name` takes letters (Character.isLetterOrDigit, so
// non-ASCII letters too), digits, `_` and `:`; an unquoted `[name]` takes
// letters, digits and `_` but not `:`.
// BUG (disabled until fixed): ctq tests bytes with ASCII isalnum and accepts
// `:` in both forms, so `$.café` is rejected and `$[a:b]` accepted.
TEST(JsonPathTest, TokenizerCharacterClassesMatchTrino) {
  EXPECT_TRUE(JsonPath::Parse("$.café").ok());
  EXPECT_TRUE(JsonPath::Parse("$.李").ok());
  EXPECT_TRUE(JsonPath::Parse("$[café]").ok());
  EXPECT_FALSE(JsonPath::Parse("$[a:b]").ok());
}

// The scratch buffer is reused across calls and inputs of different sizes,
// and results do not depend on what a previous call left there.
TEST(JsonPathTest, ScratchReuse) {
  absl::StatusOr<JsonPath> path = JsonPath::Parse("$.a");
  ASSERT_TRUE(path.ok());
  JsonPath::Scratch scratch;
  std::string out;
  std::string big = R"({"pad":")" + std::string(10000, 'p') + R"(","a":"big"})";
  ASSERT_TRUE(path->Extract(big, &scratch, &out));
  EXPECT_EQ(out, "big");
  ASSERT_TRUE(path->Extract(R"({"a":"s"})", &scratch, &out));
  EXPECT_EQ(out, "s");
  EXPECT_FALSE(path->Extract(R"({"a":)", &scratch, &out));
  ASSERT_TRUE(path->Extract(R"({"a":12})", &scratch, &out));
  EXPECT_EQ(out, "12");
}

// The input need not be NUL-terminated or padded: a view into a larger buffer
// ends where the view ends.
TEST(JsonPathTest, InputIsAView) {
  std::string buffer = R"({"a":"inside"}{"a":"outside"})";
  std::string_view first(buffer.data(), 14);
  ASSERT_EQ(first, R"({"a":"inside"})");
  EXPECT_EQ(Extract(first, "$.a"), std::optional<std::string>("inside"));
  std::string numbers = "[12345]";
  EXPECT_EQ(Extract(std::string_view(numbers.data(), 6), "$[0]"),
            std::optional<std::string>("12345"));
}

}  // namespace
}  // namespace ctq
