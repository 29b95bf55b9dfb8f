#include "emulator/core/xml_text.h"

#include "emulator/core/utf8.h"

namespace stepsim::core {

std::string xmlEscape(std::string_view text) {
  const bool validUtf8 = isValidUtf8(text);
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // XML 1.0 allows no control characters but tab, newline and carriage return.
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x80 && !validUtf8))
          out += '?';
        else
          out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace stepsim::core
