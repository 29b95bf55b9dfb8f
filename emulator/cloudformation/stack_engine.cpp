#include "emulator/cloudformation/stack_engine.h"

#include <algorithm>

#include "emulator/cloudformation/stack_evaluation.h"
#include "emulator/cloudformation/template/template_error.h"
#include "emulator/core/time_types.h"

namespace stepsim::cfn {

using json = stepsim::Json;

namespace {

constexpr const char* kStackType = "AWS::CloudFormation::Stack";

std::string joinedNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

ProvisionedResource provisioned(const StackResource& resource) {
  return {resource.physicalId, resource.attributes};
}

}  // namespace

// Create, Update and Delete move a resource to the template's wish; Revert moves it back to what
// it was before a failed update.
struct StackEngine::Step {
  enum class Action { Create, Update, Delete, Revert, RemoveReplaced };
  Action action;
  std::string logicalId;
  ProvisionedResource replaced;  // RemoveReplaced: the old physical resource
  std::string replacedType;
};

struct StackEngine::Operation {
  enum class Kind { Create, Update, Cleanup, Delete, Rollback, UpdateRollback, RollbackCleanup };
  std::shared_ptr<Stack> stack;
  Kind kind;
  std::vector<Step> steps;
  // An update: the stack as it was, to roll back to, and what it replaced on the way.
  StackDefinition previousDefinition;
  std::map<std::string, StackResource> previousResources;
  std::vector<Step> replacedResources;
  std::vector<std::string> failed;  // logical ids that failed
};

StackEngine::StackEngine(core::Simulation& simulation, ResourceProvisioner& provisioner,
                         std::map<std::string, Export>& exports)
    : simulation_(simulation), provisioner_(provisioner), exports_(exports) {}

core::TimeMs StackEngine::provisioningTime(const std::string& type) const {
  auto it = times_.find(type);
  return it == times_.end() ? defaultTime_ : it->second;
}

json StackEngine::provisioningTimes() const {
  json byType = json::object();
  for (const auto& [type, ms] : times_) byType[type] = ms;
  return {{"defaultMillis", defaultTime_}, {"millisByType", byType}};
}

void StackEngine::clearProvisioningTimes() {
  times_.clear();
  defaultTime_ = kDefaultProvisioningMs;
}

void StackEngine::stackEvent(Stack& stack, const std::string& status, const std::string& reason) {
  stack.status = status;
  stack.statusReason = reason;
  stack.events.push_back({simulation_.ids("cfn-events").uuid(), stack.name, stack.id, kStackType,
                          status, reason, nullptr, simulation_.now()});
}

void StackEngine::resourceEvent(Stack& stack, const StackResource& resource,
                                const std::string& status, const std::string& reason) {
  core::TimeMs now = simulation_.now();
  std::string id = resource.logicalId + "-" + status + "-" + core::formatIso8601(now);
  stack.events.push_back({std::move(id), resource.logicalId, resource.physicalId, resource.type,
                          status, reason, resource.properties, now});
}

void StackEngine::create(std::shared_ptr<Stack> stack) {
  auto op = std::make_shared<Operation>();
  op->stack = stack;
  op->kind = Operation::Kind::Create;
  stackEvent(*stack, "CREATE_IN_PROGRESS", "User Initiated");
  Evaluator evaluator = stackEvaluator(simulation_.config(), *stack, stack->definition, exports_);
  for (const std::string& id :
       creationOrder(*stack->definition.stackTemplate, evaluator.conditionValues()))
    op->steps.push_back({Step::Action::Create, id, {}, {}});
  runStep(op, 0);
}

void StackEngine::update(std::shared_ptr<Stack> stack, StackDefinition next) {
  auto op = std::make_shared<Operation>();
  op->stack = stack;
  op->kind = Operation::Kind::Update;
  op->previousDefinition = std::move(stack->definition);
  op->previousResources = stack->resources;
  stack->definition = std::move(next);
  stack->lastUpdated = simulation_.now();
  stackEvent(*stack, "UPDATE_IN_PROGRESS", "User Initiated");
  Evaluator evaluator = stackEvaluator(simulation_.config(), *stack, stack->definition, exports_);
  for (const std::string& id :
       creationOrder(*stack->definition.stackTemplate, evaluator.conditionValues())) {
    bool exists = stack->resources.contains(id);
    op->steps.push_back({exists ? Step::Action::Update : Step::Action::Create, id, {}, {}});
  }
  runStep(op, 0);
}

void StackEngine::remove(std::shared_ptr<Stack> stack, const std::vector<const Stack*>& others) {
  // An export another stack imports holds its stack up.
  for (const auto& [name, exported] : exports_) {
    if (exported.stackId != stack->id) continue;
    for (const Stack* other : others) {
      if (other == stack.get() || other->isDeleted() || !other->imports.contains(name)) continue;
      stackEvent(*stack, "DELETE_IN_PROGRESS", "User Initiated");
      return stackEvent(*stack, "DELETE_FAILED",
                        "Export " + name + " cannot be deleted as it is in use by " + other->name);
    }
  }
  startDelete(std::move(stack), false);
}

void StackEngine::startDelete(std::shared_ptr<Stack> stack, bool afterRollback) {
  auto op = std::make_shared<Operation>();
  op->stack = stack;
  op->kind = Operation::Kind::Delete;
  stackEvent(*stack, "DELETE_IN_PROGRESS", afterRollback ? "" : "User Initiated");
  // Dependents first: the reverse of the order they were made in, as the template gives it.
  Evaluator evaluator = stackEvaluator(simulation_.config(), *stack, stack->definition, exports_);
  std::vector<std::string> order =
      creationOrder(*stack->definition.stackTemplate, evaluator.conditionValues());
  for (const auto& [id, resource] : stack->resources)
    if (std::find(order.begin(), order.end(), id) == order.end()) order.insert(order.begin(), id);
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    auto resource = stack->resources.find(*it);
    if (resource != stack->resources.end() && resource->second.status != "DELETE_COMPLETE")
      op->steps.push_back({Step::Action::Delete, *it, {}, {}});
  }
  runStep(op, 0);
}

