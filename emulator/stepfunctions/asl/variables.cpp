#include "emulator/stepfunctions/asl/variables.h"

#include "emulator/core/json.h"
#include "emulator/stepfunctions/asl/errors.h"
#include "emulator/stepfunctions/asl/intrinsics.h"
#include "emulator/stepfunctions/asl/json_path.h"

namespace stepsim::sfn {

const stepsim::Json& pathRoot(const JsonPath& path, const stepsim::Json& input,
                               const stepsim::Json& context, const VariableLookup* variables) {
  if (!path.isVariable()) return path.isContext() ? context : input;
  const stepsim::Json* value = variables ? variables->find(path.variable()) : nullptr;
  if (!value)
    throw StatesError(std::string(kStatesRuntime),
                      "Invalid path '" + path.text() + "': The variable '$" + path.variable() +
                          "' is not defined.");
  return *value;
}

const stepsim::Json& pathRoot(const JsonPath& path, const EvalContext& ctx) {
  return pathRoot(path, ctx.input, ctx.context, ctx.variables);
}

bool isVariableStart(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

bool isVariableChar(unsigned char c) { return isVariableStart(c) || (c >= '0' && c <= '9'); }

std::string variableNameProblem(std::string_view name) {
  if (name.empty()) return "a variable name must not be empty";
  if (name.size() > kMaxVariableNameLength)
    return "a variable name must be at most " + std::to_string(kMaxVariableNameLength) +
           " characters long";
  if (!isVariableStart(static_cast<unsigned char>(name[0])))
    return "a variable name must start with a letter or '_'";
  for (char c : name)
    if (!isVariableChar(static_cast<unsigned char>(c)))
      return "a variable name may only contain letters, digits and '_'";
  if (name == "states") return "the variable name 'states' is reserved";
  return {};
}

}  // namespace stepsim::sfn
