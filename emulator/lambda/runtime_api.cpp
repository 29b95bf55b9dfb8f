#include "emulator/lambda/runtime_api.h"

#include "emulator/core/json.h"
#include "emulator/core/json_text.h"
#include "emulator/lambda/invocation.h"

namespace stepsim::lambda {

namespace {

constexpr std::string_view kPrefix = "/2018-06-01/runtime/";

protocol::HttpResponse jsonResponse(int status, std::string body) {
  protocol::HttpResponse response;
  response.status = status;
  response.headers.emplace_back("Content-Type", "application/json");
  response.body = std::move(body);
  return response;
}

}  // namespace

RuntimeCall parseRuntimeCall(const protocol::HttpRequest& request) {
  RuntimeCall call;
  std::string_view path = request.path();
  if (path.substr(0, kPrefix.size()) != kPrefix) return call;
  path.remove_prefix(kPrefix.size());
  bool get = request.method == "GET", post = request.method == "POST";
  if (path == "invocation/next" && get) {
    call.kind = RuntimeCall::Next;
  } else if (path == "init/error" && post) {
    call.kind = RuntimeCall::InitError;
  } else if (post && path.substr(0, 11) == "invocation/") {
    std::string_view rest = path.substr(11);
    std::size_t slash = rest.find('/');
    if (slash == std::string_view::npos || slash == 0) return call;
    std::string_view action = rest.substr(slash + 1);
    if (action == "response") call.kind = RuntimeCall::Response;
    else if (action == "error") call.kind = RuntimeCall::Error;
    else return call;
    call.requestId = std::string(rest.substr(0, slash));
  }
  return call;
}

protocol::HttpResponse invocationResponse(const std::string& requestId,
                                          const std::string& invokedArn, std::int64_t deadlineMs,
                                          const std::optional<std::string>& clientContext,
                                          const std::string& payload) {
  protocol::HttpResponse response = jsonResponse(200, payload);
  response.headers.emplace_back("Lambda-Runtime-Aws-Request-Id", requestId);
  response.headers.emplace_back("Lambda-Runtime-Deadline-Ms", std::to_string(deadlineMs));
  response.headers.emplace_back("Lambda-Runtime-Invoked-Function-Arn", invokedArn);
  response.headers.emplace_back("Lambda-Runtime-Trace-Id", invocationTraceId(requestId));
  if (clientContext) response.headers.emplace_back("Lambda-Runtime-Client-Context", *clientContext);
  return response;
}

protocol::HttpResponse runtimeAccepted() {
  return jsonResponse(202, R"({"status":"OK"})");
}

protocol::HttpResponse runtimeError(int status, const std::string& type,
                                    const std::string& message) {
  return jsonResponse(status,
                      core::serializeJson({{"errorType", type}, {"errorMessage", message}}));
}

std::string errorBody(const protocol::HttpRequest& request) {
  std::string_view headerType = request.header("Lambda-Runtime-Function-Error-Type");
  stepsim::Json body = core::parseClientJson(request.body);
  if (body.is_object()) {
    // Invoke answers with the runtime's own text (Python's spaced JSON, Node's compact one).
    if (body.contains("errorType") || headerType.empty()) return request.body;
    body["errorType"] = headerType;
    return core::serializeJson(body);
  }
  return core::serializeJson(
      {{"errorType", headerType.empty() ? std::string_view("Unknown") : headerType},
       {"errorMessage", request.body.empty() ? std::string("Unknown error") : request.body}});
}

}  // namespace stepsim::lambda
