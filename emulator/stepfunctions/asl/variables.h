#pragma once
// Workflow variables as the JSONPath expression layer sees them: a path written "$name..." reads
// the variable `name` (assigned by an earlier state's Assign) instead of the input or `$$`.
// The interpreter owns the values; this layer only looks them up through VariableLookup.
#include <string>
#include <string_view>

#include "emulator/core/json_fwd.h"

namespace stepsim::sfn {

class JsonPath;
struct EvalContext;

class VariableLookup {
 public:
  // The variable's value, or nullptr when no state has assigned it in this scope or an outer one.
  virtual const stepsim::Json* find(std::string_view name) const = 0;

 protected:
  ~VariableLookup() = default;
};

// The JSON `path` starts from: the input ($), the context object ($$) or a variable ($name).
// Throws StatesError States.Runtime when the variable is not defined.
const stepsim::Json& pathRoot(const JsonPath& path, const stepsim::Json& input,
                               const stepsim::Json& context, const VariableLookup* variables);
const stepsim::Json& pathRoot(const JsonPath& path, const EvalContext& ctx);

// AWS's rule for variable names (Unicode Standard Annex #31 identifiers, at most 80 characters):
// the first character a letter or '_' (ID_Start), the others letters, digits or '_'
// (ID_Continue). Characters beyond ASCII are accepted as letters. "states" is reserved for
// JSONata's $states.
inline constexpr std::size_t kMaxVariableNameLength = 80;
bool isVariableStart(unsigned char c);
bool isVariableChar(unsigned char c);
// Empty when `name` is a valid variable name, else why not.
std::string variableNameProblem(std::string_view name);

}  // namespace stepsim::sfn
