#pragma once
// UTF-8 by code point: jsonata-js counts string positions in code points ($length, $substring,
// $pad), and URL and base64 functions work on bytes or UTF-16 units of the same text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace stepsim::jsonata::utf8 {

// The number of code points (invalid bytes count as one each).
std::size_t length(std::string_view s);
// The byte offset of code point `index` (s.size() when past the end).
std::size_t offsetOf(std::string_view s, std::size_t index);
// Decodes the code point at `offset` and advances it; an invalid byte decodes as U+FFFD.
char32_t decode(std::string_view s, std::size_t& offset);
void append(std::string& out, char32_t codePoint);
std::vector<char32_t> codePoints(std::string_view s);
std::string fromCodePoints(const std::vector<char32_t>& codePoints);

}  // namespace stepsim::jsonata::utf8
