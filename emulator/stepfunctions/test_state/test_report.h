#pragma once
// What one TestState run found, and how it is answered: INFO gives status, output, error, cause
// and nextState; DEBUG and TRACE add inspectionData, each data-flow step the state went through
// (absent steps are left out, as AWS leaves them out). JSON values travel as JSON text.
#include <optional>
#include <string>

#include "emulator/core/json.h"
#include "emulator/stepfunctions/test_state/test_request.h"

namespace stepsim::sfn {

enum class TestStatus { Succeeded, Failed, Retriable, CaughtError };

// JSONPath states report the afterInputPath ... afterResultPath steps, JSONata states
// afterArguments; `variables` are those after the state's assignments.
struct Inspection {
  std::optional<stepsim::Json> input, afterArguments, afterInputPath, afterItemsPath,
      afterParameters, result, afterResultSelector, afterResultPath, variables;
  // A Map state's settings as the test resolved them.
  std::optional<int> maxConcurrency, toleratedFailureCount;
  std::optional<double> toleratedFailurePercentage;
  std::optional<int> catchIndex, retryIndex, retryBackoffIntervalSeconds;
};

struct TestReport {
  TestStatus status = TestStatus::Succeeded;
  std::optional<stepsim::Json> output;
  std::optional<std::string> error, cause, nextState;
  Inspection inspection;
};

// TestState's output object. Data that is the request's input or mocked result unchanged is
// written as the client wrote it, as AWS writes it.
stepsim::Json renderReport(const TestReport& report, const TestRequest& request);

}  // namespace stepsim::sfn
