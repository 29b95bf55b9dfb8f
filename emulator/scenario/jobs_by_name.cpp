#include "emulator/scenario/jobs_by_name.h"

#include <algorithm>

#include "emulator/batch/batch_service.h"
#include "emulator/core/aws_error.h"

namespace stepsim::scenario {

using json = stepsim::Json;

std::vector<json> jobsNamed(app::Emulator& emulator, const Scenario& scenario, const std::string& jobName) {
  batch::BatchService& batch = emulator.batch();
  std::vector<json> jobs;
  const json queues = scenario.doc.value("resources", json::object()).value("jobQueues", json::array());
  for (const json& queue : queues) {
    json request = {{"jobQueue", queue["jobQueueName"]},
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
