// DescribeStackEvents, DescribeStackResource, DescribeStackResources and ListStackResources.
#include "emulator/cloudformation/cfn_handlers.h"
#include "emulator/core/json_text.h"

namespace stepsim::cfn {

namespace {

json driftInformation() {
  return {{"StackResourceDriftStatus", "NOT_CHECKED"}};
}

// The fields every rendering of a resource has; `timeKey` is Timestamp or LastUpdatedTimestamp.
json resourceFields(const StackResource& resource, const char* timeKey) {
  json out = {{"LogicalResourceId", resource.logicalId},
              {"ResourceType", resource.type},
              {timeKey, core::epochSeconds(resource.updated)},
              {"ResourceStatus", resource.status},
              {"DriftInformation", driftInformation()}};
  if (!resource.physicalId.empty()) out["PhysicalResourceId"] = resource.physicalId;
  if (!resource.reason.empty()) out["ResourceStatusReason"] = resource.reason;
  return out;
}

json stackResource(const Stack& stack, const StackResource& resource) {
  json out = resourceFields(resource, "Timestamp");
  out["StackName"] = stack.name;
  out["StackId"] = stack.id;
  return out;
}

json event(const Stack& stack, const StackEvent& e) {
  json out = {{"StackId", stack.id},
              {"EventId", e.eventId},
              {"StackName", stack.name},
              {"LogicalResourceId", e.logicalId},
              {"ResourceType", e.resourceType},
              {"Timestamp", core::epochSeconds(e.timestamp)},
              {"ResourceStatus", e.status}};
  if (!e.physicalId.empty()) out["PhysicalResourceId"] = e.physicalId;
  if (!e.reason.empty()) out["ResourceStatusReason"] = e.reason;
  if (!e.properties.is_null()) out["ResourceProperties"] = core::serializeJson(e.properties);
  return out;
}

// The stack holding the resource whose physical id is `physicalId`, or null.
std::shared_ptr<Stack> stackHolding(const CfnState& s, const std::string& physicalId) {
  for (auto it = s.stacks.rbegin(); it != s.stacks.rend(); ++it)
    for (const auto& [id, resource] : (*it)->resources)
      if (resource.physicalId == physicalId) return *it;
  return nullptr;
}

}  // namespace

json describeStackEvents(CfnState& s, const json& in) {
  const Stack& stack = requireStack(s, in.at("StackName").get<std::string>());
  json events = json::array();
  for (auto it = stack.events.rbegin(); it != stack.events.rend(); ++it)
    events.push_back(event(stack, *it));
  return {{"StackEvents", events}};
}

json describeStackResource(CfnState& s, const json& in) {
  const Stack& stack = requireStack(s, in.at("StackName").get<std::string>());
  std::string logicalId = in.at("LogicalResourceId");
  auto it = stack.resources.find(logicalId);
  if (it == stack.resources.end())
    validationError("Resource " + logicalId + " does not exist for stack " + stack.name);
  json detail = resourceFields(it->second, "LastUpdatedTimestamp");
  detail["StackName"] = stack.name;
  detail["StackId"] = stack.id;
  if (!it->second.metadata.is_null()) detail["Metadata"] = core::serializeJson(it->second.metadata);
  return {{"StackResourceDetail", detail}};
}

json describeStackResources(CfnState& s, const json& in) {
  // By physical id: every resource of the stack that holds it.
  std::shared_ptr<Stack> stack;
  if (auto name = in.find("StackName"); name != in.end()) {
    stack = findStack(s, requireStack(s, name->get<std::string>()).id);
  } else if (auto physical = in.find("PhysicalResourceId"); physical != in.end()) {
    stack = stackHolding(s, physical->get<std::string>());
    if (!stack) validationError("Stack for " + physical->get<std::string>() + " does not exist");
  } else {
    validationError("Either StackName or PhysicalResourceId must be specified.");
  }
  std::string logicalId = in.value("LogicalResourceId", "");
  json resources = json::array();
  for (const auto& [id, resource] : stack->resources) {
    if (!logicalId.empty() && id != logicalId) continue;
    resources.push_back(stackResource(*stack, resource));
  }
  return {{"StackResources", resources}};
}

json listStackResources(CfnState& s, const json& in) {
  const Stack& stack = requireStack(s, in.at("StackName").get<std::string>());
  json summaries = json::array();
  for (const auto& [id, resource] : stack.resources)
    summaries.push_back(resourceFields(resource, "LastUpdatedTimestamp"));
  return {{"StackResourceSummaries", summaries}};
}

}  // namespace stepsim::cfn
