// The Job Poller fakes over a real emulated Batch on a manual clock.
#include <catch2/catch.hpp>
#include <string>

#include "emulator/core/json.h"
#include "fakes/fake.h"
#include "tests/unit/batch/batch_fixture.h"

using json = stepsim::Json;
using namespace stepsim;
using stepsim::batch::test::Fixture;

namespace {

struct World : Fixture {
  World() : context{batch} { basics(); }

  // Runs a fake the way the Invoke path will, then lets same-instant timers fire like the host.
  fakes::FakeResult run(std::string_view name, const json& event) {
    const fakes::Fake* fake = fakes::findFake(name);
    REQUIRE(fake);
    fakes::FakeResult result = (*fake)(context, event);
    sim.runDue();
    return result;
  }
  json ok(std::string_view name, const json& event) {
    fakes::FakeResult result = run(name, event);
    INFO(name << " " << event.dump());
    if (!result.ok()) FAIL(result.error().errorType << ": " << result.error().errorMessage);
    return result.value();
  }
  fakes::FunctionError fails(std::string_view name, const json& event) {
    fakes::FakeResult result = run(name, event);
    INFO(name << " " << event.dump());
    if (result.ok()) FAIL("expected a function error, got " << result.value().dump());
    return result.error();
  }

  fakes::FakeContext context;
};

json submitEvent(const std::string& name = "poller-job") {
  return {{"jobName", name}, {"jobQueue", "queue"}, {"jobDefinition", "def"}};
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("batch-submit-job submits a job that DescribeJobs sees", "[fakes][batch]") {
  World w;
  json out = w.ok("batch-submit-job", submitEvent());
  REQUIRE(out.is_object());
  CHECK(out.size() == 3);
  CHECK(out["jobName"] == "poller-job");
  std::string id = out["jobId"];
  CHECK_FALSE(id.empty());
  CHECK(out["jobArn"] == "arn:aws:batch:us-east-1:123456789012:job/" + id);

  json job = w.job(id);
  CHECK(job["jobName"] == "poller-job");
  CHECK(job["jobQueue"] == "arn:aws:batch:us-east-1:123456789012:job-queue/queue");
  CHECK(contains(job["jobDefinition"], "job-definition/def:1"));
}

TEST_CASE("batch-submit-job passes parameters and containerOverrides", "[fakes][batch]") {
  World w;
  json event = submitEvent();
  event["parameters"] = {{"input", "s3://bucket/key"}};
  event["containerOverrides"] = {{"command", {"echo", "overridden"}},
                                 {"environment", {{{"name", "MODE"}, {"value", "test"}}}}};
  event["unrelated"] = "ignored";  // a Step Functions payload carries more than the fake needs
  std::string id = w.ok("batch-submit-job", event)["jobId"];
  json job = w.job(id);
  CHECK(job["parameters"]["input"] == "s3://bucket/key");
  CHECK(job["container"]["command"] == json{"echo", "overridden"});
  CHECK(job["container"]["environment"] == json{{{"name", "MODE"}, {"value", "test"}}});

  // null members are the same as absent ones
  event = submitEvent("nulls");
  event["parameters"] = nullptr;
  event["containerOverrides"] = nullptr;
  CHECK(w.job(w.ok("batch-submit-job", event)["jobId"])["jobName"] == "nulls");
}

TEST_CASE("batch-job-status follows a job through its lifecycle as the clock advances",
          "[fakes][batch]") {
  World w;
  w.rules({{{"match", {{"jobName", "poller-*"}}},
            {"steps",
             {{{"status", "RUNNABLE"}, {"seconds", 10}},
              {{"status", "RUNNING"}, {"seconds", 30}},
              {{"status", "SUCCEEDED"}}}}}});
  // The sample hands SubmitJob's whole result to CheckJob.
  json submitted = w.ok("batch-submit-job", submitEvent());
  CHECK(w.ok("batch-job-status", submitted) == "RUNNABLE");
  w.advance(9.999);
  CHECK(w.ok("batch-job-status", submitted) == "RUNNABLE");
  w.advance(0.001);
  CHECK(w.ok("batch-job-status", {{"jobId", submitted["jobId"]}}) == "RUNNING");
  w.advance(29);
  CHECK(w.ok("batch-job-status", submitted) == "RUNNING");
  w.advance(1);
  json status = w.ok("batch-job-status", submitted);
  CHECK(status.is_string());
  CHECK(status == "SUCCEEDED");
  CHECK(w.status(submitted["jobId"]) == "SUCCEEDED");
}

TEST_CASE("batch-job-status reports a failed job", "[fakes][batch]") {
  World w;
  w.rules({{{"steps", {{{"status", "RUNNING"}, {"seconds", 5}}, {{"status", "FAILED"}}}}}});
  json submitted = w.ok("batch-submit-job", submitEvent());
  CHECK(w.ok("batch-job-status", submitted) == "RUNNING");
  w.advance(5);
  CHECK(w.ok("batch-job-status", submitted) == "FAILED");
}

TEST_CASE("batch-submit-job: a bad event is an InvalidEvent naming the field", "[fakes][batch]") {
  World w;
  struct Case {
    json event;
    std::string part;
  };
  std::vector<Case> cases = {
      {json::array(), "event object"},
      {"poller-job", "event object"},
      {nullptr, "event object"},
      {{{"jobQueue", "queue"}, {"jobDefinition", "def"}}, "event.jobName is required"},
      {{{"jobName", "j"}, {"jobDefinition", "def"}}, "event.jobQueue is required"},
      {{{"jobName", "j"}, {"jobQueue", "queue"}}, "event.jobDefinition is required"},
      {{{"jobName", nullptr}, {"jobQueue", "queue"}, {"jobDefinition", "def"}},
       "event.jobName is required"},
      {{{"jobName", 5}, {"jobQueue", "queue"}, {"jobDefinition", "def"}},
       "event.jobName must be a string"},
      {{{"jobName", "j"}, {"jobQueue", {"queue"}}, {"jobDefinition", "def"}},
       "event.jobQueue must be a string"},
      {{{"jobName", "j"}, {"jobQueue", "queue"}, {"jobDefinition", true}},
       "event.jobDefinition must be a string"},
      {{{"jobName", ""}, {"jobQueue", "queue"}, {"jobDefinition", "def"}},
       "event.jobName must not be empty"},
      {{{"jobName", "j"}, {"jobQueue", "queue"}, {"jobDefinition", "def"}, {"parameters", "x"}},
       "event.parameters must be an object"},
      {{{"jobName", "j"},
        {"jobQueue", "queue"},
        {"jobDefinition", "def"},
        {"containerOverrides", json::array()}},
       "event.containerOverrides must be an object"},
  };
  for (const auto& c : cases) {
    INFO(c.event.dump());
    fakes::FunctionError error = w.fails("batch-submit-job", c.event);
    CHECK(error.errorType == "InvalidEvent");
    CHECK(contains(error.errorMessage, c.part));
  }
  CHECK(w.call("ListJobs", {{"jobQueue", "queue"}, {"jobStatus", "SUBMITTED"}})["jobSummaryList"]
            .empty());
}

TEST_CASE("batch-submit-job: Batch's ClientException becomes a function error", "[fakes][batch]") {
  World w;
  json event = submitEvent();
  event["jobQueue"] = "no-such-queue";
  fakes::FunctionError error = w.fails("batch-submit-job", event);
  CHECK(error.errorType == "ClientException");
  CHECK(contains(error.errorMessage, "no-such-queue"));

  event = submitEvent();
  event["jobDefinition"] = "no-such-def";
  error = w.fails("batch-submit-job", event);
  CHECK(error.errorType == "ClientException");
  CHECK(contains(error.errorMessage, "no-such-def"));

  // Batch's own checks of what the fake passes through.
  event = submitEvent("bad name!");
  error = w.fails("batch-submit-job", event);
  CHECK(error.errorType == "ClientException");
  event = submitEvent();
  event["parameters"] = {{"n", 5}};
  error = w.fails("batch-submit-job", event);
  CHECK(error.errorType == "ClientException");
  CHECK(contains(error.errorMessage, "parameters"));
  event = submitEvent();
  event["containerOverrides"] = {{"command", "not-a-list"}};
  error = w.fails("batch-submit-job", event);
  CHECK(error.errorType == "ClientException");
  CHECK(contains(error.errorMessage, "containerOverrides"));
}

TEST_CASE("batch-job-status: bad events and unknown jobs", "[fakes][batch]") {
  World w;
  fakes::FunctionError error = w.fails("batch-job-status", {{"jobId", "4f1c0000-no-such-job"}});
  CHECK(error.errorType == "JobNotFound");
  CHECK(contains(error.errorMessage, "4f1c0000-no-such-job"));

  for (const json& event : {json("4f1c0000"), json::array({"x"}), json(nullptr), json(3)}) {
    INFO(event.dump());
    error = w.fails("batch-job-status", event);
    CHECK(error.errorType == "InvalidEvent");
    CHECK(contains(error.errorMessage, "jobId"));
  }
  error = w.fails("batch-job-status", json::object());
  CHECK(error.errorType == "InvalidEvent");
  CHECK(contains(error.errorMessage, "event.jobId is required"));
  error = w.fails("batch-job-status", {{"jobId", 12}});
  CHECK(error.errorType == "InvalidEvent");
  CHECK(contains(error.errorMessage, "event.jobId must be a string"));
  error = w.fails("batch-job-status", {{"jobId", ""}});
  CHECK(error.errorType == "InvalidEvent");
  CHECK(contains(error.errorMessage, "event.jobId must not be empty"));
}

TEST_CASE("fakes ask before each Batch call and fail as the SDK would when refused",
          "[fakes][batch]") {
  World w;
  w.context.region = "us-east-1";
  w.context.account = "123456789012";
  std::vector<std::pair<std::string, std::string>> asked;
  w.context.authorize = [&](const std::string& action, const std::string& resource) {
    asked.emplace_back(action, resource);
    if (action == "batch:DescribeJobs")
      throw core::AwsError("AccessDeniedException", "not authorized to perform: " + action, 403);
  };
  std::string id = w.ok("batch-submit-job", submitEvent())["jobId"];
  // SubmitJob is checked on the definition and the queue, by ARN.
  REQUIRE(asked.size() == 2);
  CHECK(asked[0] ==
        std::pair<std::string, std::string>{
            "batch:SubmitJob", "arn:aws:batch:us-east-1:123456789012:job-definition/def"});
  CHECK(asked[1].second == "arn:aws:batch:us-east-1:123456789012:job-queue/queue");

  fakes::FunctionError refused = w.fails("batch-job-status", {{"jobId", id}});
  CHECK(refused.errorType == "AccessDeniedException");
  CHECK(contains(refused.errorMessage, "batch:DescribeJobs"));
}
