// Date and time functions with Trino's semantics (docs: "Date and time
// functions and operators"; io.trino.operator.scalar.DateTimeFunctions):
// units and fields on the proleptic Gregorian calendar, weeks starting on
// Monday (ISO 8601), month arithmetic clamped to the month's last day, a
// TIMESTAMP WITH TIME ZONE computed in its own zone's wall-clock time.
#include "exec/time_functions.h"

#include <cmath>
#include <string>

#include "ctq/internal/civil_time.h"
#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"
#include "exec/joda_format.h"

namespace ctq {
namespace {

// A date, timestamp or timestamp with time zone as wall-clock millis (and
// the zone, for the last).
struct Local {
  int64_t millis = 0;
  int zone = kUtcZone;
};

Local ToLocal(Type type, int64_t v) {
  switch (type.id()) {
    case TypeId::kDate:
      return {v * kMillisPerDay, kUtcZone};
    case TypeId::kTimestampTz:
      return {LocalMillis(v), ZoneOf(v)};
    default:
      return {v, kUtcZone};
  }
}

int64_t FromLocal(Type type, Local local) {
  switch (type.id()) {
    case TypeId::kDate:
      return FloorDiv(local.millis, kMillisPerDay);
    case TypeId::kTimestampTz:
      return PackTimestampTz(local.millis - OffsetMinutes(local.zone) * kMillisPerMinute, local.zone);
    default:
      return local.millis;
  }
}

int DayOfWeek(int64_t days) { return static_cast<int>(FloorMod(days + 3, 7)) + 1; }  // Monday 1

// ISO 8601 week-based year and week of `days`.
void IsoWeek(int64_t days, int64_t* year, int64_t* week) {
  const int64_t thursday = days - DayOfWeek(days) + 4;
  *year = CivilFromDays(thursday).year;
  *week = (thursday - DaysFromCivil({*year, 1, 1})) / 7 + 1;
}

// Adds `months` to a wall-clock time, clamping the day (Jan 31 + 1 month is
// Feb 28 or 29), as Joda's plusMonths does.
absl::StatusOr<int64_t> AddMonths(int64_t millis, int64_t months) {
  CivilTime time = CivilFromMillis(millis);
  int64_t total = 0;
  if (__builtin_add_overflow(time.date.year * 12 + (time.date.month - 1), months, &total) ||
      total > int64_t{300000000} * 12 || total < -int64_t{300000000} * 12) {
    return absl::InvalidArgumentError("timestamp out of range");
  }
  time.date.year = FloorDiv(total, 12);
  time.date.month = static_cast<int>(FloorMod(total, 12)) + 1;
  time.date.day = std::min(time.date.day, DaysInMonth(time.date.year, time.date.month));
  return MillisFromCivil(time);
}

int64_t UnitMillis(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kMillisecond:
      return 1;
    case TimeUnit::kSecond:
      return kMillisPerSecond;
    case TimeUnit::kMinute:
      return kMillisPerMinute;
    case TimeUnit::kHour:
      return kMillisPerHour;
    case TimeUnit::kDay:
      return kMillisPerDay;
    case TimeUnit::kWeek:
      return 7 * kMillisPerDay;
    default:
      return 0;  // months and longer: calendar arithmetic
  }
}

int64_t MonthsOf(TimeUnit unit) { return unit == TimeUnit::kYear ? 12 : unit == TimeUnit::kQuarter ? 3 : 1; }

int64_t Truncate(TimeUnit unit, int64_t millis) {
  CivilTime time = CivilFromMillis(millis);
  switch (unit) {
    case TimeUnit::kWeek: {
      const int64_t days = FloorDiv(millis, kMillisPerDay);
      return (days - (DayOfWeek(days) - 1)) * kMillisPerDay;
    }
    case TimeUnit::kMonth:
    case TimeUnit::kQuarter:
    case TimeUnit::kYear: {
      CivilTime start;
      start.date.year = time.date.year;
      start.date.month = unit == TimeUnit::kYear      ? 1
                         : unit == TimeUnit::kQuarter ? (time.date.month - 1) / 3 * 3 + 1
                                                      : time.date.month;
      return MillisFromCivil(start);
    }
    default: {
      const int64_t size = UnitMillis(unit);
      return FloorDiv(millis, size) * size;
    }
  }
}

// date_diff: whole units from a to b (Joda's fieldDifference: toward zero).
int64_t Difference(TimeUnit unit, int64_t a, int64_t b) {
  if (const int64_t size = UnitMillis(unit); size != 0) return (b - a) / size;
  CivilTime x = CivilFromMillis(a), y = CivilFromMillis(b);
  int64_t months = (y.date.year * 12 + y.date.month) - (x.date.year * 12 + x.date.month);
  // The part of the month each has reached: a month counts only when whole.
  const int64_t x_rest = a - Truncate(TimeUnit::kMonth, a);
  const int64_t y_rest = b - Truncate(TimeUnit::kMonth, b);
  if (months > 0 && y_rest < x_rest) months--;
  if (months < 0 && y_rest > x_rest) months++;
  return months / MonthsOf(unit);
}

int64_t Field(TimeUnit unit, Type type, int64_t v) {
  const Local local = ToLocal(type, v);
  const CivilTime time = CivilFromMillis(local.millis);
  const int64_t days = FloorDiv(local.millis, kMillisPerDay);
  switch (unit) {
    case TimeUnit::kMillisecond:
      return time.millis;
    case TimeUnit::kSecond:
      return time.second;
    case TimeUnit::kMinute:
      return time.minute;
    case TimeUnit::kHour:
      return time.hour;
    case TimeUnit::kDay:
      return time.date.day;
    case TimeUnit::kMonth:
      return time.date.month;
    case TimeUnit::kQuarter:
      return (time.date.month - 1) / 3 + 1;
    case TimeUnit::kYear:
      return time.date.year;
    case TimeUnit::kDayOfWeek:
      return DayOfWeek(days);
    case TimeUnit::kDayOfYear:
      return days - DaysFromCivil({time.date.year, 1, 1}) + 1;
    case TimeUnit::kWeek:
    case TimeUnit::kYearOfWeek: {
      int64_t year = 0, week = 0;
      IsoWeek(days, &year, &week);
      return unit == TimeUnit::kWeek ? week : year;
    }
    case TimeUnit::kTimezoneHour:
      return OffsetMinutes(local.zone) / 60;
    case TimeUnit::kTimezoneMinute:
      return OffsetMinutes(local.zone) % 60;
  }
  return 0;
}


// MySQL's date_format specifiers as Trino implements them.
absl::Status FormatMysql(std::string_view format, int64_t millis, std::string* out) {
  const CivilTime t = CivilFromMillis(millis);
  const int64_t days = FloorDiv(millis, kMillisPerDay);
  const int hour12 = t.hour % 12 == 0 ? 12 : t.hour % 12;
  out->clear();
  for (size_t i = 0; i < format.size(); i++) {
    if (format[i] != '%' || i + 1 == format.size()) {
      out->push_back(format[i]);
      continue;
    }
    const char c = format[++i];
    switch (c) {
      case 'a': out->append(std::string(kDayNames[DayOfWeek(days) - 1]).substr(0, 3)); break;
      case 'b': out->append(std::string(kMonthNames[t.date.month - 1]).substr(0, 3)); break;
      case 'c': out->append(std::to_string(t.date.month)); break;
      case 'd': out->append(PadNumber(t.date.day, 2)); break;
      case 'e': out->append(std::to_string(t.date.day)); break;
      case 'f': out->append(PadNumber(t.millis * 1000, 6)); break;
      case 'H': out->append(PadNumber(t.hour, 2)); break;
      case 'h':
      case 'I': out->append(PadNumber(hour12, 2)); break;
      case 'i': out->append(PadNumber(t.minute, 2)); break;
      case 'j': out->append(PadNumber(days - DaysFromCivil({t.date.year, 1, 1}) + 1, 3)); break;
      case 'k': out->append(std::to_string(t.hour)); break;
      case 'l': out->append(std::to_string(hour12)); break;
      case 'M': out->append(kMonthNames[t.date.month - 1]); break;
      case 'm': out->append(PadNumber(t.date.month, 2)); break;
      case 'p': out->append(t.hour < 12 ? "AM" : "PM"); break;
      case 'r':
        out->append(PadNumber(hour12, 2) + ":" + PadNumber(t.minute, 2) + ":" + PadNumber(t.second, 2) +
                    (t.hour < 12 ? " AM" : " PM"));
        break;
      case 'S':
      case 's': out->append(PadNumber(t.second, 2)); break;
      case 'T': out->append(PadNumber(t.hour, 2) + ":" + PadNumber(t.minute, 2) + ":" + PadNumber(t.second, 2)); break;
      case 'v':
      case 'x': {
        int64_t year = 0, week = 0;
        IsoWeek(days, &year, &week);
        out->append(c == 'v' ? PadNumber(week, 2) : PadNumber(year, 4));
        break;
      }
      case 'W': out->append(kDayNames[DayOfWeek(days) - 1]); break;
      case 'Y': out->append(PadNumber(t.date.year, 4)); break;
      case 'y': out->append(PadNumber(FloorMod(t.date.year, 100), 2)); break;
      case '%': out->push_back('%'); break;
      default:
        // %D, %U, %u, %V, %w, %X: Trino rejects them too.
        return absl::InvalidArgumentError(StrCat("%", std::string(1, c), " not supported in date format string"));
    }
  }
  return absl::OkStatus();
}

bool TakeNumber(std::string_view* text, int max_digits, int64_t* out) {
  int taken = 0;
  int64_t value = 0;
  while (taken < max_digits && !text->empty() && text->front() >= '0' && text->front() <= '9') {
    value = value * 10 + (text->front() - '0');
    text->remove_prefix(1);
    taken++;
  }
  *out = value;
  return taken > 0;
}

// date_parse: the inverse of date_format for the numeric specifiers.
absl::StatusOr<int64_t> ParseMysql(std::string_view text, std::string_view format) {
  const std::string original(text);
  auto invalid = [&] {
    return absl::InvalidArgumentError(StrCat("Invalid format: \"", original, "\""));
  };
  CivilTime t;
  bool pm = false, twelve_hour = false;
  for (size_t i = 0; i < format.size(); i++) {
    if (format[i] != '%' || i + 1 == format.size()) {
      if (text.empty() || text.front() != format[i]) return invalid();
      text.remove_prefix(1);
      continue;
    }
    const char c = format[++i];
    int64_t v = 0;
    switch (c) {
      case 'Y': if (!TakeNumber(&text, 4, &v)) return invalid(); t.date.year = v; break;
      case 'y': if (!TakeNumber(&text, 2, &v)) return invalid(); t.date.year = 2000 + v; break;
      case 'm':
      case 'c': if (!TakeNumber(&text, 2, &v)) return invalid(); t.date.month = static_cast<int>(v); break;
      case 'd':
      case 'e': if (!TakeNumber(&text, 2, &v)) return invalid(); t.date.day = static_cast<int>(v); break;
      case 'H':
      case 'k': if (!TakeNumber(&text, 2, &v)) return invalid(); t.hour = static_cast<int>(v); break;
      case 'h':
      case 'I':
      case 'l':
        if (!TakeNumber(&text, 2, &v)) return invalid();
        t.hour = static_cast<int>(v);
        twelve_hour = true;
        break;
      case 'i': if (!TakeNumber(&text, 2, &v)) return invalid(); t.minute = static_cast<int>(v); break;
      case 'S':
      case 's': if (!TakeNumber(&text, 2, &v)) return invalid(); t.second = static_cast<int>(v); break;
      case 'f': {
        std::string_view before = text;
        if (!TakeNumber(&text, 9, &v)) return invalid();
        int digits = static_cast<int>(before.size() - text.size());
        while (digits < 3) v *= 10, digits++;
        while (digits > 3) v /= 10, digits--;
        t.millis = static_cast<int>(v);
        break;
      }
      case 'p':
        if (text.size() < 2) return invalid();
        pm = text.substr(0, 2) == "PM" || text.substr(0, 2) == "pm";
        if (!pm && text.substr(0, 2) != "AM" && text.substr(0, 2) != "am") return invalid();
        text.remove_prefix(2);
        break;
      case 'T': {
        int64_t h = 0, m = 0, s = 0;
        if (!TakeNumber(&text, 2, &h) || text.empty() || text.front() != ':') return invalid();
        text.remove_prefix(1);
        if (!TakeNumber(&text, 2, &m) || text.empty() || text.front() != ':') return invalid();
        text.remove_prefix(1);
        if (!TakeNumber(&text, 2, &s)) return invalid();
        t.hour = static_cast<int>(h), t.minute = static_cast<int>(m), t.second = static_cast<int>(s);
        break;
      }
      case '%':
        if (text.empty() || text.front() != '%') return invalid();
        text.remove_prefix(1);
        break;
      default:
        return absl::InvalidArgumentError(StrCat("%", std::string(1, c), " not supported in date format string"));
    }
  }
  if (!text.empty()) return invalid();
  if (twelve_hour) {
    if (t.hour < 1 || t.hour > 12) return invalid();
    t.hour = t.hour % 12 + (pm ? 12 : 0);
  }
  if (!IsValidDate(t.date.year, t.date.month, t.date.day) || t.hour > 23 || t.minute > 59 ||
      t.second > 59) {
    return invalid();
  }
  return MillisFromCivil(t);
}

}  // namespace

