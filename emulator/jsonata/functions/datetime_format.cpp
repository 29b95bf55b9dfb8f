// Timestamps written with a date/time picture ($fromMillis, $now).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "emulator/jsonata/functions/datetime_format.h"
#include "emulator/jsonata/functions/datetime_picture.h"

namespace stepsim::jsonata::datetime {

namespace {

using numbers::FormatError;

constexpr std::string_view kIsoPicture = "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]";

std::string applyCase(std::string s, integers::Case letterCase) {
  if (letterCase == integers::Case::Title) return s;
  for (char& c : s) c = static_cast<char>(letterCase == integers::Case::Upper ? std::toupper(c) : std::tolower(c));
  return s;
}

// Timezone "±HHMM" as minutes east of UTC (UTC for text that is not a number).
int offsetMinutes(std::string_view timezone) {
  int sign = 1;
  std::size_t i = 0;
  if (i < timezone.size() && (timezone[i] == '+' || timezone[i] == '-')) sign = timezone[i++] == '-' ? -1 : 1;
  int hhmm = 0;
  for (; i < timezone.size() && std::isdigit(static_cast<unsigned char>(timezone[i])); ++i)
    hhmm = std::min(hhmm * 10 + (timezone[i] - '0'), 99'999);
  return sign * (hhmm / 100 * 60 + hhmm % 100);
}

std::optional<std::string> formatTimezone(const Marker& marker, int offset, FormatError& error) {
  int hours = offset / 60, minutes = offset % 60;  // both carry the sign
  int hhmm = hours * 100 + minutes;
  const integers::Picture& picture = *marker.integer;
  std::string text;
  if (picture.regularInterval > 0) {
    text = integers::format(hhmm, picture);
  } else if (picture.mandatoryDigits <= 2) {
    text = integers::format(hours, picture);
    if (minutes != 0) {
      text += std::abs(minutes) < 10 ? ":0" : ":";
      text += std::to_string(std::abs(minutes));
    }
  } else if (picture.mandatoryDigits <= 4) {
    text = integers::format(hhmm, picture);
  } else {
    error = {"D3134", "The timezone integer format specifier cannot have more than four digits"};
    return std::nullopt;
  }
  if (offset == 0 && marker.modifier == 't') return std::string("Z");
  std::string prefix = marker.component == 'z' ? "GMT" : "";
  if (offset >= 0) prefix.push_back('+');
  return prefix.append(text);
}

// The English name of a month, weekday or half-day, for pictures like [MNn] [FNn] [Pn].
std::optional<std::string> componentName(char c, std::int64_t value) {
  if (c == 'M' || c == 'x') return std::string(kMonths[static_cast<std::size_t>(value - 1)]);
  if (c == 'F') return std::string(kDays[static_cast<std::size_t>(value)]);
  if (c == 'P') return std::string(value == 1 ? "pm" : "am");
  return std::nullopt;
}

std::optional<std::string> formatMarker(const Marker& marker, std::int64_t millis, int offset, FormatError& error) {
  char c = marker.component;
  if (c == 'Z' || c == 'z') return formatTimezone(marker, offset, error);
  if (c == 'C' || c == 'E') return std::string("ISO");
  std::int64_t value = component(millis, c);
  if (marker.names) {
    std::optional<std::string> name = componentName(c, value);
    if (!name) {
      error = {"D3133", std::string("The 'name' modifier can only be applied to months and days in the date/time "
                                    "picture string, not ") + c};
      return std::nullopt;
    }
    std::string text = applyCase(std::move(*name), *marker.names);
    if (marker.maxWidth && text.size() > static_cast<std::size_t>(*marker.maxWidth)) text.resize(static_cast<std::size_t>(*marker.maxWidth));
    return text;
  }
  if (!marker.integer) {
    error = {"D3133", std::string("The 'name' modifier can only be applied to months and days in the date/time "
                                  "picture string, not ") + c};
    return std::nullopt;
  }
  if (c == 'Y' && marker.yearDigits > 0) value %= static_cast<std::int64_t>(std::pow(10, std::min(marker.yearDigits, 18)));
  return integers::format(static_cast<double>(value), *marker.integer);
}

}  // namespace

std::optional<std::string> format(std::int64_t millis, std::optional<std::string_view> picture,
                                  std::optional<std::string_view> timezone, FormatError& error) {
  std::vector<Part> parts;
  if (!analysePicture(picture.value_or(kIsoPicture), parts, error)) return std::nullopt;
  int offset = timezone ? offsetMinutes(*timezone) : 0;
  std::int64_t local = millis + static_cast<std::int64_t>(offset) * 60'000;
  std::string out;
  for (const Part& part : parts) {
    if (part.literal) {
      out += part.text;
      continue;
    }
    auto text = formatMarker(part.marker, local, offset, error);
    if (!text) return std::nullopt;
    out += *text;
  }
  return out;
}

}  // namespace stepsim::jsonata::datetime
