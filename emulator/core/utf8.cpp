#include "emulator/core/utf8.h"

namespace stepsim::core {

namespace {
bool isContinuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}
}  // namespace

size_t utf8Length(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += !isContinuation(static_cast<unsigned char>(c));
  return n;
}

std::string_view utf8Truncate(std::string_view s, size_t maxChars) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (isContinuation(static_cast<unsigned char>(s[i]))) continue;
    if (chars == maxChars) return s.substr(0, i);
    ++chars;
  }
  return s;
}

DecodedCodePoint decodeCodePoint(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return {c, 1, true};
  size_t len;
  char32_t cp;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
  } else {
    return {c, 1, false};
  }
  if (i + len > s.size()) return {c, 1, false};
  for (size_t k = 1; k < len; ++k) {
    unsigned char d = static_cast<unsigned char>(s[i + k]);
    if (!isContinuation(d)) return {c, 1, false};
    cp = (cp << 6) | (d & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return {c, 1, false};
  return {cp, len, true};
}

bool isValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    DecodedCodePoint decoded = decodeCodePoint(s, i);
    if (!decoded.valid) return false;
    i += decoded.length;
  }
  return true;
}

}  // namespace stepsim::core
