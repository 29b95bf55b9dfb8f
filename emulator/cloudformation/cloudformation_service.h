#pragma once
// The emulated CloudFormation API: stacks made from templates (JSON or YAML), their events,
// resources and outputs, change sets, and the exports stacks share. Stack operations run on the
// virtual clock (StackEngine); the resources themselves are made by a ResourceProvisioner.
// Errors carry the Query protocol's codes (ValidationError, AlreadyExistsException,
// ChangeSetNotFound, InsufficientCapabilitiesException).
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/cloudformation/resource_provisioner.h"
#include "emulator/cloudformation/stack_engine.h"
#include "emulator/cloudformation/stacks.h"
#include "emulator/core/json.h"
#include "emulator/core/simulation.h"

namespace stepsim::cfn {

// What the operations share.
struct CfnState {
  CfnState(core::Simulation& simulation, ResourceProvisioner& provisioner)
      : simulation(simulation), engine(simulation, provisioner, exports) {}

  core::Simulation& simulation;
  std::string templateDirectory;          // where SAM's relative paths start; empty: the cwd
  std::map<std::string, Export> exports;  // by name
  StackEngine engine;
  std::vector<std::shared_ptr<Stack>> stacks;  // creation order, deleted ones included
};

class CloudFormationService {
 public:
  CloudFormationService(core::Simulation& simulation, ResourceProvisioner& provisioner)
      : state_(simulation, provisioner) {}

  // Runs one operation named as in the model; `input` is already checked against its shape.
  // Returns the output object; throws core::AwsError.
  stepsim::Json handle(std::string_view operation, const stepsim::Json& input);
  bool implements(std::string_view operation) const;

  StackEngine& engine() { return state_.engine; }
  // Where SAM's relative CodeUri and DefinitionUri paths start (default: the server's working
  // directory); a scenario sets its template's.
  void setTemplateDirectory(std::string directory) {
    state_.templateDirectory = std::move(directory);
  }
  // Every stack, newest first, as the console shows them: DescribeStacks' fields with the stack's
  // "Resources" (ListStackResources) and its newest "Events" (DescribeStackEvents, at most 200).
  stepsim::Json overview();
  // The live stack named `nameOrId` (a name, or a stack id of a live or deleted stack), or null.
  std::shared_ptr<const Stack> findStack(std::string_view nameOrId) const;

 private:
  CfnState state_;
};

}  // namespace stepsim::cfn
