#include "batch_fixture.h"

using namespace stepsim::batch::test;

namespace {
json quick(const std::string& final, int seconds = 10) {
  return {{{"status", "RUNNING"}, {"seconds", seconds}}, {{"status", final}}};
}
}  // namespace

TEST_CASE("a dependent waits in PENDING and runs once its dependency succeeds", "[batch][deps]") {
  Fixture f;
  f.basics();
  f.rules({{{"match", {{"jobName", "first"}}}, {"steps", quick("SUCCEEDED", 30)}},
           {{"match", {{"jobName", "second"}}},
            {"steps",
             {{{"status", "RUNNABLE"}, {"seconds", 5}},
              {{"status", "RUNNING"}, {"seconds", 10}},
              {{"status", "SUCCEEDED"}}}}}});
  std::string a = f.submit("first");
  std::string b = f.submit("second", {{"dependsOn", {{{"jobId", a}}}}});
  CHECK(f.status(b) == "PENDING");
  CHECK(f.job(b)["dependsOn"] == json{{{"jobId", a}}});
  f.advance(29);
  CHECK(f.status(b) == "PENDING");
  f.advance(1);
  CHECK(f.status(a) == "SUCCEEDED");
  CHECK(f.status(b) == "RUNNABLE");
  f.advance(5);
  CHECK(f.status(b) == "RUNNING");
  f.advance(10);
  CHECK(f.status(b) == "SUCCEEDED");

  // Depending on a job that already succeeded does not wait.
  std::string c = f.submit("second", {{"dependsOn", {{{"jobId", a}}}}});
  CHECK(f.status(c) == "RUNNABLE");
}

TEST_CASE("a failed dependency fails its dependents, transitively", "[batch][deps]") {
  Fixture f;
  f.basics();
  f.rules({{{"match", {{"jobName", "first"}}}, {"steps", quick("FAILED", 30)}}});
  std::string a = f.submit("first");
  std::string b = f.submit("b", {{"dependsOn", {{{"jobId", a}}}}});
  std::string c = f.submit("c", {{"dependsOn", {{{"jobId", b}}}}});
  f.advance(30);
  for (const auto& id : {b, c}) {
    json j = f.job(id);
    CHECK(j["status"] == "FAILED");
    CHECK(j["statusReason"] == "Dependent Job failed");
  }
  // Submitted after the failure: fails at once, after answering SUBMITTED.
  json out = f.batch.handle("SubmitJob", {{"jobName", "late"},
                                          {"jobQueue", "queue"},
                                          {"jobDefinition", "def"},
                                          {"dependsOn", {{{"jobId", a}}}}});
  CHECK(f.batch.handle("DescribeJobs", {{"jobs", {out["jobId"]}}})["jobs"][0]["status"] ==
        "SUBMITTED");
  f.sim.runDue();
  CHECK(f.status(out["jobId"]) == "FAILED");
  // Cancelling a dependency fails the dependent too.
  std::string d = f.submit("d");
  std::string e = f.submit("e", {{"dependsOn", {{{"jobId", d}}}}});
  f.call("CancelJob", {{"jobId", d}, {"reason", "no"}});
  CHECK(f.job(e)["statusReason"] == "Dependent Job failed");
}

TEST_CASE("array jobs: children, statusSummary and the parent's final status", "[batch][arrays]") {
  Fixture f;
  f.basics();
  f.rules({{{"match", {{"jobName", "arr"}}},
            {"steps",
             {{{"status", "RUNNABLE"}, {"seconds", 5}},
              {{"status", "RUNNING"}, {"seconds", 10}},
              {{"status", "SUCCEEDED"}}}}}});
  const core::TimeMs t0 = f.sim.now();
  std::string id = f.submit("arr", {{"arrayProperties", {{"size", 3}}}});
  json parent = f.job(id);
  CHECK(parent["status"] == "PENDING");
  CHECK(parent["arrayProperties"]["size"] == 3);
  CHECK(parent["arrayProperties"]["statusSummary"]["RUNNABLE"] == 3);
  json child = f.job(id + ":1");
  CHECK(child["status"] == "RUNNABLE");
  CHECK(child["arrayProperties"] == json{{"index", 1}});
  CHECK(child["jobArn"] == "arn:aws:batch:us-east-1:123456789012:job/" + id + ":1");
  json children =
      f.call("ListJobs", {{"arrayJobId", id}, {"jobStatus", "RUNNABLE"}})["jobSummaryList"];
  REQUIRE(children.size() == 3);
  CHECK(children[2]["arrayProperties"]["index"] == 2);
  f.advance(5);
  CHECK(f.job(id)["arrayProperties"]["statusSummary"]["RUNNING"] == 3);
  CHECK(f.status(id) == "PENDING");
  f.advance(10);
  parent = f.job(id);
  CHECK(parent["status"] == "SUCCEEDED");
  CHECK(parent["stoppedAt"] == t0 + 15000);
  CHECK(parent["arrayProperties"]["statusSummary"]["SUCCEEDED"] == 3);
  CHECK(f.call("ListJobs", {{"jobQueue", "queue"}, {"jobStatus", "SUCCEEDED"}})["jobSummaryList"]
            .size() == 1);
}

