#pragma once
// Who may talk to stepsim. It runs real code for whoever reaches its port (Lambda functions,
// scenarios), so nothing a web page can send may reach it. A browser marks what a page sends: a
// cross-origin request carries the page's Origin, a DNS-rebinding page reaches the port under a
// host name of its own (the Host header), and without a CORS preflight a page can send only
// "simple" requests, which carry no Authorization, no X-Amz-* header and no JSON content type.
// So, before anything is routed:
//   - Host must name a loopback host (localhost, *.localhost, 127.0.0.0/8, ::1), the address
//     stepsim was told to listen on or the request arrived on, or a name allowed with
//     --allow-host (after any host prefix an operation's model gives SDKs, like "sync-");
//   - Origin, when present, must be a loopback origin, the page's own (same host and port as
//     Host), or one allowed with --allow-origin; only those get CORS preflights answered and
//     Access-Control-Allow-Origin on their answers;
//   - a request for an AWS service must carry what an AWS SDK sends and a simple request cannot:
//     a SigV4 Authorization header, X-Amz-Target, an X-Amz-* or amz-sdk-* header, or a JSON
//     content type (403 MissingAuthenticationTokenException otherwise, as AWS answers);
//   - a control request (/_stepsim/...) with a body must say Content-Type: application/json; a
//     browser opening "/" is sent on to the console (/_stepsim/ui/), which only reads.
// Requests with no Origin and a loopback Host (every SDK, the CLI, curl) pass as before.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/protocol/http_message.h"

namespace stepsim::http {

struct GuardOptions {
  std::string listenHost = "127.0.0.1";     // --host as given
  std::vector<std::string> allowedHosts;    // --allow-host: host names; "*" allows any
  std::vector<std::string> allowedOrigins;  // --allow-origin: "scheme://host[:port]"; "*" any
};

class RequestGuard {
 public:
  explicit RequestGuard(GuardOptions options);

  // The answer to give instead of serving `request` (a refusal, or the answer to a CORS
  // preflight), or nullopt to serve it. `localAddress` is the address the connection arrived on.
  std::optional<protocol::HttpResponse> screen(const protocol::HttpRequest& request,
                                               std::string_view localAddress) const;

  // Adds Access-Control-Allow-Origin (and what goes with it) to an answer to an allowed Origin;
  // nothing for requests without one or from a refused one.
  void addCorsHeaders(const protocol::HttpRequest& request,
                      protocol::HttpResponse& response) const;

 private:
  bool hostAllowed(std::string_view host, std::string_view localAddress) const;
  bool originAllowed(std::string_view origin, std::string_view host) const;

  GuardOptions options_;
};

// Whether `host` (a name or IP literal, no port) is a loopback host.
bool isLoopbackHost(std::string_view host);

}  // namespace stepsim::http
