#pragma once
// Where a JSON value sits in its source text, for error messages that point at a line: nlohmann
// keeps no positions, so the text is scanned again along the pointer's path.
#include <cstddef>
#include <string>
#include <string_view>

namespace stepsim::core {

// The 1-based line of the value (or, for a member, its key) that `pointer` (RFC 6901) names in
// `text`. When a step names nothing, the line of the deepest value reached (the root's, when the
// first step already fails or the text is not JSON at all); 0 when malformed text inside a
// container stops the scan. Escapes in keys other than \" \\ \/ are compared as written.
int lineOfPointer(std::string_view text, std::string_view pointer);

// The 1-based line of byte `offset` in `text`.
int lineOfOffset(std::string_view text, std::size_t offset);

// "/a/b~1c" from path steps, escaping '~' and '/'.
std::string appendPointer(std::string_view pointer, std::string_view step);

}  // namespace stepsim::core
