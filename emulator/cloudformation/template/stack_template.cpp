#include "emulator/cloudformation/template/stack_template.h"

#include <algorithm>
#include <array>

#include "emulator/cloudformation/template/parameter_types.h"
#include "emulator/cloudformation/template/template_checks.h"
#include "emulator/cloudformation/template/template_error.h"
#include "emulator/cloudformation/template/template_text.h"
#include "emulator/core/json_text.h"

namespace stepsim::cfn {
namespace {

constexpr std::array<std::string_view, 11> kSections = {"AWSTemplateFormatVersion",
                                                        "Description",
                                                        "Metadata",
                                                        "Parameters",
                                                        "Rules",
                                                        "Mappings",
                                                        "Conditions",
                                                        "Transform",
                                                        "Resources",
                                                        "Outputs",
                                                        "Hooks"};
constexpr std::array<std::string_view, 11> kParameterProperties = {
    "Type",     "Default",  "AllowedValues",         "AllowedPattern", "MinLength", "MaxLength",
    "MinValue", "MaxValue", "ConstraintDescription", "Description",    "NoEcho"};
constexpr std::array<std::string_view, 10> kResourceAttributes = {
    "Type",      "Properties",     "DependsOn",
    "Condition", "DeletionPolicy", "UpdateReplacePolicy",
    "Metadata",  "CreationPolicy", "UpdatePolicy",
    "Version"};
constexpr std::array<std::string_view, 4> kDeletionPolicies = {"Delete", "Retain", "Snapshot",
                                                               "RetainExceptOnCreate"};
constexpr std::array<std::string_view, 4> kOutputProperties = {"Value", "Description", "Export",
                                                               "Condition"};
constexpr std::size_t kMaxDescriptionBytes = 1024;
// CloudFormation's quotas; they also keep the per-name lookups of a hostile template cheap.
constexpr std::size_t kMaxResources = 500;
constexpr std::size_t kMaxParameters = 200;
constexpr std::size_t kMaxOutputs = 200;

template <std::size_t N>
bool isOneOf(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

[[noreturn]] void formatError(const std::string& message) {
  throw TemplateError("Template format error: " + message);
}

// The member `key` of `object`, or nullptr.
const stepsim::Json* member(const stepsim::Json& object, std::string_view key) {
  const auto found = object.find(key);
  return found == object.end() ? nullptr : &*found;
}

// A section that must be an object when present: the empty object when absent.
const stepsim::Json& objectSection(const stepsim::Json& document, std::string_view name) {
  static const stepsim::Json kEmpty = stepsim::Json::object();
  const stepsim::Json* section = member(document, name);
  if (!section || section->is_null()) return kEmpty;
  if (!section->is_object())
    formatError("Every " + std::string(name) + " member must be an object.");
  return *section;
}

std::string optionalString(const stepsim::Json& object, std::string_view key,
                           std::string_view owner) {
  const stepsim::Json* value = member(object, key);
  if (!value) return {};
  if (!value->is_string())
    formatError("Every " + std::string(key) + " member" +
                (owner.empty() ? "" : " of " + std::string(owner)) + " must be a string.");
  return value->get<std::string>();
}

void checkSections(const stepsim::Json& document) {
  std::vector<std::string> unknown;
  for (const auto& [name, value] : document.items())
    if (!isOneOf(kSections, name)) unknown.push_back(name);
  if (!unknown.empty())
    formatError("Invalid template property or properties [" + joinNames(unknown) + "]");
  const stepsim::Json* version = member(document, "AWSTemplateFormatVersion");
  if (version && *version != "2010-09-09")
    formatError(
        "Unsupported AWSTemplateFormatVersion " +
        (version->is_string() ? version->get<std::string>() : core::serializeJson(*version)) +
        ". The only valid version is 2010-09-09.");
}

std::string readDescription(const stepsim::Json& document) {
  std::string description = optionalString(document, "Description", "");
  if (description.size() > kMaxDescriptionBytes)
    formatError("'Description' length is greater than " + std::to_string(kMaxDescriptionBytes) +
                ".");
  return description;
}

// The text of a scalar property value: "30" for 30, "true" for true.
std::string propertyText(const stepsim::Json& value, std::string_view what) {
  const auto text = scalarText(value);
  if (!text) formatError("Every " + std::string(what) + " must be a string.");
  return *text;
}

std::optional<double> numberProperty(const stepsim::Json& declaration, std::string_view key,
                                     const std::string& parameter) {
  const stepsim::Json* value = member(declaration, key);
  if (!value) return std::nullopt;
  if (value->is_number()) return value->get<double>();
  if (value->is_string() && isDecimalNumber(value->get_ref<const std::string&>()))
    return decimalValue(value->get_ref<const std::string&>());
  formatError("Parameter '" + parameter + "' " + std::string(key) + " must be a number.");
}

bool noEchoProperty(const stepsim::Json& declaration) {
  const stepsim::Json* value = member(declaration, "NoEcho");
  if (!value) return false;
  return value->is_boolean() ? value->get<bool>() : (value->is_string() && *value == "true");
}

ParameterDeclaration readParameter(const std::string& name, const stepsim::Json& declaration) {
  if (!isAlphanumeric(name)) formatError("Parameter name " + name + " is non alphanumeric.");
  if (!declaration.is_object() || !declaration.contains("Type") || !declaration["Type"].is_string())
    formatError("Every Parameters object must contain a Type member.");
  for (const auto& [property, value] : declaration.items())
    if (!isOneOf(kParameterProperties, property))
      formatError("Invalid template parameter property '" + property + "'");
  ParameterDeclaration parameter;
  parameter.name = name;
  parameter.type = declaration["Type"].get<std::string>();
  if (!isKnownParameterType(parameter.type))
    formatError("Unrecognized parameter type: " + parameter.type);
  if (const stepsim::Json* fallback = member(declaration, "Default"))
    parameter.defaultValue = propertyText(*fallback, "Default member");
  if (const stepsim::Json* allowed = member(declaration, "AllowedValues")) {
    if (!allowed->is_array()) formatError("Every AllowedValues member must be a list.");
    for (const stepsim::Json& value : *allowed)
      parameter.allowedValues.push_back(propertyText(value, "AllowedValues member"));
  }
  parameter.allowedPattern = optionalString(declaration, "AllowedPattern", name);
  parameter.minLength = numberProperty(declaration, "MinLength", name);
  parameter.maxLength = numberProperty(declaration, "MaxLength", name);
  parameter.minValue = numberProperty(declaration, "MinValue", name);
  parameter.maxValue = numberProperty(declaration, "MaxValue", name);
  parameter.constraintDescription = optionalString(declaration, "ConstraintDescription", name);
  parameter.description = optionalString(declaration, "Description", name);
  parameter.noEcho = noEchoProperty(declaration);
  return parameter;
}

std::vector<ParameterDeclaration> readParameters(const stepsim::Json& document) {
  std::vector<ParameterDeclaration> parameters;
  for (const auto& [name, declaration] : objectSection(document, "Parameters").items())
    parameters.push_back(readParameter(name, declaration));
  return parameters;
}

stepsim::Json readMappings(const stepsim::Json& document) {
  const stepsim::Json& mappings = objectSection(document, "Mappings");
  for (const auto& [name, mapping] : mappings.items()) {
    if (!mapping.is_object()) formatError("Every Mappings member " + name + " must be a map");
    for (const auto& [key, attributes] : mapping.items())
      if (!attributes.is_object()) formatError("Every Mappings member " + name + " must be a map");
  }
  return mappings;
}

std::set<std::string> readDependsOn(const stepsim::Json& resource) {
  const stepsim::Json* dependsOn = member(resource, "DependsOn");
  if (!dependsOn) return {};
  if (dependsOn->is_string()) return {dependsOn->get<std::string>()};
  std::set<std::string> names;
  if (dependsOn->is_array())
    for (const stepsim::Json& name : *dependsOn)
      if (name.is_string()) names.insert(name.get<std::string>());
  if (!dependsOn->is_array() || names.size() != dependsOn->size())
    formatError("DependsOn must be a string or a list of strings.");
  return names;
}

ResourceDeclaration readResource(const std::string& logicalId, const stepsim::Json& declaration) {
  if (!isAlphanumeric(logicalId))
    formatError("Resource name " + logicalId + " is non alphanumeric.");
  if (!declaration.is_object() || !declaration.contains("Type") || !declaration["Type"].is_string())
    formatError("Every Resources object must contain a Type member.");
  for (const auto& [attribute, value] : declaration.items())
    if (!isOneOf(kResourceAttributes, attribute))
      formatError("Invalid template resource property '" + attribute + "'");
  ResourceDeclaration resource;
  resource.logicalId = logicalId;
  resource.type = declaration["Type"].get<std::string>();
  const stepsim::Json* properties = member(declaration, "Properties");
  if (properties && !properties->is_null() && !properties->is_object())
    formatError("Every Properties member of resource " + logicalId + " must be an object.");
  resource.properties =
      properties && properties->is_object() ? *properties : stepsim::Json::object();
  resource.dependsOn = readDependsOn(declaration);
  resource.condition = optionalString(declaration, "Condition", "");
  resource.deletionPolicy = optionalString(declaration, "DeletionPolicy", logicalId);
  if (resource.deletionPolicy.empty()) resource.deletionPolicy = "Delete";
  if (!isOneOf(kDeletionPolicies, resource.deletionPolicy))
    formatError("Unrecognized DeletionPolicy " + resource.deletionPolicy + " for resource " +
                logicalId);
  if (const stepsim::Json* metadata = member(declaration, "Metadata"))
    resource.metadata = *metadata;
  return resource;
}

std::vector<ResourceDeclaration> readResources(const stepsim::Json& document) {
  const stepsim::Json* section = member(document, "Resources");
  if (!section || !section->is_object() || section->empty())
    formatError("At least one Resources member must be defined.");
  std::vector<ResourceDeclaration> resources;
  for (const auto& [logicalId, declaration] : section->items())
    resources.push_back(readResource(logicalId, declaration));
  return resources;
}

OutputDeclaration readOutput(const std::string& name, const stepsim::Json& declaration) {
  if (!isAlphanumeric(name)) formatError("Output name " + name + " is non alphanumeric.");
  if (!declaration.is_object() || !declaration.contains("Value"))
    formatError("Every Outputs member must contain a Value object");
  for (const auto& [property, value] : declaration.items())
    if (!isOneOf(kOutputProperties, property))
      formatError("Invalid template output property '" + property + "'");
  OutputDeclaration output;
  output.name = name;
  output.value = declaration["Value"];
  if (const stepsim::Json* exported = member(declaration, "Export")) {
    if (!exported->is_object() || !exported->contains("Name"))
      formatError("Every Export member of output " + name + " must contain a Name member.");
    output.exportName = (*exported)["Name"];
  }
  output.description = optionalString(declaration, "Description", name);
  output.condition = optionalString(declaration, "Condition", "");
  return output;
}

std::vector<OutputDeclaration> readOutputs(const stepsim::Json& document) {
  std::vector<OutputDeclaration> outputs;
  for (const auto& [name, declaration] : objectSection(document, "Outputs").items())
    outputs.push_back(readOutput(name, declaration));
  return outputs;
}

void checkCount(std::string_view what, std::size_t count, std::size_t maximum) {
  if (count > maximum)
    formatError("Number of " + std::string(what) + ", " + std::to_string(count) +
                ", is greater than maximum allowed, " + std::to_string(maximum));
}

// Parameters and resources share one namespace: Ref could not tell them apart.
void checkNamesUnique(const StackTemplate& stackTemplate) {
  std::vector<std::string> clashes;
  for (const ParameterDeclaration& parameter : stackTemplate.parameters)
    if (stackTemplate.findResource(parameter.name)) clashes.push_back(parameter.name);
  if (!clashes.empty())
    formatError("Duplicate names [" + joinNames(clashes) +
                "]: parameters and resources must have different names.");
}

}  // namespace

std::vector<std::string> readTransforms(const stepsim::Json& document) {
  const stepsim::Json* transform = member(document, "Transform");
  if (!transform || transform->is_null()) return {};
  if (transform->is_string()) return {transform->get<std::string>()};
  std::vector<std::string> transforms;
  if (transform->is_array())
    for (const stepsim::Json& name : *transform)
      if (name.is_string()) transforms.push_back(name.get<std::string>());
  if (!transform->is_array() || transforms.size() != transform->size())
    formatError("Transform must be a string or a list of strings.");
  return transforms;
}

const ResourceDeclaration* StackTemplate::findResource(std::string_view logicalId) const {
  const auto found =
      std::find_if(resources.begin(), resources.end(),
                   [logicalId](const ResourceDeclaration& r) { return r.logicalId == logicalId; });
  return found == resources.end() ? nullptr : &*found;
}

StackTemplate readTemplate(const stepsim::Json& document) {
  if (!document.is_object()) formatError("unsupported structure.");
  // The checks below walk the template recursively.
  if (core::nestsDeeperThan(document, kMaxTemplateDepth))
    formatError("The template nests deeper than " + std::to_string(kMaxTemplateDepth) + " levels.");
  checkSections(document);
  StackTemplate stackTemplate;
  stackTemplate.document = document;
  stackTemplate.description = readDescription(document);
  stackTemplate.transforms = readTransforms(document);
  stackTemplate.parameters = readParameters(document);
  stackTemplate.mappings = readMappings(document);
  stackTemplate.conditions = objectSection(document, "Conditions");
  stackTemplate.resources = readResources(document);
  stackTemplate.outputs = readOutputs(document);
  checkCount("resources", stackTemplate.resources.size(), kMaxResources);
  checkCount("parameters", stackTemplate.parameters.size(), kMaxParameters);
  checkCount("outputs", stackTemplate.outputs.size(), kMaxOutputs);
  checkNamesUnique(stackTemplate);
  checkReferences(stackTemplate);
  checkNoCircularDependencies(stackTemplate);
  return stackTemplate;
}

}  // namespace stepsim::cfn
