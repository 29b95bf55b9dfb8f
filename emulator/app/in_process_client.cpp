#include "emulator/app/in_process_client.h"

#include <memory>
#include <stdexcept>

#include "emulator/protocol/aws_query.h"
#include "emulator/protocol/service_model.h"

namespace stepsim::app {

stepsim::Json CallResult::json() const {
  if (body.empty()) return nullptr;
  stepsim::Json parsed = stepsim::Json::parse(body, nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? stepsim::Json() : parsed;
}

namespace {

// The text of the first <name> element of an XML error document, or empty.
std::string xmlElementText(const std::string& xml, const std::string& name) {
  std::string open = "<" + name + ">", close = "</" + name + ">";
  size_t begin = xml.find(open);
  if (begin == std::string::npos) return {};
  begin += open.size();
  size_t end = xml.find(close, begin);
  return end == std::string::npos ? std::string() : xml.substr(begin, end - begin);
}

}  // namespace

std::string CallResult::errorText() const {
  if (!answered) return "no answer";
  if (body.starts_with("<")) {  // the Query protocol's XML error (escapes left as written)
    std::string code = xmlElementText(body, "Code"), message = xmlElementText(body, "Message");
    if (!code.empty()) return code + ": " + message;
  }
  stepsim::Json parsed = json();
  std::string code, message;
  if (parsed.is_object()) {
    if (auto t = parsed.find("__type"); t != parsed.end() && t->is_string()) {
      code = t->get<std::string>();
      code = code.substr(code.find('#') + 1);
    }
    for (const char* key : {"message", "Message"})
      if (auto m = parsed.find(key); m != parsed.end() && m->is_string()) message = m->get<std::string>();
  }
  if (code.empty() && message.empty()) return "HTTP " + std::to_string(status) + " " + body;
  return code.empty() ? message : code + ": " + message;
}

protocol::HttpRequest InProcessClient::stepFunctions(std::string_view operation,
                                                     const stepsim::Json& body) {
  return awsJson(protocol::serviceModel("stepfunctions"), operation, body);
}

protocol::HttpRequest InProcessClient::awsJson(const protocol::ServiceModel& model,
                                               std::string_view operation,
                                               const stepsim::Json& body) {
  protocol::HttpRequest request;
  request.method = "POST";
  request.target = "/";
  request.headers = {{"Content-Type", "application/x-amz-json-" + model.jsonVersion()},
                     {"X-Amz-Target", model.targetPrefix() + "." + std::string(operation)}};
  request.body = body.dump();
  return request;
}

protocol::HttpRequest InProcessClient::operation(std::string_view service, std::string_view name,
                                                 const stepsim::Json& body) {
  const protocol::ServiceModel& model = protocol::serviceModel(service);
  if (model.protocol() == "json") return awsJson(model, name, body);
  if (model.protocol() == "query") return query(model, name, body);
  const protocol::Operation* op = model.findOperation(name);
  if (!op || op->requestUri.find('{') != std::string::npos)
    throw std::logic_error("no label-free " + std::string(service) + " operation " + std::string(name));
  return rest(op->method, op->requestUri, body);
}

protocol::HttpRequest InProcessClient::query(const protocol::ServiceModel& model,
                                             std::string_view operation,
                                             const stepsim::Json& body) {
  protocol::HttpRequest request;
  request.method = "POST";
  request.target = "/";
  // Query requests name their service only in the signature's credential scope.
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
                     {"Authorization", "AWS4-HMAC-SHA256 Credential=stepsim/20260101/us-east-1/" +
                                           model.signingName() + "/aws4_request"}};
  request.body = protocol::encodeAwsQueryForm(model, operation, body);
  return request;
}

protocol::HttpRequest InProcessClient::rest(std::string_view method, std::string_view target,
                                            const stepsim::Json& body) {
  protocol::HttpRequest request;
  request.method = method;
  request.target = target;
  request.headers = {{"Content-Type", "application/json"}};
  if (!body.is_null()) request.body = body.dump();
  return request;
}

void InProcessClient::send(const protocol::HttpRequest& request, std::function<void(CallResult)> done) {
  emulator_.dispatchIn(
      emulator_.defaultAccountRegion(), request, [done = std::move(done)](DispatchResult result) {
        done(CallResult{true, result.response.status, std::move(result.response.body)});
      });
}

CallResult InProcessClient::call(const protocol::HttpRequest& request) {
  auto answer = std::make_shared<CallResult>();
  send(request, [answer](CallResult result) { *answer = std::move(result); });
  return *answer;
}

}  // namespace stepsim::app
