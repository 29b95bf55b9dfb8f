#pragma once
// Which emulated service a request is for. The SigV4 credential scope names the service; unsigned
// requests fall back to X-Amz-Target and the path. The Host header is never consulted: SDKs prefix
// it ("sync-localhost") for some Step Functions operations.
#include <string>
#include <string_view>

#include "emulator/protocol/http_message.h"

namespace stepsim::app {

enum class Service { Control, StepFunctions, Lambda, Batch, Unknown };

struct ServiceRoute {
  Service service = Service::Unknown;
  std::string signingName;  // from the credential scope when signed ("states", "s3", ...)
};

ServiceRoute routeRequest(const protocol::HttpRequest& request);

// "AWS4-HMAC-SHA256 Credential=AKID/20261125/us-east-1/states/aws4_request, ..." → "states".
std::string_view credentialScopeService(std::string_view authorization);

std::string_view serviceLogName(Service service);

}  // namespace stepsim::app
