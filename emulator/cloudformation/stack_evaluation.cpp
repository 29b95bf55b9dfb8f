#include "emulator/cloudformation/stack_evaluation.h"

namespace stepsim::cfn {

using json = stepsim::Json;

PseudoParameters pseudoParameters(const core::SimulationConfig& config,
                                  const std::string& stackName, const std::string& stackId) {
  PseudoParameters pseudo;
  pseudo.accountId = config.account;
  pseudo.region = config.region;
  pseudo.stackName = stackName;
  pseudo.stackId = stackId;
  return pseudo;
}

Evaluator stackEvaluator(const core::SimulationConfig& config, Stack& stack,
                         const StackDefinition& definition,
                         const std::map<std::string, Export>& exports) {
  StackContext context;
  context.stackTemplate = definition.stackTemplate.get();
  context.parameters = &definition.parameterValues;
  context.pseudo = pseudoParameters(config, stack.name, stack.id);
  context.resourceRef = [&stack](std::string_view logicalId) -> std::optional<json> {
    auto it = stack.resources.find(std::string(logicalId));
    if (it == stack.resources.end() || it->second.physicalId.empty()) return std::nullopt;
    return json(it->second.physicalId);
  };
  context.resourceAttribute = [&stack](std::string_view logicalId,
                                       std::string_view attribute) -> std::optional<json> {
    auto it = stack.resources.find(std::string(logicalId));
    if (it == stack.resources.end() || it->second.physicalId.empty()) return std::nullopt;
    auto value = it->second.attributes.find(std::string(attribute));
    if (value == it->second.attributes.end()) return std::nullopt;
    return *value;
  };
  context.importValue = [&exports, &stack](std::string_view name) -> std::optional<std::string> {
    auto it = exports.find(std::string(name));
    if (it == exports.end()) return std::nullopt;
    stack.imports.insert(it->first);
    return it->second.value;
  };
  return Evaluator(std::move(context));
}

}  // namespace stepsim::cfn
