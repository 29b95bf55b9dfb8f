#pragma once
// stepsim's JSON type, declared without the whole of nlohmann/json.hpp. Objects keep their members
// in document order, as AWS does: Step Functions hands state data, Parameters templates and
// JSONata objects on with the keys in the order they were written, and clients compare text.
// (nlohmann::json would sort them.) The object type is defined in emulator/core/json.h.
#include <nlohmann/json_fwd.hpp>

namespace stepsim::core {
template <class Key, class T, class IgnoredLess, class Allocator>
struct InsertionOrderedMap;
}  // namespace stepsim::core

namespace stepsim {
using Json = nlohmann::basic_json<core::InsertionOrderedMap>;
}  // namespace stepsim
