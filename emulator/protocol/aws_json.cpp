#include "emulator/protocol/aws_json.h"

#include <stdexcept>

#include "emulator/core/aws_error.h"
#include "emulator/core/json_text.h"
#include "emulator/core/utf8.h"
#include "emulator/protocol/shape_validator.h"

namespace stepsim::protocol {

namespace {

[[noreturn]] void unknownOperation(std::string message) {
  throw core::AwsError("UnknownOperationException", std::move(message), 400);
}

// A client-supplied value quoted in a message: bounded, so a huge header cannot bloat the reply.
std::string echoed(std::string_view text) {
  return "'" + std::string(core::utf8Truncate(text, 200)) + "'";
}

const Operation& targetOperation(const AwsJsonService& service, const HttpRequest& request) {
  std::string_view target = request.header("X-Amz-Target");
  if (target.empty()) unknownOperation("Missing X-Amz-Target header");
  std::string_view prefix = service.targetPrefix;
  if (target.size() <= prefix.size() || target.substr(0, prefix.size()) != prefix ||
      target[prefix.size()] != '.')
    unknownOperation("Unknown X-Amz-Target " + echoed(target));
  const Operation* op = service.model->findOperation(target.substr(prefix.size() + 1));
  if (!op) unknownOperation("Unknown operation " + echoed(target));
  return *op;
}

std::string contentType(const AwsJsonService& service) {
  const std::string& version = service.model->jsonVersion();
  return version.empty() ? std::string(kAwsJsonContentType) : "application/x-amz-json-" + version;
}

// A null member means absent in awsJson, as the validator treats it; dropping it here spares every
// handler that reads members with contains() or value() from meeting a null. Runs after
// validation, so the modeled part of the value has its shape's types and bounded depth.
void dropNullMembers(const Shape& shape, stepsim::Json& value) {
  if (shape.type == ShapeType::Structure && value.is_object()) {
    for (const Member& member : shape.members) {
      auto it = value.find(member.name);
      if (it == value.end()) continue;
      if (it->is_null())
        value.erase(it);
      else
        dropNullMembers(*member.shape, *it);
    }
  } else if (shape.type == ShapeType::List && shape.member && value.is_array()) {
    for (stepsim::Json& item : value) dropNullMembers(*shape.member, item);
  } else if (shape.type == ShapeType::Map && shape.value && value.is_object()) {
    for (stepsim::Json& item : value) dropNullMembers(*shape.value, item);  // the values
  }
}

}  // namespace

DecodedRequest decodeAwsJson(const AwsJsonService& service, const HttpRequest& request) {
  // SDKs only POST; a stray GET gets the same non-retried 400 as an unknown target.
  if (request.method != "POST")
    unknownOperation("awsJson operations are POST requests, not " + echoed(request.method));
  const Operation& op = targetOperation(service, request);

  DecodedRequest decoded;
  decoded.operation = op.name;
  decoded.input = request.body.empty()
                      ? stepsim::Json::object()
                      : parseJsonObjectBody(request.body, service.serializationErrorCode);
  // awsJson has no member locations: the body object is the whole input.
  checkAwsJsonInput(service, op, decoded.input);
  return decoded;
}

void checkAwsJsonInput(const AwsJsonService& service, const Operation& op, stepsim::Json& input) {
  // Timestamps (none in Step Functions inputs) arrive as epoch-second numbers, which
  // validateShape accepts.
  if (!op.input) return;
  validateShape(*op.input, input, {service.serializationErrorCode, service.validationErrorCode});
  dropNullMembers(*op.input, input);
}

HttpResponse encodeAwsJson(const AwsJsonService& service, std::string_view operation,
                           const stepsim::Json& output, std::string_view requestId) {
  if (!service.model->findOperation(operation))
    throw std::invalid_argument("encodeAwsJson: unknown operation " + std::string(operation));
  HttpResponse response;
  response.headers.emplace_back("Content-Type", contentType(service));
  response.headers.emplace_back("x-amzn-RequestId", std::string(requestId));
  // SDKs accept an empty body, but "{}" is what the service sends for empty outputs.
  response.body = output.is_object() ? core::serializeJson(output) : "{}";
  return response;
}

HttpResponse encodeAwsJsonError(const AwsJsonService& service, const core::AwsError& error,
                                std::string_view requestId) {
  return encodeError(error, requestId, contentType(service));
}

}  // namespace stepsim::protocol
