#include "emulator/logs/filter_pattern.h"

#include <algorithm>

#include "emulator/core/aws_error.h"

namespace stepsim::logs {
namespace {

[[noreturn]] void invalid(std::string message) {
  throw core::AwsError("InvalidParameterException", std::move(message), 400);
}

// The next term of `pattern` from `at`: a quoted phrase or a run of non-blank characters.
std::string nextTerm(std::string_view pattern, std::size_t& at) {
  if (pattern[at] != '"') {
    std::size_t end = pattern.find_first_of(" \t", at);
    if (end == std::string_view::npos) end = pattern.size();
    std::string term(pattern.substr(at, end - at));
    at = end;
    return term;
  }
  std::size_t close = pattern.find('"', at + 1);
  if (close == std::string_view::npos) invalid("Invalid filter pattern: unterminated quote");
  std::string phrase(pattern.substr(at + 1, close - at - 1));
  at = close + 1;
  return phrase;
}

bool contains(std::string_view message, const std::string& term) {
  return message.find(term) != std::string_view::npos;
}

}  // namespace

FilterPattern::FilterPattern(std::string_view pattern) {
  std::size_t at = 0;
  while (true) {
    at = pattern.find_first_not_of(" \t", at);
    if (at == std::string_view::npos) break;
    char first = pattern[at];
    if (required_.empty() && anyOf_.empty() && excluded_.empty() && (first == '{' || first == '['))
      invalid(
          "stepsim matches terms and quoted phrases in filter patterns; JSON and "
          "space-delimited patterns are not supported");
    std::vector<std::string>* into = &required_;
    if ((first == '?' || first == '-') && at + 1 < pattern.size()) {
      into = first == '?' ? &anyOf_ : &excluded_;
      ++at;
    }
    into->push_back(nextTerm(pattern, at));
  }
}

bool FilterPattern::matches(std::string_view message) const {
  auto in = [message](const std::string& term) { return contains(message, term); };
  return std::all_of(required_.begin(), required_.end(), in) &&
         (anyOf_.empty() || std::any_of(anyOf_.begin(), anyOf_.end(), in)) &&
         std::none_of(excluded_.begin(), excluded_.end(), in);
}

}  // namespace stepsim::logs
