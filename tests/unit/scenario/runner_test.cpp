// scenario::runScenario plays a loaded scenario in a fresh emulator on the virtual clock and checks
// its expectations.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "emulator/scenario/loader.h"
#include "emulator/scenario/runner.h"

using stepsim::scenario::loadScenarioText;
using stepsim::scenario::RunOptions;
using stepsim::scenario::runScenario;
using stepsim::scenario::Scenario;
using stepsim::scenario::ScenarioResult;

namespace {

// A Pass state that also assigns two variables (in JSONPath, `$` in Assign is the state result, so
// the input is read through the context object), then a 60-second Wait.
const std::string kMachine = R"({"name": "PassWait", "definition": {"StartAt": "Prepare", "States": {
    "Prepare": {"Type": "Pass", "Result": {"ready": true}, "ResultPath": "$.prep",
                "Assign": {"step": "prepared", "x.$": "$$.Execution.Input.x"}, "Next": "Pause"},
    "Pause": {"Type": "Wait", "Seconds": 60, "End": true}}}})";

// A scenario starting one execution "run" of PassWait at t=0; `clock`, `extraActions` (JSON text
// after the start, each with a leading comma) and `expectRun` (the execution's expectation) vary.
Scenario scenario(const std::string& expectRun, const std::string& clock = "{}",
                  const std::string& extraActions = "") {
  std::string text = R"({
  "name": "pass-wait", "description": "A Pass then a 60 s Wait.",
  "clock": )" + clock + R"(,
  "resources": {"stateMachines": [)" + kMachine + R"(]},
  "timeline": [
    {"at": 0, "startExecution": {"stateMachine": "PassWait", "name": "run", "input": {"x": 1}}})" +
                     extraActions + R"(
  ],
  "expect": {"executions": {"run": )" + expectRun + R"(}}
})";
  return loadScenarioText("in-memory.json", text, std::filesystem::temp_directory_path());
}

}  // namespace

TEST_CASE("runScenario: a Pass/Wait machine meets its expectations") {
  Scenario s = scenario(R"({"status": "SUCCEEDED", "output": {"x": 1, "prep": {"ready": true}},
                            "states": ["Prepare", "Pause"], "stateEntered": {"Pause": 1},
                            "assigned": {"Prepare": {"x": 1}}, "durationSeconds": 60})");
  ScenarioResult result = runScenario(s, RunOptions{});
  INFO("error: " << result.error);
  for (const auto& unmet : result.unmet) UNSCOPED_INFO(unmet.what << ": " << unmet.expected << " vs " << unmet.actual);
  CHECK(result.passed);
  CHECK(result.error.empty());
  CHECK(result.unmet.empty());
  CHECK(result.actionErrors.empty());
  CHECK_FALSE(result.limitReached);
  CHECK(result.file == "in-memory.json");
  CHECK(result.name == "pass-wait");
  CHECK(result.description == "A Pass then a 60 s Wait.");
  CHECK(result.virtualSeconds == Approx(60.0));
  CHECK(result.trace.empty());  // not asked for
}

TEST_CASE("runScenario: a wrong expected status is one unmet expectation") {
  Scenario s = scenario(R"({"status": "FAILED"})");
  ScenarioResult result = runScenario(s, RunOptions{});
  CHECK_FALSE(result.passed);
  CHECK(result.error.empty());
  REQUIRE(result.unmet.size() == 1);
  CHECK(result.unmet[0].what == "execution run status");
  CHECK(result.unmet[0].expected == "\"FAILED\"");
  CHECK(result.unmet[0].actual == "\"SUCCEEDED\"");
  CHECK(result.unmet[0].diff.empty());
}

TEST_CASE("runScenario: a wrong expected output carries the diff") {
  Scenario s = scenario(R"({"outputContains": {"prep": {"ready": false}}})");
  ScenarioResult result = runScenario(s, RunOptions{});
  CHECK_FALSE(result.passed);
  REQUIRE(result.unmet.size() == 1);
  CHECK(result.unmet[0].what == "execution run output (subset)");
  CHECK(result.unmet[0].diff == std::vector<std::string>{"/prep/ready: expected false, got true"});
}

TEST_CASE("runScenario: a wrong expected variable names the state and carries the diff") {
  Scenario s = scenario(R"({"assigned": {"Prepare": {"step": "ready"}, "Pause": {"x": 1}}})");
  ScenarioResult result = runScenario(s, RunOptions{});
  CHECK_FALSE(result.passed);
  REQUIRE(result.unmet.size() == 2);
  // Checked in the order the scenario lists them.
  CHECK(result.unmet[0].what == "execution run variables assigned by 'Prepare' (subset)");
  CHECK(result.unmet[0].diff == std::vector<std::string>{"/step: expected \"ready\", got \"prepared\""});
  CHECK(result.unmet[1].what == "execution run variables assigned by 'Pause' (subset)");
  CHECK(result.unmet[1].actual == "{}");
}

