// Corruption of segment files: every flipped byte and every truncation must
// give DataLoss naming the file, or (a flip that no checksum covers, which the
// format has none of today) exactly the original data. Never a crash, never a
// wrong cell. Modelled on LevelDB's db/corruption_test.cc.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "gtest/gtest.h"
#include "storage/segment_reader.h"
#include "storage/segment_writer.h"
#include "tests/unit/storage_cache/test_row_groups.h"

namespace ctq {
namespace {

using testing::Col;
using testing::MakeRowGroup;

struct Original {
  std::vector<std::shared_ptr<const RowGroup>> groups;
  std::string bytes;
};

Original MakeSegment(std::vector<uint32_t> rows) {
  Original original;
  SegmentWriter writer;
  for (uint32_t i = 0; i < rows.size(); i++) {
    original.groups.push_back(MakeRowGroup(rows[i], 100 + i));
    EXPECT_TRUE(writer.Add(*original.groups.back()).ok());
  }
  original.bytes = writer.Finish();
  return original;
}

bool IsDataLossNamingFile(const absl::Status& status) {
  return status.code() == absl::StatusCode::kDataLoss &&
         std::string(status.message()).rfind("segment bad.seg: ", 0) == 0;
}

bool SameZone(const ZoneMap& a, const ZoneMap& b) {
  return a.null_count == b.null_count && a.has_min_max == b.has_min_max && a.min == b.min &&
         a.max == b.max && a.min_truncated == b.min_truncated && a.max_truncated == b.max_truncated;
}

// Opens `bytes` and reads everything; fails the test on anything but DataLoss
// or a perfect copy of the original. Returns true if an error was reported.
bool CheckCorrupted(const Original& original, const SegmentReader& clean, std::string bytes,
                    const std::string& what) {
  auto reader = SegmentReader::OpenBytes("bad.seg", std::move(bytes));
  if (!reader.ok()) {
    EXPECT_TRUE(IsDataLossNamingFile(reader.status())) << what << ": " << reader.status();
    return true;
  }
  const SegmentReader& r = **reader;
  // The footer was accepted, so everything it says must be the original.
  EXPECT_EQ(r.row_group_count(), original.groups.size()) << what;
  if (r.row_group_count() != original.groups.size()) return false;
  bool reported = false;
  for (uint32_t g = 0; g < r.row_group_count(); g++) {
    EXPECT_EQ(r.row_count(g), original.groups[g]->row_count) << what;
    for (int c = 0; c < kStoredColumnCount; c++) {
      EXPECT_TRUE(SameZone(r.zone_map(g, c), clean.zone_map(g, c))) << what;
      EXPECT_EQ(r.has_token_bloom(g, c), clean.has_token_bloom(g, c)) << what;
      if (r.has_token_bloom(g, c) && clean.has_token_bloom(g, c)) {
        // Blooms are blocks of their own, read when a LIKE needs them.
        auto bloom = r.LoadBloom(g, c);
        if (!bloom.ok()) {
          EXPECT_TRUE(IsDataLossNamingFile(bloom.status())) << what << ": " << bloom.status();
          reported = true;
        } else {
          auto clean_bloom = clean.LoadBloom(g, c);
          EXPECT_TRUE(clean_bloom.ok());
          if (!clean_bloom.ok()) return false;
          EXPECT_EQ((*bloom)->bits(), (*clean_bloom)->bits()) << what;
          EXPECT_EQ((*bloom)->num_hashes(), (*clean_bloom)->num_hashes()) << what;
        }
      }
      auto column = r.ReadColumn(g, c);
      if (!column.ok()) {
        EXPECT_TRUE(IsDataLossNamingFile(column.status())) << what << ": " << column.status();
        reported = true;
        continue;
      }
      testing::ExpectSameColumn(original.groups[g]->columns[c], *column,
                                what + " group " + std::to_string(g) + " column " +
                                    StoredColumnName(c));
    }
  }
  return reported;
}

TEST(SegmentCorruptionTest, EveryByteFlippedInASmallFile) {
  const Original original = MakeSegment({5, 0, 3});
  auto clean = SegmentReader::OpenBytes("good.seg", original.bytes);
  ASSERT_TRUE(clean.ok()) << clean.status();
  int undetected = 0;
  for (size_t i = 0; i < original.bytes.size(); i++) {
    for (unsigned char mask : {0x01, 0x80, 0xFF}) {
      std::string bytes = original.bytes;
      bytes[i] = static_cast<char>(bytes[i] ^ mask);
      if (!CheckCorrupted(original, **clean, bytes, "flip " + std::to_string(i))) undetected++;
      if (::testing::Test::HasFailure()) return;
    }
  }
  // Every byte of the file is covered by a checksum or a magic check.
  EXPECT_EQ(undetected, 0) << "of " << original.bytes.size() * 3 << " flips";
  std::printf("small segment: %zu bytes, every byte flipped 3 ways\n", original.bytes.size());
}

TEST(SegmentCorruptionTest, SampledFlipsInALargerFile) {
  const Original original = MakeSegment({3000, 1200});
  auto clean = SegmentReader::OpenBytes("good.seg", original.bytes);
  ASSERT_TRUE(clean.ok()) << clean.status();
  std::mt19937 rng(42);
  for (int trial = 0; trial < 300; trial++) {
    std::string bytes = original.bytes;
    const size_t i = rng() % bytes.size();
    bytes[i] = static_cast<char>(bytes[i] ^ (1u << (rng() % 8)));
    EXPECT_TRUE(CheckCorrupted(original, **clean, bytes, "flip " + std::to_string(i)));
    if (::testing::Test::HasFailure()) return;
  }
}

TEST(SegmentCorruptionTest, EveryTruncationAndAppendedGarbage) {
  const Original original = MakeSegment({40, 7});
  auto clean = SegmentReader::OpenBytes("good.seg", original.bytes);
  ASSERT_TRUE(clean.ok());
  for (size_t length = 0; length < original.bytes.size(); length++) {
    auto reader = SegmentReader::OpenBytes("bad.seg", original.bytes.substr(0, length));
    ASSERT_FALSE(reader.ok()) << "truncated to " << length;
    ASSERT_TRUE(IsDataLossNamingFile(reader.status())) << reader.status();
  }
  for (const std::string& extra : {std::string("x"), std::string(24, '\0'),
                                   original.bytes.substr(original.bytes.size() - 24)}) {
    auto reader = SegmentReader::OpenBytes("bad.seg", original.bytes + extra);
    ASSERT_FALSE(reader.ok());
    EXPECT_TRUE(IsDataLossNamingFile(reader.status())) << reader.status();
  }
}

TEST(SegmentCorruptionTest, MessageNamesFileRowGroupAndColumn) {
  const Original original = MakeSegment({50, 60});
  const std::string dir = ::testing::TempDir() + "/segment_bad_" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/x.seg";
  // Find where row group 1's eventname chunk starts: its first payload byte
  // is inside the chunk, so flipping the chunk's last byte (the CRC) works.
  auto clean = SegmentReader::OpenBytes("good.seg", original.bytes);
  ASSERT_TRUE(clean.ok());
  std::string bytes = original.bytes;
  // Flip bytes until only the targeted column breaks: scan for a position
  // where row group 1 eventname fails and row group 0 eventname still reads.
  bool found = false;
  for (size_t i = 16; i < bytes.size() && !found; i++) {
    std::string copy = bytes;
    copy[i] ^= 0x10;
    auto reader = SegmentReader::OpenBytes("probe", copy);
    if (!reader.ok()) continue;
    if (!(*reader)->ReadColumn(1, Col("eventname")).ok() &&
        (*reader)->ReadColumn(1, Col("eventsource")).ok()) {
      bytes = copy;
      found = true;
    }
  }
  ASSERT_TRUE(found);
  ASSERT_TRUE(WriteFileAtomically(path, bytes).ok());
  auto reader = SegmentReader::Open(path);
  ASSERT_TRUE(reader.ok()) << reader.status();
  absl::Status status = (*reader)->ReadColumn(1, Col("eventname")).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(std::string(status.message()),
            "segment " + path + ": checksum mismatch in row group 1 column eventname");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ctq
