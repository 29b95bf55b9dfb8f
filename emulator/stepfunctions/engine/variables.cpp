#include "emulator/stepfunctions/engine/variables.h"

#include "emulator/core/json_text.h"
#include "emulator/stepfunctions/asl/errors.h"

namespace stepsim::sfn {

using json = stepsim::Json;

namespace {

StatesError limitExceeded(const std::string& what) {
  return StatesError("States.DataLimitExceeded", what);
}

}  // namespace

const json* VariableScope::find(std::string_view name) const {
  for (const VariableScope* scope = this; scope; scope = scope->parent_) {
    auto it = scope->values_.find(name);
    if (it != scope->values_.end()) return &it->second;
  }
  return nullptr;
}

std::size_t VariableScope::totalBytes() const {
  std::size_t total = 0;
  for (const VariableScope* scope = this; scope; scope = scope->parent_)
    for (const auto& [name, size] : scope->sizes_) total += size;
  return total;
}

Assignments VariableScope::prepare(json assigned) const {
  Assignments out;
  if (!assigned.is_object()) return out;
  std::size_t assignBytes = 0;
  std::size_t total = totalBytes();
  auto& object = assigned.get_ref<json::object_t&>();
  out.reserve(object.size());
  for (auto& [name, value] : object) {
    if (std::string why = variableNameProblem(name); !why.empty())
      throw StatesError(std::string(kStatesRuntime),
                        "The variable name '" + name + "' is invalid: " + why);
    if (parent_ && parent_->find(name))
      throw StatesError(std::string(kStatesRuntime),
                        "Cannot assign the variable '" + name +
                            "': it belongs to an outer scope (a Parallel branch or Map iteration "
                            "can read the variables around it but not assign them)");
    if (core::nestsDeeperThan(value, core::kMaxClientJsonDepth))
      throw limitExceeded("The value assigned to the variable '" + name + "' nests deeper than " +
                          std::to_string(core::kMaxClientJsonDepth) + " levels.");
    std::size_t bytes = core::serializeJson(value).size();
    if (bytes > kMaxVariableBytes)
      throw limitExceeded("The value assigned to the variable '" + name + "' is " +
                          std::to_string(bytes) + " bytes, more than the " +
                          std::to_string(kMaxVariableBytes) + " bytes one variable may hold.");
    assignBytes += bytes;
    auto old = sizes_.find(name);
    total += bytes - (old == sizes_.end() ? 0 : old->second);
    out.emplace_back(name, std::move(value));
  }
  if (assignBytes > kMaxAssignBytes)
    throw limitExceeded("The values of the Assign field are " + std::to_string(assignBytes) +
                        " bytes together, more than the " + std::to_string(kMaxAssignBytes) +
                        " bytes allowed.");
  if (total > kMaxExecutionVariableBytes)
    throw limitExceeded("The variables would take " + std::to_string(total) +
                        " bytes, more than the " + std::to_string(kMaxExecutionVariableBytes) +
                        " bytes an execution may hold.");
  return out;
}

void VariableScope::commit(Assignments assignments) {
  for (auto& [name, value] : assignments) {
    sizes_[name] = core::serializeJson(value).size();
    values_.insert_or_assign(name, std::move(value));
  }
}

json VariableScope::visible() const {
  json out = parent_ ? parent_->visible() : json::object();
  for (const auto& [name, value] : values_) out[name] = value;
  return out;
}

json assignedVariablesJson(const Assignments& assignments) {
  json out = json::object();
  for (const auto& [name, value] : assignments) out[name] = core::serializeJson(value);
  return out;
}

}  // namespace stepsim::sfn
