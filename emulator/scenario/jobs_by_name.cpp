#include "emulator/scenario/jobs_by_name.h"

#include <algorithm>

namespace stepsim::scenario {

using nlohmann::json;

std::vector<json> jobsNamed(app::InProcessClient& client, const Scenario& scenario,
                            const std::string& jobName) {
  std::vector<std::string> ids;
  const json queues = scenario.doc.value("resources", json::object()).value("jobQueues", json::array());
  for (const json& queue : queues) {
    json request = {{"jobQueue", queue["jobQueueName"]},
                    {"filters", {{{"name", "JOB_NAME"}, {"values", {jobName}}}}},
                    {"maxResults", 100}};
    while (true) {
      app::CallResult page = client.call(app::InProcessClient::rest("POST", "/v1/listjobs", request));
      json body = page.json();
      if (!page.ok() || !body.is_object()) break;
      for (const json& summary : body.value("jobSummaryList", json::array()))
        if (summary.value("jobName", "") == jobName) ids.push_back(summary["jobId"]);
      if (!body.contains("nextToken")) break;
      request["nextToken"] = body["nextToken"];
    }
  }
  std::vector<json> jobs;
  for (std::size_t at = 0; at < ids.size(); at += 100) {
    json batch(std::vector<std::string>(ids.begin() + static_cast<std::ptrdiff_t>(at),
                                        ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), at + 100))));
    app::CallResult described =
        client.call(app::InProcessClient::rest("POST", "/v1/describejobs", {{"jobs", batch}}));
    json body = described.json();
    if (described.ok() && body.is_object())
      for (json& job : body["jobs"]) jobs.push_back(std::move(job));
  }
  std::stable_sort(jobs.begin(), jobs.end(), [](const json& a, const json& b) {
    return a.value("createdAt", 0.0) < b.value("createdAt", 0.0);
  });
  return jobs;
}

}  // namespace stepsim::scenario
