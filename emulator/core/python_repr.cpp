#include "emulator/core/python_repr.h"

#include <cstdio>

#include "emulator/core/utf8.h"

namespace stepsim::core {

namespace {

// Python leaves printable characters as they are; the ones it escapes and stepsim meets are the
// C0 and C1 controls and the line and paragraph separators.
bool isPrintable(char32_t cp) {
  return !(cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x2028 || cp == 0x2029);
}

std::string escapeCodePoint(char32_t cp) {
  char buffer[12];
  if (cp < 0x100)
    std::snprintf(buffer, sizeof buffer, "\\x%02x", static_cast<unsigned>(cp));
  else
    std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(cp));
  return buffer;
}

}  // namespace

std::string pythonRepr(std::string_view s) {
  const bool hasSingle = s.find('\'') != std::string_view::npos;
  const char quote = hasSingle && s.find('"') == std::string_view::npos ? '"' : '\'';
  std::string out(1, quote);
  forEachCodePoint(s, [&](char32_t cp, std::string_view bytes) {
    if (cp == '\\' || cp == static_cast<char32_t>(quote)) {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (!isPrintable(cp)) {
      out += escapeCodePoint(cp);
    } else {
      out += bytes;
    }
  });
  out += quote;
  return out;
}

}  // namespace stepsim::core
