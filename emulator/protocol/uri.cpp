#include "emulator/protocol/uri.h"

#include <algorithm>

namespace stepsim::protocol {

namespace {
int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::vector<std::string_view> splitPath(std::string_view path) {
  std::vector<std::string_view> segments;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (path.empty()) return segments;
  segments.reserve(6);
  while (true) {
    size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  if (segments.back().empty()) segments.pop_back();  // trailing slash
  return segments;
}

std::string percentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 2);
  for (unsigned char c : text) {
    bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string percentDecode(std::string_view text) {
  if (text.find('%') == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    int hi, lo;
    if (text[i] == '%' && i + 2 < text.size() && (hi = hexValue(text[i + 1])) >= 0 &&
        (lo = hexValue(text[i + 2])) >= 0) {
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

namespace {

// Splits "a=1&b=2" into decoded pairs; `plusIsSpace` for HTML forms, where '+' encodes a space.
QueryParams splitPairs(std::string_view text, bool plusIsSpace) {
  auto decode = [plusIsSpace](std::string_view part) {
    if (!plusIsSpace || part.find('+') == std::string_view::npos) return percentDecode(part);
    std::string spaced(part);
    std::replace(spaced.begin(), spaced.end(), '+', ' ');
    return percentDecode(spaced);
  };
  QueryParams params;
  while (!text.empty()) {
    size_t amp = text.find('&');
    std::string_view part = text.substr(0, amp);
    if (!part.empty()) {
      size_t eq = part.find('=');
      params.emplace_back(decode(part.substr(0, eq)), eq == std::string_view::npos
                                                          ? std::string()
                                                          : decode(part.substr(eq + 1)));
    }
    if (amp == std::string_view::npos) break;
    text.remove_prefix(amp + 1);
  }
  return params;
}

}  // namespace

QueryParams parseQuery(std::string_view query) {
  return splitPairs(query, false);
}

QueryParams parseForm(std::string_view form) {
  return splitPairs(form, true);
}

}  // namespace stepsim::protocol
