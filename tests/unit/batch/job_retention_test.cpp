// Retention of finished jobs (SimulationConfig::maxFinishedJobs): past the limit the oldest
// finished top-level jobs, by stop time then submission order, are forgotten with their array
// children (DescribeJobs leaves them out, ListJobs no longer lists them, dependsOn cannot name
// them); jobs not yet finished always stay; 0 keeps everything.
#include "batch_fixture.h"

using namespace stepsim::batch::test;

namespace {

Fixture withLimit(std::size_t limit) {
  core::SimulationConfig config = manualConfig();
  config.maxFinishedJobs = limit;
  return Fixture(config);
}

json steps(int seconds, const std::string& final = "SUCCEEDED") {
  return {{{"status", "RUNNING"}, {"seconds", seconds}}, {{"status", final}}};
}

// DescribeJobs answers only for the jobs it still knows, as AWS does for unknown ids.
bool known(Fixture& f, const std::string& id) {
  return !f.call("DescribeJobs", {{"jobs", {id}}})["jobs"].empty();
}

std::vector<std::string> listed(Fixture& f, const std::string& status) {
  std::vector<std::string> ids;
  json out = f.call("ListJobs", {{"jobQueue", "queue"}, {"jobStatus", status}});
  for (const json& job : out["jobSummaryList"]) ids.push_back(job["jobId"]);
  return ids;
}

}  // namespace

TEST_CASE("past the limit the oldest finished jobs go and unfinished ones stay",
          "[batch][retention]") {
  Fixture f = withLimit(3);
  f.basics();
  f.rules({{{"match", {{"jobName", "long"}}}, {"steps", steps(100)}},
           {{"match", json::object()}, {"steps", steps(10)}}});
  std::string running = f.submit("long");
  std::string a = f.submit("a"), b = f.submit("b"), c = f.submit("c"), d = f.submit("d");
  f.advance(10);
  // Four finished at the same instant: the first submitted goes.
  CHECK_FALSE(known(f, a));
  for (const auto& id : {b, c, d}) CHECK(f.status(id) == "SUCCEEDED");
  CHECK(f.status(running) == "RUNNING");
  CHECK(listed(f, "SUCCEEDED") == std::vector<std::string>{b, c, d});
  CHECK(listed(f, "RUNNING") == std::vector<std::string>{running});
  CHECK(f.error("TerminateJob", {{"jobId", a}, {"reason", "r"}}).find("does not exist") !=
        std::string::npos);

  // The long job finishes last; the oldest by stop time now is b.
  f.advance(90);
  CHECK_FALSE(known(f, b));
  CHECK(listed(f, "SUCCEEDED") == std::vector<std::string>{running, c, d});
}

TEST_CASE("finished jobs go by stop time first, then by submission order", "[batch][retention]") {
  Fixture f = withLimit(1);
  f.basics();
  f.rules({{{"match", {{"jobName", "slow"}}}, {"steps", steps(50)}},
           {{"match", json::object()}, {"steps", steps(10, "FAILED")}}});
  std::string slow = f.submit("slow"), quick = f.submit("quick");
  f.advance(10);
  CHECK(f.status(quick) == "FAILED");
  f.advance(40);
  CHECK_FALSE(known(f, quick));
  CHECK(f.status(slow) == "SUCCEEDED");
}

TEST_CASE("an array job goes with its children, which count toward the limit",
          "[batch][retention]") {
  Fixture f = withLimit(5);
  f.basics();
  f.rules({{{"match", {{"jobName", "array"}}}, {"steps", steps(10)}},
           {{"match", json::object()}, {"steps", steps(20)}}});
  std::string array = f.submit("array", {{"arrayProperties", {{"size", 3}}}});
  std::string a = f.submit("a"), b = f.submit("b");
  f.advance(10);
  CHECK(f.status(array) == "SUCCEEDED");  // four records: the parent and three children
  f.advance(10);
  // Six finished records: the array, finished first, goes whole.
  CHECK_FALSE(known(f, array));
  CHECK_FALSE(known(f, array + ":0"));
  CHECK_FALSE(known(f, array + ":2"));
  CHECK(f.error("ListJobs", {{"arrayJobId", array}}).find("does not exist") != std::string::npos);
  CHECK(f.status(a) == "SUCCEEDED");
  CHECK(f.status(b) == "SUCCEEDED");
}

TEST_CASE("a dropped job that waited on another leaves no trace in it", "[batch][retention]") {
  Fixture f = withLimit(1);
  f.basics();
  f.rules({{{"match", {{"jobName", "first"}}}, {"steps", steps(100)}},
           {{"match", json::object()}, {"steps", steps(10)}}});
  std::string first = f.submit("first");
  std::string waiting = f.submit("waiting", {{"dependsOn", {{{"jobId", first}}}}});
  f.call("CancelJob", {{"jobId", waiting}, {"reason", "not needed"}});
  CHECK(f.status(waiting) == "FAILED");
  std::string other = f.submit("other");
  f.advance(10);
  CHECK_FALSE(known(f, waiting));
  // first finishes with no dependent left to tell.
  f.advance(90);
  CHECK(f.status(first) == "SUCCEEDED");
  // A dropped job cannot be depended on: as for any unknown job id.
  CHECK_FALSE(known(f, other));
  CHECK(f.error("SubmitJob", {{"jobName", "late"},
                              {"jobQueue", "queue"},
                              {"jobDefinition", "def"},
                              {"dependsOn", {{{"jobId", other}}}}})
            .find("does not exist") != std::string::npos);
}

TEST_CASE("a limit of 0 keeps every finished job", "[batch][retention]") {
  Fixture f;
  f.basics();
  f.rules({{{"match", json::object()}, {"steps", steps(10)}}});
  std::vector<std::string> ids;
  for (int i = 0; i < 30; ++i) ids.push_back(f.submit("j" + std::to_string(i)));
  f.advance(10);
  for (const auto& id : ids) CHECK(f.status(id) == "SUCCEEDED");
}
