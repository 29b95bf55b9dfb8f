#pragma once
// Calls the emulated services through Emulator::dispatchIn with the requests a real client would
// send (same routing, decoding, validation and rendering), in the default account and region, for
// in-process drivers: the demo and scenario runs.
#include <functional>
#include <string>
#include <string_view>

#include "emulator/app/emulator.h"
#include "emulator/core/json.h"
#include "emulator/protocol/service_model.h"

namespace stepsim::app {

struct CallResult {
  bool answered = false;  // false: the operation answers later and has not yet
  int status = 0;
  std::string body;

  bool ok() const { return answered && status < 300; }
  // The body as JSON (null when empty or not JSON).
  stepsim::Json json() const;
  // "ErrorCode: message" from an error body, or the status when the body says nothing.
  std::string errorText() const;
};

class InProcessClient {
 public:
  explicit InProcessClient(Emulator& emulator) : emulator_(emulator) {}

  // A Step Functions operation (awsJson 1.0).
  static protocol::HttpRequest stepFunctions(std::string_view operation, const stepsim::Json& body);
  // The request for a model operation of `service` ("batch", "iam", "lambda", "logs",
  // "stepfunctions", "sts"): method and path from the model (operations whose path has no labels),
  // awsJson for Step Functions and CloudWatch Logs, a form for the Query services.
  static protocol::HttpRequest operation(std::string_view service, std::string_view operation,
                                         const stepsim::Json& body);
  // An awsJson request (Step Functions, CloudWatch Logs): X-Amz-Target from the model.
  static protocol::HttpRequest awsJson(const protocol::ServiceModel& model,
                                       std::string_view operation, const stepsim::Json& body);
  // A Query protocol request (IAM, STS), signed in name only so it routes to its service.
  static protocol::HttpRequest query(const protocol::ServiceModel& model,
                                     std::string_view operation, const stepsim::Json& body);
  // A rest-json request (Batch, Lambda) or a control API request.
  static protocol::HttpRequest rest(std::string_view method, std::string_view target,
                                    const stepsim::Json& body);

  // Sends the request; `done` runs when it is answered (at once for most operations).
  void send(const protocol::HttpRequest& request, std::function<void(CallResult)> done);
  // Sends the request and returns what it answered at once (answered=false if nothing yet).
  CallResult call(const protocol::HttpRequest& request);

 private:
  Emulator& emulator_;
};

}  // namespace stepsim::app
