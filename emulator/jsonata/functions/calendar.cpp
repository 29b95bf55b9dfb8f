#include "emulator/jsonata/functions/calendar.h"

namespace stepsim::jsonata::calendar {

namespace {

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
std::int64_t daysFromCivil(std::int64_t y, std::int64_t m, std::int64_t d) {
  y -= m <= 2;
  std::int64_t era = floorDiv(y, 400);
  std::int64_t yoe = y - era * 400;
  std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

DateTime fromMillis(std::int64_t millis) {
  std::int64_t days = floorDiv(millis, kMillisPerDay);
  std::int64_t rest = millis - days * kMillisPerDay;
  std::int64_t z = days + 719468;
  std::int64_t era = floorDiv(z, 146097);
  std::int64_t doe = z - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  DateTime t;
  t.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  t.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  t.year = yoe + era * 400 + (t.month <= 2);
  t.hour = static_cast<int>(rest / 3'600'000);
  t.minute = static_cast<int>(rest / 60'000 % 60);
  t.second = static_cast<int>(rest / 1000 % 60);
  t.millisecond = static_cast<int>(rest % 1000);
  return t;
}

std::int64_t toMillis(std::int64_t year, std::int64_t month0, std::int64_t day, std::int64_t hour,
                      std::int64_t minute, std::int64_t second, std::int64_t millisecond) {
  year += floorDiv(month0, 12);
  month0 -= floorDiv(month0, 12) * 12;
  std::int64_t days = daysFromCivil(year, month0 + 1, 1) + day - 1;
  return days * kMillisPerDay + hour * 3'600'000 + minute * 60'000 + second * 1000 + millisecond;
}

int dayOfWeek(std::int64_t millis) {
  std::int64_t days = floorDiv(millis, kMillisPerDay);
  // 1970-01-01 was a Thursday (4).
  return static_cast<int>((((days + 3) % 7) + 7) % 7) + 1;
}

int dayOfYear(std::int64_t millis) {
  DateTime t = fromMillis(millis);
  return static_cast<int>(floorDiv(millis, kMillisPerDay) - floorDiv(toMillis(t.year, 0, 1), kMillisPerDay)) + 1;
}

}  // namespace stepsim::jsonata::calendar
