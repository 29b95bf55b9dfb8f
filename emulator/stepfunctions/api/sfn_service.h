#pragma once
// The emulated AWS Step Functions service: state machines, executions run by the ASL interpreter on
// the virtual clock, their histories, and task tokens. Tasks reach other services through the
// Integrations the composition root provides.
#include <functional>
#include <memory>
#include <string_view>
#include <variant>

#include "emulator/core/aws_error.h"
#include "emulator/core/json.h"
#include "emulator/core/simulation.h"
#include "emulator/stepfunctions/activities/wall_timers.h"
#include "emulator/stepfunctions/api/execution_logs.h"
#include "emulator/stepfunctions/engine/engine.h"
#include "emulator/stepfunctions/engine/integrations.h"

namespace stepsim::sfn {

class ActivityRegistry;
struct MockConfig;
class SfnState;
class StateTester;

class StepFunctionsService {
 public:
  StepFunctionsService(core::Simulation& simulation, Integrations& integrations);
  ~StepFunctionsService();
  StepFunctionsService(const StepFunctionsService&) = delete;
  StepFunctionsService& operator=(const StepFunctionsService&) = delete;

  // Runs one operation named as in the model; `input` was bound and checked by the protocol layer.
  // Throws core::AwsError with the modeled exceptions.
  stepsim::Json handle(std::string_view operation, const stepsim::Json& input);
  bool implements(std::string_view operation) const;

  // StartSyncExecution: answers when the (EXPRESS) execution ends, possibly before returning.
  // Request errors throw; the execution's result reaches `done`.
  void startSyncExecution(const stepsim::Json& input,
                          std::function<void(stepsim::Json)> done);

  // GetActivityTask: a long poll that answers with {taskToken, input} when a task is (or becomes)
  // available, or with {} when the poll limit passes first. Request errors throw; the answer
  // reaches `done`, possibly before returning.
  void getActivityTask(const stepsim::Json& input, std::function<void(stepsim::Json)> done);
  // The host's wall-clock timers, which time GetActivityTask's long poll; nullptr (shutdown) answers
  // every waiting poll with no task.
  void setWallTimers(WallTimers* timers);
  const ActivityRegistry& activities() const;

  // For nested executions (states:startExecution): starts one and calls `finished` when it ends.
  // Throws core::AwsError as StartExecution does. Returns the execution's ARN.
  std::string startNested(const stepsim::Json& input,
                          std::function<void(stepsim::Json describe)> finished);
  void stopExecution(const std::string& arn, const std::string& error, const std::string& cause);
  // The tokens execution `arn`'s running Tasks wait on (.waitForTaskToken, activities), with their
  // state names; empty for an unknown execution. For drivers that answer as a worker would.
  std::vector<Engine::WaitingTask> waitingTasks(const std::string& arn) const;
  // The ARNs this service gives a state machine or activity of that name.
  std::string stateMachineArn(std::string_view name) const;
  std::string activityArn(std::string_view name) const;
  // Execution `arn`'s history as recorded (nullptr for an unknown execution): for in-process
  // readers that need event types and state names, not GetExecutionHistory's JSON.
  const History* history(const std::string& arn) const;

  // Step Functions Local's mock config: StartExecution on "<machine ARN>#<TestCase>" runs that
  // test case. Replaces any previous one (nullptr: none); running executions keep theirs.
  void setMockConfig(std::shared_ptr<const MockConfig> config);
  // Where executions of machines with a loggingConfiguration write their logs.
  void setExecutionLogWriter(ExecutionLogWriter writer);
  // Told the ARN of every execution as it starts, before its first state (the console logs its
  // page).
  void setExecutionStartObserver(std::function<void(const std::string& executionArn)> observer);

  // TestState: runs one state once. Request errors throw; the result reaches `done`, at once or,
  // for a Task, when its service answers on the virtual clock.
  void testState(const stepsim::Json& input, std::function<void(stepsim::Json)> done);

 private:
  std::unique_ptr<SfnState> state_;
  std::unique_ptr<StateTester> tester_;  // after state_: dropped first
};

}  // namespace stepsim::sfn
