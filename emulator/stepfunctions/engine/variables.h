#pragma once
// Workflow variables at run time (AWS "Passing data between states with variables").
//
// Each thread of control has a scope: the top-level run's, and one per Parallel branch or Map
// iteration, which reads the scopes around it but may not assign their names. A state's Assign is
// evaluated against the values from before the state, so all of its assignments see the same
// values; they are committed when the state exits, and recorded in its StateExited event as
// `assignedVariables` (name → JSON text).
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/core/json.h"
#include "emulator/stepfunctions/asl/variables.h"

namespace stepsim::sfn {

// AWS's limits: one variable's value and one Assign's values together at most 256 KiB of JSON
// text, all the variables an execution holds at most 10 MiB. Over them a state fails with
// States.DataLimitExceeded.
inline constexpr std::size_t kMaxVariableBytes = 256 * 1024;
inline constexpr std::size_t kMaxAssignBytes = 256 * 1024;
inline constexpr std::size_t kMaxExecutionVariableBytes = 10 * 1024 * 1024;

// The values one Assign produced, by name, in the order the Assign wrote them.
using Assignments = std::vector<std::pair<std::string, stepsim::Json>>;

class VariableScope final : public VariableLookup {
 public:
  explicit VariableScope(const VariableScope* parent = nullptr) : parent_(parent) {}

  const stepsim::Json* find(std::string_view name) const override;
  void setParent(const VariableScope* parent) { parent_ = parent; }
  bool empty() const { return values_.empty() && (!parent_ || parent_->empty()); }

  // Turns an Assign's evaluated object into assignments, checking what AWS checks when the state
  // assigns: names (for expressions that build the object), the outer-scope rule and the size
  // limits. Throws StatesError.
  Assignments prepare(stepsim::Json assigned) const;
  // Stores checked assignments (the state exited).
  void commit(Assignments assignments);

  // Every variable visible here (outer values overridden by inner ones), as one object.
  stepsim::Json visible() const;

 private:
  std::size_t totalBytes() const;  // this scope's and the outer scopes' values, as JSON text

  const VariableScope* parent_;
  std::map<std::string, stepsim::Json, std::less<>> values_;
  std::map<std::string, std::size_t, std::less<>> sizes_;  // JSON text length of each value
};

// The `assignedVariables` map of a StateExited event: each value as JSON text.
stepsim::Json assignedVariablesJson(const Assignments& assignments);

}  // namespace stepsim::sfn