void StackEngine::runStep(std::shared_ptr<Operation> op, std::size_t index) {
  if (index == op->steps.size()) return finish(op);
  const Step& step = op->steps[index];
  Stack& stack = *op->stack;
  StepOutcome outcome("");
  try {
    outcome = perform(*op, step);
  } catch (const std::exception& e) {
    outcome = StepOutcome(e.what());
  }
  if (outcome.unchanged) return runStep(op, index + 1);
  std::string failure = std::move(outcome.failure);
  auto resource = stack.resources.find(step.logicalId);
  std::string type = step.action == Step::Action::RemoveReplaced ? step.replacedType
                     : resource != stack.resources.end()         ? resource->second.type
                                                                 : std::string();
  simulation_.after(provisioningTime(type), [this, op, index, failure] {
    const Step& step = op->steps[index];
    Stack& stack = *op->stack;
    auto it = stack.resources.find(step.logicalId);
    if (it == stack.resources.end()) return runStep(op, index + 1);
    StackResource& resource = it->second;
    std::string verb = resource.status.substr(0, resource.status.find('_'));
    if (!failure.empty()) {
      resource.status = verb + "_FAILED";
      resource.reason = failure;
      resource.updated = simulation_.now();
      resourceEvent(stack, resource, resource.status, failure);
      return fail(op, step.logicalId, failure);
    }
    if (step.action == Step::Action::RemoveReplaced) {
      resourceEvent(stack,
                    StackResource{resource.logicalId, step.replacedType, step.replaced.physicalId,
                                  "", "", 0, nullptr, json::object(), nullptr},
                    "DELETE_COMPLETE");
      return runStep(op, index + 1);
    }
    bool skipped = resource.status == "DELETE_SKIPPED";
    resource.status = skipped ? "DELETE_SKIPPED" : verb + "_COMPLETE";
    resource.reason.clear();
    resource.updated = simulation_.now();
    if (!skipped) resourceEvent(stack, resource, resource.status);
    bool removed =
        step.action == Step::Action::Delete ||
        (step.action == Step::Action::Revert && !op->previousResources.contains(step.logicalId));
    // A stack being deleted keeps its resources' last word; otherwise they leave the stack.
    if (removed && op->kind != Operation::Kind::Delete && op->kind != Operation::Kind::Rollback)
      stack.resources.erase(step.logicalId);
    runStep(op, index + 1);
  });
}

