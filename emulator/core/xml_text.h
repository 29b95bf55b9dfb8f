#pragma once
// Text for XML documents stepsim writes (JUnit reports, XML error answers).
#include <string>
#include <string_view>

namespace stepsim::core {

// `text` as XML character data or an attribute value: markup characters escaped, control
// characters XML 1.0 forbids and the bytes of text that is not valid UTF-8 written as '?'.
std::string xmlEscape(std::string_view text);

}  // namespace stepsim::core
