#pragma once
// Batch jobs are found by id; scenarios name them by jobName. This finds them through ListJobs
// (JOB_NAME filter) on every queue the scenario declares, then DescribeJobs.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "emulator/app/in_process_client.h"
#include "emulator/scenario/scenario.h"

namespace stepsim::scenario {

// The JobDetails of every job named `jobName`, in submission order.
std::vector<nlohmann::json> jobsNamed(app::InProcessClient& client, const Scenario& scenario,
                                      const std::string& jobName);

}  // namespace stepsim::scenario
