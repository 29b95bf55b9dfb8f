// fn:format-dateTime pictures (https://www.w3.org/TR/xpath-functions-31/#rules-for-datetime-formatting)
// with jsonata-js's choices: its default presentation per component and its 'X'/'x' week-year
// extensions.
#include "emulator/jsonata/functions/datetime_picture.h"

#include <cctype>
#include <cmath>

#include "emulator/jsonata/functions/calendar.h"

namespace stepsim::jsonata::datetime {

namespace {

using numbers::FormatError;

constexpr std::string_view kIntegerComponents = "YMDdFWwXxHhmsf";

std::string defaultPresentation(char component) {
  switch (component) {
    case 'Y': case 'M': case 'D': case 'd': case 'W': case 'w': case 'X': case 'x': case 'H': case 'h': case 'f':
      return "1";
    case 'm': case 's':
      return "01";
    case 'F': case 'P': case 'C': case 'E':
      return "n";
    case 'Z': case 'z':
      return "01:01";
    default:
      return "";
  }
}

std::optional<int> parseWidth(std::string_view text) {
  if (text.empty() || text == "*" || !std::isdigit(static_cast<unsigned char>(text[0]))) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) break;
    value = std::min(value * 10 + (c - '0'), 1000);
  }
  return value;
}

bool analyseMarker(std::string_view text, Marker& marker, FormatError& error) {
  std::string content;
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) content.push_back(c);
  marker.component = content.empty() ? '\0' : content[0];
  std::string presentation = content.empty() ? "" : content.substr(1);
  if (std::size_t comma = content.rfind(','); comma != std::string::npos && comma > 0) {
    std::string width = content.substr(comma + 1);
    std::size_t dash = width.find('-');
    marker.minWidth = parseWidth(std::string_view(width).substr(0, dash));
    if (dash != std::string::npos) marker.maxWidth = parseWidth(std::string_view(width).substr(dash + 1));
    presentation = content.substr(1, comma - 1);
  }
  if (presentation.size() > 1 && std::string_view("atco").find(presentation.back()) != std::string_view::npos) {
    marker.modifier = presentation.back();
    presentation.pop_back();
  }
  if (presentation.empty()) presentation = defaultPresentation(marker.component);
  if (presentation.empty() || std::string_view("YMDdFWwXxHhPmsfZzCE").find(marker.component) == std::string_view::npos) {
    error = {"D3132", std::string("Unknown component specifier ") + marker.component + " in date/time picture string"};
    return false;
  }
  marker.presentation = presentation;
  if (presentation[0] == 'n') {
    marker.names = integers::Case::Lower;
  } else if (presentation[0] == 'N') {
    marker.names = presentation.size() > 1 && presentation[1] == 'n' ? integers::Case::Title : integers::Case::Upper;
  } else if (kIntegerComponents.find(marker.component) != std::string_view::npos) {
    marker.integer = integers::analyse(presentation, marker.modifier == 'o', error);
    if (!marker.integer) return false;
    if (marker.minWidth && marker.integer->mandatoryDigits < *marker.minWidth)
      marker.integer->mandatoryDigits = *marker.minWidth;
    if (marker.component == 'Y') {
      if (marker.maxWidth) {
        marker.yearDigits = *marker.maxWidth;
        marker.integer->mandatoryDigits = *marker.maxWidth;
      } else if (int digits = marker.integer->mandatoryDigits + marker.integer->optionalDigits; digits >= 2) {
        marker.yearDigits = digits;
      }
    }
  }
  if (marker.component == 'Z' || marker.component == 'z') {
    marker.integer = integers::analyse(presentation, false, error);
    if (!marker.integer) return false;
  }
  return true;
}

}  // namespace

bool Marker::isIntegerComponent() const {
  return integer && !names && kIntegerComponents.find(component) != std::string_view::npos;
}

