// CreateChangeSet, DescribeChangeSet, ExecuteChangeSet, DeleteChangeSet and ListChangeSets.
// A change set is worked out when it is created: what the template would add, modify (and
// whether by replacement) and remove.
#include <algorithm>

#include "emulator/cloudformation/cfn_handlers.h"
#include "emulator/cloudformation/stack_evaluation.h"
#include "emulator/cloudformation/template/template_error.h"
#include "emulator/core/aws_error.h"

namespace stepsim::cfn {

namespace {

constexpr const char* kNoChanges =
    "The submitted information didn't contain changes. Submit different information to create a "
    "change set.";

// Whether `value` reads parameter `name` (Ref, or ${name} in Fn::Sub).
bool mentions(const json& value, const std::string& name) {
  if (value.is_object()) {
    if (auto ref = value.find("Ref"); ref != value.end() && ref->is_string() && *ref == name)
      return true;
    for (const auto& [key, item] : value.items()) {
      if (key == "Fn::Sub") {
        const json& text = item.is_array() && !item.empty() ? item[0] : item;
        if (text.is_string() &&
            text.get<std::string>().find("${" + name + "}") != std::string::npos)
          return true;
      }
      if (mentions(item, name)) return true;
    }
  } else if (value.is_array()) {
    return std::any_of(value.begin(), value.end(),
                       [&](const json& item) { return mentions(item, name); });
  }
  return false;
}

json resourceChange(const std::string& action, const std::string& logicalId,
                    const std::string& type, const std::string& physicalId) {
  json change = {{"Action", action},
                 {"LogicalResourceId", logicalId},
                 {"ResourceType", type},
                 {"Scope", json::array()},
                 {"Details", json::array()}};
  if (!physicalId.empty()) change["PhysicalResourceId"] = physicalId;
  return change;
}

json modification(const StackResource& current, const ResourceDeclaration& before,
                  const ResourceDeclaration& after, const std::vector<std::string>& changedParams) {
  json change = resourceChange("Modify", after.logicalId, after.type, current.physicalId);
  if (before.type != after.type) {
    change["Replacement"] = "True";
    return change;
  }
  change["Replacement"] = "False";
  change["Scope"] = {"Properties"};
  json details = json::array();
  auto detail = [](const std::string& property, const char* source, const char* evaluation) {
    return json{
        {"Target",
         {{"Attribute", "Properties"}, {"Name", property}, {"RequiresRecreation", "Never"}}},
        {"Evaluation", evaluation},
        {"ChangeSource", source}};
  };
  std::set<std::string> names;
  for (const json* properties : {&before.properties, &after.properties})
    for (const auto& [name, value] : properties->items()) names.insert(name);
  for (const std::string& name : names) {
    json old = before.properties.value(name, json()), now = after.properties.value(name, json());
    if (old != now) {
      details.push_back(detail(name, "DirectModification", "Static"));
      continue;
    }
    for (const std::string& parameter : changedParams)
      if (mentions(now, parameter)) {
        details.push_back(detail(name, "ParameterReference", "Dynamic"));
        break;
      }
  }
  change["Details"] = details;
  return change;
}

std::vector<std::string> changedParameters(const StackDefinition& before,
                                           const StackDefinition& after) {
  std::vector<std::string> changed;
  for (const auto& [name, value] : after.parameterValues) {
    auto old = before.parameterValues.find(name);
    if (old == before.parameterValues.end() || old->second != value) changed.push_back(name);
  }
  return changed;
}

// The changes `next` makes to `stack` (which has no resources when it is being created).
json changesOf(CfnState& s, Stack& stack, const StackDefinition& next) {
  json changes = json::array();
  auto add = [&](json resourceChange) {
    changes.push_back({{"Type", "Resource"}, {"ResourceChange", std::move(resourceChange)}});
  };
  std::vector<std::string> order;
  try {
    Evaluator evaluator = stackEvaluator(s.simulation.config(), stack, next, s.exports);
    order = creationOrder(*next.stackTemplate, evaluator.conditionValues());
  } catch (const TemplateError& e) {
    validationError(e.what());
  }
  std::vector<std::string> changedParams;
  if (stack.definition.stackTemplate) changedParams = changedParameters(stack.definition, next);
  for (const std::string& id : order) {
    const ResourceDeclaration& after = *next.stackTemplate->findResource(id);
    auto current = stack.resources.find(id);
    if (current == stack.resources.end()) {
      add(resourceChange("Add", id, after.type, ""));
      continue;
    }
    const ResourceDeclaration* before = stack.definition.stackTemplate->findResource(id);
    json change = modification(current->second, before ? *before : after, after, changedParams);
    if (change.contains("Replacement") &&
        (change["Replacement"] == "True" || !change["Details"].empty()))
      add(std::move(change));
  }
  for (const auto& [id, resource] : stack.resources)
    if (std::find(order.begin(), order.end(), id) == order.end())
      add(resourceChange("Remove", id, resource.type, resource.physicalId));
  return changes;
}

json describe(const Stack& stack, const ChangeSet& changeSet) {
  json out = {{"ChangeSetName", changeSet.name},
              {"ChangeSetId", changeSet.id},
              {"StackId", stack.id},
              {"StackName", stack.name},
              {"Parameters", parametersOf(changeSet.definition)},
              {"CreationTime", core::epochSeconds(changeSet.created)},
              {"ExecutionStatus", changeSet.executionStatus},
              {"Status", changeSet.status},
              {"NotificationARNs", stack.notificationArns},
              {"RollbackConfiguration", json::object()},
              {"Tags", changeSet.definition.tags},
              {"Changes", changeSet.changes},
              {"IncludeNestedStacks", false}};
  if (!changeSet.description.empty()) out["Description"] = changeSet.description;
  if (!changeSet.statusReason.empty()) out["StatusReason"] = changeSet.statusReason;
  if (!changeSet.definition.capabilities.empty())
    out["Capabilities"] = changeSet.definition.capabilities;
  return out;
}

json summary(const Stack& stack, const ChangeSet& changeSet) {
  json out = {{"StackId", stack.id},
              {"StackName", stack.name},
              {"ChangeSetId", changeSet.id},
              {"ChangeSetName", changeSet.name},
              {"ExecutionStatus", changeSet.executionStatus},
              {"Status", changeSet.status},
              {"CreationTime", core::epochSeconds(changeSet.created)},
              {"IncludeNestedStacks", false}};
  if (!changeSet.description.empty()) out["Description"] = changeSet.description;
  if (!changeSet.statusReason.empty()) out["StatusReason"] = changeSet.statusReason;
  return out;
}

// An executed change set is gone as CloudFormation removes it: found by its ARN only.
bool executed(const ChangeSet& changeSet) {
  return changeSet.executionStatus == "EXECUTE_COMPLETE";
}

struct FoundChangeSet {
  std::shared_ptr<Stack> stack;
  std::shared_ptr<ChangeSet> changeSet;
};

// ChangeSetName as an ARN, or as a name with StackName; ChangeSetNotFoundException when absent.
FoundChangeSet requireChangeSet(const CfnState& s, const json& in) {
  std::string name = in.at("ChangeSetName");
  auto notFound = [&]() -> FoundChangeSet {
    throw core::AwsError("ChangeSetNotFound", "ChangeSet [" + name + "] does not exist", 404);
  };
  if (name.starts_with("arn:")) {
    // A StackName given with the ARN must be the change set's own stack, not another one.
    const std::string* stackName =
        in.contains("StackName") ? &in["StackName"].get_ref<const std::string&>() : nullptr;
    for (const auto& stack : s.stacks)
      for (const auto& changeSet : stack->changeSets)
        if (changeSet->id == name &&
            (!stackName || *stackName == stack->id || *stackName == stack->name))
          return {stack, changeSet};
    return notFound();
  }
  if (!in.contains("StackName"))
    validationError("StackName must be specified if ChangeSetName is not specified as an ARN.");
  std::shared_ptr<Stack> stack = findStack(s, in["StackName"].get<std::string>());
  if (!stack) validationError("Stack [" + in["StackName"].get<std::string>() + "] does not exist");
  for (const auto& changeSet : stack->changeSets)
    if (changeSet->name == name && !executed(*changeSet)) return {stack, changeSet};
  return notFound();
}

}  // namespace

json createChangeSet(CfnState& s, const json& in) {
  std::string stackName = in.at("StackName");
  std::string name = in.at("ChangeSetName");
  std::string type = in.value("ChangeSetType", "UPDATE");
  if (type == "IMPORT") validationError("stepsim does not import existing resources into stacks");
  std::shared_ptr<Stack> stack = findStack(s, stackName);
  if (type == "CREATE" && stack && stack->status != "REVIEW_IN_PROGRESS")
    validationError("Stack [" + stackName +
                    "] already exists and cannot be created again with the "
                    "changeSet [" +
                    name + "].");
  if (type == "UPDATE" && (!stack || stack->status == "REVIEW_IN_PROGRESS"))
    validationError("Stack [" + stackName + "] does not exist");
  if (stack)
    for (const auto& existing : stack->changeSets)
      if (existing->name == name && !executed(*existing))
        throw core::AwsError("AlreadyExistsException",
                             "ChangeSet " + name + " already exists for stack " + stackName, 400);
  StackDefinition definition =
      readDefinition(s, in, stack && type == "UPDATE" ? &stack->definition : nullptr);
  checkCapabilities(definition, false);
  bool creating = !stack;
  if (creating) {
    stack = newStack(s, stackName, in);
    stack->status = "REVIEW_IN_PROGRESS";
    s.engine.stackEvent(*stack, "REVIEW_IN_PROGRESS", "User Initiated");
  }
  auto changeSet = std::make_shared<ChangeSet>();
  const core::SimulationConfig& config = s.simulation.config();
  changeSet->id = "arn:aws:cloudformation:" + config.region + ":" + config.account + ":changeSet/" +
                  name + "/" + s.simulation.ids("cfn-change-sets").uuid();
  changeSet->name = name;
  changeSet->description = in.value("Description", "");
  changeSet->type = type;
  changeSet->created = s.simulation.now();
  changeSet->changes = changesOf(s, *stack, definition);
  bool same = type == "UPDATE" && definition.templateBody == stack->definition.templateBody &&
              definition.parameterValues == stack->definition.parameterValues &&
              definition.tags == stack->definition.tags;
  if (same) {
    changeSet->status = "FAILED";
    changeSet->statusReason = kNoChanges;
    changeSet->executionStatus = "UNAVAILABLE";
  }
  changeSet->definition = std::move(definition);
  stack->changeSets.push_back(changeSet);
  if (creating) s.stacks.push_back(stack);
  return {{"Id", changeSet->id}, {"StackId", stack->id}};
}

json describeChangeSet(CfnState& s, const json& in) {
  FoundChangeSet found = requireChangeSet(s, in);
  return describe(*found.stack, *found.changeSet);
}

json executeChangeSet(CfnState& s, const json& in) {
  FoundChangeSet found = requireChangeSet(s, in);
  Stack& stack = *found.stack;
  ChangeSet& changeSet = *found.changeSet;
  if (changeSet.executionStatus != "AVAILABLE")
    throw core::AwsError("InvalidChangeSetStatus",
                         "ChangeSet [" + changeSet.id +
                             "] cannot be executed in its current "
                             "status of [" +
                             changeSet.status + "]",
                         400);
  if (stack.inProgress() && stack.status != "REVIEW_IN_PROGRESS")
    validationError("Stack:" + stack.id + " is in " + stack.status +
                    " state and can not be updated.");
  if (in.contains("DisableRollback")) stack.disableRollback = in["DisableRollback"].get<bool>();
  stack.lastChangeSetId = changeSet.id;
  if (changeSet.type == "CREATE")
    startCreate(s, found.stack, changeSet.definition);
  else
    startUpdate(s, found.stack, changeSet.definition);
  // CloudFormation deletes a stack's other change sets once one is executed.
  changeSet.executionStatus = "EXECUTE_COMPLETE";
  stack.changeSets = {found.changeSet};
  return json::object();
}

json deleteChangeSet(CfnState& s, const json& in) {
  FoundChangeSet found = requireChangeSet(s, in);
  std::erase(found.stack->changeSets, found.changeSet);
  return json::object();
}

json listChangeSets(CfnState& s, const json& in) {
  const Stack& stack = requireStack(s, in.at("StackName").get<std::string>());
  json summaries = json::array();
  for (const auto& changeSet : stack.changeSets)
    if (!executed(*changeSet)) summaries.push_back(summary(stack, *changeSet));
  return {{"Summaries", summaries}};
}

}  // namespace stepsim::cfn
