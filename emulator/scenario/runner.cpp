#include "emulator/scenario/runner.h"

#include <chrono>
#include <cstdio>

#include "emulator/app/in_process_client.h"
#include "emulator/console/snapshot.h"
#include "emulator/scenario/expectations.h"
#include "emulator/scenario/world.h"

namespace stepsim::scenario {

namespace {

// Collects trace lines: virtual seconds since the start, a kind, what happened.
class TraceLog : public core::TraceSink {
 public:
  explicit TraceLog(core::TimeMs start) : start_(start) {}
  void record(core::TimeMs at, std::string_view kind, std::string text) override {
    char head[48];
    std::snprintf(head, sizeof head, "%12.3f  %-9.*s  ", static_cast<double>(at - start_) / 1000.0,
                  static_cast<int>(kind.size()), kind.data());
    lines_ += head;
    lines_ += text;
    lines_ += '\n';
  }
  std::string take() { return std::move(lines_); }

 private:
  core::TimeMs start_;
  std::string lines_;
};

}  // namespace

core::SimulationConfig simulationConfig(const Scenario& scenario, std::optional<std::uint64_t> seed) {
  core::SimulationConfig config;
  config.seed = seed.value_or(scenario.seed);
  config.startTime = scenario.start;
  // The driver moves time itself (see driver.h); nothing else may.
  config.mode = core::ClockMode::Manual;
  // A scenario's activity tasks are answered by its timeline, never by a waiting poll.
  config.activityPollLimit = std::chrono::milliseconds(0);
  return config;
}

void checkWorld(const Scenario& scenario) {
  app::Emulator scratch(simulationConfig(scenario, std::nullopt));
  buildWorld(scenario, scratch);
}

ScenarioResult runScenario(const Scenario& scenario, const RunOptions& options, const RealCodeHost& host) {
  auto wallStart = std::chrono::steady_clock::now();
  ScenarioResult result;
  result.file = scenario.file;
  result.name = scenario.name;
  result.description = scenario.doc.value("description", "");

  app::Emulator emulator(simulationConfig(scenario, options.seed));
  TraceLog trace(scenario.start);
  if (options.trace) emulator.simulation().setTrace(&trace);
  try {
    buildWorld(scenario, emulator);
    Driver driver(scenario, emulator);
    if (scenario.runsRealCode()) {
      if (!host) throw std::runtime_error("this scenario runs real code, which needs a host");
      host(emulator, driver);
    } else {
      driver.runToEnd();
    }
    core::TimeMs now = emulator.simulation().now();
    result.unmet = checkExpectations(scenario, emulator, driver.executions());
    result.actionErrors = driver.actionErrors();
    result.limitReached = driver.limitReached();
    result.virtualSeconds = static_cast<double>(now - scenario.start) / 1000.0;
  } catch (const ScenarioError& error) {
    result.error = error.what();
  } catch (const std::exception& error) {
    result.error = std::string("the run broke down: ") + error.what();
  }
  emulator.simulation().setTrace(nullptr);
  if (options.trace) result.trace = trace.take();
  // Whatever the run got to, even when it broke down: that is when the graph helps most.
  if (options.snapshot) result.snapshot = console::consoleSnapshot(emulator);
  result.passed = result.error.empty() && result.unmet.empty() && result.actionErrors.empty();
  result.wallMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wallStart).count();
  return result;
}

}  // namespace stepsim::scenario
