// https://docs.jsonata.org/numeric-functions.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "emulator/jsonata/functions/builtin_support.h"
#include "emulator/jsonata/functions/function_library.h"
#include "emulator/jsonata/functions/integer_format.h"
#include "emulator/jsonata/functions/number_format.h"

namespace stepsim::jsonata {

namespace {

// A decimal number as jsonata-js 2.x accepts it: JSON's syntax, leading zeros allowed, no '+'
// or bare '.'.
bool isJsonNumber(std::string_view s) {
  std::size_t i = 0;
  auto digits = [&] {
    std::size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (!digits()) return false;
  if (i < s.size() && s[i] == '.' && (++i, !digits())) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

// $number of a string: a JSON number, or a 0x / 0o / 0b integer (jsonata 2.x).
std::optional<double> parseNumber(std::string_view s) {
  if (isJsonNumber(s)) {
    double value = std::strtod(std::string(s).c_str(), nullptr);
    if (std::isfinite(value)) return value;
    return std::nullopt;
  }
  if (s.size() > 2 && s[0] == '0') {
    int radix = (s[1] == 'x' || s[1] == 'X') ? 16 : (s[1] == 'o' || s[1] == 'O') ? 8 : (s[1] == 'b' || s[1] == 'B') ? 2 : 0;
    if (radix == 0) return std::nullopt;
    double value = 0;
    for (char c : s.substr(2)) {
      int digit = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                  : std::isxdigit(static_cast<unsigned char>(c)) ? std::tolower(c) - 'a' + 10
                                                                   : 99;
      if (digit >= radix) return std::nullopt;
      value = value * radix + digit;
    }
    if (!std::isfinite(value)) return std::nullopt;
    return value;
  }
  return std::nullopt;
}

Value toNumber(CallContext& context, const Value& arg) {
  if (arg.isUndefined()) return Value();
  if (arg.isNumber()) return arg;
  if (arg.isBoolean()) return Value::number(arg.boolean() ? 1 : 0);
  if (arg.isString()) {
    if (auto n = parseNumber(arg.string())) return Value::number(*n);
  }
  context.fail("D3030", "Unable to cast value to a number: " + stringify(arg));
}

// Registers a function of one number (undefined in, undefined out).
template <class F>
void addUnary(FunctionRegistry& registry, std::string_view name, F f) {
  registry.add(name, "<n-:n>", [f](CallContext& context, std::span<const Value> args) -> Value {
    if (args[0].isUndefined()) return Value();
    return f(context, args[0].number());
  });
}

numbers::DecimalFormat decimalFormat(const Value& options) {
  numbers::DecimalFormat format;
  if (!options.isObject()) return format;
  options.forEachMember([&](std::string_view key, const Value& value) {
    if (value.isString()) format.emplace(std::string(key), std::string(value.string()));
  });
  return format;
}

}  // namespace

void registerNumericFunctions(FunctionRegistry& registry) {
  registry.add("number", "<(nsb)-:n>",
               [](CallContext& context, std::span<const Value> args) { return toNumber(context, args[0]); });
  addUnary(registry, "abs", [](CallContext&, double n) { return Value::number(std::fabs(n)); });
  addUnary(registry, "floor", [](CallContext&, double n) { return Value::number(std::floor(n) + 0.0); });
  addUnary(registry, "ceil", [](CallContext&, double n) { return Value::number(std::ceil(n) + 0.0); });
  addUnary(registry, "sqrt", [](CallContext& context, double n) {
    if (n < 0) context.fail("D3060", "The sqrt function cannot be applied to a negative number: " + show(n));
    return Value::number(std::sqrt(n));
  });
  registry.add("round", "<n-n?:n>", [](CallContext&, std::span<const Value> args) -> Value {
    if (args[0].isUndefined()) return Value();
    double requested = isNumeric(args[1]) ? args[1].number() : 0;  // NaN is falsy to jsonata-js: none
    int precision = static_cast<int>(std::clamp(requested, -400.0, 400.0));
    return Value::number(numbers::roundHalfEven(args[0].number(), precision));
  });
  registry.add("power", "<n-n:n>", [](CallContext& context, std::span<const Value> args) -> Value {
    if (args[0].isUndefined()) return Value();
    double base = args[0].number(), exponent = args[1].number();
    double result = std::pow(base, exponent);
    if (!std::isfinite(result)) {
      context.fail("D3061", "The power function has resulted in a value that cannot be represented as a JSON "
                            "number: base=" + show(base) + ", exponent=" + show(exponent));
    }
    return Value::number(result);
  });
  registry.add("random", "<:n>", [](CallContext& context, std::span<const Value>) -> Value {
    return Value::number(context.environment().random ? context.environment().random() : 0.0);
  });
  registry.add("formatNumber", "<n-so?:s>", [](CallContext& context, std::span<const Value> args) -> Value {
    if (args[0].isUndefined()) return Value();
    numbers::FormatError error;
    auto text = numbers::formatNumber(args[0].number(), args[1].string(), decimalFormat(args[2]), error);
    if (!text) context.fail(error.code, error.message);
    return Value::string(std::move(*text));
  });
  registry.add("formatBase", "<n-n?:s>", [](CallContext& context, std::span<const Value> args) -> Value {
    if (args[0].isUndefined()) return Value();
    double radix = args[1].isNumber() ? numbers::roundHalfEven(args[1].number()) : 10;
    if (radix < 2 || radix > 36) {
      context.fail("D3100", "The radix of the formatBase function must be between 2 and 36.  It was given " +
                                show(radix));
    }
    return Value::string(numbers::toRadix(numbers::roundHalfEven(args[0].number()), static_cast<int>(radix)));
  });
  registry.add("formatInteger", "<n-s:s>", [](CallContext& context, std::span<const Value> args) -> Value {
    if (args[0].isUndefined()) return Value();
    numbers::FormatError error;
    auto picture = integers::analyseWithModifiers(args[1].string(), error);
    if (!picture) context.fail(error.code, error.message);
    return Value::string(integers::format(std::floor(args[0].number()), *picture));
  });
  registry.add("parseInteger", "<s-s:n>", [](CallContext& context, std::span<const Value> args) -> Value {
    if (args[0].isUndefined()) return Value();
    numbers::FormatError error;
    auto picture = integers::analyseWithModifiers(args[1].string(), error);
    if (!picture) context.fail(error.code, error.message);
    auto value = integers::parse(args[0].string(), *picture);
    return value ? Value::number(*value) : Value();
  });
}

}  // namespace stepsim::jsonata
