#pragma once
// Wall-clock timers for what real clients wait on in real time (GetActivityTask's long poll), not
// on the virtual clock. The host that owns the event loop (the HTTP server) provides them; the Step
// Functions service never sees Asio.
#include <chrono>
#include <cstdint>
#include <functional>

namespace stepsim::sfn {

class WallTimers {
 public:
  using TimerId = std::uint64_t;
  virtual ~WallTimers() = default;
  // Runs `action` on the simulation's thread after `delay` of wall time, unless cancelled first.
  virtual TimerId afterWall(std::chrono::milliseconds delay, std::function<void()> action) = 0;
  virtual void cancelWall(TimerId timer) = 0;
};

}  // namespace stepsim::sfn
