// ListExports and ListImports: the values stacks export (Outputs' Export.Name) and who imports
// them (Fn::ImportValue).
#include "emulator/cloudformation/cfn_handlers.h"

namespace stepsim::cfn {

json listExports(CfnState& s, const json&) {
  json exports = json::array();
  for (const auto& [name, exported] : s.exports)
    exports.push_back(
        {{"ExportingStackId", exported.stackId}, {"Name", name}, {"Value", exported.value}});
  return {{"Exports", exports}};
}

json listImports(CfnState& s, const json& in) {
  std::string name = in.at("ExportName");
  json imports = json::array();
  for (const auto& stack : s.stacks)
    if (!stack->isDeleted() && stack->imports.contains(name)) imports.push_back(stack->name);
  if (imports.empty()) validationError("Export '" + name + "' is not imported by any stack.");
  return {{"Imports", imports}};
}

}  // namespace stepsim::cfn
