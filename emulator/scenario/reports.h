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
// The lines of one scenario in textReport, as `stepsim run` prints them when it ends.
std::string scenarioLines(const ScenarioResult& result);
// textReport's closing count: "28 passed, 1 failed, 29 scenarios in 12.3 ms of wall time".
std::string summaryLine(const std::vector<ScenarioResult>& results, double wallMs);

// <testsuites><testsuite name="stepsim"> with one <testcase> per scenario; failures carry the
// diffs, scenarios --fail-fast left unrun are <skipped/>.
std::string junitReport(const std::vector<ScenarioResult>& results, double wallMs);
// The JUnit XML of a run that could not start: one testcase, named after the file that could not
// be used, with the reason as its <error>.
std::string junitLoadErrorReport(const std::string& file, const std::string& message);

// {"passed": N, "failed": M, "scenarios": [{"name", "file", "passed", "virtualSeconds", "wallMs",
//   "unmet": [{"what", "expected", "actual", "diff"}], "actionErrors", "error"}]}
std::string jsonReport(const std::vector<ScenarioResult>& results, double wallMs);

// One self-contained HTML file: the console's views of every scenario (failed ones first), with
// the graph coloured where it failed, the events and the timeline (console/report_page.h).
std::string htmlReport(const std::vector<ScenarioResult>& results);

}  // namespace stepsim::scenario
