#include "ctq/internal/civil_time.h"

#include <cstdio>
#include <cstdlib>

namespace ctq {
namespace {

bool IsLeap(int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// Reads exactly `count` digits (count 0: one or more) from the front of
// `text`; false if there are not so many.
bool TakeDigits(std::string_view* text, int min, int max, int64_t* out) {
  int taken = 0;
  int64_t value = 0;
  while (taken < max && taken < static_cast<int>(text->size()) && (*text)[taken] >= '0' &&
         (*text)[taken] <= '9') {
    value = value * 10 + ((*text)[taken] - '0');
    taken++;
  }
  if (taken < min) return false;
  text->remove_prefix(static_cast<size_t>(taken));
  *out = value;
  return true;
}

bool Take(std::string_view* text, char c) {
  if (text->empty() || text->front() != c) return false;
  text->remove_prefix(1);
  return true;
}

// A fraction of a second as millis, rounded half up (Trino rounds a longer
// fraction to the type's precision). `digits` may be 1..12 long.
bool TakeFractionMillis(std::string_view* text, int64_t* millis, bool* carry) {
  std::string_view start = *text;
  int64_t value = 0;
  if (!TakeDigits(text, 1, 12, &value)) return false;
  int digits = static_cast<int>(start.size() - text->size());
  // Scale to 12 digits, then round to 3.
  for (int i = digits; i < 12; i++) value *= 10;
  int64_t rounded = (value + 500'000'000) / 1'000'000'000;
  *carry = rounded == 1000;
  *millis = *carry ? 0 : rounded;
  return true;
}

std::string Pad(int64_t value, int width) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%0*lld", width, static_cast<long long>(value));
  return buffer;
}

std::string YearText(int64_t year) {
  // Four digits, a sign only before year 0 or past 9999 (Java's ISO form).
  if (year < 0) return "-" + Pad(-year, 4);
  if (year > 9999) return "+" + Pad(year, 4);
  return Pad(year, 4);
}

}  // namespace

int64_t DaysFromCivil(CivilDate date) {
  // Count from 0000-03-01 so that the leap day ends each 4-year cycle; an
  // era is 400 years (146,097 days).
  const int64_t year = date.year - (date.month <= 2 ? 1 : 0);
  const int64_t era = FloorDiv(year, 400);
  const int64_t year_of_era = year - era * 400;
  const int64_t month_from_march = (date.month + 9) % 12;
  const int64_t day_of_year = (153 * month_from_march + 2) / 5 + date.day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;  // 719468: 0000-03-01 to 1970-01-01
}

CivilDate CivilFromDays(int64_t days) {
  days += 719468;
  const int64_t era = FloorDiv(days, 146097);
  const int64_t day_of_era = days - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t month_from_march = (5 * day_of_year + 2) / 153;
  CivilDate date;
  date.day = static_cast<int>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  date.month = static_cast<int>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
  date.year = year_of_era + era * 400 + (date.month <= 2 ? 1 : 0);
  return date;
}

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

bool IsValidDate(int64_t year, int month, int day) {
  return month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

CivilTime CivilFromMillis(int64_t millis) {
  CivilTime time;
  time.date = CivilFromDays(FloorDiv(millis, kMillisPerDay));
  int64_t of_day = FloorMod(millis, kMillisPerDay);
  time.hour = static_cast<int>(of_day / kMillisPerHour);
  time.minute = static_cast<int>(of_day / kMillisPerMinute % 60);
  time.second = static_cast<int>(of_day / kMillisPerSecond % 60);
  time.millis = static_cast<int>(of_day % kMillisPerSecond);
  return time;
}

int64_t MillisFromCivil(const CivilTime& time) {
  return DaysFromCivil(time.date) * kMillisPerDay + time.hour * kMillisPerHour +
         time.minute * kMillisPerMinute + time.second * kMillisPerSecond + time.millis;
}

std::string PadNumber(int64_t value, int width) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  if (static_cast<int>(digits.size()) < width) digits.insert(0, width - digits.size(), '0');
  return value < 0 ? "-" + digits : digits;
}

std::string FormatDate(int64_t days) {
  CivilDate date = CivilFromDays(days);
  return YearText(date.year) + "-" + Pad(date.month, 2) + "-" + Pad(date.day, 2);
}

std::string FormatTimestamp(int64_t millis) {
  CivilTime time = CivilFromMillis(millis);
  return FormatDate(DaysFromCivil(time.date)) + " " + Pad(time.hour, 2) + ":" + Pad(time.minute, 2) +
         ":" + Pad(time.second, 2) + "." + Pad(time.millis, 3);
}

std::string FormatZone(int zone) {
  if (zone == kUtcZone) return "UTC";
  int offset = OffsetMinutes(zone);
  std::string sign = offset < 0 ? "-" : "+";
  offset = std::abs(offset);
  return sign + Pad(offset / 60, 2) + ":" + Pad(offset % 60, 2);
}

std::string FormatTimestampTz(int64_t packed) {
  return FormatTimestamp(LocalMillis(packed)) + " " + FormatZone(ZoneOf(packed));
}

std::string FormatIso8601(int64_t packed) {
  CivilTime time = CivilFromMillis(LocalMillis(packed));
  std::string text = FormatDate(DaysFromCivil(time.date)) + "T" + Pad(time.hour, 2) + ":" +
                     Pad(time.minute, 2) + ":" + Pad(time.second, 2) + "." + Pad(time.millis, 3);
  const int zone = ZoneOf(packed);
  return text + (zone == kUtcZone ? "Z" : FormatZone(zone));
}

std::string FormatIntervalDayTime(int64_t millis) {
  // Trino: "[-]D HH:MM:SS.mmm".
  std::string sign = millis < 0 ? "-" : "";
  uint64_t magnitude = millis < 0 ? 0 - static_cast<uint64_t>(millis) : static_cast<uint64_t>(millis);
  const uint64_t day = static_cast<uint64_t>(kMillisPerDay);
  uint64_t rest = magnitude % day;
  return sign + std::to_string(magnitude / day) + " " + Pad(static_cast<int64_t>(rest / 3600000), 2) +
         ":" + Pad(static_cast<int64_t>(rest / 60000 % 60), 2) + ":" +
         Pad(static_cast<int64_t>(rest / 1000 % 60), 2) + "." + Pad(static_cast<int64_t>(rest % 1000), 3);
}

std::string FormatIntervalYearMonth(int64_t months) {
  std::string sign = months < 0 ? "-" : "";
  uint64_t magnitude = months < 0 ? 0 - static_cast<uint64_t>(months) : static_cast<uint64_t>(months);
  return sign + std::to_string(magnitude / 12) + "-" + std::to_string(magnitude % 12);
}

std::optional<int> ParseZone(std::string_view name) {
  if (name == "UTC" || name == "utc" || name == "Z" || name == "GMT" || name == "Etc/UTC" ||
      name == "UCT" || name == "Zulu" || name == "Etc/GMT" || name == "Universal") {
    return kUtcZone;
  }
  std::string_view text = name;
  if (text.size() > 3 && (text.substr(0, 3) == "UTC" || text.substr(0, 3) == "GMT")) {
    text.remove_prefix(3);
  }
  if (text.empty() || (text.front() != '+' && text.front() != '-')) return std::nullopt;
  const bool negative = text.front() == '-';
  text.remove_prefix(1);
  int64_t hours = 0, minutes = 0;
  if (!TakeDigits(&text, 1, 2, &hours)) return std::nullopt;
  if (!text.empty()) {
    Take(&text, ':');
    if (!TakeDigits(&text, 2, 2, &minutes) || !text.empty()) return std::nullopt;
  }
  if (hours > 14 || minutes > 59 || hours * 60 + minutes > 14 * 60) return std::nullopt;
  int offset = static_cast<int>(hours * 60 + minutes);
  return ZoneFromOffsetMinutes(negative ? -offset : offset);
}

std::optional<int64_t> ParseDate(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  bool negative = Take(&text, '-');
  if (!negative) Take(&text, '+');
  int64_t year = 0, month = 0, day = 0;
  if (!TakeDigits(&text, 4, 9, &year) || !Take(&text, '-') || !TakeDigits(&text, 1, 2, &month) ||
      !Take(&text, '-') || !TakeDigits(&text, 1, 2, &day) || !text.empty()) {
    return std::nullopt;
  }
  if (negative) year = -year;
  if (!IsValidDate(year, static_cast<int>(month), static_cast<int>(day))) return std::nullopt;
  return DaysFromCivil({year, static_cast<int>(month), static_cast<int>(day)});
}

std::optional<int64_t> ParseTimestamp(std::string_view text, std::optional<int>* zone) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  size_t space = text.find(' ');
  std::optional<int64_t> days = ParseDate(text.substr(0, space));
  if (!days.has_value()) return std::nullopt;
  CivilTime time;
  time.date = CivilFromDays(*days);
  if (zone != nullptr) zone->reset();
  if (space == std::string_view::npos) return MillisFromCivil(time);
  std::string_view rest = text.substr(space + 1);
  int64_t hour = 0, minute = 0, second = 0, millis = 0;
  bool carry = false;
  if (!TakeDigits(&rest, 1, 2, &hour) || !Take(&rest, ':') || !TakeDigits(&rest, 1, 2, &minute)) {
    return std::nullopt;
  }
  if (Take(&rest, ':')) {
    if (!TakeDigits(&rest, 1, 2, &second)) return std::nullopt;
    if (Take(&rest, '.') && !TakeFractionMillis(&rest, &millis, &carry)) return std::nullopt;
  }
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (!rest.empty()) {
    if (zone == nullptr) return std::nullopt;
    std::optional<int> parsed = ParseZone(rest);
    if (!parsed.has_value()) return std::nullopt;
    *zone = parsed;
  }
  time.hour = static_cast<int>(hour);
  time.minute = static_cast<int>(minute);
  time.second = static_cast<int>(second);
  time.millis = static_cast<int>(millis);
  return MillisFromCivil(time) + (carry ? kMillisPerSecond : 0);
}

