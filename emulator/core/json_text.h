#pragma once
// The one way the emulator writes JSON on the wire, so a body cached as text by a service and a
// body serialized by a protocol codec are byte-identical.
#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/json.h"

namespace stepsim::core {

// Compact; strings a client sent as arbitrary bytes are written with U+FFFD rather than throwing.
// The same bytes as nlohmann's dump, written without its per-character virtual output for the
// common case (ASCII strings, integers): bodies are serialized on every request.
std::string serializeJson(const stepsim::Json& value);

// JSON text a client sends inside a request (an execution input, a task output, a definition)
// nests at most this deep; AWS's parser refuses deeper documents too.
inline constexpr std::size_t kMaxClientJsonDepth = 1000;

// Parses client JSON text: a discarded value when it is not JSON or nests deeper than
// kMaxClientJsonDepth, checked before parsing, since dumping, copying and comparing a value
// recurse once per level and a 100k-deep one would overflow the stack later.
stepsim::Json parseClientJson(std::string_view text);

// Whether `value` nests objects and arrays more than `limit` levels deep; stops descending there,
// so a value of any depth is checked without deep recursion.
bool nestsDeeperThan(const stepsim::Json& value, std::size_t limit);

// The offset of the bracket that takes `text` deeper than `limit`, if one does: files and policy
// documents are checked with this before nlohmann parses them (it recurses per level).
std::optional<std::size_t> tooDeepAt(std::string_view text,
                                     std::size_t limit = kMaxClientJsonDepth);

}  // namespace stepsim::core
