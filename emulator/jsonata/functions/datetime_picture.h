#pragma once
// The analysed form of a date/time picture string ("[Y0001]-[M01]-[D01]", "[FNn,*-3]",
// "[Z01:01t]"...) and the calendar components it names, shared by formatting and parsing.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/jsonata/functions/integer_format.h"

namespace stepsim::jsonata::datetime {

inline constexpr std::array<const char*, 8> kDays = {"",         "Monday", "Tuesday",  "Wednesday",
                                                     "Thursday", "Friday", "Saturday", "Sunday"};
inline constexpr std::array<const char*, 12> kMonths = {"January", "February", "March",     "April",
                                                        "May",     "June",     "July",      "August",
                                                        "September", "October", "November", "December"};

// A variable marker such as [M01], [FNn,3-3] or [Z01:01t].
struct Marker {
  char component = 0;
  std::string presentation;  // the first presentation modifier
  char modifier = 0;         // the second: 'o' ordinal, 't' traditional ('Z' for UTC), 'a', 'c'
  std::optional<int> minWidth, maxWidth;
  std::optional<integers::Case> names;  // N, n, Nn: month or day names
  std::optional<integers::Picture> integer;
  int yearDigits = -1;  // Y: keep only this many low-order digits
  // Parsing: exactly this many digits, when the next marker follows with no literal between
  // ("[Y0001][M01][D01]"), else as many as there are.
  std::optional<int> parseWidth;

  bool isIntegerComponent() const;  // a numeric Y M D d F W w X x H h m s f, not a name
};

// Literal text, or a marker.
struct Part {
  bool literal = true;
  std::string text;
  Marker marker;
};

// The parts of `picture`; false and `error` (D3132 D3133 D3135, D3130 D3131) when it is bad.
bool analysePicture(std::string_view picture, std::vector<Part>& parts, numbers::FormatError& error);

// An integer-valued component ('Y', 'M', 'D', 'd', 'F', 'W', 'w', 'X', 'x', 'H', 'h', 'P' as
// 0 am / 1 pm, 'm', 's', 'f') of the timestamp, already shifted to the wanted UTC offset.
std::int64_t component(std::int64_t millis, char which);

}  // namespace stepsim::jsonata::datetime
