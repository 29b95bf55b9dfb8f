#pragma once
// JSONata regular expressions (`/pattern/flags`, JavaScript syntax, flags i and m) on PCRE2, whose
// match and depth limits turn catastrophic backtracking into an error instead of a hung server.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/jsonata/jsonata.h"

namespace stepsim::jsonata {

class Regex {
 public:
  // Throws Error: S0301 for an empty pattern, S0302-style for a pattern PCRE2 rejects (the
  // message says why), with `position` as given (the literal's position in the expression).
  static std::shared_ptr<const Regex> compile(std::string_view pattern, std::string_view flags, int position);

  struct Group {
    std::size_t start = 0, end = 0;  // byte offsets into the subject (UTF-8)
  };
  struct Match {
    std::size_t start = 0, end = 0;           // byte offsets of the whole match
    std::vector<std::optional<Group>> groups;  // capture groups 1..n; nullopt when unmatched
  };
  // The first match at or after byte offset `from`, or nullopt. Throws Error U1004 when the
  // limits stop the search, with `position` in the message.
  std::optional<Match> search(std::string_view subject, std::size_t from, const Limits& limits, int position) const;

  const std::string& pattern() const { return pattern_; }
  const std::string& flags() const { return flags_; }
  ~Regex();

  struct Code;  // the compiled PCRE2 pattern

 private:
  Regex() = default;
  std::string pattern_, flags_;
  std::unique_ptr<Code> code_;
};

}  // namespace stepsim::jsonata
