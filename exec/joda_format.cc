#include "exec/joda_format.h"

#include <cctype>
#include <optional>

#include "ctq/internal/civil_time.h"
#include "ctq/internal/status_macros.h"
#include "ctq/internal/strings.h"

namespace ctq {
namespace {

constexpr std::string_view kFieldLetters = "GCYyxweEDMdahKHkmsSzZ";

int DayOfWeek(int64_t days) { return static_cast<int>(FloorMod(days + 3, 7)) + 1; }  // Monday 1

// The ISO week year and week of a day (Joda's weekyear and weekOfWeekyear).
void IsoWeek(int64_t days, int64_t* year, int64_t* week) {
  const int64_t thursday = days - DayOfWeek(days) + 4;
  *year = CivilFromDays(thursday).year;
  *week = (thursday - DaysFromCivil({*year, 1, 1})) / 7 + 1;
}

std::string Offset(int zone, bool colon) {
  const int minutes = OffsetMinutes(zone);
  const int magnitude = minutes < 0 ? -minutes : minutes;
  return StrCat(minutes < 0 ? "-" : "+", PadNumber(magnitude / 60, 2), colon ? ":" : "",
                PadNumber(magnitude % 60, 2));
}

bool IsNumeric(char letter) {
  return letter != 0 && std::string_view("CYyxwedDhKHkmsS").find(letter) != std::string_view::npos;
}

bool SameIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t k = 0; k < a.size(); k++) {
    if (std::tolower(static_cast<unsigned char>(a[k])) != std::tolower(static_cast<unsigned char>(b[k]))) {
      return false;
    }
  }
  return true;
}

// Case-insensitive match of `name` or its first three letters at the front
// of `text`; the index into `names` or nullopt.
std::optional<int> TakeName(std::string_view* text, const char* const* names, int n) {
  for (int full = 1; full >= 0; full--) {
    for (int i = 0; i < n; i++) {
      std::string_view name = names[i];
      if (!full) name = name.substr(0, 3);
      if (SameIgnoringCase(text->substr(0, name.size()), name)) {
        text->remove_prefix(name.size());
        return i;
      }
    }
  }
  return std::nullopt;
}

// Joda's IllegalFieldValueException as its parser reports it.
absl::Status OutOfRange(std::string_view text, std::string_view field, int64_t value, int low, int high) {
  return absl::InvalidArgumentError(StrCat("Cannot parse \"", text, "\": Value ", value, " for ", field,
                                           " must be in the range [", low, ",", high, "]"));
}

