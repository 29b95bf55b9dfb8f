#include "emulator/core/simulation.h"

namespace stepsim::core {

Simulation::Simulation(SimulationConfig config)
    : config_(std::move(config)),
      shared_(std::make_shared<Shared>(config_.startTime, config_.mode)) {}

Simulation::Simulation(const Simulation& shared, std::string account, std::string region)
    : config_(shared.config_), shared_(shared.shared_) {
  config_.account = std::move(account);
  config_.region = std::move(region);
}

Random& Simulation::ids(std::string_view stream) {
  auto& streams = shared_->streams;
  auto it = streams.find(stream);
  if (it == streams.end())
    it = streams.emplace(std::string(stream), Random(config_.seed).stream(stream)).first;
  return it->second;
}

void Simulation::runDue() {
  while (scheduler().fireNext(now(), clock())) {
  }
}

void Simulation::advanceTo(TimeMs t) {
  while (scheduler().fireNext(t, clock())) {
  }
  clock().advanceTo(t);
}

bool Simulation::autoStepPending() {
  return clock().mode() == ClockMode::Auto && shared_->outsideWaits == 0 &&
         scheduler().nextDue().has_value();
}

bool Simulation::autoStep() {
  if (!autoStepPending()) return false;
  TimeMs due = *scheduler().nextDue();
  advanceTo(due > now() ? due : now());
  return true;
}

void Simulation::reset() {
  scheduler().clear();
  clock().reset();
  shared_->streams.clear();
  shared_->outsideWaits = 0;
}

}  // namespace stepsim::core
