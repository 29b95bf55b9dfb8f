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
#include "emulator/core/json_fwd.h"

namespace stepsim::app {

class AccountRegion;

struct Permission {
  std::string action;    // "lambda:InvokeFunction"
  std::string resource;  // an ARN, or "*"
};

// Where the resources are, for their ARNs.
struct AwsPlace {
  std::string region, account;
};

// A function named by name, partial ARN or ARN, as the ARN IAM compares ("…:function:NAME[:Q]").
std::string lambdaFunctionArn(const std::string& name, const std::string& qualifier,
                              const AwsPlace& place);
// The string member `name` of `object`, or "" (absent, or not a string).
std::string stringMember(const stepsim::Json& object, const char* name);

// The AccessDeniedException AWS answers when `roleArn` may not do one of `needed`, naming the
// role's session, the action and the resource; nullopt when every one is allowed, or checks are
// off, or (warn) after logging the denial.
// `principalArn` names the caller in the message (an STS session's ARN); without one, the role
// acts for a service, in a session of a random name as AWS's are.
std::optional<core::AwsError> deniedPermission(AccountRegion& place, std::string_view roleArn,
                                               const std::vector<Permission>& needed,
                                               std::string_view principalArn = {});

// Whether `service` ("states.amazonaws.com") may assume `roleArn`: the role exists and its trust
// policy allows it. Without checks, always.
std::optional<core::AwsError> deniedAssumeRole(AccountRegion& place, std::string_view roleArn,
                                               std::string_view servicePrincipal);

}  // namespace stepsim::app
