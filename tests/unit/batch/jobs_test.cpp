#include "batch_fixture.h"

using namespace stepsim::batch::test;

namespace {
const std::string kPrefix = "arn:aws:batch:us-east-1:123456789012:";
}

TEST_CASE("SubmitJob resolves queue and definition by name, name:rev and ARN", "[batch][jobs]") {
  Fixture f;
  f.basics();
  f.call("RegisterJobDefinition", {{"jobDefinitionName", "def"}, {"type", "container"}});  // rev 2
  auto defOf = [&](const json& queue, const json& def) {
    json out = f.call("SubmitJob", {{"jobName", "j"}, {"jobQueue", queue}, {"jobDefinition", def}});
    CHECK(out["jobArn"] == kPrefix + "job/" + out["jobId"].get<std::string>());
    CHECK(out["jobName"] == "j");
    json j = f.job(out["jobId"]);
    CHECK(j["jobQueue"] == kPrefix + "job-queue/queue");
    return j["jobDefinition"].get<std::string>();
  };
  CHECK(defOf("queue", "def") == kPrefix + "job-definition/def:2");
  CHECK(defOf(kPrefix + "job-queue/queue", "def:1") == kPrefix + "job-definition/def:1");
  CHECK(defOf("queue", kPrefix + "job-definition/def:1") == kPrefix + "job-definition/def:1");
  CHECK(defOf("queue", kPrefix + "job-definition/def") == kPrefix + "job-definition/def:2");
  f.call("DeregisterJobDefinition", {{"jobDefinition", "def:2"}});
  CHECK(defOf("queue", "def") == kPrefix + "job-definition/def:1");
  CHECK_THAT(
      f.error("SubmitJob", {{"jobName", "j"}, {"jobQueue", "queue"}, {"jobDefinition", "def:2"}}),
      Catch::Contains("INACTIVE"));
  CHECK_THAT(
      f.error("SubmitJob", {{"jobName", "j"}, {"jobQueue", "queue"}, {"jobDefinition", "nope"}}),
      Catch::Contains("jobDefinition"));
  CHECK_THAT(
      f.error("SubmitJob", {{"jobName", "j"}, {"jobQueue", "nope"}, {"jobDefinition", "def"}}),
      Catch::Contains("jobQueue"));
  CHECK_THAT(
      f.error("SubmitJob", {{"jobName", "-j"}, {"jobQueue", "queue"}, {"jobDefinition", "def"}}),
      Catch::Contains("jobName"));
  CHECK_THAT(f.error("SubmitJob", {{"jobName", std::string(100000, 'j')},
                                   {"jobQueue", "queue"},
                                   {"jobDefinition", "def"}}),
             Catch::Contains("jobName"));
  CHECK_THAT(f.error("SubmitJob", {{"jobName", "j"},
                                   {"jobQueue", "queue"},
                                   {"jobDefinition", "def"},
                                   {"dependsOn", {{{"jobId", "missing"}}}}}),
             Catch::Contains("dependsOn[0].jobId"));
  CHECK_THAT(f.error("SubmitJob", {{"jobName", "j"},
                                   {"jobQueue", "queue"},
                                   {"jobDefinition", "def"},
                                   {"arrayProperties", {{"size", 1}}}}),
             Catch::Contains("arrayProperties.size"));
  CHECK_THAT(f.error("SubmitJob", {{"jobName", "j"},
                                   {"jobQueue", "queue"},
                                   {"jobDefinition", "def"},
                                   {"arrayProperties", {{"size", 10001}}}}),
             Catch::Contains("arrayProperties.size"));
  CHECK_THAT(f.error("SubmitJob", {{"jobName", "j"},
                                   {"jobQueue", "queue"},
                                   {"jobDefinition", "def"},
                                   {"timeout", {{"attemptDurationSeconds", 10}}}}),
             Catch::Contains("timeout.attemptDurationSeconds"));
  CHECK_THAT(f.error("SubmitJob", {{"jobName", "j"},
                                   {"jobQueue", "queue"},
                                   {"jobDefinition", "def"},
                                   {"parameters", {{"a", 1}}}}),
             Catch::Contains("parameters.a"));
}

