#include "emulator/app/service_route.h"

namespace stepsim::app {
namespace {

bool startsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool isDigit(char ch) { return ch >= '0' && ch <= '9'; }

// Lambda's API lives under dated prefixes: /2015-03-31/, /2017-03-31/, /2018-10-31/, ...
bool isDatedPrefix(std::string_view path) {
  static constexpr std::string_view kShape = "/20dd-dd-dd/";
  if (path.size() < kShape.size()) return false;
  for (size_t i = 0; i < kShape.size(); ++i) {
    if (kShape[i] == 'd' ? !isDigit(path[i]) : path[i] != kShape[i]) return false;
  }
  return true;
}

Service serviceForSigningName(std::string_view name) {
  if (name == "states") return Service::StepFunctions;
  if (name == "lambda") return Service::Lambda;
  if (name == "batch") return Service::Batch;
  return Service::Unknown;
}

}  // namespace

std::string_view credentialScopeService(std::string_view authorization) {
  size_t at = authorization.find("Credential=");
  if (at == std::string_view::npos) return {};
  std::string_view scope = authorization.substr(at + 11);
  scope = scope.substr(0, scope.find_first_of(", "));
  // AKID / date / region / service / aws4_request
  for (int skip = 0; skip < 3; ++skip) {
    size_t slash = scope.find('/');
    if (slash == std::string_view::npos) return {};
    scope.remove_prefix(slash + 1);
  }
  return scope.substr(0, scope.find('/'));
}

ServiceRoute routeRequest(const protocol::HttpRequest& request) {
  std::string_view path = request.path();
  if (startsWith(path, "/_stepsim/") || path == "/_stepsim") return {Service::Control, {}};

  std::string_view signingName = credentialScopeService(request.header("authorization"));
  if (!signingName.empty())
    return {serviceForSigningName(signingName), std::string(signingName)};

  if (startsWith(request.header("x-amz-target"), "AWSStepFunctions."))
    return {Service::StepFunctions, {}};
  if (startsWith(path, "/v1/")) return {Service::Batch, {}};
  if (isDatedPrefix(path)) return {Service::Lambda, {}};
  return {Service::Unknown, {}};
}

std::string_view serviceLogName(Service service) {
  switch (service) {
    case Service::Control: return "control";
    case Service::StepFunctions: return "states";
    case Service::Lambda: return "lambda";
    case Service::Batch: return "batch";
    case Service::Unknown: return "unknown";
  }
  return "unknown";
}

}  // namespace stepsim::app
