#pragma once
// Runs stack operations on the virtual clock, one resource at a time in dependency order: each
// resource is asked of the provisioner when its step starts (an *_IN_PROGRESS event) and is
// complete its provisioning time later (*_COMPLETE), so statuses move as AWS's do and the
// console, waiters and describe calls see every stage. A failure rolls back as CloudFormation
// does: a failed create deletes what it made (ROLLBACK_COMPLETE), a failed update restores what it
// changed (UPDATE_ROLLBACK_COMPLETE).
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "emulator/cloudformation/resource_provisioner.h"
#include "emulator/cloudformation/stacks.h"
#include "emulator/core/simulation.h"

namespace stepsim::cfn {

class StackEngine {
 public:
  StackEngine(core::Simulation& simulation, ResourceProvisioner& provisioner,
              std::map<std::string, Export>& exports);

  static constexpr core::TimeMs kDefaultProvisioningMs = 1000;

  // Virtual time a resource of `type` takes to create, update or delete; the default serves the
  // types given none.
  void setProvisioningTime(const std::string& type, core::TimeMs ms) { times_[type] = ms; }
  void setDefaultProvisioningTime(core::TimeMs ms) { defaultTime_ = ms; }
  core::TimeMs provisioningTime(const std::string& type) const;
  // {"defaultMillis": ms, "millisByType": {type: ms}}
  stepsim::Json provisioningTimes() const;
  void clearProvisioningTimes();

  // Each starts the operation now (the stack's *_IN_PROGRESS event) and returns; the rest
  // happens on the clock.
  void create(std::shared_ptr<Stack> stack);
  void update(std::shared_ptr<Stack> stack, StackDefinition next);
  // `others`: every stack of the region, to find those importing this one's exports.
  void remove(std::shared_ptr<Stack> stack, const std::vector<const Stack*>& others);

  // A stack event, stamped now.
  void stackEvent(Stack& stack, const std::string& status, const std::string& reason = "");

 private:
  struct Operation;
  struct Step;

  void runStep(std::shared_ptr<Operation> op, std::size_t index);
  void finish(std::shared_ptr<Operation> op);
  void fail(std::shared_ptr<Operation> op, const std::string& logicalId, const std::string& reason);
  void startRollback(std::shared_ptr<Operation> op);
  void startCleanup(std::shared_ptr<Operation> op);
  void startDelete(std::shared_ptr<Stack> stack, bool afterRollback);

  // What a step came to when it was performed: done, failed (with the reason), or nothing to do
  // (an update that leaves the resource as it is: it takes no time and writes no event).
  struct StepOutcome {
    StepOutcome(const char* reason) : failure(reason) {}
    StepOutcome(std::string reason) : failure(std::move(reason)) {}
    static StepOutcome unchangedResource() {
      StepOutcome outcome("");
      outcome.unchanged = true;
      return outcome;
    }
    std::string failure;  // empty: done
    bool unchanged = false;
  };

  // Provisions one step now.
  StepOutcome perform(Operation& op, const Step& step);
  void resourceEvent(Stack& stack, const StackResource& resource, const std::string& status,
                     const std::string& reason = "");
  // Outputs and exports of a stack whose resources are all in place; the reason it failed, or
  // empty.
  std::string settleOutputs(Stack& stack);
  void dropExports(const Stack& stack);

  core::Simulation& simulation_;
  ResourceProvisioner& provisioner_;
  std::map<std::string, Export>& exports_;
  std::map<std::string, core::TimeMs> times_;
  core::TimeMs defaultTime_ = kDefaultProvisioningMs;
};

}  // namespace stepsim::cfn
