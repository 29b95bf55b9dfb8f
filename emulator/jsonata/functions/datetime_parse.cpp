// Timestamps read back: ISO 8601 ($toMillis without a picture) or with a date/time picture, which
// becomes a regex; components the picture leaves out are filled in as jsonata-js does.
#include <cctype>
#include <cmath>
#include <map>

#include "emulator/jsonata/functions/calendar.h"
#include "emulator/jsonata/functions/datetime_format.h"
#include "emulator/jsonata/functions/datetime_picture.h"
#include "emulator/jsonata/regex.h"

namespace stepsim::jsonata::datetime {

using numbers::FormatError;

std::optional<std::int64_t> parseIso(std::string_view s) {
  std::size_t i = 0;
  auto number = [&](std::size_t digits) -> std::optional<int> {
    if (i + digits > s.size()) return std::nullopt;
    int value = 0;
    for (std::size_t k = 0; k < digits; ++k) {
      char c = s[i + k];
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
      value = value * 10 + (c - '0');
    }
    i += digits;
    return value;
  };
  auto year = number(4);
  if (!year) return std::nullopt;
  int month = 1, day = 1, hour = 0, minute = 0, second = 0, millis = 0, offset = 0;
  if (i < s.size() && s[i] == '-') {
    ++i;
    auto m = number(2);
    if (!m || *m < 1 || *m > 12) return std::nullopt;
    month = *m;
    if (i < s.size() && s[i] == '-') {
      ++i;
      auto d = number(2);
      if (!d || *d < 1 || *d > 31) return std::nullopt;
      day = *d;
    }
  }
  if (i < s.size() && s[i] == 'T') {
    ++i;
    auto h = number(2);
    if (!h || i >= s.size() || s[i++] != ':') return std::nullopt;
    auto mi = number(2);
    if (!mi || i >= s.size() || s[i++] != ':') return std::nullopt;
    auto se = number(2);
    if (!se || *h > 24 || *mi > 59 || *se > 59) return std::nullopt;
    hour = *h, minute = *mi, second = *se;
    if (i < s.size() && s[i] == '.') {
      ++i;
      std::size_t digits = 0;
      for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i, ++digits)
        if (digits < 3) millis = millis * 10 + (s[i] - '0');
      if (digits == 0) return std::nullopt;
      for (; digits < 3; ++digits) millis *= 10;
    }
    if (i < s.size() && s[i] == 'Z') {
      ++i;
    } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      int sign = s[i++] == '-' ? -1 : 1;
      auto oh = number(2);
      if (i < s.size() && s[i] == ':') ++i;
      auto om = number(2);
      if (!oh || !om || *om > 59) return std::nullopt;
      offset = sign * (*oh * 60 + *om);
    }
  }
  if (i != s.size()) return std::nullopt;
  return calendar::toMillis(*year, month - 1, day, hour, minute, second, millis) - offset * 60'000LL;
}

