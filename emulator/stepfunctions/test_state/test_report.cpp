#include "emulator/stepfunctions/test_state/test_report.h"

#include "emulator/core/json_text.h"

namespace stepsim::sfn {

namespace {

using nlohmann::json;

const char* toString(TestStatus status) {
  switch (status) {
    case TestStatus::Succeeded: return "SUCCEEDED";
    case TestStatus::Failed: return "FAILED";
    case TestStatus::Retriable: return "RETRIABLE";
    case TestStatus::CaughtError: return "CAUGHT_ERROR";
  }
  return "FAILED";
}

json inspectionData(const Inspection& in) {
  json out = json::object();
  auto text = [&](const char* field, const std::optional<json>& value) {
    if (value) out[field] = core::serializeJson(*value);
  };
  text("input", in.input);
  text("afterArguments", in.afterArguments);
  text("afterInputPath", in.afterInputPath);
  text("afterParameters", in.afterParameters);
  text("result", in.result);
  text("afterResultSelector", in.afterResultSelector);
  text("afterResultPath", in.afterResultPath);
  text("variables", in.variables);
  json details = json::object();
  if (in.catchIndex) details["catchIndex"] = *in.catchIndex;
  if (in.retryIndex) details["retryIndex"] = *in.retryIndex;
  if (in.retryBackoffIntervalSeconds)
    details["retryBackoffIntervalSeconds"] = *in.retryBackoffIntervalSeconds;
  if (!details.empty()) out["errorDetails"] = std::move(details);
  return out;
}

}  // namespace

json renderReport(const TestReport& report, InspectionLevel level) {
  json out = {{"status", toString(report.status)}};
  if (report.output) out["output"] = core::serializeJson(*report.output);
  if (report.error) out["error"] = *report.error;
  if (report.cause) out["cause"] = *report.cause;
  if (report.nextState) out["nextState"] = *report.nextState;
  if (level != InspectionLevel::Info) out["inspectionData"] = inspectionData(report.inspection);
  return out;
}

}  // namespace stepsim::sfn
