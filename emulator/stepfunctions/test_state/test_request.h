#pragma once
// A TestState request checked and compiled: the state to run (its definition wrapped in a one-state
// machine so the ordinary compiler validates it, or a whole machine with `stateName`), the input,
// the inspection level and the optional mock. Every client mistake throws core::AwsError with the
// modeled exception AWS answers: InvalidDefinition, InvalidExecutionInput, InvalidArn or
// ValidationException.
#include <memory>
#include <optional>
#include <string>

#include "emulator/core/json.h"
#include "emulator/stepfunctions/program.h"
#include "emulator/stepfunctions/test_state/mock_result_check.h"

namespace stepsim::sfn {

enum class InspectionLevel { Info, Debug, Trace };

// mock: the Task (or Map/Parallel) answers this instead of calling a service.
struct TestMock {
  std::optional<stepsim::Json> result;
  std::string resultText;                    // `result` as the client wrote it
  std::optional<std::string> error, cause;  // errorOutput
  FieldValidationMode fieldValidation = FieldValidationMode::Strict;  // of `result`
};

struct TestRequest {
  std::shared_ptr<const Program> program;
  int state = 0;  // index of the state under test in `program`
  stepsim::Json input;
  std::string inputText = "{}";  // `input` as the client wrote it
  std::optional<std::string> roleArn;
  InspectionLevel level = InspectionLevel::Info;
  std::optional<TestMock> mock;
  stepsim::Json context;                  // an object merged into $$, or null
  std::optional<stepsim::Json> variables;  // workflow variables (an object)
  int retrierRetryCount = 0;               // stateConfiguration.retrierRetryCount

  const State& testedState() const { return program->states[static_cast<std::size_t>(state)]; }
};

// The name a lone state runs under (AWS reports it in $$.State.Name too).
inline constexpr const char* kTestedStateName = "StateName";

TestRequest parseTestRequest(const stepsim::Json& in);

}  // namespace stepsim::sfn
