// Unit tests of JodaPattern (exec/joda_format.h): a round trip through
// Format and Parse over random instants and offsets for the patterns that
// name every field a timestamp needs, and the cases the parser refuses.
#include "exec/joda_format.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "ctq/internal/civil_time.h"

namespace ctq {
namespace {

JodaPattern MustCompile(std::string_view pattern) {
  absl::StatusOr<JodaPattern> compiled = JodaPattern::Compile(pattern);
  EXPECT_TRUE(compiled.ok()) << pattern << ": " << compiled.status();
  return compiled.ok() ? *std::move(compiled) : *JodaPattern::Compile("");
}

// A full pattern prints what the parser reads back: the same instant in the
// same offset, for years 1900..2100 and offsets of whole and half hours.
TEST(JodaFormatTest, FormatThenParseIsTheIdentity) {
  const char* kPatterns[] = {
      "yyyy-MM-dd HH:mm:ss.SSS Z",
      "dd MMM yyyy hh:mm:ss.SSS a ZZ",
      "EEEE, MMMM d, yyyy kk:mm:ss.SSS Z",
      "yyyyMMddHHmmssSSSZ",
      "'at' yyyy.MM.dd 'T' HH:mm:ss.SSS ZZ",
  };
  std::mt19937_64 random(20261204);
  const int64_t lo = DaysFromCivil({1900, 1, 1}) * kMillisPerDay;
  const int64_t hi = DaysFromCivil({2100, 1, 1}) * kMillisPerDay;
  std::uniform_int_distribution<int64_t> instant(lo, hi);
  std::uniform_int_distribution<int> half_hours(-24, 28);
  for (const char* text : kPatterns) {
    const JodaPattern pattern = MustCompile(text);
    for (int i = 0; i < 2000; i++) {
      const int64_t utc = instant(random);
      const int zone = ZoneFromOffsetMinutes(half_hours(random) * 30);
      const int64_t packed = PackTimestampTz(utc, zone);
      const std::string formatted = pattern.Format(LocalMillis(packed), zone);
      absl::StatusOr<int64_t> parsed = pattern.Parse(formatted);
      ASSERT_TRUE(parsed.ok()) << text << " '" << formatted << "': " << parsed.status();
      EXPECT_EQ(MillisOf(*parsed), utc) << text << " '" << formatted << "'";
      EXPECT_EQ(OffsetMinutes(ZoneOf(*parsed)), OffsetMinutes(zone)) << text << " '" << formatted << "'";
    }
  }
}

TEST(JodaFormatTest, RefusesUnknownLettersAndOpenQuotes) {
  EXPECT_FALSE(JodaPattern::Compile("yyyy-qq").ok());
  EXPECT_FALSE(JodaPattern::Compile("yyyy 'open").ok());
  EXPECT_TRUE(JodaPattern::Compile("yyyy ''").ok());
  EXPECT_TRUE(JodaPattern::Compile("").ok());
}

TEST(JodaFormatTest, ParseRefusesWhatDoesNotMatch) {
  const JodaPattern pattern = MustCompile("yyyy-MM-dd HH:mm");
  EXPECT_FALSE(pattern.Parse("").ok());
  EXPECT_FALSE(pattern.Parse("2017-02-17").ok());           // too short
  EXPECT_FALSE(pattern.Parse("2017-02-17 10:20 junk").ok());  // left over
  EXPECT_FALSE(pattern.Parse("2017-02-29 10:20").ok());     // not a leap year
  EXPECT_FALSE(pattern.Parse("2017-02-17 10:60").ok());
  EXPECT_TRUE(pattern.Parse("2016-02-29 10:20").ok());
  // Zone names cannot be parsed (Joda cannot either).
  EXPECT_FALSE(MustCompile("yyyy z").Parse("2017 UTC").ok());
}

}  // namespace
}  // namespace ctq
