#include "emulator/stepfunctions/test_state/test_report.h"

#include "emulator/core/json_text.h"

namespace stepsim::sfn {

namespace {

using json = stepsim::Json;

const char* toString(TestStatus status) {
  switch (status) {
    case TestStatus::Succeeded:
      return "SUCCEEDED";
    case TestStatus::Failed:
      return "FAILED";
    case TestStatus::Retriable:
      return "RETRIABLE";
    case TestStatus::CaughtError:
      return "CAUGHT_ERROR";
  }
  return "FAILED";
}

// Values as text: as the client wrote them while they are the request's input or mocked result
// unchanged (the same members in the same order: JSON equality would ignore the order), else
// compact.
class ReportText {
 public:
  explicit ReportText(const TestRequest& request)
      : request_(request),
        input_(core::serializeJson(request.input)),
        mocked_(mockedResult() ? core::serializeJson(*mockedResult()) : "") {}

  std::string operator()(const json& value) const {
    std::string compact = core::serializeJson(value);
    if (compact == input_) return request_.inputText;
    if (mockedResult() && compact == mocked_) return request_.mock->resultText;
    return compact;
  }

 private:
  const json* mockedResult() const {
    return request_.mock && request_.mock->result ? &*request_.mock->result : nullptr;
  }

  const TestRequest& request_;
  std::string input_;
  std::string mocked_;
};

json inspectionData(const Inspection& in, const ReportText& asText) {
  json out = json::object();
  auto text = [&](const char* field, const std::optional<json>& value) {
    if (value) out[field] = asText(*value);
  };
  text("input", in.input);
  text("afterArguments", in.afterArguments);
  text("afterInputPath", in.afterInputPath);
  text("afterItemsPath", in.afterItemsPath);
  text("afterParameters", in.afterParameters);
  text("result", in.result);
  text("afterResultSelector", in.afterResultSelector);
  text("afterResultPath", in.afterResultPath);
  if (in.variables && !in.variables->empty()) text("variables", in.variables);  // none: left out
  if (in.maxConcurrency) out["maxConcurrency"] = *in.maxConcurrency;
  if (in.toleratedFailureCount) out["toleratedFailureCount"] = *in.toleratedFailureCount;
  if (in.toleratedFailurePercentage)
    out["toleratedFailurePercentage"] = *in.toleratedFailurePercentage;
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
  const ReportText asText(request);
  if (report.output) out["output"] = asText(*report.output);
  if (report.error) out["error"] = *report.error;
  if (report.cause) out["cause"] = *report.cause;
  if (report.nextState) out["nextState"] = *report.nextState;
  if (request.level != InspectionLevel::Info)
    out["inspectionData"] = inspectionData(report.inspection, asText);
  return out;
}

}  // namespace stepsim::sfn
