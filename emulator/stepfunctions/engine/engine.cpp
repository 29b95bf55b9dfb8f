#include "emulator/stepfunctions/engine/engine.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <spdlog/spdlog.h>

#include "emulator/core/json_text.h"
#include "emulator/core/throw_trace.h"
#include "emulator/core/time_types.h"
#include "emulator/stepfunctions/asl/errors.h"
#include "emulator/stepfunctions/engine/data_flow.h"
#include "emulator/stepfunctions/engine/error_matching.h"
#include "emulator/stepfunctions/engine/jsonata_fields.h"
#include "emulator/stepfunctions/engine/state_fields.h"
#include "emulator/stepfunctions/engine/task_events.h"
#include "emulator/stepfunctions/mock_config/execution_mocks.h"

namespace stepsim::sfn {

using json = stepsim::Json;

const char* toString(ExecutionStatus status) {
  switch (status) {
    case ExecutionStatus::Running: return "RUNNING";
    case ExecutionStatus::Succeeded: return "SUCCEEDED";
    case ExecutionStatus::Failed: return "FAILED";
    case ExecutionStatus::TimedOut: return "TIMED_OUT";
    case ExecutionStatus::Aborted: return "ABORTED";
  }
  return "RUNNING";
}

namespace {

// "<Type>StateEntered" and friends as string literals (history events keep string_views).
struct StateEventNames {
  const char* entered;
  const char* exited;
};

StateEventNames eventNames(StateType type) {
  switch (type) {
    case StateType::Pass: return {"PassStateEntered", "PassStateExited"};
    case StateType::Task: return {"TaskStateEntered", "TaskStateExited"};
    case StateType::Choice: return {"ChoiceStateEntered", "ChoiceStateExited"};
    case StateType::Wait: return {"WaitStateEntered", "WaitStateExited"};
    case StateType::Succeed: return {"SucceedStateEntered", "SucceedStateExited"};
    case StateType::Fail: return {"FailStateEntered", nullptr};
    case StateType::Parallel: return {"ParallelStateEntered", "ParallelStateExited"};
    case StateType::Map: return {"MapStateEntered", "MapStateExited"};
  }
  return {"PassStateEntered", "PassStateExited"};
}

// A failure on its way through Retry and Catch.
struct Failure {
  std::string error, cause;
  bool hasError = true, hasCause = true;  // false: a Fail state that gives none, a timeout
  bool reportedByTask = false;            // a Task*Failed event reported it (error_matching.h)
};

// Thrown when an event would take the history to its limit: the limit's last slot is kept for the
// ExecutionFailed event. Caught where the engine is entered (start, timers, callbacks), which fail
// the execution there.
struct HistoryFull {
  Execution* execution;
};

}  // namespace

struct Engine::Impl {
  Impl(core::Simulation& sim, Integrations& integrations)
      : sim(sim), integrations(integrations), alive(std::make_shared<Impl*>(this)) {}

  core::Simulation& sim;
  Integrations& integrations;
  std::shared_ptr<Impl*> alive;
  std::map<std::string, std::pair<Run*, std::uint64_t>, std::less<>> tokens;  // task token → run
  std::set<std::string, std::less<>> timedOutTokens;  // tokens whose task timed out
  std::function<void(Execution&)> closed;             // Engine::onClosed
  MapRunHost* mapRuns = nullptr;                      // Engine::setMapRunHost
  std::map<std::string, Run*, std::less<>> openMapRuns;  // Map Run ARN → its Map state's run

  core::TimeMs now() const { return sim.now(); }

  // Appends a non-final event; throws HistoryFull when it would be event number 25,000.
  std::int64_t addEvent(Execution& e, std::string_view type, std::int64_t previous,
                        EventDetails details = {}) {
    if (e.history.size() + 1 >= kMaxHistoryEvents) throw HistoryFull{&e};
    return e.history.add(now(), type, previous, std::move(details));
  }

  std::int64_t record(Run& run, std::string_view type, EventDetails details = {}) {
    run.lastEvent = addEvent(*run.execution, type, run.lastEvent, std::move(details));
    return run.lastEvent;
  }

  // <Type>StateEntered / Exited: the state's name and its input or output; `members` adds
  // assignedVariables to an exit.
  void recordState(Run& run, const char* type, const State& st, bool entered, Data data,
                   json members = nullptr) {
    if (core::TraceSink* trace = sim.trace())
      trace->record(now(), "state", run.execution->name + (entered ? " entered " : " exited ") + st.name);
    // The server's log names each state an execution enters, one line each.
    if (entered && spdlog::should_log(spdlog::level::info))
      spdlog::info("execution {} entered {} at {}", run.execution->arn, st.name,
                   core::formatIso8601(now()));
    record(run, type,
           {entered ? "stateEnteredEventDetails" : "stateExitedEventDetails", std::move(members),
            &st.name, entered ? "input" : "output", std::move(data)});
  }

  // An event recorded while work is being torn down (iterations aborted): dropped rather than
  // thrown about when the history is full, so the final event still fits.
  std::int64_t recordIfRoom(Execution& e, std::string_view type, std::int64_t previous,
                            EventDetails details) {
    if (e.history.size() + 1 >= kMaxHistoryEvents) return previous;
    return e.history.add(now(), type, previous, std::move(details));
  }

  // ExecutionSucceeded / Failed / TimedOut / Aborted: always recorded (the last event).
  void recordFinal(Run& run, std::string_view type, EventDetails details) {
    run.lastEvent = run.execution->history.add(now(), type, run.lastEvent, std::move(details));
  }

  // Runs `body` for execution `e`, failing the execution as AWS does if the history fills up
  // meanwhile. An exception of any other type is a bug in stepsim: the execution fails with
  // States.Runtime naming it (rather than hanging half-advanced), the stack is logged, and the
  // server goes on serving.
  template <class Body>
  void guarded(Execution& e, Body&& body) {
    try {
      body();
    } catch (const HistoryFull& full) {
      historyLimitReached(*full.execution);
    } catch (const std::exception& error) {
      spdlog::error("internal error in execution {}: {}\n{}", e.arn,
                    core::describeException(error), core::lastThrowStack());
      failExecution(e, "States.Runtime", std::string("stepsim internal error: ") + error.what());
    }
  }

  void historyLimitReached(Execution& e) {
    if (e.status != ExecutionStatus::Running) return;
    e.historyExhausted = true;
    failExecution(e, "States.Runtime",
                  "The execution reached the maximum number of history events (" +
                      std::to_string(kMaxHistoryEvents) + ").");
  }

  // Ends a running execution with ExecutionFailed, whatever its states were doing.
  void failExecution(Execution& e, const std::string& error, const std::string& cause) {
    if (e.status != ExecutionStatus::Running) return;
    // A Distributed Map's child fails as a child: its Map state hears of it.
    if (!e.root) {
      if (Run* child = e.mapChildRun) {
        cancelAll(*child);
        failRun(*child, Failure{error, cause});
      }
      return;
    }
    cancelAll(*e.root);
    e.error = error;
    e.cause = cause;
    e.history.add(now(), "ExecutionFailed", static_cast<std::int64_t>(e.history.size()),
                  {"executionFailedEventDetails", json{{"error", *e.error}, {"cause", *e.cause}}});
    finishExecution(e, ExecutionStatus::Failed);
  }

  core::Random& random(Execution& e) {
    if (!e.random) e.random = sim.ids("sfn-executions").stream(e.arn);
    return *e.random;
  }

  static const State& current(const Run& run) {
    return run.program->states[static_cast<std::size_t>(run.state)];
  }

  // $$.Execution and $$.StateMachine.
  const json& contextBase(Execution& e) {
    if (e.contextBase.is_null())
      e.contextBase = {{"Execution",
                        {{"Id", e.arn},
                         {"Input", *e.input},
                         {"Name", e.name},
                         {"RoleArn", e.revision->roleArn},
                         {"StartTime", core::formatIso8601(e.startDate)}}},
                       {"StateMachine", {{"Id", e.stateMachineArn}, {"Name", e.stateMachineName}}}};
    // A synchronous express execution can never be redriven, and AWS gives it no count.
    if (!e.synchronous) e.contextBase["Execution"]["RedriveCount"] = e.redriveCount;
    return e.contextBase;
  }

