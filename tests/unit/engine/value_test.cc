#include "ctq/value.h"

#include <cmath>
#include <limits>

#include "gtest/gtest.h"

namespace ctq {
namespace {

TEST(FormatDoubleTest, PlainDecimalsBetweenOneThousandthAndTenMillion) {
  EXPECT_EQ(FormatDouble(1.5), "1.5");
  EXPECT_EQ(FormatDouble(2.0), "2.0");
  EXPECT_EQ(FormatDouble(123.45), "123.45");
  EXPECT_EQ(FormatDouble(100.0), "100.0");
  EXPECT_EQ(FormatDouble(1234567.0), "1234567.0");
  EXPECT_EQ(FormatDouble(9999999.0), "9999999.0");
  EXPECT_EQ(FormatDouble(0.001), "0.001");
  EXPECT_EQ(FormatDouble(0.00123), "0.00123");
  EXPECT_EQ(FormatDouble(0.5), "0.5");
  EXPECT_EQ(FormatDouble(1.0 / 3), "0.3333333333333333");
  EXPECT_EQ(FormatDouble(2.0 / 3), "0.6666666666666666");
  EXPECT_EQ(FormatDouble(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(FormatDouble(-1.5), "-1.5");
  EXPECT_EQ(FormatDouble(-123456.0), "-123456.0");
}

TEST(FormatDoubleTest, ScientificOutsideThatRange) {
  EXPECT_EQ(FormatDouble(1e7), "1.0E7");
  EXPECT_EQ(FormatDouble(12345678.0), "1.2345678E7");
  EXPECT_EQ(FormatDouble(1e21), "1.0E21");
  EXPECT_EQ(FormatDouble(0.0001), "1.0E-4");
  EXPECT_EQ(FormatDouble(0.000999), "9.99E-4");
  EXPECT_EQ(FormatDouble(1.234e-5), "1.234E-5");
  EXPECT_EQ(FormatDouble(-2.5e-10), "-2.5E-10");
  EXPECT_EQ(FormatDouble(std::numeric_limits<double>::max()), "1.7976931348623157E308");
  EXPECT_EQ(FormatDouble(std::numeric_limits<double>::min()), "2.2250738585072014E-308");
}

TEST(FormatDoubleTest, PrefersACloserTwoDigitDecimalLikeJava) {
  // The shortest decimal is 5e-324, but Java prints the closer 4.9E-324.
  EXPECT_EQ(FormatDouble(std::numeric_limits<double>::denorm_min()), "4.9E-324");
}

TEST(FormatDoubleTest, SpecialValues) {
  EXPECT_EQ(FormatDouble(0.0), "0.0");
  EXPECT_EQ(FormatDouble(-0.0), "-0.0");
  EXPECT_EQ(FormatDouble(std::nan("")), "NaN");
  EXPECT_EQ(FormatDouble(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(FormatDouble(-std::numeric_limits<double>::infinity()), "-Infinity");
}

TEST(ValueTest, FactoriesSetTypeAndValue) {
  Value b = Value::Boolean(true);
  EXPECT_EQ(b.type(), TypeId::kBoolean);
  EXPECT_FALSE(b.is_null());
  EXPECT_TRUE(b.boolean());

  Value i = Value::Bigint(-42);
  EXPECT_EQ(i.type(), TypeId::kBigint);
  EXPECT_EQ(i.bigint(), -42);

  Value d = Value::Double(0.25);
  EXPECT_EQ(d.type(), TypeId::kDouble);
  EXPECT_EQ(d.dbl(), 0.25);

  Value s = Value::Varchar("ConsoleLogin");
  EXPECT_EQ(s.type(), TypeId::kVarchar);
  EXPECT_EQ(s.varchar(), "ConsoleLogin");

  Value n = Value::Null(TypeId::kVarchar);
  EXPECT_TRUE(n.is_null());
  EXPECT_EQ(n.type(), TypeId::kVarchar);
  EXPECT_TRUE(Value().is_null());
  EXPECT_EQ(Value().type(), TypeId::kUnknown);
}

TEST(ValueTest, ToStringIsWhatTrinosCliPrints) {
  EXPECT_EQ(Value::Boolean(true).ToString(), "true");
  EXPECT_EQ(Value::Boolean(false).ToString(), "false");
  EXPECT_EQ(Value::Bigint(0).ToString(), "0");
  EXPECT_EQ(Value::Bigint(-9223372036854775807LL - 1).ToString(), "-9223372036854775808");
  EXPECT_EQ(Value::Double(2).ToString(), "2.0");
  EXPECT_EQ(Value::Double(1e7).ToString(), "1.0E7");
  EXPECT_EQ(Value::Varchar("").ToString(), "");
  EXPECT_EQ(Value::Varchar("héllo").ToString(), "héllo");
  EXPECT_EQ(Value::Null(TypeId::kBigint).ToString(), "NULL");
  EXPECT_EQ(Value().ToString(), "NULL");
}

}  // namespace
}  // namespace ctq
