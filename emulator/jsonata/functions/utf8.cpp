#include "emulator/jsonata/functions/utf8.h"

namespace stepsim::jsonata::utf8 {

namespace {
bool isContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }
}  // namespace

std::size_t length(std::string_view s) {
  std::size_t count = 0;
  for (std::size_t offset = 0; offset < s.size();) {
    decode(s, offset);
    ++count;
  }
  return count;
}

std::size_t offsetOf(std::string_view s, std::size_t index) {
  std::size_t offset = 0;
  for (std::size_t i = 0; i < index && offset < s.size(); ++i) decode(s, offset);
  return offset;
}

char32_t decode(std::string_view s, std::size_t& offset) {
  auto c = static_cast<unsigned char>(s[offset]);
  std::size_t extra = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 9;
  if (extra == 0) {
    ++offset;
    return c;
  }
  if (extra == 9 || offset + extra >= s.size()) {  // not a lead byte, or truncated
    ++offset;
    return 0xFFFD;
  }
  char32_t cp = c & (0x3F >> extra);
  for (std::size_t i = 1; i <= extra; ++i) {
    auto next = static_cast<unsigned char>(s[offset + i]);
    if (!isContinuation(next)) {
      ++offset;
      return 0xFFFD;
    }
    cp = (cp << 6) | (next & 0x3F);
  }
  offset += extra + 1;
  return cp;
}

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::vector<char32_t> codePoints(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (std::size_t offset = 0; offset < s.size();) out.push_back(decode(s, offset));
  return out;
}

std::string fromCodePoints(const std::vector<char32_t>& codePoints) {
  std::string out;
  out.reserve(codePoints.size());
  for (char32_t cp : codePoints) append(out, cp);
  return out;
}

}  // namespace stepsim::jsonata::utf8
