#pragma once
// The AWS Query protocol (IAM, STS), driven by the botocore service model. A request is a form
// (POST body, or GET query string) naming the operation in `Action`; its members are flattened
// into dotted names: `Tags.member.1.Key`, `Map.entry.1.key`/`.value`, `Struct.Member`. Answers
// are XML: `<OpResponse xmlns><OpResult>…</OpResult><ResponseMetadata><RequestId>`; errors are
// `<ErrorResponse><Error><Type>Sender|Receiver</Type><Code><Message></Error><RequestId>`, the
// shapes botocore and the JS SDK parse.
#include <string>
#include <string_view>

#include "emulator/core/aws_error.h"
#include "emulator/core/json_fwd.h"
#include "emulator/protocol/http_message.h"
#include "emulator/protocol/rest_json.h"
#include "emulator/protocol/service_model.h"

namespace stepsim::protocol {

struct AwsQueryService {
  const ServiceModel* model;
  std::string validationErrorCode;  // a value that breaks the model or is not of its type
};

// The input as one JSON object named as in the model (lists as arrays, maps as objects, numbers
// and booleans typed), validated against the input shape. Throws core::AwsError 400: MissingAction
// without `Action`, InvalidAction for an operation the model lacks, the validation error for a
// value of the wrong type, a missing required member, an enum, length, range or pattern violation.
// Members the model does not have are ignored.
DecodedRequest decodeAwsQuery(const AwsQueryService& service, const HttpRequest& request);

// Success: 200, text/xml, the output's members written in model order (timestamps given as epoch
// seconds become ISO 8601). Throws std::invalid_argument for an unknown operation.
HttpResponse encodeAwsQuery(const AwsQueryService& service, std::string_view operation,
                            const stepsim::Json& output, std::string_view requestId);

// The form a client sends for `operation` with `input` (named as in the model): Action, Version
// and the input's members flattened as decodeAwsQuery reads them. For in-process clients and
// tests. Throws std::invalid_argument for an unknown operation.
std::string encodeAwsQueryForm(const ServiceModel& model, std::string_view operation,
                               const stepsim::Json& input);

// The Query protocol's error document; Type is Sender below status 500, Receiver from it.
HttpResponse encodeAwsQueryError(const core::AwsError& error, std::string_view requestId);
// The same, in the shape the other codecs' error encoders have.
inline HttpResponse encodeAwsQueryError(const AwsQueryService&, const core::AwsError& error,
                                        std::string_view requestId) {
  return encodeAwsQueryError(error, requestId);
}

}  // namespace stepsim::protocol