bool IsTimeFunction(ScalarFunction function) {
  return function >= ScalarFunction::kFromIso8601Timestamp;
}

absl::Status EvaluateTimeFunction(const BoundExpr& expr, const std::vector<Vector>& args,
                                  uint32_t n, Vector* out) {
  std::string scratch;
  for (uint32_t i = 0; i < n; i++) {
    if (AnyNullAt(args, i)) {
      out->SetNull(i, true);
      continue;
    }
    auto value = [&](size_t a) { return args[a].ints()[i]; };
    auto type = [&](size_t a) { return args[a].type(); };
    int64_t* result = HoldsInt64(expr.type) ? &out->ints()[i] : nullptr;
    switch (expr.function) {
      case ScalarFunction::kFromIso8601Timestamp:
      case ScalarFunction::kFromIso8601Date: {
        const bool date = expr.function == ScalarFunction::kFromIso8601Date;
        std::string_view text = args[0].strings()[i];
        std::optional<IsoInstant> instant = ParseIso8601(text, date);
        if (!instant.has_value()) {
          // Joda's message, which Trino passes on.
          return absl::InvalidArgumentError(StrCat("Invalid format: \"", text, "\""));
        }
        *result = date ? FloorDiv(instant->utc_millis, kMillisPerDay)
                       : PackTimestampTz(instant->utc_millis, instant->zone);
        break;
      }
      case ScalarFunction::kToIso8601: {
        std::string text;
        if (type(0) == TypeId::kDate) {
          text = FormatDate(value(0));
        } else if (type(0) == TypeId::kTimestamp) {
          text = FormatTimestamp(value(0));
          text[10] = 'T';
        } else {
          text = FormatIso8601(value(0));
        }
        out->strings()[i] = out->heap().Add(text);
        break;
      }
      case ScalarFunction::kDateTrunc: {
        Local local = ToLocal(type(0), value(0));
        local.millis = Truncate(expr.time_unit, local.millis);
        *result = FromLocal(type(0), local);
        break;
      }
      case ScalarFunction::kDateAdd: {
        Local local = ToLocal(type(1), value(1));
        const int64_t amount = value(0);
        if (const int64_t size = UnitMillis(expr.time_unit); size != 0) {
          int64_t delta = 0;
          if (__builtin_mul_overflow(amount, size, &delta) ||
              __builtin_add_overflow(local.millis, delta, &local.millis)) {
            return absl::InvalidArgumentError("timestamp out of range in date_add");
          }
        } else {
          int64_t months = 0;
          if (__builtin_mul_overflow(amount, MonthsOf(expr.time_unit), &months)) {
            return absl::InvalidArgumentError("timestamp out of range in date_add");
          }
          CTQ_ASSIGN_OR_RETURN(local.millis, AddMonths(local.millis, months));
        }
        *result = FromLocal(type(1), local);
        break;
      }
      case ScalarFunction::kDateDiff: {
        const Local a = ToLocal(type(0), value(0)), b = ToLocal(type(1), value(1));
        if (type(0) == TypeId::kTimestampTz && UnitMillis(expr.time_unit) != 0) {
          *result = Difference(expr.time_unit, MillisOf(value(0)), MillisOf(value(1)));
        } else {
          // Calendar units in the first value's zone.
          const int64_t shift =
              OffsetMinutes(a.zone) * kMillisPerMinute - OffsetMinutes(b.zone) * kMillisPerMinute;
          *result = Difference(expr.time_unit, a.millis, b.millis + shift);
        }
        break;
      }
      case ScalarFunction::kDatePart:
        *result = Field(expr.time_unit, type(0), value(0));
        break;
      case ScalarFunction::kAtTimezone: {
        const int64_t utc = type(0) == TypeId::kTimestampTz ? MillisOf(value(0)) : value(0);
        *result = PackTimestampTz(utc, expr.zone);
        break;
      }
      case ScalarFunction::kWithTimezone:
        *result = PackTimestampTz(value(0) - OffsetMinutes(expr.zone) * kMillisPerMinute, expr.zone);
        break;
      case ScalarFunction::kFromUnixtime: {
        const double millis = std::floor(args[0].doubles()[i] * 1000 + 0.5);
        if (!(millis > -9.2e15 && millis < 9.2e15)) {
          return absl::InvalidArgumentError("from_unixtime: value out of range");
        }
        *result = PackTimestampTz(static_cast<int64_t>(millis), kUtcZone);
        break;
      }
      case ScalarFunction::kToUnixtime:
        out->doubles()[i] = static_cast<double>(MillisOf(value(0))) / 1000.0;
        break;
      case ScalarFunction::kPlusInterval: {
        Local local = ToLocal(type(0), value(0));
        int64_t amount = expr.negated ? -value(1) : value(1);
        if (type(1) == TypeId::kIntervalYearMonth) {
          CTQ_ASSIGN_OR_RETURN(local.millis, AddMonths(local.millis, amount));
        } else {
          if (type(0) == TypeId::kDate && amount % kMillisPerDay != 0) {
            return absl::InvalidArgumentError("Cannot add hour, minutes or seconds to a date");
          }
          if (type(0) == TypeId::kTimestampTz) {
            // Day-time intervals move the instant (Trino: millis added to UTC).
            if (__builtin_add_overflow(MillisOf(value(0)), amount, &amount)) {
              return absl::InvalidArgumentError("timestamp out of range");
            }
            *result = PackTimestampTz(amount, local.zone);
            break;
          }
          if (__builtin_add_overflow(local.millis, amount, &local.millis)) {
            return absl::InvalidArgumentError("timestamp out of range");
          }
        }
        *result = FromLocal(type(0), local);
        break;
      }
      case ScalarFunction::kDateTimeDifference: {
        const int64_t a = type(0) == TypeId::kTimestampTz ? MillisOf(value(0)) : ToLocal(type(0), value(0)).millis;
        const int64_t b = type(1) == TypeId::kTimestampTz ? MillisOf(value(1)) : ToLocal(type(1), value(1)).millis;
        *result = a - b;
        break;
      }
      case ScalarFunction::kDateFormat:
        CTQ_RETURN_IF_ERROR(FormatMysql(expr.format, ToLocal(type(0), value(0)).millis, &scratch));
        out->strings()[i] = out->heap().Add(scratch);
        break;
      case ScalarFunction::kDateParse: {
        CTQ_ASSIGN_OR_RETURN(*result, ParseMysql(args[0].strings()[i], expr.format));
        break;
      }
      case ScalarFunction::kFormatDatetime: {
        const Local local = ToLocal(type(0), value(0));
        out->strings()[i] = out->heap().Add(expr.joda->Format(local.millis, local.zone));
        break;
      }
      case ScalarFunction::kParseDatetime: {
        CTQ_ASSIGN_OR_RETURN(*result, expr.joda->Parse(args[0].strings()[i]));
        break;
      }
      default:
        return absl::InternalError("not a time function");
    }
  }
  return absl::OkStatus();
}

}  // namespace ctq
