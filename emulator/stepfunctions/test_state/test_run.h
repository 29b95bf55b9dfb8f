#pragma once
// One TestState run of the state under test, and the ways it ends: with a result or an output
// (Assign, then ResultSelector / ResultPath / OutputPath in JSONPath, Output in JSONata), or with a
// failure met by Retry and Catch, which the test reports instead of carrying out. Both query
// languages go through the interpreter's helpers so a test answers what an execution would do.
#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/json.h"
#include "emulator/core/simulation.h"
#include "emulator/jsonata/jsonata.h"
#include "emulator/stepfunctions/engine/integrations.h"
#include "emulator/stepfunctions/engine/variables.h"
#include "emulator/stepfunctions/test_state/test_report.h"
#include "emulator/stepfunctions/test_state/test_request.h"

namespace stepsim::sfn {

// The id stream of TestState's $$ names, States.UUID and $random().
inline constexpr std::string_view kTestStateIdStream = "sfn-test-state";
// A state's own Next (its Choice rule's or catcher's otherwise).
inline constexpr int kOwnNext = -2;

struct TestRun {
  TestRun(core::Simulation& simulation, TestRequest testRequest, stepsim::Json contextObject);

  core::Simulation& sim;
  TestRequest request;
  stepsim::Json context;   // $$, $states.context
  VariableScope variables;  // the request's, then the state's assignments once it exits
  TestReport report;

  const State& state() const { return request.testedState(); }
  bool jsonata() const { return state().queryLanguage == QueryLanguage::JSONata; }
  core::Random& random() const { return sim.ids(kTestStateIdStream); }
  EvalContext evalContext(const stepsim::Json& input) const {
    return EvalContext{input, context, random(), &variables};
  }
  jsonata::Environment environment() const;
  // What a JSONata expression of the state reads; `environment` must outlive the use.
  JsonataInputs jsonataInputs(const jsonata::Environment& environment,
                              const stepsim::Json* result = nullptr,
                              const stepsim::Json* errorOutput = nullptr) const {
    return JsonataInputs{request.input, context, result, errorOutput, &variables, &environment};
  }
};

// inspectionData.variables: the variables as they stand (AWS shows them after the state's
// assignments); left out when the request gave none and nothing was assigned.
void reportVariables(TestRun& run);

// JSONPath: Assign over `assignFrom`, then `output` through OutputPath.
void exitJsonPath(TestRun& run, const AssignAndOutput& ao, const stepsim::Json& assignFrom,
                  stepsim::Json output, int next = kOwnNext);
// JSONata: Assign and Output, with $states.result when the state has a result.
void exitJsonata(TestRun& run, const AssignAndOutput& ao, const stepsim::Json* result = nullptr,
                 int next = kOwnNext);
// The rest of a state that produced `result`: ResultSelector → Assign → ResultPath → OutputPath,
// or in JSONata Assign and Output.
void completeWithResult(TestRun& run, stepsim::Json result);
// A Task's (or a mocked Map's or Parallel's) answer taken through the rest of the state.
void applyOutcome(TestRun& run, const TaskOutcome& outcome);
// A failure meets the state's Retry and Catch: RETRIABLE, CAUGHT_ERROR or FAILED.
void reportFailure(TestRun& run, std::string error, std::string cause);

}  // namespace stepsim::sfn
