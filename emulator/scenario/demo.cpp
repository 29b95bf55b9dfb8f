#include "emulator/scenario/demo.h"

#include <string_view>

#include "emulator/scenario/loader.h"
#include "emulator/scenario/reports.h"
#include "emulator/scenario/runner.h"

namespace stepsim::scenario {

// Embedded at build time from scenarios/job_poller/.
std::string_view classicJobPollerScenario();
std::string_view classicJobPollerDefinition();

namespace {

constexpr const char* kScenarioFile = "scenarios/job_poller/classic_happy_path.json";

// The scenario with its definitionFile replaced by the embedded definition: the binary needs no
// source tree.
std::string selfContainedScenario() {
  stepsim::Json doc = stepsim::Json::parse(classicJobPollerScenario());
  for (stepsim::Json& machine : doc["resources"]["stateMachines"]) {
    machine.erase("definitionFile");
    machine["definition"] = std::string(classicJobPollerDefinition());
  }
  return doc.dump(2);
}

}  // namespace

int runJobPollerDemo(std::FILE* out) {
  Scenario scenario = loadScenarioText(kScenarioFile, selfContainedScenario(), ".");
  ScenarioResult result = runScenario(scenario, RunOptions{std::nullopt, /*trace=*/true});
  std::fprintf(out,
               "stepsim demo: the Step Functions \"Job Status Poller\" sample, in-process on the virtual "
               "clock\n%s: %s\n(stepsim run %s --trace FILE does the same from the source tree)\n\n"
               "%12s  %-9s  %s\n%s\n",
               kScenarioFile, scenario.doc.value("description", "").c_str(), kScenarioFile, "virtual s",
               "what", "", result.trace.c_str());
  std::fputs(textReport({result}, result.wallMs).c_str(), out);
  return result.passed ? 0 : 1;
}

}  // namespace stepsim::scenario
