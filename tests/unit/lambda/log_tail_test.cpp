// An invocation's log lines as CloudWatch and LogResult show them: START, what was printed, END and
// REPORT, whose Init Duration appears only on a worker's first invocation.
#include <catch2/catch.hpp>

#include "emulator/lambda/log_tail.h"

using namespace stepsim::lambda;

TEST_CASE("REPORT gives the duration, billed duration and memory, and init only when given") {
  auto lines = invocationLogLines("r-1", "$LATEST", "hello\nworld", 12.345, 256);
  REQUIRE(lines.size() == 5);
  CHECK(lines[0] == "START RequestId: r-1 Version: $LATEST");
  CHECK(lines[1] == "hello");
  CHECK(lines[2] == "world");
  CHECK(lines[3] == "END RequestId: r-1");
  CHECK(lines[4] ==
        "REPORT RequestId: r-1\tDuration: 12.35 ms\tBilled Duration: 13 ms\tMemory Size: 256 MB\t");
  auto first = invocationLogLines("r-2", "3", "", 0.4, 128, 87.5);
  CHECK(first.back() ==
        "REPORT RequestId: r-2\tDuration: 0.40 ms\tBilled Duration: 1 ms\tMemory "
        "Size: 128 MB\tInit Duration: 87.50 ms\t");
}
