#pragma once

// UTC calendar arithmetic and the timestamp formats that CloudTrail uses.
//
// ctqgen works in seconds since the Unix epoch. These helpers avoid <ctime> because timegm and
// gmtime_r depend on the C library, and the generator must behave the same everywhere.

#include <cstdint>
#include <string>
#include <string_view>

namespace ctq::gen {

inline constexpr int64_t kSecondsPerDay = 86400;

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

// Days since 1970-01-01 for a proleptic Gregorian date.
int64_t DaysFromCivil(const CivilDate& date);
CivilDate CivilFromDays(int64_t days);

// Parses "YYYY-MM-DD" into days since the epoch. Returns false on any malformed or impossible
// date (month 13, February 30, ...).
bool ParseIsoDate(std::string_view text, int64_t* days);

inline constexpr size_t kIsoTimeLength = 20;
// Writes "2017-02-17T03:04:05Z" (kIsoTimeLength bytes, no terminator) to `out`.
void FormatIsoTime(int64_t seconds, char* out);
// Appends "2017-02-17T03:04:05Z".
void AppendIsoTime(int64_t seconds, std::string* out);
// Appends "20170217T0304Z" (log file names) or, with seconds, "20170217T030405Z" (digests).
void AppendCompactTime(int64_t seconds, bool with_seconds, std::string* out);
// Appends "2017/02/17", the S3 key folders of a delivery day.
void AppendDatePath(int64_t seconds, std::string* out);
// Appends the Java date format of STS credential expirations: "Feb 17, 2017 4:04:05 AM".
void AppendJavaTime(int64_t seconds, std::string* out);

// Day of week for days since the epoch: 0 = Monday .. 6 = Sunday.
int DayOfWeek(int64_t days);

}  // namespace ctq::gen
