#include "emulator/scenario/jobs_by_name.h"

#include <algorithm>

#include "emulator/batch/batch_service.h"
#include "emulator/core/aws_error.h"

namespace stepsim::scenario {

using json = stepsim::Json;

namespace {

// Every queue Batch has: the scenario's, its stack's and any its timeline made.
std::vector<std::string> queueNames(batch::BatchService& batch) {
  std::vector<std::string> names;
  json request = json::object();
  while (true) {
    json page = batch.handle("DescribeJobQueues", request);
    for (const json& queue : page.value("jobQueues", json::array()))
      names.push_back(queue.value("jobQueueName", ""));
    if (!page.contains("nextToken")) return names;
    request["nextToken"] = page["nextToken"];
  }
}

}  // namespace

std::vector<json> jobsNamed(app::Emulator& emulator, const std::string& jobName) {
  batch::BatchService& batch = emulator.batch();
  std::vector<json> jobs;
  for (const std::string& queue : queueNames(batch)) {
    json request = {{"jobQueue", queue},
                    {"filters", {{{"name", "JOB_NAME"}, {"values", {jobName}}}}},
                    {"maxResults", 1000}};
    while (true) {
      json page;
      try {
        page = batch.handle("ListJobs", request);
      } catch (const core::AwsError&) {
        break;  // the queue is gone (a timeline may delete nothing, but be safe)
      }
      for (const json& summary : page.value("jobSummaryList", json::array()))
        if (summary.value("jobName", "") == jobName)
          if (const json* detail = batch.describeJob(summary["jobId"].get<std::string>())) jobs.push_back(*detail);
      if (!page.contains("nextToken")) break;
      request["nextToken"] = page["nextToken"];
    }
  }
  std::stable_sort(jobs.begin(), jobs.end(), [](const json& a, const json& b) {
    return a.value("createdAt", 0LL) < b.value("createdAt", 0LL);
  });
  return jobs;
}

}  // namespace stepsim::scenario