StackEngine::StepOutcome StackEngine::perform(Operation& op, const Step& step) {
  Stack& stack = *op.stack;
  const StackTemplate& stackTemplate = *stack.definition.stackTemplate;
  auto request = [&](const StackResource& resource, json properties) {
    return ResourceRequest{stack.name, stack.id, resource.logicalId, resource.type,
                           std::move(properties)};
  };
  switch (step.action) {
    case Step::Action::Create:
    case Step::Action::Update: {
      const ResourceDeclaration* declaration = stackTemplate.findResource(step.logicalId);
      bool creating = step.action == Step::Action::Create ||
                      stack.resources.at(step.logicalId).type != declaration->type;
      StackResource& resource = stack.resources[step.logicalId];
      if (creating && step.action == Step::Action::Update)
        op.replacedResources.push_back(
            {Step::Action::RemoveReplaced, step.logicalId, provisioned(resource), resource.type});
      json previousProperties = resource.properties;
      resource.logicalId = step.logicalId;
      resource.type = declaration->type;
      resource.metadata = declaration->metadata;
      json properties;
      try {
        properties = stackEvaluator(simulation_.config(), stack, stack.definition, exports_)
                         .properties(*declaration);
      } catch (const TemplateError& e) {
        resource.status = creating ? "CREATE_IN_PROGRESS" : "UPDATE_IN_PROGRESS";
        resourceEvent(stack, resource, resource.status);
        return e.what();
      }
      if (!creating && properties == previousProperties) {
        return StepOutcome::unchangedResource();
      }
      resource.status = creating ? "CREATE_IN_PROGRESS" : "UPDATE_IN_PROGRESS";
      if (creating) resource.physicalId.clear();
      resource.properties = properties;
      resourceEvent(stack, resource, resource.status);
      if (!provisioner_.supports(resource.type))
        return "Resource type " + resource.type + " is not supported by stepsim";
      try {
        ProvisionedResource made =
            creating ? provisioner_.create(request(resource, properties))
                     : provisioner_.update(request(resource, properties), provisioned(resource),
                                           previousProperties);
        if (!creating && made.physicalId != resource.physicalId)
          op.replacedResources.push_back(
              {Step::Action::RemoveReplaced, step.logicalId, provisioned(resource), resource.type});
        resource.physicalId = made.physicalId;
        resource.attributes = made.attributes.is_object() ? made.attributes : json::object();
      } catch (const ProvisioningError& e) {
        return e.what();
      }
      if (creating) resourceEvent(stack, resource, resource.status, "Resource creation Initiated");
      return "";
    }
    case Step::Action::Delete: {
      StackResource& resource = stack.resources.at(step.logicalId);
      const ResourceDeclaration* declaration = stackTemplate.findResource(step.logicalId);
      bool retain = op.kind == Operation::Kind::Delete && declaration &&
                    declaration->deletionPolicy == "Retain";
      resource.status = "DELETE_IN_PROGRESS";
      resourceEvent(stack, resource, resource.status);
      if (retain) {
        resource.status = "DELETE_SKIPPED";
        resourceEvent(stack, resource, resource.status);
        return "";
      }
      if (resource.physicalId.empty() || !provisioner_.supports(resource.type)) return "";
      try {
        provisioner_.remove(request(resource, resource.properties), provisioned(resource));
      } catch (const ProvisioningError& e) {
        return e.what();
      }
      return "";
    }
    case Step::Action::Revert: {
      StackResource& resource = stack.resources.at(step.logicalId);
      auto previous = op.previousResources.find(step.logicalId);
      if (previous == op.previousResources.end()) {  // made by the update: removed
        resource.status = "DELETE_IN_PROGRESS";
        resourceEvent(stack, resource, resource.status);
        if (!resource.physicalId.empty() && provisioner_.supports(resource.type))
          provisioner_.remove(request(resource, resource.properties), provisioned(resource));
        return "";
      }
      const StackResource& before = previous->second;
      if (resource.physicalId == before.physicalId && resource.properties == before.properties) {
        return StepOutcome::unchangedResource();
      }
      resource.status = "UPDATE_IN_PROGRESS";
      resourceEvent(stack, resource, resource.status);
      if (resource.physicalId != before.physicalId) {
        // A replacement: the new one goes, the old one (never deleted) comes back.
        if (!resource.physicalId.empty() && provisioner_.supports(resource.type))
          provisioner_.remove(request(resource, resource.properties), provisioned(resource));
      } else {
        provisioner_.update(request(before, before.properties), provisioned(resource),
                            resource.properties);
      }
      std::string status = resource.status;
      resource = before;
      resource.status = status;
      return "";
    }
    case Step::Action::RemoveReplaced: {
      StackResource old;
      old.logicalId = step.logicalId;
      old.type = step.replacedType;
      old.physicalId = step.replaced.physicalId;
      resourceEvent(stack, old, "DELETE_IN_PROGRESS");
      if (provisioner_.supports(step.replacedType))
        provisioner_.remove(request(old, json::object()), step.replaced);
      return "";
    }
  }
  return "";
}

