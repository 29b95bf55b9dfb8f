#pragma once
// The one way the emulator writes JSON on the wire, so a body cached as text by a service and a
// body serialized by a protocol codec are byte-identical.
#include <string>

#include <nlohmann/json.hpp>

namespace stepsim::core {

// Compact; strings a client sent as arbitrary bytes are written with U+FFFD rather than throwing.
inline std::string serializeJson(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace stepsim::core
