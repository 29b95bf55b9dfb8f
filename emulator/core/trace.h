#pragma once
// A timeline of what happened in a simulation, for `stepsim run --trace`: services note events
// (a state entered, a Lambda invoked, a job's status) when a sink is attached, and cost one null
// check when none is.
#include <string>
#include <string_view>

#include "emulator/core/time_types.h"

namespace stepsim::core {

class TraceSink {
 public:
  virtual ~TraceSink() = default;
  // `kind` is a short category ("state", "lambda", "job", "clock", "execution", "action").
  virtual void record(TimeMs at, std::string_view kind, std::string text) = 0;
};

}  // namespace stepsim::core
