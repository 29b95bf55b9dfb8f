#pragma once
// How Python's repr() writes a string. Some AWS error messages quote values the way Python does
// ("Args=['Label cannot be empty']"), so stepsim writes them the same way to answer in AWS's words.
#include <string>
#include <string_view>

namespace stepsim::core {

// repr(s) for a UTF-8 string: single quotes unless the text holds a ' and no ", backslash and the
// chosen quote escaped, \t \n \r by name, other control characters as \xNN / \uNNNN.
std::string pythonRepr(std::string_view s);

}  // namespace stepsim::core
