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

// Strict check: no overlongs, surrogates, or code points above U+10FFFF.
bool isValidUtf8(std::string_view s);

}  // namespace stepsim::core
