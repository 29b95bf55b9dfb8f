// CreateStateMachineAlias, DescribeStateMachineAlias, UpdateStateMachineAlias,
// ListStateMachineAliases, DeleteStateMachineAlias, and starting an execution on an alias. An
// alias routes each execution to one of at most two versions of one machine, by weight; the
// choice comes from a seeded stream, so the same seed routes the same executions the same way.
#include <string>

#include "emulator/stepfunctions/api/errors.h"
#include "emulator/stepfunctions/api/handlers.h"
#include "emulator/stepfunctions/api/paging.h"

namespace stepsim::sfn {

namespace {

constexpr std::string_view kAliasPageMagic = "sfn-aliases:";
// AWS's quota of aliases per state machine.
constexpr std::size_t kMaxAliases = 100;

[[noreturn]] void aliasNotFound() {
  sfnError("ResourceNotFound", "Request references a resource that does not exist.");
}

// "[a, b]", as AWS quotes a routing configuration's values in its messages.
template <typename Field>
std::string listed(const std::vector<AliasRoute>& routes, Field field) {
  std::string text;
  for (const AliasRoute& r : routes) text += (text.empty() ? "" : ", ") + field(r);
  return "[" + text + "]";
}

std::string arnOf(const AliasRoute& r) {
  return r.versionArn;
}
std::string weightOf(const AliasRoute& r) {
  return std::to_string(r.weight);
}

// A routing configuration checked as AWS checks it (the model's bounds are checked before):
// version ARNs only, distinct, weights summing to 100, versions of one machine that exist.
// Returns the routes and the machine they belong to.
std::pair<std::vector<AliasRoute>, StateMachine*> checkedRouting(SfnState& s, const json& list) {
  std::vector<AliasRoute> routes;
  for (const json& item : list)
    routes.push_back(
        {item.at("stateMachineVersionArn").get<std::string>(), item.at("weight").get<int>()});
  for (const AliasRoute& r : routes)
    if (!s.findVersion(r.versionArn))
      validationError("Routing configuration must contain state machine version ARNs. Received: " +
                      listed(routes, arnOf));
  if (routes.size() == 2 && routes[0].versionArn == routes[1].versionArn)
    validationError(
        "Routing configuration must contain distinct state machine version ARNs. Received: " +
        listed(routes, arnOf));
  int sum = 0;
  for (const AliasRoute& r : routes) sum += r.weight;
  if (sum != 100)
    validationError("Sum of routing configuration weights must equal 100. Received: " +
                    listed(routes, weightOf));
  std::string_view machineArn =
      std::string_view(routes[0].versionArn).substr(0, routes[0].versionArn.rfind(':'));
  for (const AliasRoute& r : routes)
    if (std::string_view(r.versionArn).substr(0, r.versionArn.rfind(':')) != machineArn)
      validationError(
          "Routing configuration must contain versions of the same state machine. Received: " +
          listed(routes, arnOf));
  for (const AliasRoute& r : routes)
    if (!*s.findVersion(r.versionArn)) aliasNotFound();
  return {std::move(routes), s.machines.find(machineArn)->second.get()};
}

// The alias an alias ARN names; InvalidArn for an ARN that names no alias, ResourceNotFound for
// an alias that is not there.
MachineAlias& existingAlias(SfnState& s, const std::string& arn) {
  std::optional<MachineAlias*> alias = s.findAlias(arn);
  if (!alias) invalidArn("Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
  if (!*alias) aliasNotFound();
  return **alias;
}

json routingJson(const std::vector<AliasRoute>& routes) {
  json list = json::array();
  for (const AliasRoute& r : routes)
    list.push_back({{"stateMachineVersionArn", r.versionArn}, {"weight", r.weight}});
  return list;
}

bool routesTo(const MachineAlias& alias, const std::string& versionArn) {
  for (const AliasRoute& r : alias.routing)
    if (r.versionArn == versionArn) return true;
  return false;
}

}  // namespace

json createStateMachineAlias(SfnState& s, const json& in) {
  std::string name = in.at("name").get<std::string>();
  std::string description = in.value("description", "");
  auto [routes, machine] = checkedRouting(s, in.at("routingConfiguration"));
  // Creating what is already there is that alias again; the same name with anything else is a
  // conflict.
  if (auto existing = machine->aliases.find(name); existing != machine->aliases.end()) {
    const MachineAlias& alias = existing->second;
    if (alias.description != description || alias.routing != routes)
      sfnError("ConflictException",
               "Failed to create alias because an alias with the same name and a different routing "
               "configuration already exists.");
    return {{"stateMachineAliasArn", alias.arn},
            {"creationDate", epochSeconds(alias.creationDate)}};
  }
  if (machine->aliases.size() >= kMaxAliases)
    sfnError("ServiceQuotaExceededException",
             "Maximum number of aliases (" + std::to_string(kMaxAliases) +
                 ") reached for state machine '" + machine->arn + "'");
  MachineAlias& alias = machine->aliases[name];
  alias.name = name;
  alias.arn = machine->arn + ":" + name;
  alias.description = std::move(description);
  alias.creationDate = alias.updateDate = s.sim.now();
  alias.routing = std::move(routes);
  return {{"stateMachineAliasArn", alias.arn}, {"creationDate", epochSeconds(alias.creationDate)}};
}

json describeStateMachineAlias(SfnState& s, const json& in) {
  const MachineAlias& alias = existingAlias(s, in.at("stateMachineAliasArn").get<std::string>());
  json out = {{"stateMachineAliasArn", alias.arn},
              {"name", alias.name},
              {"routingConfiguration", routingJson(alias.routing)},
              {"creationDate", epochSeconds(alias.creationDate)},
              {"updateDate", epochSeconds(alias.updateDate)}};
  if (!alias.description.empty()) out["description"] = alias.description;
  return out;
}

json updateStateMachineAlias(SfnState& s, const json& in) {
  MachineAlias& alias = existingAlias(s, in.at("stateMachineAliasArn").get<std::string>());
  if (!in.contains("description") && !in.contains("routingConfiguration"))
    validationError("Either the description or the routing configuration must be specified");
  if (in.contains("routingConfiguration")) {
    auto [routes, machine] = checkedRouting(s, in["routingConfiguration"]);
    if (alias.arn != machine->arn + ":" + alias.name)
      validationError(
          "Routing configuration must contain versions of the alias's state machine. Received: " +
          listed(routes, arnOf));
    alias.routing = std::move(routes);
  }
  if (in.contains("description")) alias.description = in["description"].get<std::string>();
  alias.updateDate = s.sim.now();
  return {{"updateDate", epochSeconds(alias.updateDate)}};
}

json listStateMachineAliases(SfnState& s, const json& in) {
  // A machine ARN lists all its aliases; a version ARN those that route to that version.
  std::string arn = in.at("stateMachineArn").get<std::string>();
  auto [machine, version, alias] = s.machineTarget(arn);
  if (alias) invalidArn("Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
  Page page = readPage(in, kAliasPageMagic);
  std::vector<const MachineAlias*> matching;
  for (const auto& [name, a] : machine.aliases)
    if (!version || routesTo(a, version->arn)) matching.push_back(&a);
  return page.listed("stateMachineAliases", matching.size(), [&](std::size_t i) -> json {
    return {{"stateMachineAliasArn", matching[i]->arn},
            {"creationDate", epochSeconds(matching[i]->creationDate)}};
  });
}

json deleteStateMachineAlias(SfnState& s, const json& in) {
  // Deleting an alias that is not there (any more) succeeds, as on AWS.
  std::string arn = in.at("stateMachineAliasArn").get<std::string>();
  std::optional<MachineAlias*> alias = s.findAlias(arn);
  if (!alias) invalidArn("Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
  if (*alias) s.machines.find(arn.substr(0, arn.rfind(':')))->second->aliases.erase((*alias)->name);
  return json::object();
}

void checkNoAliasRoutesTo(const StateMachine& m, const MachineVersion& version) {
  std::string names;
  for (const auto& [name, alias] : m.aliases)
    if (routesTo(alias, version.arn)) names += (names.empty() ? "" : ", ") + name;
  if (!names.empty())
    sfnError("ConflictException",
             "Version to be deleted must not be referenced by an alias. Current list of aliases "
             "referencing this version: [" +
                 names + "]");
}

StartTarget startTargetOf(SfnState& s, std::string_view arn) {
  auto [machine, version, alias] = s.machineTarget(arn);
  if (!alias) return {machine, nullptr, {version, nullptr}};
  // The first route takes draws below its weight, the second the rest.
  const AliasRoute* route = &alias->routing.front();
  if (alias->routing.size() == 2 &&
      static_cast<int>(s.sim.ids("sfn-alias-routing").below(100)) >= route->weight)
    route = &alias->routing.back();
  return {machine, nullptr, {*s.findVersion(route->versionArn), alias}};
}

}  // namespace stepsim::sfn
