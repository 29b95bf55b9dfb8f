#pragma once
// Runs the state of a TestState request once, outside any execution: input and output processing
// with the interpreter's helpers, Choice rules, Retry and Catch decided (not carried out: a
// retriable error is reported RETRIABLE, a caught one CAUGHT_ERROR with the catcher's output), a
// Wait reported without waiting, as AWS does. A Task calls the real service through Integrations,
// so its answer may come later on the virtual clock; TestState's five-minute limit (and the
// Task's own TimeoutSeconds) end it with States.Timeout.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include "emulator/core/simulation.h"
#include "emulator/stepfunctions/engine/integrations.h"
#include "emulator/stepfunctions/test_state/test_request.h"

namespace stepsim::sfn {

// TestState's limit on a whole test, in seconds.
inline constexpr int kTestStateTimeoutSeconds = 300;

class StateTester {
 public:
  using Done = std::function<void(nlohmann::json output)>;

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
  // Calls the Task's service with `parameters`; `effective` is the input TimeoutSecondsPath reads.
  bool startTask(const AttemptPtr& attempt, nlohmann::json parameters,
                 const nlohmann::json& effective);
  void taskAnswered(const AttemptPtr& attempt, const TaskOutcome& outcome);
  void finish(const AttemptPtr& attempt);

  core::Simulation& sim_;
  Integrations& integrations_;
  std::uint64_t nextAttempt_ = 0;
  std::map<std::uint64_t, AttemptPtr> waiting_;  // Tasks awaiting an answer
};

}  // namespace stepsim::sfn
