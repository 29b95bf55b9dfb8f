#pragma once
// Plays a scenario's timeline on the virtual clock. The simulation's own clock stays manual: the
// driver alone moves it, so timeline actions happen exactly at their times.
//
//   auto:   time jumps to whichever comes first, the next timer or the next action, until neither
//           is left (or the clock's limit would be passed);
//   manual: time moves only to each action's time and by advanceClock; the run ends after the last
//           action.
//
// While real code runs (an outside wait) the driver does not move time: the host pumps I/O first.
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "emulator/app/emulator.h"
#include "emulator/app/in_process_client.h"
#include "emulator/scenario/scenario.h"

namespace stepsim::scenario {

class Driver {
 public:
  Driver(const Scenario& scenario, app::Emulator& emulator);

  // One unit of progress: an action, or a move of the clock. False when the run is over.
  bool step();
  // True while something outside the simulation (real code) must answer before time may move.
  bool waitingOutside() const;
  // Drives to the end without a host (no real code).
  void runToEnd();

  // Actions the services refused, in order ("t=30s startExecution: ...").
  const std::vector<std::string>& actionErrors() const { return actionErrors_; }
  // Execution name → ARN, for the executions the timeline started with a name.
  const std::map<std::string, std::string>& executions() const { return executions_; }
  bool limitReached() const { return limitReached_; }

 private:
  void perform(const stepsim::Json& action);
  void send(const std::string& what, const protocol::HttpRequest& request,
            std::function<void(const app::CallResult&)> then = nullptr);
  void answerTask(const std::string& kind, const stepsim::Json& answer);
  void terminateJobs(const stepsim::Json& terminate);
  void moveClockTo(core::TimeMs t);

  const Scenario& scenario_;
  app::Emulator& emulator_;
  app::InProcessClient client_;
  const stepsim::Json* timeline_ = nullptr;
  std::size_t next_ = 0;  // the next action
  std::map<std::string, std::string> executions_;
  std::map<std::string, std::deque<std::string>> heldTasks_;  // activity → tokens taken, oldest first
  std::vector<std::string> actionErrors_;
  bool limitReached_ = false;
};

}  // namespace stepsim::scenario
