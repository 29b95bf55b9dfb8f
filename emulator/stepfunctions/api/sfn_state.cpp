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

std::string SfnState::machineArn(std::string_view name) const {
  return "arn:aws:states:" + region + ":" + account + ":stateMachine:" + std::string(name);
}

std::string SfnState::executionArn(const StateMachine& machine, std::string_view name) {
  std::string prefix = "arn:aws:states:" + region + ":" + account + ":";
  if (machine.type != "EXPRESS") return prefix + "execution:" + machine.name + ":" + std::string(name);
  // Express execution ARNs end in an id of their own, as AWS gives them.
  return prefix + "express:" + machine.name + ":" + std::string(name) + ":" +
         sim.ids("sfn-express-executions").uuid();
}

std::string SfnState::activityArn(std::string_view name) const {
  return "arn:aws:states:" + region + ":" + account + ":activity:" + std::string(name);
}

void SfnState::checkStateMachineArn(std::string_view arn) const {
  auto rest = arnRest(arn, "stateMachine");
  if (!rest || rest->empty() || rest->find(':') != std::string_view::npos)
    wrongArn(arn);
}

StateMachine& SfnState::machine(std::string_view arn) {
  checkStateMachineArn(arn);
  auto it = machines.find(arn);
  if (it == machines.end())
    sfnError("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + std::string(arn) + "'");
  return *it->second;
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
