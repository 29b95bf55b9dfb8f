// The order resources are created in, and the cycles that make an order impossible.
#include <algorithm>
#include <functional>
#include <queue>
#include <unordered_map>

#include "emulator/cloudformation/template/stack_template.h"
#include "emulator/cloudformation/template/template_checks.h"
#include "emulator/cloudformation/template/template_error.h"
#include "emulator/cloudformation/template/template_text.h"

namespace stepsim::cfn {
namespace {

// Resources by declaration position; edges between the included ones only.
struct DependencyGraph {
  std::vector<std::vector<std::size_t>> dependencies;  // what each resource waits for
  std::vector<std::vector<std::size_t>> dependents;    // who waits for each resource
};

DependencyGraph buildGraph(const StackTemplate& stackTemplate, const std::vector<bool>& included) {
  const std::size_t count = stackTemplate.resources.size();
  std::unordered_map<std::string_view, std::size_t> positions;
  for (std::size_t i = 0; i < count; ++i)
    positions.emplace(stackTemplate.resources[i].logicalId, i);
  DependencyGraph graph{std::vector<std::vector<std::size_t>>(count),
                        std::vector<std::vector<std::size_t>>(count)};
  for (std::size_t i = 0; i < count; ++i) {
    if (!included[i]) continue;
    for (const std::string& name : stackTemplate.resources[i].dependsOn) {
      const auto found = positions.find(name);
      if (found == positions.end() || !included[found->second]) continue;
      graph.dependencies[i].push_back(found->second);
      graph.dependents[found->second].push_back(i);
    }
  }
  return graph;
}

// Kahn's algorithm, the earliest declared ready resource first. Resources on (or behind) a
// cycle are missing from the result.
std::vector<std::size_t> topologicalOrder(const DependencyGraph& graph,
                                          const std::vector<bool>& included) {
  std::vector<std::size_t> waitingFor(graph.dependencies.size());
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
  for (std::size_t i = 0; i < waitingFor.size(); ++i) {
    waitingFor[i] = graph.dependencies[i].size();
    if (included[i] && waitingFor[i] == 0) ready.push(i);
  }
  std::vector<std::size_t> order;
  while (!ready.empty()) {
    const std::size_t next = ready.top();
    ready.pop();
    order.push_back(next);
    for (const std::size_t dependent : graph.dependents[next])
      if (--waitingFor[dependent] == 0) ready.push(dependent);
  }
  return order;
}

// The resources left over by topologicalOrder, less those that merely depend on a cycle
// (peeled off from the dependents' side): the ones in the cycles.
std::vector<std::string> resourcesInCycles(const StackTemplate& stackTemplate,
                                           const DependencyGraph& graph,
                                           std::vector<bool> remaining) {
  std::vector<std::size_t> dependentsLeft(remaining.size(), 0);
  std::vector<std::size_t> peel;
  for (std::size_t i = 0; i < remaining.size(); ++i) {
    if (!remaining[i]) continue;
    for (const std::size_t dependent : graph.dependents[i])
      if (remaining[dependent]) ++dependentsLeft[i];
    if (dependentsLeft[i] == 0) peel.push_back(i);
  }
  while (!peel.empty()) {
    const std::size_t next = peel.back();
    peel.pop_back();
    remaining[next] = false;
    for (const std::size_t dependency : graph.dependencies[next])
      if (remaining[dependency] && --dependentsLeft[dependency] == 0) peel.push_back(dependency);
  }
  std::vector<std::string> names;
  for (std::size_t i = 0; i < remaining.size(); ++i)
    if (remaining[i]) names.push_back(stackTemplate.resources[i].logicalId);
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::size_t> orderOrThrow(const StackTemplate& stackTemplate,
                                      const std::vector<bool>& included) {
  const DependencyGraph graph = buildGraph(stackTemplate, included);
  std::vector<std::size_t> order = topologicalOrder(graph, included);
  const auto includedCount =
      static_cast<std::size_t>(std::count(included.begin(), included.end(), true));
  if (order.size() == includedCount) return order;
  std::vector<bool> remaining = included;
  for (const std::size_t done : order) remaining[done] = false;
  throw TemplateError("Circular dependency between resources: [" +
                      joinNames(resourcesInCycles(stackTemplate, graph, std::move(remaining))) +
                      "]");
}

}  // namespace

void checkNoCircularDependencies(const StackTemplate& stackTemplate) {
  orderOrThrow(stackTemplate, std::vector<bool>(stackTemplate.resources.size(), true));
}

std::vector<std::string> creationOrder(const StackTemplate& stackTemplate,
                                       const std::map<std::string, bool>& conditionValues) {
  std::vector<bool> included;
  for (const ResourceDeclaration& resource : stackTemplate.resources) {
    const auto condition = conditionValues.find(resource.condition);
    included.push_back(resource.condition.empty() ||
                       (condition != conditionValues.end() && condition->second));
  }
  std::vector<std::string> names;
  for (const std::size_t position : orderOrThrow(stackTemplate, included))
    names.push_back(stackTemplate.resources[position].logicalId);
  return names;
}

}  // namespace stepsim::cfn
