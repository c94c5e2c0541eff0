#include "engine/trino_function_names.h"

#include "gtest/gtest.h"

namespace ctq {
namespace {

TEST(IsTrinoFunctionTest, KnowsScalarAggregateAndWindowFunctions) {
  EXPECT_TRUE(IsTrinoFunction("lower"));
  EXPECT_TRUE(IsTrinoFunction("date_trunc"));
  EXPECT_TRUE(IsTrinoFunction("regexp_extract_all"));
  EXPECT_TRUE(IsTrinoFunction("array_agg"));
  EXPECT_TRUE(IsTrinoFunction("approx_percentile"));
  EXPECT_TRUE(IsTrinoFunction("row_number"));
  EXPECT_TRUE(IsTrinoFunction("lag"));
}

TEST(IsTrinoFunctionTest, KnowsTheSpecialFormsTheListNames) {
  EXPECT_TRUE(IsTrinoFunction("if"));
  EXPECT_TRUE(IsTrinoFunction("try"));
  EXPECT_TRUE(IsTrinoFunction("nullif"));
  EXPECT_TRUE(IsTrinoFunction("coalesce"));
  EXPECT_TRUE(IsTrinoFunction("current_timestamp"));
}

TEST(IsTrinoFunctionTest, TheFirstAndLastNamesOfTheList) {
  EXPECT_TRUE(IsTrinoFunction("abs"));
  EXPECT_TRUE(IsTrinoFunction("zip_with"));
}

TEST(IsTrinoFunctionTest, RejectsOtherNames) {
  EXPECT_FALSE(IsTrinoFunction("frobnicate"));
  EXPECT_FALSE(IsTrinoFunction(""));
  EXPECT_FALSE(IsTrinoFunction("date_trun"));
  EXPECT_FALSE(IsTrinoFunction("date_trunc_"));
  // Operators and row pattern recognition functions are on the page, but are no call.
  EXPECT_FALSE(IsTrinoFunction("and"));
  EXPECT_FALSE(IsTrinoFunction("between"));
  EXPECT_FALSE(IsTrinoFunction("prev"));
  // Names from other engines.
  EXPECT_FALSE(IsTrinoFunction("nvl"));
  EXPECT_FALSE(IsTrinoFunction("string_agg"));
}

TEST(IsTrinoFunctionTest, TakesLowerCaseNamesOnly) {
  EXPECT_TRUE(IsTrinoFunction("st_area"));  // ST_Area on the page
  EXPECT_FALSE(IsTrinoFunction("ST_Area"));
  EXPECT_FALSE(IsTrinoFunction("IF"));
}

}  // namespace
}  // namespace ctq
