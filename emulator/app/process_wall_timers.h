#pragma once
// The wall-clock timers of the host that runs real Lambda code (the HTTP server's event loop),
// lent to Step Functions for GetActivityTask's long poll.
#include "emulator/lambda/process_host.h"
#include "emulator/stepfunctions/activities/wall_timers.h"

namespace stepsim::app {

class ProcessWallTimers : public sfn::WallTimers {
 public:
  explicit ProcessWallTimers(lambda::ProcessHost& host) : host_(host) {}
  TimerId afterWall(std::chrono::milliseconds delay, std::function<void()> action) override {
    return host_.afterWall(delay, std::move(action));
  }
  void cancelWall(TimerId timer) override { host_.cancelWall(timer); }

 private:
  lambda::ProcessHost& host_;
};

}  // namespace stepsim::app
