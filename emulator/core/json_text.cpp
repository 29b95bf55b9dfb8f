#include "emulator/core/json_text.h"

#include <array>
#include <charconv>
#include <cmath>
#include <vector>

namespace stepsim::core {

namespace {

using json = stepsim::Json;

// nlohmann's compact dump with invalid UTF-8 replaced: the reference the fast path matches, and
// what it hands the rare cases to (non-ASCII strings, binary values).
std::string nlohmannDump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

void writeString(const std::string& text, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned char c : text)
    if (c >= 0x80) {  // UTF-8, possibly invalid: nlohmann validates and replaces
      out += nlohmannDump(json(text));
      return;
    }
  out += '"';
  std::size_t plain = 0;  // start of the run of characters copied as they are
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text, plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xf];
    }
  }
  out.append(text, plain, text.size() - plain);
  out += '"';
}

template <typename Int>
void writeInteger(Int value, std::string& out) {
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, end);
}

// Everything but objects and arrays.
void writeScalar(const json& value, std::string& out) {
  switch (value.type()) {
    case json::value_t::string:
      writeString(value.get_ref<const std::string&>(), out);
      return;
    case json::value_t::boolean:
      out += value.get<bool>() ? "true" : "false";
      return;
    case json::value_t::null:
      out += "null";
      return;
    case json::value_t::number_integer:
      writeInteger(value.get<json::number_integer_t>(), out);
      return;
    case json::value_t::number_unsigned:
      writeInteger(value.get<json::number_unsigned_t>(), out);
      return;
    case json::value_t::number_float: {
      // What nlohmann's serializer::dump_float does (Grisu2, shortest round trip), without
      // constructing a serializer per number.
      double number = value.get<double>();
      if (!std::isfinite(number)) {
        out += "null";
        return;
      }
      std::array<char, 64> buffer;
      char* end = nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(), number);
      out.append(buffer.data(), end);
      return;
    }
    default:  // binary, discarded
      out += nlohmannDump(value);
  }
}

// Depth-first with a stack of its own rather than recursion: a value built deep (a loop nesting a
// variable in itself) must not overflow the thread's stack when it is written.
void write(const json& root, std::string& out) {
  struct Open {
    const json* container;
    json::const_iterator next;
  };
  std::vector<Open> open;
  const json* value = &root;
  while (value) {
    if (value->is_object() || value->is_array()) {
      out += value->is_object() ? '{' : '[';
      open.push_back({value, value->cbegin()});
    } else {
      writeScalar(*value, out);
    }
    value = nullptr;
    while (!open.empty() && !value) {
      Open& top = open.back();
      bool object = top.container->is_object();
      if (top.next == top.container->cend()) {
        out += object ? '}' : ']';
        open.pop_back();
        continue;
      }
      if (top.next != top.container->cbegin()) out += ',';
      if (object) {
        writeString(top.next.key(), out);
        out += ':';
      }
      value = &*top.next;
      ++top.next;
    }
  }
}

}  // namespace

std::optional<std::size_t> tooDeepAt(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  bool inString = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (inString) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

bool nestsDeeperThan(const stepsim::Json& value, std::size_t limit) {
  if (!value.is_structured()) return false;
  if (limit == 0) return true;
  for (const json& member : value)
    if (nestsDeeperThan(member, limit - 1)) return true;
  return false;
}

stepsim::Json parseClientJson(std::string_view text) {
  if (tooDeepAt(text)) return json(json::value_t::discarded);
  return json::parse(text, nullptr, false);
}

std::string serializeJson(const stepsim::Json& value) {
  std::string out;
  out.reserve(256);
  write(value, out);
  return out;
}

}  // namespace stepsim::core
