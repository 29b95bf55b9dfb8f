// Condition functions, the Conditions section, and the Evaluator that exposes them.
#include <algorithm>
#include <vector>

#include "emulator/cloudformation/template/intrinsic_syntax.h"
#include "emulator/cloudformation/template/resolver.h"
#include "emulator/cloudformation/template/template_error.h"
#include "emulator/cloudformation/template/template_text.h"

namespace stepsim::cfn {
namespace {

constexpr std::size_t kMinConditionOperands = 2;
constexpr std::size_t kMaxConditionOperands = 10;

[[noreturn]] void throwNotBoolean() {
  throw TemplateError(
      "Template format error: Conditions can only be boolean operations on parameters and other "
      "conditions");
}

// CloudFormation compares values as text: the number 1 equals the string "1".
stepsim::Json comparable(const stepsim::Json& value) {
  if (const auto text = scalarText(value)) return *text;
  if (value.is_array()) {
    stepsim::Json elements = stepsim::Json::array();
    for (const stepsim::Json& element : value) elements.push_back(comparable(element));
    return elements;
  }
  if (value.is_object()) {
    stepsim::Json members = stepsim::Json::object();
    for (const auto& [key, member] : value.items()) members[key] = comparable(member);
    return members;
  }
  return value;
}

const stepsim::Json kNoConditions = stepsim::Json::object();

// Evaluates each named condition once, following conditions that name other conditions.
class ConditionTable {
 public:
  explicit ConditionTable(const StackContext& context)
      : declarations_(context.stackTemplate ? context.stackTemplate->conditions : kNoConditions),
        resolver_(context, [this](const std::string& name, std::size_t depth) {
          return value(name, depth);
        }) {}

  std::map<std::string, bool> evaluateAll() {
    for (const auto& [name, expression] : declarations_.items()) value(name, 0);
    return values_;
  }

 private:
  std::optional<bool> value(const std::string& name, std::size_t depth) {
    if (const auto known = values_.find(name); known != values_.end()) return known->second;
    if (!declarations_.is_object() || !declarations_.contains(name)) return std::nullopt;
    const auto cycleStart = std::find(evaluating_.begin(), evaluating_.end(), name);
    if (cycleStart != evaluating_.end()) {
      std::vector<std::string> cycle(cycleStart, evaluating_.end());
      std::sort(cycle.begin(), cycle.end());
      throw TemplateError("Template format error: Circular dependency between conditions: [" +
                          joinNames(cycle) + "]");
    }
    evaluating_.push_back(name);
    const bool holds = resolver_.condition(declarations_[name], depth + 1);
    evaluating_.pop_back();
    values_[name] = holds;
    return holds;
  }

  const stepsim::Json& declarations_;
  Resolver resolver_;
  std::map<std::string, bool> values_;
  std::vector<std::string> evaluating_;
};

}  // namespace

bool Resolver::condition(const stepsim::Json& expression, std::size_t depth) const {
  // A chain of conditions each naming the next recurses through here, not through resolve().
  checkEvaluationDepth(depth);
  if (expression.is_object() && expression.size() == 1 && expression.contains("Condition"))
    return namedCondition(expression["Condition"], depth + 1);
  const auto function = intrinsicName(expression);
  if (!function) throwNotBoolean();
  const stepsim::Json& argument = expression.begin().value();
  if (*function == "Fn::Equals") return equals(argument, depth + 1);
  if (*function == "Fn::And") return allOrAny(argument, depth + 1, true, "Fn::And");
  if (*function == "Fn::Or") return allOrAny(argument, depth + 1, false, "Fn::Or");
  if (*function == "Fn::Not") {
    if (!argument.is_array() || argument.size() != 1)
      throw TemplateError("Template error: every Fn::Not object requires a list of 1 condition");
    return !condition(argument[0], depth + 1);
  }
  throwNotBoolean();
}

bool Resolver::namedCondition(const stepsim::Json& name, std::size_t depth) const {
  if (!name.is_string())
    throw TemplateError("Template format error: Every Condition member must be a string.");
  const auto holds = conditionNamed_(name.get<std::string>(), depth);
  if (!holds)
    throw TemplateError("Template format error: Unresolved condition dependencies [" +
                        name.get<std::string>() + "] in the Conditions block of the template");
  return *holds;
}

bool Resolver::equals(const stepsim::Json& argument, std::size_t depth) const {
  if (!argument.is_array() || argument.size() != 2)
    throw TemplateError("Template error: every Fn::Equals object requires a list of 2 parameters");
  return comparable(required(argument[0], depth, "Fn::Equals")) ==
         comparable(required(argument[1], depth, "Fn::Equals"));
}

bool Resolver::allOrAny(const stepsim::Json& argument, std::size_t depth, bool all,
                        std::string_view function) const {
  if (!argument.is_array() || argument.size() < kMinConditionOperands ||
      argument.size() > kMaxConditionOperands)
    throw TemplateError("Template error: every " + std::string(function) +
                        " object requires a list of at least 2 and at most 10 conditions");
  for (const stepsim::Json& operand : argument)
    if (condition(operand, depth) != all) return !all;
  return all;
}

std::map<std::string, bool> evaluateConditions(const StackContext& context) {
  return ConditionTable(context).evaluateAll();
}

}  // namespace stepsim::cfn
