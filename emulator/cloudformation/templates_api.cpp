// GetTemplate, ValidateTemplate and GetTemplateSummary.
#include <set>

#include "emulator/cloudformation/cfn_handlers.h"
#include "emulator/core/aws_error.h"
#include "emulator/core/json_text.h"

namespace stepsim::cfn {

namespace {

// What a template needs acknowledged, and why ("The following resource(s) require capabilities:
// [AWS::IAM::Role]").
void addCapabilities(const StackTemplate& stackTemplate, json& out) {
  StackDefinition definition;
  definition.stackTemplate = std::make_shared<StackTemplate>(stackTemplate);
  std::set<std::string> types;
  for (const ResourceDeclaration& resource : stackTemplate.resources)
    if (resource.type.starts_with("AWS::IAM::")) types.insert(resource.type);
  if (types.empty()) return;
  std::string capability = "CAPABILITY_IAM";
  try {
    checkCapabilities(definition, false);
  } catch (const core::AwsError& e) {
    if (e.message.find("CAPABILITY_NAMED_IAM") != std::string::npos)
      capability = "CAPABILITY_NAMED_IAM";
  }
  std::string list;
  for (const std::string& type : types) list += (list.empty() ? "" : ", ") + type;
  out["Capabilities"] = {capability};
  out["CapabilitiesReason"] = "The following resource(s) require capabilities: [" + list + "]";
}

std::shared_ptr<const StackTemplate> templateOf(const CfnState& s, const json& in) {
  if (auto body = in.find("TemplateBody"); body != in.end())
    return readTemplateBody(s, body->get<std::string>());
  if (auto name = in.find("StackName"); name != in.end())
    return requireStack(s, name->get<std::string>()).definition.stackTemplate;
  noTemplateBody(in);
}

}  // namespace

json getTemplate(CfnState& s, const json& in) {
  if (in.contains("ChangeSetName")) {
    json lookup = in;
    json described = describeChangeSet(s, lookup);
    Stack& stack = requireStack(s, described["StackId"].get<std::string>());
    for (const auto& changeSet : stack.changeSets)
      if (changeSet->id == described["ChangeSetId"])
        return {{"TemplateBody", changeSet->definition.templateBody},
                {"StagesAvailable", {"Original", "Processed"}}};
  }
  if (!in.contains("StackName")) validationError("StackName must be specified.");
  const Stack& stack = requireStack(s, in["StackName"].get<std::string>());
  // Processed: after the transforms (SAM's expansion), as CloudFormation then reads it.
  std::string body = in.value("TemplateStage", "Original") == "Processed"
                         ? core::serializeJson(stack.definition.stackTemplate->document)
                         : stack.definition.templateBody;
  return {{"TemplateBody", body}, {"StagesAvailable", {"Original", "Processed"}}};
}

json validateTemplate(CfnState& s, const json& in) {
  std::shared_ptr<const StackTemplate> stackTemplate = templateOf(s, in);
  json parameters = json::array();
  for (const ParameterDeclaration& p : stackTemplate->parameters) {
    json entry = {{"ParameterKey", p.name}, {"NoEcho", p.noEcho}};
    if (p.defaultValue) entry["DefaultValue"] = *p.defaultValue;
    if (!p.description.empty()) entry["Description"] = p.description;
    parameters.push_back(std::move(entry));
  }
  json out = {{"Parameters", parameters}, {"DeclaredTransforms", stackTemplate->transforms}};
  if (!stackTemplate->description.empty()) out["Description"] = stackTemplate->description;
  addCapabilities(*stackTemplate, out);
  return out;
}

json getTemplateSummary(CfnState& s, const json& in) {
  std::shared_ptr<const StackTemplate> stackTemplate = templateOf(s, in);
  json parameters = json::array();
  for (const ParameterDeclaration& p : stackTemplate->parameters) {
    json entry = {{"ParameterKey", p.name},
                  {"ParameterType", p.type},
                  {"NoEcho", p.noEcho},
                  {"ParameterConstraints", json::object()}};
    if (p.defaultValue) entry["DefaultValue"] = *p.defaultValue;
    if (!p.description.empty()) entry["Description"] = p.description;
    if (!p.allowedValues.empty()) entry["ParameterConstraints"]["AllowedValues"] = p.allowedValues;
    parameters.push_back(std::move(entry));
  }
  std::set<std::string> types;
  for (const ResourceDeclaration& resource : stackTemplate->resources) types.insert(resource.type);
  json out = {{"Parameters", parameters},
              {"ResourceTypes", json(std::vector<std::string>(types.begin(), types.end()))},
              {"Version", stackTemplate->document.value("AWSTemplateFormatVersion", "2010-09-09")},
              {"DeclaredTransforms", stackTemplate->transforms}};
  if (!stackTemplate->description.empty()) out["Description"] = stackTemplate->description;
  if (auto metadata = stackTemplate->document.find("Metadata");
      metadata != stackTemplate->document.end())
    out["Metadata"] = metadata->dump();
  addCapabilities(*stackTemplate, out);
  return out;
}

}  // namespace stepsim::cfn