void StackEngine::finish(std::shared_ptr<Operation> op) {
  Stack& stack = *op->stack;
  switch (op->kind) {
    case Operation::Kind::Create:
      if (std::string failure = settleOutputs(stack); !failure.empty())
        return fail(op, "", failure);
      return stackEvent(stack, "CREATE_COMPLETE");
    case Operation::Kind::Update:
      if (std::string failure = settleOutputs(stack); !failure.empty())
        return fail(op, "", failure);
      return startCleanup(op);
    case Operation::Kind::Cleanup:
      return stackEvent(stack, "UPDATE_COMPLETE");
    case Operation::Kind::Delete:
      dropExports(stack);
      stack.deleted = simulation_.now();
      return stackEvent(stack, "DELETE_COMPLETE");
    case Operation::Kind::Rollback:
      if (stack.deleteOnFailure) return startDelete(op->stack, true);
      return stackEvent(stack, "ROLLBACK_COMPLETE");
    case Operation::Kind::UpdateRollback: {
      auto cleanup = std::make_shared<Operation>();
      cleanup->stack = op->stack;
      cleanup->kind = Operation::Kind::RollbackCleanup;
      stackEvent(stack, "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS");
      return runStep(cleanup, 0);
    }
    case Operation::Kind::RollbackCleanup:
      return stackEvent(stack, "UPDATE_ROLLBACK_COMPLETE");
  }
}

void StackEngine::startCleanup(std::shared_ptr<Operation> op) {
  Stack& stack = *op->stack;
  auto cleanup = std::make_shared<Operation>();
  cleanup->stack = op->stack;
  cleanup->kind = Operation::Kind::Cleanup;
  stackEvent(stack, "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS");
  // What the new template no longer has goes, dependents first; then what was replaced.
  const StackTemplate& previous = *op->previousDefinition.stackTemplate;
  std::vector<std::string> kept;
  for (const Step& step : op->steps) kept.push_back(step.logicalId);
  std::vector<std::string> previousOrder;
  for (const ResourceDeclaration& resource : previous.resources)
    previousOrder.push_back(resource.logicalId);
  for (auto it = previousOrder.rbegin(); it != previousOrder.rend(); ++it)
    if (stack.resources.contains(*it) && std::find(kept.begin(), kept.end(), *it) == kept.end())
      cleanup->steps.push_back({Step::Action::Delete, *it, {}, {}});
  for (const Step& replaced : op->replacedResources) cleanup->steps.push_back(replaced);
  runStep(cleanup, 0);
}

