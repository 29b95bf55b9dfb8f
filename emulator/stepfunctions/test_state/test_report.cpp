#include "emulator/stepfunctions/test_state/test_report.h"

#include "emulator/core/json_text.h"

namespace stepsim::sfn {

namespace {

using json = stepsim::Json;

const char* toString(TestStatus status) {
  switch (status) {
    case TestStatus::Succeeded: return "SUCCEEDED";
    case TestStatus::Failed: return "FAILED";
    case TestStatus::Retriable: return "RETRIABLE";
    case TestStatus::CaughtError: return "CAUGHT_ERROR";
  }
  return "FAILED";
}

// A value as text: as the client wrote it when it is the request's input or mocked result.
std::string asText(const json& value, const TestRequest& request) {
  if (value == request.input) return request.inputText;
  if (request.mock && request.mock->result && value == *request.mock->result)
    return request.mock->resultText;
  return core::serializeJson(value);
}

json inspectionData(const Inspection& in, const TestRequest& request) {
  json out = json::object();
  auto text = [&](const char* field, const std::optional<json>& value) {
    if (value) out[field] = asText(*value, request);
  };
  text("input", in.input);
  text("afterArguments", in.afterArguments);
  text("afterInputPath", in.afterInputPath);
  text("afterParameters", in.afterParameters);
  text("result", in.result);
  text("afterResultSelector", in.afterResultSelector);
  text("afterResultPath", in.afterResultPath);
  if (in.variables && !in.variables->empty()) text("variables", in.variables);  // none: left out
  json details = json::object();
  if (in.catchIndex) details["catchIndex"] = *in.catchIndex;
  if (in.retryIndex) details["retryIndex"] = *in.retryIndex;
  if (in.retryBackoffIntervalSeconds)
    details["retryBackoffIntervalSeconds"] = *in.retryBackoffIntervalSeconds;
  if (!details.empty()) out["errorDetails"] = std::move(details);
  return out;
}

}  // namespace

json renderReport(const TestReport& report, const TestRequest& request) {
  json out = {{"status", toString(report.status)}};
  if (report.output) out["output"] = asText(*report.output, request);
  if (report.error) out["error"] = *report.error;
  if (report.cause) out["cause"] = *report.cause;
  if (report.nextState) out["nextState"] = *report.nextState;
  if (request.level != InspectionLevel::Info)
    out["inspectionData"] = inspectionData(report.inspection, request);
  return out;
}

}  // namespace stepsim::sfn
