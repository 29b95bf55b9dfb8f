#pragma once
// The seam between the interpreter and the services a Task calls. The composition root implements
// it over the in-process Lambda and Batch services (the same handlers HTTP uses), so scripted
// responses, counters and lifecycles apply to Step Functions' calls too.
#include <functional>
#include <optional>
#include <string>

#include "emulator/core/json.h"
#include "emulator/stepfunctions/program.h"

namespace stepsim::sfn {

struct TaskRequest {
  TaskKind kind = TaskKind::LambdaArn;
  IntegrationPattern pattern = IntegrationPattern::RequestResponse;
  std::string resource;
  std::string sdkService, sdkAction;
  stepsim::Json parameters;  // the effective input (LambdaArn: the event)
  std::string executionArn;
  std::string roleArn;  // the execution role the call is made with; empty for TestState
  std::optional<std::string> taskToken;  // .waitForTaskToken and activities
  int timeoutSeconds = 0;    // the Task's TimeoutSeconds(Path), 0: none
  int heartbeatSeconds = 0;  // the Task's HeartbeatSeconds(Path), 0: none

  // What the Task state names (kind, pattern, resource); the rest is filled in per run.
  static TaskRequest of(const State& st) {
    TaskRequest request;
    request.kind = st.taskKind;
    request.pattern = st.pattern;
    request.resource = st.resource;
    request.sdkService = st.sdkService;
    request.sdkAction = st.sdkAction;
    return request;
  }
};

struct TaskOutcome {
  bool failed = false;
  stepsim::Json output;   // on success
  std::string error, cause;  // on failure; error is the States error name ("Lambda.Unknown", ...)

  static TaskOutcome success(stepsim::Json output) { return {false, std::move(output), {}, {}}; }
  static TaskOutcome failure(std::string error, std::string cause) {
    return {true, nullptr, std::move(error), std::move(cause)};
  }
};

struct TaskCallbacks {
  // .sync integrations: the request was accepted (TaskSubmitted carries this output).
  std::function<void(stepsim::Json)> submitted;
  // Activities: a worker took the task; ActivityStarted carries these details ({"workerName":
  // ...}). Other kinds never call it (the engine records their started event when it schedules
  // them).
  std::function<void(stepsim::Json)> started;
  // Exactly once, possibly before run() returns.
  std::function<void(TaskOutcome)> done;
};

class Integrations {
 public:
  virtual ~Integrations() = default;
  // Starts the work. Returns what stops it early (StopExecution, a timeout: terminate the Batch
  // job, ...), or an empty function. The engine ignores a `done` that comes after it gave up.
  virtual std::function<void()> run(const TaskRequest& request, TaskCallbacks callbacks) = 0;
  // Checked before the task is scheduled: a failure here is recorded as the resource's
  // ...ScheduleFailed event instead of ...Scheduled (an activity that does not exist).
  virtual std::optional<TaskOutcome> refuseSchedule(const TaskRequest&) { return std::nullopt; }
};

}  // namespace stepsim::sfn
