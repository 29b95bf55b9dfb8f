#include "emulator/cloudformation/template/intrinsics.h"

#include "emulator/cloudformation/template/resolver.h"

namespace stepsim::cfn {
namespace {

// Conditions as an Evaluator knows them: all evaluated up front, looked up by name.
Resolver::ConditionLookup lookupIn(Evaluator& evaluator) {
  return [&evaluator](const std::string& name, std::size_t) -> std::optional<bool> {
    const auto& values = evaluator.conditionValues();
    const auto found = values.find(name);
    return found == values.end() ? std::nullopt : std::optional<bool>(found->second);
  };
}

}  // namespace

Evaluator::Evaluator(StackContext context) : context_(std::move(context)) {}

const std::map<std::string, bool>& Evaluator::conditionValues() {
  if (!conditions_) conditions_ = evaluateConditions(context_);
  return *conditions_;
}

stepsim::Json Evaluator::evaluate(const stepsim::Json& value) {
  return Resolver(context_, lookupIn(*this)).resolve(value, 0).value_or(stepsim::Json());
}

stepsim::Json Evaluator::properties(const ResourceDeclaration& resource) {
  stepsim::Json evaluated = evaluate(resource.properties);
  return evaluated.is_object() ? evaluated : stepsim::Json::object();
}

}  // namespace stepsim::cfn
