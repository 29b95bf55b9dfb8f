#pragma once
// The object and array nodes shared by the two template kinds (JSONPath payload templates and
// JSONata field values): rebuilt member by member, each leaf evaluated by the caller's `eval`.
#include <string>
#include <utility>
#include <vector>

#include "emulator/core/json.h"

namespace stepsim::sfn {

template <class Node, class Eval>
stepsim::Json evalObjectNode(const std::vector<std::pair<std::string, Node>>& fields, Eval&& eval) {
  stepsim::Json out = stepsim::Json::object();
  auto& obj = out.get_ref<stepsim::Json::object_t&>();
  // In the template's order. Its keys are unique (a definition giving both "a" and "a.$" is
  // refused), so none is searched for.
  obj.reserve(fields.size());
  for (const auto& [key, child] : fields) obj.emplace_back(key, eval(child));
  return out;
}

template <class Node, class Eval>
stepsim::Json evalArrayNode(const std::vector<Node>& items, Eval&& eval) {
  stepsim::Json out = stepsim::Json::array();
  auto& arr = out.get_ref<stepsim::Json::array_t&>();
  arr.reserve(items.size());
  for (const Node& child : items) arr.push_back(eval(child));
  return out;
}

}  // namespace stepsim::sfn
