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
  std::string sdkService, sdkAction;  // aws-sdk:<service>:<action>
};

// The resource classified, or the reason it is refused.
struct TaskResourceCheck {
  std::optional<TaskResource> resource;
  std::string error;
};

TaskResourceCheck classifyTaskResource(std::string_view resource);

}  // namespace stepsim::sfn
