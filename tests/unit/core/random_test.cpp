#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "emulator/core/random.h"

using stepsim::core::Random;

TEST_CASE("the same seed gives the same sequence; streams are independent") {
  Random a(7), b(7), c(8);
  for (int i = 0; i < 100; ++i) CHECK(a.next() == b.next());
  CHECK(Random(7).next() != c.next());

  Random root(7);
  Random jobs = root.stream("jobs"), requests = root.stream("requests");
  Random jobsAgain = Random(7).stream("jobs");
  for (int i = 0; i < 5; ++i) requests.next();  // drawing from one stream leaves the other alone
  CHECK(jobs.uuid() == jobsAgain.uuid());
  CHECK(Random(7).stream("jobs").next() != Random(7).stream("requests").next());
}

TEST_CASE("uuids are well-formed version 4 and distinct") {
  Random random(1);
  std::regex shape("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string id = random.uuid();
    REQUIRE(std::regex_match(id, shape));
    seen.insert(id);
  }
  CHECK(seen.size() == 1000);
}

TEST_CASE("below and unit stay in range") {
  Random random(3);
  for (int i = 0; i < 10000; ++i) {
    CHECK(random.below(7) < 7);
    double u = random.unit();
    CHECK(u >= 0.0);
    CHECK(u < 1.0);
  }
}
