// What the CloudFormation operations share: lookups, reading a template and its parameters, the
// capabilities a template needs, rendering.
#include <algorithm>
#include <filesystem>

#include "emulator/cloudformation/cfn_handlers.h"
#include "emulator/cloudformation/template/intrinsics.h"
#include "emulator/cloudformation/template/serverless_transform.h"
#include "emulator/cloudformation/template/template_body.h"
#include "emulator/cloudformation/template/template_error.h"
#include "emulator/core/aws_error.h"

namespace stepsim::cfn {

namespace {

// The transforms stepsim expands (AWS::LanguageExtensions is the evaluator's).
bool isSupportedTransform(const std::string& name) {
  return name == "AWS::LanguageExtensions" || name == kServerlessTransform;
}

// IAM resources and the property that gives each a custom name.
constexpr std::pair<std::string_view, std::string_view> kIamResources[] = {
    {"AWS::IAM::AccessKey", ""},
    {"AWS::IAM::Group", "GroupName"},
    {"AWS::IAM::InstanceProfile", "InstanceProfileName"},
    {"AWS::IAM::ManagedPolicy", "ManagedPolicyName"},
    {"AWS::IAM::Policy", ""},
    {"AWS::IAM::Role", "RoleName"},
    {"AWS::IAM::User", "UserName"},
    {"AWS::IAM::UserToGroupAddition", ""},
};

bool has(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// A function's Code given as a path (a directory or .zip) is what `aws cloudformation package`
// would upload to S3; stepsim, which has no S3, packs it itself, as it packs SAM's CodeUri.
void withLocalFunctionCode(json& document, const std::filesystem::path& base) {
  auto resources = document.find("Resources");
  if (resources == document.end() || !resources->is_object()) return;
  for (auto& [id, resource] : resources->items()) {
    if (!resource.is_object() || resource.value("Type", "") != "AWS::Lambda::Function") continue;
    auto properties = resource.find("Properties");
    if (properties == resource.end() || !properties->is_object()) continue;
    auto code = properties->find("Code");
    if (code == properties->end() || !code->is_string()) continue;
    *code = {{"LocalPath", (base / code->get<std::string>()).lexically_normal().string()}};
  }
}

}  // namespace

void validationError(const std::string& message) {
  throw core::AwsError("ValidationError", message, 400);
}

void noTemplateBody(const json& in) {
  if (in.contains("TemplateURL"))
    validationError(
        "TemplateURL cannot be read: stepsim does not emulate S3. Send the template "
        "in TemplateBody");
  validationError("Either Template URL or Template Body must be specified.");
}

std::shared_ptr<Stack> findStack(const CfnState& s, std::string_view nameOrId) {
  bool byId = nameOrId.starts_with("arn:");
  for (auto it = s.stacks.rbegin(); it != s.stacks.rend(); ++it) {
    const Stack& stack = **it;
    if (byId ? stack.id == nameOrId : (stack.name == nameOrId && !stack.isDeleted())) return *it;
  }
  return nullptr;
}

Stack& requireStack(const CfnState& s, std::string_view nameOrId) {
  std::shared_ptr<Stack> stack = findStack(s, nameOrId);
  if (!stack) validationError("Stack with id " + std::string(nameOrId) + " does not exist");
  return *stack;
}

std::shared_ptr<const StackTemplate> readTemplateBody(const CfnState& s, const std::string& body) {
  try {
    json document = parseTemplateBody(body);
    std::vector<std::string> transforms = readTransforms(document);  // before SAM removes its own
    for (const std::string& transform : transforms)
      if (!isSupportedTransform(transform))
        validationError("Template format error: the transform " + transform +
                        " is not supported by stepsim");
    // Local paths are the server's: relative to where it runs, unless a scenario says where its
    // template is.
    std::filesystem::path base = s.templateDirectory.empty()
                                     ? std::filesystem::current_path()
                                     : std::filesystem::path(s.templateDirectory);
    if (usesServerlessTransform(document)) document = expandServerless(document, {base.string()});
    withLocalFunctionCode(document, base);
    auto stackTemplate = std::make_shared<StackTemplate>(readTemplate(document));
    stackTemplate->transforms = std::move(transforms);
    return stackTemplate;
  } catch (const TemplateError& e) {
    validationError(e.what());
  }
}

StackDefinition readDefinition(const CfnState& s, const json& in, const StackDefinition* previous) {
  StackDefinition definition;
  if (auto body = in.find("TemplateBody"); body != in.end()) {
    definition.templateBody = body->get<std::string>();
  } else if (in.value("UsePreviousTemplate", false) && previous) {
    definition.templateBody = previous->templateBody;
  } else {
    noTemplateBody(in);
  }
  definition.stackTemplate = readTemplateBody(s, definition.templateBody);
  std::map<std::string, std::string> given;
  for (const json& parameter : in.value("Parameters", json::array())) {
    std::string key = parameter.value("ParameterKey", "");
    if (parameter.value("UsePreviousValue", false)) {
      if (!previous)
        validationError("Invalid input for parameter key " + key +
                        ". Cannot specify usePreviousValue as true for a new stack");
      auto old = std::find_if(previous->givenParameters.begin(), previous->givenParameters.end(),
                              [&](const auto& p) { return p.first == key; });
      if (old != previous->givenParameters.end())
        given[key] = old->second;
      else if (auto value = previous->parameterValues.find(key);
               value != previous->parameterValues.end())
        given[key] = value->second.is_string() ? value->second.get<std::string>() : "";
      continue;
    }
    given[key] = parameter.value("ParameterValue", "");
  }
  for (const auto& [key, value] : given) definition.givenParameters.emplace_back(key, value);
  try {
    definition.parameterValues = resolveParameters(*definition.stackTemplate, given);
  } catch (const TemplateError& e) {
    validationError(e.what());
  }
  for (const json& capability : in.value("Capabilities", json::array()))
    definition.capabilities.push_back(capability.get<std::string>());
  if (auto tags = in.find("Tags"); tags != in.end())
    definition.tags = *tags;
  else if (previous)
    definition.tags = previous->tags;
  return definition;
}

void checkCapabilities(const StackDefinition& definition, bool needsAutoExpand) {
  const std::vector<std::string>& given = definition.capabilities;
  std::string needed;
  for (const ResourceDeclaration& resource : definition.stackTemplate->resources) {
    for (const auto& [type, nameProperty] : kIamResources) {
      if (resource.type != type) continue;
      bool named = !nameProperty.empty() && resource.properties.is_object() &&
                   resource.properties.contains(std::string(nameProperty));
      if (named && !has(given, "CAPABILITY_NAMED_IAM")) needed = "CAPABILITY_NAMED_IAM";
      if (needed.empty() && !has(given, "CAPABILITY_IAM") && !has(given, "CAPABILITY_NAMED_IAM"))
        needed = "CAPABILITY_IAM";
    }
  }
  if (needed.empty() && needsAutoExpand && !definition.stackTemplate->transforms.empty() &&
      !has(given, "CAPABILITY_AUTO_EXPAND"))
    needed = "CAPABILITY_AUTO_EXPAND";
  if (!needed.empty())
    throw core::AwsError("InsufficientCapabilitiesException",
                         "Requires capabilities : [" + needed + "]", 400);
}

json parametersOf(const StackDefinition& definition) {
  json out = json::array();
  for (const ParameterDeclaration& declared : definition.stackTemplate->parameters) {
    auto value = definition.parameterValues.find(declared.name);
    if (value == definition.parameterValues.end()) continue;
    std::string text;
    if (value->second.is_array()) {
      for (const json& item : value->second)
        text += (text.empty() ? "" : ",") + item.get<std::string>();
    } else {
      text = value->second.is_string() ? value->second.get<std::string>() : value->second.dump();
    }
    out.push_back({{"ParameterKey", declared.name},
                   {"ParameterValue", declared.noEcho ? std::string("****") : text}});
  }
  return out;
}

std::string stackIdFor(CfnState& s, const std::string& name) {
  const core::SimulationConfig& config = s.simulation.config();
  return "arn:aws:cloudformation:" + config.region + ":" + config.account + ":stack/" + name + "/" +
         s.simulation.ids("cfn-stacks").uuid();
}

}  // namespace stepsim::cfn
