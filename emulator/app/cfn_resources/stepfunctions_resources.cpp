// AWS::StepFunctions::StateMachine and AWS::StepFunctions::Activity.
#include "emulator/app/cfn_resources/resource_families.h"
#include "emulator/app/cfn_resources/service_calls.h"
#include "emulator/core/json_text.h"

namespace stepsim::app::cfn_resources {

using json = stepsim::Json;

namespace {

constexpr std::size_t kMaxStateMachineName = 80;

// The definition as text with DefinitionSubstitutions' ${Name} placeholders replaced.
std::string definitionText(const ResourceRequest& request) {
  const json& p = request.properties;
  if (p.contains("DefinitionS3Location"))
    throw cfn::ProvisioningError(
        "DefinitionS3Location cannot be read: stepsim does not emulate S3. Give the definition "
        "in Definition or DefinitionString");
  std::string text;
  if (auto definition = p.find("Definition"); definition != p.end())
    text = core::serializeJson(*definition);
  else
    text = requiredProperty(request, "DefinitionString").get<std::string>();
  json substitutions =
      p.value("DefinitionSubstitutions", json::object());  // items() needs an lvalue
  for (const auto& [name, value] : substitutions.items()) {
    std::string placeholder = "${" + name + "}";
    std::string replacement = value.is_string() ? value.get<std::string>() : value.dump();
    for (size_t at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + replacement.size()))
      text.replace(at, placeholder.size(), replacement);
  }
  return text;
}

std::string stateMachineName(AccountRegion& place, const ResourceRequest& request) {
  if (std::string name = stringProperty(request, "StateMachineName"); !name.empty()) return name;
  ResourceRequest unnamedStack = request;
  unnamedStack.stackName.clear();  // CloudFormation names state machines "<LogicalId>-<suffix>"
  return generatedName(place, unnamedStack, kMaxStateMachineName);
}

ProvisionedResource describedStateMachine(AccountRegion& place, const std::string& arn) {
  json described =
      callService(place, "stepfunctions", "DescribeStateMachine", {{"stateMachineArn", arn}});
  json attributes = {{"Arn", arn}, {"Name", described.value("name", "")}};
  if (described.contains("revisionId"))
    attributes["StateMachineRevisionId"] = described["revisionId"];
  else
    attributes["StateMachineRevisionId"] = arn;
  return {arn, attributes};
}

// The tags `current` lists given to `arn`, those only `previous` had removed.
void retag(AccountRegion& place, const std::string& arn, const json& previous,
           const json& current) {
  json removed = removedTagKeys(previous, current);
  if (!removed.empty())
    callService(place, "stepfunctions", "UntagResource",
                {{"resourceArn", arn}, {"tagKeys", removed}});
  if (!tagMap(current).empty())
    callService(place, "stepfunctions", "TagResource",
                {{"resourceArn", arn}, {"tags", tagList(current, "key", "value")}});
}

}  // namespace

ProvisionedResource createStateMachine(AccountRegion& place, const ResourceRequest& request) {
  const json& p = request.properties;
  json input = {{"name", stateMachineName(place, request)},
                {"definition", definitionText(request)},
                {"roleArn", requiredProperty(request, "RoleArn")},
                {"type", p.value("StateMachineType", "STANDARD")}};
  if (p.contains("LoggingConfiguration"))
    input["loggingConfiguration"] = camelCaseKeys(p["LoggingConfiguration"]);
  if (p.contains("TracingConfiguration"))
    input["tracingConfiguration"] = camelCaseKeys(p["TracingConfiguration"]);
  if (p.contains("Tags")) input["tags"] = tagList(p["Tags"], "key", "value");
  json created = callService(place, "stepfunctions", "CreateStateMachine", input);
  return describedStateMachine(place, created.at("stateMachineArn").get<std::string>());
}

ProvisionedResource updateStateMachine(AccountRegion& place, const ResourceRequest& request,
                                       const ProvisionedResource& current, const json& previous) {
  const json& p = request.properties;
  // A new name or type is a new state machine.
  if (p.value("StateMachineName", json()) != previous.value("StateMachineName", json()) ||
      p.value("StateMachineType", "STANDARD") != previous.value("StateMachineType", "STANDARD"))
    return createStateMachine(place, request);
  json input = {{"stateMachineArn", current.physicalId},
                {"definition", definitionText(request)},
                {"roleArn", requiredProperty(request, "RoleArn")}};
  input["loggingConfiguration"] = p.contains("LoggingConfiguration")
                                      ? camelCaseKeys(p["LoggingConfiguration"])
                                      : json{{"level", "OFF"}};
  if (p.contains("TracingConfiguration"))
    input["tracingConfiguration"] = camelCaseKeys(p["TracingConfiguration"]);
  callService(place, "stepfunctions", "UpdateStateMachine", input);
  retag(place, current.physicalId, previous.value("Tags", json::array()),
        p.value("Tags", json::array()));
  return describedStateMachine(place, current.physicalId);
}

void removeStateMachine(AccountRegion& place, const ResourceRequest&,
                        const ProvisionedResource& current) {
  deleteQuietly(place, "stepfunctions", "DeleteStateMachine",
                {{"stateMachineArn", current.physicalId}});
}

ProvisionedResource createActivity(AccountRegion& place, const ResourceRequest& request) {
  json input = {{"name", requiredProperty(request, "Name")}};
  if (request.properties.contains("Tags"))
    input["tags"] = tagList(request.properties["Tags"], "key", "value");
  std::string arn = callService(place, "stepfunctions", "CreateActivity", input).at("activityArn");
  return {arn, {{"Arn", arn}, {"Name", input["name"]}}};
}

ProvisionedResource updateActivity(AccountRegion& place, const ResourceRequest& request,
                                   const ProvisionedResource& current, const json& previous) {
  if (request.properties.value("Name", json()) != previous.value("Name", json()))
    return createActivity(place, request);
  retag(place, current.physicalId, previous.value("Tags", json::array()),
        request.properties.value("Tags", json::array()));
  return current;
}

void removeActivity(AccountRegion& place, const ResourceRequest&,
                    const ProvisionedResource& current) {
  deleteQuietly(place, "stepfunctions", "DeleteActivity", {{"activityArn", current.physicalId}});
}

}  // namespace stepsim::app::cfn_resources
