#pragma once
// The rest-json protocol (Lambda, Batch), driven entirely by the botocore service model: routes
// come from each operation's http.method + http.requestUri, members are bound from their modeled
// location (uri label, querystring, header, payload, JSON body) and the whole input is validated
// against the input shape before a handler sees it.
#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/aws_error.h"
#include "emulator/core/json.h"
#include "emulator/protocol/http_message.h"
#include "emulator/protocol/service_model.h"

namespace stepsim::protocol {

struct RestJsonService {
  const ServiceModel* model;
  std::string serializationErrorCode;  // malformed JSON body (Batch: ClientException)
  std::string validationErrorCode;     // a value breaks the model (Batch: ClientException)
};

struct DecodedRequest {
  std::string operation;  // model name, e.g. "SubmitJob"
  stepsim::Json input;   // one object holding every bound member, named as in the model
  // The raw body when the input's payload member is a blob or string (Lambda Invoke); that member
  // is then absent from `input` and the body is not parsed as JSON.
  std::optional<std::string> payload;
};

// A JSON request body that must be an object; throws core::AwsError(serializationErrorCode, ...,
// 400) when it does not parse or is not an object. Shared by the rest-json and awsJson decoders.
stepsim::Json parseJsonObjectBody(const std::string& body,
                                   const std::string& serializationErrorCode);

// Throws core::AwsError: 400 UnknownOperationException when no operation matches method and path;
// the service's serialization error for an unparsable or non-object body or a member of the wrong
// JSON type; the service's validation error (message names the member path) for a missing required
// member, an enum, length, range or pattern violation. Unknown members are ignored, as AWS does.
DecodedRequest decodeRestJson(const RestJsonService& service, const HttpRequest& request);

// Success response: status from the model's http.responseCode (default 200), output members with a
// header location as headers, a payload member as the raw body, the rest as a JSON body ("{}" when
// empty), Content-Type application/json, x-amzn-RequestId.
HttpResponse encodeRestJson(const RestJsonService& service, std::string_view operation,
                            const stepsim::Json& output, std::string_view requestId);

// The same success response for an output already serialized as a JSON object, for operations
// whose output shape has only body members.
HttpResponse encodeRestJsonBody(const RestJsonService& service, std::string_view operation,
                                std::string body, std::string_view requestId);

// Error response in the shape every SDK maps to a modeled exception: the error's status,
// x-amzn-ErrorType header and {"__type": code, "message": message, ...extraMembers} body,
// x-amzn-RequestId. jsonContentType is "application/json" (rest-json) or
// "application/x-amz-json-1.0" (awsJson1.0).
HttpResponse encodeError(const core::AwsError& error, std::string_view requestId,
                         std::string_view jsonContentType = "application/json");

}  // namespace stepsim::protocol
