#pragma once
// One function per Batch operation: the bound request in, the output object out; throws
// core::AwsError("ClientException") for client mistakes.
#include "emulator/batch/batch_state.h"

namespace stepsim::batch {

json createComputeEnvironment(BatchState& s, const json& in);
json describeComputeEnvironments(BatchState& s, const json& in);
json updateComputeEnvironment(BatchState& s, const json& in);
json deleteComputeEnvironment(BatchState& s, const json& in);

json createJobQueue(BatchState& s, const json& in);
json describeJobQueues(BatchState& s, const json& in);
json updateJobQueue(BatchState& s, const json& in);
json deleteJobQueue(BatchState& s, const json& in);

json registerJobDefinition(BatchState& s, const json& in);
json describeJobDefinitions(BatchState& s, const json& in);
json deregisterJobDefinition(BatchState& s, const json& in);

json submitJob(BatchState& s, const json& in);
json describeJobs(BatchState& s, const json& in);
// The same answer as describeJobs, already serialized from each job's cached text.
std::string describeJobsText(BatchState& s, const json& in);
json listJobs(BatchState& s, const json& in);
json terminateJob(BatchState& s, const json& in);
json cancelJob(BatchState& s, const json& in);

json tagResource(BatchState& s, const json& in);
json untagResource(BatchState& s, const json& in);
json listTagsForResource(BatchState& s, const json& in);

}  // namespace stepsim::batch
