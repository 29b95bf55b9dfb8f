#pragma once
// The one way the emulator writes JSON on the wire, so a body cached as text by a service and a
// body serialized by a protocol codec are byte-identical.
#include <string>

#include <nlohmann/json.hpp>

namespace stepsim::core {

// Compact; strings a client sent as arbitrary bytes are written with U+FFFD rather than throwing.
// The same bytes as nlohmann's dump, written without its per-character virtual output for the
// common case (ASCII strings, integers): bodies are serialized on every request.
std::string serializeJson(const nlohmann::json& value);

}  // namespace stepsim::core