TEST_CASE("SubmitJob rejects wrongly typed overrides naming the field", "[batch][jobs][errors]") {
  Fixture f;
  f.basics();
  json base = {{"jobName", "j"}, {"jobQueue", "queue"}, {"jobDefinition", "def"}};
  auto with = [&](const char* key, json value) {
    json in = base;
    in[key] = std::move(value);
    return f.error("SubmitJob", in);
  };
  CHECK_THAT(with("containerOverrides", {{"environment", json::array({{{"name", 5}}})}}),
             Catch::Contains("containerOverrides.environment[0].name"));
  CHECK_THAT(with("containerOverrides", {{"command", "ls"}}),
             Catch::Contains("containerOverrides.command"));
  CHECK_THAT(with("containerOverrides", json::array()), Catch::Contains("containerOverrides"));
  CHECK_THAT(with("retryStrategy", {{"attempts", "2"}}), Catch::Contains("retryStrategy.attempts"));
  CHECK_THAT(with("dependsOn", json::array({{{"jobId", 3}}})),
             Catch::Contains("dependsOn[0].jobId"));
  CHECK_THAT(with("tags", {{"k", 1}}), Catch::Contains("tags.k"));
  CHECK_THAT(with("jobName", json::array()), Catch::Contains("jobName"));
  json many = json::array();
  for (int i = 0; i < 21; ++i) many.push_back({{"jobId", "x"}});
  CHECK_THAT(with("dependsOn", many), Catch::Contains("dependsOn"));
}

TEST_CASE("SubmitJob merges parameters and container overrides", "[batch][jobs]") {
  Fixture f;
  json env = json::array({{{"name", "X"}, {"value", "1"}}, {{"name", "Y"}, {"value", "2"}}});
  json container = {{"image", "busybox"}, {"command", {"run"}}, {"environment", env}};
  json defExtras = {{"parameters", {{"a", "1"}, {"b", "2"}}},
                    {"containerProperties", container},
                    {"retryStrategy", {{"attempts", 3}}}};
  f.basics(defExtras);
  json envOverride =
      json::array({{{"name", "Y"}, {"value", "9"}}, {{"name", "Z"}, {"value", "3"}}});
  json overrides = {{"command", {"other"}}, {"environment", envOverride}};
  json extras = {{"parameters", {{"b", "20"}, {"c", "30"}}},
                 {"containerOverrides", overrides},
                 {"retryStrategy", {{"attempts", 1}}},
                 {"tags", {{"t", "v"}}}};
  std::string id = f.submit("j", extras);
  json j = f.job(id);
  CHECK(j["parameters"] == json{{"a", "1"}, {"b", "20"}, {"c", "30"}});
  CHECK(j["container"]["image"] == "busybox");
  CHECK(j["container"]["command"] == json{"other"});
  CHECK(j["container"]["environment"] == json{{{"name", "X"}, {"value", "1"}},
                                              {{"name", "Y"}, {"value", "9"}},
                                              {{"name", "Z"}, {"value", "3"}}});
  CHECK(j["retryStrategy"]["attempts"] == 1);
  CHECK(j["tags"] == json{{"t", "v"}});
  CHECK(j["isCancelled"] == false);
  CHECK(j["isTerminated"] == false);
}