TEST_CASE("runScenario: two traced runs give identical traces") {
  Scenario s = scenario(R"({"status": "SUCCEEDED"})");
  RunOptions options;
  options.trace = true;
  ScenarioResult first = runScenario(s, options);
  ScenarioResult second = runScenario(s, options);
  CHECK(first.passed);
  CHECK(second.passed);
  REQUIRE_FALSE(first.trace.empty());
  CHECK(first.trace == second.trace);
  // The trace shows the timeline's action and the clock's jump over the Wait.
  CHECK(first.trace.find("startExecution") != std::string::npos);
  CHECK(first.trace.find("jump +60s") != std::string::npos);
}

TEST_CASE("runScenario: manual clock leaves a Wait-ing execution running when the advance is shorter") {
  Scenario s = scenario(R"({"status": "RUNNING", "durationSeconds": 30})", R"({"mode": "manual"})",
                        R"(,
    {"at": 0, "advanceClock": {"seconds": 30}})");
  REQUIRE(s.mode == stepsim::core::ClockMode::Manual);
  ScenarioResult result = runScenario(s, RunOptions{});
  INFO("error: " << result.error);
  for (const auto& unmet : result.unmet) UNSCOPED_INFO(unmet.what << ": " << unmet.expected << " vs " << unmet.actual);
  CHECK(result.passed);
  CHECK(result.virtualSeconds == Approx(30.0));
}

TEST_CASE("runScenario: manual clock finishes the Wait when the advance is long enough") {
  Scenario s = scenario(R"({"status": "SUCCEEDED", "durationSeconds": 60})", R"({"mode": "manual"})",
                        R"(,
    {"at": 10, "advanceClock": {"seconds": 55}})");
  ScenarioResult result = runScenario(s, RunOptions{});
  INFO("error: " << result.error);
  for (const auto& unmet : result.unmet) UNSCOPED_INFO(unmet.what << ": " << unmet.expected << " vs " << unmet.actual);
  CHECK(result.passed);
  CHECK(result.virtualSeconds == Approx(65.0));  // to t=10, then 55 more
}

TEST_CASE("runScenario: the clock's limit stops a run that would pass it") {
  Scenario s = scenario(R"({"status": "RUNNING"})", R"({"limitSeconds": 30})");
  ScenarioResult result = runScenario(s, RunOptions{});
  CHECK(result.limitReached);
  CHECK(result.passed);
  CHECK(result.virtualSeconds == Approx(0.0));
}

TEST_CASE("runScenario: a refused action fails the run") {
  // No Task of the execution waits for a token.
  Scenario s = scenario(R"({"status": "SUCCEEDED"})", "{}",
                        R"(,
    {"at": 1, "sendTaskSuccess": {"execution": "run", "output": {}}})");
  ScenarioResult result = runScenario(s, RunOptions{});
  CHECK_FALSE(result.passed);
  CHECK(result.unmet.empty());
  REQUIRE(result.actionErrors.size() == 1);
  CHECK(result.actionErrors[0].find("sendTaskSuccess: execution 'run' had no task waiting for a token") == 0);
}

TEST_CASE("simulationConfig: the scenario's seed and start, overridable seed, manual clock") {
  Scenario s = scenario(R"({"status": "SUCCEEDED"})", R"({"start": "2027-03-04T05:06:07Z"})");
  stepsim::core::SimulationConfig config = stepsim::scenario::simulationConfig(s, std::nullopt);
  CHECK(config.seed == 42);
  CHECK(config.startTime == s.start);
  CHECK(config.mode == stepsim::core::ClockMode::Manual);
  CHECK(stepsim::scenario::simulationConfig(s, 7).seed == 7);
}

TEST_CASE("runScenario: executions through an alias run the version its routing picked") {
  // Version 1 answers "one", version 2 "two"; the alias sends every execution to version 2, and
  // the machine's own (unpublished) definition answers "current".
  auto pass = [](const std::string& result) {
    return R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": ")" + result +
           R"(", "End": true}}})";
  };
  std::string text = R"({
  "name": "alias", "description": "d",
  "resources": {"stateMachines": [{"name": "M", "definition": )" +
                     pass("current") + R"(,
    "versions": [{"definition": )" +
                     pass("one") + R"(}, {"definition": )" + pass("two") + R"(}],
    "aliases": [{"name": "live", "routing": [{"version": 2, "weight": 100}]}]}]},
  "timeline": [
    {"at": 0, "startExecution": {"stateMachine": "M", "name": "aliased", "alias": "live"}},
    {"at": 0, "startExecution": {"stateMachine": "M", "name": "pinned", "version": 1}},
    {"at": 0, "startExecution": {"stateMachine": "M", "name": "plain"}}
  ],
  "expect": {"executions": {
    "aliased": {"output": "two", "version": 2},
    "pinned": {"output": "one", "version": 2},
    "plain": {"output": "current", "version": 1}
  }}
})";
  ScenarioResult result = runScenario(
      loadScenarioText("alias.json", text, std::filesystem::temp_directory_path()), RunOptions{});
  REQUIRE(result.error.empty());
  // The two wrong version expectations are unmet, and nothing else.
  std::vector<std::string> unmet;
  for (const auto& u : result.unmet)
    unmet.push_back(u.what + ": " + u.expected + " vs " + u.actual);
  CHECK(unmet == std::vector<std::string>{"execution pinned version: 2 vs 1",
                                          "execution plain version: 1 vs no version"});
}
