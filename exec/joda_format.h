// Joda-Time patterns, as Trino's format_datetime and parse_datetime read them
// (org.joda.time.format.DateTimeFormat: `yyyy-MM-dd HH:mm:ss.SSS Z`, text in
// single quotes, '' a quote). The fields: G era, C century, Y year of era,
// y year, x week year, w week of week year, e day of week (1 is Monday),
// E day of week text, D day of year, M month (MMM "Feb", MMMM "February"),
// d day of month, a AM/PM, h 1-12, K 0-11, H 0-23, k 1-24, m minute,
// s second, S fraction of a second, z zone name, Z offset (Z +0100, ZZ
// +01:00, ZZZ the zone id). Two letters of a year are its last two digits.
//
// Thread-safety: plain functions over immutable patterns.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace ctq {

class JodaPattern {
 public:
  // InvalidArgument "Illegal pattern component: X" for a letter Joda does
  // not know, or an unterminated quote.
  static absl::StatusOr<JodaPattern> Compile(std::string_view pattern);

  // The wall-clock time `local_millis` in `zone` (civil_time.h) as text.
  std::string Format(int64_t local_millis, int zone) const;
  // A TIMESTAMP WITH TIME ZONE (packed, civil_time.h) read from `text`: in
  // the offset the text gives, else UTC. InvalidArgument, Joda's
  // "Invalid format: "text"...", when it does not match.
  absl::StatusOr<int64_t> Parse(std::string_view text) const;

 private:
  struct Token {
    char letter = 0;  // 0: literal text
    int count = 0;
    std::string literal;
  };
  std::vector<Token> tokens_;
};

}  // namespace ctq
