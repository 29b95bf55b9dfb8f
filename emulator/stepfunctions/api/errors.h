#pragma once
// Step Functions' modeled errors: every client mistake is a 400 with the exception's name.
#include <string>

namespace stepsim::sfn {

[[noreturn]] void sfnError(const char* code, std::string message);
[[noreturn]] void invalidArn(std::string message);
[[noreturn]] void invalidName(std::string message);
[[noreturn]] void validationError(std::string message);  // ValidationException

// Names of state machines and executions: 1-80 characters, none of the characters AWS forbids.
void checkName(const std::string& name);

// An IAM role ARN (CreateStateMachine, UpdateStateMachine, TestState): InvalidArn otherwise.
void checkRoleArn(const std::string& role);

}  // namespace stepsim::sfn
