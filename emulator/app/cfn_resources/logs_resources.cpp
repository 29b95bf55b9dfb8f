// AWS::Logs::LogGroup.
#include "emulator/app/cfn_resources/resource_families.h"
#include "emulator/app/cfn_resources/service_calls.h"
#include "emulator/app/emulator.h"

namespace stepsim::app::cfn_resources {

using json = stepsim::Json;

namespace {

constexpr std::size_t kMaxLogGroupName = 512;

// The group's ARN as the Logs API names it (TagResource), and as CloudFormation's Arn attribute
// gives it, with the ":*" that covers its streams.
std::string logGroupArn(Emulator& emulator, const std::string& name) {
  const auto& config = emulator.simulation().config();
  return "arn:aws:logs:" + config.region + ":" + config.account + ":log-group:" + name;
}

ProvisionedResource logGroupResource(Emulator& emulator, const std::string& name) {
  return {name, {{"Arn", logGroupArn(emulator, name) + ":*"}}};
}

void applyRetention(Emulator& emulator, const std::string& name, const json& properties) {
  if (auto days = properties.find("RetentionInDays"); days != properties.end())
    callService(emulator, "logs", "PutRetentionPolicy",
                {{"logGroupName", name}, {"retentionInDays", *days}});
  else
    callService(emulator, "logs", "DeleteRetentionPolicy", {{"logGroupName", name}});
}

}  // namespace

// KmsKeyId, LogGroupClass and DeletionProtectionEnabled are given to CreateLogGroup (the last is
// not changed by an update); DataProtectionPolicy, FieldIndexPolicies and ResourcePolicyDocument
// have no operation in stepsim's Logs and are not applied.
ProvisionedResource createLogGroup(Emulator& emulator, const ResourceRequest& request) {
  const json& p = request.properties;
  std::string name = nameOrGenerated(emulator, request, "LogGroupName", kMaxLogGroupName);
  json input = {{"logGroupName", name}};
  for (const char* property : {"KmsKeyId", "LogGroupClass", "DeletionProtectionEnabled"})
    if (p.contains(property)) input[property] = p[property];
  input = camelCaseKeys(input);
  if (p.contains("Tags")) input["tags"] = tagMap(p["Tags"]);
  callService(emulator, "logs", "CreateLogGroup", input);
  if (p.contains("RetentionInDays")) applyRetention(emulator, name, p);
  return logGroupResource(emulator, name);
}

ProvisionedResource updateLogGroup(Emulator& emulator, const ResourceRequest& request,
                                   const ProvisionedResource& current, const json& previous) {
  const json& p = request.properties;
  if (propertyChanged(p, previous, "LogGroupName") || propertyChanged(p, previous, "LogGroupClass"))
    return createLogGroup(emulator, request);
  if (propertyChanged(p, previous, "KmsKeyId"))
    throw cfn::ProvisioningError(
        "KmsKeyId cannot change in place: stepsim's Logs has no AssociateKmsKey or "
        "DisassociateKmsKey. Give the log group a new LogGroupName to replace it");
  const std::string& name = current.physicalId;
  if (propertyChanged(p, previous, "RetentionInDays")) applyRetention(emulator, name, p);
  std::string arn = logGroupArn(emulator, name);
  json removed =
      removedTagKeys(previous.value("Tags", json::array()), p.value("Tags", json::array()));
  if (!removed.empty())
    callService(emulator, "logs", "UntagResource", {{"resourceArn", arn}, {"tagKeys", removed}});
  if (json tags = tagMap(p.value("Tags", json::array())); !tags.empty())
    callService(emulator, "logs", "TagResource", {{"resourceArn", arn}, {"tags", tags}});
  return logGroupResource(emulator, name);
}

void removeLogGroup(Emulator& emulator, const ResourceRequest&,
                    const ProvisionedResource& current) {
  deleteQuietly(emulator, "logs", "DeleteLogGroup", {{"logGroupName", current.physicalId}});
}

}  // namespace stepsim::app::cfn_resources
