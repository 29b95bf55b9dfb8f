#pragma once
// What an EXPRESS state machine may not do: wait for a job (.sync), for a task token
// (.waitForTaskToken) or for an activity worker. AWS refuses such definitions at
// CreateStateMachine / UpdateStateMachine / ValidateStateMachineDefinition.
#include <vector>

#include "emulator/stepfunctions/definition/compiler.h"

namespace stepsim::sfn {

// Appends a SCHEMA_VALIDATION_FAILED diagnostic for each such Task, nested ones included.
void checkExpressRules(const Program& program, std::vector<Diagnostic>& errors);

}  // namespace stepsim::sfn
