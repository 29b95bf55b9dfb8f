#include "emulator/stepfunctions/test_state/state_steps.h"

#include "emulator/stepfunctions/asl/errors.h"
#include "emulator/stepfunctions/engine/data_flow.h"
#include "emulator/stepfunctions/engine/jsonata_fields.h"
#include "emulator/stepfunctions/engine/state_fields.h"

namespace stepsim::sfn {

using json = stepsim::Json;

namespace {

TaskOutcome mockedOutcome(const TestMock& mock) {
  if (mock.result) return TaskOutcome::success(*mock.result);
  return TaskOutcome::failure(mock.error.value_or(""), mock.cause.value_or(""));
}

// The Choice's next state: the rule taken, else the Default.
int choiceNext(const State& st, const ChoiceBranch* taken) {
  int next = taken ? taken->next : st.defaultNext;
  if (next < 0)
    throw StatesError{"States.NoChoiceMatched",
                      "No Choice Rules matched and no Default was specified"};
  return next;
}

// A Fail state has no Retry or Catch: the test fails with its Error and Cause as they are.
void failWith(TestRun& run, FailTexts texts) {
  run.report.status = TestStatus::Failed;
  run.report.error = std::move(texts.error);
  run.report.cause = std::move(texts.cause);
}

// A mocked Parallel: AWS runs no branch and reports only what the mocked result became (no
// input processing, no `result`).
void mockedParallel(TestRun& run) {
  applyOutcome(run, mockedOutcome(*run.request.mock));
  run.report.inspection.result.reset();
}

// A mocked Map: AWS resolves its items (they must be an array) and settings, runs no iteration
// and, as for a Parallel, reports no `result`.
void mockedMap(TestRun& run, const json* items, const std::optional<JsonPath>& itemsPath) {
  const State& st = run.state();
  Inspection& seen = run.report.inspection;
  if (items && !items->is_array()) throw itemsNotArrayError(itemsPath ? &*itemsPath : nullptr);
  jsonata::Environment environment = run.environment();
  JsonataInputs in = run.jsonataInputs(environment);
  const json& effective = seen.afterInputPath ? *seen.afterInputPath : run.request.input;
  MapSettings settings = mapSettings(st, effective, run.context, &run.variables,
                                     st.queryLanguage == QueryLanguage::JSONata ? &in : nullptr);
  seen.maxConcurrency = settings.maxConcurrency;
  seen.toleratedFailureCount = settings.toleratedFailureCount;
  seen.toleratedFailurePercentage = settings.toleratedFailurePercentage;
  mockedParallel(run);
}

}  // namespace

std::optional<TaskCall> runJsonPathState(TestRun& run) {
  const TestRequest& r = run.request;
  const State& st = run.state();
  Inspection& seen = run.report.inspection;
  // InputPath applies to every state (Fail has none: its effective input is the input).
  json effective = applyPathFilter(st.inputPath, r.input, "InputPath", run.context, &run.variables);
  switch (st.type) {
    case StateType::Pass: {
      // With Result the input is not processed, and AWS reports only the result.
      if (st.result) {
        seen.result = *st.result;
        completeWithResult(run, *st.result);
        return std::nullopt;
      }
      seen.afterInputPath = effective;
      json parameters =
          st.parameters ? st.parameters->evaluate(run.evalContext(effective)) : std::move(effective);
      seen.afterParameters = parameters;
      completeWithResult(run, std::move(parameters));
      return std::nullopt;
    }
    case StateType::Parallel:  // mocked (an unmocked one was refused with the request)
      mockedParallel(run);
      return std::nullopt;
    case StateType::Task: {
      seen.afterInputPath = effective;
      json parameters = st.parameters ? st.parameters->evaluate(run.evalContext(effective)) : effective;
      seen.afterParameters = parameters;
      if (r.mock) {
        applyOutcome(run, mockedOutcome(*r.mock));
        return std::nullopt;
      }
      int timeout = taskSeconds(st.timeoutSeconds, st.timeoutSecondsPath, "TimeoutSecondsPath",
                                effective, run.context, &run.variables);
      return TaskCall{std::move(parameters), timeout};
    }
    case StateType::Map: {
      seen.afterInputPath = effective;
      json items = effective;
      if (st.itemsPath) {
        const json& root = pathRoot(*st.itemsPath, effective, run.context, &run.variables);
        std::optional<json> found = st.itemsPath->evaluate(root);
        if (!found) throw invalidPathError(*st.itemsPath, root);
        seen.afterItemsPath = items = std::move(*found);
      }
      mockedMap(run, &items, st.itemsPath);
      return std::nullopt;
    }
    case StateType::Choice: {
      seen.afterInputPath = effective;
      const ChoiceBranch* taken = jsonPathChoice(st, effective, run.context, &run.variables);
      int next = choiceNext(st, taken);
      exitJsonPath(run, taken ? taken->assignOutput : st.assignOutput, effective, effective, next);
      return std::nullopt;
    }
    case StateType::Wait:
      seen.afterInputPath = effective;
      // The test does not wait, but SecondsPath / TimestampPath must resolve as at run time.
      waitEnd(st, effective, run.context, run.sim.now(), &run.variables);
      exitJsonPath(run, st.assignOutput, effective, effective);
      return std::nullopt;
    case StateType::Succeed:
      seen.afterInputPath = effective;
      exitJsonPath(run, st.assignOutput, effective, effective);
      return std::nullopt;
    case StateType::Fail: {
      seen.afterInputPath = effective;
      jsonata::Environment environment = run.environment();
      failWith(run, failTexts(st, run.evalContext(r.input), run.jsonataInputs(environment)));
      return std::nullopt;
    }
  }
  return std::nullopt;
}

// JSONata states have no InputPath, Parameters, ResultSelector or ResultPath: AWS reports the
// input, the Arguments' value (afterArguments) and the result.
std::optional<TaskCall> runJsonataState(TestRun& run) {
  const TestRequest& r = run.request;
  const State& st = run.state();
  Inspection& seen = run.report.inspection;
  jsonata::Environment environment = run.environment();
  JsonataInputs in = run.jsonataInputs(environment);
  switch (st.type) {
    case StateType::Pass:
    case StateType::Succeed:
      exitJsonata(run, st.assignOutput);
      return std::nullopt;
    case StateType::Parallel:
      mockedParallel(run);
      return std::nullopt;
    case StateType::Task: {
      json arguments = r.input;
      if (st.jsonata && st.jsonata->arguments) {
        arguments = st.jsonata->arguments->evaluate(in);
        seen.afterArguments = arguments;
      }
      if (r.mock) {
        applyOutcome(run, mockedOutcome(*r.mock));
        return std::nullopt;
      }
      int timeout = jsonataSeconds(st.timeoutSeconds,
                                   st.jsonata ? st.jsonata->timeoutSeconds : std::nullopt, in);
      return TaskCall{std::move(arguments), timeout};
    }
    case StateType::Map:
      mockedMap(run, nullptr, std::nullopt);
      return std::nullopt;
    case StateType::Choice: {
      const ChoiceBranch* taken = jsonataChoice(st, in);
      int next = choiceNext(st, taken);
      exitJsonata(run, taken ? taken->assignOutput : st.assignOutput, nullptr, next);
      return std::nullopt;
    }
    case StateType::Wait:
      // Seconds / Timestamp are evaluated and checked as at run time; the test does not wait.
      jsonataWaitEnd(st, in, run.sim.now());
      exitJsonata(run, st.assignOutput);
      return std::nullopt;
    case StateType::Fail:
      failWith(run, failTexts(st, run.evalContext(r.input), in));
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace stepsim::sfn
