// Dates and times as Trino's types hold them, in the proleptic Gregorian
// calendar: DATE is days since 1970-01-01, TIMESTAMP(3) milliseconds since
// 1970-01-01 00:00:00 (a wall-clock time, no zone), TIMESTAMP(3) WITH TIME
// ZONE an instant in milliseconds (UTC) packed with its zone, INTERVAL DAY TO
// SECOND milliseconds and INTERVAL YEAR TO MONTH months. Zones are UTC and
// fixed offsets (named zones other than UTC are not supported).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ctq {

inline constexpr int64_t kMillisPerSecond = 1000;
inline constexpr int64_t kMillisPerMinute = 60 * kMillisPerSecond;
inline constexpr int64_t kMillisPerHour = 60 * kMillisPerMinute;
inline constexpr int64_t kMillisPerDay = 24 * kMillisPerHour;

// Floor division and its remainder (always >= 0 for b > 0).
inline int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
inline int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

struct CivilDate {
  int64_t year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};
int64_t DaysFromCivil(CivilDate date);
CivilDate CivilFromDays(int64_t days);
bool IsValidDate(int64_t year, int month, int day);
int DaysInMonth(int64_t year, int month);

// A wall-clock time split into fields.
struct CivilTime {
  CivilDate date;
  int hour = 0, minute = 0, second = 0, millis = 0;
};
CivilTime CivilFromMillis(int64_t millis);
int64_t MillisFromCivil(const CivilTime& time);

// TIMESTAMP WITH TIME ZONE: millis (UTC) in the high bits, the zone in the
// low 12: 0 is UTC, else the offset in minutes plus 2048 (offsets are
// within +-14:00). Ordering and equality are by instant (MillisOf).
inline constexpr int kUtcZone = 0;
inline int64_t PackTimestampTz(int64_t utc_millis, int zone) {
  return static_cast<int64_t>(static_cast<uint64_t>(utc_millis) << 12) | zone;
}
inline int64_t MillisOf(int64_t packed) { return packed >> 12; }  // arithmetic shift: floor
inline int ZoneOf(int64_t packed) { return static_cast<int>(packed & 0xfff); }
// Offset 0 is UTC, as Trino's TimeZoneKey.getTimeZoneKeyForOffset(0).
inline int ZoneFromOffsetMinutes(int minutes) { return minutes == 0 ? kUtcZone : minutes + 2048; }
// The zone's offset from UTC in minutes (0 for UTC).
inline int OffsetMinutes(int zone) { return zone == kUtcZone ? 0 : zone - 2048; }
// The wall-clock millis of a packed value in its own zone.
inline int64_t LocalMillis(int64_t packed) {
  return MillisOf(packed) + OffsetMinutes(ZoneOf(packed)) * kMillisPerMinute;
}

// English names, as Trino's date_format and Joda print them; Monday first.
inline constexpr const char* kMonthNames[] = {"January", "February", "March",     "April",
                                              "May",     "June",     "July",      "August",
                                              "September", "October", "November", "December"};
inline constexpr const char* kDayNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                            "Friday", "Saturday", "Sunday"};

// `value` in decimal with at least `width` digits (zeros in front, after a
// minus sign).
std::string PadNumber(int64_t value, int width);

// Trino's text forms: "2017-02-17", "2017-02-17 00:00:00.000",
// "2017-02-17 00:00:00.000 UTC" / "... +01:00", "1 02:03:04.005", "1-2".
std::string FormatDate(int64_t days);
std::string FormatTimestamp(int64_t millis);
std::string FormatTimestampTz(int64_t packed);
std::string FormatZone(int zone);  // "UTC", "+01:00", "-05:30"
std::string FormatIntervalDayTime(int64_t millis);
std::string FormatIntervalYearMonth(int64_t months);

// The zone a name gives: "UTC" (also "Z", "GMT", "Etc/UTC", "+00:00" is an
// offset), "+01:00", "-0530", "+01". nullopt for other names.
std::optional<int> ParseZone(std::string_view name);

// CAST(varchar AS DATE): "YYYY-MM-DD" (Trino's DateTimes.parseDate).
std::optional<int64_t> ParseDate(std::string_view text);
// CAST(varchar AS TIMESTAMP): "YYYY-MM-DD[ HH:MM[:SS[.fraction]]]" (the
// fraction rounded to milliseconds). With `zone` non-null, a trailing zone
// ("UTC", "+01:00", after a space) is accepted and returned; without it, a
// zone is an error.
std::optional<int64_t> ParseTimestamp(std::string_view text, std::optional<int>* zone);
// from_iso8601_timestamp / from_iso8601_date: ISO 8601 as Joda's
// ISODateTimeFormat.dateTimeParser reads it: YYYY[-MM[-DD]][THH[:MM[:SS[.f]]]]
// [Z|+HH[:MM]]. Returns the instant (UTC millis) and the zone (UTC when the
// text names none: ctq's session zone).
struct IsoInstant {
  int64_t utc_millis = 0;
  int zone = kUtcZone;
};
std::optional<IsoInstant> ParseIso8601(std::string_view text, bool date_only);

// ISO 8601 text of a TIMESTAMP WITH TIME ZONE as Trino's to_iso8601 writes
// it: "2017-02-17T00:00:00.000Z", "...+01:00".
std::string FormatIso8601(int64_t packed);

}  // namespace ctq