  // $$ as the current state of `run` sees it. Most states never read it, so it is built (and its
  // State part brought up to date) only for those that do; the others get an empty object.
  const json& context(Run& run) {
    static const json kUnread = json::object();
    const State& st = current(run);
    if (!st.readsContext) return kUnread;
    if (run.context.is_null()) run.context = contextBase(*run.execution);
    json& state = run.context["State"];
    state["Name"] = st.name;
    state["EnteredTime"] = core::formatIso8601(run.enteredAt);
    if (canRetry(st.type))
      state["RetryCount"] = run.retryCount;
    else
      state.erase("RetryCount");  // left by an earlier state of the run
    if (run.taskToken)
      run.context["Task"] = {{"Token", *run.taskToken}};
    else
      run.context.erase("Task");
    return run.context;
  }

  std::optional<json> evalPath(Run& run, const JsonPath& path, const json& input) {
    return sfn::evalPath(path, input, context(run), &run.variables);
  }

  EvalContext evalContext(Run& run, const json& input) {
    return EvalContext{input, context(run), random(*run.execution), &run.variables};
  }

  Data inputPath(Run& run, const State& st) {
    return applyPathFilter(st.inputPath, run.input, "InputPath", context(run), &run.variables);
  }

  // ---- Assign and Output -------------------------------------------------------------------

  // What a JSONata expression of the current state reads. `environment` must outlive the use.
  JsonataInputs jsonataInputs(Run& run, const jsonata::Environment& environment,
                              const json* result = nullptr, const json* errorOutput = nullptr) {
    return JsonataInputs{*run.input, context(run), result, errorOutput, &run.variables,
                         &environment};
  }
  jsonata::Environment jsonataEnv(Run& run) { return jsonataEnvironment(now(), random(*run.execution)); }

  // `body(in)` with what a JSONata state's expressions read, built only for one (`jsonata`);
  // null for a JSONPath state.
  template <class Body>
  auto withJsonataInputs(Run& run, bool jsonata, Body&& body) {
    if (!jsonata) return body(nullptr);
    jsonata::Environment environment = jsonataEnv(run);
    JsonataInputs inputs = jsonataInputs(run, environment);
    return body(&inputs);
  }

  // A JSONPath state's Assign, evaluated against `from` ($: the result, the effective input or
  // the error output); nullopt without Assign.
  std::optional<Assignments> assignJsonPath(Run& run, const AssignAndOutput& ao, const json& from) {
    if (!ao.assign) return std::nullopt;
    return sfn::assignJsonPath(ao, evalContext(run, from), run.variables);
  }

  // A JSONata state's Assign and Output: $states.result is `result` (Task, Parallel, Map) and
  // $states.errorOutput `errorOutput` (Catch). Output defaults to the result, the error output,
  // or else the input.
  Data jsonataOutcome(Run& run, const AssignAndOutput& ao, std::optional<Assignments>& assigned,
                      Data result = nullptr, Data errorOutput = nullptr) {
    jsonata::Environment environment = jsonataEnv(run);
    JsonataInputs in = jsonataInputs(run, environment, result.get(), errorOutput.get());
    JsonataExit exit = jsonataExit(ao, in, run.variables);
    assigned = std::move(exit.assigned);
    if (exit.output) return makeData(std::move(*exit.output));
    if (result) return result;
    if (errorOutput) return errorOutput;
    return run.input;
  }

  // Leaves a JSONata state with its Assign and Output.
  void exitJsonata(Run& run, const State& st, const AssignAndOutput& ao, Data result = nullptr,
                   int next = -2) {
    std::optional<Assignments> assigned;
    Data output = jsonataOutcome(run, ao, assigned, std::move(result));
    exitState(run, st, std::move(output), next, std::move(assigned));
  }

  // Leaves a JSONPath state: Assign over `assignFrom`, then `output` on through OutputPath.
  void exitJsonPath(Run& run, const State& st, const AssignAndOutput& ao, const json& assignFrom,
                    Data output, int next = -2) {
    std::optional<Assignments> assigned = assignJsonPath(run, ao, assignFrom);
    exitState(run, st, std::move(output), next, std::move(assigned));
  }

  // The end of a state with a result (Task, Parallel, Map, and Pass's Result or Parameters):
  // JSONPath: ResultSelector was applied, Assign reads the result, ResultPath merges it;
  // JSONata: Assign and Output read it as $states.result.
  void exitWithResult(Run& run, const State& st, Data result) {
    if (st.queryLanguage == QueryLanguage::JSONata) return exitJsonata(run, st, st.assignOutput, std::move(result));
    std::optional<Assignments> assigned = assignJsonPath(run, st.assignOutput, *result);
    exitState(run, st, applyResultPath(st.resultPath, run.input, std::move(result)), -2,
              std::move(assigned));
  }

  // A failure of the state machine's own evaluation (a path, an expression) as AWS words it: the
  // cause says which state failed and where it was entered.
  Failure evaluationFailure(const Run& run, const State& st, const StatesError& e) const {
    if (e.error != kStatesRuntime && e.error != kStatesQueryEvaluationError)
      return {e.error, e.cause};
    return {e.error, "An error occurred while executing the state '" + st.name +
                         "' (entered at the event id #" + std::to_string(run.enteredEvent) + "). " +
                         e.cause};
  }

  // A state failed on a StatesError: a JSONata evaluation failure is recorded first
  // (EvaluationFailed), then the failure meets Retry and Catch. AWS evaluates a Wait's fields after
  // entering it, the others' as they enter: their EvaluationFailed follows what the StateEntered
  // followed. A Map or Parallel records its failure after it.
  void stateFailed(Run& run, const State& st, const StatesError& e) {
    Failure failure = evaluationFailure(run, st, e);
    if (e.error == kStatesQueryEvaluationError) {
      if (st.type != StateType::Wait && run.lastEvent == run.enteredEvent)
        run.lastEvent = run.enteredAfter;
      json details = {{"error", e.error}, {"cause", failure.cause}, {"state", st.name}};
      if (!e.location.empty()) details["location"] = e.location;
      record(run, "EvaluationFailed", {"evaluationFailedEventDetails", std::move(details)});
      if (st.type == StateType::Map || st.type == StateType::Parallel)
        record(run, st.type == StateType::Map ? "MapStateFailed" : "ParallelStateFailed");
    }
    handleFailure(run, st, std::move(failure));
  }

  // ---- running states ----------------------------------------------------------------------

  // Advances `run` until it waits or finishes.
  void advance(Run& run) {
    while (!run.finished && !run.waiting && run.execution->status == ExecutionStatus::Running) {
      const State& st = run.program->states[static_cast<std::size_t>(run.state)];
      if (!run.entered) {
        run.entered = true;
        run.retryCount = 0;
        run.retryAttempts.assign(st.retry.size(), 0);
        run.enteredAt = now();
        run.enteredAfter = run.lastEvent;
        recordState(run, eventNames(st.type).entered, st, true, run.input);
        run.enteredEvent = run.lastEvent;
      }
      try {
        if (!step(run, st)) run.waiting = true;
      } catch (const StatesError& e) {
        stateFailed(run, st, e);
      }
      run.redriving = false;
    }
  }

  // Runs the current state. True when it finished synchronously (the run moved on or ended).
  bool step(Run& run, const State& st) {
    bool jsonata = st.queryLanguage == QueryLanguage::JSONata;
    switch (st.type) {
      case StateType::Pass: {
        if (jsonata) {
          exitJsonata(run, st, st.assignOutput);
          return true;
        }
        Data effective = inputPath(run, st);
        Data result = st.result       ? makeData(*st.result)
                      : st.parameters ? makeData(st.parameters->evaluate(evalContext(run, *effective)))
                                      : std::move(effective);
        exitWithResult(run, st, std::move(result));
        return true;
      }
      case StateType::Choice:
        return choose(run, st);
      case StateType::Wait:
        return startWait(run, st);
      case StateType::Succeed: {
        if (jsonata) {
          exitJsonata(run, st, st.assignOutput);
          return true;
        }
        Data effective = inputPath(run, st);
        exitJsonPath(run, st, st.assignOutput, *effective, effective);
        return true;
      }
      case StateType::Fail:
        return failState(run, st);
      case StateType::Task:
        return startTask(run, st);
      case StateType::Parallel:
      case StateType::Map:
        return startChildren(run, st);
    }
    return true;
  }

