#include "emulator/scenario/scenario_stack.h"

#include "emulator/app/cloudformation_binding.h"
#include "emulator/app/in_process_client.h"
#include "emulator/cloudformation/cloudformation_service.h"
#include "emulator/cloudformation/template/serverless_transform.h"
#include "emulator/cloudformation/template/stack_template.h"
#include "emulator/cloudformation/template/template_body.h"
#include "emulator/cloudformation/template/template_error.h"
#include "emulator/core/json_file.h"

namespace stepsim::scenario {

namespace fs = std::filesystem;
using json = stepsim::Json;

namespace {

constexpr const char* kDefaultStackName = "stepsim-scenario";

// The name a resource's literal property gives it, if any.
void declareLiteralName(const cfn::ResourceDeclaration& resource, const char* property,
                        std::vector<std::string>& names) {
  if (auto name = resource.properties.find(property);
      name != resource.properties.end() && name->is_string())
    names.push_back(name->get<std::string>());
}

// The last part of a state machine's ARN: its name.
std::string stateMachineNameOf(const std::string& arn) {
  return arn.substr(arn.rfind(':') + 1);
}

}  // namespace

Scenario::Stack readScenarioStack(const Scenario& scenario, const std::string& pointer,
                                  const json& node, StackDeclarations& declared) {
  Scenario::Stack stack;
  stack.name = node.value("name", kDefaultStackName);
  stack.parameters = node.value("parameters", json::object());
  fs::path path = scenario.directory / node["template"].get<std::string>();
  std::optional<std::string> text = core::readTextFile(path);
  if (!text) throw scenario.error(pointer + "/template", "cannot read '" + path.string() + "'");
  stack.templateBody = std::move(*text);
  stack.directory = path.parent_path();
  try {
    json document = cfn::parseTemplateBody(stack.templateBody);
    if (cfn::usesServerlessTransform(document))
      document = cfn::expandServerless(document, {stack.directory.string()});
    for (const cfn::ResourceDeclaration& resource : cfn::readTemplate(document).resources) {
      if (resource.type == "AWS::Lambda::Function") {
        declared.functions.push_back(resource.logicalId);
        declareLiteralName(resource, "FunctionName", declared.functions);
        stack.makesFunctions = true;
      } else if (resource.type == "AWS::StepFunctions::StateMachine") {
        declared.stateMachines.push_back(resource.logicalId);
        declareLiteralName(resource, "StateMachineName", declared.stateMachines);
      }
    }
  } catch (const cfn::TemplateError& e) {
    throw scenario.error(pointer + "/template", path.string() + ": " + e.what());
  }
  return stack;
}

void makeScenarioStack(const Scenario& scenario, app::Emulator& emulator) {
  const Scenario::Stack& stack = *scenario.stack;
  cfn::CloudFormationService& cloudFormation = app::cloudFormation(emulator.defaultAccountRegion());
  // The world is made before time starts: resources take no time, and SAM's paths are the
  // template's.
  cloudFormation.engine().setDefaultProvisioningTime(0);
  cloudFormation.setTemplateDirectory(stack.directory.string());
  json parameters = json::array();
  for (const auto& [key, value] : stack.parameters.items())
    parameters.push_back(
        {{"ParameterKey", key},
         {"ParameterValue", value.is_string() ? value.get<std::string>() : value.dump()}});
  json request = {
      {"StackName", stack.name},
      {"TemplateBody", stack.templateBody},
      {"Parameters", parameters},
      {"Capabilities", {"CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"}}};
  app::CallResult created = app::InProcessClient(emulator).call(
      app::InProcessClient::operation("cloudformation", "CreateStack", request));
  if (!created.ok()) throw scenario.error("/resources/stack", "refused: " + created.errorText());
  emulator.simulation().runDue();
  std::shared_ptr<const cfn::Stack> made = cloudFormation.findStack(stack.name);
  cloudFormation.engine().setDefaultProvisioningTime(cfn::StackEngine::kDefaultProvisioningMs);
  if (made && made->status == "CREATE_COMPLETE") return;
  std::string why = made ? made->status : "no stack";
  if (made)
    for (const cfn::StackEvent& event : made->events)
      if (event.status == "CREATE_FAILED") {
        why = event.logicalId + " failed: " + event.reason;
        break;
      }
  throw scenario.error("/resources/stack", "the stack was not made: " + why);
}

std::string resourceName(const Scenario& scenario, app::Emulator& emulator,
                         const std::string& name) {
  if (!scenario.stack) return name;
  std::shared_ptr<const cfn::Stack> stack =
      app::cloudFormation(emulator.defaultAccountRegion()).findStack(scenario.stack->name);
  if (!stack) return name;
  auto resource = stack->resources.find(name);
  if (resource == stack->resources.end() || resource->second.physicalId.empty()) return name;
  if (resource->second.type == "AWS::StepFunctions::StateMachine")
    return stateMachineNameOf(resource->second.physicalId);
  return resource->second.physicalId;
}

}  // namespace stepsim::scenario
