#include "emulator/http/demo.h"

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "emulator/app/emulator.h"
#include "emulator/core/time_types.h"

namespace stepsim::http {
namespace {

using nlohmann::json;

// The requests the demo sends, as a client would put them on the wire.
constexpr std::string_view kComputeEnvironment = R"({
  "computeEnvironmentName": "demo-ce",
  "type": "MANAGED",
  "state": "ENABLED",
  "computeResources": {
    "type": "FARGATE",
    "maxvCpus": 4,
    "subnets": ["subnet-0123456789abcdef0"],
    "securityGroupIds": ["sg-0123456789abcdef0"]
  }
})";

constexpr std::string_view kJobQueue = R"({
  "jobQueueName": "demo-queue",
  "state": "ENABLED",
  "priority": 1,
  "computeEnvironmentOrder": [{"order": 1, "computeEnvironment": "demo-ce"}]
})";

constexpr std::string_view kJobDefinition = R"({
  "jobDefinitionName": "demo-report",
  "type": "container",
  "platformCapabilities": ["FARGATE"],
  "containerProperties": {
    "image": "public.ecr.aws/docker/library/busybox:latest",
    "command": ["sh", "-c", "echo building the nightly report"],
    "resourceRequirements": [{"type": "VCPU", "value": "1"}, {"type": "MEMORY", "value": "2048"}]
  }
})";

// RUNNABLE 30 s → STARTING 10 s → RUNNING 300 s → SUCCEEDED, for jobs named demo-*.
constexpr std::string_view kLifecycle = R"({
  "rules": [{
    "match": {"jobName": "demo-*"},
    "steps": [
      {"status": "RUNNABLE", "seconds": 30},
      {"status": "STARTING", "seconds": 10},
      {"status": "RUNNING", "seconds": 300},
      {"status": "SUCCEEDED", "exitCode": 0}
    ]
  }]
})";

constexpr std::string_view kSubmitJob = R"({
  "jobName": "demo-nightly-report",
  "jobQueue": "demo-queue",
  "jobDefinition": "demo-report"
})";

constexpr int kStepSeconds = 30;
constexpr int kMaxSteps = 100;

class Demo {
 public:
  explicit Demo(std::FILE* out) : out_(out), emulator_(manualConfig()) {}

  int run() {
    std::fprintf(
        out_, "stepsim demo: an AWS Batch job on the virtual clock (manual mode, no sockets)\n\n");
    json ce, queue, definition, job;
    if (!call("POST", "/v1/createcomputeenvironment", kComputeEnvironment, &ce) ||
        !call("POST", "/v1/createjobqueue", kJobQueue, &queue) ||
        !call("POST", "/v1/registerjobdefinition", kJobDefinition, &definition) ||
        !call("POST", "/_stepsim/batch/lifecycles", kLifecycle, nullptr) ||
        !call("POST", "/v1/submitjob", kSubmitJob, &job))
      return 1;
    std::string jobId = job.value("jobId", "");
    std::fprintf(out_, "  compute environment  %s\n",
                 ce.value("computeEnvironmentArn", "").c_str());
    std::fprintf(out_, "  job queue            %s\n", queue.value("jobQueueArn", "").c_str());
    std::fprintf(out_, "  job definition       %s\n",
                 definition.value("jobDefinitionArn", "").c_str());
    std::fprintf(
        out_, "  lifecycle            RUNNABLE 30s -> STARTING 10s -> RUNNING 300s -> SUCCEEDED\n");
    std::fprintf(out_, "  job                  %s (%s)\n\n", job.value("jobName", "").c_str(),
                 jobId.c_str());

    std::fprintf(out_, "  %-26s %9s  %s\n", "virtual time", "elapsed", "job status");
    core::TimeMs start = emulator_.simulation().now();
    for (int step = 0; step <= kMaxSteps; ++step) {
      json described;
      if (!call("POST", "/v1/describejobs", json{{"jobs", {jobId}}}.dump(), &described)) return 1;
      if (!described.contains("jobs") || described["jobs"].empty()) {
        std::fprintf(stderr, "demo: DescribeJobs does not know job %s\n", jobId.c_str());
        return 1;
      }
      const json& detail = described["jobs"][0];
      std::string status = detail.value("status", "?");
      core::TimeMs now = emulator_.simulation().now();
      std::fprintf(out_, "  %-26s %8llds  %s\n", core::formatIso8601(now).c_str(),
                   static_cast<long long>((now - start) / 1000), status.c_str());
      if (status == "SUCCEEDED" || status == "FAILED") {
        std::fprintf(out_, "\n  createdAt %s, startedAt %s, stoppedAt %s\n",
                     timeField(detail, "createdAt").c_str(), timeField(detail, "startedAt").c_str(),
                     timeField(detail, "stoppedAt").c_str());
        std::fprintf(out_, "  final status %s after %lld virtual seconds\n", status.c_str(),
                     static_cast<long long>((now - start) / 1000));
        return status == "SUCCEEDED" ? 0 : 1;
      }
      std::string advance = json{{"advanceSeconds", kStepSeconds}}.dump();
      if (!call("POST", "/_stepsim/clock", advance, nullptr)) return 1;
    }
    std::fprintf(stderr, "demo: the job is not final after %d steps\n", kMaxSteps);
    return 1;
  }

 private:
  static core::SimulationConfig manualConfig() {
    core::SimulationConfig config;
    config.mode = core::ClockMode::Manual;
    return config;
  }

  static std::string timeField(const json& detail, const char* name) {
    auto it = detail.find(name);
    if (it == detail.end() || !it->is_number_integer()) return "-";
    return core::formatIso8601(it->get<core::TimeMs>());
  }

  // Sends one request through the dispatcher, as the HTTP server would, and fires what is due.
  bool call(std::string_view method, std::string_view target, std::string_view body, json* result) {
    protocol::HttpRequest request;
    request.method = method;
    request.target = target;
    request.headers = {{"Host", "127.0.0.1:4566"}, {"Content-Type", "application/json"}};
    request.body = body;
    // Batch answers at once; nothing in the demo waits.
    app::DispatchResult answer;
    emulator_.dispatch(request, [&answer](app::DispatchResult result) { answer = std::move(result); });
    emulator_.simulation().runDue();
    if (answer.response.status >= 300) {
      std::fprintf(stderr, "demo: %.*s %.*s answered %d: %s\n", static_cast<int>(method.size()),
                   method.data(), static_cast<int>(target.size()), target.data(),
                   answer.response.status, answer.response.body.c_str());
      return false;
    }
    if (result) {
      *result = json::parse(answer.response.body, nullptr, false);
      if (result->is_discarded()) {
        std::fprintf(stderr, "demo: %.*s answered a body that is not JSON\n",
                     static_cast<int>(target.size()), target.data());
        return false;
      }
    }
    return true;
  }

  std::FILE* out_;
  app::Emulator emulator_;
};

}  // namespace

int runBatchDemo(std::FILE* out) {
  return Demo(out).run();
}

}  // namespace stepsim::http
