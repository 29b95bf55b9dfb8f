#include "emulator/cloudformation/cloudformation_service.h"

#include <stdexcept>

#include "emulator/cloudformation/cfn_handlers.h"
#include "emulator/core/operation_table.h"

namespace stepsim::cfn {
namespace {

constexpr core::OperationTable<Handler, 20> kHandlers = {{
    {"CreateChangeSet", createChangeSet},
    {"CreateStack", createStack},
    {"DeleteChangeSet", deleteChangeSet},
    {"DeleteStack", deleteStack},
    {"DescribeChangeSet", describeChangeSet},
    {"DescribeStackEvents", describeStackEvents},
    {"DescribeStackResource", describeStackResource},
    {"DescribeStackResources", describeStackResources},
    {"DescribeStacks", describeStacks},
    {"ExecuteChangeSet", executeChangeSet},
    {"GetTemplate", getTemplate},
    {"GetTemplateSummary", getTemplateSummary},
    {"ListChangeSets", listChangeSets},
    {"ListExports", listExports},
    {"ListImports", listImports},
    {"ListStackResources", listStackResources},
    {"ListStacks", listStacks},
    {"UpdateStack", updateStack},
    {"UpdateTerminationProtection", updateTerminationProtection},
    {"ValidateTemplate", validateTemplate},
}};
static_assert(core::isSortedByName(kHandlers));

}  // namespace

stepsim::Json CloudFormationService::handle(std::string_view operation,
                                            const stepsim::Json& input) {
  Handler handler = core::findOperation(kHandlers, operation);
  if (!handler)
    throw std::invalid_argument("CloudFormation does not implement " + std::string(operation));
  return handler(state_, input);
}

bool CloudFormationService::implements(std::string_view operation) const {
  return core::findOperation(kHandlers, operation) != nullptr;
}

stepsim::Json CloudFormationService::overview() {
  constexpr std::size_t kMaxEvents = 200;
  json stacks = json::array();
  for (auto it = state_.stacks.rbegin(); it != state_.stacks.rend(); ++it) {
    json byId = {{"StackName", (*it)->id}};
    json stack = handle("DescribeStacks", byId)["Stacks"][0];
    stack["Resources"] = handle("ListStackResources", byId)["StackResourceSummaries"];
    json events = handle("DescribeStackEvents", byId)["StackEvents"];
    if (events.size() > kMaxEvents) events.erase(events.begin() + kMaxEvents, events.end());
    stack["Events"] = std::move(events);
    stacks.push_back(std::move(stack));
  }
  return {{"stacks", std::move(stacks)}};
}

std::shared_ptr<const Stack> CloudFormationService::findStack(std::string_view nameOrId) const {
  return cfn::findStack(state_, nameOrId);
}

}  // namespace stepsim::cfn
