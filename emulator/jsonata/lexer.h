#pragma once
// The JSONata tokenizer. Positions are jsonata-js's: the offset just past the token.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace stepsim::jsonata {

enum class TokenType { End, Name, Variable, Operator, String, Number, Value, Regex };

struct Token {
  TokenType type = TokenType::End;
  std::string text;    // operator, name, variable (without `$`), string contents, value word, regex pattern
  std::string flags;   // regex flags
  double number = 0;
  int position = 0;
};

class Lexer {
 public:
  explicit Lexer(std::string_view source) : source_(source) {}
  // The next token. `infix` says an operator is expected, so `/` divides instead of opening a regex.
  Token next(bool infix);
  std::size_t offset() const { return offset_; }
  void seek(std::size_t offset) { offset_ = offset; }

 private:
  Token make(TokenType type, std::string text) const;
  Token scanString(char quote);
  Token scanRegex();
  Token scanNumber();
  Token scanName();
  std::string_view source_;
  std::size_t offset_ = 0;
};

bool isOperatorChar(char c);

}  // namespace stepsim::jsonata
