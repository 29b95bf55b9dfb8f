#include <chrono>

#include "batch_fixture.h"

using namespace stepsim::batch::test;

TEST_CASE("ListJobs pages: up to 1000 by status, 100 with filters", "[batch][paging]") {
  Fixture f;
  f.basics();
  f.rules({{{"steps", {{{"status", "RUNNING"}, {"seconds", 5}}}}}});
  for (int i = 0; i < 150; ++i) f.submit("job-" + std::to_string(i));
  json byStatus = f.call("ListJobs", {{"jobQueue", "queue"}});
  CHECK(byStatus["jobSummaryList"].size() == 150);
  CHECK_FALSE(byStatus.contains("nextToken"));
  json filtered =
      f.call("ListJobs", {{"jobQueue", "queue"},
                          {"maxResults", 500},
                          {"filters", {{{"name", "JOB_NAME"}, {"values", {"job-*"}}}}}});
  CHECK(filtered["jobSummaryList"].size() == 100);
  REQUIRE(filtered.contains("nextToken"));
  json rest = f.call("ListJobs", {{"jobQueue", "queue"},
                                  {"nextToken", filtered["nextToken"]},
                                  {"filters", {{{"name", "JOB_NAME"}, {"values", {"job-*"}}}}}});
  CHECK(rest["jobSummaryList"].size() == 50);
  CHECK(rest["jobSummaryList"][0]["jobName"] == "job-100");
}

// Not run by default: `unit_batch "[.bench]"` prints how fast DescribeJobs answers in-process.
TEST_CASE("DescribeJobs throughput", "[.bench]") {
  Fixture f;
  f.basics();
  std::vector<std::string> ids;
  for (int i = 0; i < 1000; ++i) ids.push_back(f.submit("job-" + std::to_string(i)));
  f.advance(13);
  const int n = 200000;
  auto start = std::chrono::steady_clock::now();
  std::size_t bytes = 0;
  for (int i = 0; i < n; ++i) {
    json out = f.batch.handle("DescribeJobs", {{"jobs", {ids[i % ids.size()]}}});
    if (i % 1000 == 0) bytes += out.dump().size();
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  WARN("DescribeJobs (1 id, handle only): " << static_cast<long>(n / seconds) << " calls/s, ~"
                                            << bytes / (n / 1000) << " bytes each");
}
