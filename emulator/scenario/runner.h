#pragma once
// Runs one loaded scenario in a fresh emulator of its own: builds the world, plays the timeline on
// the virtual clock, checks the expectations.
#include <cstdint>
#include <functional>
#include <optional>

#include "emulator/app/emulator.h"
#include "emulator/scenario/driver.h"
#include "emulator/scenario/result.h"
#include "emulator/scenario/scenario.h"

namespace stepsim::scenario {

struct RunOptions {
  std::optional<std::uint64_t> seed;  // overrides the scenario's
  bool trace = false;                 // fill ScenarioResult::trace
  bool snapshot = false;              // fill ScenarioResult::snapshot (for the HTML report)
};

// Hosts a run whose functions run real code: gives the emulator a process host and a loopback
// endpoint, and calls driver.step() until it returns false, pumping I/O whenever
// driver.waitingOutside(). Scenarios without real code run with no host and no sockets.
using RealCodeHost = std::function<void(app::Emulator& emulator, Driver& driver)>;

ScenarioResult runScenario(const Scenario& scenario, const RunOptions& options,
                           const RealCodeHost& host = nullptr);

// Builds the scenario's world in a scratch emulator and drops it: a resource a service refuses is
// a ScenarioError before anything runs.
void checkWorld(const Scenario& scenario);

// The emulator settings a scenario asks for (seed, start time), as `stepsim run` and
// `stepsim serve --scenario` use them.
core::SimulationConfig simulationConfig(const Scenario& scenario, std::optional<std::uint64_t> seed);

}  // namespace stepsim::scenario
