#pragma once
// Small text helpers shared by the template library (internal).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/json.h"

namespace stepsim::cfn {

// The deepest a template may nest: bodies deeper than this are refused when parsed, and the
// recursive walks over a template rely on it.
inline constexpr std::size_t kMaxTemplateDepth = 256;

// "A, B, C": how CloudFormation lists names inside [brackets] in its messages.
std::string joinNames(const std::vector<std::string>& names);

// A logical id, parameter, output or condition name: letters and digits only.
bool isAlphanumeric(std::string_view name);

// Decimal numbers as CloudFormation accepts them for Number parameters: an optional sign,
// digits with an optional fraction, an optional exponent (no hex, no inf/nan, no blanks).
bool isDecimalNumber(std::string_view text);

// The value of a number isDecimalNumber accepts, as Java's Double.parseDouble reads it: past a
// double's range it is an infinity, below it zero (std::stod would throw out_of_range).
double decimalValue(std::string_view text);

// The text of a scalar as CloudFormation turns values into strings: strings as they are,
// numbers in their JSON form, booleans as "true"/"false"; nullopt for null, arrays and objects.
std::optional<std::string> scalarText(const stepsim::Json& value);

// `text` split at every occurrence of the non-empty `delimiter` (empty pieces kept).
std::vector<std::string> splitText(std::string_view text, std::string_view delimiter);

// The number of characters (UTF-8 code points) in `text`.
std::size_t characterCount(std::string_view text);

}  // namespace stepsim::cfn
