#pragma once
// Invocation keys, as Lambda scripted responses and Step Functions Local mock configs write them:
// "0" is the first invocation, "1-2" an inclusive range. One reading for both formats.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace stepsim::core {

struct InvocationRange {
  std::int64_t first = 0, last = 0;
};

// The range `key` names, or why it names none ("must be an invocation number ... " / "a range must
// not run backwards: ..."): digits only, no sign, space or leading zero, each at most `max`.
std::variant<InvocationRange, std::string> parseInvocationKey(std::string_view key, std::int64_t max);

// The entry whose [first, last] holds invocation `n` in `entries` (sorted by `first`, never
// overlapping), or nullptr.
template <typename Entry>
const Entry* findInvocation(const std::vector<Entry>& entries, std::int64_t n) {
  auto it = std::upper_bound(entries.begin(), entries.end(), n,
                             [](std::int64_t value, const Entry& e) { return value < e.first; });
  if (it == entries.begin()) return nullptr;
  --it;
  return n <= it->last ? &*it : nullptr;
}

}  // namespace stepsim::core
