// Step Functions in-process benchmarks:
//  1. interpreter throughput: one execution looping Pass → Choice through a counter kept by
//     States.MathAdd, state transitions per second on one core;
//  2. 10,000 concurrent Job Status Poller executions (classic shape, built-in fakes, a Batch job of
//     590 virtual seconds each) in auto mode: wall time and peak resident memory.
// Each run is a child process of its own (fresh heap, its own peak RSS). Prints medians of several
// runs. Usage: bench_sfn [--runs N] [--executions N]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "emulator/app/emulator.h"
#include "emulator/batch/batch_service.h"
#include "emulator/core/base64.h"
#include "emulator/lambda/code_package.h"
#include "emulator/lambda/lambda_service.h"
#include "emulator/stepfunctions/api/sfn_service.h"

namespace stepsim::scenario {
std::string_view classicJobPollerDefinition();  // embedded with the demo scenario
}

using namespace stepsim;
using nlohmann::json;

namespace {

double seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

const std::string kRole = "arn:aws:iam::123456789012:role/bench";

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

long peakRssKiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

struct PollerRun {
  double wallSeconds;
  long succeeded;
};

PollerRun concurrentPollers(int executions) {
  core::SimulationConfig config;
  config.mode = core::ClockMode::Auto;
  app::Emulator emulator(config);
  emulator.batch().handle("CreateComputeEnvironment",
                          {{"computeEnvironmentName", "ce"},
                           {"type", "MANAGED"},
                           {"computeResources",
                            {{"type", "FARGATE"}, {"maxvCpus", 4}, {"subnets", {"subnet-1"}}}}});
  emulator.batch().handle("CreateJobQueue",
                          {{"jobQueueName", "SampleJobQueue"},
                           {"priority", 1},
                           {"computeEnvironmentOrder", {{{"order", 1}, {"computeEnvironment", "ce"}}}}});
  emulator.batch().handle("RegisterJobDefinition",
                          {{"jobDefinitionName", "SampleJobDefinition"},
                           {"type", "container"},
                           {"containerProperties", {{"image", "busybox"}}}});
  emulator.batch().addLifecycleRules(
      {{"rules",
        {{{"match", json::object()},
          {"steps", {{{"status", "RUNNING"}, {"seconds", 590}}, {{"status", "SUCCEEDED"}}}}}}}});
  std::string zip = core::encodeBase64(lambda::emptyZipPackage());
  for (auto [name, handler] : {std::pair{"SubmitJob", "fake:batch-submit-job"},
                               std::pair{"CheckJob", "fake:batch-job-status"}})
    emulator.lambda().handle("CreateFunction", {{"FunctionName", name},
                                                {"Runtime", "python3.12"},
                                                {"Role", kRole},
                                                {"Handler", handler},
                                                {"Code", {{"ZipFile", zip}}}});
  auto& sfn = emulator.sfn();
  std::string arn =
      sfn.handle("CreateStateMachine",
                 {{"name", "poller"},
                  {"definition", std::string(scenario::classicJobPollerDefinition())},
                  {"roleArn", kRole}})["stateMachineArn"];
  std::vector<std::string> arns;
  auto began = std::chrono::steady_clock::now();
  for (int i = 0; i < executions; ++i) {
    json input = {{"jobName", "job-" + std::to_string(i)},
                  {"jobDefinition", "SampleJobDefinition"},
                  {"jobQueue", "SampleJobQueue"},
                  {"wait_time", 60}};
    arns.push_back(sfn.handle("StartExecution",
                              {{"stateMachineArn", arn}, {"input", input.dump()}})["executionArn"]);
  }
  while (emulator.simulation().autoStep()) {
  }
  double wall = seconds(began);
  long succeeded = 0;
  for (const std::string& e : arns)
    succeeded += sfn.handle("DescribeExecution", {{"executionArn", e}})["status"] == "SUCCEEDED";
  return {wall, succeeded};
}

}  // namespace

// Runs `measure` in a child process so each run starts from a fresh heap and its peak resident
// memory is its own. Returns the measured value and the child's peak RSS in KiB.
template <class Measure>
std::pair<double, long> inChild(Measure measure) {
  int fds[2];
  if (pipe(fds) != 0) std::exit(1);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    double value = measure();
    long rss = peakRssKiB();
    if (write(fds[1], &value, sizeof value) != sizeof value ||
        write(fds[1], &rss, sizeof rss) != sizeof rss)
      std::_Exit(1);
    std::_Exit(0);  // no teardown: it is not part of any figure
  }
  close(fds[1]);
  double value = 0;
  long rss = 0;
  bool ok = read(fds[0], &value, sizeof value) == sizeof value &&
            read(fds[0], &rss, sizeof rss) == sizeof rss;
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!ok || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "a benchmark run failed\n");
    std::exit(1);
  }
  return {value, rss};
}

int main(int argc, char** argv) {
  int runs = 5, executions = 10'000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--runs")) runs = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--executions")) executions = std::atoi(argv[i + 1]);
  }
  if (runs <= 0) return 0;
  std::vector<double> rates;
  for (int r = 0; r < runs; ++r)
    rates.push_back(inChild([] { return interpreterTransitionsPerSecond(100, 5'000); }).first);
  std::printf("interpreter Pass/Choice loop (100 executions x 10,000 transitions, history "
              "recorded): median %.2f M transitions/s\n",
              median(rates) / 1e6);
  std::vector<double> walls, peaks;
  for (int r = 0; r < runs; ++r) {
    auto [wall, rss] = inChild([executions] {
      PollerRun run = concurrentPollers(executions);
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