void StackEngine::fail(std::shared_ptr<Operation> op, const std::string& logicalId,
                       const std::string& reason) {
  Stack& stack = *op->stack;
  if (!logicalId.empty()) op->failed.push_back(logicalId);
  std::string cause =
      op->failed.empty()
          ? reason
          : "The following resource(s) failed to " +
                std::string(op->kind == Operation::Kind::Update ? "update" : "create") + ": [" +
                joinedNames(op->failed) + "]. ";
  switch (op->kind) {
    case Operation::Kind::Create:
      if (stack.disableRollback) return stackEvent(stack, "CREATE_FAILED", cause);
      stackEvent(stack, "ROLLBACK_IN_PROGRESS",
                 op->failed.empty() ? cause : cause + "Rollback requested by user.");
      return startRollback(op);
    case Operation::Kind::Update:
      if (stack.disableRollback) return stackEvent(stack, "UPDATE_FAILED", cause);
      stackEvent(stack, "UPDATE_ROLLBACK_IN_PROGRESS", cause);
      return startRollback(op);
    case Operation::Kind::Cleanup:
      return stackEvent(stack, "UPDATE_COMPLETE");  // AWS finishes an update whose cleanup failed
    case Operation::Kind::Delete:
      return stackEvent(stack, "DELETE_FAILED",
                        "The following resource(s) failed to delete: [" + logicalId + "]. ");
    case Operation::Kind::Rollback:
      return stackEvent(stack, "ROLLBACK_FAILED",
                        "The following resource(s) failed to delete: [" + logicalId + "]. ");
    case Operation::Kind::UpdateRollback:
    case Operation::Kind::RollbackCleanup:
      return stackEvent(stack, "UPDATE_ROLLBACK_FAILED", reason);
  }
}

void StackEngine::startRollback(std::shared_ptr<Operation> op) {
  Stack& stack = *op->stack;
  auto rollback = std::make_shared<Operation>();
  rollback->stack = op->stack;
  if (op->kind == Operation::Kind::Create) {
    rollback->kind = Operation::Kind::Rollback;
    for (auto it = op->steps.rbegin(); it != op->steps.rend(); ++it)
      if (stack.resources.contains(it->logicalId))
        rollback->steps.push_back({Step::Action::Delete, it->logicalId, {}, {}});
    return runStep(rollback, 0);
  }
  rollback->kind = Operation::Kind::UpdateRollback;
  rollback->previousResources = op->previousResources;
  for (auto it = op->steps.rbegin(); it != op->steps.rend(); ++it)
    if (stack.resources.contains(it->logicalId))
      rollback->steps.push_back({Step::Action::Revert, it->logicalId, {}, {}});
  stack.definition = std::move(op->previousDefinition);
  runStep(rollback, 0);
}

std::string StackEngine::settleOutputs(Stack& stack) {
  json outputs = json::array();
  std::vector<Export> exported;
  try {
    Evaluator evaluator = stackEvaluator(simulation_.config(), stack, stack.definition, exports_);
    const auto& conditions = evaluator.conditionValues();
    for (const OutputDeclaration& output : stack.definition.stackTemplate->outputs) {
      if (!output.condition.empty() && !conditions.at(output.condition)) continue;
      json value = evaluator.evaluate(output.value);
      std::string text;
      if (value.is_array()) {
        for (const json& item : value)
          text += (text.empty() ? "" : ",") +
                  (item.is_string() ? item.get<std::string>() : item.dump());
      } else {
        text = value.is_string() ? value.get<std::string>() : value.dump();
      }
      json entry = {{"OutputKey", output.name}, {"OutputValue", text}};
      if (!output.description.empty()) entry["Description"] = output.description;
      if (!output.exportName.is_null()) {
        json name = evaluator.evaluate(output.exportName);
        std::string exportName = name.is_string() ? name.get<std::string>() : name.dump();
        auto taken = exports_.find(exportName);
        if (taken != exports_.end() && taken->second.stackId != stack.id)
          return "Export with name " + exportName + " is already exported by stack " +
                 taken->second.stackName;
        entry["ExportName"] = exportName;
        exported.push_back({exportName, text, stack.id, stack.name});
      }
      outputs.push_back(std::move(entry));
    }
  } catch (const TemplateError& e) {
    return e.what();
  }
  dropExports(stack);
  for (Export& e : exported) exports_[e.name] = std::move(e);
  stack.outputs = std::move(outputs);
  return "";
}

void StackEngine::dropExports(const Stack& stack) {
  std::erase_if(exports_, [&](const auto& entry) { return entry.second.stackId == stack.id; });
}

}  // namespace stepsim::cfn
