// fn:format-number (https://www.w3.org/TR/xpath-functions-31/#func-format-number) as jsonata-js
// applies it. The picture is handled as code points so that separators like '‰' are one char.
#include "emulator/jsonata/functions/number_format.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <vector>

#include "emulator/jsonata/functions/utf8.h"
#include "emulator/jsonata/value.h"

namespace stepsim::jsonata::numbers {

namespace {

using Text = std::u32string;

Text toText(std::string_view s) {
  std::vector<char32_t> cps = utf8::codePoints(s);
  return Text(cps.begin(), cps.end());
}

std::string toUtf8(const Text& t) {
  std::string out;
  for (char32_t c : t) utf8::append(out, c);
  return out;
}

struct Properties {
  char32_t decimal = '.', grouping = ',', exponent = 'e', percent = '%', perMille = U'‰', zero = '0', digit = '#',
           pattern = ';';
  Text infinity = U"Infinity", minus = U"-", nan = U"NaN";

  bool isDigit(char32_t c) const { return c >= zero && c <= zero + 9; }
  bool isActive(char32_t c) const {
    return isDigit(c) || c == decimal || c == grouping || c == exponent || c == digit || c == pattern;
  }
};

Properties propertiesFrom(const DecimalFormat& format) {
  Properties p;
  auto single = [&](const char* key, char32_t& target) {
    auto it = format.find(key);
    if (it != format.end() && !it->second.empty()) target = toText(it->second)[0];
  };
  auto text = [&](const char* key, Text& target) {
    auto it = format.find(key);
    if (it != format.end()) target = toText(it->second);
  };
  single("decimal-separator", p.decimal);
  single("grouping-separator", p.grouping);
  single("exponent-separator", p.exponent);
  single("percent", p.percent);
  single("per-mille", p.perMille);
  single("zero-digit", p.zero);
  single("digit", p.digit);
  single("pattern-separator", p.pattern);
  text("infinity", p.infinity);
  text("minus-sign", p.minus);
  text("NaN", p.nan);
  return p;
}

// One sub-picture split into its parts, and what they say about the output.
struct SubPicture {
  Text prefix, suffix, active, mantissa, exponent, integer, fraction;
  bool hasExponent = false, hasDecimal = false, percent = false, perMille = false;
  std::vector<int> integerGroups, fractionGroups;
  int regularGrouping = 0;
  int minInteger = 0, minFraction = 0, maxFraction = 0, minExponent = 0;
  int scalingFactor = 0;  // the integer part's digits, before minInteger is adjusted
};

std::size_t countIf(const Text& t, char32_t c) { return static_cast<std::size_t>(std::count(t.begin(), t.end(), c)); }

SubPicture split(const Text& picture, const Properties& p) {
  SubPicture s;
  // An exponent separator only counts as active between other active characters.
  auto activeHere = [&](char32_t c) { return p.isActive(c) && c != p.exponent; };
  std::size_t first = 0;
  while (first < picture.size() && !activeHere(picture[first])) ++first;
  std::size_t last = picture.size();
  while (last > first && !activeHere(picture[last - 1])) --last;
  if (first == picture.size()) first = 0;  // no active character: all of it is the active part
  s.prefix = picture.substr(0, first);
  s.suffix = picture.substr(last);
  s.active = picture.substr(first, last - first);
  std::size_t e = s.active.find(p.exponent);
  s.hasExponent = e != Text::npos;
  s.mantissa = s.hasExponent ? s.active.substr(0, e) : s.active;
  if (s.hasExponent) s.exponent = s.active.substr(e + 1);
  std::size_t d = s.mantissa.find(p.decimal);
  s.hasDecimal = d != Text::npos;
  s.integer = s.hasDecimal ? s.mantissa.substr(0, d) : s.mantissa;
  if (s.hasDecimal) s.fraction = s.mantissa.substr(d + 1);
  s.percent = countIf(picture, p.percent) > 0;
  s.perMille = countIf(picture, p.perMille) > 0;
  return s;
}

std::optional<FormatError> validate(const Text& picture, const SubPicture& s, const Properties& p) {
  // Every rule is checked and a later one overrides an earlier one, as jsonata-js reports them.
  std::optional<FormatError> found;
  auto error = [](const char* code, const char* message) { return FormatError{code, message}; };
  if (countIf(picture, p.decimal) > 1)
    found = error("D3081", "The sub-picture must not contain more than one instance of the 'decimal-separator' character");
  if (countIf(picture, p.percent) > 1)
    found = error("D3082", "The sub-picture must not contain more than one instance of the 'percent' character");
  if (countIf(picture, p.perMille) > 1)
    found = error("D3083", "The sub-picture must not contain more than one instance of the 'per-mille' character");
  if (s.percent && s.perMille)
    found = error("D3084", "The sub-picture must not contain both a 'percent' and a 'per-mille' character");
  if (std::none_of(s.mantissa.begin(), s.mantissa.end(), [&](char32_t c) { return p.isDigit(c) || c == p.digit; }))
    found = error("D3085", "The mantissa part of a sub-picture must contain at least one character that is either an "
                          "'optional digit character' or a member of the 'decimal digit family'");
  if (std::any_of(s.active.begin(), s.active.end(), [&](char32_t c) { return !p.isActive(c); }))
    found = error("D3086", "The sub-picture must not contain a passive character that is preceded by an active "
                          "character and that is followed by another active character");
  auto adjacent = [&](char32_t a, char32_t b) {
    for (std::size_t i = 0; i + 1 < s.mantissa.size(); ++i)
      if (s.mantissa[i] == a && s.mantissa[i + 1] == b) return true;
    return false;
  };
  if (adjacent(p.grouping, p.decimal) || adjacent(p.decimal, p.grouping))
    found = error("D3087", "The sub-picture must not contain a 'grouping-separator' character that appears "
                           "adjacent to a 'decimal-separator' character");
  if (!s.hasDecimal && !s.integer.empty() && s.integer.back() == p.grouping)
    found = error("D3088", "The sub-picture must not contain a 'grouping-separator' at the end of the integer part");
  if (adjacent(p.grouping, p.grouping))
    found = error("D3089", "The sub-picture must not contain two adjacent instances of the 'grouping-separator' "
                           "character");
  auto hasDigit = [&](auto begin, auto end) {
    return std::any_of(begin, end, [&](char32_t c) { return p.isDigit(c); });
  };
  // As jsonata-js reads the rules: a digit before the first '#' of the integer part, a digit
  // after the last '#' of the fractional part.
  std::size_t firstOptional = s.integer.find(p.digit);
  if (firstOptional != Text::npos && hasDigit(s.integer.begin(), s.integer.begin() + static_cast<long>(firstOptional)))
    found = error("D3090", "The integer part of the sub-picture must not contain a member of the 'decimal digit "
                           "family' that is followed by an instance of the 'optional digit character'");
  std::size_t lastOptional = s.fraction.rfind(p.digit);
  if (lastOptional != Text::npos && hasDigit(s.fraction.begin() + static_cast<long>(lastOptional), s.fraction.end()))
    found = error("D3091", "The fractional part of the sub-picture must not contain an instance of the 'optional "
                           "digit character' that is followed by a member of the 'decimal digit family'");
  if (s.hasExponent && (s.percent || s.perMille))
    found = error("D3092", "A sub-picture that contains a 'percent' or 'per-mille' character must not contain a "
                          "character treated as an 'exponent-separator'");
  if (s.hasExponent &&
      (s.exponent.empty() || std::any_of(s.exponent.begin(), s.exponent.end(), [&](char32_t c) { return !p.isDigit(c); })))
    found = error("D3093", "The exponent part of the sub-picture must comprise only of one or more characters that "
                          "are members of the 'decimal digit family'");
  return found;
}

// Grouping separator positions: digits to their right (integer part) or left (fraction part).
std::vector<int> groupingPositions(const Text& part, const Properties& p, bool fromLeft) {
  std::vector<int> positions;
  for (std::size_t i = 0; i < part.size(); ++i) {
    if (part[i] != p.grouping) continue;
    auto begin = fromLeft ? part.begin() : part.begin() + static_cast<long>(i);
    auto end = fromLeft ? part.begin() + static_cast<long>(i) : part.end();
    positions.push_back(static_cast<int>(std::count_if(begin, end, [&](char32_t c) { return p.isDigit(c) || c == p.digit; })));
  }
  return positions;
}

// The grouping interval when the positions are all multiples of one (e.g. every 3 digits), else 0.
int regularInterval(const std::vector<int>& positions) {
  if (positions.empty()) return 0;
  int factor = std::accumulate(positions.begin(), positions.end(), 0, [](int a, int b) { return std::gcd(a, b); });
  if (factor == 0) return 0;
  for (int k = 1; k <= static_cast<int>(positions.size()); ++k)
    if (std::find(positions.begin(), positions.end(), k * factor) == positions.end()) return 0;
  return factor;
}

void analyse(SubPicture& s, const Properties& p) {
  s.integerGroups = groupingPositions(s.integer, p, false);
  s.fractionGroups = groupingPositions(s.fraction, p, true);
  s.regularGrouping = regularInterval(s.integerGroups);
  auto digits = [&](const Text& t) { return static_cast<int>(std::count_if(t.begin(), t.end(), [&](char32_t c) { return p.isDigit(c); })); };
  s.minInteger = s.scalingFactor = digits(s.integer);
  s.minFraction = digits(s.fraction);
  s.maxFraction = s.minFraction + static_cast<int>(countIf(s.fraction, p.digit));
  s.minExponent = digits(s.exponent);
  if (s.minInteger == 0 && s.maxFraction == 0) {
    if (s.hasExponent) {
      s.minFraction = s.maxFraction = 1;
    } else {
      s.minInteger = 1;
    }
  }
  if (s.hasExponent && s.minInteger == 0 && countIf(s.integer, p.digit) > 0) s.minInteger = 1;
  if (s.minInteger == 0 && s.minFraction == 0) s.minFraction = 1;
}

// Stands for the decimal point while grouping separators are inserted (they may be '.').
constexpr char32_t kPoint = 0xFFFF;

Text mapDigits(const std::string& ascii, const Properties& p) {
  Text out;
  for (char c : ascii) {
    out.push_back(c >= '0' && c <= '9' ? p.zero + static_cast<char32_t>(c - '0')
                  : c == '.'           ? kPoint
                                       : static_cast<char32_t>(c));
  }
  return out;
}

std::string fixed(double value, int decimals) {
  decimals = std::clamp(decimals, 0, 100);
  int length = std::snprintf(nullptr, 0, "%.*f", decimals, std::fabs(value));
  std::string text(static_cast<std::size_t>(length) + 1, '\0');
  std::snprintf(text.data(), text.size(), "%.*f", decimals, std::fabs(value));
  text.pop_back();
  return text;
}

Text render(double value, const SubPicture& s, const Properties& p) {
  double adjusted = std::fabs(value);
  if (s.percent) adjusted *= 100;
  if (s.perMille) adjusted *= 1000;
  std::optional<int> exponent;
  if (s.hasExponent && adjusted != 0) {
    int e = 0;
    double maxMantissa = std::pow(10.0, s.scalingFactor), minMantissa = std::pow(10.0, s.scalingFactor - 1);
    while (adjusted < minMantissa) {
      adjusted *= 10;
      --e;
    }
    while (adjusted > maxMantissa) {
      adjusted /= 10;
      ++e;
    }
    exponent = e;
  } else if (s.hasExponent) {
    exponent = 0;
  }
  double rounded = roundHalfEven(adjusted, s.maxFraction);
  // Digits with the decimal separator, without leading or trailing zeros, then padded.
  std::string digits = fixed(rounded, s.maxFraction);
  if (digits.find('.') == std::string::npos) digits.push_back('.');
  std::size_t firstNonZero = digits.find_first_not_of('0');
  digits.erase(0, firstNonZero);
  digits.erase(digits.find_last_not_of('0') + 1);
  auto point = static_cast<int>(digits.find('.'));
  int padLeft = s.minInteger - point;
  int padRight = s.minFraction - (static_cast<int>(digits.size()) - point - 1);
  if (padLeft > 0) digits.insert(0, static_cast<std::size_t>(padLeft), '0');
  if (padRight > 0) digits.append(static_cast<std::size_t>(padRight), '0');
  Text out = mapDigits(digits, p);
  auto decimalAt = [&] { return static_cast<int>(out.find(kPoint)); };
  if (s.regularGrouping > 0) {
    int at = decimalAt();
    for (int group = 1; group <= (at - 1) / s.regularGrouping; ++group)
      out.insert(static_cast<std::size_t>(at - group * s.regularGrouping), 1, p.grouping);
  } else {
    for (int position : s.integerGroups) {  // left to right: the largest first
      int at = decimalAt() - position;
      if (at > 0) out.insert(static_cast<std::size_t>(at), 1, p.grouping);
    }
  }
  for (int position : s.fractionGroups) {
    auto at = static_cast<std::size_t>(decimalAt() + 1 + position);
    if (at < out.size()) out.insert(at, 1, p.grouping);
  }
  // Without a decimal separator in the picture, the last character goes (jsonata-js; normally
  // the point itself, as no fraction digits were asked for).
  if (!s.hasDecimal || static_cast<std::size_t>(decimalAt()) == out.size() - 1) {
    out.pop_back();
  }
  if (std::size_t at = out.find(kPoint); at != Text::npos) out[at] = p.decimal;
  if (exponent) {
    std::string e = std::to_string(std::abs(*exponent));
    if (static_cast<int>(e.size()) < s.minExponent) e.insert(0, static_cast<std::size_t>(s.minExponent) - e.size(), '0');
    out.push_back(p.exponent);
    if (*exponent < 0) out += p.minus;
    out += mapDigits(e, p);
  }
  return s.prefix + out + s.suffix;
}

}  // namespace

std::optional<std::string> formatNumber(double value, std::string_view pictureText, const DecimalFormat& format,
                                        FormatError& error) {
  Properties p = propertiesFrom(format);
  Text picture = toText(pictureText);
  std::vector<Text> pictures;
  std::size_t start = 0;
  for (std::size_t at = picture.find(p.pattern); at != Text::npos; at = picture.find(p.pattern, start)) {
    pictures.push_back(picture.substr(start, at - start));
    start = at + 1;
  }
  pictures.push_back(picture.substr(start));
  if (pictures.size() > 2) {
    error = {"D3080", "The picture string must only contain a maximum of two sub-pictures"};
    return std::nullopt;
  }
  std::vector<SubPicture> parts;
  for (const Text& sub : pictures) {
    SubPicture s = split(sub, p);
    if (auto failure = validate(sub, s, p)) {
      error = *failure;
      return std::nullopt;
    }
    analyse(s, p);
    parts.push_back(std::move(s));
  }
  if (std::isnan(value)) return toUtf8(p.nan);
  bool negative = value < 0;
  const SubPicture& chosen = negative && parts.size() == 2 ? parts[1] : parts[0];
  Text result = std::isinf(value) ? chosen.prefix + p.infinity + chosen.suffix : render(value, chosen, p);
  if (negative && parts.size() == 1) result = p.minus + result;
  return toUtf8(result);
}

double roundHalfEven(double value, int precision) {
  if (!std::isfinite(value) || value == 0) return value;
  // Shift the decimal point in the shortest decimal text of the value (as JavaScript's toString
  // gives it), so the rounding sees 2.675 rather than 2.67499999...
  auto shift = [](double v, int places) {
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::scientific);
    std::string text(buffer, end);
    std::size_t e = text.find('e');
    int exponent = std::atoi(text.c_str() + e + 1) + places;
    return std::strtod((text.substr(0, e) + "e" + std::to_string(exponent)).c_str(), nullptr);
  };
  double shifted = precision != 0 ? shift(value, precision) : value;
  if (!std::isfinite(shifted)) return value;  // already finer than the precision asks
  double result = std::floor(shifted + 0.5);  // JavaScript's Math.round: half up
  if (std::fabs(result - shifted) == 0.5 && std::fmod(std::fabs(result), 2.0) == 1.0) result -= 1;
  if (precision != 0 && result != 0) result = shift(result, -precision);
  return result == 0 ? 0.0 : result;  // no negative zero
}

std::string toRadix(double value, int radix) {
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  if (!std::isfinite(value)) return jsonata::formatNumber(value);  // "NaN", as toString(radix) writes it
  bool negative = value < 0;
  double magnitude = std::floor(std::fabs(value));
  std::string out;
  // Digits of a double beyond 2^53 are approximate anyway; fmod keeps it exact where it can be.
  do {
    out.push_back(kDigits[static_cast<int>(std::fmod(magnitude, radix))]);
    magnitude = std::floor(magnitude / radix);
  } while (magnitude > 0 && out.size() < 1100);
  if (negative && out != "0") out.push_back('-');
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace stepsim::jsonata::numbers
