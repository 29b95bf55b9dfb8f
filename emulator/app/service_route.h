#pragma once
// Which emulated service a request is for. The SigV4 credential scope names the service; unsigned
// requests fall back to X-Amz-Target and the path, as each service's binding recognises them. The
// Host header is never consulted: SDKs prefix it ("sync-localhost") for some Step Functions
// operations.
#include <string>
#include <string_view>

#include "emulator/app/service_binding.h"
#include "emulator/protocol/http_message.h"

namespace stepsim::app {

struct ServiceRoute {
  bool control = false;                     // stepsim's own API under /_stepsim/
  const ServiceBinding* binding = nullptr;  // the emulated service, or nullptr
  std::string signingName;  // from the credential scope when signed ("states", "s3", ...)

  // "control", the service's name, or "unknown" (for the request log).
  std::string_view logName() const;
};

ServiceRoute routeRequest(const protocol::HttpRequest& request);

// A browser opening the server's root (an unsigned GET or HEAD of "/" asking for HTML): it is sent
// on to the console, a control route.
bool isBrowserOpeningRoot(const protocol::HttpRequest& request);

// "AWS4-HMAC-SHA256 Credential=AKID/20261125/us-east-1/states/aws4_request, ..." → "states".
std::string_view credentialScopeService(std::string_view authorization);
// The access key id of the same header ("AKID"); empty when unsigned.
std::string_view credentialAccessKeyId(std::string_view authorization);
// Its region ("us-east-1"); empty when unsigned.
std::string_view credentialScopeRegion(std::string_view authorization);

}  // namespace stepsim::app
