#pragma once
// Small helpers shared by the builtin implementations of this folder.
#include <cstddef>
#include <optional>
#include <span>
#include <string>

#include "emulator/jsonata/function_registry.h"

namespace stepsim::jsonata {

// Argument `i`, or undefined when the call did not give it (validated arguments are padded, but a
// variadic signature may leave fewer).
inline const Value& argument(std::span<const Value> args, std::size_t i) {
  static const Value undefinedValue{};  // {}: clang wants a const object initialised
  return i < args.size() ? args[i] : undefinedValue;
}

inline std::optional<double> optionalNumber(std::span<const Value> args, std::size_t i) {
  const Value& value = argument(args, i);
  if (value.isNumber()) return value.number();
  return std::nullopt;
}

// A number value as jsonata-js prints it inside error messages.
inline std::string show(double n) { return formatNumber(n); }

}  // namespace stepsim::jsonata
