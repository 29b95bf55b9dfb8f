#include "emulator/app/demo.h"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "emulator/app/emulator.h"
#include "emulator/app/in_process_client.h"
#include "emulator/lambda/code_package.h"
#include "emulator/core/base64.h"
#include "emulator/core/time_types.h"

namespace stepsim::app {

// scenarios/job_poller/classic.asl.json, embedded at build time.
std::string_view classicJobPollerDefinition();

namespace {

using nlohmann::json;

const json kLifecycle = {
    {"rules",
     {{{"match", {{"jobName", "my-job"}}},
       {"steps",
        {{{"status", "RUNNABLE"}, {"seconds", 10}},
         {{"status", "STARTING"}, {"seconds", 20}},
         {{"status", "RUNNING"}, {"seconds", 560}},
         {{"status", "SUCCEEDED"}}}}}}}};

const json kInput = {{"jobName", "my-job"},
                     {"jobDefinition", "SampleJobDefinition"},
                     {"jobQueue", "SampleJobQueue"},
                     {"wait_time", 60}};

class Demo {
 public:
  explicit Demo(std::FILE* out) : out_(out), emulator_(core::SimulationConfig{}) {}

  int run() {
    auto wallStart = std::chrono::steady_clock::now();
    json execution;
    std::string role = "arn:aws:iam::123456789012:role/";
    json function = {{"Runtime", "python3.12"},
                     {"Role", role + "lambda"},
                     {"Code", {{"ZipFile", core::encodeBase64(lambda::emptyZipPackage())}}}};
    if (!batch("/v1/createcomputeenvironment",
               {{"computeEnvironmentName", "SampleComputeEnvironment"},
                {"type", "MANAGED"},
                {"computeResources",
                 {{"type", "FARGATE"}, {"maxvCpus", 4}, {"subnets", {"subnet-0123456789abcdef0"}}}}}) ||
        !batch("/v1/createjobqueue",
               {{"jobQueueName", "SampleJobQueue"},
                {"priority", 1},
                {"computeEnvironmentOrder",
                 {{{"order", 1}, {"computeEnvironment", "SampleComputeEnvironment"}}}}}) ||
        !batch("/v1/registerjobdefinition",
               {{"jobDefinitionName", "SampleJobDefinition"},
                {"type", "container"},
                {"containerProperties",
                 {{"image", "public.ecr.aws/docker/library/busybox:latest"},
                  {"command", {"echo", "hello"}},
                  {"resourceRequirements",
                   {{{"type", "VCPU"}, {"value", "1"}}, {{"type", "MEMORY"}, {"value", "2048"}}}}}}}) ||
        !call("POST", "/_stepsim/batch/lifecycles", "", kLifecycle) ||
        !lambda(function, "SubmitJob", "fake:batch-submit-job") ||
        !lambda(function, "CheckJob", "fake:batch-job-status"))
      return 1;
    json machine;
    if (!call("POST", "/", "CreateStateMachine",
              {{"name", "JobStatusPoller"},
               {"definition", std::string(classicJobPollerDefinition())},
               {"roleArn", role + "sfn"}},
              &machine) ||
        !call("POST", "/", "StartExecution",
              {{"stateMachineArn", machine["stateMachineArn"]}, {"input", kInput.dump()}},
              &execution))
      return 1;

    std::fprintf(out_,
                 "stepsim demo: the Step Functions \"Job Status Poller\" sample, in-process on the "
                 "virtual clock\n\n"
                 "  Batch           SampleJobQueue, SampleJobDefinition; the job plays RUNNABLE 10s "
                 "-> STARTING 20s -> RUNNING 560s -> SUCCEEDED\n"
                 "  Lambda          SubmitJob (fake:batch-submit-job), CheckJob "
                 "(fake:batch-job-status)\n"
                 "  Step Functions  JobStatusPoller (scenarios/job_poller/classic.asl.json)\n"
                 "  input           %s\n\n",
                 kInput.dump().c_str());

    // Auto mode: time jumps from one timer to the next until nothing is left to do.
    core::Simulation& sim = emulator_.simulation();
    while (sim.autoStep()) {
    }
    json described, history;
    std::string arn = execution["executionArn"];
    if (!call("POST", "/", "DescribeExecution", {{"executionArn", arn}}, &described) ||
        !call("POST", "/", "GetExecutionHistory", {{"executionArn", arn}, {"maxResults", 1000}},
              &history))
      return 1;
    double wallMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                              wallStart)
                        .count();
    printHistory(history["events"], described["startDate"].get<double>());
    std::string status = described.value("status", "?");
    double seconds = described.value("stopDate", 0.0) - described["startDate"].get<double>();
    std::fprintf(out_, "\n  %s with output %s after %.0f virtual seconds, %zu history events, %.1f ms "
                       "of wall time\n",
                 status.c_str(), described.value("output", "null").c_str(), seconds,
                 history["events"].size(), wallMs);
    return status == "SUCCEEDED" ? 0 : 1;
  }

 private:
  void printHistory(const json& events, double start) {
    std::fprintf(out_, "  %8s  %-26s %s\n", "virtual", "event", "state / detail");
    for (const json& event : events) {
      std::string type = event.value("type", "");
      std::string detail;
      if (auto it = event.find("stateEnteredEventDetails"); it != event.end())
        detail = it->value("name", "");
      else if (type.find("StateExited") != std::string::npos)
        continue;  // the entered line says enough
      else if (auto it = event.find("lambdaFunctionSucceededEventDetails"); it != event.end())
        detail = "-> " + it->value("output", "");
      else if (type == "LambdaFunctionScheduled" || type == "LambdaFunctionStarted")
        continue;
      std::fprintf(out_, "  %+7.0fs  %-26s %s\n", event["timestamp"].get<double>() - start,
                   type.c_str(), detail.c_str());
    }
  }

  bool batch(std::string_view path, const json& body) { return call("POST", path, "", body); }

  bool lambda(json function, const std::string& name, const std::string& handler) {
    function["FunctionName"] = name;
    function["Handler"] = handler;
    return call("POST", "/2015-03-31/functions", "", function);
  }

  // Sends one request through the dispatcher, as the HTTP server would; `target` set means a Step
  // Functions operation (awsJson). Everything here answers at once.
  bool call(std::string_view method, std::string_view path, std::string_view target,
            const json& body, json* result = nullptr) {
    InProcessClient client(emulator_);
    CallResult answer = client.call(target.empty() ? InProcessClient::rest(method, path, body)
                                                   : InProcessClient::stepFunctions(target, body));
    if (!answer.ok()) {
      std::fprintf(stderr, "demo: %.*s %.*s%s%.*s answered %s\n", static_cast<int>(method.size()),
                   method.data(), static_cast<int>(path.size()), path.data(), target.empty() ? "" : " ",
                   static_cast<int>(target.size()), target.data(), answer.errorText().c_str());
      return false;
    }
    if (result) *result = answer.json();
    return true;
  }

  std::FILE* out_;
  Emulator emulator_;
};

}  // namespace

int runJobPollerDemo(std::FILE* out) {
  return Demo(out).run();
}

}  // namespace stepsim::app
