#pragma once
// What one scenario run found, for the reports.
#include <string>
#include <vector>

#include "emulator/core/json.h"

namespace stepsim::scenario {

struct UnmetExpectation {
  std::string what;      // "execution poll-my-job status"
  std::string expected;  // as JSON text
  std::string actual;
  std::vector<std::string> diff;  // outputs: one line per differing JSON pointer
};

struct ScenarioResult {
  std::string file, name, description;
  bool passed = false;
  bool skipped = false;  // not run: --fail-fast stopped the run first
  std::vector<UnmetExpectation> unmet;
  std::vector<std::string> actionErrors;  // timeline actions the services refused
  std::string error;                       // the run could not be set up or broke down
  double virtualSeconds = 0;               // from the start to where the clock stopped
  double wallMs = 0;
  bool limitReached = false;
  std::string trace;  // filled when tracing
  stepsim::Json snapshot;  // what the console shows of the run (console/snapshot.h), when asked
};

}  // namespace stepsim::scenario
