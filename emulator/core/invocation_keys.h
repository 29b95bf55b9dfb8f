#pragma once
// Invocation keys, as Lambda scripted responses and Step Functions Local mock configs write them:
// "0" is the first invocation, "1-2" an inclusive range. One reading for both formats.
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace stepsim::core {

struct InvocationRange {
  std::int64_t first = 0, last = 0;
};

// The range `key` names, or why it names none ("must be an invocation number ... " / "a range must
// not run backwards: ..."): digits only, no sign, space or leading zero, each at most `max`.
std::variant<InvocationRange, std::string> parseInvocationKey(std::string_view key, std::int64_t max);

}  // namespace stepsim::core
