#pragma once
// What a service acting with a role may do: the check AWS makes when Step Functions calls Lambda
// or Batch with a state machine's execution role, or a Lambda function's code calls a service
// with the function's role. Policies are the role's identity policies in IAM (inline, attached);
// `serve --iam` decides whether a denial refuses the call (enforce), is only logged (warn) or is
// not looked for (off, the default).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/aws_error.h"

namespace stepsim::app {

class Emulator;

struct Permission {
  std::string action;    // "lambda:InvokeFunction"
  std::string resource;  // an ARN, or "*"
};

// The AccessDeniedException AWS answers when `roleArn` may not do one of `needed`, naming the
// role's session, the action and the resource; nullopt when every one is allowed, or checks are
// off, or (warn) after logging the denial.
std::optional<core::AwsError> deniedPermission(Emulator& emulator, std::string_view roleArn,
                                               const std::vector<Permission>& needed);

// Whether `service` ("states.amazonaws.com") may assume `roleArn`: the role exists and its trust
// policy allows it. Without checks, always.
std::optional<core::AwsError> deniedAssumeRole(Emulator& emulator, std::string_view roleArn,
                                               std::string_view servicePrincipal);

}  // namespace stepsim::app
