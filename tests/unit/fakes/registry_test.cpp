#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "emulator/batch/batch_service.h"
#include "emulator/core/json.h"
#include "emulator/core/simulation.h"
#include "fakes/fake.h"

using json = stepsim::Json;
using namespace stepsim;

TEST_CASE("the registry finds every fake by name", "[fakes]") {
  auto names = fakes::fakeNames();
  CHECK(names == std::vector<std::string>{"batch-job-status", "batch-submit-job", "echo"});
  CHECK(std::is_sorted(names.begin(), names.end()));
  for (const auto& name : names) {
    INFO(name);
    const fakes::Fake* fake = fakes::findFake(name);
    REQUIRE(fake);
    CHECK(fake->name == name);
    CHECK_FALSE(fake->description.empty());
    CHECK(fake->handler != nullptr);
  }
  CHECK(fakes::findFake("batch-submit-job")->handler == &fakes::batchSubmitJob);
  CHECK(fakes::findFake("batch-job-status")->handler == &fakes::batchJobStatus);
  CHECK(fakes::findFake("echo")->handler == &fakes::echo);

  for (const char* unknown : {"", "fake:echo", "Echo", "ech", "echo ", "zzz", "a", "batch"})
    CHECK(fakes::findFake(unknown) == nullptr);
}

TEST_CASE("echo returns the event, whatever it is", "[fakes]") {
  core::SimulationConfig config;
  config.mode = core::ClockMode::Manual;
  core::Simulation sim(config);
  batch::BatchService batch(sim);
  fakes::FakeContext context{batch};
  const fakes::Fake* echo = fakes::findFake("echo");
  REQUIRE(echo);
  for (const json& event : {json::object(), json{{"a", {1, 2, {{"b", nullptr}}}}}, json("text"),
                            json(1.5), json(nullptr), json::array(), json(true)}) {
    fakes::FakeResult result = (*echo)(context, event);
    REQUIRE(result.ok());
    CHECK(result.value() == event);
  }
  CHECK(sim.now() == config.startTime);  // fakes take no virtual time
}
