// JSONata benchmarks:
//  1. evaluation throughput of a typical Step Functions `Arguments` expression (an object built
//     from `$states.input` fields, a workflow variable and a function call) on a ~1 KB input,
//     in-process, one core: evaluations per second;
//  2. the Job Status Poller written in JSONata against the same poller in JSONPath (both with
//     lambda:invoke tasks): 10,000 concurrent executions in auto mode, runs interleaved, wall time
//     medians and their ratio.
// Usage: bench_jsonata [--runs N] [--executions N] [--evaluations N]
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "emulator/jsonata/jsonata.h"
#include "tools/bench/bench_support.h"

using namespace stepsim;
using namespace stepsim::bench;

namespace {

const char* kArgumentsExpression = R"({
  "JobName": $states.input.jobName,
  "JobQueue": $states.input.jobQueue,
  "JobDefinition": $states.input.jobDefinition,
  "Parameters": {"jobId": $jobId, "items": $count($states.input.items), "execution": $states.context.Execution.Name}
})";

json benchInput() {
  json items = json::array();
  for (int i = 0; i < 12; ++i)
    items.push_back({{"sku", "item-" + std::to_string(i)}, {"quantity", i + 1}, {"price", 9.5 + i}});
  return {{"jobName", "my-job"},
          {"jobDefinition", "arn:aws:batch:us-east-1:123456789012:job-definition/SampleJobDefinition:1"},
          {"jobQueue", "arn:aws:batch:us-east-1:123456789012:job-queue/SampleJobQueue"},
          {"wait_time", 60},
          {"items", items}};
}

double evaluationsPerSecond(int evaluations) {
  jsonata::Expression expression = jsonata::Expression::compile(kArgumentsExpression);
  json input = benchInput();
  json context = {{"Execution", {{"Name", "poll-my-job"}, {"StartTime", "2026-01-01T00:00:00Z"}}},
                  {"State", {{"Name", "Submit Job"}, {"RetryCount", 0}}}};
  json jobId = "a1b2c3d4-0000-4000-8000-000000000001";
  jsonata::Bindings bindings{
      {"states", nullptr, {{"input", &input}, {"context", &context}}},
      {"jobId", &jobId, {}},
  };
  jsonata::Environment environment;
  environment.random = [] { return 0.5; };
  std::size_t checksum = 0;
  auto began = std::chrono::steady_clock::now();
  for (int i = 0; i < evaluations; ++i) checksum += expression.evaluate(input, bindings, environment)->size();
  double elapsed = seconds(began);
  if (checksum != static_cast<std::size_t>(evaluations) * 4) {
    std::fprintf(stderr, "unexpected result of the Arguments expression\n");
    std::exit(1);
  }
  return evaluations / elapsed;
}

std::string readDefinition(const std::string& name) {
  std::ifstream file(std::string(STEPSIM_SOURCE_DIR) + "/scenarios/job_poller/" + name);
  std::stringstream text;
  text << file.rdbuf();
  if (!file || text.str().empty()) {
    std::fprintf(stderr, "cannot read scenarios/job_poller/%s\n", name.c_str());
    std::exit(1);
  }
  return text.str();
}

double pollerWall(const std::string& definition, int executions) {
  return inChild([&] {
           PollerRun run = concurrentPollers(definition, executions);
           if (run.succeeded != executions) {
             std::fprintf(stderr, "only %ld of %d executions succeeded\n", run.succeeded, executions);
             std::_Exit(1);
           }
           return run.wallSeconds;
         }).first;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 5, executions = 10'000, evaluations = 1'000'000;
  for (int i = 1; i < argc; i += 2) {
    if (i + 1 < argc && !std::strcmp(argv[i], "--runs")) runs = std::atoi(argv[i + 1]);
    else if (i + 1 < argc && !std::strcmp(argv[i], "--executions")) executions = std::atoi(argv[i + 1]);
    else if (i + 1 < argc && !std::strcmp(argv[i], "--evaluations")) evaluations = std::atoi(argv[i + 1]);
    else {
      std::fprintf(stderr, "usage: bench_jsonata [--runs N] [--executions N] [--evaluations N]\n");
      return 2;
    }
  }
  if (runs <= 0) return 0;
  quietLogs();
  std::vector<double> rates;
  for (int r = 0; r < runs; ++r) rates.push_back(evaluationsPerSecond(evaluations));
  std::printf("typical Arguments expression: median %.0f k evaluations/s (%d runs of %d)\n",
              median(rates) / 1e3, runs, evaluations);
  std::fflush(stdout);

  std::string jsonPath = readDefinition("lambda_invoke.asl.json");
  std::string jsonata = readDefinition("jsonata.asl.json");
  std::vector<double> pathWalls, jsonataWalls, ratios;
  for (int r = 0; r < runs; ++r) {  // interleaved, so drifting machine load hits both alike
    pathWalls.push_back(pollerWall(jsonPath, executions));
    jsonataWalls.push_back(pollerWall(jsonata, executions));
    ratios.push_back(jsonataWalls.back() / pathWalls.back());
  }
  std::printf("%d concurrent Job Pollers (lambda:invoke), auto mode: JSONPath median %.3f s, "
              "JSONata median %.3f s, JSONata/JSONPath median ratio %.2f\n",
              executions, median(pathWalls), median(jsonataWalls), median(ratios));
  return 0;
}
