#include "emulator/jsonata/functions/integer_format.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>

#include "emulator/jsonata/functions/utf8.h"
#include "emulator/jsonata/value.h"

namespace stepsim::jsonata::integers {

namespace {

constexpr std::array<const char*, 20> kFew = {"Zero",    "One",     "Two",       "Three",    "Four",
                                              "Five",    "Six",     "Seven",     "Eight",    "Nine",
                                              "Ten",     "Eleven",  "Twelve",    "Thirteen", "Fourteen",
                                              "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"};
constexpr std::array<const char*, 20> kOrdinals = {
    "Zeroth",     "First",      "Second",    "Third",       "Fourth",     "Fifth",     "Sixth",
    "Seventh",    "Eighth",     "Ninth",     "Tenth",       "Eleventh",   "Twelfth",   "Thirteenth",
    "Fourteenth", "Fifteenth",  "Sixteenth", "Seventeenth", "Eighteenth", "Nineteenth"};
constexpr std::array<const char*, 8> kDecades = {"Twenty", "Thirty",  "Forty",  "Fifty",
                                                 "Sixty",  "Seventy", "Eighty", "Ninety"};
constexpr std::array<const char*, 4> kMagnitudes = {"Thousand", "Million", "Billion", "Trillion"};

// The Unicode decimal digit families (the zero of each), as jsonata-js lists them.
constexpr std::array<char32_t, 37> kDigitZeros = {
    0x30,   0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
    0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
    0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10};

std::string words(double num, bool previous, bool ordinal) {
  std::string out;
  if (num <= 19) {
    out = previous ? " and " : "";
    out += (ordinal ? kOrdinals : kFew)[static_cast<int>(num)];
  } else if (num < 100) {
    int tens = static_cast<int>(num) / 10, remainder = static_cast<int>(num) % 10;
    out = previous ? " and " : "";
    out += kDecades[tens - 2];
    if (remainder > 0) {
      out.push_back('-');
      out.append(words(remainder, false, ordinal));
    } else if (ordinal) {
      out = out.substr(0, out.size() - 1) + "ieth";
    }
  } else if (num < 1000) {
    int hundreds = static_cast<int>(num) / 100, remainder = static_cast<int>(num) % 100;
    out = previous ? ", " : "";
    out += kFew[hundreds];
    out += " Hundred";
    if (remainder > 0) {
      out += words(remainder, true, ordinal);
    } else if (ordinal) {
      out += "th";
    }
  } else {
    int magnitude = std::min(static_cast<int>(std::floor(std::log10(num) / 3)), static_cast<int>(kMagnitudes.size()));
    double factor = std::pow(10.0, magnitude * 3);
    double mantissa = std::floor(num / factor), remainder = num - mantissa * factor;
    out = previous ? ", " : "";
    out += words(mantissa, false, false);
    out += " ";
    out += kMagnitudes[magnitude - 1];
    if (remainder > 0) {
      out += words(remainder, true, ordinal);
    } else if (ordinal) {
      out += "th";
    }
  }
  return out;
}

std::string applyCase(std::string s, Case letterCase) {
  if (letterCase == Case::Title) return s;
  for (char& c : s) c = static_cast<char>(letterCase == Case::Upper ? std::toupper(c) : std::tolower(c));
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<Picture> analyseDecimal(std::string_view primary, Picture picture, numbers::FormatError& error) {
  std::vector<char32_t> chars = utf8::codePoints(primary);
  std::optional<char32_t> family;
  int digitsSeen = 0;
  picture.mandatoryDigits = 0;
  // Right to left, so separator positions count the digits to their right.
  for (auto it = chars.rbegin(); it != chars.rend(); ++it) {
    char32_t c = *it;
    if (auto zero = digitFamilyZero(c)) {
      if (family && *family != *zero) {
        error = {"D3131", "In a decimal digit pattern, all digits must be from the same decimal group"};
        return std::nullopt;
      }
      family = zero;
      ++picture.mandatoryDigits;
      ++digitsSeen;
    } else if (c == '#') {
      ++picture.optionalDigits;
      ++digitsSeen;
    } else {
      std::string text;
      utf8::append(text, c);
      picture.separators.push_back({digitsSeen, text});
    }
  }
  if (!family) {  // no mandatory digit: a numbering sequence jsonata-js does not support
    error = {"D3130", "Formatting or parsing an integer as a sequence starting with " + std::string(primary) +
                          " is not supported by this implementation"};
    return std::nullopt;
  }
  picture.zero = family.value_or('0');
  // Separators at positions 0 (trailing) are kept as they are; a regular pattern repeats.
  if (!picture.separators.empty()) {
    bool sameText = std::all_of(picture.separators.begin(), picture.separators.end(),
                                [&](const Picture::Separator& s) { return s.text == picture.separators[0].text; });
    int factor = 0;
    for (const auto& s : picture.separators) factor = std::gcd(factor, s.position);
    bool regular = sameText && factor > 0;
    for (int k = 1; regular && k <= static_cast<int>(picture.separators.size()); ++k) {
      regular = std::any_of(picture.separators.begin(), picture.separators.end(),
                            [&](const Picture::Separator& s) { return s.position == k * factor; });
    }
    if (regular) picture.regularInterval = factor;
  }
  return picture;
}

std::string formatDecimal(double value, const Picture& picture) {
  char buffer[400];
  std::snprintf(buffer, sizeof buffer, "%.0f", std::floor(value));
  std::string digits = buffer;
  if (static_cast<int>(digits.size()) < picture.mandatoryDigits)
    digits.insert(0, static_cast<std::size_t>(picture.mandatoryDigits) - digits.size(), '0');
  std::vector<std::string> chars;
  for (char d : digits) {
    std::string c;
    utf8::append(c, picture.zero + static_cast<char32_t>(d - '0'));
    chars.push_back(c);
  }
  // Build right to left, inserting separators after `position` digits.
  std::string out;
  auto count = static_cast<int>(chars.size());
  std::vector<std::string> pieces;
  for (int i = 0; i < count; ++i) {
    int fromRight = i;  // digits already placed to the right
    if (picture.regularInterval > 0) {
      if (fromRight > 0 && fromRight % picture.regularInterval == 0) pieces.push_back(picture.separators[0].text);
    } else {
      for (const auto& s : picture.separators)
        if (s.position == fromRight && fromRight > 0) pieces.push_back(s.text);
    }
    pieces.push_back(chars[static_cast<std::size_t>(count - 1 - i)]);
  }
  for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) out += *it;
  return out;
}

}  // namespace

std::optional<char32_t> digitFamilyZero(char32_t c) {
  for (char32_t zero : kDigitZeros)
    if (c >= zero && c <= zero + 9) return zero;
  return std::nullopt;
}

std::optional<Picture> analyse(std::string_view primary, bool ordinal, numbers::FormatError& error) {
  Picture picture;
  picture.ordinal = ordinal;
  if (primary == "A" || primary == "a") {
    picture.style = Style::Letters;
    picture.letterCase = primary == "A" ? Case::Upper : Case::Lower;
  } else if (primary == "I" || primary == "i") {
    picture.style = Style::Roman;
    picture.letterCase = primary == "I" ? Case::Upper : Case::Lower;
  } else if (primary == "W" || primary == "w" || primary == "Ww") {
    picture.style = Style::Words;
    picture.letterCase = primary == "W" ? Case::Upper : primary == "w" ? Case::Lower : Case::Title;
  } else {
    return analyseDecimal(primary, picture, error);
  }
  return picture;
}

std::optional<Picture> analyseWithModifiers(std::string_view picture, numbers::FormatError& error) {
  std::size_t semicolon = picture.rfind(';');
  bool ordinal = semicolon != std::string_view::npos && picture.substr(semicolon + 1).starts_with('o');
  return analyse(picture.substr(0, semicolon), ordinal, error);
}

std::string format(double value, const Picture& picture) {
  // NaN (from 0/0) or an infinity has no digits, words or letters: written as JavaScript writes it.
  if (!std::isfinite(value)) return formatNumber(value);
  std::string sign = value < 0 ? "-" : "";
  double magnitude = std::fabs(value);
  switch (picture.style) {
    case Style::Letters:
      return sign + toLetters(magnitude, picture.letterCase == Case::Upper ? 'A' : 'a');
    case Style::Roman: {
      std::string roman = toRoman(magnitude);
      return sign + (picture.letterCase == Case::Upper ? roman : lower(roman));
    }
    case Style::Words:
      return sign + applyCase(toWords(magnitude, picture.ordinal), picture.letterCase);
    case Style::Decimal:
      break;
  }
  return sign + formatDecimal(magnitude, picture) + (picture.ordinal ? ordinalSuffix(magnitude) : "");
}

std::optional<double> parse(std::string_view text, const Picture& picture) {
  switch (picture.style) {
    case Style::Letters:
      return fromLetters(text);
    case Style::Roman:
      return fromRoman(text);
    case Style::Words:
      return fromWords(text);
    case Style::Decimal:
      break;
  }
  double value = 0;
  bool any = false, negative = false;
  std::size_t offset = 0;
  if (!text.empty() && text[0] == '-') {
    negative = true;
    offset = 1;
  }
  while (offset < text.size()) {
    std::size_t before = offset;
    char32_t c = utf8::decode(text, offset);
    if (c >= picture.zero && c <= picture.zero + 9) {
      value = value * 10 + static_cast<double>(c - picture.zero);
      any = true;
      continue;
    }
    std::string_view rest = text.substr(before);
    bool separator = std::any_of(picture.separators.begin(), picture.separators.end(),
                                 [&](const Picture::Separator& s) { return rest.starts_with(s.text); });
    if (separator) continue;
    if (picture.ordinal && any && rest.size() == 2 && lower(rest) == ordinalSuffix(value)) break;
    return std::nullopt;
  }
  if (!any) return std::nullopt;
  return negative ? -value : value;
}

std::string toWords(double value, bool ordinal) { return words(std::floor(value), false, ordinal); }

std::optional<double> fromWords(std::string_view text) {
  static const std::map<std::string, double> kValues = [] {
    std::map<std::string, double> values;
    for (std::size_t i = 0; i < kFew.size(); ++i) {
      values[lower(kFew[i])] = static_cast<double>(i);
      values[lower(kOrdinals[i])] = static_cast<double>(i);
    }
    for (std::size_t i = 0; i < kDecades.size(); ++i) {
      std::string decade = lower(kDecades[i]);
      values[decade] = static_cast<double>(20 + 10 * i);
      values[decade.substr(0, decade.size() - 1) + "ieth"] = static_cast<double>(20 + 10 * i);
    }
    values["hundred"] = values["hundredth"] = 100;
    for (std::size_t m = 0; m < kMagnitudes.size(); ++m) {
      std::string name = lower(kMagnitudes[m]);
      values[name] = values[name + "th"] = std::pow(10.0, 3 * (m + 1));
    }
    return values;
  }();
  // Segments of the number: small values add into the last segment, multipliers scale it, and
  // a small value after a completed thousands segment starts a new one (as jsonata-js reads it).
  std::vector<double> segments{0};
  std::string word;
  bool any = false;
  auto flush = [&]() -> bool {
    std::string w = lower(word);
    word.clear();
    if (w.empty() || w == "and") return true;
    auto it = kValues.find(w);
    if (it == kValues.end()) return false;
    any = true;
    double value = it->second;
    if (value < 100) {
      double top = segments.back();
      segments.pop_back();
      if (top >= 1000) {
        segments.push_back(top);
        top = 0;
      }
      segments.push_back(top + value);
    } else {
      segments.back() *= value;
    }
    return true;
  };
  for (char c : text) {
    if (c == ' ' || c == ',' || c == '-') {
      if (!flush()) return std::nullopt;
    } else {
      word.push_back(c);
    }
  }
  if (!flush() || !any) return std::nullopt;
  return std::accumulate(segments.begin(), segments.end(), 0.0);
}

std::string wordsPattern() {
  std::string pattern = "(?:";
  auto add = [&](const std::string& word) { pattern += lower(word) + "|"; };
  for (const char* w : kFew) add(w);
  for (const char* w : kOrdinals) add(w);
  for (const char* w : kDecades) {
    std::string decade = lower(w);
    add(decade.substr(0, decade.size() - 1) + "ieth");
    add(decade);
  }
  for (const char* w : kMagnitudes) {
    add(std::string(w) + "th");
    add(w);
  }
  return pattern + "hundredth|hundred|and|[\\-, ])+";
}

std::string toRoman(double value) {
  static const std::pair<int, const char*> kNumerals[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"},
                                                          {100, "C"},  {90, "XC"},  {50, "L"},  {40, "XL"},
                                                          {10, "X"},   {9, "IX"},   {5, "V"},   {4, "IV"},
                                                          {1, "I"}};
  std::string out;
  auto remaining = static_cast<long long>(std::min(value, 1e7));
  for (const auto& [amount, numeral] : kNumerals) {
    while (remaining >= amount) {
      out += numeral;
      remaining -= amount;
    }
  }
  return out;
}

std::optional<double> fromRoman(std::string_view roman) {
  auto valueOf = [](char c) {
    switch (std::toupper(static_cast<unsigned char>(c))) {
      case 'I': return 1;
      case 'V': return 5;
      case 'X': return 10;
      case 'L': return 50;
      case 'C': return 100;
      case 'D': return 500;
      case 'M': return 1000;
      default: return 0;
    }
  };
  // As jsonata-js reads numerals: from the right, a numeral below the largest seen so far is
  // subtracted ("IIX" is 8); no numerals at all is 0.
  double total = 0;
  int largest = 1;
  for (auto c = roman.rbegin(); c != roman.rend(); ++c) {
    int v = valueOf(*c);
    if (v == 0) return std::nullopt;
    if (v < largest) {
      total -= v;
    } else {
      largest = v;
      total += v;
    }
  }
  return total;
}

std::string toLetters(double value, char base) {
  std::string out;
  for (auto n = static_cast<long long>(std::min(value, 1e15)); n > 0; n = (n - 1) / 26)
    out.push_back(static_cast<char>(base + (n - 1) % 26));
  std::reverse(out.begin(), out.end());
  return out;
}

std::optional<double> fromLetters(std::string_view letters) {
  if (letters.empty()) return std::nullopt;
  double value = 0;
  for (char c : letters) {
    int letter = std::tolower(static_cast<unsigned char>(c)) - 'a';
    if (letter < 0 || letter >= 26) return std::nullopt;
    value = value * 26 + letter + 1;
  }
  return value;
}

std::string ordinalSuffix(double value) {
  auto n = static_cast<long long>(std::fmod(std::floor(value), 100));
  if (n >= 11 && n <= 13) return "th";
  switch (n % 10) {
    case 1: return "st";
    case 2: return "nd";
    case 3: return "rd";
    default: return "th";
  }
}

}  // namespace stepsim::jsonata::integers
