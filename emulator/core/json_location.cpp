#include "emulator/core/json_location.h"

#include <algorithm>
#include <optional>
#include <vector>

namespace stepsim::core {
namespace {

// Pointer steps with "~1" → "/" and "~0" → "~" undone.
std::vector<std::string> pointerSteps(std::string_view pointer) {
  std::vector<std::string> steps;
  if (pointer.empty()) return steps;
  std::size_t at = 1;
  while (true) {
    std::size_t slash = pointer.find('/', at);
    std::string_view raw = pointer.substr(at, slash == std::string_view::npos ? std::string_view::npos : slash - at);
    std::string step;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
        step += raw[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        step += raw[i];
      }
    }
    steps.push_back(std::move(step));
    if (slash == std::string_view::npos) break;
    at = slash + 1;
  }
  return steps;
}

// A forward-only reader over JSON text that can skip values and read keys: enough to walk a path.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  std::size_t pos = 0;

  void skipSpace() {
    while (pos < text_.size() && (text_[pos] == ' ' || text_[pos] == '\n' || text_[pos] == '\r' ||
                                  text_[pos] == '\t'))
      ++pos;
  }
  char peek() {
    skipSpace();
    return pos < text_.size() ? text_[pos] : '\0';
  }
  bool eat(char c) {
    if (peek() != c) return false;
    ++pos;
    return true;
  }
  // A string's raw contents (escapes kept as written, except \" and \\ which keys rarely need).
  std::optional<std::string> readString() {
    if (!eat('"')) return std::nullopt;
    std::string out;
    while (pos < text_.size() && text_[pos] != '"') {
      if (text_[pos] == '\\' && pos + 1 < text_.size()) {
        char next = text_[pos + 1];
        out += (next == '"' || next == '\\' || next == '/') ? next : '\\';
        if (next != '"' && next != '\\' && next != '/') out += next;
        pos += 2;
        continue;
      }
      out += text_[pos++];
    }
    if (pos >= text_.size()) return std::nullopt;
    ++pos;
    return out;
  }
  bool skipValue() {
    char c = peek();
    if (c == '"') return readString().has_value();
    if (c == '{' || c == '[') {
      char close = c == '{' ? '}' : ']';
      ++pos;
      if (eat(close)) return true;
      do {
        if (c == '{' && (!readString() || !eat(':'))) return false;
        if (!skipValue()) return false;
      } while (eat(','));
      return eat(close);
    }
    std::size_t start = pos;
    while (pos < text_.size() && std::string_view(",}] \n\r\t").find(text_[pos]) == std::string_view::npos)
      ++pos;
    return pos > start;
  }

 private:
  std::string_view text_;
};

}  // namespace

int lineOfOffset(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

int lineOfPointer(std::string_view text, std::string_view pointer) {
  Scanner scan(text);
  scan.skipSpace();
  std::size_t found = scan.pos;  // where the deepest value found so far starts
  for (const std::string& step : pointerSteps(pointer)) {
    char open = scan.peek();
    if (open == '{') {
      ++scan.pos;
      bool hit = false;
      if (scan.peek() != '}') {
        do {
          std::size_t keyAt = (scan.skipSpace(), scan.pos);
          std::optional<std::string> key = scan.readString();
          if (!key || !scan.eat(':')) return 0;
          if (*key == step) {
            scan.skipSpace();
            found = keyAt;
            hit = true;
            break;
          }
          if (!scan.skipValue()) return 0;
        } while (scan.eat(','));
      }
      if (!hit) return lineOfOffset(text, found);
    } else if (open == '[') {
      ++scan.pos;
      std::size_t index = 0;
      if (step.empty() || step.find_first_not_of("0123456789") != std::string::npos)
        return lineOfOffset(text, found);
      std::size_t wanted = std::stoul(step);
      bool hit = false;
      if (scan.peek() != ']') {
        do {
          scan.skipSpace();
          if (index == wanted) {
            found = scan.pos;
            hit = true;
            break;
          }
          if (!scan.skipValue()) return 0;
          ++index;
        } while (scan.eat(','));
      }
      if (!hit) return lineOfOffset(text, found);
    } else {
      return lineOfOffset(text, found);
    }
  }
  return lineOfOffset(text, found);
}

std::string appendPointer(std::string_view pointer, std::string_view step) {
  std::string out(pointer);
  out += '/';
  for (char c : step) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

}  // namespace stepsim::core
