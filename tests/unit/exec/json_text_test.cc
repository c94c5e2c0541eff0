// CanonicalJson: json_parse's text, as Trino's JsonFunctions.jsonParse gives
// it (keys sorted, no whitespace), and nullopt for anything that is not one
// JSON value, including the empty value whose view has a null data()
// (sql_eval_fuzzer: `json_parse('')` made simdjson memcpy from null).
#include "exec/json_text.h"

#include <optional>
#include <string>
#include <string_view>

#include "gtest/gtest.h"

namespace ctq {
namespace {

TEST(CanonicalJsonTest, SortsKeysAndDropsWhitespace) {
  EXPECT_EQ(CanonicalJson(R"({ "b": [1, 2], "a": {"d": null, "c": true} })"),
            std::optional<std::string>(R"({"a":{"c":true,"d":null},"b":[1,2]})"));
  EXPECT_EQ(CanonicalJson("[1, 2, 3]"), std::optional<std::string>("[1,2,3]"));
}

TEST(CanonicalJsonTest, NotOneJsonValueIsNullopt) {
  EXPECT_EQ(CanonicalJson(std::string_view()), std::nullopt);
  EXPECT_EQ(CanonicalJson(""), std::nullopt);
  EXPECT_EQ(CanonicalJson("   "), std::nullopt);
  EXPECT_EQ(CanonicalJson("[1, 2"), std::nullopt);
  EXPECT_EQ(CanonicalJson("1 2"), std::nullopt);
}

}  // namespace
}  // namespace ctq
