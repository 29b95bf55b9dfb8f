#include "emulator/core/wildcard.h"

namespace stepsim::core {
namespace {

char lowerAscii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

// Linear backtracking over the last `*`: no recursion, so long inputs cannot blow the stack. A `*`
// in the pattern is always a wildcard, even facing a `*` in the text.
bool wildcardMatch(std::string_view pattern, std::string_view text, Case letterCase) {
  const auto same = [letterCase](char a, char b) {
    return letterCase == Case::Sensitive ? a == b : lowerAscii(a) == lowerAscii(b);
  };
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() &&
        (pattern[p] == '?' || (pattern[p] != '*' && same(pattern[p], text[t])))) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace stepsim::core