  // The first Choice rule that matches, else the Default: its Assign and Output apply.
  bool choose(Run& run, const State& st) {
    bool jsonata = st.queryLanguage == QueryLanguage::JSONata;
    const json& ctx = context(run);  // once: a state reading $$ rebuilds its State part
    Data effective = jsonata ? run.input : inputPath(run, st);
    const ChoiceBranch* taken = nullptr;
    if (jsonata) {
      jsonata::Environment environment = jsonataEnv(run);
      taken = jsonataChoice(st, jsonataInputs(run, environment));
    } else {
      taken = jsonPathChoice(st, *effective, ctx, &run.variables);
    }
    int next = taken ? taken->next : st.defaultNext;
    if (next < 0)
      throw StatesError{"States.NoChoiceMatched",
                        "No Choice Rules matched and no Default was specified"};
    const AssignAndOutput& ao = taken ? taken->assignOutput : st.assignOutput;
    if (jsonata) exitJsonata(run, st, ao, nullptr, next);
    else exitJsonPath(run, st, ao, *effective, effective, next);
    return true;
  }

  // Leaves the current state with `output` (before OutputPath) and moves on; `assigned` (checked,
  // not yet stored) becomes the variables' new values as the state exits.
  void exitState(Run& run, const State& st, Data output, int next = -2,
                 std::optional<Assignments> assigned = std::nullopt) {
    Data out = applyPathFilter(st.outputPath, output, "OutputPath", context(run), &run.variables);
    // Data passed on unchanged was checked when it was made.
    if (out != run.input)
      if (std::optional<std::string> cause = payloadLimitCause(*out, st.name))
        throw StatesError{"States.DataLimitExceeded", *cause};
    json members = commitAssignments(run, std::move(assigned));
    if (const char* exited = eventNames(st.type).exited)
      recordState(run, exited, st, false, out, std::move(members));
    int target = next == -2 ? st.next : next;
    if (st.type == StateType::Succeed || (st.end && next == -2) || target < 0)
      return finishRun(run, std::move(out));
    run.state = target;
    run.entered = false;
    run.input = std::move(out);
  }

  // Stores an exiting state's assignments; the exit event's assignedVariables (null when the state
  // assigned nothing).
  json commitAssignments(Run& run, std::optional<Assignments> assigned) {
    if (!assigned || assigned->empty()) return nullptr;
    json members = {{"assignedVariables", assignedVariablesJson(*assigned)},
                    {"assignedVariablesDetails", {{"truncated", false}}}};
    run.variables.commit(std::move(*assigned));
    return members;
  }

  bool failState(Run& run, const State& st) {
    jsonata::Environment environment = jsonataEnv(run);
    auto [error, cause] = failTexts(st, evalContext(run, *run.input), jsonataInputs(run, environment));
    // A Fail state without Error or Cause ends the execution without them.
    failRun(run, {error.value_or(""), cause.value_or(""), error.has_value(), cause.has_value()});
    return true;
  }

  // ---- Wait ------------------------------------------------------------------------------

  bool startWait(Run& run, const State& st) {
    if (st.queryLanguage == QueryLanguage::JSONata) {
      jsonata::Environment environment = jsonataEnv(run);
      core::TimeMs due = jsonataWaitEnd(st, jsonataInputs(run, environment), now());
      suspendUntil(run, due, [this, &st](Run& r) { exitJsonata(r, st, st.assignOutput); });
      return false;
    }
    Data effective = inputPath(run, st);
    core::TimeMs due = waitEnd(st, *effective, context(run), now(), &run.variables);
    suspendUntil(run, due, [this, &st, effective = std::move(effective)](Run& r) mutable {
      exitJsonPath(r, st, st.assignOutput, *effective, effective);
    });
    return false;
  }

  // Resumes `run` at `due` with `then`, unless the run gave up on it meanwhile.
  void suspendUntil(Run& run, core::TimeMs due, std::function<void(Run&)> then) {
    std::uint64_t token = ++run.token;
    std::weak_ptr<Impl*> weak = alive;
    std::weak_ptr<char> life = run.life;
    Run* target = &run;
    run.waiting = true;
    run.timer = sim.at(due, [weak, life, target, token, then = std::move(then)]() mutable {
      auto self = weak.lock();
      if (!self || life.expired() || target->token != token) return;
      target->timer.reset();
      (*self)->resume(*target, then);
    });
  }

  // Runs `then` on a suspended run, turning a StatesError into the state's failure.
  void resume(Run& run, const std::function<void(Run&)>& then) {
    if (run.finished || run.execution->status != ExecutionStatus::Running) return;
    run.execution->retired.clear();  // a safe point: entered from the event loop
    run.waiting = false;
    const State& st = run.program->states[static_cast<std::size_t>(run.state)];
    guarded(*run.execution, [&] {
      try {
        then(run);
      } catch (const StatesError& e) {
        stateFailed(run, st, e);
      }
      advance(run);
    });
  }

  // ---- Task ------------------------------------------------------------------------------

  // Arms (or re-arms, on SendTaskHeartbeat) the countdown to States.HeartbeatTimeout.
  void armHeartbeat(Run& run) {
    if (run.heartbeatSeconds <= 0) return;
    if (run.heartbeatTimer) sim.cancel(*run.heartbeatTimer);
    std::weak_ptr<Impl*> weak = alive;
    std::weak_ptr<char> life = run.life;
    Run* target = &run;
    std::uint64_t token = run.token;
    run.heartbeatTimer = sim.after(static_cast<core::TimeMs>(run.heartbeatSeconds) * 1000,
                                   [weak, life, target, token] {
      auto self = weak.lock();
      if (!self || life.expired() || target->token != token) return;
      target->heartbeatTimer.reset();
      (*self)->guarded(*target->execution, [&] { (*self)->taskTimedOut(*target, "States.HeartbeatTimeout"); });
    });
  }

  // A JSONata Task's TimeoutSeconds / HeartbeatSeconds: fixed, from an expression, or none (0).
  int jsonataSeconds(Run& run, const std::optional<int>& fixed,
                     const std::optional<JsonataTemplate>& expression) {
    if (!expression) return fixed.value_or(0);  // no inputs to build: most tasks give a number or none
    jsonata::Environment environment = jsonataEnv(run);
    return sfn::jsonataSeconds(fixed, expression, jsonataInputs(run, environment));
  }