bool analysePicture(std::string_view picture, std::vector<Part>& parts, FormatError& error) {
  std::string literal;
  auto flushLiteral = [&] {
    if (!literal.empty()) parts.push_back(Part{true, literal, {}});
    literal.clear();
  };
  for (std::size_t i = 0; i < picture.size();) {
    if (picture[i] == '[' && i + 1 < picture.size() && picture[i + 1] == '[') {
      literal.push_back('[');
      i += 2;
    } else if (picture[i] == ']' && i + 1 < picture.size() && picture[i + 1] == ']') {
      literal.push_back(']');
      i += 2;
    } else if (picture[i] == '[') {
      std::size_t close = picture.find(']', i);
      if (close == std::string_view::npos) {
        error = {"D3135", "No matching closing bracket ']' in date/time picture string"};
        return false;
      }
      flushLiteral();
      Part part{false, "", {}};
      if (!analyseMarker(picture.substr(i + 1, close - i - 1), part.marker, error)) return false;
      // Two numbers with nothing between them can only be told apart by width (jsonata-js).
      if (part.marker.isIntegerComponent() && !parts.empty() && !parts.back().literal && parts.back().marker.integer)
        parts.back().marker.parseWidth = parts.back().marker.integer->mandatoryDigits;
      parts.push_back(std::move(part));
      i = close + 1;
    } else {
      literal.push_back(picture[i++]);
    }
  }
  flushLiteral();
  return true;
}

// The start of ISO week 1 of a year (month0 = 0) or, as XPath extends it, of a month: the

namespace {

// Monday of the week that holds the month's first Thursday.
std::int64_t startOfFirstWeek(std::int64_t year, std::int64_t month0) {
  std::int64_t first = calendar::toMillis(year, month0, 1);
  int weekday = calendar::dayOfWeek(first);
  return weekday > 4 ? first + (8 - weekday) * calendar::kMillisPerDay : first - (weekday - 1) * calendar::kMillisPerDay;
}

double weeksBetween(std::int64_t start, std::int64_t end) {
  return static_cast<double>(end - start) / static_cast<double>(7 * calendar::kMillisPerDay) + 1;
}

}  // namespace

std::int64_t component(std::int64_t millis, char which) {
  calendar::DateTime t = calendar::fromMillis(millis);
  std::int64_t today = calendar::toMillis(t.year, t.month - 1, t.day);
  switch (which) {
    case 'Y': return t.year;
    case 'M': return t.month;
    case 'D': return t.day;
    case 'd': return calendar::dayOfYear(millis);
    case 'F': return calendar::dayOfWeek(millis);
    case 'W': {
      double week = weeksBetween(startOfFirstWeek(t.year, 0), today);
      if (week > 52) {
        if (today >= startOfFirstWeek(t.year + 1, 0)) week = 1;
      } else if (week < 1) {
        week = weeksBetween(startOfFirstWeek(t.year - 1, 0), today);
      }
      return static_cast<std::int64_t>(std::floor(week));
    }
    case 'w': {
      double week = weeksBetween(startOfFirstWeek(t.year, t.month - 1), today);
      if (week > 4) {
        if (today >= startOfFirstWeek(t.year, t.month)) week = 1;
      } else if (week < 1) {
        week = weeksBetween(startOfFirstWeek(t.year, t.month - 2), today);
      }
      return static_cast<std::int64_t>(std::floor(week));
    }
    case 'X':
      if (millis < startOfFirstWeek(t.year, 0)) return t.year - 1;
      if (millis >= startOfFirstWeek(t.year + 1, 0)) return t.year + 1;
      return t.year;
    case 'x': {
      if (millis < startOfFirstWeek(t.year, t.month - 1)) return t.month == 1 ? 12 : t.month - 1;
      if (millis >= startOfFirstWeek(t.year, t.month)) return t.month == 12 ? 1 : t.month + 1;
      return t.month;
    }
    case 'H': return t.hour;
    case 'h': return t.hour % 12 == 0 ? 12 : t.hour % 12;
    case 'P': return t.hour >= 12 ? 1 : 0;
    case 'm': return t.minute;
    case 's': return t.second;
    case 'f': return t.millisecond;
    default: return 0;
  }
}

}  // namespace stepsim::jsonata::datetime
