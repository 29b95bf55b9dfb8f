#include "emulator/stepfunctions/api/sfn_state.h"

#include "emulator/stepfunctions/api/errors.h"

namespace stepsim::sfn {

namespace {

// "arn:aws:states:REGION:ACCOUNT:<kind>:..." → the part after "<kind>:", or nullopt.
std::optional<std::string_view> arnRest(std::string_view arn, std::string_view kind) {
  constexpr std::string_view prefix = "arn:aws:states:";
  if (arn.substr(0, prefix.size()) != prefix) return std::nullopt;
  std::string_view rest = arn.substr(prefix.size());
  for (int field = 0; field < 2; ++field) {  // region, account
    std::size_t colon = rest.find(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    rest.remove_prefix(colon + 1);
  }
  if (rest.substr(0, kind.size()) != kind || rest.size() <= kind.size() || rest[kind.size()] != ':')
    return std::nullopt;
  return rest.substr(kind.size() + 1);
}

// AWS tells a text that is no Step Functions ARN at all from an ARN of the wrong kind.
[[noreturn]] void wrongArn(std::string_view arn) {
  constexpr std::string_view prefix = "arn:aws:states:";
  invalidArn(arn.substr(0, prefix.size()) == prefix
                 ? "Invalid Arn: 'Resource type not valid in this context: " + std::string(arn) + "'"
                 : "Invalid Arn: 'Invalid ARN prefix: " + std::string(arn) + "'");
}

// "<machine ARN>:<qualifier>": a version's number or an alias's name.
struct QualifiedArn {
  std::string_view machineArn, qualifier;
  bool numeric;  // a version number (alias names hold a non-digit)
};

// nullopt for an ARN without a qualifier; InvalidArn for no state machine ARN.
std::optional<QualifiedArn> splitQualifier(std::string_view arn) {
  auto rest = arnRest(arn, "stateMachine");
  if (!rest) wrongArn(arn);
  std::size_t colon = rest->find(':');
  if (colon == 0 || colon == std::string_view::npos || colon + 1 == rest->size())
    return std::nullopt;
  std::string_view qualifier = rest->substr(colon + 1);
  bool numeric =
      qualifier.size() <= 9 && qualifier.find_first_not_of("0123456789") == std::string_view::npos;
  return QualifiedArn{arn.substr(0, arn.size() - qualifier.size() - 1), qualifier, numeric};
}

}  // namespace

SfnState::SfnState(core::Simulation& simulation, Integrations& integrations)
    : sim(simulation),
      activities(simulation.config().activityPollLimit),
      tasks(activities, integrations),
      engine(simulation, tasks),
      region(simulation.config().region),
      account(simulation.config().account),
      closedExecutions(simulation, simulation.config().maxClosedExecutions,
                       [this](const std::vector<Execution*>& oldest) { dropExecutions(oldest); }) {
  engine.onClosed([this](Execution& e) { closedExecutions.ended(e, *e.stopDate, e.startOrder); });
  engine.setMapRunHost(&mapRuns);
}

void SfnState::dropExecutions(const std::vector<Execution*>& dropped) {
  for (const Execution* e : dropped) {
    // Its machine may be gone, or replaced by a new one of the same name that never listed it.
    if (auto m = machines.find(e->stateMachineArn); m != machines.end())
      if (auto listed = m->second->executions.find(e->startOrder);
          listed != m->second->executions.end() && listed->second == e)
        m->second->executions.erase(listed);
    engine.forget(*e);
    executions.erase(executions.find(e->arn));
  }
}

std::string SfnState::resourceArn(std::string_view type, std::string_view rest) const {
  return "arn:aws:states:" + region + ":" + account + ":" + std::string(type) + ":" +
         std::string(rest);
}

std::string SfnState::machineArn(std::string_view name) const {
  return resourceArn("stateMachine", name);
}

std::string SfnState::executionArn(const StateMachine& machine, std::string_view name) {
  std::string rest = machine.name + ":" + std::string(name);
  if (machine.type != "EXPRESS") return resourceArn("execution", rest);
  // Express execution ARNs end in an id of their own, as AWS gives them.
  return resourceArn("express", rest + ":" + sim.ids("sfn-express-executions").uuid());
}

std::string SfnState::activityArn(std::string_view name) const {
  return resourceArn("activity", name);
}

void SfnState::checkStateMachineArn(std::string_view arn) const {
  auto rest = arnRest(arn, "stateMachine");
  if (!rest || rest->empty() || rest->find(':') != std::string_view::npos)
    wrongArn(arn);
}

StateMachine& SfnState::machine(std::string_view arn) {
  // A version's or an alias's ARN is well formed; it just names no state machine.
  if (!splitQualifier(arn)) checkStateMachineArn(arn);
  auto it = machines.find(arn);
  if (it == machines.end())
    sfnError("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + std::string(arn) + "'");
  return *it->second;
}

// What a qualified ARN names, looked up once for findVersion, findAlias and machineTarget.
SfnState::Qualified SfnState::lookUpQualified(std::string_view arn) {
  Qualified found;
  std::optional<QualifiedArn> q = splitQualifier(arn);
  if (!q) return found;
  found.qualified = true;
  found.numeric = q->numeric;
  auto owner = machines.find(q->machineArn);
  if (owner == machines.end()) return found;
  found.machine = owner->second.get();
  if (q->numeric) {
    auto it = found.machine->versions.find(std::stoi(std::string(q->qualifier)));
    if (it != found.machine->versions.end()) found.version = &it->second;
  } else if (auto it = found.machine->aliases.find(q->qualifier);
             it != found.machine->aliases.end()) {
    found.alias = &it->second;
  }
  return found;
}

std::optional<MachineVersion*> SfnState::findVersion(std::string_view arn) {
  Qualified q = lookUpQualified(arn);
  if (!q.qualified || !q.numeric) return std::nullopt;
  return q.version;
}

std::optional<MachineAlias*> SfnState::findAlias(std::string_view arn) {
  Qualified q = lookUpQualified(arn);
  if (!q.qualified || q.numeric) return std::nullopt;
  return q.alias;
}

SfnState::MachineTarget SfnState::machineTarget(std::string_view arn) {
  Qualified q = lookUpQualified(arn);
  if (!q.qualified) return {machine(arn), nullptr, nullptr};
  if (!q.version && !q.alias)
    sfnError("StateMachineDoesNotExist",
             "State Machine Does Not Exist: '" + std::string(arn) + "'");
  return {*q.machine, q.version, q.alias};
}

Execution& SfnState::execution(std::string_view arn) {
  auto rest = arnRest(arn, "execution");
  if (!rest) rest = arnRest(arn, "express");
  if (!rest || rest->find(':') == std::string_view::npos)
    wrongArn(arn);
  auto it = executions.find(arn);
  if (it == executions.end())
    sfnError("ExecutionDoesNotExist", "Execution Does Not Exist: '" + std::string(arn) + "'");
  return *it->second;
}

Execution& SfnState::standardExecution(std::string_view arn) {
  // Recorded against AWS: "Invalid Arn: 'Resource type not valid in this context: express'".
  if (arnRest(arn, "express"))
    invalidArn("Invalid Arn: 'Resource type not valid in this context: express'");
  return execution(arn);
}

void SfnState::checkActivityArn(std::string_view arn) const {
  auto rest = arnRest(arn, "activity");
  if (!rest || rest->empty() || rest->find(':') != std::string_view::npos)
    wrongArn(arn);
}

Activity& SfnState::activity(std::string_view arn) {
  checkActivityArn(arn);
  Activity* found = activities.find(arn);
  if (!found)
    sfnError("ActivityDoesNotExist", "Activity Does Not Exist: '" + std::string(arn) + "'");
  return *found;
}

}  // namespace stepsim::sfn
