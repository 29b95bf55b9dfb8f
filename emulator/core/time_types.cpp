#include "emulator/core/time_types.h"

#include <cstdio>

namespace stepsim::core {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days: proleptic Gregorian, no time zone database.
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t y;
  unsigned m, d;
};

Civil civilFromDays(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

// Whole days since the epoch, rounded down (also before 1970).
std::int64_t floorDays(TimeMs t) { return t >= 0 ? t / 86400000 : (t - 86399999) / 86400000; }

std::string format(TimeMs t, const char* zone) {
  std::int64_t days = floorDays(t);
  std::int64_t msOfDay = t - days * 86400000;
  Civil c = civilFromDays(days);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lld%s",
                static_cast<long long>(c.y), c.m, c.d, static_cast<long long>(msOfDay / 3600000),
                static_cast<long long>(msOfDay / 60000 % 60),
                static_cast<long long>(msOfDay / 1000 % 60), static_cast<long long>(msOfDay % 1000),
                zone);
  return buf;
}

bool readDigits(std::string_view s, size_t& pos, size_t count, int& out) {
  if (pos + count > s.size()) return false;
  out = 0;
  for (size_t i = 0; i < count; ++i) {
    char ch = s[pos + i];
    if (ch < '0' || ch > '9') return false;
    out = out * 10 + (ch - '0');
  }
  pos += count;
  return true;
}

bool expect(std::string_view s, size_t& pos, char ch) {
  if (pos >= s.size() || s[pos] != ch) return false;
  ++pos;
  return true;
}

}  // namespace

std::string formatIso8601(TimeMs t) { return format(t, "Z"); }

std::string formatHttpDate(TimeMs t) {
  static constexpr const char* kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::int64_t days = floorDays(t);
  std::int64_t secondOfDay = (t - days * 86400000) / 1000;
  Civil c = civilFromDays(days);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04lld %02lld:%02lld:%02lld GMT",
                kDays[((days % 7) + 7) % 7], c.d, kMonths[c.m - 1], static_cast<long long>(c.y),
                static_cast<long long>(secondOfDay / 3600), static_cast<long long>(secondOfDay / 60 % 60),
                static_cast<long long>(secondOfDay % 60));
  return buf;
}

std::string formatIso8601Offset(TimeMs t) { return format(t, "+0000"); }

std::optional<TimeMs> parseIso8601(std::string_view s) {
  size_t pos = 0;
  int year, month, day;
  if (!readDigits(s, pos, 4, year) || !expect(s, pos, '-') || !readDigits(s, pos, 2, month) ||
      !expect(s, pos, '-') || !readDigits(s, pos, 2, day))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  static constexpr int kDaysInMonth[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (day > kDaysInMonth[month - 1] || (month == 2 && day == 29 && !leap)) return std::nullopt;
  std::int64_t ms = daysFromCivil(year, month, day) * 86400000;
  if (pos == s.size()) return ms;
  if (s[pos] != 'T' && s[pos] != 't') return std::nullopt;
  ++pos;
  int hh, mm, ss = 0;
  if (!readDigits(s, pos, 2, hh) || !expect(s, pos, ':') || !readDigits(s, pos, 2, mm))
    return std::nullopt;
  if (pos < s.size() && s[pos] == ':' && !(++pos, readDigits(s, pos, 2, ss))) return std::nullopt;
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  int frac = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    size_t digits = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (digits < 3) frac = frac * 10 + (s[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    for (size_t i = digits; i < 3; ++i) frac *= 10;
  }
  ms += (hh * 3600LL + mm * 60LL + ss) * 1000 + frac;
  if (pos == s.size()) return std::nullopt;  // a time without a zone is ambiguous
  if (s[pos] == 'Z' || s[pos] == 'z') return ++pos == s.size() ? std::optional<TimeMs>(ms) : std::nullopt;
  if (s[pos] != '+' && s[pos] != '-') return std::nullopt;
  int sign = s[pos] == '+' ? 1 : -1;
  ++pos;
  int oh, om;
  if (!readDigits(s, pos, 2, oh)) return std::nullopt;
  if (pos < s.size() && s[pos] == ':') ++pos;
  if (!readDigits(s, pos, 2, om) || pos != s.size() || oh > 23 || om > 59) return std::nullopt;
  return ms - sign * (oh * 3600LL + om * 60LL) * 1000;
}

}  // namespace stepsim::core
