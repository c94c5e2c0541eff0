#include "storage/crc32c.h"

#include <random>
#include <string>

#include "gtest/gtest.h"

namespace ctq {
namespace {

// RFC 3720, appendix B.4 (iSCSI CRC-32C test vectors).
TEST(Crc32cTest, Rfc3720Vectors) {
  EXPECT_EQ(Crc32c(std::string(32, '\0')), 0x8A9136AAu);
  EXPECT_EQ(Crc32c(std::string(32, '\xFF')), 0x62A8AB43u);
  std::string ascending, descending;
  for (int i = 0; i < 32; i++) {
    ascending.push_back(static_cast<char>(i));
    descending.push_back(static_cast<char>(31 - i));
  }
  EXPECT_EQ(Crc32c(ascending), 0x46DD794Eu);
  EXPECT_EQ(Crc32c(descending), 0x113FDB5Cu);
  // An iSCSI SCSI Read (10) command PDU.
  const unsigned char pdu[48] = {
      0x01, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00,
      0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x18, 0x28, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
  EXPECT_EQ(Crc32c(std::string(reinterpret_cast<const char*>(pdu), sizeof(pdu))), 0xD9963A56u);
  EXPECT_EQ(Crc32c("123456789"), 0xE3069283u);  // the common check value
  EXPECT_EQ(Crc32c(""), 0u);
}

TEST(Crc32cTest, HardwareAndPortableAgreeAndExtendComposes) {
  std::mt19937 rng(7);
  std::string data(5000, '\0');
  for (char& c : data) c = static_cast<char>(rng());
  for (size_t length : {0u, 1u, 7u, 8u, 9u, 63u, 64u, 65u, 1000u, 4999u, 5000u}) {
    for (size_t start : {0u, 1u, 3u}) {
      if (start > length) continue;
      std::string_view piece(data.data() + start, length - start);
      const uint32_t expected = Crc32cExtendPortable(0, piece.data(), piece.size());
      EXPECT_EQ(Crc32c(piece), expected) << length << " " << start;
      for (size_t split : {size_t{0}, piece.size() / 3, piece.size()}) {
        uint32_t crc = Crc32cExtend(0, piece.data(), split);
        crc = Crc32cExtend(crc, piece.data() + split, piece.size() - split);
        EXPECT_EQ(crc, expected);
      }
    }
  }
  std::printf("crc32c hardware path: %s\n", Crc32cHardwareAccelerated() ? "yes" : "no");
}

}  // namespace
}  // namespace ctq
