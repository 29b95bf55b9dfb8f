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

bool isValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
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
      return false;
    }
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + k]);
      if (!isContinuation(d)) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

}  // namespace stepsim::core
