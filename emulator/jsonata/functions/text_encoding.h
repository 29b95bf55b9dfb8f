#pragma once
// Base64 and URL percent-encoding as jsonata-js does them (Node's Buffer with the 'binary'
// encoding: one byte per character; JavaScript's encodeURI / encodeURIComponent / decodeURI /
// decodeURIComponent on UTF-8).
#include <optional>
#include <string>
#include <string_view>

namespace stepsim::jsonata::text {

// Each character of `text` is one byte (U+0000-U+00FF as documented; beyond that, as Node does,
// the low byte of each UTF-16 unit).
std::string base64Encode(std::string_view text);
// Node's lenient decoder (characters outside the alphabet skipped, padding optional); each byte
// becomes the character U+0000-U+00FF of that value, so the result is always valid UTF-8.
std::string base64Decode(std::string_view text);

// nullopt when `s` is not valid UTF-8 (JavaScript: a lone surrogate, URIError).
std::optional<std::string> encodeUri(std::string_view s, bool component);
// nullopt for a malformed escape or escaped bytes that are not UTF-8 (URIError).
std::optional<std::string> decodeUri(std::string_view s, bool component);

}  // namespace stepsim::jsonata::text
