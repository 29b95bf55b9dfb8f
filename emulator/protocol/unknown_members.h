#pragma once
// AWS ignores request members its model does not know; files that hold API-shaped requests (scenario
// resources) must not, or a misspelt member would silently do nothing.
#include <optional>
#include <string>

#include "emulator/core/json_fwd.h"
#include "emulator/protocol/service_model.h"

namespace stepsim::protocol {

struct UnknownMember {
  std::string pointer;  // RFC 6901 pointer below the value, e.g. "/containerProperties/imag"
  std::string shape;    // the structure that lacks it
};

// The first member (in document order) that `shape` and the shapes below it do not model.
std::optional<UnknownMember> findUnknownMember(const Shape& shape, const stepsim::Json& value);

}  // namespace stepsim::protocol