  bool startTask(Run& run, const State& st) {
    bool jsonata = st.queryLanguage == QueryLanguage::JSONata;
    Data effective = jsonata ? run.input : inputPath(run, st);
    TaskRequest request = TaskRequest::of(st);
    request.executionArn = run.execution->arn;
    request.roleArn = run.execution->revision->roleArn;
    if (st.pattern == IntegrationPattern::WaitForTaskToken || st.taskKind == TaskKind::Activity) {
      request.taskToken = sim.ids("sfn-task-tokens").uuid();
      run.taskToken = request.taskToken;  // $$.Task.Token for Parameters
    }
    int timeout = jsonata ? jsonataSeconds(run, st.timeoutSeconds, st.jsonata->timeoutSeconds)
                          : taskSeconds(st.timeoutSeconds, st.timeoutSecondsPath,
                                        "TimeoutSecondsPath", *effective, context(run),
                                        &run.variables);
    // Recorded for every task, as AWS does; only one that waits on a token can be kept alive
    // with SendTaskHeartbeat, so only that one's heartbeat is timed.
    int heartbeat = jsonata ? jsonataSeconds(run, st.heartbeatSeconds, st.jsonata->heartbeatSeconds)
                            : taskSeconds(st.heartbeatSeconds, st.heartbeatSecondsPath,
                                          "HeartbeatSecondsPath", *effective, context(run),
                                          &run.variables);
    request.timeoutSeconds = timeout;
    request.heartbeatSeconds = heartbeat;
    Data parameters = std::move(effective);
    if (jsonata && st.jsonata->arguments) {
      jsonata::Environment environment = jsonataEnv(run);
      parameters = makeData(st.jsonata->arguments->evaluate(jsonataInputs(run, environment)));
    } else if (!jsonata && st.parameters) {
      parameters = makeData(st.parameters->evaluate(evalContext(run, *parameters)));
    }
    request.parameters = *parameters;

    TaskEvents events = taskEvents(st);
    // A test case's mocked state answers instead of the service (counting this invocation).
    if (run.execution->mocks)
      if (std::optional<TaskOutcome> mocked = run.execution->mocks->next(st.name))
        return answerAtOnce(run, st, events, std::move(parameters), timeout, heartbeat,
                            std::move(*mocked));
    if (st.taskKind == TaskKind::Unemulated) {
      // Accepted at creation so that mocks can answer for it; nothing can run it for real.
      record(run, events.scheduled,
             events.scheduledDetails(st, std::move(parameters), timeout, heartbeat,
                                     sim.config().region));
      Failure failure{std::string(kStatesRuntime),
                      "stepsim does not emulate " + st.resource +
                          "; mock it with a mock config (stepsim serve --mock-config FILE) and "
                          "start the execution as <state machine ARN>#<test case>"};
      record(run, events.scheduleFailed,
             {events.scheduleFailedKey, events.failureDetails(st, failure.error, failure.cause)});
      handleFailure(run, st, failure);
      return true;
    }
    if (std::optional<TaskOutcome> refused = integrations.refuseSchedule(request)) {
      record(run, events.scheduleFailed,
             {events.scheduleFailedKey, events.failureDetails(st, refused->error, refused->cause)});
      handleFailure(run, st, {refused->error, refused->cause});
      return true;
    }
    record(run, events.scheduled,
           events.scheduledDetails(st, std::move(parameters), timeout, heartbeat,
                                   sim.config().region));
    if (!events.startedByWorker())
      record(run, events.started, {events.startedKey, events.startedDetails(st)});

    std::uint64_t token = ++run.token;
    run.taskToken = request.taskToken;
    run.heartbeatSeconds = request.taskToken ? heartbeat : 0;
    // An activity's heartbeat countdown starts when a worker takes it.
    if (!events.startedByWorker()) armHeartbeat(run);
    if (request.taskToken) tokens[*request.taskToken] = {&run, token};
    std::weak_ptr<char> life = run.life;
    if (timeout > 0) {
      std::weak_ptr<Impl*> weak = alive;
      Run* target = &run;
      run.timer = sim.after(static_cast<core::TimeMs>(timeout) * 1000, [weak, life, target, token] {
        auto self = weak.lock();
        if (!self || life.expired() || target->token != token) return;
        target->timer.reset();
        (*self)->guarded(*target->execution, [&] { (*self)->taskTimedOut(*target, "States.Timeout"); });
      });
    }
    // The outcome may arrive before run() returns (fakes, scripts): then it is handled after the
    // call, in this loop, instead of recursively.
    auto syncOutcome = std::make_shared<std::optional<TaskOutcome>>();
    auto inCall = std::make_shared<bool>(true);
    std::weak_ptr<Impl*> weak = alive;
    Run* target = &run;
    TaskCallbacks callbacks;
    callbacks.submitted = [weak, life, target, token](json output) {
      auto self = weak.lock();
      if (!self || life.expired() || target->token != token) return;
      const State& s = target->program->states[static_cast<std::size_t>(target->state)];
      (*self)->guarded(*target->execution, [&] {
        (*self)->record(*target, "TaskSubmitted", taskEvents(s).submittedDetails(s, std::move(output)));
      });
    };
    callbacks.started = [weak, life, target, token](json details) {
      auto self = weak.lock();
      if (!self || life.expired() || target->token != token) return;
      const State& s = target->program->states[static_cast<std::size_t>(target->state)];
      TaskEvents names = taskEvents(s);
      (*self)->guarded(*target->execution, [&] {
        (*self)->record(*target, names.started, {names.startedKey, std::move(details)});
        (*self)->armHeartbeat(*target);
      });
    };
    callbacks.done = [weak, life, target, token, syncOutcome, inCall](TaskOutcome outcome) {
      if (*inCall) {
        *syncOutcome = std::move(outcome);
        return;
      }
      auto self = weak.lock();
      if (!self || life.expired() || target->token != token) return;
      (*self)->resume(*target, [self, outcome = std::move(outcome)](Run& r) mutable {
        (*self)->taskFinished(r, std::move(outcome));
      });
    };
    std::function<void()> cancel = integrations.run(request, std::move(callbacks));
    *inCall = false;
    if (run.token != token) {  // the run gave up during the call (the history filled up, ...)
      if (cancel) cancel();
      return true;
    }
    run.cancelTask = std::move(cancel);
    if (*syncOutcome) {
      taskFinished(run, std::move(**syncOutcome));
      return true;
    }
    return false;
  }

  // A mocked task: scheduled and started, then answered with `outcome` in zero virtual time (no
  // timeout or heartbeat can run out first).
  bool answerAtOnce(Run& run, const State& st, const TaskEvents& events, Data parameters,
                    int timeout, int heartbeat, TaskOutcome outcome) {
    record(run, events.scheduled,
           events.scheduledDetails(st, std::move(parameters), timeout, heartbeat,
                                   sim.config().region));
    record(run, events.started, {events.startedKey, events.startedDetails(st)});
    taskFinished(run, std::move(outcome));
    return true;
  }

  void clearTask(Run& run) {
    ++run.token;
    run.waiting = false;
    if (run.timer) sim.cancel(*run.timer);
    run.timer.reset();
    if (run.heartbeatTimer) sim.cancel(*run.heartbeatTimer);
    run.heartbeatTimer.reset();
    run.heartbeatSeconds = 0;
    run.cancelTask = nullptr;
    if (run.taskToken) tokens.erase(*run.taskToken);
    run.taskToken.reset();
  }

  void taskFinished(Run& run, TaskOutcome outcome) {
    const State& st = run.program->states[static_cast<std::size_t>(run.state)];
    clearTask(run);
    TaskEvents events = taskEvents(st);
    if (outcome.failed) {
      record(run, events.failed,
             {events.failedKey, events.failureDetails(st, outcome.error, outcome.cause)});
      return handleFailure(run, st, {outcome.error, outcome.cause});
    }
    Data output = makeData(std::move(outcome.output));
    // A result over the limit fails the task itself, named by its resource as AWS names it: a
    // service integration by its service ("lambda"), a function or activity by its ARN.
    std::string resource =
        events.family == TaskEvents::Integration ? resourceNames(st).type : st.resource;
    if (std::optional<std::string> cause = payloadLimitCause(*output, resource)) {
      std::string error = "States.DataLimitExceeded";
      record(run, events.failed, {events.failedKey, events.failureDetails(st, error, *cause)});
      Failure failure{error, *cause};
      failure.reportedByTask = true;
      return handleFailure(run, st, std::move(failure));
    }
    record(run, events.succeeded, events.successDetails(st, output));
    Data result = st.resultSelector
                      ? makeData(st.resultSelector->evaluate(evalContext(run, *output)))
                      : std::move(output);
    exitWithResult(run, st, std::move(result));
  }

  // TimeoutSeconds or HeartbeatSeconds ran out (`error` says which).
  void taskTimedOut(Run& run, const char* error) {
    const State& st = run.program->states[static_cast<std::size_t>(run.state)];
    if (run.taskToken) {
      timedOutTokens.insert(*run.taskToken);
      run.execution->timedOutTokens.push_back(*run.taskToken);
    }
    std::function<void()> cancel = std::move(run.cancelTask);
    clearTask(run);  // first: a cancel that answers at once is then ignored
    if (cancel) cancel();
    TaskEvents events = taskEvents(st);
    record(run, events.timedOut, {events.timedOutKey, events.timeoutDetails(st, error)});
    Failure timedOut{error, ""};
    timedOut.hasCause = false;  // AWS gives a timeout no cause, down to ExecutionFailed
    handleFailure(run, st, std::move(timedOut));
    advance(run);
  }

  // ---- Parallel and Map -------------------------------------------------------------------

