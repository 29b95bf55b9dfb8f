#pragma once
// Shared set-up for the Batch unit tests: a manual-clock simulation, the service, and helpers that
// behave like the server host (fire same-instant timers after each request).
#include <catch2/catch.hpp>
#include <functional>
#include <optional>
#include <string>

#include "emulator/batch/batch_service.h"
#include "emulator/core/aws_error.h"
#include "emulator/core/json.h"
#include "emulator/core/json_text.h"
#include "emulator/core/simulation.h"

namespace stepsim::batch::test {

using json = stepsim::Json;
namespace core = stepsim::core;

inline core::SimulationConfig manualConfig(std::uint64_t seed = 42) {
  core::SimulationConfig config;
  config.mode = core::ClockMode::Manual;
  config.seed = seed;
  return config;
}

struct Fixture {
  explicit Fixture(std::uint64_t seed = 42) : Fixture(manualConfig(seed)) {}
  explicit Fixture(core::SimulationConfig config) : sim(std::move(config)), batch(sim) {}

  json call(std::string_view op, const json& input) {
    json out = batch.handle(op, input);
    sim.runDue();
    return out;
  }
  // The ClientException message of a call that must fail.
  std::string error(std::string_view op, const json& input) {
    try {
      batch.handle(op, input);
    } catch (const core::AwsError& e) {
      CHECK(e.code == "ClientException");
      CHECK(e.httpStatus == 400);
      return e.message;
    }
    FAIL("expected a ClientException from " << op << " " << input.dump());
    return "";
  }
  std::string ruleError(const json& body) {
    try {
      batch.addLifecycleRules(body);
    } catch (const core::AwsError& e) {
      CHECK(e.code == "ValidationError");
      return e.message;
    }
    FAIL("expected a ValidationError for " << body.dump());
    return "";
  }

  // Compute environment "ce", queue "queue", definition "def" (revision 1).
  void basics(const json& definitionExtras = json::object()) {
    call("CreateComputeEnvironment",
         {{"computeEnvironmentName", "ce"},
          {"type", "MANAGED"},
          {"computeResources", {{"type", "EC2"}, {"maxvCpus", 16}, {"subnets", {"subnet-1"}}}}});
    call("CreateJobQueue",
         {{"jobQueueName", "queue"},
          {"priority", 1},
          {"computeEnvironmentOrder", {{{"order", 1}, {"computeEnvironment", "ce"}}}}});
    json def = {{"jobDefinitionName", "def"},
                {"type", "container"},
                {"containerProperties", {{"image", "busybox"}, {"command", {"echo", "hi"}}}}};
    def.update(definitionExtras);
    call("RegisterJobDefinition", def);
  }
  std::string submit(const std::string& name, json extras = json::object()) {
    json in = {{"jobName", name}, {"jobQueue", "queue"}, {"jobDefinition", "def"}};
    in.update(extras);
    return call("SubmitJob", in)["jobId"];
  }
  void rules(const json& rules) { batch.addLifecycleRules({{"rules", rules}}); }
  // Every look at a job also checks that the serialized DescribeJobs answer, cached apart from the
  // JSON one, says exactly the same thing in every state the tests drive a job through.
  json job(const std::string& id) {
    json input = {{"jobs", {id, "no-such-job"}}};
    json described = call("DescribeJobs", input);
    std::optional<std::string> text = batch.handleSerialized("DescribeJobs", input);
    REQUIRE(text);
    CHECK(*text == core::serializeJson(described));
    json jobs = described["jobs"];
    REQUIRE(jobs.size() == 1);
    return jobs[0];
  }
  std::string status(const std::string& id) { return job(id)["status"]; }
  void advance(double seconds) {
    sim.advanceTo(sim.now() + static_cast<core::TimeMs>(seconds * 1000));
  }

  core::Simulation sim;
  BatchService batch;
};

}  // namespace stepsim::batch::test