TEST_CASE("the issue's scenario: a failed first attempt is retried, step by step",
          "[batch][jobs][scenario]") {
  Fixture f;
  f.basics({{"retryStrategy", {{"attempts", 2}}}});
  f.rules({{{"match", {{"jobName", "poller-*"}}},
            {"attempts",
             {{{{"status", "RUNNABLE"}, {"seconds", 30}},
               {{"status", "STARTING"}, {"seconds", 10}},
               {{"status", "RUNNING"}, {"seconds", 300}},
               {{"status", "FAILED"}, {"exitCode", 1}}},
              {{{"status", "RUNNABLE"}, {"seconds", 5}},
               {{"status", "STARTING"}, {"seconds", 5}},
               {{"status", "RUNNING"}, {"seconds", 60}},
               {{"status", "SUCCEEDED"}}}}}}});
  const core::TimeMs t0 = f.sim.now();
  json out = f.batch.handle(
      "SubmitJob", {{"jobName", "poller-1"}, {"jobQueue", "queue"}, {"jobDefinition", "def"}});
  std::string id = out["jobId"];
  {
    json j = f.batch.handle("DescribeJobs", {{"jobs", {id}}})["jobs"][0];
    CHECK(j["status"] == "SUBMITTED");  // as SubmitJob answered
  }
  f.sim.runDue();
  json j = f.job(id);
  CHECK(j["status"] == "RUNNABLE");
  CHECK(j["createdAt"] == t0);
  CHECK_FALSE(j.contains("startedAt"));
  CHECK_FALSE(j.contains("stoppedAt"));
  CHECK(j["attempts"].empty());

  f.advance(29);
  CHECK(f.status(id) == "RUNNABLE");
  f.advance(1);
  CHECK(f.status(id) == "STARTING");
  f.advance(10);
  j = f.job(id);
  CHECK(j["status"] == "RUNNING");
  CHECK(j["startedAt"] == t0 + 40000);
  CHECK(j["container"]["logStreamName"].get<std::string>().rfind("def/default/", 0) == 0);
  f.advance(299);
  CHECK(f.status(id) == "RUNNING");
  f.advance(1);  // t0+340: attempt 1 fails, attempt 2 starts at RUNNABLE
  j = f.job(id);
  CHECK(j["status"] == "RUNNABLE");
  REQUIRE(j["attempts"].size() == 1);
  CHECK(j["attempts"][0]["container"]["exitCode"] == 1);
  CHECK(j["attempts"][0]["startedAt"] == t0 + 40000);
  CHECK(j["attempts"][0]["stoppedAt"] == t0 + 340000);
  CHECK(j["attempts"][0]["statusReason"] == "Essential container in task exited");
  CHECK_FALSE(j.contains("stoppedAt"));
  f.advance(5);
  CHECK(f.status(id) == "STARTING");
  f.advance(5);
  j = f.job(id);
  CHECK(j["status"] == "RUNNING");
  CHECK(j["startedAt"] == t0 + 350000);
  f.advance(59);
  CHECK(f.status(id) == "RUNNING");
  f.advance(1);
  j = f.job(id);
  CHECK(j["status"] == "SUCCEEDED");
  CHECK(j["statusReason"] == "Essential container in task exited");
  CHECK(j["startedAt"] == t0 + 350000);
  CHECK(j["stoppedAt"] == t0 + 410000);
  CHECK(j["createdAt"] == t0);
  CHECK(j["container"]["exitCode"] == 0);
  REQUIRE(j["attempts"].size() == 2);
  CHECK(j["attempts"][1]["container"]["exitCode"] == 0);
  CHECK(j["attempts"][1]["startedAt"] == t0 + 350000);
  CHECK(j["attempts"][1]["stoppedAt"] == t0 + 410000);
  CHECK(j["attempts"][0]["container"]["taskArn"] != j["attempts"][1]["container"]["taskArn"]);
  // Nothing left on the clock for this job.
  CHECK(f.sim.scheduler().pending() == 0);
}

