#pragma once
// What a Task's Resource names, and whether stepsim can run it: Lambda function ARNs, the
// optimized Lambda and Batch integrations, AWS SDK integrations for Batch and Lambda, nested
// executions and activities. Well-formed integrations of services stepsim does not emulate are
// accepted as Unemulated (only a mock config can answer for them). Anything else is refused at
// validation with a message naming the resource.
#include <optional>
#include <string>
#include <string_view>

#include "emulator/stepfunctions/program.h"

namespace stepsim::sfn {

struct TaskResource {
  TaskKind kind = TaskKind::LambdaArn;
  IntegrationPattern pattern = IntegrationPattern::RequestResponse;
  // What an integration calls, as its ARN spells it: "lambda"/"invoke", "states"/"startExecution",
  // "kms"/"encrypt" for aws-sdk:kms:encrypt. Empty for function and activity ARNs.
  std::string sdkService, sdkAction;
};

// "submitJob" -> "SubmitJob": integration actions are the API's operations in camelCase (and
// Step Functions capitalizes an operation's result members the same way).
std::string operationName(std::string_view action);
// The botocore model of an integration's service: "sfn" (aws-sdk) and "states" (optimized) are
// "stepfunctions", "eventbridge" is "events", the others are their own names.
std::string_view sdkModelName(std::string_view sdkService);

// The resource classified, or the reason it is refused.
struct TaskResourceCheck {
  std::optional<TaskResource> resource;
  std::string error;
};

TaskResourceCheck classifyTaskResource(std::string_view resource);

}  // namespace stepsim::sfn
