#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>

#include "gtest/gtest.h"
#include "storage/column_scan.h"
#include "storage/delivery_path.h"
#include "storage/segment_reader.h"
#include "storage/segment_writer.h"
#include "tests/unit/storage_cache/test_row_groups.h"

namespace ctq {
namespace {

using testing::Col;
using testing::ExpectSameColumn;
using testing::MakeRowGroup;

std::unique_ptr<SegmentReader> OpenOrDie(std::string bytes) {
  auto reader = SegmentReader::OpenBytes("mem.seg", std::move(bytes));
  EXPECT_TRUE(reader.ok()) << reader.status();
  return std::move(reader).value();
}

void ExpectRoundTrip(const std::vector<std::shared_ptr<const RowGroup>>& groups,
                     const SegmentReader& reader) {
  ASSERT_EQ(reader.row_group_count(), groups.size());
  for (uint32_t g = 0; g < groups.size(); g++) {
    ASSERT_EQ(reader.row_count(g), groups[g]->row_count);
    auto decoded = reader.ReadRowGroup(g);
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    ASSERT_EQ((*decoded)->row_count, groups[g]->row_count);
    for (int c = 0; c < kStoredColumnCount; c++) {
      ExpectSameColumn(groups[g]->columns[c], (*decoded)->columns[c],
                       "group " + std::to_string(g) + " column " + StoredColumnName(c));
    }
  }
}

TEST(SegmentRoundTripTest, EveryEncodingEveryCell) {
  std::vector<std::shared_ptr<const RowGroup>> groups = {
      MakeRowGroup(1000, 1), MakeRowGroup(0, 2), MakeRowGroup(1, 3), MakeRowGroup(17, 4)};
  SegmentWriter writer;
  for (const auto& group : groups) ASSERT_TRUE(writer.Add(*group).ok());
  const SegmentWriterStats stats = writer.stats();
  for (int e = 0; e < 4; e++) EXPECT_GT(stats.chunks_by_encoding[e], 0u) << "encoding " << e;
  auto reader = OpenOrDie(writer.Finish());
  ExpectRoundTrip(groups, *reader);
}

// The hex encoding: fixed-shape hex (UUIDs, S3 request ids) is packed as
// nibbles; anything off the shape falls back to plain, losslessly.
TEST(SegmentRoundTripTest, HexEncodingAndItsFallbacks) {
  struct Case {
    std::vector<std::optional<std::string>> values;
    bool hex;
  };
  const std::vector<Case> cases = {
      {{"d50a1033-6e05-4cf3-85a5-b17b7567849a", std::nullopt,
        "5c980097-aebf-4935-b1d5-69f5f4f7d2c0"}, true},
      {{"0123456789ABCDEF", "FEDCBA9876543210"}, true},
      {{"abc12", "abc34"}, false},                      // too short
      {{"0123456789abcdeF", "0123456789abcdef"}, false},  // mixed case
      {{"0123456789abc", "0123456789abd", "01234-6789abc"}, false},  // shape breaks late
      {{"0123456789abc", "0123456789abcd"}, false},     // lengths differ
      {{"12345678901", "98765432109"}, true},           // odd digit count
      {{"2017-02-17T00:00:00Z", "2017-02-17T23:59:59Z"}, true},
      {{std::string("0123456\0", 8), std::string("0123456\0", 8)}, false},
  };
  for (const Case& test : cases) {
    auto group = std::make_shared<RowGroup>();
    const uint32_t n = static_cast<uint32_t>(test.values.size());  // distinct: no dictionary
    group->row_count = n;
    for (int c = 0; c < kStoredColumnCount; c++) {
      for (uint32_t i = 0; i < n; i++) {
        const auto& value = test.values[i % test.values.size()];
        if (c == Col("eventid") && value.has_value()) {
          group->columns[c].Append(*value);
        } else {
          group->columns[c].AppendNull();
        }
      }
    }
    SegmentWriter writer;
    ASSERT_TRUE(writer.Add(*group).ok());
    const bool hex = writer.stats().chunks_by_encoding[static_cast<int>(ChunkEncoding::kHex)] > 0;
    EXPECT_EQ(hex, test.hex) << *test.values[0];
    auto reader = OpenOrDie(writer.Finish());
    ExpectRoundTrip({group}, *reader);
    const ZoneMap& zone = reader->zone_map(0, Col("eventid"));
    EXPECT_TRUE(zone.has_min_max);
  }
}

// Each codec alone, and the default mix (DEFLATE for big chunks, LZ4 for small).
TEST(SegmentRoundTripTest, EveryCodec) {
  std::vector<std::shared_ptr<const RowGroup>> groups = {MakeRowGroup(1000, 5), MakeRowGroup(3, 6)};
  for (int deflate_level : {0, 1, 6, 12}) {
    for (int lz4_hc_level : {0, 3}) {
      SegmentWriterOptions options;
      options.deflate_level = deflate_level;
      options.lz4_hc_level = lz4_hc_level;
      SegmentWriter writer(options);
      for (const auto& group : groups) ASSERT_TRUE(writer.Add(*group).ok());
      auto reader = OpenOrDie(writer.Finish());
      SCOPED_TRACE("deflate " + std::to_string(deflate_level) + " lz4 hc " +
                   std::to_string(lz4_hc_level));
      ExpectRoundTrip(groups, *reader);
    }
  }
}

TEST(SegmentRoundTripTest, HugeValueAndWideDictionaries) {
  // A 1 MB requestparameters value among small ones, and dictionaries that
  // need 2-byte and 4-byte codes.
  auto group = std::make_shared<RowGroup>(*MakeRowGroup(140000, 9));
  StringColumnData& json = group->columns[Col("requestparameters")];
  json = StringColumnData();
  std::string big = "{\"policy\":\"";
  while (big.size() < (1 << 20)) big += "s3:GetObject arn:aws:s3:::bucket-" + std::to_string(big.size()) + " ";
  big += "\"}";
  for (uint32_t r = 0; r < group->row_count; r++) {
    if (r == 777) {
      json.Append(big);
    } else if (r % 5 == 0) {
      json.AppendNull();
    } else {
      json.Append("{\"bucketName\":\"b" + std::to_string(r % 3) + "\"}");
    }
  }
  StringColumnData& names = group->columns[Col("eventname")];  // low_cardinality
  names = StringColumnData();
  StringColumnData& regions = group->columns[Col("awsregion")];
  regions = StringColumnData();
  for (uint32_t r = 0; r < group->row_count; r++) {
    names.Append("Event" + std::to_string(r / 2));  // 70000 distinct: 4-byte codes
    regions.Append("region-" + std::to_string(r % 300));  // 300 distinct: 2-byte codes
  }
  std::vector<std::shared_ptr<const RowGroup>> groups = {group};
  SegmentWriter writer;
  ASSERT_TRUE(writer.Add(*group).ok());
  auto reader = OpenOrDie(writer.Finish());
  ExpectRoundTrip(groups, *reader);
  const ZoneMap& zone = reader->zone_map(0, Col("requestparameters"));
  EXPECT_TRUE(zone.has_min_max);
  EXPECT_EQ(zone.null_count, 28000u);
  EXPECT_TRUE(reader->MayContain(0, Col("requestparameters"), "bucket-12345"));
  EXPECT_TRUE(reader->MayContain(0, Col("requestparameters"), "\"b2\""));
  EXPECT_FALSE(reader->MayContain(0, Col("requestparameters"), "sg-5887f224"));
}

TEST(SegmentRoundTripTest, ZoneMapsPartitionsAndBlooms) {
  // Group 0's partition columns are those of a delivered file, group 1's
  // those of a file outside the layout (NULL).
  auto delivered = std::make_shared<RowGroup>(*MakeRowGroup(500, 5));
  SetPartitionColumns(
      ParseDeliveryPath("/b/AWSLogs/123456789012/CloudTrail/us-east-1/2024/03/06/f.json.gz"),
      delivered.get());
  auto elsewhere = std::make_shared<RowGroup>(*MakeRowGroup(300, 6));
  SetPartitionColumns(std::nullopt, elsewhere.get());
  std::vector<std::shared_ptr<const RowGroup>> groups = {delivered, elsewhere};
  SegmentWriter writer;
  ASSERT_TRUE(writer.Add(*groups[0]).ok());
  ASSERT_TRUE(writer.Add(*groups[1]).ok());
  auto reader = OpenOrDie(writer.Finish());
  ExpectRoundTrip(groups, *reader);
  const ZoneMap& date = reader->zone_map(0, PartitionStoredColumn(PartitionField::kDate));
  EXPECT_EQ(date.min, "2024/03/06");
  EXPECT_EQ(date.max, "2024/03/06");
  EXPECT_EQ(reader->zone_map(0, PartitionStoredColumn(PartitionField::kYear)).min, "2024");
  EXPECT_EQ(reader->zone_map(0, PartitionStoredColumn(PartitionField::kAccount)).max,
            "123456789012");
  EXPECT_EQ(reader->zone_map(1, PartitionStoredColumn(PartitionField::kRegion)).null_count, 300u);
  // One file's values are one constant chunk: a few bytes per row group.
  for (int f = 0; f < kPartitionFieldCount; f++) {
    EXPECT_LT(reader->chunk_size(0, PartitionStoredColumn(static_cast<PartitionField>(f))), 40u);
  }
  for (uint32_t g = 0; g < 2; g++) {
    for (int c = 0; c < kStoredColumnCount; c++) {
      const StringColumnData& column = groups[g]->columns[c];
      const ZoneMap& zone = reader->zone_map(g, c);
      uint32_t nulls = 0;
      std::optional<std::string_view> min, max;
      for (uint32_t r = 0; r < column.size(); r++) {
        if (column.IsNull(r)) {
          nulls++;
          continue;
        }
        if (!min || column.Get(r) < *min) min = column.Get(r);
        if (!max || column.Get(r) > *max) max = column.Get(r);
      }
      EXPECT_EQ(zone.null_count, nulls) << c;
      ASSERT_EQ(zone.has_min_max, min.has_value()) << c;
      if (min) {
        EXPECT_EQ(zone.min, *min) << c;
        EXPECT_EQ(zone.max, *max) << c;
      }
      const bool json = c < kCloudTrailColumnCount && CloudTrailColumns()[c].json_text;
      EXPECT_EQ(reader->has_token_bloom(g, c), json) << c;
    }
    const ZoneMap& time = reader->eventtime_range(g);
    EXPECT_TRUE(time.MayContainRange(time.min, time.min));
    EXPECT_FALSE(time.MayContainRange("2025", std::nullopt));
    EXPECT_FALSE(time.MayContainRange(std::nullopt, "2023"));
  }
  // Blooms: every stored JSON value's pieces may match; a foreign id does not.
  const StringColumnData& json = groups[0]->columns[Col("requestparameters")];
  for (uint32_t r = 0; r < json.size(); r++) {
    if (!json.IsNull(r)) {
      ASSERT_TRUE(reader->MayContain(0, Col("requestparameters"), json.Get(r)));
    }
  }
  EXPECT_FALSE(reader->MayContain(0, Col("requestparameters"), "sg-5887f224"));
  // Columns without a bloom always may contain.
  EXPECT_TRUE(reader->MayContain(0, Col("eventname"), "sg-5887f224"));
}

TEST(SegmentRoundTripTest, TruncatedZoneMapBounds) {
  auto group = std::make_shared<RowGroup>(*MakeRowGroup(3, 1));
  StringColumnData& column = group->columns[Col("errormessage")];
  column = StringColumnData();
  const std::string long_a(300, 'a');
  const std::string long_m = std::string(256, 'm') + "zzz";
  column.Append(long_a + "b");
  column.Append("b");
  column.Append(long_m);
  SegmentWriter writer;
  ASSERT_TRUE(writer.Add(*group).ok());
  auto reader = OpenOrDie(writer.Finish());
  const ZoneMap& zone = reader->zone_map(0, Col("errormessage"));
  EXPECT_TRUE(zone.min_truncated);
  EXPECT_TRUE(zone.max_truncated);
  EXPECT_EQ(zone.min, std::string(256, 'a'));
  EXPECT_EQ(zone.max, std::string(256, 'm'));
  // The true max (long_m) is above the stored prefix: must not be skipped.
  EXPECT_TRUE(zone.MayContainRange(long_m, std::nullopt));
  EXPECT_TRUE(zone.MayContainRange(std::string(256, 'm') + "a", std::nullopt));
  EXPECT_FALSE(zone.MayContainRange("n", std::nullopt));
  EXPECT_TRUE(zone.MayContainRange(std::nullopt, long_a));
  EXPECT_FALSE(zone.MayContainRange(std::nullopt, "A"));
  ExpectRoundTrip({group}, *reader);
}

TEST(SegmentRoundTripTest, FileIsWrittenAtomicallyAndScans) {
  const std::string dir = ::testing::TempDir() + "/segment_rt_" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/a.seg";
  std::vector<std::shared_ptr<const RowGroup>> groups = {MakeRowGroup(2100, 8)};
  ASSERT_TRUE(WriteSegment(path, groups).ok());
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  auto reader = SegmentReader::Open(path);
  ASSERT_TRUE(reader.ok()) << reader.status();
  ExpectRoundTrip(groups, **reader);
  // The decoded row group is what ScanColumn reads.
  auto decoded = (*reader)->ReadRowGroup(0);
  ASSERT_TRUE(decoded.ok());
  Vector vector(TypeId::kVarchar);
  ScanColumn(*decoded, Col("eventname"), 2000, 100, &vector);
  for (uint32_t i = 0; i < 100; i++) {
    const StringColumnData& expected = groups[0]->columns[Col("eventname")];
    ASSERT_EQ(vector.validity()[i] != 0, !expected.IsNull(2000 + i));
    if (!expected.IsNull(2000 + i)) {
      ASSERT_EQ(vector.strings()[i], expected.Get(2000 + i));
    }
  }
  // Rewriting replaces the file whole.
  ASSERT_TRUE(WriteSegment(path, {MakeRowGroup(5, 1)}).ok());
  auto again = SegmentReader::Open(path);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->row_count(0), 5u);
  EXPECT_EQ(SegmentReader::Open(dir + "/missing.seg").status().code(),
            absl::StatusCode::kNotFound);
  std::filesystem::remove_all(dir);
}

TEST(SegmentRoundTripTest, RejectsMalformedRowGroup) {
  RowGroup group;
  group.row_count = 2;  // but every column is empty
  SegmentWriter writer;
  EXPECT_EQ(writer.Add(group).code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ctq

namespace ctq {
namespace {

// Issue 9, finding 7: a crafted segment of a few hundred bytes declared a
// 60 KB "constant" over 70,000 rows, and a scan of it allocated 4 GB per
// column. A scan (keep_dictionary) keeps a constant chunk as a dictionary of
// its one value: its memory is the value plus a code per row.
TEST(SegmentRoundTripTest, ConstantChunkScansAsOneEntryDictionary) {
  const uint32_t rows = 20000;
  const std::string value(1024, 'v');
  auto group = std::make_shared<RowGroup>();
  group->row_count = rows;
  for (int c = 0; c < kStoredColumnCount; c++) {
    for (uint32_t r = 0; r < rows; r++) {
      if (c < 2) {
        group->columns[c].Append(value);
      } else {
        group->columns[c].AppendNull();
      }
    }
  }
  SegmentWriter writer;
  ASSERT_TRUE(writer.Add(*group).ok());
  group.reset();
  std::string bytes = writer.Finish();
  EXPECT_LT(bytes.size(), 100000u);  // every chunk is a constant
  auto reader = SegmentReader::OpenBytes("constant", std::move(bytes));
  ASSERT_TRUE(reader.ok()) << reader.status();
  StringColumnData column;
  ASSERT_TRUE((*reader)->ReadColumnInto(0, 0, &column, /*keep_dictionary=*/true).ok());
  ASSERT_TRUE(column.is_dictionary);
  EXPECT_EQ(column.bytes.size(), value.size());
  ASSERT_EQ(column.dictionary_size(), 1u);
  EXPECT_EQ(column.Entry(1), value);
  ASSERT_EQ(column.codes.size(), rows);
  for (uint32_t r = 0; r < rows; r += 997) {
    EXPECT_EQ(column.codes[r], 1u);
    EXPECT_EQ(column.valid[r], 1);
  }
  // Expanded (keep_dictionary false) it is every row's value, as before.
  ASSERT_TRUE((*reader)->ReadColumnInto(0, 1, &column, /*keep_dictionary=*/false).ok());
  EXPECT_FALSE(column.is_dictionary);
  EXPECT_EQ(column.bytes.size(), uint64_t{rows} * value.size());
}

}  // namespace
}  // namespace ctq
