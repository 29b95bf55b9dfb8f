#include "emulator/core/base64.h"

#include <array>
#include <charconv>

namespace stepsim::core {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

}  // namespace

std::string encodeBase64(std::string_view in) {
  std::string out;
  out.reserve(4 * ((in.size() + 2) / 3));
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16 |
                 static_cast<unsigned char>(in[i + 1]) << 8 | static_cast<unsigned char>(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += kAlphabet[(v >> s) & 63];
  }
  if (std::size_t rest = in.size() - i) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16 |
                 (rest == 2 ? static_cast<unsigned char>(in[i + 1]) << 8 : 0);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += rest == 2 ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::optional<std::string> decodeBase64(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::array<int, 256> value;
  value.fill(-1);
  for (std::size_t i = 0; i < kAlphabet.size(); ++i)
    value[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int>(i);
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    int v[4];
    int pad = 0;
    for (int k = 0; k < 4; ++k) {
      char c = text[i + k];
      // Padding only in the last two places of the last quantum.
      if (c == '=' && i + 4 == text.size() && k >= 2) {
        v[k] = 0;
        ++pad;
        continue;
      }
      if (pad > 0) return std::nullopt;
      v[k] = value[static_cast<unsigned char>(c)];
      if (v[k] < 0) return std::nullopt;
    }
    unsigned triple = v[0] << 18 | v[1] << 12 | v[2] << 6 | v[3];
    out += static_cast<char>(triple >> 16 & 0xFF);
    if (pad < 2) out += static_cast<char>(triple >> 8 & 0xFF);
    if (pad < 1) out += static_cast<char>(triple & 0xFF);
  }
  return out;
}

std::string encodeOffsetToken(std::string_view magic, std::size_t offset) {
  return encodeBase64(std::string(magic) + std::to_string(offset));
}

std::optional<std::size_t> decodeOffsetToken(std::string_view magic, std::string_view token) {
  if (token.size() > 256) return std::nullopt;
  std::optional<std::string> text = decodeBase64(token);
  if (!text || text->rfind(magic, 0) != 0) return std::nullopt;
  std::string_view digits = std::string_view(*text).substr(magic.size());
  std::size_t offset = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), offset);
  if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size())
    return std::nullopt;
  return offset;
}

}  // namespace stepsim::core
