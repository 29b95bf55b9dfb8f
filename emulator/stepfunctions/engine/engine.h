#pragma once
// The interpreter: advances executions state by state on the virtual clock. Synchronous states run
// back to back inside one call; a Wait, a retry backoff or a Task waiting on a service suspends the
// run until a timer or callback resumes it. Every step is recorded in the history as AWS does.
#include <functional>
#include <memory>

#include "emulator/core/simulation.h"
#include "emulator/stepfunctions/engine/execution.h"
#include "emulator/stepfunctions/engine/integrations.h"

namespace stepsim::sfn {

// Where a Distributed Map's Map Runs and child workflow executions live (the Step Functions
// service): the engine runs the children, the host names them, keeps them describable and counts
// them.
class MapRunHost {
 public:
  virtual ~MapRunHost() = default;
  struct MapRunStart {
    Execution& parent;
    const State& state;
    std::size_t itemCount, childCount;  // children: one per item, or per batch
    int maxConcurrency;
    std::optional<int> toleratedFailureCount;
    std::optional<double> toleratedFailurePercentage;
  };
  // A new Map Run of `start.state` in `start.parent`: its ARN.
  virtual std::string startMapRun(const MapRunStart& start) = 0;
  // A child execution of the Map Run with `input`, registered (name, ARN, revision) but not yet
  // started: the engine records its events and sets its status.
  virtual Execution& createChild(const std::string& mapRunArn, Data input) = 0;
  // The Map Run ended: SUCCEEDED, FAILED or ABORTED.
  virtual void mapRunEnded(const std::string& mapRunArn, const char* status) = 0;
};

class Engine {
 public:
  Engine(core::Simulation& simulation, Integrations& integrations);
  ~Engine();  // cancels its timers; callbacks that arrive later are ignored
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Records ExecutionStarted and runs until the execution first waits or ends.
  void start(Execution& execution);
  // StopExecution: ABORTED with the given error and cause; outstanding work is cancelled.
  void stop(Execution& execution, const std::optional<std::string>& error,
            const std::optional<std::string>& cause);
  // SendTaskSuccess / SendTaskFailure for a token this engine handed out. False when unknown.
  bool completeTask(const std::string& token, const TaskOutcome& outcome);
  // True while `token` names a task that waits for SendTask*.
  bool hasTask(const std::string& token) const;
  // SendTaskHeartbeat: restarts the task's HeartbeatSeconds countdown. False when unknown.
  bool heartbeat(const std::string& token);
  // True when `token` named a task that timed out (SendTask* then answer TaskTimedOut).
  bool taskTimedOut(const std::string& token) const;
  // The tasks of `execution` waiting for SendTask* now (.waitForTaskToken, activities), in the
  // order their tokens sort: the state's name and the token. For drivers that stand in for a worker.
  struct WaitingTask {
    std::string stateName, token;
  };
  std::vector<WaitingTask> waitingTasks(const Execution& execution) const;
  // RedriveExecution: a FAILED, TIMED_OUT or ABORTED execution runs again from the state it ended
  // in, with that state's input (the caller checked it may). Records ExecutionRedriven.
  void redrive(Execution& execution);
  // Called whenever an execution reaches a final status (again after a redrive), before the
  // execution's own onFinished listeners. The execution may still be in use on the stack.
  void onClosed(std::function<void(Execution&)> listener);
  // Before a closed execution is freed: drops what the engine still keeps about it (the tokens of
  // its tasks that timed out).
  void forget(const Execution& execution);
  // Distributed Map states run their items through `host` (null: they fail with States.Runtime).
  void setMapRunHost(MapRunHost* host);
  // UpdateMapRun: new limits for a Map Run that is running; false when none runs under that ARN.
  bool updateMapRun(const std::string& mapRunArn, std::optional<int> maxConcurrency,
                    std::optional<int> toleratedFailureCount,
                    std::optional<double> toleratedFailurePercentage);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace stepsim::sfn
