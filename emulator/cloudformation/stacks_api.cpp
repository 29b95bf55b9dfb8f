// CreateStack, UpdateStack, DeleteStack, DescribeStacks, ListStacks and
// UpdateTerminationProtection.
#include <regex>

#include "emulator/cloudformation/cfn_handlers.h"
#include "emulator/cloudformation/stack_evaluation.h"
#include "emulator/cloudformation/template/template_error.h"
#include "emulator/core/aws_error.h"

namespace stepsim::cfn {

namespace {

constexpr std::size_t kMaxStackName = 128;

void checkStackName(const std::string& name) {
  static const std::regex pattern("[a-zA-Z][-a-zA-Z0-9]*");
  if (name.size() > kMaxStackName || !std::regex_match(name, pattern))
    validationError("1 validation error detected: Value '" + name +
                    "' at 'stackName' failed to satisfy constraint: Member must satisfy regular "
                    "expression pattern: [a-zA-Z][-a-zA-Z0-9]*");
}

void checkIdle(const Stack& stack, std::string_view action) {
  if (stack.inProgress() && stack.status != "REVIEW_IN_PROGRESS")
    validationError("Stack:" + stack.id + " is in " + stack.status + " state and can not be " +
                    std::string(action) + ".");
}

json stackSummary(const Stack& stack) {
  json out = {{"StackId", stack.id},
              {"StackName", stack.name},
              {"CreationTime", core::epochSeconds(stack.created)},
              {"StackStatus", stack.status},
              {"DriftInformation", {{"StackDriftStatus", "NOT_CHECKED"}}}};
  if (stack.definition.stackTemplate && !stack.definition.stackTemplate->description.empty())
    out["TemplateDescription"] = stack.definition.stackTemplate->description;
  if (stack.lastUpdated) out["LastUpdatedTime"] = core::epochSeconds(*stack.lastUpdated);
  if (stack.deleted) out["DeletionTime"] = core::epochSeconds(*stack.deleted);
  if (!stack.statusReason.empty()) out["StackStatusReason"] = stack.statusReason;
  return out;
}

json describe(const Stack& stack) {
  json out = stackSummary(stack);
  out.erase("TemplateDescription");
  if (stack.definition.stackTemplate && !stack.definition.stackTemplate->description.empty())
    out["Description"] = stack.definition.stackTemplate->description;
  if (!stack.lastChangeSetId.empty()) out["ChangeSetId"] = stack.lastChangeSetId;
  out["Parameters"] =
      stack.definition.stackTemplate ? parametersOf(stack.definition) : json::array();
  out["RollbackConfiguration"] = json::object();
  out["DisableRollback"] = stack.disableRollback;
  out["NotificationARNs"] = stack.notificationArns;
  if (!stack.definition.capabilities.empty()) out["Capabilities"] = stack.definition.capabilities;
  if (!stack.outputs.empty()) out["Outputs"] = stack.outputs;
  if (!stack.roleArn.empty()) out["RoleARN"] = stack.roleArn;
  out["Tags"] = stack.definition.tags;
  out["EnableTerminationProtection"] = stack.terminationProtection;
  if (stack.timeoutInMinutes) out["TimeoutInMinutes"] = *stack.timeoutInMinutes;
  return out;
}

// Conditions are evaluated before anything is made, so a malformed one is the caller's error.
void checkConditions(CfnState& s, Stack& stack, const StackDefinition& definition) {
  try {
    stackEvaluator(s.simulation.config(), stack, definition, s.exports).conditionValues();
  } catch (const TemplateError& e) {
    validationError(e.what());
  }
}

}  // namespace

std::shared_ptr<Stack> newStack(CfnState& s, const std::string& name, const json& in) {
  checkStackName(name);
  auto stack = std::make_shared<Stack>();
  stack->name = name;
  stack->id = stackIdFor(s, name);
  stack->created = s.simulation.now();
  stack->disableRollback = in.value("DisableRollback", false);
  std::string onFailure = in.value("OnFailure", "ROLLBACK");
  if (onFailure == "DO_NOTHING") stack->disableRollback = true;
  stack->deleteOnFailure = onFailure == "DELETE";
  stack->terminationProtection = in.value("EnableTerminationProtection", false);
  if (in.contains("TimeoutInMinutes")) stack->timeoutInMinutes = in["TimeoutInMinutes"].get<int>();
  for (const json& arn : in.value("NotificationARNs", json::array()))
    stack->notificationArns.push_back(arn.get<std::string>());
  stack->roleArn = in.value("RoleARN", "");
  return stack;
}

void startCreate(CfnState& s, std::shared_ptr<Stack> stack, StackDefinition definition) {
  checkConditions(s, *stack, definition);
  stack->definition = std::move(definition);
  s.engine.create(std::move(stack));
}

void startUpdate(CfnState& s, std::shared_ptr<Stack> stack, StackDefinition definition) {
  checkConditions(s, *stack, definition);
  s.engine.update(std::move(stack), std::move(definition));
}

json createStack(CfnState& s, const json& in) {
  std::string name = in.at("StackName");
  if (in.contains("OnFailure") && in.contains("DisableRollback"))
    validationError("You cannot specify both OnFailure and DisableRollback.");
  if (std::shared_ptr<Stack> existing = findStack(s, name);
      existing && existing->status != "REVIEW_IN_PROGRESS")
    throw core::AwsError("AlreadyExistsException", "Stack [" + name + "] already exists", 400);
  std::shared_ptr<Stack> stack = newStack(s, name, in);
  StackDefinition definition = readDefinition(s, in, nullptr);
  checkCapabilities(definition, true);
  startCreate(s, stack, std::move(definition));
  s.stacks.push_back(stack);
  return {{"StackId", stack->id}};
}

json updateStack(CfnState& s, const json& in) {
  Stack& found = requireStack(s, in.at("StackName").get<std::string>());
  std::shared_ptr<Stack> stack = findStack(s, found.id);
  checkIdle(*stack, "updated");
  if (stack->status == "REVIEW_IN_PROGRESS" || stack->status == "ROLLBACK_COMPLETE" ||
      stack->status == "CREATE_FAILED" || stack->status == "ROLLBACK_FAILED" ||
      stack->status == "DELETE_FAILED")
    validationError("Stack:" + stack->id + " is in " + stack->status +
                    " state and can not be updated.");
  StackDefinition definition = readDefinition(s, in, &stack->definition);
  checkCapabilities(definition, true);
  if (definition.templateBody == stack->definition.templateBody &&
      definition.parameterValues == stack->definition.parameterValues &&
      definition.tags == stack->definition.tags)
    validationError("No updates are to be performed.");
  if (in.contains("DisableRollback")) stack->disableRollback = in["DisableRollback"].get<bool>();
  startUpdate(s, stack, std::move(definition));
  return {{"StackId", stack->id}};
}

json deleteStack(CfnState& s, const json& in) {
  std::shared_ptr<Stack> stack = findStack(s, in.at("StackName").get<std::string>());
  if (!stack || stack->isDeleted() || stack->status == "DELETE_IN_PROGRESS") return json::object();
  if (stack->terminationProtection)
    validationError("Stack [" + stack->name +
                    "] cannot be deleted while TerminationProtection is enabled");
  checkIdle(*stack, "deleted");
  if (stack->status == "REVIEW_IN_PROGRESS") {  // made by a change set, never executed
    stack->deleted = s.simulation.now();
    s.engine.stackEvent(*stack, "DELETE_COMPLETE");
    return json::object();
  }
  std::vector<const Stack*> all;
  for (const auto& other : s.stacks) all.push_back(other.get());
  s.engine.remove(stack, all);
  return json::object();
}

json describeStacks(CfnState& s, const json& in) {
  json stacks = json::array();
  if (auto name = in.find("StackName"); name != in.end()) {
    stacks.push_back(describe(requireStack(s, name->get<std::string>())));
  } else {
    for (auto it = s.stacks.rbegin(); it != s.stacks.rend(); ++it)
      if (!(*it)->isDeleted()) stacks.push_back(describe(**it));
  }
  return {{"Stacks", stacks}};
}

json listStacks(CfnState& s, const json& in) {
  json filter = in.value("StackStatusFilter", json::array());
  json summaries = json::array();
  for (auto it = s.stacks.rbegin(); it != s.stacks.rend(); ++it) {
    const Stack& stack = **it;
    if (stack.status == "REVIEW_IN_PROGRESS") continue;
    if (!filter.empty() && std::find(filter.begin(), filter.end(), stack.status) == filter.end())
      continue;
    summaries.push_back(stackSummary(stack));
  }
  return {{"StackSummaries", summaries}};
}

json updateTerminationProtection(CfnState& s, const json& in) {
  Stack& stack = requireStack(s, in.at("StackName").get<std::string>());
  stack.terminationProtection = in.at("EnableTerminationProtection").get<bool>();
  return {{"StackId", stack.id}};
}

}  // namespace stepsim::cfn
