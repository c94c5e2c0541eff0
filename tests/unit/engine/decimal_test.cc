// DECIMAL arithmetic on 128-bit unscaled values (ctq/internal/decimal.h):
// the edges the SQL tests cannot reach cheaply, checked against values worked
// out by hand (and, for the 256-bit division, by Python's exact integers).
#include "ctq/internal/decimal.h"

#include <gtest/gtest.h>

#include <limits>

namespace ctq {
namespace {

Int128 FromText(const char* text) {
  std::optional<ParsedDecimal> parsed = ParseDecimal(text, /*allow_exponent=*/false);
  EXPECT_TRUE(parsed.has_value()) << text;
  return parsed.has_value() ? parsed->unscaled : 0;
}

// Leading zeros do not count toward precision: Trino's current Decimals.parse
// strips them (its decimal.md table, which says DECIMAL(20, 10) for the third
// case, predates that).
TEST(DecimalTest, ParsesLiteralsAsTrinoTypesThem) {
  struct Case {
    const char* text;
    int precision, scale;
  };
  for (Case c : {Case{"0", 1, 0}, Case{"12345", 5, 0}, Case{"0000012345.1234500000", 15, 10},
                 Case{"0.1", 1, 1}, Case{"100.0", 4, 1}, Case{".5", 1, 1}, Case{"5.", 1, 0},
                 Case{"0.00", 2, 2}, Case{"0.01", 2, 2}}) {
    std::optional<ParsedDecimal> parsed = ParseDecimal(c.text, false);
    ASSERT_TRUE(parsed.has_value()) << c.text;
    EXPECT_EQ(parsed->precision, c.precision) << c.text;
    EXPECT_EQ(parsed->scale, c.scale) << c.text;
  }
  EXPECT_FALSE(ParseDecimal("", false).has_value());
  EXPECT_FALSE(ParseDecimal(".", false).has_value());
  EXPECT_FALSE(ParseDecimal("1.2.3", false).has_value());
  EXPECT_FALSE(ParseDecimal("1e3", false).has_value());
  EXPECT_FALSE(ParseDecimal("123456789012345678901234567890123456789", false).has_value());
  EXPECT_TRUE(ParseDecimal("12345678901234567890123456789012345678", false).has_value());
  std::optional<ParsedDecimal> exponent = ParseDecimal("1.5e3", true);
  ASSERT_TRUE(exponent.has_value());
  EXPECT_EQ(FormatDecimal(exponent->unscaled, exponent->scale), "1500");
  exponent = ParseDecimal("-25E-3", true);
  ASSERT_TRUE(exponent.has_value());
  EXPECT_EQ(FormatDecimal(exponent->unscaled, exponent->scale), "-0.025");
}

TEST(DecimalTest, FormatsEveryScaleDigit) {
  EXPECT_EQ(FormatDecimal(150, 2), "1.50");
  EXPECT_EQ(FormatDecimal(-5, 1), "-0.5");
  EXPECT_EQ(FormatDecimal(7, 3), "0.007");
  EXPECT_EQ(FormatDecimal(0, 0), "0");
  EXPECT_EQ(FormatDecimal(PowerOfTen(38) - 1, 0), std::string(38, '9'));
  EXPECT_EQ(FormatDecimal(-(PowerOfTen(38) - 1), 38), "-0." + std::string(38, '9'));
}

TEST(DecimalTest, RescaleRoundsHalfAwayFromZeroAndChecks38Digits) {
  Int128 out = 0;
  ASSERT_TRUE(Rescale(1995, 3, 2, &out));
  EXPECT_EQ(FormatDecimal(out, 2), "2.00");
  ASSERT_TRUE(Rescale(-1995, 3, 2, &out));
  EXPECT_EQ(FormatDecimal(out, 2), "-2.00");
  ASSERT_TRUE(Rescale(1994, 3, 2, &out));
  EXPECT_EQ(FormatDecimal(out, 2), "1.99");
  ASSERT_TRUE(Rescale(5, 0, 37, &out));
  EXPECT_FALSE(Rescale(10, 0, 37, &out));
  EXPECT_FALSE(Rescale(1, 0, 39, &out));
  ASSERT_TRUE(Rescale(0, 0, 60, &out));
  EXPECT_TRUE(out == 0);
}

TEST(DecimalTest, DivisionIsExactPast128Bits) {
  Int128 out = 0;
  // 10^37 scaled by 10^20 is 10^57, past 2^128 (about 3.4 x 10^38).
  ASSERT_TRUE(DivideRounded(PowerOfTen(37), 20, PowerOfTen(37) * 3, &out));
  EXPECT_EQ(FormatDecimal(out, 20), "0.33333333333333333333");
  ASSERT_TRUE(DivideRounded(PowerOfTen(37) * 2, 20, PowerOfTen(37) * 3, &out));
  EXPECT_EQ(FormatDecimal(out, 20), "0.66666666666666666667");
  ASSERT_TRUE(DivideRounded(-1, 1, 4, &out));  // -0.25 at scale 1: -0.3
  EXPECT_EQ(FormatDecimal(out, 1), "-0.3");
  EXPECT_FALSE(DivideRounded(PowerOfTen(37), 2, 1, &out));  // 10^39
}

TEST(DecimalTest, ResultTypesFollowDecimalOperators) {
  const Type a = Type::Decimal(4, 1), b = Type::Decimal(19, 0);
  EXPECT_EQ(DecimalAddType(a, b), Type::Decimal(21, 1));
  EXPECT_EQ(DecimalMultiplyType(a, b), Type::Decimal(23, 1));
  EXPECT_EQ(DecimalDivideType(Type::Decimal(23, 1), b), Type::Decimal(23, 1));
  EXPECT_EQ(DecimalDivideType(Type::Decimal(10, 0), Type::Decimal(3, 2)), Type::Decimal(14, 2));
  EXPECT_EQ(DecimalModuloType(Type::Decimal(2, 1), Type::Decimal(10, 0)), Type::Decimal(2, 1));
  EXPECT_EQ(DecimalAddType(Type::Decimal(38, 0), Type::Decimal(38, 0)), Type::Decimal(38, 0));
  EXPECT_EQ(CommonDecimalType(Type(TypeId::kInteger), Type::Decimal(2, 1)), Type::Decimal(11, 1));
  EXPECT_EQ(TypeName(Type::Decimal(23, 1)), "decimal(23,1)");
}

TEST(DecimalTest, DoublesConvertThroughTheirShortestText) {
  Int128 out = 0;
  ASSERT_TRUE(DoubleToDecimal(0.1, 5, 2, &out));
  EXPECT_EQ(FormatDecimal(out, 2), "0.10");
  ASSERT_TRUE(DoubleToDecimal(2.675, 5, 2, &out));  // text "2.675": half up
  EXPECT_EQ(FormatDecimal(out, 2), "2.68");
  EXPECT_FALSE(DoubleToDecimal(1e10, 5, 2, &out));
  EXPECT_FALSE(DoubleToDecimal(std::numeric_limits<double>::quiet_NaN(), 5, 2, &out));
  EXPECT_EQ(DecimalToDouble(FromText("0.1"), 1), 0.1);
}

}  // namespace
}  // namespace ctq
