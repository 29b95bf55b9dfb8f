#include "emulator/scenario/resource_requests.h"

#include "emulator/core/aws_error.h"
#include "emulator/core/base64.h"
#include "emulator/lambda/code_package.h"
#include "emulator/protocol/service_model.h"
#include "emulator/protocol/shape_validator.h"
#include "emulator/protocol/unknown_members.h"

namespace stepsim::scenario {

std::optional<RequestProblem> checkAgainstModel(const std::string& service, const std::string& operation,
                                                const nlohmann::json& request) {
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

nlohmann::json createFunctionRequest(const nlohmann::json& function, const std::string& zipBase64) {
  nlohmann::json request = function;
  if (!request.contains("Role")) request["Role"] = kScenarioRoleArn;
  if (!request.contains("Runtime")) request["Runtime"] = "python3.12";
  if (!request.contains("Handler")) request["Handler"] = "index.handler";
  if (!request.contains("Code") || request["Code"].contains("Path"))
    request["Code"] = {{"ZipFile", zipBase64.empty() ? core::encodeBase64(lambda::emptyZipPackage()) : zipBase64}};
  return request;
}

}  // namespace stepsim::scenario
