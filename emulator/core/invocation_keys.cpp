#include "emulator/core/invocation_keys.h"

#include <optional>

namespace stepsim::core {

namespace {

std::optional<std::int64_t> parseNumber(std::string_view text, std::int64_t max) {
  if (text.empty() || text.size() > 18 || (text.size() > 1 && text[0] == '0')) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > max) return std::nullopt;
  return value;
}

}  // namespace

std::variant<InvocationRange, std::string> parseInvocationKey(std::string_view key, std::int64_t max) {
  std::size_t dash = key.find('-');
  std::optional<std::int64_t> first = parseNumber(key.substr(0, dash), max);
  std::optional<std::int64_t> last = dash == std::string_view::npos ? first : parseNumber(key.substr(dash + 1), max);
  if (!first || !last)
    return "must be an invocation number (\"0\") or an inclusive range (\"1-2\") of numbers from 0 to " +
           std::to_string(max) + ", written without signs, spaces or leading zeros";
  if (*first > *last)
    return "a range must not run backwards: " + std::to_string(*first) + " is after " + std::to_string(*last);
  return InvocationRange{*first, *last};
}

}  // namespace stepsim::core
