#pragma once
// How a job looks on the wire: the JobDetail of DescribeJobs (cached on the job until it changes)
// and the JobSummary of ListJobs.
#include "emulator/batch/model.h"

namespace stepsim::batch {

const json& jobDetail(const Job& job);
// jobDetail serialized as the wire shows it, cached too (without caching the JSON): DescribeJobs is
// what pollers call.
const std::string& jobDetailText(const Job& job);
json jobSummary(const Job& job);
// stepsim's own view for the console: id, name, queue, status and every status the job entered
// with its time (SUBMITTED at creation first), times in epoch milliseconds.
json jobStatusHistory(const Job& job);

}  // namespace stepsim::batch