TEST_CASE("an array parent fails when any child failed, once all are done", "[batch][arrays]") {
  Fixture f;
  f.basics();
  f.rules({{{"match", {{"jobName", "arr"}}}, {"steps", quick("SUCCEEDED", 10)}}});
  std::string id = f.submit("arr", {{"arrayProperties", {{"size", 2}}}});
  f.call("TerminateJob", {{"jobId", id + ":0"}, {"reason", "kill child"}});
  CHECK(f.status(id + ":0") == "FAILED");
  CHECK(f.status(id) == "PENDING");
  f.advance(10);
  json parent = f.job(id);
  CHECK(parent["status"] == "FAILED");
  CHECK(parent["arrayProperties"]["statusSummary"]["FAILED"] == 1);
  CHECK(parent["arrayProperties"]["statusSummary"]["SUCCEEDED"] == 1);
}

TEST_CASE("terminating an array parent terminates its children", "[batch][arrays]") {
  Fixture f;
  f.basics();
  f.rules({{{"match", {{"jobName", "arr"}}}, {"steps", quick("SUCCEEDED", 100)}}});
  std::string id = f.submit("arr", {{"arrayProperties", {{"size", 4}}}});
  f.call("TerminateJob", {{"jobId", id}, {"reason", "all of them"}});
  json parent = f.job(id);
  CHECK(parent["status"] == "FAILED");
  CHECK(parent["statusReason"] == "all of them");
  for (int i = 0; i < 4; ++i) {
    json c = f.job(id + ":" + std::to_string(i));
    CHECK(c["status"] == "FAILED");
    CHECK(c["isTerminated"] == true);
  }
  CHECK(f.sim.scheduler().pending() == 0);
}

TEST_CASE("SEQUENTIAL and N_TO_N array dependencies", "[batch][arrays][deps]") {
  Fixture f;
  f.basics();
  f.rules({{{"steps", quick("SUCCEEDED", 10)}}});
  std::string seq = f.submit(
      "seq", {{"arrayProperties", {{"size", 3}}}, {"dependsOn", {{{"type", "SEQUENTIAL"}}}}});
  CHECK(f.status(seq + ":0") == "RUNNING");
  CHECK(f.status(seq + ":1") == "PENDING");
  f.advance(10);
  CHECK(f.status(seq + ":0") == "SUCCEEDED");
  CHECK(f.status(seq + ":1") == "RUNNING");
  CHECK(f.status(seq + ":2") == "PENDING");
  f.advance(20);
  CHECK(f.status(seq) == "SUCCEEDED");

  std::string a = f.submit("a", {{"arrayProperties", {{"size", 2}}}});
  std::string b = f.submit("b", {{"arrayProperties", {{"size", 2}}},
                                 {"dependsOn", {{{"jobId", a}, {"type", "N_TO_N"}}}}});
  f.call("TerminateJob", {{"jobId", a + ":1"}, {"reason", "x"}});
  CHECK(f.status(b + ":0") == "PENDING");
  CHECK(f.status(b + ":1") == "FAILED");
  f.advance(10);
  CHECK(f.status(b + ":0") == "RUNNING");
  f.advance(10);
  CHECK(f.status(b) == "FAILED");
  CHECK_THAT(f.error("SubmitJob", {{"jobName", "n"},
                                   {"jobQueue", "queue"},
                                   {"jobDefinition", "def"},
                                   {"dependsOn", {{{"type", "SEQUENTIAL"}}}}}),
             Catch::Contains("dependsOn[0].type"));
}

TEST_CASE("same seed, same calls: same ids and timestamps", "[batch][determinism]") {
  auto run = [](std::uint64_t seed) {
    Fixture f(seed);
    f.basics();
    std::vector<json> out;
    for (int i = 0; i < 3; ++i) {
      std::string id = f.submit("j" + std::to_string(i),
                                i == 2 ? json{{"arrayProperties", {{"size", 2}}}} : json::object());
      f.advance(7);
      out.push_back(f.job(id));
    }
    f.advance(500);
    out.push_back(f.call("ListJobs", {{"jobQueue", "queue"}, {"jobStatus", "SUCCEEDED"}}));
    out.push_back(f.call("DescribeComputeEnvironments", json::object()));
    return json(out).dump();
  };
  std::string first = run(42);
  CHECK(first == run(42));
  CHECK(first != run(43));
}
