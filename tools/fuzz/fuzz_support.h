#pragma once
// What every fuzz target shares: the input as text, and the rule that an exception a component
// documents is an answer while anything else escaping it is a finding (libFuzzer reports the
// std::terminate as a crash, with the input that caused it).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

namespace stepsim::fuzz {

inline std::string_view asText(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Splits "head<separator>rest" at the first separator; without one, all of it is the head.
inline std::pair<std::string_view, std::string_view> splitAt(std::string_view text, char separator) {
  std::size_t at = text.find(separator);
  if (at == std::string_view::npos) return {text, {}};
  return {text.substr(0, at), text.substr(at + 1)};
}

}  // namespace stepsim::fuzz
