#pragma once
// Comparing an actual JSON value with an expected one, for output expectations: exact, or as a
// subset (objects may have more members; arrays must match element by element).
#include <string>
#include <vector>

#include "emulator/core/json.h"

namespace stepsim::scenario {

// One line per difference: "/status: expected \"SUCCEEDED\", got \"FAILED\"", "/extra: unexpected
// member", "/a/2: missing". Empty when they match. At most `limit` lines.
std::vector<std::string> jsonDiff(const stepsim::Json& expected, const stepsim::Json& actual,
                                  bool subset, std::size_t limit = 20);

}  // namespace stepsim::scenario
