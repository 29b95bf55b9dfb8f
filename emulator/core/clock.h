#pragma once
// The one source of emulated time. The clock never reads the wall clock itself: in realtime mode
// the host that drives the simulation tells it what time it is.
#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/time_types.h"

namespace stepsim::core {

enum class ClockMode { Auto, Manual, Realtime };

std::string_view toString(ClockMode mode);
std::optional<ClockMode> parseClockMode(std::string_view text);

class Clock {
 public:
  Clock(TimeMs start, ClockMode mode) : start_(start), now_(start), mode_(mode) {}

  TimeMs now() const { return now_; }
  TimeMs start() const { return start_; }
  ClockMode mode() const { return mode_; }
  void setMode(ClockMode mode) { mode_ = mode; }

  // Time never runs backwards; earlier instants are ignored.
  void advanceTo(TimeMs t) {
    if (t > now_) now_ = t;
  }
  void reset() { now_ = start_; }

 private:
  TimeMs start_;
  TimeMs now_;
  ClockMode mode_;
};

}  // namespace stepsim::core
