#pragma once
// Integer pictures of fn:format-integer (jsonata-js $formatInteger / $parseInteger, and the
// numeric components of date/time pictures): decimal digit patterns with grouping, roman
// numerals (I/i), letters (A/a), English words (W/w/Ww), each optionally ordinal.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/jsonata/functions/number_format.h"

namespace stepsim::jsonata::integers {

enum class Style { Decimal, Roman, Letters, Words };
enum class Case { Lower, Upper, Title };

struct Picture {
  Style style = Style::Decimal;
  Case letterCase = Case::Lower;
  bool ordinal = false;
  // Decimal: the digit family, digit counts and grouping separators (digits to their right).
  char32_t zero = '0';
  int mandatoryDigits = 1, optionalDigits = 0;
  struct Separator {
    int position;
    std::string text;
  };
  std::vector<Separator> separators;
  int regularInterval = 0;  // > 0: the one separator repeats every this many digits
};

// The zero of the Unicode decimal digit family `c` belongs to, or nullopt.
std::optional<char32_t> digitFamilyZero(char32_t c);

// `primary` is the picture without its `;modifiers` part. nullopt + error (D3130/D3131) when bad.
std::optional<Picture> analyse(std::string_view primary, bool ordinal, numbers::FormatError& error);
// "picture;o" as $formatInteger takes it.
std::optional<Picture> analyseWithModifiers(std::string_view picture, numbers::FormatError& error);

std::string format(double value, const Picture& picture);
// The integer `text` spells under `picture`, or nullopt when it does not fit the picture.
std::optional<double> parse(std::string_view text, const Picture& picture);

// English words as jsonata-js spells them ("one thousand, two hundred and thirty-four").
std::string toWords(double value, bool ordinal);
std::optional<double> fromWords(std::string_view words);
// A regex (PCRE2 syntax) matching what toWords writes.
std::string wordsPattern();
std::string toRoman(double value);
std::optional<double> fromRoman(std::string_view roman);
std::string toLetters(double value, char base);
std::optional<double> fromLetters(std::string_view letters);
std::string ordinalSuffix(double value);  // "st", "nd", "rd", "th"

}  // namespace stepsim::jsonata::integers
