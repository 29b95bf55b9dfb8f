// CreateJobQueue, DescribeJobQueues, UpdateJobQueue, DeleteJobQueue.
#include <algorithm>

#include "emulator/batch/handlers.h"
#include "emulator/batch/input.h"
#include "emulator/batch/paging.h"

namespace stepsim::batch {

namespace {

void checkState(const std::optional<std::string>& state) {
  if (state && *state != "ENABLED" && *state != "DISABLED")
    clientError("state must be ENABLED or DISABLED");
}

void checkPriority(std::int64_t priority) {
  if (priority < 0 || priority > 1000) clientError("priority must be between 0 and 1000");
}

// Entries must name existing compute environments; stored with their ARNs.
json parseOrder(BatchState& s, const json& value) {
  if (value.empty()) clientError("computeEnvironmentOrder must have at least one entry");
  if (value.size() > 3) clientError("computeEnvironmentOrder may have at most 3 entries");
  json out = json::array();
  for (std::size_t i = 0; i < value.size(); ++i) {
    std::string field = "computeEnvironmentOrder[" + std::to_string(i) + "]";
    const json& e = value[i];
    if (!e.is_object()) clientError(field + " must be an object");
    auto order = optInt(e, "order", field);
    if (!order) clientError(field + ".order is required");
    if (*order < 0) clientError(field + ".order must be >= 0");
    std::string ref = reqString(e, "computeEnvironment", field);
    ComputeEnvironment* ce = s.findComputeEnvironment(ref);
    if (!ce) clientError(field + ".computeEnvironment " + shown(ref) + " does not exist");
    out.push_back({{"order", *order}, {"computeEnvironment", ce->arn}});
  }
  return out;
}

json describe(const JobQueue& q) {
  json out = {{"jobQueueName", q.name},
              {"jobQueueArn", q.arn},
              {"state", q.state},
              {"status", "VALID"},
              {"statusReason", "JobQueue Healthy"},
              {"priority", q.priority},
              {"computeEnvironmentOrder", q.computeEnvironmentOrder}};
  if (!q.schedulingPolicyArn.empty()) out["schedulingPolicyArn"] = q.schedulingPolicyArn;
  if (!q.tags.empty()) out["tags"] = tagsToJson(q.tags);
  return out;
}

JobQueue& existing(BatchState& s, const json& in) {
  std::string ref = reqString(in, "jobQueue");
  JobQueue* q = s.findJobQueue(ref);
  if (!q) clientError("jobQueue " + shown(ref) + " does not exist");
  return *q;
}

}  // namespace

json createJobQueue(BatchState& s, const json& in) {
  auto q = std::make_unique<JobQueue>();
  q->name = reqString(in, "jobQueueName");
  validateName(q->name, "jobQueueName");
  auto priority = optInt(in, "priority");
  if (!priority) clientError("priority is required");
  checkPriority(*priority);
  q->priority = *priority;
  auto state = optString(in, "state");
  checkState(state);
  if (state) q->state = *state;
  const json* order = optArray(in, "computeEnvironmentOrder");
  if (!order) clientError("computeEnvironmentOrder is required");
  q->computeEnvironmentOrder = parseOrder(s, *order);
  q->schedulingPolicyArn = optString(in, "schedulingPolicyArn").value_or("");
  if (const json* tags = optObject(in, "tags")) q->tags = parseTags(*tags, "tags");
  if (s.findJobQueue(q->name))
    clientError("jobQueueName: a job queue named " + shown(q->name) + " already exists");
  q->arn = s.arns.jobQueue(q->name);
  json out = {{"jobQueueName", q->name}, {"jobQueueArn", q->arn}};
  s.jobQueues.push_back(std::move(q));
  return out;
}

json describeJobQueues(BatchState& s, const json& in) {
  int pageSize = parseMaxResults(in, 1, 100, 100);
  auto refs = optStringList(in, "jobQueues");
  if (refs && refs->size() > 100) clientError("jobQueues may list at most 100 entries");
  return renderPage(selectByNameOrArn(s.jobQueues, refs), in, pageSize, "jobQueues",
                    [](const JobQueue& q) { return describe(q); });
}

json updateJobQueue(BatchState& s, const json& in) {
  JobQueue& q = existing(s, in);
  auto state = optString(in, "state");
  checkState(state);
  auto priority = optInt(in, "priority");
  if (priority) checkPriority(*priority);
  json order;
  if (const json* o = optArray(in, "computeEnvironmentOrder")) order = parseOrder(s, *o);
  auto policy = optString(in, "schedulingPolicyArn");
  if (state) q.state = *state;
  if (priority) q.priority = *priority;
  if (order.is_array()) q.computeEnvironmentOrder = std::move(order);
  if (policy) q.schedulingPolicyArn = *policy;
  return {{"jobQueueName", q.name}, {"jobQueueArn", q.arn}};
}

json deleteJobQueue(BatchState& s, const json& in) {
  JobQueue& q = existing(s, in);
  if (q.state != "DISABLED")
    clientError("jobQueue " + shown(q.name) + " must be DISABLED before it can be deleted");
  std::erase_if(s.jobQueues, [&](const auto& p) { return p.get() == &q; });
  return json::object();
}

}  // namespace stepsim::batch
