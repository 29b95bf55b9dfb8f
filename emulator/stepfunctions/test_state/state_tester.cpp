#include "emulator/stepfunctions/test_state/state_tester.h"

#include <algorithm>
#include <cmath>

#include "emulator/core/json_text.h"
#include "emulator/core/time_types.h"
#include "emulator/stepfunctions/asl/errors.h"
#include "emulator/stepfunctions/engine/data_flow.h"
#include "emulator/stepfunctions/engine/error_matching.h"
#include "emulator/stepfunctions/engine/state_fields.h"
#include "emulator/stepfunctions/engine/variables.h"
#include "emulator/stepfunctions/test_state/test_report.h"

namespace stepsim::sfn {

using nlohmann::json;

struct StateTester::Attempt {
  std::uint64_t id = 0;
  TestRequest request;
  Done done;
  json context;  // $$
  VariableScope variables;  // the request's `variables`
  TestReport report;
  std::optional<core::TimerId> timer;  // TestState's limit or the Task's TimeoutSeconds
  std::function<void()> cancelTask;
  bool settled = false;  // the Task answered or timed out: later answers are ignored

  const State& state() const { return request.testedState(); }
};

namespace {

constexpr std::string_view kIdStream = "sfn-test-state";
// Retry backoffs are reported as whole seconds; a runaway BackoffRate stays in range.
constexpr double kMaxBackoffSeconds = 99999999;

std::optional<std::string> stateNameAt(const Program& program, int index) {
  if (index < 0) return std::nullopt;
  return program.states[static_cast<std::size_t>(index)].name;
}

// Where a state that completes goes next: nothing when it ends the machine.
std::optional<std::string> nextOf(const TestRequest& r) {
  const State& st = r.testedState();
  return st.end ? std::nullopt : stateNameAt(*r.program, st.next);
}

// $$ as AWS builds it for a test: a one-off express execution of an unnamed machine; the request's
// `context` (allowed with a mock) overrides any part of it.
json contextObject(core::Simulation& sim, const TestRequest& r) {
  const auto& config = sim.config();
  std::string machine = "TestStateMachine";
  std::string name = sim.ids(kIdStream).uuid();
  std::string prefix = "arn:aws:states:" + config.region + ":" + config.account + ":";
  std::string now = core::formatIso8601(sim.now());
  json context = {
      {"Execution",
       {{"Id", prefix + "express:" + machine + ":" + name},
        {"Input", r.input},
        {"Name", name},
        {"RoleArn", r.roleArn ? json(*r.roleArn) : json(nullptr)},
        {"StartTime", now}}},
      {"StateMachine", {{"Id", prefix + "stateMachine:" + machine}, {"Name", machine}}},
      {"State",
       {{"Name", r.testedState().name}, {"EnteredTime", now}, {"RetryCount", r.retrierRetryCount}}}};
  if (r.context.is_object()) context.merge_patch(r.context);
  return context;
}

// A failure meets the state's Retry and Catch: the test reports what the execution would do next
// instead of doing it.
void reportFailure(const TestRequest& r, TestReport& report, std::string error, std::string cause) {
  const State& st = r.testedState();
  report.output.reset();
  report.nextState.reset();
  report.status = TestStatus::Failed;
  if (int i = findRetrier(st.retry, error); i >= 0) {
    const Retrier& retrier = st.retry[static_cast<std::size_t>(i)];
    if (r.retrierRetryCount < retrier.maxAttempts) {
      double backoff = retrier.intervalSeconds * std::pow(retrier.backoffRate, r.retrierRetryCount);
      if (retrier.maxDelaySeconds) backoff = std::min(backoff, *retrier.maxDelaySeconds);
      report.status = TestStatus::Retriable;
      report.inspection.retryIndex = i;
      report.inspection.retryBackoffIntervalSeconds =
          static_cast<int>(std::llround(std::min(backoff, kMaxBackoffSeconds)));
    }
  }
  if (report.status == TestStatus::Failed) {
    if (int c = findCatcher(st.catches, error); c >= 0) {
      const Catcher& catcher = st.catches[static_cast<std::size_t>(c)];
      try {
        report.output = applyResultPath(catcher.resultPath, r.input,
                                        json{{"Error", error}, {"Cause", cause}});
        report.status = TestStatus::CaughtError;
        report.nextState = stateNameAt(*r.program, catcher.next);
        report.inspection.catchIndex = c;
      } catch (const StatesError& e) {  // the catcher's ResultPath does not fit the input
        error = e.error;
        cause = e.cause;
      }
    }
  }
  report.error = std::move(error);
  report.cause = std::move(cause);
}

// The rest of a state that produced `result`: ResultSelector → ResultPath → OutputPath.
void completeWithResult(const TestRequest& r, TestReport& report, json result, const json& context,
                        core::Random& random) {
  const State& st = r.testedState();
  if (st.resultSelector) result = st.resultSelector->evaluate(EvalContext{result, context, random});
  report.inspection.afterResultSelector = result;
  json merged = applyResultPath(st.resultPath, r.input, std::move(result));
  report.inspection.afterResultPath = merged;
  report.output = applyPathFilter(st.outputPath, merged, "OutputPath", context);
  report.nextState = nextOf(r);
  report.status = TestStatus::Succeeded;
}

// A Task's (or a mocked Map's or Parallel's) answer taken through the rest of the state.
void applyOutcome(const TestRequest& r, TestReport& report, const TaskOutcome& outcome,
                  const json& context, core::Random& random) {
  try {
    if (outcome.failed) return reportFailure(r, report, outcome.error, outcome.cause);
    if (core::serializeJson(outcome.output).size() > kMaxPayloadBytes)
      return reportFailure(r, report, "States.DataLimitExceeded",
                           "The state/task '" + r.testedState().name +
                               "' returned a result with a size exceeding the maximum number of "
                               "bytes service limit.");
    report.inspection.result = outcome.output;
    completeWithResult(r, report, outcome.output, context, random);
  } catch (const StatesError& e) {
    reportFailure(r, report, e.error, e.cause);
  }
}

TaskOutcome mockedOutcome(const TestMock& mock) {
  if (mock.result) return TaskOutcome::success(*mock.result);
  return TaskOutcome::failure(mock.error.value_or(""), mock.cause.value_or(""));
}

}  // namespace

StateTester::StateTester(core::Simulation& simulation, Integrations& integrations)
    : sim_(simulation), integrations_(integrations) {}

StateTester::~StateTester() {
  for (auto& [id, attempt] : waiting_)
    if (attempt->timer) sim_.cancel(*attempt->timer);
}

void StateTester::run(TestRequest request, Done done) {
  auto attempt = std::make_shared<Attempt>();
  attempt->id = ++nextAttempt_;
  attempt->request = std::move(request);
  attempt->done = std::move(done);
  attempt->context = contextObject(sim_, attempt->request);
  try {
    if (attempt->request.variables)
      attempt->variables.commit(attempt->variables.prepare(*attempt->request.variables));
  } catch (const StatesError& e) {  // a name or a size AWS would not accept
    reportFailure(attempt->request, attempt->report, e.error, e.cause);
    return finish(attempt);
  }
  if (runState(attempt)) finish(attempt);
}

bool StateTester::runState(const AttemptPtr& a) {
  const TestRequest& r = a->request;
  const State& st = a->state();
  TestReport& report = a->report;
  Inspection& seen = report.inspection;
  core::Random& random = sim_.ids(kIdStream);
  seen.input = r.input;
  seen.variables = r.variables;
  try {
    // InputPath applies to every state (Fail has none: its effective input is the input).
    json effective = applyPathFilter(st.inputPath, r.input, "InputPath", a->context, &a->variables);
    switch (st.type) {
      case StateType::Pass: {
        // With Result the input is not processed, and AWS reports only the result.
        if (st.result) {
          seen.result = *st.result;
          completeWithResult(r, report, *st.result, a->context, random);
          return true;
        }
        seen.afterInputPath = effective;
        json parameters = st.parameters
                              ? st.parameters->evaluate(EvalContext{effective, a->context, random, &a->variables})
                              : std::move(effective);
        seen.afterParameters = parameters;
        completeWithResult(r, report, std::move(parameters), a->context, random);
        return true;
      }
      case StateType::Task:
      case StateType::Parallel: {
        seen.afterInputPath = effective;
        json parameters = st.parameters
                              ? st.parameters->evaluate(EvalContext{effective, a->context, random, &a->variables})
                              : effective;
        seen.afterParameters = parameters;
        if (r.mock) {
          applyOutcome(r, report, mockedOutcome(*r.mock), a->context, random);
          return true;
        }
        return startTask(a, std::move(parameters), effective);
      }
      case StateType::Map:  // only with a mock: its result stands for every iteration's
        seen.afterInputPath = effective;
        applyOutcome(r, report, mockedOutcome(*r.mock), a->context, random);
        return true;
      case StateType::Choice: {
        seen.afterInputPath = effective;
        int next = st.defaultNext;
        for (const ChoiceBranch& branch : st.choices)
          if (branch.rule && branch.rule->matches(effective, a->context, &a->variables)) {
            next = branch.next;
            break;
          }
        if (next < 0)
          throw StatesError{"States.NoChoiceMatched",
                            "No Choice Rules matched and no Default was specified"};
        report.output = applyPathFilter(st.outputPath, effective, "OutputPath", a->context);
        report.nextState = stateNameAt(*r.program, next);
        return true;
      }
      case StateType::Wait:
        seen.afterInputPath = effective;
        // The test does not wait, but SecondsPath / TimestampPath must resolve as at run time.
        waitEnd(st, effective, a->context, sim_.now(), &a->variables);
        report.output = applyPathFilter(st.outputPath, effective, "OutputPath", a->context);
        report.nextState = nextOf(r);
        return true;
      case StateType::Succeed:
        seen.afterInputPath = effective;
        report.output = applyPathFilter(st.outputPath, effective, "OutputPath", a->context);
        return true;
      case StateType::Fail: {
        seen.afterInputPath = effective;
        EvalContext ctx{r.input, a->context, random, &a->variables};
        report.status = TestStatus::Failed;  // a Fail state has no Retry or Catch
        report.error = failText(st.error, st.errorPath, "ErrorPath", ctx);
        report.cause = failText(st.cause, st.causePath, "CausePath", ctx);
        return true;
      }
    }
  } catch (const StatesError& e) {
    reportFailure(r, report, e.error, e.cause);
  }
  return true;
}

bool StateTester::startTask(const AttemptPtr& a, json parameters, const json& effective) {
  const State& st = a->state();
  TaskRequest request = TaskRequest::of(st);
  request.parameters = std::move(parameters);
  request.executionArn = a->context["Execution"]["Id"].get<std::string>();
  request.timeoutSeconds =
      taskSeconds(st.timeoutSeconds, st.timeoutSecondsPath, "TimeoutSecondsPath", effective,
                  a->context);

  int limit = request.timeoutSeconds > 0
                  ? std::min(request.timeoutSeconds, kTestStateTimeoutSeconds)
                  : kTestStateTimeoutSeconds;
  waiting_[a->id] = a;
  std::weak_ptr<Attempt> weak = a;
  a->timer = sim_.after(static_cast<core::TimeMs>(limit) * 1000, [this, weak] {
    AttemptPtr attempt = weak.lock();
    if (!attempt || attempt->settled) return;
    attempt->timer.reset();
    std::function<void()> cancel = std::move(attempt->cancelTask);
    taskAnswered(attempt, TaskOutcome::failure("States.Timeout", ""));
    if (cancel) cancel();  // after settling: an answer the cancel provokes is ignored
  });

  TaskCallbacks callbacks;
  callbacks.submitted = [](json) {};
  callbacks.started = [](json) {};
  callbacks.done = [this, weak](TaskOutcome outcome) {
    AttemptPtr attempt = weak.lock();
    if (attempt && !attempt->settled) taskAnswered(attempt, outcome);
  };
  std::function<void()> cancel;
  try {
    cancel = integrations_.run(request, std::move(callbacks));
  } catch (const std::exception& e) {  // never leave the caller without an answer
    if (!a->settled) taskAnswered(a, TaskOutcome::failure("States.Runtime", e.what()));
  }
  if (!a->settled) a->cancelTask = std::move(cancel);
  return false;
}

void StateTester::taskAnswered(const AttemptPtr& a, const TaskOutcome& outcome) {
  a->settled = true;
  if (a->timer) sim_.cancel(*a->timer);
  a->timer.reset();
  a->cancelTask = nullptr;
  applyOutcome(a->request, a->report, outcome, a->context, sim_.ids(kIdStream));
  finish(a);
}

void StateTester::finish(const AttemptPtr& a) {
  AttemptPtr keep = a;  // erasing may drop the last other reference
  waiting_.erase(a->id);
  keep->done(renderReport(keep->report, keep->request.level));
}

}  // namespace stepsim::sfn