// The bounds of the numeric fields that build the time of day and the month.
absl::Status CheckRange(std::string_view text, char letter, int64_t value) {
  struct Bounds {
    char letter;
    std::string_view field;
    int low, high;
  };
  static constexpr Bounds kBounds[] = {
      {'M', "monthOfYear", 1, 12},        {'H', "hourOfDay", 0, 23},
      {'k', "clockhourOfDay", 1, 24},     {'h', "clockhourOfHalfday", 1, 12},
      {'K', "hourOfHalfday", 0, 11},      {'m', "minuteOfHour", 0, 59},
      {'s', "secondOfMinute", 0, 59},
  };
  for (const Bounds& b : kBounds) {
    if (b.letter == letter && (value < b.low || value > b.high)) {
      return OutOfRange(text, b.field, value, b.low, b.high);
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<JodaPattern> JodaPattern::Compile(std::string_view pattern) {
  JodaPattern compiled;
  auto literal = [&](std::string_view text) {
    if (compiled.tokens_.empty() || compiled.tokens_.back().letter != 0) compiled.tokens_.push_back({});
    compiled.tokens_.back().literal.append(text);
  };
  for (size_t i = 0; i < pattern.size();) {
    const char c = pattern[i];
    if (c == '\'') {
      if (i + 1 < pattern.size() && pattern[i + 1] == '\'') {
        literal("'");
        i += 2;
        continue;
      }
      size_t end = i + 1;
      std::string text;
      for (;; end++) {
        if (end >= pattern.size()) {
          return absl::InvalidArgumentError(StrCat("Illegal pattern component: ", pattern.substr(i)));
        }
        if (pattern[end] == '\'') {
          if (end + 1 < pattern.size() && pattern[end + 1] == '\'') {
            text.push_back('\'');
            end++;
            continue;
          }
          break;
        }
        text.push_back(pattern[end]);
      }
      literal(text);
      i = end + 1;
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(c))) {
      if (kFieldLetters.find(c) == std::string_view::npos) {
        return absl::InvalidArgumentError(StrCat("Illegal pattern component: ", std::string(1, c)));
      }
      size_t end = i;
      while (end < pattern.size() && pattern[end] == c) end++;
      compiled.tokens_.push_back({c, static_cast<int>(end - i), ""});
      i = end;
      continue;
    }
    literal(pattern.substr(i, 1));
    i++;
  }
  return compiled;
}

std::string JodaPattern::Format(int64_t local_millis, int zone) const {
  const CivilTime t = CivilFromMillis(local_millis);
  const int64_t days = FloorDiv(local_millis, kMillisPerDay);
  std::string out;
  for (const Token& token : tokens_) {
    const int n = token.count;
    const int64_t year = t.date.year;
    const int64_t year_of_era = year > 0 ? year : 1 - year;
    auto year_text = [&](int64_t y) { return n == 2 ? PadNumber(FloorMod(y, 100), 2) : PadNumber(y, n); };
    switch (token.letter) {
      case 0: out.append(token.literal); break;
      case 'G': out.append(year > 0 ? "AD" : "BC"); break;
      case 'C': out.append(PadNumber(year_of_era / 100, n)); break;
      case 'Y': out.append(year_text(year_of_era)); break;
      case 'y': out.append(year_text(year)); break;
      case 'x':
      case 'w': {
        int64_t week_year = 0, week = 0;
        IsoWeek(days, &week_year, &week);
        out.append(token.letter == 'x' ? year_text(week_year) : PadNumber(week, n));
        break;
      }
      case 'e': out.append(PadNumber(DayOfWeek(days), n)); break;
      case 'E': {
        const std::string name = kDayNames[DayOfWeek(days) - 1];
        out.append(n >= 4 ? name : name.substr(0, 3));
        break;
      }
      case 'D': out.append(PadNumber(days - DaysFromCivil({year, 1, 1}) + 1, n)); break;
      case 'M':
        if (n >= 3) {
          const std::string name = kMonthNames[t.date.month - 1];
          out.append(n >= 4 ? name : name.substr(0, 3));
        } else {
          out.append(PadNumber(t.date.month, n));
        }
        break;
      case 'd': out.append(PadNumber(t.date.day, n)); break;
      case 'a': out.append(t.hour < 12 ? "AM" : "PM"); break;
      case 'h': out.append(PadNumber(t.hour % 12 == 0 ? 12 : t.hour % 12, n)); break;
      case 'K': out.append(PadNumber(t.hour % 12, n)); break;
      case 'H': out.append(PadNumber(t.hour, n)); break;
      case 'k': out.append(PadNumber(t.hour == 0 ? 24 : t.hour, n)); break;
      case 'm': out.append(PadNumber(t.minute, n)); break;
      case 's': out.append(PadNumber(t.second, n)); break;
      case 'S': {
        // The fraction's first n digits (milliseconds, then zeros).
        std::string fraction = PadNumber(t.millis, 3);
        fraction.resize(static_cast<size_t>(n), '0');
        out.append(fraction);
        break;
      }
      case 'z': out.append(FormatZone(zone)); break;
      case 'Z':
        if (n >= 3) {
          out.append(FormatZone(zone));
        } else {
          out.append(Offset(zone, n == 2));
        }
        break;
    }
  }
  return out;
}

absl::StatusOr<int64_t> JodaPattern::Parse(std::string_view text) const {
  const std::string original(text);
  auto invalid = [&](std::string_view rest) {
    // Joda's DateTimeFormatter.parseDateTime message.
    const size_t at = original.size() - rest.size();
    if (rest.empty()) return absl::InvalidArgumentError(StrCat("Invalid format: \"", original, "\" is too short"));
    return absl::InvalidArgumentError(StrCat("Invalid format: \"", original,
                                             "\" is malformed at \"", original.substr(at), "\""));
  };
  CivilTime t;
  std::optional<int> zone;
  bool pm = false, halfday = false, two_digit_year = false;
  for (size_t k = 0; k < tokens_.size(); k++) {
    const Token& token = tokens_[k];
    if (token.letter == 0) {
      // Joda matches literal text ignoring case.
      if (!SameIgnoringCase(text.substr(0, token.literal.size()), token.literal)) return invalid(text);
      text.remove_prefix(token.literal.size());
      continue;
    }
    if (IsNumeric(token.letter) || (token.letter == 'M' && token.count < 3)) {
      // Next to another number a field takes exactly its width; else up to 9 digits.
      const bool adjacent = k + 1 < tokens_.size() && (IsNumeric(tokens_[k + 1].letter) ||
                                                       (tokens_[k + 1].letter == 'M' && tokens_[k + 1].count < 3));
      const int max_digits = adjacent ? token.count : 9;
      bool negative = false;
      if ((token.letter == 'y' || token.letter == 'Y') && !text.empty() && text.front() == '-') {
        negative = true;
        text.remove_prefix(1);
      }
      int64_t value = 0;
      int digits = 0;
      while (digits < max_digits && !text.empty() && text.front() >= '0' && text.front() <= '9') {
        value = value * 10 + (text.front() - '0');
        text.remove_prefix(1);
        digits++;
      }
      if (digits == 0) return invalid(text);
      if (negative) value = -value;
      switch (token.letter) {
        case 'y':
        case 'Y':
          // Joda's ISO chronology's bounds (which also keep the millis in range).
          if (value < -292275054 || value > 292278993) {
            return OutOfRange(original, "year", value, -292275054, 292278993);
          }
          t.date.year = value;
          two_digit_year = token.count == 2 && digits == 2;
          break;
        case 'M': t.date.month = static_cast<int>(value); break;
        case 'd': t.date.day = static_cast<int>(value); break;
        case 'H': t.hour = static_cast<int>(value); break;
        case 'k': t.hour = static_cast<int>(value == 24 ? 0 : value); break;
        case 'h':
        case 'K':
          t.hour = static_cast<int>(value % 12);
          halfday = true;
          break;
        case 'm': t.minute = static_cast<int>(value); break;
        case 's': t.second = static_cast<int>(value); break;
        case 'S': {
          int64_t millis = value;
          for (int d = digits; d < 3; d++) millis *= 10;
          for (int d = digits; d > 3; d--) millis /= 10;
          t.millis = static_cast<int>(millis);
          break;
        }
        default:
          // C, x, w, e, D: read, not used to build the date (Trino's
          // queries over CloudTrail give a year, month and day).
          break;
      }
      CTQ_RETURN_IF_ERROR(CheckRange(original, token.letter, value));
      continue;
    }
    switch (token.letter) {
      case 'M': {
        std::optional<int> month = TakeName(&text, kMonthNames, 12);
        if (!month.has_value()) return invalid(text);
        t.date.month = *month + 1;
        break;
      }
      case 'E':
        if (!TakeName(&text, kDayNames, 7).has_value()) return invalid(text);
        break;
      case 'a':
        if (text.size() < 2) return invalid(text);
        if (std::toupper(static_cast<unsigned char>(text[0])) == 'P') {
          pm = true;
        } else if (std::toupper(static_cast<unsigned char>(text[0])) != 'A') {
          return invalid(text);
        }
        if (std::toupper(static_cast<unsigned char>(text[1])) != 'M') return invalid(text);
        text.remove_prefix(2);
        halfday = true;
        break;
      case 'G':
        if (text.substr(0, 2) != "AD" && text.substr(0, 2) != "BC") return invalid(text);
        text.remove_prefix(2);
        break;
      case 'Z': {
        if (!text.empty() && (text.front() == 'Z' || text.front() == 'z')) {
          text.remove_prefix(1);
          zone = kUtcZone;
          break;
        }
        if (text.substr(0, 3) == "UTC") {
          text.remove_prefix(3);
          zone = kUtcZone;
          break;
        }
        if (text.empty() || (text.front() != '+' && text.front() != '-')) return invalid(text);
        const bool negative = text.front() == '-';
        std::string_view rest = text.substr(1);
        auto two = [&](int* out) {
          if (rest.size() < 2 || !std::isdigit(static_cast<unsigned char>(rest[0])) ||
              !std::isdigit(static_cast<unsigned char>(rest[1]))) {
            return false;
          }
          *out = (rest[0] - '0') * 10 + (rest[1] - '0');
          rest.remove_prefix(2);
          return true;
        };
        int hours = 0, minutes = 0;
        if (!two(&hours)) return invalid(text);
        if (!rest.empty() && rest.front() == ':') rest.remove_prefix(1);
        if (!two(&minutes) || hours > 23 || minutes > 59) return invalid(text);
        text = rest;
        const int total = hours * 60 + minutes;
        zone = ZoneFromOffsetMinutes(negative ? -total : total);
        break;
      }
      default:  // 'z': Joda cannot parse zone names either
        return absl::InvalidArgumentError("Parsing of time zone names is not supported");
    }
  }
  if (!text.empty()) return invalid(text);
  // Joda's pivot for two-digit years: within 50 years of 2000.
  if (two_digit_year) t.date.year += t.date.year < 50 ? 2000 : 1900;
  if (halfday && pm) t.hour += 12;
  if (t.date.day < 1 || t.date.day > DaysInMonth(t.date.year, t.date.month)) {
    return OutOfRange(original, "dayOfMonth", t.date.day, 1, DaysInMonth(t.date.year, t.date.month));
  }
  const int z = zone.value_or(kUtcZone);
  const int64_t local = MillisFromCivil(t);
  return PackTimestampTz(local - OffsetMinutes(z) * kMillisPerMinute, z);
}

}  // namespace ctq