  bool startChildren(Run& run, const State& st);
  json jsonataMapItems(Run& run, const State& st);
  void childFinished(Run& child, bool failed, Data output, const Failure& failure);
  bool pumpChildren(Run& run, const State& st);
  void startChild(Run& run, const State& st, std::size_t index);
  void finishChildren(Run& run, const State& st);
  void abortChildren(Run& run);
  void retireChildren(Run& run);
  Data selectedItem(Run& run, const State& st, std::size_t index, json* childContext);
  std::size_t startMapRun(Run& run, const State& st);
  json batchesOf(Run& run, const State& st, json items);
  void startMapChild(Run& run, const State& st, Run& child);
  void endMapChild(Run& child, ExecutionStatus status, const Data& output, const Failure& failure);
  void mapChildFinished(Run& run, Run& child, bool failed, Data output, const Failure& failure);
  bool toleranceExceeded(const Run& run) const;
  void failPastTolerance(Run& run);
  void endMapRun(Run& run, const char* status, EventDetails details = {});

  // ---- errors ------------------------------------------------------------------------------

  // The retrier that retries `failure` now, or -1 when none has attempts left.
  int retrierFor(const Run& run, const State& st, const Failure& failure) const {
    int r = findRetrier(st.retry, failure.error, failure.reportedByTask);
    if (r < 0) return -1;
    const Retrier& retrier = st.retry[static_cast<std::size_t>(r)];
    return run.retryAttempts[static_cast<std::size_t>(r)] < retrier.maxAttempts ? r : -1;
  }

  // A state failed: retry it, catch it, or fail the run.
  void handleFailure(Run& run, const State& st, Failure failure) {
    abortChildren(run);
    clearTask(run);
    if (int r = retrierFor(run, st, failure); r >= 0) {
      const Retrier& retrier = st.retry[static_cast<std::size_t>(r)];
      int& attempts = run.retryAttempts[static_cast<std::size_t>(r)];
      double delay = retrier.intervalSeconds * std::pow(retrier.backoffRate, attempts);
      if (retrier.maxDelaySeconds) delay = std::min(delay, *retrier.maxDelaySeconds);
      if (retrier.fullJitter) delay = random(*run.execution).unit() * delay;
      ++attempts;
      ++run.retryCount;
      // After the backoff the state runs again (advance steps it; no second StateEntered).
      suspendUntil(run, now() + static_cast<core::TimeMs>(std::llround(delay * 1000)),
                   [this](Run& r) { r.enteredAt = now(); });
      return;
    }
    if (int c = findCatcher(st.catches, failure.error, failure.reportedByTask); c >= 0) {
      const Catcher& catcher = st.catches[static_cast<std::size_t>(c)];
      Data errorOutput = makeData({{"Error", failure.error}, {"Cause", failure.cause}});
      Data output;
      std::optional<Assignments> assigned;
      try {
        if (st.queryLanguage == QueryLanguage::JSONata) {
          output = jsonataOutcome(run, catcher.assignOutput, assigned, nullptr, errorOutput);
        } else {
          assigned = assignJsonPath(run, catcher.assignOutput, *errorOutput);
          output = applyResultPath(catcher.resultPath, run.input, std::move(errorOutput));
        }
      } catch (const StatesError& e) {
        return failRun(run, evaluationFailure(run, st, e));
      }
      json members = commitAssignments(run, std::move(assigned));
      if (const char* exited = eventNames(st.type).exited)
        recordState(run, exited, st, false, output, std::move(members));
      run.state = catcher.next;
      run.entered = false;
      run.input = std::move(output);
      return;
    }
    failRun(run, failure);
  }

  // The state machine's TimeoutSeconds, from now (the start, or a redrive).
  void armExecutionTimeout(Execution& e) {
    std::optional<int> timeout = e.revision->program->timeoutSeconds;
    if (!timeout) return;
    std::weak_ptr<Impl*> weak = alive;
    Execution* target = &e;
    e.timeoutTimer = sim.after(static_cast<core::TimeMs>(*timeout) * 1000, [weak, target] {
      auto self = weak.lock();
      if (!self || target->status != ExecutionStatus::Running) return;
      Impl& impl = **self;
      target->timeoutTimer.reset();
      impl.cancelAll(*target->root);
      // As AWS describes a timed-out execution: status TIMED_OUT, no error, no cause (the
      // ExecutionTimedOut event names the error).
      target->error.reset();
      target->cause.reset();
      impl.recordFinal(*target->root, "ExecutionTimedOut",
                       {"executionTimedOutEventDetails", json{{"error", "States.Timeout"}}});
      impl.finishExecution(*target, ExecutionStatus::TimedOut);
    });
  }

  // ---- ending runs and executions ----------------------------------------------------------

  void finishRun(Run& run, Data output) {
    run.finished = true;
    if (run.parent) return childFinished(run, false, std::move(output), {});
    Execution& e = *run.execution;
    // Data that passed through unchanged is written as the client sent it.
    e.outputText = output == e.input ? e.inputText : core::serializeJson(*output);
    recordFinal(run, "ExecutionSucceeded",
                {"executionSucceededEventDetails", nullptr, nullptr, "output", std::move(output)});
    finishExecution(e, ExecutionStatus::Succeeded);
  }

  void failRun(Run& run, const Failure& failure) {
    run.finished = true;
    clearTask(run);
    if (run.parent) return childFinished(run, true, nullptr, failure);
    recordFinal(run, "ExecutionFailed",
                {"executionFailedEventDetails", endingError(*run.execution, failure)});
    finishExecution(*run.execution, ExecutionStatus::Failed);
  }

  // An ending execution's error and cause (each only if the failure gives it), kept on the
  // execution and returned as its final event's details.
  static json endingError(Execution& e, const Failure& failure) {
    e.error = failure.hasError ? std::optional(failure.error) : std::nullopt;
    e.cause = failure.hasCause ? std::optional(failure.cause) : std::nullopt;
    json details = json::object();
    if (e.error) details["error"] = *e.error;
    if (e.cause) details["cause"] = *e.cause;
    return details;
  }

  void finishExecution(Execution& e, ExecutionStatus status) {
    e.status = status;
    e.stopDate = now();
    if (core::TraceSink* trace = sim.trace())
      trace->record(now(), "execution", e.name + " " + toString(status) +
                                            (e.outputText ? " with output " + *e.outputText : "") +
                                            (e.error ? " error " + *e.error : "") + (e.cause ? " cause " + *e.cause : ""));
    if (e.timeoutTimer) sim.cancel(*e.timeoutTimer);
    e.timeoutTimer.reset();
    if (closed) closed(e);
    auto listeners = std::move(e.onFinished);
    for (auto& listener : listeners) listener(e);
  }

  // Drops the task tokens `run` and the runs under it still hold.
  void forgetTokens(const Run& run) {
    if (run.taskToken) {
      auto it = tokens.find(*run.taskToken);
      if (it != tokens.end() && it->second.first == &run) tokens.erase(it);
    }
    for (const auto& child : run.children)
      if (child) forgetTokens(*child);
  }

