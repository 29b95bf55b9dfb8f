#pragma once
// Errors are values with AWS names. A handler throws AwsError; the protocol layer renders it in the
// wire shape of its service (x-amzn-ErrorType header, __type and message in the body).
#include <stdexcept>
#include <string>

#include "emulator/core/json.h"

namespace stepsim::core {

struct AwsError : std::runtime_error {
  AwsError(std::string code, std::string message, int httpStatus = 400,
           stepsim::Json extraMembers = stepsim::Json::object())
      : std::runtime_error(message),
        code(std::move(code)),
        message(std::move(message)),
        httpStatus(httpStatus),
        extraMembers(std::move(extraMembers)) {}

  std::string code;
  std::string message;
  int httpStatus;
  // Modeled members of the exception shape beyond the message (e.g. Lambda's "Type").
  stepsim::Json extraMembers;
};

}  // namespace stepsim::core
