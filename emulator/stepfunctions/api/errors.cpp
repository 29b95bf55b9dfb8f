#include "emulator/stepfunctions/api/errors.h"

#include <string_view>

#include "emulator/core/aws_error.h"
#include "emulator/core/utf8.h"

namespace stepsim::sfn {

void sfnError(const char* code, std::string message) {
  throw core::AwsError(code, std::move(message), 400);
}

void invalidArn(std::string message) {
  sfnError("InvalidArn", std::move(message));
}

void invalidName(std::string message) {
  sfnError("InvalidName", std::move(message));
}

void validationError(std::string message) {
  sfnError("ValidationException", std::move(message));
}

// AWS's message quotes the name and says no more.
void checkName(const std::string& name) {
  constexpr std::string_view forbidden = " <>{}[]?*\"#%\\^|~`$&,;:/";
  std::size_t length = core::utf8Length(name);
  bool bad = length == 0 || length > 80;
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f || forbidden.find(static_cast<char>(c)) != std::string_view::npos)
      bad = true;
  if (bad) invalidName("Invalid Name: '" + name + "'");
}

void checkRoleArn(const std::string& role) {
  if (role.rfind("arn:aws:iam::", 0) != 0 || role.find(":role/") == std::string::npos)
    invalidArn("Invalid Role Arn: '" + role + "'");
}

}  // namespace stepsim::sfn
