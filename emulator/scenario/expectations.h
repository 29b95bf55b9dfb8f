#pragma once
// Checks a scenario's `expect` block against the world after the run, asking the services what a
// client would ask (DescribeExecution, GetExecutionHistory, ListJobs/DescribeJobs, the control
// API's invocation counters).
#include <map>
#include <string>
#include <vector>

#include "emulator/app/in_process_client.h"
#include "emulator/scenario/result.h"
#include "emulator/scenario/scenario.h"

namespace stepsim::scenario {

// `executions`: execution name → ARN, as the timeline started them. Running executions are
// measured up to where the clock stands.
std::vector<UnmetExpectation> checkExpectations(const Scenario& scenario, app::Emulator& emulator,
                                                const std::map<std::string, std::string>& executions);

}  // namespace stepsim::scenario
