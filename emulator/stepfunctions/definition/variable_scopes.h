#pragma once
// Static checks of workflow variables at CreateStateMachine, over the scopes AWS defines: the
// machine's top level is one scope, each Parallel branch and Map item processor another that sees
// the scopes around it. A JSONPath state may read a variable only if some state of its scope or an
// outer one assigns it (the outer scope cannot read an inner scope's variables), and a state of an inner
// scope may not assign a name an outer scope assigns. Also lists each state's references, as
// DescribeStateMachine's variableReferences gives them.
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "emulator/core/json_fwd.h"
#include "emulator/stepfunctions/program.h"

namespace stepsim::sfn {

// What one state reads and assigns, and where it is in the definition.
struct StateVariables {
  std::string location;            // "/States/Name"
  std::set<std::string> reads;     // variable names, without '$'
  std::set<std::string> assigns;
  // JSONPath references must name an assigned variable. A JSONata expression's free `$name` is
  // only looked up when it runs (it may be a function or a local binding): AWS fails the
  // execution then, with "returned nothing (undefined)", and so does stepsim.
  bool readsMustBeAssigned = false;
};

// Collects a state's variables: Assign keys of the state, its Choice rules and catchers; the
// "$name" references of its JSONPath fields (not those of nested branches or item processors), or
// the free variables of its JSONata expressions.
StateVariables stateVariables(const State& st, const stepsim::Json& node, std::string location);

using VariableError = std::function<void(std::string message, std::string location)>;

// Checks every scope of `machine`; `predefined` are names taken as assigned at the top level
// (TestState's `variables`).
void checkVariableScopes(const Program& machine,
                         const std::map<const State*, StateVariables>& variables,
                         const std::set<std::string>& predefined, const VariableError& error);

}  // namespace stepsim::sfn
