// AWS::Logs::LogGroup.
#include "emulator/app/account_region.h"
#include "emulator/app/cfn_resources/resource_families.h"
#include "emulator/app/cfn_resources/service_calls.h"

namespace stepsim::app::cfn_resources {

using json = stepsim::Json;

namespace {

constexpr std::size_t kMaxLogGroupName = 512;

// The group's ARN as the Logs API names it (TagResource), and as CloudFormation's Arn attribute
// gives it, with the ":*" that covers its streams.
std::string logGroupArn(AccountRegion& place, const std::string& name) {
  const auto& config = place.simulation().config();
  return "arn:aws:logs:" + config.region + ":" + config.account + ":log-group:" + name;
}

ProvisionedResource logGroupResource(AccountRegion& place, const std::string& name) {
  return {name, {{"Arn", logGroupArn(place, name) + ":*"}}};
}

void applyRetention(AccountRegion& place, const std::string& name, const json& properties) {
  if (auto days = properties.find("RetentionInDays"); days != properties.end())
    callService(place, "logs", "PutRetentionPolicy",
                {{"logGroupName", name}, {"retentionInDays", *days}});
  else
    callService(place, "logs", "DeleteRetentionPolicy", {{"logGroupName", name}});
}

}  // namespace

// KmsKeyId, LogGroupClass and DeletionProtectionEnabled are given to CreateLogGroup (the last is
// not changed by an update); DataProtectionPolicy, FieldIndexPolicies and ResourcePolicyDocument
// have no operation in stepsim's Logs and are not applied.
ProvisionedResource createLogGroup(AccountRegion& place, const ResourceRequest& request) {
  const json& p = request.properties;
  std::string name = nameOrGenerated(place, request, "LogGroupName", kMaxLogGroupName);
  json input = {{"logGroupName", name}};
  for (const char* property : {"KmsKeyId", "LogGroupClass", "DeletionProtectionEnabled"})
    if (p.contains(property)) input[property] = p[property];
  input = camelCaseKeys(input);
  if (p.contains("Tags")) input["tags"] = tagMap(p["Tags"]);
  callService(place, "logs", "CreateLogGroup", input);
  if (p.contains("RetentionInDays")) applyRetention(place, name, p);
  return logGroupResource(place, name);
}

ProvisionedResource updateLogGroup(AccountRegion& place, const ResourceRequest& request,
                                   const ProvisionedResource& current, const json& previous) {
  const json& p = request.properties;
  if (propertyChanged(p, previous, "LogGroupName") || propertyChanged(p, previous, "LogGroupClass"))
    return createLogGroup(place, request);
  if (propertyChanged(p, previous, "KmsKeyId"))
    throw cfn::ProvisioningError(
        "KmsKeyId cannot change in place: stepsim's Logs has no AssociateKmsKey or "
        "DisassociateKmsKey. Give the log group a new LogGroupName to replace it");
  const std::string& name = current.physicalId;
  if (propertyChanged(p, previous, "RetentionInDays")) applyRetention(place, name, p);
  std::string arn = logGroupArn(place, name);
  json removed =
      removedTagKeys(previous.value("Tags", json::array()), p.value("Tags", json::array()));
  if (!removed.empty())
    callService(place, "logs", "UntagResource", {{"resourceArn", arn}, {"tagKeys", removed}});
  if (json tags = tagMap(p.value("Tags", json::array())); !tags.empty())
    callService(place, "logs", "TagResource", {{"resourceArn", arn}, {"tags", tags}});
  return logGroupResource(place, name);
}

void removeLogGroup(AccountRegion& place, const ResourceRequest&,
                    const ProvisionedResource& current) {
  deleteQuietly(place, "logs", "DeleteLogGroup", {{"logGroupName", current.physicalId}});
}

}  // namespace stepsim::app::cfn_resources
