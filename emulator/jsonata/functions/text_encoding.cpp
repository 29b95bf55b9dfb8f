#include "emulator/jsonata/functions/text_encoding.h"

#include <cstdint>

#include "emulator/jsonata/functions/utf8.h"

namespace stepsim::jsonata::text {

namespace {

constexpr std::string_view kBase64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;  // Node also accepts the URL-safe alphabet
  if (c == '/' || c == '_') return 63;
  return -1;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool isUnreserved(unsigned char c, bool component) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  std::string_view marks = "-_.!~*'()";
  std::string_view reserved = ";,/?:@&=+$#";
  return marks.find(static_cast<char>(c)) != std::string_view::npos ||
         (!component && reserved.find(static_cast<char>(c)) != std::string_view::npos);
}

// Well-formed UTF-8: no stray or truncated bytes, no overlong forms, no surrogates, nothing
// past U+10FFFF (what JavaScript's URI functions accept).
bool isValidUtf8(std::string_view s) {
  for (std::size_t offset = 0; offset < s.size();) {
    std::size_t before = offset;
    char32_t cp = utf8::decode(s, offset);
    std::size_t used = offset - before;
    std::size_t shortest = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (cp == 0xFFFD && s.substr(before, 3) != "\xEF\xBF\xBD") return false;
    if (cp != 0xFFFD && used != shortest) return false;
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
  }
  return true;
}

}  // namespace

std::string base64Encode(std::string_view text) {
  std::string bytes;
  for (std::size_t offset = 0; offset < text.size();) {
    char32_t cp = utf8::decode(text, offset);
    if (cp >= 0x10000) {  // a surrogate pair in JavaScript: two units
      cp -= 0x10000;
      bytes.push_back(static_cast<char>((0xD800 + (cp >> 10)) & 0xFF));
      bytes.push_back(static_cast<char>((0xDC00 + (cp & 0x3FF)) & 0xFF));
    } else {
      bytes.push_back(static_cast<char>(cp & 0xFF));
    }
  }
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t chunk = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) chunk |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) chunk |= static_cast<unsigned char>(bytes[i + 2]);
    out.push_back(kBase64Alphabet[(chunk >> 18) & 63]);
    out.push_back(kBase64Alphabet[(chunk >> 12) & 63]);
    out.push_back(i + 1 < bytes.size() ? kBase64Alphabet[(chunk >> 6) & 63] : '=');
    out.push_back(i + 2 < bytes.size() ? kBase64Alphabet[chunk & 63] : '=');
  }
  return out;
}

std::string base64Decode(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=') break;
    int value = base64Value(c);
    if (value < 0) continue;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      utf8::append(out, static_cast<char32_t>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

std::optional<std::string> encodeUri(std::string_view s, bool component) {
  if (!isValidUtf8(s)) return std::nullopt;
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x80 && isUnreserved(c, component)) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::optional<std::string> decodeUri(std::string_view s, bool component) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] != '%') {
      out.push_back(s[i++]);
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    int high = hexValue(s[i + 1]), low = hexValue(s[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    auto byte = static_cast<unsigned char>(high * 16 + low);
    // decodeURI keeps escapes of reserved characters as they are.
    if (byte < 0x80 && !component && std::string_view(";/?:@&=+$,#").find(static_cast<char>(byte)) !=
                                         std::string_view::npos) {
      out.append(s.substr(i, 3));
    } else {
      out.push_back(static_cast<char>(byte));
    }
    i += 3;
  }
  if (!isValidUtf8(out)) return std::nullopt;
  return out;
}

}  // namespace stepsim::jsonata::text