  // Stops every piece of outstanding work under `run` (timers, tasks, children).
  void cancelAll(Run& run) {
    abortChildren(run);
    std::function<void()> cancel = std::move(run.cancelTask);
    clearTask(run);  // first: a cancel that answers at once is then ignored
    run.finished = true;
    if (cancel) cancel();
  }
};

// ---- Parallel and Map ------------------------------------------------------------------------

// Starts the branches or iterations. True when they all finished synchronously and the state is
// done; false while some are still running (the last to finish moves the run on).
bool Engine::Impl::startChildren(Run& run, const State& st) {
  bool jsonata = st.queryLanguage == QueryLanguage::JSONata;
  Data effective = jsonata ? run.input : inputPath(run, st);
  // A redrive keeps what the branches or iterations that succeeded returned.
  std::vector<Data> kept = std::exchange(run.redriving, false) ? std::move(run.childResults)
                                                               : std::vector<Data>();
  run.children.clear();
  run.childResults.clear();
  run.childrenDone = run.childrenStarted = 0;
  run.lastIterationEvent = 0;
  run.childFailure.reset();
  run.childLimit = 0;
  std::size_t count = 0;
  if (st.type == StateType::Parallel) {
    if (jsonata && st.jsonata->arguments) {
      jsonata::Environment environment = jsonataEnv(run);
      run.mapInput = makeData(st.jsonata->arguments->evaluate(jsonataInputs(run, environment)));
    } else {
      run.mapInput = st.parameters ? makeData(st.parameters->evaluate(evalContext(run, *effective)))
                                   : effective;
    }
    count = st.branches.size();
    record(run, "ParallelStateStarted");
  } else {
    json items;
    if (st.itemReaderResource) {
      items = json::array();  // an ItemReader's items come from S3: startMapRun refuses it
    } else if (jsonata) {
      items = jsonataMapItems(run, st);
    } else if (!st.itemsPath) {
      items = *effective;
    } else {
      const json& root = pathRoot(*st.itemsPath, *effective, context(run), &run.variables);
      std::optional<json> found = st.itemsPath->evaluate(root);
      if (!found) throw invalidPathError(*st.itemsPath, root);
      items = std::move(*found);
    }
    if (!jsonata && !items.is_array())
      throw itemsNotArrayError(st.itemsPath ? &*st.itemsPath : nullptr);
    // MaxConcurrency first; the tolerated failures (only a Distributed Map applies them) after
    // MapStateStarted, as AWS reports their errors.
    run.childLimit = withJsonataInputs(run, jsonata, [&](const JsonataInputs* in) {
      return mapMaxConcurrency(st, *effective, context(run), &run.variables, in);
    });
    count = items.size();
    run.mapInput = std::move(effective);
    run.mapItems = std::move(items);
    record(run, "MapStateStarted", {"mapStateStartedEventDetails", json{{"length", count}}});
    if (st.distributed) count = startMapRun(run, st);
  }
  run.childResults.assign(count, Data());
  if (kept.size() == count) run.childResults = std::move(kept);
  run.children.resize(count);
  return pumpChildren(run, st);
}

// A JSONata Map's Items (an array, or an expression yielding one); without Items, the input,
// which must then be an array.
json Engine::Impl::jsonataMapItems(Run& run, const State& st) {
  if (st.jsonata->items) {
    jsonata::Environment environment = jsonataEnv(run);
    return jsonataArray(*st.jsonata->items, jsonataInputs(run, environment));
  }
  if (!run.input->is_array())
    throw StatesError(std::string(kStatesQueryEvaluationError),
                      "Map state input must be an array but was: " + core::serializeJson(*run.input));
  return *run.input;
}

// Starts children up to the concurrency limit; a child that finishes at once makes room for the
// next in this same loop (no recursion). True when the state finished.
bool Engine::Impl::pumpChildren(Run& run, const State& st) {
  std::uint64_t token = run.token;
  run.startingChildren = true;
  std::size_t total = run.childResults.size();
  while (!run.childFailure && run.childrenStarted < total && run.token == token &&
         (run.childLimit <= 0 ||
          run.childrenStarted - run.childrenDone < static_cast<std::size_t>(run.childLimit))) {
    if (run.childResults[run.childrenStarted]) {  // done before a redrive: not run again
      ++run.childrenStarted;
      ++run.childrenDone;
      continue;
    }
    startChild(run, st, run.childrenStarted);
  }
  run.startingChildren = false;
  if (run.token != token || run.finished) return true;
  if (!run.childFailure && run.childrenDone < total) return false;
  finishChildren(run, st);
  return true;
}

void Engine::Impl::startChild(Run& run, const State& st, std::size_t index) {
  auto child = std::make_unique<Run>();
  child->execution = run.execution;
  child->parent = &run;
  child->index = index;
  child->variables.setParent(&run.variables);
  // Children inherit $$ (with the parent's Map.Item when nested) only if something reads it.
  if (st.readsContext) child->context = context(run);
  if (st.type == StateType::Parallel) {
    child->program = st.branches[index].get();
    child->input = run.mapInput;
    child->lastEvent = run.lastEvent;
  } else if (st.distributed) {
    startMapChild(run, st, *child);
  } else {
    child->program = st.iterator.get();
    try {
      child->input = selectedItem(run, st, index, &child->context);
    } catch (const StatesError& e) {
      // The Map state fails; pumpChildren sees the failure and starts nothing more.
      run.childFailure = std::make_pair(e.error, e.cause);
      return;
    }
    // Every iteration starts from where the Map is: iterations started together all follow
    // MapStateStarted, one started when another ended follows that one's last event.
    child->lastEvent =
        addEvent(*run.execution, "MapIterationStarted", run.lastEvent,
                 {"mapIterationStartedEventDetails", json{{"name", st.name}, {"index", index}}});
  }
  child->state = child->program->startAt;
  Run& ref = *child;
  run.children[index] = std::move(child);
  ++run.childrenStarted;
  // A Distributed Map's child is an execution of its own: its history filling up fails it, not
  // the parent.
  if (st.distributed)
    guarded(*ref.execution, [&] { advance(ref); });
  else
    advance(ref);
}

// Item `index` as its iteration (or Distributed Map child) gets it: through ItemSelector (or the
// legacy Parameters), which sees the Map state's $$ plus the item. `childContext`, when the state
// reads $$, becomes the iteration's $$ with its Map.Item.
Data Engine::Impl::selectedItem(Run& run, const State& st, std::size_t index, json* childContext) {
  json itemContext = st.readsContext ? context(run) : json();
  if (st.readsContext)
    itemContext["Map"] = {{"Item", {{"Index", index}, {"Value", run.mapItems[index]}}}};
  const json& seen = st.readsContext ? itemContext : context(run);
  Data selected;
  if (st.jsonata && st.jsonata->itemSelector) {
    jsonata::Environment environment = jsonataEnv(run);
    selected = makeData(st.jsonata->itemSelector->evaluate(
        JsonataInputs{*run.mapInput, seen, nullptr, nullptr, &run.variables, &environment}));
  } else {
    selected = st.parameters ? makeData(st.parameters->evaluate(EvalContext{
                                   *run.mapInput, seen, random(*run.execution), &run.variables}))
                             : makeData(run.mapItems[index]);
  }
  if (childContext && st.readsContext) *childContext = std::move(itemContext);
  return selected;
}

void Engine::Impl::childFinished(Run& child, bool failed, Data output, const Failure& failure) {
  Run& run = *child.parent;
  const State& st = run.program->states[static_cast<std::size_t>(run.state)];
  if (st.distributed) {
    endMapChild(child, failed ? ExecutionStatus::Failed : ExecutionStatus::Succeeded, output,
                failure);
    return mapChildFinished(run, child, failed, std::move(output), failure);
  }
  if (run.finished || run.childFailure) return;
  ++run.childrenDone;
  if (st.type == StateType::Map) {
    // The Map goes on from the iteration's last event; MapIterationSucceeded or Failed is a
    // side note to it that only MapStateSucceeded follows.
    run.lastIterationEvent = addEvent(
        *run.execution, failed ? "MapIterationFailed" : "MapIterationSucceeded", child.lastEvent,
        {failed ? "mapIterationFailedEventDetails" : "mapIterationSucceededEventDetails",
         json{{"name", st.name}, {"index", child.index}}});
    run.lastEvent = child.lastEvent;
  } else {
    run.lastEvent = std::max(run.lastEvent, child.lastEvent);
  }
  if (failed)
    run.childFailure = std::make_pair(failure.error, failure.cause);
  else
    run.childResults[child.index] = std::move(output);
  if (run.startingChildren) return;  // the starting loop sees it
  if (pumpChildren(run, st)) advance(run);
}

// Every child is done, or one failed: the state succeeds with the results or fails.
void Engine::Impl::finishChildren(Run& run, const State& st) {
  bool map = st.type == StateType::Map;
  run.waiting = false;
  if (run.childFailure) {
    Failure failure{run.childFailure->first, run.childFailure->second};
    run.childFailure.reset();
    endMapRun(
        run, "FAILED",
        {"mapRunFailedEventDetails", json{{"error", failure.error}, {"cause", failure.cause}}});
    // A redrive runs the children that did not succeed again: only successes keep their slot.
    if (st.distributed)
      for (const auto& child : run.children)
        if (child && child->execution->status != ExecutionStatus::Succeeded)
          run.childResults[child->index] = nullptr;
    abortChildren(run);
    // A failure that is retried goes straight to the next MapStateStarted, as on AWS.
    if (retrierFor(run, st, failure) < 0)
      record(run, map ? "MapStateFailed" : "ParallelStateFailed");
    handleFailure(run, st, failure);  // stops the other children
    return;
  }
  endMapRun(run, "SUCCEEDED");
  // Map/ParallelStateSucceeded is a side note too: the StateExited follows what it follows.
  if (map && run.lastIterationEvent) run.lastEvent = run.lastIterationEvent;
  addEvent(*run.execution, map ? "MapStateSucceeded" : "ParallelStateSucceeded", run.lastEvent);
  json results = json::array();
  for (const Data& r : run.childResults) results.push_back(*r);
  retireChildren(run);
  run.childResults.clear();
  run.mapItems = nullptr;
  run.mapInput.reset();
  try {
    Data result = makeData(st.resultSelector ? st.resultSelector->evaluate(evalContext(run, results))
                                             : std::move(results));
    exitWithResult(run, st, std::move(result));
  } catch (const StatesError& e) {
    stateFailed(run, st, e);
  }
}

void Engine::Impl::abortChildren(Run& run) {
  bool map = !run.children.empty() && current(run).type == StateType::Map;
  bool distributed = map && current(run).distributed;
  for (auto& child : run.children) {
    if (!child || child->finished) continue;
    cancelAll(*child);
    if (distributed)
      endMapChild(*child, ExecutionStatus::Aborted, nullptr, Failure{"", "", false, false});
    else if (map)
      recordIfRoom(
          *run.execution, "MapIterationAborted", run.lastEvent,
          {"mapIterationAbortedEventDetails",
           json{{"name", current(run).name}, {"index", child->index}}});
  }
  endMapRun(run, "ABORTED");
  retireChildren(run);
}

// ---- Distributed Map ---------------------------------------------------------------------------

// The tolerated failures, each child's input (ItemSelector per item, then ItemBatcher's batches),
// and a Map Run from the host; MapRunStarted follows MapStateStarted. Returns the number of
// children. ItemReader and ResultWriter need S3, which stepsim does not emulate: they fail as a
// bucket that cannot be reached fails them.
std::size_t Engine::Impl::startMapRun(Run& run, const State& st) {
  if (!mapRuns)
    throw StatesError{"States.Runtime",
                      "A Distributed Map runs only in an execution of a state machine"};
  for (const auto& [resource, error] :
       {std::pair{st.itemReaderResource, "States.ItemReaderFailed"},
        std::pair{st.resultWriterResource, "States.ResultWriterFailed"}})
    if (resource)
      throw StatesError{error, "stepsim does not emulate Amazon S3, which " + *resource +
                                   " reads or writes: the bucket cannot be reached (The specified "
                                   "bucket does not exist; Service: S3, Status Code: 404)"};
  const json& input = *run.mapInput;
  MapSettings settings;
  withJsonataInputs(run, st.queryLanguage == QueryLanguage::JSONata, [&](const JsonataInputs* in) {
    resolveTolerance(settings, st, input, context(run), &run.variables, in);
  });
  run.toleratedFailureCount = settings.toleratedFailureCount;
  run.toleratedFailurePercentage = settings.toleratedFailurePercentage;
  json inputs = json::array();
  for (std::size_t i = 0; i < run.mapItems.size(); ++i)
    inputs.push_back(*selectedItem(run, st, i, nullptr));
  std::size_t itemCount = inputs.size();
  run.mapItems = st.batched ? batchesOf(run, st, std::move(inputs)) : std::move(inputs);
  run.childFailures = 0;
  run.mapRunArn =
      mapRuns->startMapRun({*run.execution, st, itemCount, run.mapItems.size(), run.childLimit,
                            run.toleratedFailureCount, run.toleratedFailurePercentage});
  openMapRuns[run.mapRunArn] = &run;
  record(run, "MapRunStarted", {"mapRunStartedEventDetails", json{{"mapRunArn", run.mapRunArn}}});
  return run.mapItems.size();
}

// ItemBatcher: the children's inputs grouped into {"BatchInput", "Items"} of at most
// MaxItemsPerBatch items and MaxInputBytesPerBatch bytes of items.
json Engine::Impl::batchesOf(Run& run, const State& st, json items) {
  const json& input = *run.mapInput;
  double maxItems = st.maxItemsPerBatchPath
                        ? pathNumber(*st.maxItemsPerBatchPath, input, context(run), &run.variables,
                                     "MaxItemsPerBatchPath", true)
                        : st.maxItemsPerBatch;
  double maxBytes = st.maxInputBytesPerBatchPath
                        ? pathNumber(*st.maxInputBytesPerBatchPath, input, context(run),
                                     &run.variables, "MaxInputBytesPerBatchPath", true)
                        : st.maxInputBytesPerBatch;
  if (maxItems < 0 || maxBytes < 0)
    throw StatesError{"States.Runtime", "ItemBatcher's limits must not be negative."};
  json batchInput = st.batchInput ? st.batchInput->evaluate(evalContext(run, input)) : json();
  json batches = json::array(), batch = json::array();
  std::size_t bytes = 0;
  auto flush = [&] {
    json b = st.batchInput ? json{{"BatchInput", batchInput}} : json::object();
    b["Items"] = std::exchange(batch, json::array());
    batches.push_back(std::move(b));
    bytes = 0;
  };
  for (json& item : items) {
    std::size_t size = core::serializeJson(item).size();
    if (!batch.empty() && ((maxItems > 0 && static_cast<double>(batch.size()) >= maxItems) ||
                           (maxBytes > 0 && static_cast<double>(bytes + size) > maxBytes)))
      flush();
    bytes += size;
    batch.push_back(std::move(item));
  }
  if (!batch.empty()) flush();
  return batches;
}

// A child execution of the Map Run for child `child.index`: ExecutionStarted in its own history,
// its own $$ and variables.
void Engine::Impl::startMapChild(Run& run, const State& st, Run& child) {
  Execution& e = mapRuns->createChild(run.mapRunArn, makeData(run.mapItems[child.index]));
  e.status = ExecutionStatus::Running;
  e.startDate = now();
  e.mapRunArn = run.mapRunArn;
  e.mapChildRun = &child;
  child.execution = &e;
  child.program = st.iterator.get();
  child.input = e.input;
  child.context = nullptr;
  child.variables.setParent(nullptr);
  record(child, "ExecutionStarted",
         {"executionStartedEventDetails", json{{"roleArn", e.revision->roleArn}}, nullptr, "input",
          e.input});
  child.lastEvent = 0;  // the first StateEntered follows 0, as at any execution's start
}

// Closes a child's execution as any execution closes: its final event, status and listeners.
void Engine::Impl::endMapChild(Run& child, ExecutionStatus status, const Data& output,
                               const Failure& failure) {
  Execution& e = *child.execution;
  if (e.status != ExecutionStatus::Running) return;
  e.mapChildRun = nullptr;
  if (status == ExecutionStatus::Succeeded) {
    e.outputText = output == e.input ? e.inputText : core::serializeJson(*output);
    recordFinal(child, "ExecutionSucceeded",
                {"executionSucceededEventDetails", nullptr, nullptr, "output", output});
  } else if (status == ExecutionStatus::Failed) {
    recordFinal(child, "ExecutionFailed", {"executionFailedEventDetails", endingError(e, failure)});
  } else {
    recordFinal(child, "ExecutionAborted",
                {"executionAbortedEventDetails", endingError(e, failure)});
  }
  // Not `closed`: the service keeps a Map Run's children with their run, out of the retention
  // of top-level executions.
  e.status = status;
  e.stopDate = now();
  auto listeners = std::move(e.onFinished);
  for (auto& listener : listeners) listener(e);
}

// The Map Run counts a child that ended: its output in its slot (a failure's Error and Cause when
// tolerated); past the tolerated failures the Map Run fails.
void Engine::Impl::mapChildFinished(Run& run, Run& child, bool failed, Data output,
                                    const Failure& failure) {
  if (run.finished || run.childFailure || run.mapRunArn.empty()) return;
  const State& st = current(run);
  ++run.childrenDone;
  if (failed) {
    ++run.childFailures;
    run.childResults[child.index] = makeData({{"Error", failure.error}, {"Cause", failure.cause}});
    failPastTolerance(run);
  } else {
    run.childResults[child.index] = std::move(output);
  }
  if (run.startingChildren) return;  // the starting loop sees it
  guarded(*run.execution, [&] {
    if (pumpChildren(run, st)) advance(run);
  });
}

// Marks the Map Run failed once its failures pass what it tolerates.
void Engine::Impl::failPastTolerance(Run& run) {
  if (!run.childFailure && toleranceExceeded(run))
    run.childFailure =
        std::make_pair(std::string("States.ExceedToleratedFailureThreshold"),
                       std::string("The specified tolerated failure threshold was exceeded"));
}

// Without ToleratedFailureCount or Percentage, any failure; else past either.
bool Engine::Impl::toleranceExceeded(const Run& run) const {
  double failures = static_cast<double>(run.childFailures);
  if (!run.toleratedFailureCount && !run.toleratedFailurePercentage) return failures > 0;
  if (run.toleratedFailureCount && failures > *run.toleratedFailureCount) return true;
  double total = static_cast<double>(run.childResults.size());
  return run.toleratedFailurePercentage && total > 0 &&
         100.0 * failures / total > *run.toleratedFailurePercentage;
}

// MapRunSucceeded, MapRunFailed or MapRunAborted (while tearing down: only if there is room), and
// the host told; nothing when no Map Run is open.
void Engine::Impl::endMapRun(Run& run, const char* status, EventDetails details) {
  if (run.mapRunArn.empty()) return;
  std::string arn = std::exchange(run.mapRunArn, std::string());
  openMapRuns.erase(arn);
  std::string_view s = status;
  if (s == "ABORTED")
    run.lastEvent =
        recordIfRoom(*run.execution, "MapRunAborted", run.lastEvent, std::move(details));
  else
    record(run, s == "SUCCEEDED" ? "MapRunSucceeded" : "MapRunFailed", std::move(details));
  mapRuns->mapRunEnded(arn, status);
}

void Engine::Impl::retireChildren(Run& run) {
  for (auto& child : run.children)
    if (child) run.execution->retired.push_back(std::move(child));
  run.children.clear();
}

// ---- public -------------------------------------------------------------------------------------

Engine::Engine(core::Simulation& simulation, Integrations& integrations)
    : impl_(std::make_unique<Impl>(simulation, integrations)) {}

Engine::~Engine() = default;

void Engine::start(Execution& e) {
  Impl& s = *impl_;
  e.status = ExecutionStatus::Running;
  e.startDate = s.now();
  auto run = std::make_unique<Run>();
  run->execution = &e;
  run->program = e.revision->program.get();
  run->state = run->program->startAt;
  run->input = e.input;
  e.root = std::move(run);
  if (core::TraceSink* trace = s.sim.trace())
    trace->record(s.now(), "execution", e.name + " started (" + e.stateMachineName + ") with " + core::serializeJson(*e.input));
  s.record(*e.root, "ExecutionStarted",
           {"executionStartedEventDetails", json{{"roleArn", e.revision->roleArn}}, nullptr, "input",
            e.input});
  e.root->lastEvent = 0;  // the first StateEntered follows 0 on AWS
  s.armExecutionTimeout(e);
  s.guarded(e, [&] { s.advance(*e.root); });
}

void Engine::stop(Execution& e, const std::optional<std::string>& error,
                  const std::optional<std::string>& cause) {
  Impl& s = *impl_;
  if (e.status != ExecutionStatus::Running) return;
  Failure stopped{error.value_or(""), cause.value_or(""), error.has_value(), cause.has_value()};
  if (!e.root) {
    // A Distributed Map's child: ABORTED, and a failure its Map Run counts.
    if (Run* child = e.mapChildRun) {
      s.cancelAll(*child);
      s.endMapChild(*child, ExecutionStatus::Aborted, nullptr, stopped);
      s.mapChildFinished(*child->parent, *child, true, nullptr,
                         Failure{error.value_or("States.Aborted"), cause.value_or("")});
    }
    return;
  }
  s.cancelAll(*e.root);
  s.recordFinal(*e.root, "ExecutionAborted",
                {"executionAbortedEventDetails", Impl::endingError(e, stopped)});
  s.finishExecution(e, ExecutionStatus::Aborted);
}

bool Engine::completeTask(const std::string& token, const TaskOutcome& outcome) {
  Impl& s = *impl_;
  auto it = s.tokens.find(token);
  if (it == s.tokens.end()) return false;
  auto [run, generation] = it->second;
  s.tokens.erase(it);
  if (run->token != generation) return false;  // tokens are erased when their run gives up
  s.resume(*run, [&s, outcome](Run& r) { s.taskFinished(r, outcome); });
  return true;
}

void Engine::redrive(Execution& e) {
  Impl& s = *impl_;
  if (e.status == ExecutionStatus::Running || !e.root) return;
  e.status = ExecutionStatus::Running;
  e.stopDate.reset();
  e.outputText.reset();
  e.error.reset();
  e.cause.reset();
  ++e.redriveCount;
  e.redriveDate = s.now();
  e.contextBase = nullptr;  // $$.Execution.RedriveCount changed
  e.retired.clear();
  Run& root = *e.root;
  root.finished = root.waiting = root.entered = false;
  root.redriving = true;
  root.context = nullptr;
  s.guarded(e, [&] {
    s.record(root, "ExecutionRedriven",
             {"executionRedrivenEventDetails", json{{"redriveCount", e.redriveCount}}});
    s.armExecutionTimeout(e);
    s.advance(root);
  });
}

void Engine::setMapRunHost(MapRunHost* host) {
  impl_->mapRuns = host;
}

bool Engine::updateMapRun(const std::string& mapRunArn, std::optional<int> maxConcurrency,
                          std::optional<int> toleratedFailureCount,
                          std::optional<double> toleratedFailurePercentage) {
  Impl& s = *impl_;
  auto it = s.openMapRuns.find(mapRunArn);
  if (it == s.openMapRuns.end()) return false;
  Run& run = *it->second;
  if (maxConcurrency) run.childLimit = *maxConcurrency;
  if (toleratedFailureCount) run.toleratedFailureCount = *toleratedFailureCount;
  if (toleratedFailurePercentage) run.toleratedFailurePercentage = *toleratedFailurePercentage;
  // A higher limit starts more children now; a lower tolerance may already be exceeded.
  s.failPastTolerance(run);
  const State& st = run.program->states[static_cast<std::size_t>(run.state)];
  s.guarded(*run.execution, [&] {
    if (s.pumpChildren(run, st)) s.advance(run);
  });
  return true;
}

void Engine::onClosed(std::function<void(Execution&)> listener) {
  impl_->closed = std::move(listener);
}

void Engine::forget(const Execution& e) {
  Impl& s = *impl_;
  // A closed execution's tasks were all cleared; this only makes sure no token outlives it.
  if (e.root) s.forgetTokens(*e.root);
  for (const auto& run : e.retired)
    if (run) s.forgetTokens(*run);
  for (const std::string& token : e.timedOutTokens) s.timedOutTokens.erase(token);
}

bool Engine::taskTimedOut(const std::string& token) const {
  return impl_->timedOutTokens.count(token) > 0;
}

bool Engine::heartbeat(const std::string& token) {
  if (!hasTask(token)) return false;
  impl_->armHeartbeat(*impl_->tokens.find(token)->second.first);
  return true;
}

std::vector<Engine::WaitingTask> Engine::waitingTasks(const Execution& execution) const {
  std::vector<WaitingTask> waiting;
  for (const auto& [token, entry] : impl_->tokens) {
    const Run* run = entry.first;
    if (run->execution != &execution || run->token != entry.second || run->state < 0) continue;
    waiting.push_back({run->program->states[static_cast<std::size_t>(run->state)].name, token});
  }
  return waiting;
}

bool Engine::hasTask(const std::string& token) const {
  auto it = impl_->tokens.find(token);
  return it != impl_->tokens.end() && it->second.first->token == it->second.second;
}

}  // namespace stepsim::sfn
