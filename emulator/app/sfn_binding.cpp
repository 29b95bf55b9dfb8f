#include "emulator/app/sfn_binding.h"

#include "emulator/app/account_region.h"
#include "emulator/app/permission_checks.h"
#include "emulator/app/service_protocols.h"
#include "emulator/app/wire_protocols.h"
#include "emulator/stepfunctions/api/sfn_service.h"

namespace stepsim::app::sfn_binding {
namespace {

const AwsJsonWire& awsJson() {
  static const AwsJsonWire wire(sfnProtocol());
  return wire;
}

// The operations that answer when their work ends, now or later (on the clock, or a long poll's
// wall time); nullptr for the others.
using Answering = void (sfn::StepFunctionsService::*)(const stepsim::Json&,
                                                      std::function<void(stepsim::Json)>);
Answering answeringHandler(std::string_view operation) {
  if (operation == "StartSyncExecution") return &sfn::StepFunctionsService::startSyncExecution;
  if (operation == "TestState") return &sfn::StepFunctionsService::testState;
  if (operation == "GetActivityTask") return &sfn::StepFunctionsService::getActivityTask;
  return nullptr;
}

// With permission checks on, a state machine's role must be one Step Functions can assume.
void checkExecutionRole(AccountRegion& place, const ServiceCall& call) {
  const std::string& operation = call.request.operation;
  if (operation != "CreateStateMachine" && operation != "UpdateStateMachine") return;
  auto role = call.request.input.find("roleArn");
  if (role == call.request.input.end()) return;
  if (auto denied = deniedAssumeRole(place, role->get<std::string>(), "states.amazonaws.com"))
    throw *denied;
}

}  // namespace

const WireProtocol& wire() {
  return awsJson();
}

void serve(AccountRegion& place, ServiceCall call, Answer answer) {
  sfn::StepFunctionsService& sfn = place.sfn();
  const std::string& operation = emulatedOperation(sfn, call);
  checkExecutionRole(place, call);
  if (Answering answering = answeringHandler(operation)) {
    (sfn.*answering)(call.request.input, [operation, requestId = call.requestId,
                                          answer = std::move(answer)](stepsim::Json output) {
      answer(awsJson().encode(operation, output, requestId));
    });
    return;
  }
  answerAtOnce(sfn, awsJson(), call, answer);
}

// Step Functions' actions are its operations, checked on the state machine, execution, activity
// or Map Run they name (a created one's ARN to be), or "*".
std::vector<Permission> permissions(const ServiceCall& call, const AwsPlace& place) {
  const stepsim::Json& input = call.request.input;
  const std::string& operation = call.request.operation;
  std::string action = "states:" + operation;
  std::string prefix = "arn:aws:states:" + place.region + ":" + place.account + ":";
  if (operation == "CreateStateMachine")
    return {{action, prefix + "stateMachine:" + stringMember(input, "name")}};
  if (operation == "CreateActivity")
    return {{action, prefix + "activity:" + stringMember(input, "name")}};
  for (const char* member : {"stateMachineArn", "executionArn", "activityArn", "mapRunArn",
                             "resourceArn", "stateMachineAliasArn"})
    if (std::string arn = stringMember(input, member); !arn.empty()) return {{action, arn}};
  return {{action, "*"}};
}

}  // namespace stepsim::app::sfn_binding
