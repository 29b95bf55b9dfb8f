#include "emulator/http/request_guard.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

#include <spdlog/spdlog.h>

#include "emulator/app/service_route.h"
#include "emulator/core/aws_error.h"
#include "emulator/core/utf8.h"
#include "emulator/protocol/rest_json.h"
#include "emulator/protocol/service_model.h"

namespace stepsim::http {

namespace {

using protocol::equalsIgnoreCase;
using protocol::HttpRequest;
using protocol::HttpResponse;

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool startsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool startsWithIgnoreCase(std::string_view text, std::string_view lowerPrefix) {
  return text.size() >= lowerPrefix.size() && equalsIgnoreCase(text.substr(0, lowerPrefix.size()), lowerPrefix);
}

bool endsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// "Localhost.:4566" → "localhost", "[::1]:4566" → "::1": the host of a Host header or an origin's
// authority, lower-cased, without port, brackets or a trailing dot.
std::string hostOf(std::string_view authority) {
  std::string_view host = authority;
  if (startsWith(host, "[")) {
    std::size_t close = host.find(']');
    host = close == std::string_view::npos ? host.substr(1) : host.substr(1, close - 1);
  } else if (std::size_t colon = host.rfind(':'); colon != std::string_view::npos &&
                                                  host.find(':') == colon) {
    host = host.substr(0, colon);
  }
  if (endsWith(host, ".")) host.remove_suffix(1);
  return lowered(host);
}

// An IP literal as 16 bytes (IPv4 as IPv4-mapped IPv6), so the two spellings compare equal.
std::optional<std::array<unsigned char, 16>> ipBytes(const std::string& text) {
  std::array<unsigned char, 16> bytes{};
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    bytes[10] = bytes[11] = 0xff;
    std::memcpy(bytes.data() + 12, &v4, 4);
    return bytes;
  }
  if (inet_pton(AF_INET6, text.c_str(), bytes.data()) == 1) return bytes;
  return std::nullopt;
}

bool sameHost(const std::string& a, std::string_view b) {
  std::string other = hostOf(b);
  if (a.empty() || other.empty()) return false;
  auto x = ipBytes(a), y = ipBytes(other);
  return x && y ? *x == *y : a == other;
}

bool listed(const std::vector<std::string>& list, std::string_view value) {
  return std::any_of(list.begin(), list.end(), [&](const std::string& entry) {
    return entry == "*" || equalsIgnoreCase(entry, value);
  });
}

// What SDKs may put before the endpoint's host for some operations, from the models.
const std::vector<std::string>& modelHostPrefixes() {
  static const std::vector<std::string> prefixes = [] {
    std::vector<std::string> found;
    for (std::string_view service : protocol::embeddedServices())
      for (const auto& op : protocol::serviceModel(service).operations())
        if (!op->hostPrefix.empty() &&
            std::find(found.begin(), found.end(), op->hostPrefix) == found.end())
          found.push_back(lowered(op->hostPrefix));
    return found;
  }();
  return prefixes;
}

std::string mediaType(std::string_view contentType) {
  std::string_view type = contentType.substr(0, contentType.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  return lowered(type);
}

// What an AWS SDK sends and a page cannot without a preflight.
bool carriesAwsSignal(const HttpRequest& request) {
  if (!app::credentialScopeService(request.header("authorization")).empty()) return true;
  for (const auto& [name, value] : request.headers)
    if (startsWithIgnoreCase(name, "x-amz-") || startsWithIgnoreCase(name, "amz-sdk-")) return true;
  std::string type = mediaType(request.header("content-type"));
  return type == "application/json" || startsWith(type, "application/x-amz-json-");
}

bool isControl(const HttpRequest& request) {
  std::string_view path = request.path();
  return path == "/_stepsim" || startsWith(path, "/_stepsim/");
}

// A refusal in the services' error shape; the server adds the request id.
HttpResponse refusal(int status, const std::string& code, const std::string& message) {
  spdlog::warn("refused: {}", message);
  return protocol::encodeError(core::AwsError(code, message, status), "");
}

std::string quoted(std::string_view text) {
  return "'" + std::string(core::utf8Truncate(text, 200)) + "'";
}

}  // namespace

bool isLoopbackHost(std::string_view host) {
  std::string name = hostOf(host);
  if (name == "localhost" || endsWith(name, ".localhost")) return true;
  auto bytes = ipBytes(name);
  if (!bytes) return false;
  static constexpr std::array<unsigned char, 16> kV6Loopback{0, 0, 0, 0, 0, 0, 0, 0,
                                                             0, 0, 0, 0, 0, 0, 0, 1};
  bool v4 = std::all_of(bytes->begin(), bytes->begin() + 10, [](unsigned char b) { return !b; }) &&
            (*bytes)[10] == 0xff && (*bytes)[11] == 0xff;
  return *bytes == kV6Loopback || (v4 && (*bytes)[12] == 127);
}

RequestGuard::RequestGuard(GuardOptions options) : options_(std::move(options)) {}

bool RequestGuard::hostAllowed(std::string_view hostHeader, std::string_view localAddress) const {
  std::string host = hostOf(hostHeader);
  if (host.empty()) return true;  // no Host (HTTP/1.0): not a browser, which always sends one
  auto allowed = [&](const std::string& name) {
    return isLoopbackHost(name) || sameHost(name, options_.listenHost) ||
           sameHost(name, localAddress) || listed(options_.allowedHosts, name);
  };
  if (allowed(host)) return true;
  for (const std::string& prefix : modelHostPrefixes())
    if (startsWith(host, prefix) && allowed(host.substr(prefix.size()))) return true;
  return false;
}

bool RequestGuard::originAllowed(std::string_view origin, std::string_view hostHeader) const {
  std::string_view trimmed = endsWith(origin, "/") ? origin.substr(0, origin.size() - 1) : origin;
  if (listed(options_.allowedOrigins, trimmed)) return true;
  std::size_t scheme = trimmed.find("://");
  if (scheme == std::string_view::npos) return false;  // "null" (sandboxed frames, files)
  std::string protocol = lowered(trimmed.substr(0, scheme));
  std::string_view authority = trimmed.substr(scheme + 3);
  if ((protocol != "http" && protocol != "https") || authority.empty() ||
      authority.find('/') != std::string_view::npos)
    return false;
  // A loopback page, or stepsim's own (a console served from this port).
  return isLoopbackHost(authority) || equalsIgnoreCase(authority, hostHeader);
}

std::optional<HttpResponse> RequestGuard::screen(const HttpRequest& request,
                                                 std::string_view localAddress) const {
  std::string_view host = request.header("host");
  if (!hostAllowed(host, localAddress))
    return refusal(403, "AccessDeniedException",
                   "stepsim does not answer requests for host " + quoted(host) +
                       ": it answers loopback names (localhost, 127.0.0.1, [::1]), the address it "
                       "listens on, and names allowed with --allow-host (a web page reaching a "
                       "local port through a host name of its own is a DNS-rebinding attack)");
  std::string_view origin = request.header("origin");
  bool preflight = request.method == "OPTIONS" && !origin.empty() &&
                   !request.header("access-control-request-method").empty();
  if (!origin.empty() && !originAllowed(origin, host))
    return refusal(403, "AccessDeniedException",
                   "stepsim does not answer web pages of other origins (Origin " + quoted(origin) +
                       "): it runs code for whoever reaches it. Pages on loopback hosts are "
                       "answered; allow another with --allow-origin");
  if (preflight) {
    HttpResponse answer;
    answer.status = 204;
    answer.setHeader("Access-Control-Allow-Origin", std::string(origin));
    answer.setHeader("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE");
    std::string_view asked = request.header("access-control-request-headers");
    if (!asked.empty()) answer.setHeader("Access-Control-Allow-Headers", std::string(asked));
    answer.setHeader("Access-Control-Max-Age", "600");
    answer.setHeader("Vary", "Origin");
    return answer;
  }
  if (request.channel != 0) return std::nullopt;  // a Lambda worker's own Runtime API
  if (isControl(request) || app::isBrowserOpeningRoot(request)) {
    if (!request.body.empty() && mediaType(request.header("content-type")) != "application/json")
      return refusal(415, "UnsupportedMediaType",
                     "control requests with a body must send Content-Type: application/json");
    return std::nullopt;
  }
  if (!carriesAwsSignal(request))
    return refusal(403, "MissingAuthenticationTokenException",
                   "Missing Authentication Token: stepsim serves AWS API requests as AWS SDKs "
                   "send them, signed (Authorization: AWS4-HMAC-SHA256 Credential=...) or with "
                   "X-Amz-Target, an X-Amz-* header or a JSON Content-Type");
  return std::nullopt;
}

void RequestGuard::addCorsHeaders(const HttpRequest& request, HttpResponse& response) const {
  std::string_view origin = request.header("origin");
  if (origin.empty() || !originAllowed(origin, request.header("host"))) return;
  std::string exposed;
  for (const auto& [name, value] : response.headers) exposed += (exposed.empty() ? "" : ", ") + name;
  response.setHeader("Access-Control-Allow-Origin", std::string(origin));
  response.setHeader("Vary", "Origin");
  if (!exposed.empty()) response.setHeader("Access-Control-Expose-Headers", exposed);
}

}  // namespace stepsim::http