TEST_CASE("jobs matching no rule play the default lifecycle", "[batch][jobs]") {
  Fixture f;
  f.basics();
  const core::TimeMs t0 = f.sim.now();
  std::string id = f.submit("plain");
  CHECK(f.status(id) == "SUBMITTED");
  std::vector<std::pair<double, std::string>> expected = {
      {1, "PENDING"}, {1, "RUNNABLE"}, {5, "STARTING"}, {5, "RUNNING"}, {120, "SUCCEEDED"}};
  for (const auto& [seconds, status] : expected) {
    f.advance(seconds - 0.001);
    CHECK(f.status(id) != status);
    f.advance(0.001);
    CHECK(f.status(id) == status);
  }
  json j = f.job(id);
  CHECK(j["startedAt"] == t0 + 12000);
  CHECK(j["stoppedAt"] == t0 + 132000);
  CHECK(j["attempts"].size() == 1);
}

TEST_CASE("a list without a final step holds the job until it is terminated", "[batch][jobs]") {
  Fixture f;
  f.basics();
  f.rules({{{"steps", {{{"status", "RUNNING"}, {"seconds", 5}}}}}});
  std::string id = f.submit("forever");
  CHECK(f.status(id) == "RUNNING");
  f.advance(100000);
  CHECK(f.status(id) == "RUNNING");
  f.call("TerminateJob", {{"jobId", id}, {"reason", "stop it"}});
  json j = f.job(id);
  CHECK(j["status"] == "FAILED");
  CHECK(j["statusReason"] == "stop it");
  CHECK(j["isTerminated"] == true);
  REQUIRE(j["attempts"].size() == 1);
  CHECK(j["attempts"][0]["statusReason"] == "stop it");
}

TEST_CASE("attempt timeouts fail the attempt without a retry", "[batch][jobs][timeout]") {
  Fixture f;
  f.basics({{"retryStrategy", {{"attempts", 3}}}, {"timeout", {{"attemptDurationSeconds", 60}}}});
  f.rules({{{"steps",
             {{{"status", "RUNNABLE"}, {"seconds", 10}},
              {{"status", "RUNNING"}, {"seconds", 600}},
              {{"status", "SUCCEEDED"}}}}}});
  const core::TimeMs t0 = f.sim.now();
  std::string id = f.submit("slow");
  f.advance(10);
  CHECK(f.status(id) == "RUNNING");
  f.advance(59.999);
  CHECK(f.status(id) == "RUNNING");
  f.advance(0.001);
  json j = f.job(id);
  CHECK(j["status"] == "FAILED");
  CHECK(j["statusReason"] == "Job attempt duration exceeded timeout");
  CHECK(j["stoppedAt"] == t0 + 70000);
  REQUIRE(j["attempts"].size() == 1);
  CHECK(j["attempts"][0]["statusReason"] == "Job attempt duration exceeded timeout");
  CHECK(f.sim.scheduler().pending() == 0);

  // A submit-time timeout overrides the definition's.
  std::string id2 = f.submit("slower", {{"timeout", {{"attemptDurationSeconds", 120}}}});
  f.advance(10 + 119);
  CHECK(f.status(id2) == "RUNNING");
  f.advance(1);
  CHECK(f.status(id2) == "FAILED");
}

TEST_CASE("evaluateOnExit decides between retry and exit", "[batch][jobs][retry]") {
  Fixture f;
  f.basics({{"retryStrategy",
             {{"attempts", 3},
              {"evaluateOnExit",
               {{{"onExitCode", "4*"}, {"action", "exit"}},
                {{"onStatusReason", "Essential*"}, {"action", "RETRY"}}}}}}});
  f.rules(
      {{{"match", {{"jobName", "exit-*"}}},
        {"steps",
         {{{"status", "RUNNING"}, {"seconds", 10}}, {{"status", "FAILED"}, {"exitCode", 42}}}}},
       {{"match", {{"jobName", "retry-*"}}},
        {"steps",
         {{{"status", "RUNNING"}, {"seconds", 10}}, {{"status", "FAILED"}, {"exitCode", 7}}}}}});
  std::string exitJob = f.submit("exit-1");
  std::string retryJob = f.submit("retry-1");
  f.advance(10);
  CHECK(f.status(exitJob) == "FAILED");
  CHECK(f.job(exitJob)["attempts"].size() == 1);
  CHECK(f.status(retryJob) == "RUNNING");  // straight back through RUNNABLE into attempt 2
  f.advance(20);
  json j = f.job(retryJob);
  CHECK(j["status"] == "FAILED");
  CHECK(j["attempts"].size() == 3);
}

