// Resolving values: the walk over a value, the dispatch to each intrinsic function, and the
// functions that reach outside the template (Ref, Fn::GetAtt, Fn::Sub) or choose (Fn::If).
#include "emulator/cloudformation/template/resolver.h"

#include <algorithm>

#include "emulator/cloudformation/template/intrinsic_syntax.h"
#include "emulator/cloudformation/template/template_error.h"
#include "emulator/cloudformation/template/template_text.h"

namespace stepsim::cfn {
namespace {

bool isConditionFunction(std::string_view name) {
  return name == "Fn::Equals" || name == "Fn::And" || name == "Fn::Or" || name == "Fn::Not";
}

// Fn::If and Fn::Select give a value already charged (or the template's own): not charged twice.
bool passesValuesOn(std::string_view name) {
  return name == "Fn::If" || name == "Fn::Select";
}

// Roughly the bytes `value` holds: its text, and a few for each other node.
std::size_t weight(const stepsim::Json& value) {
  constexpr std::size_t kNodeBytes = 8;
  if (value.is_string()) return kNodeBytes + value.get_ref<const std::string&>().size();
  std::size_t total = kNodeBytes;
  if (value.is_object())
    for (const auto& [key, member] : value.items()) total += key.size() + weight(member);
  else if (value.is_array())
    for (const stepsim::Json& element : value) total += weight(element);
  return total;
}

[[noreturn]] void throwTooLarge() {
  throw TemplateError("Template error: The evaluated value exceeds the maximum size of " +
                      std::to_string(kMaxEvaluatedBytes) +
                      " bytes (Fn::Join, Fn::Sub and the other intrinsic functions together)");
}

[[noreturn]] void throwUnresolved(const std::string& name) {
  throw TemplateError("Template format error: Unresolved resource dependencies [" + name +
                      "] in the Resources block of the template");
}

[[noreturn]] void throwSubContextValue() {
  throw TemplateError(
      "Template error: every value of the context object of every Fn::Sub object must be a "
      "string or a function that returns a string");
}

}  // namespace

// Values nest at most kMaxTemplateDepth levels; conditions naming conditions add a few more.
constexpr std::size_t kMaxEvaluationDepth = 2 * kMaxTemplateDepth;

void checkEvaluationDepth(std::size_t depth) {
  if (depth > kMaxEvaluationDepth)
    throw TemplateError("Template error: The template nests too deeply to evaluate.");
}

Resolver::Resolver(const StackContext& context, ConditionLookup conditionNamed)
    : context_(context), conditionNamed_(std::move(conditionNamed)) {}

const std::map<std::string, Resolver::Function, std::less<>>& Resolver::functions() {
  static const std::map<std::string, Function, std::less<>> kFunctions = {
      {"Ref", &Resolver::ref},
      {"Fn::GetAtt", &Resolver::getAtt},
      {"Fn::Sub", &Resolver::sub},
      {"Fn::If", &Resolver::ifFunction},
      {"Fn::Join", &Resolver::join},
      {"Fn::Select", &Resolver::select},
      {"Fn::Split", &Resolver::split},
      {"Fn::FindInMap", &Resolver::findInMap},
      {"Fn::GetAZs", &Resolver::getAZs},
      {"Fn::Base64", &Resolver::base64},
      {"Fn::ImportValue", &Resolver::importValue},
      {"Fn::Cidr", &Resolver::cidr},
      {"Fn::Length", &Resolver::length},
      {"Fn::ToJsonString", &Resolver::toJsonString},
  };
  return kFunctions;
}

std::optional<stepsim::Json> Resolver::resolve(const stepsim::Json& value,
                                               std::size_t depth) const {
  checkEvaluationDepth(depth);
  if (value.is_object()) {
    if (const auto function = intrinsicName(value))
      return call(*function, value.begin().value(), depth + 1);
    stepsim::Json resolved = stepsim::Json::object();
    for (const auto& [key, member] : value.items())
      if (auto memberValue = resolve(member, depth + 1)) resolved[key] = std::move(*memberValue);
    return resolved;
  }
  if (value.is_array()) {
    stepsim::Json resolved = stepsim::Json::array();
    for (const stepsim::Json& element : value)
      if (auto elementValue = resolve(element, depth + 1))
        resolved.push_back(std::move(*elementValue));
    return resolved;
  }
  return value;
}

std::optional<stepsim::Json> Resolver::call(const std::string& name, const stepsim::Json& argument,
                                            std::size_t depth) const {
  checkFunctionSupported(name, languageExtensions());
  if (isConditionFunction(name))
    return stepsim::Json(condition(stepsim::Json::object({{name, argument}}), depth));
  const auto found = functions().find(name);
  if (found == functions().end())
    throw TemplateError("Template error: " + name + " can only be used in the Rules section");
  auto result = (this->*(found->second))(argument, depth);
  if (result && !passesValuesOn(name)) charge(*result);
  return result;
}

void Resolver::charge(const stepsim::Json& value) const {
  charged_ += weight(value);
  if (charged_ > kMaxEvaluatedBytes) throwTooLarge();
}

void Resolver::appendWithinBudget(std::string& text, std::string_view piece) const {
  if (charged_ + text.size() + piece.size() > kMaxEvaluatedBytes) throwTooLarge();
  text.append(piece);
}

stepsim::Json Resolver::required(const stepsim::Json& value, std::size_t depth,
                                 std::string_view function) const {
  auto resolved = resolve(value, depth);
  if (!resolved)
    throw TemplateError("Template error: AWS::NoValue cannot be used as an argument of " +
                        std::string(function));
  return std::move(*resolved);
}

std::optional<std::string> Resolver::text(const stepsim::Json& value, std::size_t depth) const {
  const auto resolved = resolve(value, depth);
  return resolved ? scalarText(*resolved) : std::nullopt;
}

std::optional<stepsim::Json> Resolver::list(const stepsim::Json& value, std::size_t depth) const {
  auto resolved = resolve(value, depth);
  if (!resolved || !resolved->is_array()) return std::nullopt;
  return resolved;
}

const StackTemplate& Resolver::stackTemplate() const {
  static const StackTemplate kEmpty{};
  return context_.stackTemplate ? *context_.stackTemplate : kEmpty;
}

bool Resolver::languageExtensions() const {
  const auto& transforms = stackTemplate().transforms;
  return std::find(transforms.begin(), transforms.end(), kLanguageExtensions) != transforms.end();
}

std::optional<stepsim::Json> Resolver::pseudoParameter(std::string_view name) const {
  const PseudoParameters& pseudo = context_.pseudo;
  if (name == "AWS::AccountId") return pseudo.accountId;
  if (name == "AWS::Region") return pseudo.region;
  if (name == "AWS::StackName") return pseudo.stackName;
  if (name == "AWS::StackId") return pseudo.stackId;
  if (name == "AWS::Partition") return pseudo.partition;
  if (name == "AWS::URLSuffix") return pseudo.urlSuffix;
  if (name == "AWS::NotificationARNs") return stepsim::Json(pseudo.notificationArns);
  return std::nullopt;
}

void Resolver::checkCreated(const std::string& logicalId) const {
  const ResourceDeclaration* resource = stackTemplate().findResource(logicalId);
  // A resource whose condition is false does not exist: CloudFormation reports the reference
  // to it as unresolved.
  if (!resource || (!resource->condition.empty() &&
                    conditionNamed_(resource->condition, 0).value_or(false) == false))
    throwUnresolved(logicalId);
}

std::optional<stepsim::Json> Resolver::ref(const stepsim::Json& argument, std::size_t depth) const {
  std::optional<std::string> name;
  if (argument.is_string())
    name = argument.get<std::string>();
  else if (intrinsicName(argument))  // under AWS::LanguageExtensions a function may give the name
    name = text(argument, depth);
  if (!name)
    throw TemplateError("Template format error: Every Ref object must have a single String value.");
  if (*name == "AWS::NoValue") return std::nullopt;
  if (auto pseudo = pseudoParameter(*name)) return pseudo;
  if (context_.parameters) {
    const auto parameter = context_.parameters->find(*name);
    if (parameter != context_.parameters->end()) return parameter->second;
  }
  checkCreated(*name);
  auto physicalId = context_.resourceRef ? context_.resourceRef(*name) : std::nullopt;
  if (!physicalId) throw TemplateError("Template error: resource " + *name + " is not created yet");
  return physicalId;
}

std::optional<stepsim::Json> Resolver::getAtt(const stepsim::Json& argument,
                                              std::size_t depth) const {
  const GetAttArguments arguments = getAttArguments(argument);
  const auto attribute = text(arguments.attribute, depth);
  if (!attribute || attribute->empty())
    throw TemplateError(
        "Template error: every Fn::GetAtt object requires two non-empty parameters, the resource "
        "name and the resource attribute");
  if (!stackTemplate().findResource(arguments.resource))
    throw TemplateError("Template error: instance of Fn::GetAtt references undefined resource " +
                        arguments.resource);
  checkCreated(arguments.resource);
  auto value = context_.resourceAttribute
                   ? context_.resourceAttribute(arguments.resource, *attribute)
                   : std::nullopt;
  if (!value)
    throw TemplateError("Template error: resource " + arguments.resource +
                        " does not support attribute type " + *attribute + " in Fn::GetAtt");
  return value;
}

std::optional<stepsim::Json> Resolver::sub(const stepsim::Json& argument, std::size_t depth) const {
  const SubArguments arguments = subArguments(argument);
  const auto templateText = text(*arguments.text, depth);
  if (!templateText) throw TemplateError("Template error: Fn::Sub requires a string template");
  stepsim::Json variables = stepsim::Json::object();
  for (const auto& [name, value] : arguments.variables.items()) {
    const auto variable = text(value, depth);
    if (!variable) throwSubContextValue();
    variables[name] = *variable;
  }
  std::string result;
  for (const SubPart& part : parseSubTemplate(*templateText))
    appendWithinBudget(result,
                       part.isVariable ? subVariable(part.text, variables, depth) : part.text);
  return stepsim::Json(std::move(result));
}

// ${Name}: a variable of the list form, else a Ref (or, with a dot, a Fn::GetAtt).
std::string Resolver::subVariable(const std::string& name, const stepsim::Json& variables,
                                  std::size_t depth) const {
  if (variables.contains(name)) return variables[name].get<std::string>();
  const auto attribute = splitAttributeName(name);
  const stepsim::Json reference =
      attribute ? stepsim::Json::object(
                      {{"Fn::GetAtt", stepsim::Json::array({attribute->first, attribute->second})}})
                : stepsim::Json::object({{"Ref", name}});
  if (const auto value = text(reference, depth)) return *value;
  throw TemplateError("Template error: variable " + name +
                      " in Fn::Sub expression does not resolve to a string");
}

std::optional<stepsim::Json> Resolver::ifFunction(const stepsim::Json& argument,
                                                  std::size_t depth) const {
  if (!argument.is_array() || argument.size() != 3)
    throw TemplateError("Template error: Fn::If requires a list argument with three elements");
  const stepsim::Json& condition = argument[0];
  bool holds;
  if (condition.is_string()) {
    const auto value = conditionNamed_(condition.get<std::string>(), depth);
    if (!value)
      throw TemplateError("Template error: unresolved condition dependency " +
                          condition.get<std::string>() + " in Fn::If");
    holds = *value;
  } else if (condition.is_object()) {
    holds = this->condition(condition, depth);
  } else {
    throw TemplateError(
        "Template error: Fn::If requires a list argument with the first element being a condition");
  }
  // Only the branch taken is evaluated: the other may name resources that are not created.
  return resolve(argument[holds ? 1 : 2], depth);
}

}  // namespace stepsim::cfn
