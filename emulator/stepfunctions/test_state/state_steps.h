#pragma once
// The state under test run as far as it goes without a service, in its query language: every
// state ends here (reported in run.report) except an unmocked Task, which hands back the call to
// make. A Wait is evaluated but not waited for; Map and Parallel run only with a mock, whose
// result stands for every branch's or iteration's.
#include <optional>

#include "emulator/core/json.h"
#include "emulator/stepfunctions/test_state/test_run.h"

namespace stepsim::sfn {

// What an unmocked Task asks of its service.
struct TaskCall {
  stepsim::Json parameters;  // after Parameters (JSONPath) or Arguments (JSONata)
  int timeoutSeconds = 0;     // TimeoutSeconds, fixed or evaluated; 0: none
};

// Throws StatesError when the state fails before its service is called.
std::optional<TaskCall> runJsonPathState(TestRun& run);
std::optional<TaskCall> runJsonataState(TestRun& run);

}  // namespace stepsim::sfn
