// ROW and ARRAY types (ctq/type.h) and the ROW encoding
// (ctq/internal/array_encoding.h).
#include <string>
#include <thread>
#include <vector>

#include "ctq/internal/array_encoding.h"
#include "ctq/type.h"
#include "ctq/value.h"
#include "gtest/gtest.h"

namespace ctq {
namespace {

Type Resource() {
  return Type::Row(
      {{"arn", TypeId::kVarchar}, {"accountid", TypeId::kVarchar}, {"type", TypeId::kVarchar}});
}

TEST(RowTypeTest, EqualParametersMakeEqualTypes) {
  EXPECT_EQ(Resource(), Resource());
  EXPECT_EQ(Type::Array(Resource()), Type::Array(Resource()));
  EXPECT_NE(Resource(), Type::Row({{"arn", TypeId::kVarchar}}));
  // Same types, other names; same names, other types.
  EXPECT_NE(Type::Row({{"a", TypeId::kBigint}}), Type::Row({{"b", TypeId::kBigint}}));
  EXPECT_NE(Type::Row({{"a", TypeId::kBigint}}), Type::Row({{"a", TypeId::kInteger}}));
  // A name holding the characters a key is built from does not collide.
  EXPECT_NE(Type::Row({{"a", TypeId::kBigint}, {"b", TypeId::kBigint}}),
            Type::Row({{"a", TypeId::kBigint}}));
  EXPECT_EQ(Type::Array(Type::Decimal(10, 2)).element(), Type::Decimal(10, 2));
  EXPECT_NE(Type::Array(Type::Decimal(10, 2)), Type::Array(Type::Decimal(10, 3)));
}

TEST(RowTypeTest, NamesAndFields) {
  const Type row = Resource();
  EXPECT_EQ(TypeName(row), "row(arn varchar, accountid varchar, type varchar)");
  EXPECT_EQ(TypeName(Type::Array(row)), "array(row(arn varchar, accountid varchar, type varchar))");
  EXPECT_EQ(row.field_count(), 3);
  EXPECT_EQ(row.field_name(1), "accountid");
  EXPECT_EQ(row.FindField("AccountId"), 1);  // identifiers are case-insensitive
  EXPECT_EQ(row.FindField("arnprefix"), std::nullopt);
  EXPECT_EQ(Type(TypeId::kVarchar).field_count(), 0);
}

TEST(RowTypeTest, ATypeIsInternedOnceAndStaysFourBytes) {
  static_assert(sizeof(Type) == 4);
  static_assert(sizeof(Value) == 56);
  const uint32_t left = Type::NestedTypesLeft();
  const Type first = Type::Row({{"interned_once", TypeId::kDate}});
  EXPECT_EQ(Type::NestedTypesLeft(), left - 1);
  EXPECT_EQ(Type::Row({{"interned_once", TypeId::kDate}}), first);
  EXPECT_EQ(Type::NestedTypesLeft(), left - 1);
}

TEST(RowTypeTest, InterningIsThreadSafe) {
  std::vector<Type> seen(8);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; t++) {
    threads.emplace_back([&seen, t] {
      for (int i = 0; i < 200; i++) seen[t] = Type::Array(Type::Row({{"f", TypeId::kBigint}}));
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const Type& type : seen) EXPECT_EQ(type, seen[0]);
}

TEST(RowEncodingTest, RoundTripsAndPrintsAsTrinosCli) {
  const Type row = Resource();
  const std::string bytes = EncodeArray(
      {Value::Null(TypeId::kVarchar), Value::Varchar("1"), Value::Varchar(std::string("a\0b", 3))});
  absl::StatusOr<std::vector<Value>> fields = DecodeRow(row, bytes);
  ASSERT_TRUE(fields.ok()) << fields.status();
  ASSERT_EQ(fields->size(), 3u);
  EXPECT_TRUE((*fields)[0].is_null());
  EXPECT_EQ((*fields)[2].varchar(), std::string("a\0b", 3));
  EXPECT_EQ(DecodeRowField(row, bytes, 1)->varchar(), "1");
  EXPECT_EQ(Value::OfString(row, bytes).ToString(), std::string("{arn=NULL, accountid=1, type=a\0b}", 33));
}

TEST(RowEncodingTest, NestedRowsAndArrays) {
  const Type inner = Type::Row({{"c", TypeId::kInteger}});
  const Type outer = Type::Row({{"b", Type::Array(inner)}, {"d", TypeId::kDouble}});
  const std::string one = EncodeArray({Value::Integer(1)});
  const std::string list =
      EncodeArray({Value::OfString(inner, one), Value::Null(inner)});
  const std::string bytes = EncodeArray({Value::OfString(Type::Array(inner), list), Value::Double(2.5)});
  EXPECT_EQ(Value::OfString(outer, bytes).ToString(), "{b=[{c=1}, NULL], d=2.5}");
}

TEST(RowEncodingTest, ByteOrderIsFieldByFieldOrder) {
  // ROW(a BIGINT, b VARCHAR) values.
  auto encode = [](int64_t a, const char* b) {
    return EncodeArray({Value::Bigint(a), Value::Varchar(b)});
  };
  EXPECT_LT(encode(-5, "z"), encode(1, "a"));
  EXPECT_LT(encode(1, "a"), encode(1, "ab"));
  EXPECT_LT(encode(1, "ab"), encode(2, ""));
}

TEST(RowEncodingTest, DamagedBytesAreAnErrorNotACrash) {
  const Type row = Resource();
  for (std::string bytes : {std::string("\x01", 1), std::string("\x07"), std::string("\x02\x02"),
                            std::string("\x02\x02\x02\x02")}) {
    EXPECT_FALSE(DecodeRow(row, bytes).ok()) << bytes.size();
  }
  EXPECT_EQ(Value::OfString(row, "\x07").ToString(), "<malformed row>");
  EXPECT_FALSE(DecodeRowField(row, "", 0).ok());
}

}  // namespace
}  // namespace ctq
