#include "emulator/jsonata/lexer.h"

#include <cmath>
#include <cstdlib>

#include "emulator/jsonata/functions/utf8.h"
#include "emulator/jsonata/jsonata.h"

namespace stepsim::jsonata {

namespace {

constexpr std::string_view kSingleCharOperators = ".[]{}(),@#;:?+-*/%|=<>^&!~";
constexpr std::string_view kTwoCharOperators[] = {"..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??"};

bool isWhitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool isOperatorChar(char c) { return kSingleCharOperators.find(c) != std::string_view::npos; }

Token Lexer::make(TokenType type, std::string text) const {
  Token token;
  token.type = type;
  token.text = std::move(text);
  token.position = static_cast<int>(offset_);
  return token;
}

Token Lexer::next(bool infix) {
  for (;;) {
    while (offset_ < source_.size() && isWhitespace(source_[offset_])) ++offset_;
    if (source_.compare(offset_, 2, "/*") != 0) break;
    std::size_t end = source_.find("*/", offset_ + 2);
    if (end == std::string_view::npos) {
      int start = static_cast<int>(offset_);
      offset_ = source_.size();
      throw Error("S0106", start, "", "Comment has no closing tag");
    }
    offset_ = end + 2;
  }
  if (offset_ >= source_.size()) return make(TokenType::End, "(end)");
  char c = source_[offset_];
  if (!infix && c == '/') {
    ++offset_;
    return scanRegex();
  }
  for (std::string_view op : kTwoCharOperators) {
    if (source_.compare(offset_, 2, op) == 0) {
      offset_ += 2;
      return make(TokenType::Operator, std::string(op));
    }
  }
  if (isOperatorChar(c)) {
    ++offset_;
    return make(TokenType::Operator, std::string(1, c));
  }
  if (c == '"' || c == '\'') {
    ++offset_;
    return scanString(c);
  }
  if (isDigit(c)) return scanNumber();
  if (c == '`') {
    std::size_t end = source_.find('`', offset_ + 1);
    if (end == std::string_view::npos) {
      offset_ = source_.size();
      throw Error("S0105", static_cast<int>(offset_), "", "Quoted property name must be terminated with a backquote (`)");
    }
    std::string name(source_.substr(offset_ + 1, end - offset_ - 1));
    offset_ = end + 1;
    return make(TokenType::Name, std::move(name));
  }
  return scanName();
}

Token Lexer::scanString(char quote) {
  std::string text;
  while (offset_ < source_.size()) {
    char c = source_[offset_];
    if (c == quote) {
      ++offset_;
      return make(TokenType::String, std::move(text));
    }
    if (c != '\\') {
      text.push_back(c);
      ++offset_;
      continue;
    }
    ++offset_;
    char escape = offset_ < source_.size() ? source_[offset_] : '\0';
    switch (escape) {
      case '"': case '\\': case '/': text.push_back(escape); break;
      case 'b': text.push_back('\b'); break;
      case 'f': text.push_back('\f'); break;
      case 'n': text.push_back('\n'); break;
      case 'r': text.push_back('\r'); break;
      case 't': text.push_back('\t'); break;
      case 'u': {
        auto readHex = [&](std::size_t at) -> int {
          if (at + 4 > source_.size()) return -1;
          int value = 0;
          for (std::size_t i = at; i < at + 4; ++i) {
            int h = hexValue(source_[i]);
            if (h < 0) return -1;
            value = value * 16 + h;
          }
          return value;
        };
        int unit = readHex(offset_ + 1);
        if (unit < 0)
          throw Error("S0104", static_cast<int>(offset_), "", "The escape sequence \\u must be followed by 4 hex digits");
        offset_ += 4;
        unsigned codepoint = static_cast<unsigned>(unit);
        // A UTF-16 surrogate pair written as two escapes is one character.
        if (unit >= 0xD800 && unit <= 0xDBFF && source_.compare(offset_ + 1, 2, "\\u") == 0) {
          int low = readHex(offset_ + 3);
          if (low >= 0xDC00 && low <= 0xDFFF) {
            codepoint = 0x10000 + ((static_cast<unsigned>(unit) - 0xD800) << 10) + (static_cast<unsigned>(low) - 0xDC00);
            offset_ += 6;
          }
        }
        // A lone surrogate stays as jsonata-js keeps it (so $encodeUrl can refuse it, D3140); it
        // is not UTF-8, and stepsim's JSON writers replace it with U+FFFD.
        utf8::append(text, static_cast<char32_t>(codepoint));
        break;
      }
      default:
        throw Error("S0103", static_cast<int>(offset_), std::string(1, escape),
                    "Unsupported escape sequence: \\" + std::string(1, escape));
    }
    ++offset_;
  }
  throw Error("S0101", static_cast<int>(offset_), "", "String literal must be terminated by a matching quote");
}

Token Lexer::scanRegex() {
  std::size_t start = offset_;
  int depth = 0;  // inside a [...] class a '/' does not end the pattern
  while (offset_ < source_.size()) {
    char c = source_[offset_];
    if (c == '/' && depth == 0) {
      std::string pattern(source_.substr(start, offset_ - start));
      if (pattern.empty()) throw Error("S0301", static_cast<int>(offset_), "", "Empty regular expressions are not allowed");
      ++offset_;
      std::size_t flagsStart = offset_;
      while (offset_ < source_.size() && source_[offset_] >= 'a' && source_[offset_] <= 'z') ++offset_;
      Token token = make(TokenType::Regex, std::move(pattern));
      token.flags = std::string(source_.substr(flagsStart, offset_ - flagsStart));
      return token;
    }
    if (c == '\\') {
      offset_ += 2;
      continue;
    }
    if (c == '[') ++depth;
    if (c == ']' && depth > 0) --depth;
    ++offset_;
  }
  throw Error("S0302", static_cast<int>(offset_), "", "No terminating / in regular expression");
}

Token Lexer::scanNumber() {
  std::size_t start = offset_;
  auto digits = [&] {
    while (offset_ < source_.size() && isDigit(source_[offset_])) ++offset_;
  };
  if (source_[offset_] == '0') ++offset_;
  else digits();
  if (offset_ + 1 < source_.size() && source_[offset_] == '.' && isDigit(source_[offset_ + 1])) {
    ++offset_;
    digits();
  }
  if (offset_ < source_.size() && (source_[offset_] == 'e' || source_[offset_] == 'E')) {
    std::size_t mark = offset_;
    ++offset_;
    if (offset_ < source_.size() && (source_[offset_] == '+' || source_[offset_] == '-')) ++offset_;
    if (offset_ < source_.size() && isDigit(source_[offset_])) digits();
    else offset_ = mark;
  }
  std::string text(source_.substr(start, offset_ - start));
  double value = std::strtod(text.c_str(), nullptr);
  if (!std::isfinite(value))
    throw Error("S0102", static_cast<int>(start), text, "Number out of range: " + text);
  Token token = make(TokenType::Number, text);
  token.number = value;
  return token;
}

Token Lexer::scanName() {
  std::size_t start = offset_;
  while (offset_ < source_.size() && !isWhitespace(source_[offset_]) && !isOperatorChar(source_[offset_])) ++offset_;
  std::string_view word = source_.substr(start, offset_ - start);
  if (!word.empty() && word[0] == '$') return make(TokenType::Variable, std::string(word.substr(1)));
  if (word == "and" || word == "or" || word == "in") return make(TokenType::Operator, std::string(word));
  if (word == "true" || word == "false" || word == "null") return make(TokenType::Value, std::string(word));
  return make(TokenType::Name, std::string(word));
}

}  // namespace stepsim::jsonata
