#include "emulator/stepfunctions/test_state/test_run.h"

#include <algorithm>
#include <cmath>

#include "emulator/core/json_text.h"
#include "emulator/stepfunctions/asl/errors.h"
#include "emulator/stepfunctions/engine/data_flow.h"
#include "emulator/stepfunctions/engine/error_matching.h"
#include "emulator/stepfunctions/engine/jsonata_fields.h"

namespace stepsim::sfn {

using json = stepsim::Json;

namespace {

// Retry backoffs are reported as whole seconds; a runaway BackoffRate stays in range.
constexpr double kMaxBackoffSeconds = 99999999;

std::optional<std::string> stateNameAt(const Program& program, int index) {
  if (index < 0) return std::nullopt;
  return program.states[static_cast<std::size_t>(index)].name;
}

// Where the state goes: nothing when it ends the machine.
std::optional<std::string> nextName(const TestRun& run, int next) {
  if (next != kOwnNext) return stateNameAt(*run.request.program, next);
  const State& st = run.state();
  return st.end ? std::nullopt : stateNameAt(*run.request.program, st.next);
}

// The state exits with `output`: its assignments are stored, as when an execution moves on.
void leave(TestRun& run, json output, std::optional<Assignments> assigned,
           std::optional<std::string> next, TestStatus status) {
  TestReport& report = run.report;
  report.status = status;
  report.output = std::move(output);
  report.nextState = std::move(next);
  if (assigned) run.variables.commit(std::move(*assigned));
  reportVariables(run);
}

// The catcher's Assign and output; throws StatesError when they cannot be evaluated.
void catchFailure(TestRun& run, const Catcher& catcher, const std::string& error,
                  const std::string& cause) {
  json errorOutput = {{"Error", error}, {"Cause", cause}};
  std::optional<Assignments> assigned;
  json output;
  if (run.jsonata()) {
    jsonata::Environment environment = run.environment();
    JsonataExit exit =
        jsonataExit(catcher.assignOutput, run.jsonataInputs(environment, nullptr, &errorOutput),
                    run.variables);
    assigned = std::move(exit.assigned);
    output = exit.output ? std::move(*exit.output) : errorOutput;
  } else {
    assigned = assignJsonPath(catcher.assignOutput, run.evalContext(errorOutput), run.variables);
    output = applyResultPath(catcher.resultPath, run.request.input, errorOutput);
  }
  leave(run, std::move(output), std::move(assigned), nextName(run, catcher.next),
        TestStatus::CaughtError);
}

}  // namespace

TestRun::TestRun(core::Simulation& simulation, TestRequest testRequest, json contextObject)
    : sim(simulation), request(std::move(testRequest)), context(std::move(contextObject)) {}

jsonata::Environment TestRun::environment() const {
  return jsonataEnvironment(sim.now(), random());
}

void reportVariables(TestRun& run) {
  if (run.request.variables || !run.variables.empty())
    run.report.inspection.variables = run.variables.visible();
}

void exitJsonPath(TestRun& run, const AssignAndOutput& ao, const json& assignFrom, json output,
                  int next) {
  std::optional<Assignments> assigned = assignJsonPath(ao, run.evalContext(assignFrom), run.variables);
  json out = applyPathFilter(run.state().outputPath, output, "OutputPath", run.context, &run.variables);
  leave(run, std::move(out), std::move(assigned), nextName(run, next), TestStatus::Succeeded);
}

void exitJsonata(TestRun& run, const AssignAndOutput& ao, const json* result, int next) {
  jsonata::Environment environment = run.environment();
  JsonataExit exit = jsonataExit(ao, run.jsonataInputs(environment, result), run.variables);
  json output = exit.output ? std::move(*exit.output) : result ? *result : run.request.input;
  leave(run, std::move(output), std::move(exit.assigned), nextName(run, next),
        TestStatus::Succeeded);
}

void completeWithResult(TestRun& run, json result) {
  const State& st = run.state();
  if (run.jsonata()) return exitJsonata(run, st.assignOutput, &result);
  if (st.resultSelector) result = st.resultSelector->evaluate(run.evalContext(result));
  Inspection& seen = run.report.inspection;
  seen.afterResultSelector = result;
  std::optional<Assignments> assigned =
      assignJsonPath(st.assignOutput, run.evalContext(result), run.variables);
  json merged = applyResultPath(st.resultPath, run.request.input, std::move(result));
  seen.afterResultPath = merged;
  json output = applyPathFilter(st.outputPath, merged, "OutputPath", run.context, &run.variables);
  leave(run, std::move(output), std::move(assigned), nextName(run, kOwnNext),
        TestStatus::Succeeded);
}

void applyOutcome(TestRun& run, const TaskOutcome& outcome) {
  try {
    if (outcome.failed) return reportFailure(run, outcome.error, outcome.cause);
    if (std::optional<std::string> cause = payloadLimitCause(outcome.output, run.state().name))
      return reportFailure(run, "States.DataLimitExceeded", *cause);
    run.report.inspection.result = outcome.output;
    completeWithResult(run, outcome.output);
  } catch (const StatesError& e) {
    reportFailure(run, e.error, e.cause);
  }
}

void reportFailure(TestRun& run, std::string error, std::string cause) {
  const State& st = run.state();
  TestReport& report = run.report;
  report.output.reset();
  report.nextState.reset();
  report.status = TestStatus::Failed;
  if (int i = findRetrier(st.retry, error); i >= 0) {
    const Retrier& retrier = st.retry[static_cast<std::size_t>(i)];
    int retries = run.request.retrierRetryCount;
    if (retries < retrier.maxAttempts) {
      double backoff = retrier.intervalSeconds * std::pow(retrier.backoffRate, retries);
      if (retrier.maxDelaySeconds) backoff = std::min(backoff, *retrier.maxDelaySeconds);
      report.status = TestStatus::Retriable;
      report.inspection.retryIndex = i;
      report.inspection.retryBackoffIntervalSeconds =
          static_cast<int>(std::llround(std::min(backoff, kMaxBackoffSeconds)));
    }
  }
  if (report.status == TestStatus::Failed) {
    if (int c = findCatcher(st.catches, error); c >= 0) {
      try {
        catchFailure(run, st.catches[static_cast<std::size_t>(c)], error, cause);
        report.inspection.catchIndex = c;
      } catch (const StatesError& e) {  // the catcher's ResultPath, Assign or Output failed
        error = e.error;
        cause = e.cause;
      }
    }
  }
  report.error = std::move(error);
  report.cause = std::move(cause);
}

}  // namespace stepsim::sfn
