#pragma once
// What the in-process benchmarks share: timing, medians, running a measurement in a child process
// of its own (fresh heap, its own peak RSS), and the Job Status Poller world.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>

#include "emulator/app/emulator.h"
#include "emulator/batch/batch_service.h"
#include "emulator/core/base64.h"
#include "emulator/core/json.h"
#include "emulator/lambda/code_package.h"
#include "emulator/lambda/lambda_service.h"
#include "emulator/stepfunctions/api/sfn_service.h"

namespace stepsim::bench {

using json = stepsim::Json;

// The server's info log (a line per request, per state entered) is not what these measure: they
// run quiet, as `stepsim run` does.
inline void quietLogs() {
  spdlog::set_level(spdlog::level::warn);
}

inline double seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

inline double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

inline const std::string kRole = "arn:aws:iam::123456789012:role/bench";

inline long peakRssKiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

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

struct PollerRun {
  double wallSeconds;
  long succeeded;
};

// `executions` concurrent Job Status Pollers of `definition` (built-in fakes, a Batch job of 590
// virtual seconds each, 60 s polls) in auto mode: the wall time from the first start to the end.
inline PollerRun concurrentPollers(const std::string& definition, int executions) {
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
  std::string arn = sfn.handle("CreateStateMachine", {{"name", "poller"},
                                                      {"definition", definition},
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

}  // namespace stepsim::bench
