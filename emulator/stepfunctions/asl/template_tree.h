#pragma once
// The object and array nodes shared by the two template kinds (JSONPath payload templates and
// JSONata field values): rebuilt member by member, each leaf evaluated by the caller's `eval`.
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace stepsim::sfn {

template <class Node, class Eval>
nlohmann::json evalObjectNode(const std::vector<std::pair<std::string, Node>>& fields, Eval&& eval) {
  nlohmann::json out = nlohmann::json::object();
  auto& obj = out.get_ref<nlohmann::json::object_t&>();
  for (const auto& [key, child] : fields) obj.emplace_hint(obj.end(), key, eval(child));  // keys come sorted
  return out;
}

template <class Node, class Eval>
nlohmann::json evalArrayNode(const std::vector<Node>& items, Eval&& eval) {
  nlohmann::json out = nlohmann::json::array();
  auto& arr = out.get_ref<nlohmann::json::array_t&>();
  arr.reserve(items.size());
  for (const Node& child : items) arr.push_back(eval(child));
  return out;
}

}  // namespace stepsim::sfn
