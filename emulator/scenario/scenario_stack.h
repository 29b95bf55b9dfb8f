#pragma once
// A scenario's resources.stack: a CloudFormation stack (JSON, YAML or SAM template) made before
// time starts, as `aws cloudformation deploy` would make it. The timeline and expectations name
// the functions and state machines it makes by their logical ids.
#include <string>
#include <vector>

#include "emulator/app/emulator.h"
#include "emulator/scenario/scenario.h"

namespace stepsim::scenario {

struct StackDeclarations {
  std::vector<std::string> functions, stateMachines;  // logical ids, and names given literally
};

// Reads the template as CloudFormation will (a template it refuses is a load error at
// `pointer`/template) and what it declares.
Scenario::Stack readScenarioStack(const Scenario& scenario, const std::string& pointer,
                                  const stepsim::Json& node, StackDeclarations& declared);

// Makes the scenario's stack at once (no provisioning time passes); ScenarioError naming the
// resource that failed and why.
void makeScenarioStack(const Scenario& scenario, app::Emulator& emulator);

// What a timeline or expectation reference names: a logical id of the scenario's stack means the
// name the stack's resource got (a function's, a state machine's); any other name is itself.
std::string resourceName(const Scenario& scenario, app::Emulator& emulator,
                         const std::string& name);

}  // namespace stepsim::scenario
