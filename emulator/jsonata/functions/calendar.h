#pragma once
// Proleptic Gregorian calendar arithmetic on UTC milliseconds since the epoch (what JavaScript's
// Date does with getUTC* and Date.UTC), without the C library's time zone machinery.
#include <cstdint>

namespace stepsim::jsonata::calendar {

constexpr std::int64_t kMillisPerDay = 86'400'000;

struct DateTime {
  std::int64_t year = 1970;
  int month = 1, day = 1;  // 1-based
  int hour = 0, minute = 0, second = 0, millisecond = 0;
};

DateTime fromMillis(std::int64_t millis);
// Date.UTC: out-of-range months, days, hours... roll over into the next unit.
std::int64_t toMillis(std::int64_t year, std::int64_t month0, std::int64_t day, std::int64_t hour = 0,
                      std::int64_t minute = 0, std::int64_t second = 0, std::int64_t millisecond = 0);

std::int64_t floorDiv(std::int64_t a, std::int64_t b);
int dayOfWeek(std::int64_t millis);  // ISO: 1 Monday .. 7 Sunday
int dayOfYear(std::int64_t millis);  // 1-based

}  // namespace stepsim::jsonata::calendar
