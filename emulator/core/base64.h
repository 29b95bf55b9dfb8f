#pragma once
// Standard base64 (RFC 4648, padded): Lambda's ZipFile and log tails, and opaque page tokens.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace stepsim::core {

std::string encodeBase64(std::string_view bytes);
// nullopt when `text` is not padded standard base64.
std::optional<std::string> decodeBase64(std::string_view text);

// Opaque paging tokens: base64 of `magic` followed by an offset. Decoding gives nullopt for any
// token this emulator did not make with the same magic.
std::string encodeOffsetToken(std::string_view magic, std::size_t offset);
std::optional<std::size_t> decodeOffsetToken(std::string_view magic, std::string_view token);

}  // namespace stepsim::core
