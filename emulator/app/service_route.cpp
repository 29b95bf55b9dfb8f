#include "emulator/app/service_route.h"

#include <algorithm>

namespace stepsim::app {

namespace {

// "AKID/date/region/service/aws4_request", or empty.
std::string_view credential(std::string_view authorization) {
  size_t at = authorization.find("Credential=");
  if (at == std::string_view::npos) return {};
  std::string_view scope = authorization.substr(at + 11);
  return scope.substr(0, scope.find_first_of(", "));
}

// Part `index` of the credential: 0 the access key id, 1 the date, 2 the region, 3 the service.
std::string_view credentialPart(std::string_view authorization, int index) {
  std::string_view scope = credential(authorization);
  for (int skip = 0; skip < index; ++skip) {
    size_t slash = scope.find('/');
    if (slash == std::string_view::npos) return {};
    scope.remove_prefix(slash + 1);
  }
  return scope.substr(0, scope.find('/'));
}

}  // namespace

std::string_view credentialAccessKeyId(std::string_view authorization) {
  return credentialPart(authorization, 0);
}

std::string_view credentialScopeRegion(std::string_view authorization) {
  return credentialPart(authorization, 2);
}

std::string_view credentialScopeService(std::string_view authorization) {
  return credentialPart(authorization, 3);
}

bool isBrowserOpeningRoot(const protocol::HttpRequest& request) {
  return (request.method == "GET" || request.method == "HEAD") && request.path() == "/" &&
         request.header("authorization").empty() && request.header("x-amz-target").empty() &&
         request.header("accept").find("text/html") != std::string_view::npos;
}

ServiceRoute routeRequest(const protocol::HttpRequest& request) {
  ServiceRoute route;
  std::string_view path = request.path();
  if (path.starts_with("/_stepsim/") || path == "/_stepsim" || isBrowserOpeningRoot(request)) {
    route.control = true;
    return route;
  }

  std::string_view signingName = credentialScopeService(request.header("authorization"));
  if (!signingName.empty()) {
    route.binding = bindingNamed(signingName);
    route.signingName = signingName;
    return route;
  }

  // The target header names a service more surely than a path does.
  std::string_view target = request.header("x-amz-target");
  auto claimsByTarget = [&](const ServiceBinding& b) {
    return !b.targetPrefix.empty() && target.starts_with(b.targetPrefix);
  };
  auto claimsByPath = [&](const ServiceBinding& b) { return b.ownsPath && b.ownsPath(path); };
  auto bindings = serviceBindings();
  auto found = std::find_if(bindings.begin(), bindings.end(), claimsByTarget);
  if (found == bindings.end()) found = std::find_if(bindings.begin(), bindings.end(), claimsByPath);
  if (found != bindings.end()) route.binding = &*found;
  return route;
}

std::string_view ServiceRoute::logName() const {
  if (control) return "control";
  return binding ? binding->name : "unknown";
}

}  // namespace stepsim::app