TEST_CASE("TerminateJob and CancelJob in every status", "[batch][jobs][terminate]") {
  Fixture f;
  f.basics();
  // Default lifecycle: SUBMITTED 0-1 s, PENDING 1-2, RUNNABLE 2-7, STARTING 7-12, RUNNING 12-132.
  struct Case {
    double at;
    std::string status;
  };
  std::vector<Case> cases = {
      {0, "SUBMITTED"}, {1, "PENDING"}, {2, "RUNNABLE"}, {7, "STARTING"}, {12, "RUNNING"}};
  for (const auto& c : cases) {
    INFO(c.status);
    std::string terminated = f.submit("t");
    std::string cancelled = f.submit("c");
    f.advance(c.at);
    REQUIRE(f.status(terminated) == c.status);
    f.call("TerminateJob", {{"jobId", terminated}, {"reason", "because"}});
    json t = f.job(terminated);
    CHECK(t["status"] == "FAILED");
    CHECK(t["statusReason"] == "because");
    bool late = c.status == "STARTING" || c.status == "RUNNING";
    CHECK(t["isTerminated"] == late);
    CHECK(t["isCancelled"] == !late);
    CHECK(t.contains("stoppedAt"));

    f.call("CancelJob", {{"jobId", cancelled}, {"reason", "never mind"}});
    json cj = f.job(cancelled);
    if (late) {
      CHECK(cj["status"] == c.status);
      CHECK(cj["isCancelled"] == false);
      f.advance(200);
      CHECK(f.status(cancelled) == "SUCCEEDED");
    } else {
      CHECK(cj["status"] == "FAILED");
      CHECK(cj["statusReason"] == "never mind");
      CHECK(cj["isCancelled"] == true);
    }
    f.advance(200);
    CHECK(f.status(terminated) == "FAILED");  // no timer brings it back
  }
  // Final jobs: both are no-ops that succeed.
  std::string done = f.submit("done");
  f.advance(200);
  f.call("TerminateJob", {{"jobId", done}, {"reason", "late"}});
  f.call("CancelJob", {{"jobId", done}, {"reason", "late"}});
  CHECK(f.status(done) == "SUCCEEDED");
  CHECK_THAT(f.error("TerminateJob", {{"jobId", "nope"}, {"reason", "x"}}),
             Catch::Contains("jobId"));
  CHECK_THAT(f.error("CancelJob", {{"jobId", done}, {"reason", std::string(1025, 'r')}}),
             Catch::Contains("reason"));
  CHECK_THAT(f.error("TerminateJob", {{"jobId", done}}), Catch::Contains("reason"));
}

