#include "emulator/app/lambda_binding.h"

#include <variant>

#include "emulator/app/account_region.h"
#include "emulator/app/lambda_invoke_http.h"
#include "emulator/app/service_protocols.h"
#include "emulator/app/wire_protocols.h"
#include "emulator/lambda/lambda_service.h"

namespace stepsim::app::lambda_binding {
namespace {

// Lambda's exception shapes carry "Type" and a message whose key differs by shape ("Message" on
// ResourceNotFoundException, "message" elsewhere): add what the protocol layer's errors lack.
core::AwsError withLambdaMembers(core::AwsError error) {
  if (!error.extraMembers.is_object()) error.extraMembers = stepsim::Json::object();
  if (!error.extraMembers.contains("Type"))
    error.extraMembers["Type"] = error.httpStatus < 500 ? "User" : "Service";
  if (!error.extraMembers.contains("Message")) error.extraMembers["Message"] = error.message;
  return error;
}

const RestJsonWire& restJson() {
  static const RestJsonWire wire(lambdaProtocol(), &withLambdaMembers);
  return wire;
}

bool isDigit(char ch) {
  return ch >= '0' && ch <= '9';
}

}  // namespace

// Lambda's API lives under dated prefixes: /2015-03-31/, /2017-03-31/, /2018-10-31/, ...
bool ownsPath(std::string_view path) {
  static constexpr std::string_view kShape = "/20dd-dd-dd/";
  if (path.size() < kShape.size()) return false;
  for (size_t i = 0; i < kShape.size(); ++i) {
    if (kShape[i] == 'd' ? !isDigit(path[i]) : path[i] != kShape[i]) return false;
  }
  return true;
}

const WireProtocol& wire() {
  return restJson();
}

void serve(AccountRegion& place, ServiceCall call, Answer answer) {
  lambda::LambdaService& lambda = place.lambda();
  const std::string& operation = emulatedOperation(lambda, call);
  if (operation == "Invoke") {
    // The answer may come later (virtual time, real code); what it needs travels with it.
    lambda.invoke(
        invokeRequestFrom(call.request, call.requestId),
        [requestId = call.requestId, answer = std::move(answer)](lambda::InvokeOutcome outcome) {
          if (auto* error = std::get_if<core::AwsError>(&outcome))
            return answer(restJson().encodeError(*error, requestId));
          answer(
              invokeResponse(lambdaProtocol(), std::get<lambda::InvokeResult>(std::move(outcome))));
        });
    return;
  }
  protocol::HttpResponse response =
      restJson().encode(operation, lambda.handle(operation, call.request.input), call.requestId);
  // The model says 200, but Lambda answers DeleteFunction with 204 and no body.
  if (operation == "DeleteFunction") {
    response.status = 204;
    response.body.clear();
  }
  answer(std::move(response));
}

// Lambda's actions are its operations but for the Invoke family, all lambda:InvokeFunction; they
// are checked on the function (with its qualifier), or "*" for calls that name none.
std::vector<Permission> permissions(const ServiceCall& call, const AwsPlace& place) {
  const std::string& operation = call.request.operation;
  std::string action =
      operation.starts_with("Invoke") ? "lambda:InvokeFunction" : "lambda:" + operation;
  const stepsim::Json& input = call.request.input;
  std::string function = stringMember(input, "FunctionName");
  if (function.empty()) return {{action, "*"}};
  return {{action, lambdaFunctionArn(function, stringMember(input, "Qualifier"), place)}};
}

}  // namespace stepsim::app::lambda_binding
