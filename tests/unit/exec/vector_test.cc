// Unit tests of Vector and Chunk (exec/vector/vector.h) and of moving single
// values in and out of vectors (exec/vector/vector_value.h).
#include "exec/vector/vector.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ctq/value.h"
#include "exec/vector/vector_value.h"

namespace ctq {
namespace {

std::string KeyOf(const Vector& vector, uint32_t row) {
  std::string key;
  AppendKey(vector, row, &key);
  return key;
}

std::string KeyOf(const Value& value) {
  std::string key;
  AppendKey(value, &key);
  return key;
}

// A varchar vector holding `values` (nullopt: NULL), strings in its heap.
Vector MakeVarchar(const std::vector<std::optional<std::string>>& values) {
  Vector vector(TypeId::kVarchar);
  vector.Resize(static_cast<uint32_t>(values.size()));
  for (uint32_t i = 0; i < values.size(); i++) {
    SetValue(values[i].has_value() ? Value::Varchar(*values[i]) : Value::Null(TypeId::kVarchar),
             i, &vector);
  }
  return vector;
}

// ---------------------------------------------------------------------------
// Resize and validity.

TEST(VectorTest, DefaultIsEmptyUnknown) {
  Vector vector;
  EXPECT_EQ(vector.type(), TypeId::kUnknown);
  EXPECT_EQ(vector.size(), 0u);
}

TEST(VectorTest, ResizeMakesAllRowsValid) {
  for (TypeId type : {TypeId::kBoolean, TypeId::kBigint, TypeId::kDouble, TypeId::kVarchar}) {
    SCOPED_TRACE(TypeName(type));
    Vector vector(type);
    EXPECT_EQ(vector.type(), type);
    const uint32_t size = std::max<uint32_t>(kVectorSize, 4);
    vector.Resize(size);
    EXPECT_EQ(vector.size(), size);
    for (uint32_t i = 0; i < vector.size(); i++) ASSERT_FALSE(vector.IsNull(i)) << i;
    vector.SetNull(0, true);
    vector.SetNull(vector.size() - 1, true);
    EXPECT_TRUE(vector.IsNull(0));
    EXPECT_TRUE(vector.IsNull(vector.size() - 1));
    EXPECT_EQ(vector.validity()[0], 0);
    vector.SetNull(0, false);
    EXPECT_FALSE(vector.IsNull(0));
    vector.mutable_validity()[1] = 0;
    EXPECT_TRUE(vector.IsNull(1));
    // Resizing again resets validity.
    vector.Resize(3);
    EXPECT_EQ(vector.size(), 3u);
    for (uint32_t i = 0; i < 3; i++) EXPECT_FALSE(vector.IsNull(i)) << i;
  }
}

TEST(VectorTest, ResizePayloadIsWritable) {
  Vector ints(TypeId::kBigint);
  ints.Resize(4);
  for (uint32_t i = 0; i < 4; i++) ints.ints()[i] = int64_t{1} << (10 * i);
  EXPECT_EQ(ints.ints()[3], int64_t{1} << 30);
  Vector doubles(TypeId::kDouble);
  doubles.Resize(2);
  doubles.doubles()[1] = 2.5;
  EXPECT_EQ(doubles.doubles()[1], 2.5);
  Vector bools(TypeId::kBoolean);
  bools.Resize(2);
  bools.bools()[0] = 1;
  EXPECT_EQ(bools.bools()[0], 1);
  Vector strings(TypeId::kVarchar);
  strings.Resize(2);
  strings.strings()[0] = "literal";
  EXPECT_EQ(strings.strings()[0], "literal");
}

TEST(VectorTest, UnknownTypeIsAllNull) {
  Vector vector(TypeId::kUnknown);
  vector.Resize(5);
  EXPECT_EQ(vector.size(), 5u);
  for (uint32_t i = 0; i < 5; i++) EXPECT_TRUE(vector.IsNull(i)) << i;
  EXPECT_TRUE(GetValue(vector, 2).is_null());
}

TEST(VectorTest, ResizeToZero) {
  Vector vector(TypeId::kVarchar);
  vector.Resize(10);
  vector.Resize(0);
  EXPECT_EQ(vector.size(), 0u);
}

// ---------------------------------------------------------------------------
// Heap, ownership and Gather.

TEST(VectorTest, HeapStringsStayValidAfterMove) {
  Vector vector = MakeVarchar({"hello", std::string(100000, 'x')});
  Vector moved = std::move(vector);
  EXPECT_EQ(moved.strings()[0], "hello");
  EXPECT_EQ(moved.strings()[1], std::string(100000, 'x'));
}

TEST(VectorTest, GatherKeepsStringsAliveAfterSourceIsDestroyed) {
  Vector target;
  const uint32_t selection[] = {2, 0, 2};
  {
    auto source = std::make_unique<Vector>(MakeVarchar({"zero", std::nullopt, "two é李"}));
    target.Gather(*source, selection, 3);
    // Overwrite nothing in the source, but destroy it: the heap must live on.
    source.reset();
  }
  // Allocate in between so a freed heap block would likely be reused.
  std::vector<std::string> noise(100, std::string(1000, '#'));
  EXPECT_EQ(target.type(), TypeId::kVarchar);
  ASSERT_EQ(target.size(), 3u);
  EXPECT_FALSE(target.IsNull(0));
  EXPECT_EQ(target.strings()[0], "two é李");
  EXPECT_EQ(target.strings()[1], "zero");
  EXPECT_EQ(target.strings()[2], "two é李");
}

TEST(VectorTest, GatherCopiesValidity) {
  Vector source = MakeVarchar({"a", std::nullopt, "c", std::nullopt});
  Vector target;
  const uint32_t selection[] = {1, 2, 3, 0};
  target.Gather(source, selection, 4);
  EXPECT_TRUE(target.IsNull(0));
  EXPECT_FALSE(target.IsNull(1));
  EXPECT_TRUE(target.IsNull(2));
  EXPECT_FALSE(target.IsNull(3));
  EXPECT_EQ(target.strings()[1], "c");
  EXPECT_EQ(target.strings()[3], "a");
}

TEST(VectorTest, GatherEachType) {
  Vector ints(TypeId::kBigint);
  ints.Resize(3);
  ints.ints()[0] = -1;
  ints.ints()[1] = 7;
  ints.ints()[2] = std::numeric_limits<int64_t>::max();
  ints.SetNull(1, true);
  Vector doubles(TypeId::kDouble);
  doubles.Resize(3);
  doubles.doubles()[0] = 0.5;
  doubles.doubles()[1] = -2.25;
  doubles.doubles()[2] = 1e300;
  Vector bools(TypeId::kBoolean);
  bools.Resize(3);
  bools.bools()[0] = 1;
  bools.bools()[1] = 0;
  bools.bools()[2] = 1;
  const uint32_t selection[] = {2, 1};
  Vector g_ints, g_doubles, g_bools;
  g_ints.Gather(ints, selection, 2);
  g_doubles.Gather(doubles, selection, 2);
  g_bools.Gather(bools, selection, 2);
  EXPECT_EQ(g_ints.type(), TypeId::kBigint);
  EXPECT_EQ(g_ints.ints()[0], std::numeric_limits<int64_t>::max());
  EXPECT_TRUE(g_ints.IsNull(1));
  EXPECT_EQ(g_doubles.type(), TypeId::kDouble);
  EXPECT_EQ(g_doubles.doubles()[0], 1e300);
  EXPECT_EQ(g_doubles.doubles()[1], -2.25);
  EXPECT_EQ(g_bools.type(), TypeId::kBoolean);
  EXPECT_EQ(g_bools.bools()[0], 1);
  EXPECT_EQ(g_bools.bools()[1], 0);
}

TEST(VectorTest, GatherEmptySelection) {
  Vector source = MakeVarchar({"a"});
  Vector target;
  target.Gather(source, nullptr, 0);
  EXPECT_EQ(target.type(), TypeId::kVarchar);
  EXPECT_EQ(target.size(), 0u);
}

TEST(VectorTest, KeepAliveHoldsExternalBuffer) {
  Vector vector(TypeId::kVarchar);
  vector.Resize(1);
  {
    auto buffer = std::make_shared<std::string>("external bytes");
    vector.strings()[0] = *buffer;
    vector.KeepAlive(buffer);
    vector.KeepAlive(buffer);  // idempotent
    EXPECT_EQ(buffer.use_count(), 2);
  }
  EXPECT_EQ(vector.strings()[0], "external bytes");
  // Ownership travels through Gather and through ShareOwnership.
  Vector gathered;
  const uint32_t selection[] = {0};
  gathered.Gather(vector, selection, 1);
  Vector shared(TypeId::kVarchar);
  shared.Resize(1);
  shared.strings()[0] = vector.strings()[0];
  shared.ShareOwnership(vector);
  vector = Vector();
  EXPECT_EQ(gathered.strings()[0], "external bytes");
  EXPECT_EQ(shared.strings()[0], "external bytes");
}

// ---------------------------------------------------------------------------
// Chunk::Slice.

TEST(ChunkTest, SliceKeepsSelectedRowsOfEveryColumn) {
  Chunk chunk;
  chunk.columns.push_back(MakeVarchar({"r0", "r1", std::nullopt, "r3"}));
  Vector ints(TypeId::kBigint);
  ints.Resize(4);
  for (uint32_t i = 0; i < 4; i++) ints.ints()[i] = 100 + i;
  ints.SetNull(3, true);
  chunk.columns.push_back(std::move(ints));
  chunk.size = 4;

  const uint32_t selection[] = {3, 2, 0};
  chunk.Slice(selection, 3);
  EXPECT_EQ(chunk.size, 3u);
  ASSERT_EQ(chunk.columns.size(), 2u);
  for (const Vector& column : chunk.columns) EXPECT_EQ(column.size(), 3u);
  EXPECT_EQ(chunk.columns[0].type(), TypeId::kVarchar);
  EXPECT_EQ(chunk.columns[0].strings()[0], "r3");
  EXPECT_TRUE(chunk.columns[0].IsNull(1));
  EXPECT_EQ(chunk.columns[0].strings()[2], "r0");
  EXPECT_EQ(chunk.columns[1].type(), TypeId::kBigint);
  EXPECT_TRUE(chunk.columns[1].IsNull(0));
  EXPECT_EQ(chunk.columns[1].ints()[1], 102);
  EXPECT_EQ(chunk.columns[1].ints()[2], 100);

  // Slicing again (the strings now live in the first slice's shared heap).
  const uint32_t again[] = {2};
  chunk.Slice(again, 1);
  EXPECT_EQ(chunk.size, 1u);
  EXPECT_EQ(chunk.columns[0].strings()[0], "r0");
  EXPECT_EQ(chunk.columns[1].ints()[0], 100);
}

TEST(ChunkTest, SliceToNothing) {
  Chunk chunk;
  chunk.columns.push_back(MakeVarchar({"a", "b"}));
  chunk.size = 2;
  chunk.Slice(nullptr, 0);
  EXPECT_EQ(chunk.size, 0u);
  EXPECT_EQ(chunk.columns[0].size(), 0u);
  EXPECT_EQ(chunk.columns[0].type(), TypeId::kVarchar);
}

// ---------------------------------------------------------------------------
// GetValue / SetValue.

void ExpectSameValue(const Value& actual, const Value& expected) {
  EXPECT_EQ(actual.type(), expected.type());
  ASSERT_EQ(actual.is_null(), expected.is_null());
  if (expected.is_null()) return;
  switch (expected.type().id()) {
    case TypeId::kBoolean:
      EXPECT_EQ(actual.boolean(), expected.boolean());
      break;
    case TypeId::kInteger:
    case TypeId::kBigint:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kIntervalDayTime:
    case TypeId::kIntervalYearMonth:
      EXPECT_EQ(actual.bigint(), expected.bigint());
      break;
    case TypeId::kDecimal:
      EXPECT_TRUE(actual.unscaled() == expected.unscaled()) << actual.ToString();
      break;
    case TypeId::kDouble:
      if (std::isnan(expected.dbl())) {
        EXPECT_TRUE(std::isnan(actual.dbl()));
      } else {
        EXPECT_EQ(actual.dbl(), expected.dbl());
        EXPECT_EQ(std::signbit(actual.dbl()), std::signbit(expected.dbl()));
      }
      break;
    case TypeId::kVarchar:
    case TypeId::kJson:
    case TypeId::kIpaddress:
    case TypeId::kArray:
    case TypeId::kRow:
      EXPECT_EQ(actual.varchar(), expected.varchar());
      break;
    case TypeId::kUnknown:
      break;
  }
}

TEST(VectorValueTest, RoundTripEachType) {
  const std::vector<Value> values = {
      Value::Boolean(true),
      Value::Boolean(false),
      Value::Null(TypeId::kBoolean),
      Value::Integer(-2147483647 - 1),
      Value::Decimal(-12345, Type::Decimal(5, 2)),
      Value::Decimal(static_cast<__int128>(INT64_MAX) * 1000, Type::Decimal(38, 3)),
      Value::Null(Type::Decimal(10, 2)),
      Value::Bigint(0),
      Value::Bigint(-42),
      Value::Bigint(std::numeric_limits<int64_t>::min()),
      Value::Bigint(std::numeric_limits<int64_t>::max()),
      Value::Null(TypeId::kBigint),
      Value::Double(1.5),
      Value::Double(-0.0),
      Value::Double(std::numeric_limits<double>::infinity()),
      Value::Double(std::numeric_limits<double>::quiet_NaN()),
      Value::Double(4.9e-324),
      Value::Null(TypeId::kDouble),
      Value::Varchar(""),
      Value::Varchar("AssumeRole"),
      Value::Varchar("é李😀"),
      Value::Varchar(std::string("nul\0byte", 8)),
      Value::Varchar(std::string(70000, 'z')),  // larger than one heap block
      Value::Null(TypeId::kVarchar),
  };
  for (const Value& value : values) {
    SCOPED_TRACE(testing::Message() << TypeName(value.type()) << " " << value.ToString().substr(0, 40));
    Vector vector(value.type());
    vector.Resize(3);
    SetValue(value, 1, &vector);
    ExpectSameValue(GetValue(vector, 1), value);
    // Overwriting with a different value, then the original again.
    SetValue(Value::Null(value.type()), 1, &vector);
    EXPECT_TRUE(vector.IsNull(1));
    EXPECT_TRUE(GetValue(vector, 1).is_null());
    EXPECT_EQ(GetValue(vector, 1).type(), value.type());
    SetValue(value, 1, &vector);
    ExpectSameValue(GetValue(vector, 1), value);
  }
}

TEST(VectorValueTest, SetValueCopiesTheString) {
  Vector vector(TypeId::kVarchar);
  vector.Resize(1);
  {
    Value value = Value::Varchar("temporary string that is long enough to be on the heap");
    SetValue(value, 0, &vector);
  }
  std::vector<std::string> noise(50, std::string(200, '#'));
  EXPECT_EQ(GetValue(vector, 0).varchar(),
            "temporary string that is long enough to be on the heap");
}

TEST(VectorValueTest, GetValueCopiesTheString) {
  Value value;
  {
    Vector vector = MakeVarchar({"copied out"});
    value = GetValue(vector, 0);
  }
  EXPECT_EQ(value.varchar(), "copied out");
}

TEST(VectorValueTest, UnknownVectorTakesOnlyNull) {
  Vector vector(TypeId::kUnknown);
  vector.Resize(1);
  SetValue(Value::Bigint(5), 0, &vector);
  EXPECT_TRUE(vector.IsNull(0));
  EXPECT_TRUE(GetValue(vector, 0).is_null());
  SetValue(Value(), 0, &vector);
  EXPECT_TRUE(GetValue(vector, 0).is_null());
}

// ---------------------------------------------------------------------------
// AppendKey.

TEST(AppendKeyTest, NullDiffersFromEmptyString) {
  Vector vector = MakeVarchar({std::nullopt, ""});
  EXPECT_NE(KeyOf(vector, 0), KeyOf(vector, 1));
  EXPECT_NE(KeyOf(Value::Null(TypeId::kVarchar)), KeyOf(Value::Varchar("")));
}

TEST(AppendKeyTest, ConcatenatedKeysAreUnambiguous) {
  Vector first = MakeVarchar({"ab", "a", std::nullopt, "", "", std::nullopt});
  Vector second = MakeVarchar({"c", "bc", "", std::nullopt, "", std::nullopt});
  std::vector<std::string> keys;
  for (uint32_t row = 0; row < first.size(); row++) {
    std::string key;
    AppendKey(first, row, &key);
    AppendKey(second, row, &key);
    keys.push_back(key);
  }
  for (size_t i = 0; i < keys.size(); i++) {
    for (size_t j = i + 1; j < keys.size(); j++) {
      EXPECT_NE(keys[i], keys[j]) << "rows " << i << " and " << j;
    }
  }
  // ("ab","c") vs ("a","bc") through the Value overload too.
  std::string k1 = KeyOf(Value::Varchar("ab")) + KeyOf(Value::Varchar("c"));
  std::string k2 = KeyOf(Value::Varchar("a")) + KeyOf(Value::Varchar("bc"));
  EXPECT_NE(k1, k2);
}

TEST(AppendKeyTest, EqualValuesGiveEqualKeys) {
  // Equal strings from different vectors (different heaps) give equal keys.
  Vector a = MakeVarchar({"same", std::nullopt});
  Vector b = MakeVarchar({std::nullopt, "same"});
  EXPECT_EQ(KeyOf(a, 0), KeyOf(b, 1));
  EXPECT_EQ(KeyOf(a, 1), KeyOf(b, 0));  // all NULLs form one group

  // The Vector and Value overloads agree, for every type.
  const std::vector<Value> values = {
      Value::Boolean(true), Value::Boolean(false),         Value::Bigint(0),
      Value::Bigint(-1),    Value::Double(2.5),            Value::Double(-0.0),
      Value::Varchar(""),   Value::Varchar("x\0y"),        Value::Null(TypeId::kBigint),
      Value::Null(TypeId::kVarchar),
  };
  for (const Value& value : values) {
    SCOPED_TRACE(value.ToString());
    Vector vector(value.type());
    vector.Resize(1);
    SetValue(value, 0, &vector);
    EXPECT_EQ(KeyOf(vector, 0), KeyOf(value));
  }
}

TEST(AppendKeyTest, ZeroAndNegativeZeroAreOneGroup) {
  EXPECT_EQ(KeyOf(Value::Double(0.0)), KeyOf(Value::Double(-0.0)));
  Vector vector(TypeId::kDouble);
  vector.Resize(2);
  vector.doubles()[0] = 0.0;
  vector.doubles()[1] = -0.0;
  EXPECT_EQ(KeyOf(vector, 0), KeyOf(vector, 1));
}

TEST(AppendKeyTest, DistinctValuesGiveDistinctKeys) {
  EXPECT_NE(KeyOf(Value::Bigint(1)), KeyOf(Value::Bigint(2)));
  EXPECT_NE(KeyOf(Value::Bigint(0)), KeyOf(Value::Null(TypeId::kBigint)));
  EXPECT_NE(KeyOf(Value::Boolean(false)), KeyOf(Value::Null(TypeId::kBoolean)));
  EXPECT_NE(KeyOf(Value::Boolean(true)), KeyOf(Value::Boolean(false)));
  EXPECT_NE(KeyOf(Value::Double(1.0)), KeyOf(Value::Double(1.0000000000000002)));
  EXPECT_NE(KeyOf(Value::Varchar("a")), KeyOf(Value::Varchar("A")));
}

}  // namespace
}  // namespace ctq