TEST_CASE("ListJobs by queue, status, filters and pages", "[batch][jobs][list]") {
  Fixture f;
  f.basics();
  f.rules({{{"match", {{"jobName", "run-*"}}},
            {"steps", {{{"status", "RUNNING"}, {"seconds", 100}}}}}});
  std::vector<std::string> running;
  for (int i = 0; i < 5; ++i) running.push_back(f.submit("run-" + std::to_string(i)));
  f.advance(1);
  std::string other = f.submit("other");
  json list = f.call("ListJobs", {{"jobQueue", "queue"}})["jobSummaryList"];
  REQUIRE(list.size() == 5);
  CHECK(list[0]["jobId"] == running[0]);
  CHECK(list[0]["status"] == "RUNNING");
  CHECK(list[0]["jobDefinition"] == kPrefix + "job-definition/def:1");
  CHECK(f.call("ListJobs", {{"jobQueue", "queue"}, {"jobStatus", "SUBMITTED"}})["jobSummaryList"]
            .size() == 1);

  json byName = f.call(
      "ListJobs", {{"jobQueue", "queue"},
                   {"jobStatus", "SUCCEEDED"},
                   {"filters", {{{"name", "JOB_NAME"}, {"values", {"RUN-*"}}}}}})["jobSummaryList"];
  CHECK(byName.size() == 5);  // filters ignore jobStatus; case-insensitive prefix
  CHECK(f.call("ListJobs",
               {{"jobQueue", "queue"},
                {"filters", {{{"name", "JOB_NAME"}, {"values", {"other"}}}}}})["jobSummaryList"]
            .size() == 1);
  CHECK(
      f.call("ListJobs",
             {{"jobQueue", "queue"},
              {"filters", {{{"name", "JOB_DEFINITION"}, {"values", {"def:1"}}}}}})["jobSummaryList"]
          .size() == 6);
  std::string after = std::to_string(f.sim.now() - 1);
  json recent = f.call(
      "ListJobs",
      {{"jobQueue", "queue"},
       {"filters", {{{"name", "AFTER_CREATED_AT"}, {"values", {after}}}}}})["jobSummaryList"];
  REQUIRE(recent.size() == 1);
  CHECK(recent[0]["jobId"] == other);
  CHECK(f.call("ListJobs",
               {{"jobQueue", "queue"},
                {"filters",
                 {{{"name", "BEFORE_CREATED_AT"}, {"values", {after}}}}}})["jobSummaryList"]
            .size() == 5);

  json page = f.call("ListJobs", {{"jobQueue", "queue"}, {"maxResults", 2}});
  CHECK(page["jobSummaryList"].size() == 2);
  REQUIRE(page.contains("nextToken"));
  page = f.call("ListJobs",
                {{"jobQueue", "queue"}, {"maxResults", 2}, {"nextToken", page["nextToken"]}});
  CHECK(page["jobSummaryList"][0]["jobId"] == running[2]);
  page = f.call("ListJobs",
                {{"jobQueue", "queue"}, {"maxResults", 2}, {"nextToken", page["nextToken"]}});
  CHECK(page["jobSummaryList"].size() == 1);
  CHECK_FALSE(page.contains("nextToken"));

  CHECK_THAT(f.error("ListJobs", json::object()), Catch::Contains("jobQueue"));
  CHECK_THAT(f.error("ListJobs", {{"jobQueue", "queue"}, {"arrayJobId", running[0]}}),
             Catch::Contains("exactly one"));
  CHECK_THAT(f.error("ListJobs", {{"jobQueue", "queue"}, {"maxResults", 1001}}),
             Catch::Contains("maxResults"));
  CHECK_THAT(f.error("ListJobs", {{"jobQueue", "queue"},
                                  {"filters", {{{"name", "COLOUR"}, {"values", {"x"}}}}}}),
             Catch::Contains("filters[0].name"));
  CHECK_THAT(
      f.error("ListJobs", {{"jobQueue", "queue"},
                           {"filters", {{{"name", "AFTER_CREATED_AT"}, {"values", {"soon"}}}}}}),
      Catch::Contains("filters[0].values"));
  CHECK_THAT(f.error("ListJobs", {{"arrayJobId", running[0]}}), Catch::Contains("arrayJobId"));
}

TEST_CASE("DescribeJobs omits unknown ids and caps the list", "[batch][jobs]") {
  Fixture f;
  f.basics();
  std::string id = f.submit("j");
  json jobs = f.call("DescribeJobs", {{"jobs", {"unknown", id, kPrefix + "job/" + id}}})["jobs"];
  REQUIRE(jobs.size() == 2);
  CHECK(jobs[0]["jobId"] == id);
  json many = json::array();
  for (int i = 0; i < 101; ++i) many.push_back(id);
  CHECK_THAT(f.error("DescribeJobs", {{"jobs", many}}), Catch::Contains("jobs"));
}
