#pragma once
// Finds the rest-json operation for a method and request target using the model's pre-split
// routes. Literal segments beat labels, labels beat greedy labels, so /functions/{F}/versions wins
// over /functions/{F+} for the same request.
#include <string_view>
#include <vector>

#include "emulator/protocol/service_model.h"
#include "emulator/protocol/uri.h"

namespace stepsim::protocol {

// Null when nothing matches. `segments` are the raw path segments (splitPath), `query` the decoded
// query parameters (consulted only for routes with a literal query part).
const Operation* matchRoute(const ServiceModel& model, std::string_view method,
                            const std::vector<std::string_view>& segments,
                            const QueryParams& query);

}  // namespace stepsim::protocol
