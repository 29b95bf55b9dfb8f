#pragma once
// Runs the state of a TestState request once, outside any execution (the data flow is in
// state_steps and test_run). A Task calls the real service through Integrations, so its answer may
// come later on the virtual clock; TestState's five-minute limit (and the Task's own
// TimeoutSeconds) end it with States.Timeout.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>

#include "emulator/core/json.h"
#include "emulator/core/simulation.h"
#include "emulator/stepfunctions/engine/integrations.h"
#include "emulator/stepfunctions/test_state/state_steps.h"
#include "emulator/stepfunctions/test_state/test_request.h"

namespace stepsim::sfn {

// TestState's limit on a whole test, in seconds.
inline constexpr int kTestStateTimeoutSeconds = 300;

class StateTester {
 public:
  using Done = std::function<void(stepsim::Json output)>;

  StateTester(core::Simulation& simulation, Integrations& integrations);
  ~StateTester();  // tests still waiting are dropped: their answer never comes
  StateTester(const StateTester&) = delete;
  StateTester& operator=(const StateTester&) = delete;

  // Runs the test; `done` receives TestState's output exactly once, possibly before returning.
  void run(TestRequest request, Done done);

 private:
  struct Attempt;
  using AttemptPtr = std::shared_ptr<Attempt>;

  // Runs the state; false when it waits for a Task's answer.
  bool runState(const AttemptPtr& attempt);
  // Calls the Task's service.
  bool startTask(const AttemptPtr& attempt, TaskCall call);
  void taskAnswered(const AttemptPtr& attempt, const TaskOutcome& outcome);
  void finish(const AttemptPtr& attempt);

  core::Simulation& sim_;
  Integrations& integrations_;
  std::uint64_t nextAttempt_ = 0;
  std::map<std::uint64_t, AttemptPtr> waiting_;  // Tasks awaiting an answer
};

}  // namespace stepsim::sfn
