#pragma once
// Where a JSON value sits in its source text, for error messages that point at a line: nlohmann
// keeps no positions, so the text is scanned again along the pointer's path.
#include <cstddef>
#include <string>
#include <string_view>

namespace stepsim::core {

// The 1-based line of the value (or, for a member, its key) that `pointer` (RFC 6901) names in
// `text`; 0 when the text is not JSON enough to follow the path or the pointer names nothing. For a
// pointer whose last step is missing, the line of the deepest value found.
int lineOfPointer(std::string_view text, std::string_view pointer);

// The 1-based line of byte `offset` in `text`.
int lineOfOffset(std::string_view text, std::size_t offset);

// "/a/b~1c" from path steps, escaping '~' and '/'.
std::string appendPointer(std::string_view pointer, std::string_view step);

}  // namespace stepsim::core
