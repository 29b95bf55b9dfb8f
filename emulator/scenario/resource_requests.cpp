#include "emulator/scenario/resource_requests.h"

#include "emulator/core/aws_error.h"
#include "emulator/core/base64.h"
#include "emulator/lambda/code_package.h"
#include "emulator/protocol/service_model.h"
#include "emulator/protocol/shape_validator.h"
#include "emulator/protocol/unknown_members.h"

namespace stepsim::scenario {

std::optional<RequestProblem> checkAgainstModel(const std::string& service, const std::string& operation,
                                                const stepsim::Json& request) {
  const protocol::ServiceModel& model = protocol::serviceModel(service);
  const protocol::Operation* op = model.findOperation(operation);
  if (!op || !op->input) return std::nullopt;
  if (auto unknown = protocol::findUnknownMember(*op->input, request))
    return RequestProblem{unknown->pointer, "unknown member (the " + model.serviceId() + " model's " +
                                                unknown->shape + " has no such member)"};
  try {
    protocol::validateShape(*op->input, request, {"SerializationException", "ValidationException"});
  } catch (const core::AwsError& error) {
    return RequestProblem{"", "not a valid " + operation + " request: " + error.message};
  }
  return std::nullopt;
}

namespace {

// The role ARN scenario resources get when they name none.
constexpr const char* kScenarioRoleArn = "arn:aws:iam::123456789012:role/stepsim-scenario";

stepsim::Json createFunctionRequest(const Scenario& scenario, const stepsim::Json& function) {
  stepsim::Json request = function;
  if (!request.contains("Role")) request["Role"] = kScenarioRoleArn;
  if (!request.contains("Runtime")) request["Runtime"] = "python3.12";
  if (!request.contains("Handler")) request["Handler"] = "index.handler";
  if (!request.contains("Code") || request["Code"].contains("Path")) {
    auto package = scenario.packages.find(function["FunctionName"].get<std::string>());
    request["Code"] = {{"ZipFile", core::encodeBase64(package == scenario.packages.end()
                                                          ? lambda::emptyZipPackage()
                                                          : std::string_view(package->second))}};
  }
  return request;
}

stepsim::Json createStateMachineRequest(const Scenario& scenario, const stepsim::Json& machine) {
  stepsim::Json request = {{"name", machine["name"]},
                            {"definition", scenario.definitions.at(machine["name"].get<std::string>())},
                            {"roleArn", machine.value("roleArn", std::string(kScenarioRoleArn))},
                            {"type", machine.value("type", "STANDARD")}};
  if (machine.contains("tags")) request["tags"] = machine["tags"];
  return request;
}

// IAM takes policy documents as text; a scenario may write them as the JSON they are.
stepsim::Json withPolicyText(stepsim::Json request) {
  for (const char* member : {"AssumeRolePolicyDocument", "PolicyDocument"})
    if (auto it = request.find(member); it != request.end() && it->is_object()) *it = it->dump();
  return request;
}

}  // namespace

stepsim::Json requestBody(const Scenario& scenario, const ApiResource& kind, const stepsim::Json& resource) {
  std::string_view key = kind.key;
  if (key == "functions") return createFunctionRequest(scenario, resource);
  if (key == "stateMachines") return createStateMachineRequest(scenario, resource);
  if (std::string_view(kind.service) == "iam") return withPolicyText(resource);
  return resource;
}

}  // namespace stepsim::scenario
