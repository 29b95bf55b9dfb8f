#include "emulator/scenario/reports.h"

#include <cstdio>

#include "emulator/console/report_page.h"
#include "emulator/core/json.h"
#include "emulator/core/xml_text.h"

namespace stepsim::scenario {

namespace {

using core::xmlEscape;

std::string format(const char* pattern, double value) {
  char text[64];
  std::snprintf(text, sizeof text, pattern, value);
  return text;
}

// Every reason a scenario failed, one per line (indented continuation lines for diffs).
std::vector<std::string> failureLines(const ScenarioResult& r) {
  std::vector<std::string> lines;
  if (!r.error.empty()) lines.push_back(r.error);
  for (const std::string& e : r.actionErrors) lines.push_back("action: " + e);
  for (const UnmetExpectation& u : r.unmet) {
    lines.push_back(u.what + ": expected " + u.expected + ", got " + u.actual);
    for (const std::string& d : u.diff) lines.push_back("    " + d);
  }
  if (r.limitReached) lines.push_back("(the run stopped at the clock's limitSeconds)");
  return lines;
}

std::size_t failedCount(const std::vector<ScenarioResult>& results) {
  std::size_t failed = 0;
  for (const ScenarioResult& r : results) failed += r.passed || r.skipped ? 0 : 1;
  return failed;
}

std::size_t skippedCount(const std::vector<ScenarioResult>& results) {
  std::size_t skipped = 0;
  for (const ScenarioResult& r : results) skipped += r.skipped ? 1 : 0;
  return skipped;
}

std::string testsuites(const std::string& counts, const std::string& cases) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites " + counts +
         ">\n  <testsuite name=\"stepsim\" " + counts + ">\n" + cases +
         "  </testsuite>\n</testsuites>\n";
}

// One scenario's result in the JSON and HTML reports.
stepsim::Json scenarioJson(const ScenarioResult& r) {
  stepsim::Json unmet = stepsim::Json::array();
  for (const UnmetExpectation& u : r.unmet)
    unmet.push_back(
        {{"what", u.what}, {"expected", u.expected}, {"actual", u.actual}, {"diff", u.diff}});
  stepsim::Json one = {{"name", r.name},
                       {"file", r.file},
                       {"description", r.description},
                       {"passed", r.passed},
                       {"virtualSeconds", r.virtualSeconds},
                       {"wallMs", r.wallMs},
                       {"unmet", unmet},
                       {"actionErrors", r.actionErrors},
                       {"limitReached", r.limitReached}};
  if (!r.error.empty()) one["error"] = r.error;
  if (r.skipped) one["skipped"] = true;
  return one;
}

}  // namespace

std::string formatSeconds(double s) {
  std::string text = format("%.3f", s);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text + "s";
}

std::string scenarioLines(const ScenarioResult& r) {
  if (r.skipped) return "SKIP  " + r.name + "  (not run: --fail-fast)  " + r.file + "\n";
  std::string out = (r.passed ? "PASS  " : "FAIL  ") + r.name + "  virtual " +
                    formatSeconds(r.virtualSeconds) + "  wall " + format("%.1f ms", r.wallMs) +
                    "  " + r.file + "\n";
  if (!r.passed)
    for (const std::string& line : failureLines(r)) out += "      " + line + "\n";
  return out;
}

std::string summaryLine(const std::vector<ScenarioResult>& results, double wallMs) {
  std::size_t failed = failedCount(results), skipped = skippedCount(results);
  return std::to_string(results.size() - failed - skipped) + " passed, " + std::to_string(failed) +
         " failed, " + (skipped ? std::to_string(skipped) + " not run, " : "") +
         std::to_string(results.size()) + " scenarios in " + format("%.1f ms", wallMs) +
         " of wall time\n";
}

std::string textReport(const std::vector<ScenarioResult>& results, double wallMs) {
  std::string out;
  for (const ScenarioResult& r : results) out += scenarioLines(r);
  return out + summaryLine(results, wallMs);
}

std::string junitReport(const std::vector<ScenarioResult>& results, double wallMs) {
  std::string counts = "tests=\"" + std::to_string(results.size()) + "\" failures=\"" +
                       std::to_string(failedCount(results)) + "\" errors=\"0\" skipped=\"" +
                       std::to_string(skippedCount(results)) + "\" time=\"" +
                       format("%.3f", wallMs / 1000.0) + "\"";
  std::string out;
  for (const ScenarioResult& r : results) {
    out += "    <testcase classname=\"" + xmlEscape(r.file) + "\" name=\"" + xmlEscape(r.name) +
           "\" time=\"" + format("%.3f", r.wallMs / 1000.0) + "\"";
    if (r.passed) {
      out += "/>\n";
      continue;
    }
    if (r.skipped) {
      out += ">\n      <skipped message=\"not run: --fail-fast\"/>\n    </testcase>\n";
      continue;
    }
    std::vector<std::string> lines = failureLines(r);
    std::string body;
    for (const std::string& line : lines) body += line + "\n";
    out += ">\n      <failure message=\"" + xmlEscape(lines.empty() ? "failed" : lines.front()) +
           "\" type=\"ExpectationFailed\">" + xmlEscape(body) + "</failure>\n    </testcase>\n";
  }
  return testsuites(counts, out);
}

std::string junitLoadErrorReport(const std::string& file, const std::string& message) {
  std::string counts = "tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" time=\"0.000\"";
  return testsuites(counts, "    <testcase classname=\"" + xmlEscape(file) +
                                "\" name=\"load\" time=\"0.000\">\n      <error message=\"" +
                                xmlEscape(message) + "\" type=\"ScenarioError\">" +
                                xmlEscape(message) + "</error>\n    </testcase>\n");
}

std::string jsonReport(const std::vector<ScenarioResult>& results, double wallMs) {
  stepsim::Json scenarios = stepsim::Json::array();
  for (const ScenarioResult& r : results) scenarios.push_back(scenarioJson(r));
  std::size_t failed = failedCount(results), skipped = skippedCount(results);
  stepsim::Json report = {{"passed", results.size() - failed - skipped},
                          {"failed", failed},
                          {"skipped", skipped},
                          {"wallMs", wallMs},
                          {"scenarios", scenarios}};
  return report.dump(2) + "\n";
}

std::string htmlReport(const std::vector<ScenarioResult>& results) {
  stepsim::Json scenarios = stepsim::Json::array();
  for (const ScenarioResult& r : results) {
    stepsim::Json one = scenarioJson(r);
    if (r.snapshot.is_object()) one.update(r.snapshot);
    scenarios.push_back(std::move(one));
  }
  std::size_t failed = failedCount(results), skipped = skippedCount(results);
  std::string title = "stepsim run: " + std::to_string(results.size() - failed - skipped) +
                      " passed, " + std::to_string(failed) + " failed" +
                      (skipped ? ", " + std::to_string(skipped) + " not run" : "");
  return console::reportPage({{"title", title}, {"scenarios", scenarios}});
}

}  // namespace stepsim::scenario
