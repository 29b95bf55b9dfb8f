// Step Functions in-process benchmarks:
//  1. interpreter throughput: one execution looping Pass → Choice through a counter kept by
//     States.MathAdd, state transitions per second on one core;
//  2. 10,000 concurrent Job Status Poller executions (classic shape, built-in fakes, a Batch job of
//     590 virtual seconds each) in auto mode: wall time and peak resident memory.
// Each run is a child process of its own (fresh heap, its own peak RSS). Prints medians of several
// runs. Usage: bench_sfn [--runs N] [--executions N]
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "emulator/core/json.h"
#include "tools/bench/bench_support.h"

namespace stepsim::scenario {
std::string_view classicJobPollerDefinition();  // embedded with the demo scenario
}

using namespace stepsim;
using namespace stepsim::bench;
using json = stepsim::Json;

namespace {

// Pass (increment) → Choice (below the limit? back to Pass): two transitions per round.
std::string loopDefinition(int rounds) {
  json definition = {
      {"StartAt", "Init"},
      {"States",
       {{"Init", {{"Type", "Pass"}, {"Result", 0}, {"ResultPath", "$.n"}, {"Next", "Count"}}},
        {"Count",
         {{"Type", "Pass"},
          {"Parameters", {{"n.$", "States.MathAdd($.n, 1)"}}},
          {"Next", "Again?"}}},
        {"Again?",
         {{"Type", "Choice"},
          {"Choices", {{{"Variable", "$.n"}, {"NumericLessThan", rounds}, {"Next", "Count"}}}},
          {"Default", "Done"}}},
        {"Done", {{"Type", "Succeed"}}}}}};
  return definition.dump();
}

// Executions of `rounds` loops each (a history stays under AWS's 25,000 events).
double interpreterTransitionsPerSecond(int executions, int rounds) {
  core::SimulationConfig config;
  app::Emulator emulator(config);
  auto& sfn = emulator.sfn();
  std::string arn = sfn.handle("CreateStateMachine", {{"name", "loop"},
                                                      {"definition", loopDefinition(rounds)},
                                                      {"roleArn", kRole}})["stateMachineArn"];
  std::vector<std::string> started;
  auto began = std::chrono::steady_clock::now();
  for (int i = 0; i < executions; ++i)
    started.push_back(
        sfn.handle("StartExecution", {{"stateMachineArn", arn}, {"input", "{}"}})["executionArn"]);
  double elapsed = seconds(began);
  for (const std::string& execution : started) {
    json described = sfn.handle("DescribeExecution", {{"executionArn", execution}});
    if (described["status"] != "SUCCEEDED") {
      std::fprintf(stderr, "loop execution ended %s\n", described.dump().c_str());
      std::exit(1);
    }
  }
  return executions * (2.0 * rounds + 3) / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 5, executions = 10'000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--runs")) runs = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--executions")) executions = std::atoi(argv[i + 1]);
  }
  if (runs <= 0) return 0;
  quietLogs();
  std::vector<double> rates;
  for (int r = 0; r < runs; ++r)
    rates.push_back(inChild([] { return interpreterTransitionsPerSecond(100, 5'000); }).first);
  std::printf("interpreter Pass/Choice loop (100 executions x 10,000 transitions, history "
              "recorded): median %.2f M transitions/s\n",
              median(rates) / 1e6);
  std::vector<double> walls, peaks;
  for (int r = 0; r < runs; ++r) {
    auto [wall, rss] = inChild([executions] {
      PollerRun run = concurrentPollers(std::string(scenario::classicJobPollerDefinition()), executions);
      if (run.succeeded != executions) {
        std::fprintf(stderr, "only %ld of %d executions succeeded\n", run.succeeded, executions);
        std::_Exit(1);
      }
      return run.wallSeconds;
    });
    walls.push_back(wall);
    peaks.push_back(static_cast<double>(rss));
  }
  std::printf("%d concurrent Job Poller executions, auto mode: median %.3f s wall, all succeeded, "
              "median peak RSS %.1f MiB\n",
              executions, median(walls), median(peaks) / 1024.0);
  return 0;
}
