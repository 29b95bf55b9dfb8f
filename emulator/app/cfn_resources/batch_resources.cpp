// AWS::Batch::ComputeEnvironment, AWS::Batch::JobQueue and AWS::Batch::JobDefinition.
// CloudFormation names Batch's members in PascalCase and the API in camelCase, with the same
// shapes otherwise; the free-form maps (tags, parameters, log options, labels) keep their keys.
// Batch tags are such maps in CloudFormation too ({key: value}), not [{Key, Value}] lists.
#include "emulator/app/cfn_resources/resource_families.h"
#include "emulator/app/cfn_resources/service_calls.h"

namespace stepsim::app::cfn_resources {

using json = stepsim::Json;

namespace {

constexpr std::size_t kMaxBatchName = 128;

json batch(AccountRegion& place, std::string_view operation, const json& input) {
  return callService(place, "batch", operation, input);
}

// The properties `names` of `properties`, named as the Batch API names them.
json apiMembers(const json& properties, std::initializer_list<const char*> names) {
  json picked = json::object();
  for (const char* name : names)
    if (auto it = properties.find(name); it != properties.end() && !it->is_null())
      picked[name] = *it;
  return camelCaseKeys(picked, {"Tags", "Parameters", "Options", "Labels", "Annotations",
                                "DockerLabels", "Limits", "Requests"});
}

// Tags of a Batch resource brought from `previous` to `current` (both {key: value}).
void retag(AccountRegion& place, const std::string& arn, const json& previous,
           const json& current) {
  json removed = json::array();
  for (const auto& [key, value] : previous.items())
    if (!current.contains(key)) removed.push_back(key);
  if (!removed.empty()) batch(place, "UntagResource", {{"resourceArn", arn}, {"tagKeys", removed}});
  if (!current.empty()) batch(place, "TagResource", {{"resourceArn", arn}, {"tags", current}});
}

void retagFromProperties(AccountRegion& place, const std::string& arn, const json& previous,
                         const json& current) {
  retag(place, arn, previous.value("Tags", json::object()), current.value("Tags", json::object()));
}

// The one item Describe<Kind>s gives for `arn`, or null when there is none.
json describedOne(AccountRegion& place, const char* operation, const char* listMember,
                  const std::string& arn) {
  json described = batch(place, operation, {{listMember, json::array({arn})}});
  const json& items = described.value(listMember, json::array());
  return items.empty() ? json() : items.front();
}

// Batch deletes a compute environment or job queue only once it is DISABLED.
void disableAndDelete(AccountRegion& place, const std::string& arn, const char* describe,
                      const char* listMember, const char* update, const char* remove,
                      const char* member) {
  json item = describedOne(place, describe, listMember, arn);
  if (item.is_null()) return;  // already gone
  if (item.value("state", "") != "DISABLED")
    batch(place, update, {{member, arn}, {"state", "DISABLED"}});
  batch(place, remove, {{member, arn}});
}

// --- compute environments ---

// computeResources for UpdateComputeEnvironment: spotIamFleetRole cannot change in place.
json updatableComputeResources(const json& properties) {
  json resources = apiMembers(properties, {"ComputeResources"}).value("computeResources", json());
  if (resources.is_object()) resources.erase("spotIamFleetRole");
  return resources;
}

ProvisionedResource computeEnvironmentResource(const std::string& arn) {
  return {arn, {{"ComputeEnvironmentArn", arn}}};
}

}  // namespace

// ReplaceComputeEnvironment (CloudFormation's choice between replacing and updating) is not
// needed: stepsim updates whatever the API lets it.
ProvisionedResource createComputeEnvironment(AccountRegion& place, const ResourceRequest& request) {
  json input =
      apiMembers(request.properties, {"Type", "State", "UnmanagedvCpus", "ServiceRole",
                                      "ComputeResources", "EksConfiguration", "Context", "Tags"});
  input["computeEnvironmentName"] =
      nameOrGenerated(place, request, "ComputeEnvironmentName", kMaxBatchName);
  if (input.contains("computeResources"))  // an update-only member of ComputeResources
    input["computeResources"].erase("updateToLatestImageVersion");
  json created = batch(place, "CreateComputeEnvironment", input);
  return computeEnvironmentResource(created.at("computeEnvironmentArn"));
}

ProvisionedResource updateComputeEnvironment(AccountRegion& place, const ResourceRequest& request,
                                             const ProvisionedResource& current,
                                             const json& previous) {
  const json& p = request.properties;
  json resources = p.value("ComputeResources", json::object());
  json before = previous.value("ComputeResources", json::object());
  for (const char* property : {"ComputeEnvironmentName", "Type", "EksConfiguration"})
    if (propertyChanged(p, previous, property)) return createComputeEnvironment(place, request);
  if (propertyChanged(resources, before, "Type") ||
      propertyChanged(resources, before, "SpotIamFleetRole"))
    return createComputeEnvironment(place, request);
  json input = apiMembers(p, {"State", "UnmanagedvCpus", "ServiceRole", "UpdatePolicy", "Context"});
  input["computeEnvironment"] = current.physicalId;
  if (json updatable = updatableComputeResources(p); updatable.is_object())
    input["computeResources"] = updatable;
  batch(place, "UpdateComputeEnvironment", input);
  retagFromProperties(place, current.physicalId, previous, p);
  return current;
}

void removeComputeEnvironment(AccountRegion& place, const ResourceRequest&,
                              const ProvisionedResource& current) {
  disableAndDelete(place, current.physicalId, "DescribeComputeEnvironments", "computeEnvironments",
                   "UpdateComputeEnvironment", "DeleteComputeEnvironment", "computeEnvironment");
}

// --- job queues ---

namespace {

constexpr std::initializer_list<const char*> kQueueSettings = {"Priority",
                                                               "State",
                                                               "ComputeEnvironmentOrder",
                                                               "SchedulingPolicyArn",
                                                               "ServiceEnvironmentOrder",
                                                               "JobStateTimeLimitActions"};

ProvisionedResource jobQueueResource(const std::string& arn) {
  return {arn, {{"JobQueueArn", arn}}};
}

}  // namespace

ProvisionedResource createJobQueue(AccountRegion& place, const ResourceRequest& request) {
  requiredProperty(request, "Priority");
  json input = apiMembers(request.properties, kQueueSettings);
  input.update(apiMembers(request.properties, {"JobQueueType", "Tags"}));
  input["jobQueueName"] = nameOrGenerated(place, request, "JobQueueName", kMaxBatchName);
  return jobQueueResource(batch(place, "CreateJobQueue", input).at("jobQueueArn"));
}

ProvisionedResource updateJobQueue(AccountRegion& place, const ResourceRequest& request,
                                   const ProvisionedResource& current, const json& previous) {
  const json& p = request.properties;
  if (propertyChanged(p, previous, "JobQueueName") || propertyChanged(p, previous, "JobQueueType"))
    return createJobQueue(place, request);
  json input = apiMembers(p, kQueueSettings);
  input["jobQueue"] = current.physicalId;
  if (!input.contains("state")) input["state"] = "ENABLED";  // the default, when State goes
  batch(place, "UpdateJobQueue", input);
  retagFromProperties(place, current.physicalId, previous, p);
  return current;
}

void removeJobQueue(AccountRegion& place, const ResourceRequest&,
                    const ProvisionedResource& current) {
  disableAndDelete(place, current.physicalId, "DescribeJobQueues", "jobQueues", "UpdateJobQueue",
                   "DeleteJobQueue", "jobQueue");
}

// --- job definitions ---

// Ref is the ARN of the revision registered. A job definition revision never changes: any update
// registers a new revision (a replacement), and the stack then deregisters the old one.
// ResourceRetentionPolicy.SkipDeregisterOnUpdate is not honoured: the old revision's remove is
// given no properties to read it from.
ProvisionedResource createJobDefinition(AccountRegion& place, const ResourceRequest& request) {
  requiredProperty(request, "Type");
  json input = apiMembers(
      request.properties,
      {"Type", "Parameters", "SchedulingPriority", "ContainerProperties", "NodeProperties",
       "RetryStrategy", "PropagateTags", "Timeout", "Tags", "PlatformCapabilities", "EksProperties",
       "EcsProperties", "ConsumableResourceProperties"});
  input["jobDefinitionName"] = nameOrGenerated(place, request, "JobDefinitionName", kMaxBatchName);
  std::string arn = batch(place, "RegisterJobDefinition", input).at("jobDefinitionArn");
  return {arn, {{"JobDefinitionArn", arn}}};
}

ProvisionedResource updateJobDefinition(AccountRegion& place, const ResourceRequest& request,
                                        const ProvisionedResource&, const json&) {
  return createJobDefinition(place, request);
}

void removeJobDefinition(AccountRegion& place, const ResourceRequest&,
                         const ProvisionedResource& current) {
  json definition =
      describedOne(place, "DescribeJobDefinitions", "jobDefinitions", current.physicalId);
  if (definition.is_null() || definition.value("status", "") == "INACTIVE") return;
  batch(place, "DeregisterJobDefinition", {{"jobDefinition", current.physicalId}});
}

}  // namespace stepsim::app::cfn_resources
