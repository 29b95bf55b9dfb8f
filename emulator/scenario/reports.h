#pragma once
// The ways `stepsim run` reports: a readable summary, JUnit XML for CI, JSON for tools, an HTML
// page to look at.
#include <string>
#include <vector>

#include "emulator/scenario/result.h"

namespace stepsim::scenario {

// "600s", "0.5s": seconds to the millisecond, without trailing zeros.
std::string formatSeconds(double seconds);

// One line per scenario ("PASS name  virtual 600s  wall 1.2 ms  file"), every unmet expectation of
// a failure under it, and a closing count.
std::string textReport(const std::vector<ScenarioResult>& results, double wallMs);

// <testsuites><testsuite name="stepsim"> with one <testcase> per scenario; failures carry the diffs.
std::string junitReport(const std::vector<ScenarioResult>& results, double wallMs);

// {"passed": N, "failed": M, "scenarios": [{"name", "file", "passed", "virtualSeconds", "wallMs",
//   "unmet": [{"what", "expected", "actual", "diff"}], "actionErrors", "error"}]}
std::string jsonReport(const std::vector<ScenarioResult>& results, double wallMs);

// One self-contained HTML file: the console's views of every scenario (failed ones first), with
// the graph coloured where it failed, the events and the timeline (console/report_page.h).
std::string htmlReport(const std::vector<ScenarioResult>& results);

}  // namespace stepsim::scenario
