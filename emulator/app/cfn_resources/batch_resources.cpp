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

json batch(Emulator& emulator, std::string_view operation, const json& input) {
  return callService(emulator, "batch", operation, input);
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
void retag(Emulator& emulator, const std::string& arn, const json& previous, const json& current) {
  json removed = json::array();
  for (const auto& [key, value] : previous.items())
    if (!current.contains(key)) removed.push_back(key);
  if (!removed.empty())
    batch(emulator, "UntagResource", {{"resourceArn", arn}, {"tagKeys", removed}});
  if (!current.empty()) batch(emulator, "TagResource", {{"resourceArn", arn}, {"tags", current}});
}

void retagFromProperties(Emulator& emulator, const std::string& arn, const json& previous,
                         const json& current) {
  retag(emulator, arn, previous.value("Tags", json::object()),
        current.value("Tags", json::object()));
}

// The one item Describe<Kind>s gives for `arn`, or null when there is none.
json describedOne(Emulator& emulator, const char* operation, const char* listMember,
                  const std::string& arn) {
  json described = batch(emulator, operation, {{listMember, json::array({arn})}});
  const json& items = described.value(listMember, json::array());
  return items.empty() ? json() : items.front();
}

// Batch deletes a compute environment or job queue only once it is DISABLED.
void disableAndDelete(Emulator& emulator, const std::string& arn, const char* describe,
                      const char* listMember, const char* update, const char* remove,
                      const char* member) {
  json item = describedOne(emulator, describe, listMember, arn);
  if (item.is_null()) return;  // already gone
  if (item.value("state", "") != "DISABLED")
    batch(emulator, update, {{member, arn}, {"state", "DISABLED"}});
  batch(emulator, remove, {{member, arn}});
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
ProvisionedResource createComputeEnvironment(Emulator& emulator, const ResourceRequest& request) {
  json input =
      apiMembers(request.properties, {"Type", "State", "UnmanagedvCpus", "ServiceRole",
                                      "ComputeResources", "EksConfiguration", "Context", "Tags"});
  input["computeEnvironmentName"] =
      nameOrGenerated(emulator, request, "ComputeEnvironmentName", kMaxBatchName);
  if (input.contains("computeResources"))  // an update-only member of ComputeResources
    input["computeResources"].erase("updateToLatestImageVersion");
  json created = batch(emulator, "CreateComputeEnvironment", input);
  return computeEnvironmentResource(created.at("computeEnvironmentArn"));
}

ProvisionedResource updateComputeEnvironment(Emulator& emulator, const ResourceRequest& request,
                                             const ProvisionedResource& current,
                                             const json& previous) {
  const json& p = request.properties;
  json resources = p.value("ComputeResources", json::object());
  json before = previous.value("ComputeResources", json::object());
  for (const char* property : {"ComputeEnvironmentName", "Type", "EksConfiguration"})
    if (propertyChanged(p, previous, property)) return createComputeEnvironment(emulator, request);
  if (propertyChanged(resources, before, "Type") ||
      propertyChanged(resources, before, "SpotIamFleetRole"))
    return createComputeEnvironment(emulator, request);
  json input = apiMembers(p, {"State", "UnmanagedvCpus", "ServiceRole", "UpdatePolicy", "Context"});
  input["computeEnvironment"] = current.physicalId;
  if (json updatable = updatableComputeResources(p); updatable.is_object())
    input["computeResources"] = updatable;
  batch(emulator, "UpdateComputeEnvironment", input);
  retagFromProperties(emulator, current.physicalId, previous, p);
  return current;
}

void removeComputeEnvironment(Emulator& emulator, const ResourceRequest&,
                              const ProvisionedResource& current) {
  disableAndDelete(emulator, current.physicalId, "DescribeComputeEnvironments",
                   "computeEnvironments", "UpdateComputeEnvironment", "DeleteComputeEnvironment",
                   "computeEnvironment");
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

ProvisionedResource createJobQueue(Emulator& emulator, const ResourceRequest& request) {
  requiredProperty(request, "Priority");
  json input = apiMembers(request.properties, kQueueSettings);
  input.update(apiMembers(request.properties, {"JobQueueType", "Tags"}));
  input["jobQueueName"] = nameOrGenerated(emulator, request, "JobQueueName", kMaxBatchName);
  return jobQueueResource(batch(emulator, "CreateJobQueue", input).at("jobQueueArn"));
}

ProvisionedResource updateJobQueue(Emulator& emulator, const ResourceRequest& request,
                                   const ProvisionedResource& current, const json& previous) {
  const json& p = request.properties;
  if (propertyChanged(p, previous, "JobQueueName") || propertyChanged(p, previous, "JobQueueType"))
    return createJobQueue(emulator, request);
  json input = apiMembers(p, kQueueSettings);
  input["jobQueue"] = current.physicalId;
  if (!input.contains("state")) input["state"] = "ENABLED";  // the default, when State goes
  batch(emulator, "UpdateJobQueue", input);
  retagFromProperties(emulator, current.physicalId, previous, p);
  return current;
}

void removeJobQueue(Emulator& emulator, const ResourceRequest&,
                    const ProvisionedResource& current) {
  disableAndDelete(emulator, current.physicalId, "DescribeJobQueues", "jobQueues", "UpdateJobQueue",
                   "DeleteJobQueue", "jobQueue");
}

// --- job definitions ---

// Ref is the ARN of the revision registered. A job definition revision never changes: any update
// registers a new revision (a replacement), and the stack then deregisters the old one.
// ResourceRetentionPolicy.SkipDeregisterOnUpdate is not honoured: the old revision's remove is
// given no properties to read it from.
ProvisionedResource createJobDefinition(Emulator& emulator, const ResourceRequest& request) {
  requiredProperty(request, "Type");
  json input = apiMembers(
      request.properties,
      {"Type", "Parameters", "SchedulingPriority", "ContainerProperties", "NodeProperties",
       "RetryStrategy", "PropagateTags", "Timeout", "Tags", "PlatformCapabilities", "EksProperties",
       "EcsProperties", "ConsumableResourceProperties"});
  input["jobDefinitionName"] =
      nameOrGenerated(emulator, request, "JobDefinitionName", kMaxBatchName);
  std::string arn = batch(emulator, "RegisterJobDefinition", input).at("jobDefinitionArn");
  return {arn, {{"JobDefinitionArn", arn}}};
}

ProvisionedResource updateJobDefinition(Emulator& emulator, const ResourceRequest& request,
                                        const ProvisionedResource&, const json&) {
  return createJobDefinition(emulator, request);
}

void removeJobDefinition(Emulator& emulator, const ResourceRequest&,
                         const ProvisionedResource& current) {
  json definition =
      describedOne(emulator, "DescribeJobDefinitions", "jobDefinitions", current.physicalId);
  if (definition.is_null() || definition.value("status", "") == "INACTIVE") return;
  batch(emulator, "DeregisterJobDefinition", {{"jobDefinition", current.physicalId}});
}

}  // namespace stepsim::app::cfn_resources
