#pragma once
// Batch jobs are found by id; scenarios name them by jobName. This finds them the way a client
// would, ListJobs with a JOB_NAME filter on every queue Batch has (the scenario's, its stack's),
// but in-process (no JSON text): a 1,000-job Map scenario reads its jobs in microseconds.
#include <string>
#include <vector>

#include "emulator/app/emulator.h"
#include "emulator/core/json.h"

namespace stepsim::scenario {

// The JobDetails (as DescribeJobs gives them) of every job named `jobName`, oldest first.
std::vector<stepsim::Json> jobsNamed(app::Emulator& emulator, const std::string& jobName);

}  // namespace stepsim::scenario
