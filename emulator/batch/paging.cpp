#include "emulator/batch/paging.h"

#include <charconv>

#include "emulator/batch/input.h"

namespace stepsim::batch {

namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kMagic = "stepsim-batch:";

std::string base64(std::string_view in) {
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v =
        (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8 | (unsigned char)in[i + 2];
    for (int s = 18; s >= 0; s -= 6) out += kAlphabet[(v >> s) & 63];
  }
  if (std::size_t rest = in.size() - i) {
    unsigned v = (unsigned char)in[i] << 16 | (rest == 2 ? (unsigned char)in[i + 1] << 8 : 0);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += rest == 2 ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::optional<std::string> unbase64(std::string_view in) {
  if (in.size() % 4 != 0 || in.size() > 128) return std::nullopt;
  std::string out;
  unsigned acc = 0;
  int bits = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '=') {
      if (i + 2 < in.size()) return std::nullopt;
      break;
    }
    auto pos = kAlphabet.find(c);
    if (pos == std::string_view::npos) return std::nullopt;
    acc = (acc << 6) | static_cast<unsigned>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return out;
}

}  // namespace

std::string encodePageToken(std::size_t offset) {
  return base64(std::string(kMagic) + std::to_string(offset));
}

std::size_t decodePageToken(const std::string& token) {
  auto text = unbase64(token);
  if (!text || text->rfind(kMagic, 0) != 0) clientError("nextToken is not a valid token");
  std::string_view digits = std::string_view(*text).substr(kMagic.size());
  std::size_t offset = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), offset);
  if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size())
    clientError("nextToken is not a valid token");
  return offset;
}

Page pageOf(std::size_t total, const json& input, int pageSize) {
  Page page;
  if (auto token = optString(input, "nextToken")) page.begin = decodePageToken(*token);
  if (page.begin > total) page.begin = total;
  page.end = std::min(total, page.begin + static_cast<std::size_t>(pageSize));
  if (page.end < total) page.nextToken = encodePageToken(page.end);
  return page;
}

}  // namespace stepsim::batch
