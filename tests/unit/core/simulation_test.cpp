#include <catch2/catch.hpp>

#include <vector>

#include "emulator/core/simulation.h"

using namespace stepsim::core;

namespace {
SimulationConfig config(ClockMode mode) {
  SimulationConfig c;
  c.mode = mode;
  c.startTime = 1'000'000;
  return c;
}
}  // namespace

TEST_CASE("advanceTo fires every due timer at its own instant and stops at the target") {
  Simulation sim(config(ClockMode::Manual));
  std::vector<TimeMs> seen;
  sim.after(1000, [&] { seen.push_back(sim.now()); });
  sim.after(3000, [&] {
    seen.push_back(sim.now());
    sim.after(500, [&] { seen.push_back(sim.now()); });
  });
  sim.after(9000, [&] { seen.push_back(sim.now()); });
  sim.advanceTo(1'004'000);
  CHECK(seen == std::vector<TimeMs>{1'001'000, 1'003'000, 1'003'500});
  CHECK(sim.now() == 1'004'000);
}

TEST_CASE("manual mode never moves time by itself; auto mode jumps to the next timer") {
  Simulation manual(config(ClockMode::Manual));
  manual.after(60'000, [] {});
  CHECK_FALSE(manual.autoStep());
  CHECK(manual.now() == 1'000'000);

  Simulation automatic(config(ClockMode::Auto));
  int fired = 0;
  automatic.after(3'600'000, [&] { ++fired; });
  automatic.after(3'600'000, [&] { ++fired; });
  CHECK(automatic.autoStep());
  CHECK(fired == 2);
  CHECK(automatic.now() == 1'000'000 + 3'600'000);
  CHECK_FALSE(automatic.autoStep());
}

TEST_CASE("an outside wait holds auto mode still") {
  Simulation sim(config(ClockMode::Auto));
  sim.after(1000, [] {});
  sim.beginOutsideWait();
  CHECK_FALSE(sim.autoStep());
  sim.endOutsideWait();
  CHECK(sim.autoStep());
}

TEST_CASE("timers due now fire in every mode") {
  for (ClockMode mode : {ClockMode::Auto, ClockMode::Manual, ClockMode::Realtime}) {
    Simulation sim(config(mode));
    bool fired = false;
    sim.after(0, [&] { fired = true; });
    sim.runDue();
    CHECK(fired);
    CHECK(sim.now() == 1'000'000);
  }
}

TEST_CASE("reset returns to the start with fresh id streams") {
  Simulation sim(config(ClockMode::Manual));
  std::string first = sim.ids("jobs").uuid();
  sim.after(10, [] {});
  sim.advanceTo(5'000'000);
  sim.reset();
  CHECK(sim.now() == 1'000'000);
  CHECK_FALSE(sim.scheduler().nextDue().has_value());
  CHECK(sim.ids("jobs").uuid() == first);
}

TEST_CASE("a view from another account and region shares the time, timers and id streams") {
  Simulation sim(config(ClockMode::Manual));
  Simulation there(sim, "111122223333", "eu-west-1");
  CHECK(there.config().account == "111122223333");
  CHECK(there.config().region == "eu-west-1");
  CHECK(sim.config().region == config(ClockMode::Manual).region);
  CHECK(there.config().seed == sim.config().seed);
  bool fired = false;
  there.after(10, [&] { fired = true; });
  sim.advanceTo(1'000'010);
  CHECK(fired);
  CHECK(there.now() == 1'000'010);
  std::string fromHere = sim.ids("jobs").uuid();
  CHECK(there.ids("jobs").uuid() != fromHere);  // one stream, drawn in turn
  there.beginOutsideWait();
  CHECK(sim.outsideWaits() == 1);
  sim.reset();
  CHECK(there.now() == 1'000'000);
}
