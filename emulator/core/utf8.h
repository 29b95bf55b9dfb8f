#pragma once
// UTF-8 helpers: AWS measures string lengths in characters, and values bound from a URI or header
// must be valid UTF-8 before they become JSON strings.
#include <cstddef>
#include <string_view>

namespace stepsim::core {

// Number of code points, counting every byte that does not continue a sequence.
size_t utf8Length(std::string_view s);

// The longest prefix of at most `maxChars` code points; never splits a sequence.
std::string_view utf8Truncate(std::string_view s, size_t maxChars);

struct DecodedCodePoint {
  char32_t codePoint;  // the byte itself when the sequence is invalid
  size_t length;       // bytes taken: 1 when invalid
  bool valid;
};

// The code point that starts at byte `i` (< s.size()).
DecodedCodePoint decodeCodePoint(std::string_view s, size_t i);

// Calls visit(codePoint, bytes) for each code point; an invalid byte is visited on its own.
template <typename Visit>
void forEachCodePoint(std::string_view s, Visit&& visit) {
  for (size_t i = 0; i < s.size();) {
    DecodedCodePoint decoded = decodeCodePoint(s, i);
    visit(decoded.codePoint, s.substr(i, decoded.length));
    i += decoded.length;
  }
}

// Strict check: no overlongs, surrogates, or code points above U+10FFFF.
bool isValidUtf8(std::string_view s);

}  // namespace stepsim::core
