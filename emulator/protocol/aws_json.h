#pragma once
// The awsJson protocol (1.0: Step Functions; 1.1: CloudWatch Logs), driven by the botocore service
// model: every request is POST with X-Amz-Target "<targetPrefix>.<Operation>" and a JSON object
// body whose top-level members are the operation's input, validated against the input shape before
// a handler sees it. Answers carry the Content-Type of the model's jsonVersion.
#include <string>
#include <string_view>

#include "emulator/core/json.h"
#include "emulator/protocol/http_message.h"
#include "emulator/protocol/rest_json.h"
#include "emulator/protocol/service_model.h"

namespace stepsim::protocol {

// Also the Content-Type to pass to encodeError for awsJson errors.
inline constexpr std::string_view kAwsJsonContentType = "application/x-amz-json-1.0";

struct AwsJsonService {
  const ServiceModel* model;
  std::string targetPrefix;  // "AWSStepFunctions"
  std::string
      serializationErrorCode;       // malformed JSON or a wrong JSON type: SerializationException
  std::string validationErrorCode;  // a value breaks the model: ValidationException
};

// Throws core::AwsError 400: UnknownOperationException for a method other than POST, a missing
// X-Amz-Target, another prefix or an operation the model lacks; the serialization error for a body
// that does not parse, is not an object, or has a member of the wrong JSON type; the validation
// error (message names the member path) for a missing required member or an enum, length, range or
// pattern violation. An empty body is `{}`. Unknown members, the path and the Content-Type are
// ignored (SDKs always send application/x-amz-json-1.0; curl users often do not).
DecodedRequest decodeAwsJson(const AwsJsonService& service, const HttpRequest& request);
// The checks decodeAwsJson makes of a body object, for input that arrives otherwise (a Step
// Functions aws-sdk task's Parameters): validated against `op`'s model, then null members dropped,
// as the services read a null as absent.
void checkAwsJsonInput(const AwsJsonService& service, const Operation& op, stepsim::Json& input);

// Success response: 200, Content-Type application/x-amz-json-<version>, x-amzn-RequestId, and
// `output` as compact JSON ("{}" when it is not an object). Values are written as given: handlers
// already put timestamps as epoch-second numbers. Throws std::invalid_argument for an unknown
// operation.
HttpResponse encodeAwsJson(const AwsJsonService& service, std::string_view operation,
                           const stepsim::Json& output, std::string_view requestId);

// encodeError (rest_json.h) with the service's awsJson Content-Type.
HttpResponse encodeAwsJsonError(const AwsJsonService& service, const core::AwsError& error,
                                std::string_view requestId);

}  // namespace stepsim::protocol
