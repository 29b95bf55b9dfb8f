#pragma once
// The Evaluator of one stack: its parameters and pseudo parameters, its resources as they stand
// now (Ref and Fn::GetAtt of those already made), and the exports of every stack. The exports it
// reads are noted in the stack's imports.
#include <map>
#include <string>

#include "emulator/cloudformation/stacks.h"
#include "emulator/cloudformation/template/intrinsics.h"
#include "emulator/core/simulation.h"

namespace stepsim::cfn {

PseudoParameters pseudoParameters(const core::SimulationConfig& config,
                                  const std::string& stackName, const std::string& stackId);

// `definition` is the stack's own or the one an update is moving to; both must outlive the
// Evaluator, as must `stack` and `exports`.
Evaluator stackEvaluator(const core::SimulationConfig& config, Stack& stack,
                         const StackDefinition& definition,
                         const std::map<std::string, Export>& exports);

}  // namespace stepsim::cfn
