#include "tools/ctqgen/civil_time.h"

namespace ctq::gen {
namespace {

// Floor division, so dates before 1970 also work.
int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

void AppendDigits(int value, int width, std::string* out) {
  char buffer[12];
  for (int i = width - 1; i >= 0; --i) {
    buffer[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out->append(buffer, width);
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

}  // namespace

// The era-based conversion: a 400-year era has a fixed number of days, and counting years
// from March puts the leap day at the end of the year.
int64_t DaysFromCivil(const CivilDate& date) {
  const int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const int64_t era = FloorDiv(y, 400);
  const int64_t year_of_era = y - era * 400;
  const int64_t shifted_month = date.month > 2 ? date.month - 3 : date.month + 9;
  const int64_t day_of_year = (153 * shifted_month + 2) / 5 + date.day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

CivilDate CivilFromDays(int64_t days) {
  const int64_t z = days + 719468;
  const int64_t era = FloorDiv(z, 146097);
  const int64_t day_of_era = z - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t shifted_month = (5 * day_of_year + 2) / 153;
  CivilDate date;
  date.day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  date.month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  date.year = static_cast<int>(year_of_era + era * 400 + (date.month <= 2 ? 1 : 0));
  return date;
}

bool ParseIsoDate(std::string_view text, int64_t* days) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int fields[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8};
  const int widths[3] = {4, 2, 2};
  for (int f = 0; f < 3; ++f) {
    for (int i = 0; i < widths[f]; ++i) {
      const char c = text[starts[f] + i];
      if (c < '0' || c > '9') return false;
      fields[f] = fields[f] * 10 + (c - '0');
    }
  }
  CivilDate date{fields[0], fields[1], fields[2]};
  if (date.year < 1970 || date.month < 1 || date.month > 12 || date.day < 1 ||
      date.day > DaysInMonth(date.year, date.month)) {
    return false;
  }
  *days = DaysFromCivil(date);
  return true;
}

void FormatIsoTime(int64_t seconds, char* out) {
  const int64_t days = FloorDiv(seconds, kSecondsPerDay);
  const int second_of_day = static_cast<int>(seconds - days * kSecondsPerDay);
  const CivilDate date = CivilFromDays(days);
  auto put = [&out](int value, int width) {
    for (int i = width - 1; i >= 0; --i) {
      out[i] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
    out += width;
  };
  put(date.year, 4);
  *out++ = '-';
  put(date.month, 2);
  *out++ = '-';
  put(date.day, 2);
  *out++ = 'T';
  put(second_of_day / 3600, 2);
  *out++ = ':';
  put(second_of_day / 60 % 60, 2);
  *out++ = ':';
  put(second_of_day % 60, 2);
  *out = 'Z';
}

void AppendIsoTime(int64_t seconds, std::string* out) {
  char text[kIsoTimeLength];
  FormatIsoTime(seconds, text);
  out->append(text, kIsoTimeLength);
}

void AppendCompactTime(int64_t seconds, bool with_seconds, std::string* out) {
  const int64_t days = FloorDiv(seconds, kSecondsPerDay);
  const int second_of_day = static_cast<int>(seconds - days * kSecondsPerDay);
  const CivilDate date = CivilFromDays(days);
  AppendDigits(date.year, 4, out);
  AppendDigits(date.month, 2, out);
  AppendDigits(date.day, 2, out);
  out->push_back('T');
  AppendDigits(second_of_day / 3600, 2, out);
  AppendDigits(second_of_day / 60 % 60, 2, out);
  if (with_seconds) AppendDigits(second_of_day % 60, 2, out);
  out->push_back('Z');
}

void AppendDatePath(int64_t seconds, std::string* out) {
  const CivilDate date = CivilFromDays(FloorDiv(seconds, kSecondsPerDay));
  AppendDigits(date.year, 4, out);
  out->push_back('/');
  AppendDigits(date.month, 2, out);
  out->push_back('/');
  AppendDigits(date.day, 2, out);
}

void AppendJavaTime(int64_t seconds, std::string* out) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const int64_t days = FloorDiv(seconds, kSecondsPerDay);
  const int second_of_day = static_cast<int>(seconds - days * kSecondsPerDay);
  const CivilDate date = CivilFromDays(days);
  const int hour = second_of_day / 3600;
  out->append(kMonths[date.month - 1]);
  out->push_back(' ');
  out->append(std::to_string(date.day));
  out->append(", ");
  AppendDigits(date.year, 4, out);
  out->push_back(' ');
  out->append(std::to_string(hour % 12 == 0 ? 12 : hour % 12));
  out->push_back(':');
  AppendDigits(second_of_day / 60 % 60, 2, out);
  out->push_back(':');
  AppendDigits(second_of_day % 60, 2, out);
  out->append(hour < 12 ? " AM" : " PM");
}

int DayOfWeek(int64_t days) {
  // 1970-01-01 was a Thursday (index 3 when Monday is 0).
  const int64_t shifted = (days + 3) % 7;
  return static_cast<int>(shifted < 0 ? shifted + 7 : shifted);
}

}  // namespace ctq::gen
