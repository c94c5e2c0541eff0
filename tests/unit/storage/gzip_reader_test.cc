// Tests of gzip decompression: members, sizes that the trailer does not
// predict, and damaged input.
#include "storage/gzip_reader.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/storage/test_log_files.h"

namespace ctq {
namespace {

using ::testing::StartsWith;

std::string Contents(const PaddedBuffer& buffer) {
  return std::string(buffer.data(), buffer.size());
}

TEST(GzipReaderTest, DetectsTheMagicBytes) {
  EXPECT_TRUE(IsGzip(Gzip("x")));
  EXPECT_TRUE(IsGzip("\x1f\x8b"));
  EXPECT_FALSE(IsGzip("\x1f"));
  EXPECT_FALSE(IsGzip("{\"Records\":[]}"));
  EXPECT_FALSE(IsGzip(""));
}

TEST(GzipReaderTest, SingleMember) {
  GzipDecompressor gzip;
  PaddedBuffer out;
  ASSERT_TRUE(gzip.Decompress(Gzip("hello, world"), &out).ok());
  EXPECT_EQ(Contents(out), "hello, world");
  // The padding simdjson reads past the end is zeroed.
  for (size_t i = 0; i < simdjson::SIMDJSON_PADDING; i++) EXPECT_EQ(out.data()[out.size() + i], 0);
}

TEST(GzipReaderTest, ManyMembersOfDifferentSizes) {
  // The last member is tiny, so the trailer's size is a bad guess for the
  // first one and the output buffer must grow.
  std::string big(3 << 20, 'a');
  for (size_t i = 0; i < big.size(); i += 7) big[i] = static_cast<char>('a' + i % 26);
  GzipDecompressor gzip;
  PaddedBuffer out;
  ASSERT_TRUE(
      gzip.Decompress(Gzip(big) + Gzip("") + Gzip("mid") + Gzip(big) + Gzip("z"), &out).ok());
  EXPECT_EQ(Contents(out), big + "mid" + big + "z");
}

TEST(GzipReaderTest, HighlyCompressibleData) {
  std::string zeros(64 << 20, '\0');
  GzipDecompressor gzip;
  PaddedBuffer out;
  ASSERT_TRUE(gzip.Decompress(Gzip(zeros), &out).ok());
  EXPECT_EQ(out.size(), zeros.size());
}

TEST(GzipReaderTest, DecompressorIsReusable) {
  GzipDecompressor gzip;
  PaddedBuffer out;
  ASSERT_TRUE(gzip.Decompress(Gzip(std::string(100000, 'x')), &out).ok());
  EXPECT_FALSE(gzip.Decompress("\x1f\x8b\x08", &out).ok());
  ASSERT_TRUE(gzip.Decompress(Gzip("small"), &out).ok());
  EXPECT_EQ(Contents(out), "small");
}

TEST(GzipReaderTest, DamagedInput) {
  std::string gz = Gzip(std::string(5000, 'q') + "end");
  GzipDecompressor gzip;
  PaddedBuffer out;
  for (size_t size = 2; size < gz.size(); size++) {
    absl::Status status = gzip.Decompress(gz.substr(0, size), &out);
    EXPECT_FALSE(status.ok()) << size;
    EXPECT_THAT(std::string(status.message()), StartsWith("gzip data is")) << size;
  }
  EXPECT_EQ(std::string(gzip.Decompress(gz + gz.substr(0, 20), &out).message()),
            "gzip data is corrupt or truncated (member at byte " + std::to_string(gz.size()) + ")");
  EXPECT_EQ(std::string(gzip.Decompress(gz + "x", &out).message()),
            "unexpected bytes after gzip data at byte " + std::to_string(gz.size()));
  EXPECT_TRUE(gzip.Decompress(gz + std::string(3, '\0'), &out).ok());
}

}  // namespace
}  // namespace ctq
