#include "emulator/stepfunctions/test_state/state_tester.h"

#include <algorithm>

#include "emulator/core/time_types.h"
#include "emulator/stepfunctions/asl/errors.h"
#include "emulator/stepfunctions/test_state/test_report.h"
#include "emulator/stepfunctions/test_state/test_run.h"

namespace stepsim::sfn {

using json = stepsim::Json;

struct StateTester::Attempt {
  Attempt(core::Simulation& sim, TestRequest request, json context)
      : run(sim, std::move(request), std::move(context)) {}

  std::uint64_t id = 0;
  TestRun run;
  Done done;
  std::optional<core::TimerId> timer;  // TestState's limit or the Task's TimeoutSeconds
  std::function<void()> cancelTask;
  bool settled = false;  // the Task answered or timed out: later answers are ignored

  const State& state() const { return run.state(); }
};

namespace {

// $$ as AWS builds it for a test: a one-off express execution of a new unnamed machine, the state
// named as a lone state is (also when the request names a state of a whole machine); the request's
// `context` (allowed with a mock) replaces the parts it gives.
json contextObject(core::Simulation& sim, const TestRequest& r) {
  const auto& config = sim.config();
  std::string machine = sim.ids(kTestStateIdStream).uuid();
  std::string name = sim.ids(kTestStateIdStream).uuid();
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
      {"State", {{"Name", kTestedStateName}, {"EnteredTime", now}}}};
  if (canRetry(r.testedState().type)) context["State"]["RetryCount"] = r.retrierRetryCount;
  // Each part the request gives stands for the whole part, as on AWS ("Execution": {} is empty).
  if (r.context.is_object())
    for (const auto& [section, value] : r.context.items()) context[section] = value;
  return context;
}

}  // namespace

StateTester::StateTester(core::Simulation& simulation, Integrations& integrations)
    : sim_(simulation), integrations_(integrations) {}

StateTester::~StateTester() {
  for (auto& [id, attempt] : waiting_)
    if (attempt->timer) sim_.cancel(*attempt->timer);
}

void StateTester::run(TestRequest request, Done done) {
  json context = contextObject(sim_, request);
  auto attempt = std::make_shared<Attempt>(sim_, std::move(request), std::move(context));
  attempt->id = ++nextAttempt_;
  attempt->done = std::move(done);
  TestRun& run = attempt->run;
  try {
    if (run.request.variables) run.variables.commit(run.variables.prepare(*run.request.variables));
  } catch (const StatesError& e) {  // a name or a size AWS would not accept
    reportFailure(run, e.error, e.cause);
    return finish(attempt);
  }
  if (runState(attempt)) finish(attempt);
}

bool StateTester::runState(const AttemptPtr& a) {
  TestRun& run = a->run;
  run.report.inspection.input = run.request.input;
  reportVariables(run);  // the request's, until the state assigns
  try {
    std::optional<TaskCall> call = run.jsonata() ? runJsonataState(run) : runJsonPathState(run);
    if (call) return startTask(a, std::move(*call));
  } catch (const StatesError& e) {
    reportFailure(run, e.error, e.cause);
  }
  return true;
}

bool StateTester::startTask(const AttemptPtr& a, TaskCall call) {
  TaskRequest request = TaskRequest::of(a->state());
  request.parameters = std::move(call.parameters);
  request.executionArn = a->run.context["Execution"]["Id"].get<std::string>();
  request.timeoutSeconds = call.timeoutSeconds;

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
  applyOutcome(a->run, outcome);
  finish(a);
}

void StateTester::finish(const AttemptPtr& a) {
  AttemptPtr keep = a;  // erasing may drop the last other reference
  waiting_.erase(a->id);
  keep->done(renderReport(keep->run.report, keep->run.request));
}

}  // namespace stepsim::sfn
