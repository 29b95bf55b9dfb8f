#pragma once
// The answer to a request for a service stepsim does not emulate, in the protocol its client
// speaks, so that the SDK reports the error rather than failing to parse the answer. The
// protocol is read from the request itself, since one signing name can cover services of several
// protocols: Smithy RPC v2 CBOR by its header, awsJson by its target or content type, the Query
// protocol by its form (XML; EC2 has its own shape), rest-xml by the signing name (its requests
// look like rest-json ones), and rest-json otherwise.
#include <span>
#include <string_view>

#include "emulator/core/aws_error.h"
#include "emulator/protocol/http_message.h"

namespace stepsim::protocol {

HttpResponse encodeErrorForClient(const HttpRequest& request, std::string_view signingName,
                                  const core::AwsError& error, std::string_view requestId);

// The signing names of the rest-xml services in botocore's models (generated), sorted.
std::span<const std::string_view> restXmlSigningNames();

}  // namespace stepsim::protocol
