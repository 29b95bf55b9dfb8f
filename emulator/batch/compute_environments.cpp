// CreateComputeEnvironment, DescribeComputeEnvironments, UpdateComputeEnvironment,
// DeleteComputeEnvironment. Environments are VALID at once; nothing is really provisioned.
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

json checkComputeResources(const json& value, bool update) {
  const char* field = "computeResources";
  if (!value.is_object()) clientError("computeResources must be an object");
  if (auto type = optString(value, "type", field)) {
    static constexpr std::string_view kTypes[] = {"EC2", "SPOT", "FARGATE", "FARGATE_SPOT"};
    if (std::find(std::begin(kTypes), std::end(kTypes), *type) == std::end(kTypes))
      clientError("computeResources.type must be EC2, SPOT, FARGATE or FARGATE_SPOT");
  } else if (!update) {
    clientError("computeResources.type is required");
  }
  for (const char* key : {"minvCpus", "maxvCpus", "desiredvCpus"})
    if (auto v = optInt(value, key, field); v && *v < 0)
      clientError(fieldName(field, key) + " must be >= 0");
  optStringList(value, "subnets", field);
  optStringList(value, "securityGroupIds", field);
  optStringList(value, "instanceTypes", field);
  return value;
}

json describe(const ComputeEnvironment& ce) {
  json out = {{"computeEnvironmentName", ce.name},
              {"computeEnvironmentArn", ce.arn},
              {"ecsClusterArn", ce.ecsClusterArn},
              {"type", ce.type},
              {"state", ce.state},
              {"status", "VALID"},
              {"statusReason", "ComputeEnvironment Healthy"},
              {"containerOrchestrationType", "ECS"},
              {"uuid", ce.uuid}};
  if (!ce.tags.empty()) out["tags"] = tagsToJson(ce.tags);
  if (!ce.computeResources.is_null()) out["computeResources"] = ce.computeResources;
  if (!ce.serviceRole.empty()) out["serviceRole"] = ce.serviceRole;
  if (ce.unmanagedvCpus) out["unmanagedvCpus"] = *ce.unmanagedvCpus;
  return out;
}

ComputeEnvironment& existing(BatchState& s, const json& in) {
  std::string ref = reqString(in, "computeEnvironment");
  ComputeEnvironment* ce = s.findComputeEnvironment(ref);
  if (!ce) clientError("computeEnvironment " + shown(ref) + " does not exist");
  return *ce;
}

}  // namespace

json createComputeEnvironment(BatchState& s, const json& in) {
  auto ce = std::make_unique<ComputeEnvironment>();
  ce->name = reqString(in, "computeEnvironmentName");
  validateName(ce->name, "computeEnvironmentName");
  ce->type = reqString(in, "type");
  if (ce->type != "MANAGED" && ce->type != "UNMANAGED")
    clientError("type must be MANAGED or UNMANAGED");
  auto state = optString(in, "state");
  checkState(state);
  if (state) ce->state = *state;
  if (const json* cr = optObject(in, "computeResources"))
    ce->computeResources = checkComputeResources(*cr, false);
  if (auto v = optInt(in, "unmanagedvCpus")) {
    if (*v < 0) clientError("unmanagedvCpus must be >= 0");
    ce->unmanagedvCpus = v;
  }
  ce->serviceRole = optString(in, "serviceRole").value_or("");
  if (const json* tags = optObject(in, "tags")) ce->tags = parseTags(*tags, "tags");
  if (s.findComputeEnvironment(ce->name))
    clientError("computeEnvironmentName: a compute environment named " + shown(ce->name) +
                " already exists");
  ce->arn = s.arns.computeEnvironment(ce->name);
  ce->uuid = s.sim.ids("batch.compute-environments").uuid();
  ce->ecsClusterArn = s.arns.ecsCluster("AWSBatch-" + ce->name + "-" + ce->uuid);
  json out = {{"computeEnvironmentName", ce->name}, {"computeEnvironmentArn", ce->arn}};
  s.computeEnvironments.push_back(std::move(ce));
  return out;
}

json describeComputeEnvironments(BatchState& s, const json& in) {
  int pageSize = parseMaxResults(in, 1, 100, 100);
  auto refs = optStringList(in, "computeEnvironments");
  if (refs && refs->size() > 100) clientError("computeEnvironments may list at most 100 entries");
  return renderPage(selectByNameOrArn(s.computeEnvironments, refs), in, pageSize,
                    "computeEnvironments", [](const ComputeEnvironment& ce) { return describe(ce); });
}

json updateComputeEnvironment(BatchState& s, const json& in) {
  ComputeEnvironment& ce = existing(s, in);
  auto state = optString(in, "state");
  checkState(state);
  json resources;
  if (const json* cr = optObject(in, "computeResources"))
    resources = checkComputeResources(*cr, true);
  auto vcpus = optInt(in, "unmanagedvCpus");
  if (vcpus && *vcpus < 0) clientError("unmanagedvCpus must be >= 0");
  auto role = optString(in, "serviceRole");
  // Everything checked: apply.
  if (state) ce.state = *state;
  if (resources.is_object()) {
    if (!ce.computeResources.is_object()) ce.computeResources = json::object();
    for (auto it = resources.begin(); it != resources.end(); ++it)
      ce.computeResources[it.key()] = it.value();
  }
  if (vcpus) ce.unmanagedvCpus = vcpus;
  if (role) ce.serviceRole = *role;
  return {{"computeEnvironmentName", ce.name}, {"computeEnvironmentArn", ce.arn}};
}

json deleteComputeEnvironment(BatchState& s, const json& in) {
  ComputeEnvironment& ce = existing(s, in);
  if (ce.state != "DISABLED")
    clientError("computeEnvironment " + shown(ce.name) +
                " must be DISABLED before it can be deleted");
  for (const auto& q : s.jobQueues)
    for (const auto& entry : q->computeEnvironmentOrder)
      if (entry.value("computeEnvironment", "") == ce.arn)
        clientError("computeEnvironment " + shown(ce.name) + " is used by job queue " +
                    shown(q->name));
  std::erase_if(s.computeEnvironments, [&](const auto& p) { return p.get() == &ce; });
  return json::object();
}

}  // namespace stepsim::batch
