#include "emulator/lambda/errors.h"

#include "emulator/core/aws_error.h"

namespace stepsim::lambda {

namespace {

[[noreturn]] void fail(const char* code, int status, std::string message) {
  throw lambdaError(code, status, std::move(message));
}

}  // namespace

core::AwsError lambdaError(const char* code, int status, std::string message) {
  stepsim::Json extra = {{"Type", status < 500 ? "User" : "Service"}, {"Message", message}};
  return core::AwsError(code, std::move(message), status, std::move(extra));
}

void invalidParameter(std::string message) {
  fail("InvalidParameterValueException", 400, std::move(message));
}
void notFound(std::string message) {
  fail("ResourceNotFoundException", 404, std::move(message));
}
void conflict(std::string message) {
  fail("ResourceConflictException", 409, std::move(message));
}
void preconditionFailed(std::string message) {
  fail("PreconditionFailedException", 412, std::move(message));
}
void requestTooLarge(std::string message) {
  fail("RequestTooLargeException", 413, std::move(message));
}
void invalidContent(std::string message) {
  fail("InvalidRequestContentException", 400, std::move(message));
}
void functionNotFound(std::string_view arn) {
  notFound("Function not found: " + std::string(arn));
}

std::string shown(std::string_view value) {
  constexpr std::size_t kMax = 200;
  if (value.size() <= kMax) return std::string(value);
  std::size_t cut = kMax;
  // Never split a UTF-8 sequence: back up over continuation bytes.
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  return std::string(value.substr(0, cut)) + "...";
}

}  // namespace stepsim::lambda
