#pragma once
// Number formatting as XPath/XQuery 3.1 fn:format-number (jsonata-js $formatNumber), JavaScript-
// style rounding helpers, and radix output ($formatBase).
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace stepsim::jsonata::numbers {

// A formatting failure: jsonata-js's code (D3080-D3093) and message.
struct FormatError {
  std::string code, message;
};

// The decimal-format properties ("decimal-separator", "grouping-separator", "percent", ...) that
// differ from the defaults; unknown keys are ignored.
using DecimalFormat = std::map<std::string, std::string, std::less<>>;

// Formats `value` with `picture`; on a bad picture returns nullopt and sets `error`.
std::optional<std::string> formatNumber(double value, std::string_view picture, const DecimalFormat& format,
                                        FormatError& error);

// jsonata-js $round: half to even at `precision` decimal places (negative: tens, hundreds...),
// shifting the decimal exponent in text so 2.675 rounds as written, not as stored.
double roundHalfEven(double value, int precision = 0);

// Integer part of `value` in `radix` (2-36), lowercase digits, '-' for negatives.
std::string toRadix(double value, int radix);

}  // namespace stepsim::jsonata::numbers
