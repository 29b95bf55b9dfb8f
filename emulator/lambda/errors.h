#pragma once
// Lambda's modeled errors (aws-wire-protocols.md §2.2): status per exception, "Type": "User", and
// the message under both "message" and "Message" since the shapes disagree on the case.
#include <string>

#include "emulator/core/aws_error.h"
#include <string_view>

namespace stepsim::lambda {

[[noreturn]] void invalidParameter(std::string message);    // 400
[[noreturn]] void notFound(std::string message);            // 404 ResourceNotFoundException
[[noreturn]] void conflict(std::string message);            // 409 ResourceConflictException
[[noreturn]] void preconditionFailed(std::string message);  // 412
[[noreturn]] void requestTooLarge(std::string message);     // 413
[[noreturn]] void invalidContent(std::string message);      // 400 InvalidRequestContentException
// A Lambda error as a value (for outcomes delivered later), with Type and Message filled in.
core::AwsError lambdaError(const char* code, int status, std::string message);
// "Function not found: <arn>"
[[noreturn]] void functionNotFound(std::string_view arn);

// A value echoed into a message, cut short so huge inputs do not make huge errors.
std::string shown(std::string_view value);

}  // namespace stepsim::lambda