namespace {

std::string escapeRegex(std::string_view literal) {
  std::string out;
  for (char c : literal) {
    if (std::string_view(".*+?^${}()|[]\\/").find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

// The regex (one capture group) that reads a marker, or nullopt + D3133 for names it cannot read.
std::optional<std::string> markerPattern(const Marker& m, FormatError& error) {
  if (m.component == 'Z' || m.component == 'z') {
    std::string pattern = m.component == 'z' ? "GMT[-+][0-9]+" : "[-+][0-9]+";
    if (m.integer->regularInterval > 0) pattern += escapeRegex(m.integer->separators[0].text) + "[0-9]+";
    return pattern;
  }
  if (m.component == 'f') return std::string("[0-9]+");
  if (m.integer) {
    const integers::Picture& p = *m.integer;
    bool upper = p.letterCase == integers::Case::Upper;
    switch (p.style) {
      case integers::Style::Letters: return std::string(upper ? "[A-Z]+" : "[a-z]+");
      case integers::Style::Roman: return std::string(upper ? "[MDCLXVI]+" : "[mdclxvi]+");
      case integers::Style::Words: return integers::wordsPattern();
      case integers::Style::Decimal: break;
    }
    std::string pattern = "[0-9]";
    if (m.parseWidth) {
      pattern.push_back('{');
      pattern.append(std::to_string(*m.parseWidth)).push_back('}');
    } else {
      pattern.push_back('+');
    }
    if (p.ordinal) pattern.append("(?:th|st|nd|rd)");
    return pattern;
  }
  if (m.component == 'M' || m.component == 'x' || m.component == 'F' || m.component == 'P') return std::string("[a-zA-Z]+");
  error = {"D3133", std::string("The 'name' modifier can only be applied to months and days in the date/time picture "
                                "string, not ") + m.component};
  return std::nullopt;
}

std::string lowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<std::int64_t> nameValue(const Marker& m, std::string_view text) {
  std::string wanted = lowerAscii(text);
  auto matches = [&](std::string_view name) {
    std::string n = lowerAscii(name);
    if (m.maxWidth && n.size() > static_cast<std::size_t>(*m.maxWidth)) n.resize(static_cast<std::size_t>(*m.maxWidth));
    return n == wanted;
  };
  if (m.component == 'M' || m.component == 'x') {
    for (std::size_t i = 0; i < kMonths.size(); ++i)
      if (matches(kMonths[i])) return static_cast<std::int64_t>(i + 1);
  } else if (m.component == 'F') {
    for (std::size_t i = 1; i < kDays.size(); ++i)
      if (matches(kDays[i])) return static_cast<std::int64_t>(i);
  } else if (m.component == 'P') {
    if (wanted == "am") return 0;
    if (wanted == "pm") return 1;
  }
  return std::nullopt;
}

int parseOffset(const Marker& m, std::string_view text) {
  if (m.component == 'z') text.remove_prefix(3);
  int sign = text[0] == '-' ? -1 : 1;
  text.remove_prefix(1);
  auto toInt = [](std::string_view digits) {
    int v = 0;
    for (char c : digits) v = std::min(v * 10 + (c - '0'), 99'999);
    return v;
  };
  if (m.integer->regularInterval > 0) {
    std::size_t sep = text.find(m.integer->separators[0].text);
    return sign * (toInt(text.substr(0, sep)) * 60 + toInt(text.substr(sep + m.integer->separators[0].text.size())));
  }
  if (text.size() <= 2) return sign * toInt(text) * 60;
  return sign * (toInt(text.substr(0, 2)) * 60 + toInt(text.substr(2)));
}

std::optional<std::int64_t> markerValue(const Marker& m, std::string_view text) {
  if (m.component == 'f') {  // a decimal fraction of a second: "5" is 500 ms, "1234" 123 ms
    std::int64_t millis = 0;
    for (std::size_t i = 0; i < 3; ++i) millis = millis * 10 + (i < text.size() ? text[i] - '0' : 0);
    return millis;
  }
  if (!m.integer) return nameValue(m, text);
  std::optional<double> value = integers::parse(text, *m.integer);
  if (!value || std::fabs(*value) > 1e12) return std::nullopt;  // beyond any calendar field
  return static_cast<std::int64_t>(*value);
}

// Which components a parsed timestamp has, as bits over "YXMxWwdD" and "PHhmsf".
int mask(const std::map<char, std::int64_t>& components, std::string_view order) {
  int bits = 0;
  for (char c : order) bits = (bits << 1) | (components.count(c) ? 1 : 0);
  return bits;
}

bool isType(int type, int bits) { return (~type & bits) == 0 && (type & bits) != 0; }

}  // namespace

Parsed parse(std::string_view text, std::string_view picture, std::int64_t nowMillis, const Limits& limits,
             int position) {
  Parsed result;
  std::vector<Part> parts;
  if (!analysePicture(picture, parts, result.error)) {
    result.ok = false;
    return result;
  }
  std::string pattern = "^";
  for (const Part& part : parts) {
    std::optional<std::string> piece = part.literal ? escapeRegex(part.text) : markerPattern(part.marker, result.error);
    if (!piece) {
      result.ok = false;
      return result;
    }
    pattern += "(" + *piece + ")";
  }
  pattern += "$";
  auto regex = Regex::compile(pattern, "i", 0);
  auto match = regex->search(text, 0, limits, position);
  if (!match) return result;

  std::map<char, std::int64_t> components;
  std::optional<int> offset;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].literal || !match->groups[i]) continue;
    std::string_view captured = text.substr(match->groups[i]->start, match->groups[i]->end - match->groups[i]->start);
    const Marker& m = parts[i].marker;
    if (m.component == 'Z' || m.component == 'z') {
      offset = parseOffset(m, captured);
    } else if (auto value = markerValue(m, captured)) {
      components[m.component] = *value;
    }
  }
  if (components.empty() && !offset) return result;

  constexpr int dateA = 0b10100001, dateB = 0b10000010, dateC = 0b01010100, dateD = 0b01001000;
  constexpr int timeA = 0b010111, timeB = 0b101111;
  int dateBits = mask(components, "YXMxWwdD");
  bool isDateB = !isType(dateA, dateBits) && isType(dateB, dateBits);
  bool isDateC = isType(dateC, dateBits);
  bool isDateD = !isDateC && isType(dateD, dateBits);
  int timeBits = mask(components, "PHhmsf");
  bool isTimeB = !isType(timeA, timeBits) && isType(timeB, timeBits);
  if (isDateC || isDateD) {
    result.ok = false;
    result.error = {"D3136", "The date/time picture string is missing specifiers required to parse the timestamp"};
    return result;
  }

  // Before the first given component: now's value; after the last: the minimum; a gap: error.
  std::string order = std::string(isDateB ? "Yd" : "YMD") + (isTimeB ? "Phmsf" : "Hmsf");
  bool started = false, ended = false;
  for (char c : order) {
    if (components.count(c)) {
      started = true;
      if (ended) {
        result.ok = false;
        result.error = {"D3136", "The date/time picture string is missing specifiers required to parse the timestamp"};
        return result;
      }
    } else if (started) {
      components[c] = (c == 'M' || c == 'D' || c == 'd') ? 1 : 0;
      ended = true;
    } else {
      components[c] = c == 'P' ? 0 : component(nowMillis, c);  // jsonata-js never defaults to pm
    }
  }
  std::int64_t month0 = components['M'] > 0 ? components['M'] - 1 : 0;
  std::int64_t day = components['D'];
  if (isDateB) {
    calendar::DateTime derived = calendar::fromMillis(calendar::toMillis(components['Y'], 0, components['d']));
    month0 = derived.month - 1;
    day = derived.day;
  }
  std::int64_t hour = components['H'];
  if (isTimeB) hour = (components['h'] == 12 ? 0 : components['h']) + (components['P'] == 1 ? 12 : 0);
  std::int64_t millis = calendar::toMillis(components['Y'], month0, day, hour, components['m'], components['s'], components['f']);
  if (offset) millis -= static_cast<std::int64_t>(*offset) * 60'000;
  result.millis = millis;
  return result;
}

}  // namespace stepsim::jsonata::datetime