std::optional<IsoInstant> ParseIso8601(std::string_view text, bool date_only) {
  int64_t year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, millis = 0;
  bool negative = Take(&text, '-');
  if (!negative) Take(&text, '+');
  if (!TakeDigits(&text, 1, 9, &year)) return std::nullopt;
  if (negative) year = -year;
  if (Take(&text, '-')) {
    if (!TakeDigits(&text, 2, 2, &month)) return std::nullopt;
    if (Take(&text, '-') && !TakeDigits(&text, 2, 2, &day)) return std::nullopt;
  }
  if (!IsValidDate(year, static_cast<int>(month), static_cast<int>(day))) return std::nullopt;
  IsoInstant instant;
  bool carry = false;
  if (!date_only && Take(&text, 'T')) {
    if (!TakeDigits(&text, 2, 2, &hour)) return std::nullopt;
    if (Take(&text, ':')) {
      if (!TakeDigits(&text, 2, 2, &minute)) return std::nullopt;
      if (Take(&text, ':')) {
        if (!TakeDigits(&text, 2, 2, &second)) return std::nullopt;
        if ((Take(&text, '.') || Take(&text, ',')) && !TakeFractionMillis(&text, &millis, &carry)) {
          return std::nullopt;
        }
      }
    }
    if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
    if (!text.empty()) {
      std::optional<int> zone = text == "Z" ? std::optional<int>(kUtcZone) : ParseZone(text);
      if (!zone.has_value()) return std::nullopt;
      instant.zone = *zone;
      text = "";
    }
  }
  if (!text.empty()) return std::nullopt;
  CivilTime time;
  time.date = {year, static_cast<int>(month), static_cast<int>(day)};
  time.hour = static_cast<int>(hour);
  time.minute = static_cast<int>(minute);
  time.second = static_cast<int>(second);
  time.millis = static_cast<int>(millis);
  instant.utc_millis = MillisFromCivil(time) + (carry ? kMillisPerSecond : 0) -
                       OffsetMinutes(instant.zone) * kMillisPerMinute;
  return instant;
}

}  // namespace ctq
