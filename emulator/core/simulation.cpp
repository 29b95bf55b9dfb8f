#include "emulator/core/simulation.h"

namespace stepsim::core {

Simulation::Simulation(SimulationConfig config)
    : config_(std::move(config)), clock_(config_.startTime, config_.mode) {}

Random& Simulation::ids(std::string_view stream) {
  auto it = streams_.find(stream);
  if (it == streams_.end())
    it = streams_.emplace(std::string(stream), Random(config_.seed).stream(stream)).first;
  return it->second;
}

void Simulation::runDue() {
  while (scheduler_.fireNext(clock_.now(), clock_)) {
  }
}

void Simulation::advanceTo(TimeMs t) {
  while (scheduler_.fireNext(t, clock_)) {
  }
  clock_.advanceTo(t);
}

bool Simulation::autoStepPending() {
  return clock_.mode() == ClockMode::Auto && outsideWaits_ == 0 && scheduler_.nextDue().has_value();
}

bool Simulation::autoStep() {
  if (!autoStepPending()) return false;
  TimeMs due = *scheduler_.nextDue();
  advanceTo(due > clock_.now() ? due : clock_.now());
  return true;
}

void Simulation::reset() {
  scheduler_.clear();
  clock_.reset();
  streams_.clear();
  outsideWaits_ = 0;
}

}  // namespace stepsim::core
