#include "storage/token_bloom.h"

#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace ctq {
namespace {

TokenBloom BuildFrom(const std::vector<std::string>& values, double bits_per_key = 8.0) {
  TokenBloomBuilder builder;
  for (const std::string& value : values) builder.Add(value);
  return builder.Build(bits_per_key);
}

// Every substring of every value must be reported as possibly present.
void ExpectNoFalseNegatives(const std::vector<std::string>& values, const TokenBloom& bloom) {
  for (const std::string& value : values) {
    for (size_t start = 0; start < value.size(); start++) {
      for (size_t length = 0; start + length <= value.size() && length <= 40; length++) {
        ASSERT_TRUE(bloom.MayContain(std::string_view(value).substr(start, length)))
            << "value " << value << " substring at " << start << " length " << length;
      }
    }
  }
}

TEST(TokenBloomTest, SecurityGroupExample) {
  std::vector<std::string> values = {
      R"({"groupId":"sg-5887f224","ipPermissions":{"items":[{"ipProtocol":"tcp"}]}})",
      R"({"instancesSet":{"items":[{"instanceId":"i-0abc1234def567890"}]}})",
  };
  TokenBloom bloom = BuildFrom(values);
  ExpectNoFalseNegatives(values, bloom);
  EXPECT_TRUE(bloom.MayContain("sg-5887f224"));
  EXPECT_TRUE(bloom.MayContain("\"groupId\":\"sg-5887f224\""));
  EXPECT_FALSE(bloom.MayContain("sg-1234abcd"));
  EXPECT_FALSE(bloom.MayContain("i-0fff9999aaaa"));
  // Too short to have a gram: cannot be excluded.
  EXPECT_TRUE(bloom.MayContain("zz"));
  EXPECT_TRUE(bloom.MayContain(""));
  EXPECT_TRUE(bloom.MayContain("-:"));
  // A whole token (non-word bytes on both sides) must be a token of the data:
  // "tcp" is, "tc" is only part of one.
  EXPECT_TRUE(bloom.MayContain("\"tcp\""));
  EXPECT_FALSE(bloom.MayContain("\"tc\""));
}

TEST(TokenBloomTest, EmptyFilterHoldsNothing) {
  TokenBloom bloom = BuildFrom({"", "{}", "--"});
  EXPECT_EQ(bloom.num_bits(), 0u);
  EXPECT_TRUE(bloom.MayContain("{}"));
  EXPECT_FALSE(bloom.MayContain("abcde"));
  EXPECT_FALSE(bloom.MayContain(":ab:"));
  EXPECT_FALSE(TokenBloom().MayContain("abcde"));
  EXPECT_TRUE(TokenBloom().MayContain("abcd"));  // too short to check
}

TEST(TokenBloomTest, UnicodeStaysInsideWords) {
  std::vector<std::string> values = {"{\"userName\":\"J\xC3\xBCrgen-M\xC3\xBCller\"}",
                                     "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E"};
  TokenBloom bloom = BuildFrom(values);
  ExpectNoFalseNegatives(values, bloom);
  EXPECT_FALSE(bloom.MayContain("\"J\xC3\xBCrgen-Meier\""));
}

// Random values over a small alphabet (so substrings and near-misses are
// common) with a deliberately tiny filter (so many bits collide): no value's
// substring may ever be rejected, and unrelated literals mostly are.
TEST(TokenBloomTest, RandomizedNoFalseNegatives) {
  std::mt19937 rng(12345);
  const std::string alphabet = "abcdAB01-_.:\"{} \xC3\xA9/";
  for (int round = 0; round < 50; round++) {
    std::vector<std::string> values;
    const int count = 1 + static_cast<int>(rng() % 40);
    for (int v = 0; v < count; v++) {
      std::string value;
      const int length = static_cast<int>(rng() % 60);
      for (int i = 0; i < length; i++) value.push_back(alphabet[rng() % alphabet.size()]);
      values.push_back(value);
    }
    const double bits_per_key = round % 2 == 0 ? 1.0 : 10.0;
    TokenBloom bloom = BuildFrom(values, bits_per_key);
    ExpectNoFalseNegatives(values, bloom);
  }
}

TEST(TokenBloomTest, FalsePositiveRateIsLow) {
  std::mt19937 rng(99);
  auto hex = [&](int n) {
    std::string s;
    for (int i = 0; i < n; i++) s.push_back("0123456789abcdef"[rng() % 16]);
    return s;
  };
  std::vector<std::string> values;
  for (int i = 0; i < 20000; i++) values.push_back("{\"groupId\":\"sg-" + hex(8) + "\"}");
  TokenBloom bloom = BuildFrom(values);
  int hits = 0;
  for (int i = 0; i < 2000; i++) hits += bloom.MayContain("sg-" + hex(8)) ? 1 : 0;
  EXPECT_LT(hits, 200) << "false positives out of 2000";
  for (int i = 0; i < 200; i++) ASSERT_TRUE(bloom.MayContain(values[i]));
}

}  // namespace
}  // namespace ctq

// The key hashes are part of the file format (FORMAT.md): a filter written by
// one build must be read by another. These values pin them.
TEST(TokenBloomTest, KeyHashesAreFixedByTheFormat) {
  // The spec: kind byte 'G' at bits 56..63, the 5 gram bytes little-endian
  // below it, then the murmur3 finaliser.
  auto spec_gram_key = [](std::string_view gram) {
    uint64_t h = uint64_t{'G'} << 56;
    for (int i = 0; i < 5; i++) h |= uint64_t{static_cast<unsigned char>(gram[i])} << (8 * i);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
  };
  for (std::string_view gram : {"5887f", "abcde", "\xff\x80zz0", "sg-58"}) {
    EXPECT_EQ(ctq::TokenBloom::GramKey(gram.data()), spec_gram_key(gram)) << gram;
  }
  EXPECT_NE(ctq::TokenBloom::TokenKey("abcde"), ctq::TokenBloom::GramKey("abcde"));
}
