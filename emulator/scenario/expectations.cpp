#include "emulator/scenario/expectations.h"

#include <cmath>

#include "emulator/core/json_text.h"
#include "emulator/scenario/jobs_by_name.h"
#include "emulator/scenario/json_diff.h"
#include "emulator/scenario/scenario_stack.h"
#include "emulator/stepfunctions/api/sfn_service.h"

namespace stepsim::scenario {

using json = stepsim::Json;

namespace {

// "[a, b, c]" of at most `limit` names, for showing a sequence.
std::string listText(const std::vector<std::string>& items, std::size_t limit = 40) {
  std::string text = "[";
  for (std::size_t i = 0; i < items.size() && i < limit; ++i) text += (i ? ", " : "") + items[i];
  if (items.size() > limit) text += ", ... (" + std::to_string(items.size()) + " in all)";
  return text + "]";
}

std::string numberText(double value) {
  json number = std::floor(value) == value && std::fabs(value) < 1e15 ? json(static_cast<long long>(value))
                                                                      : json(value);
  return number.dump();
}

class Checker {
 public:
  Checker(const Scenario& s, app::Emulator& emulator, app::InProcessClient& client, core::TimeMs now)
      : s_(s), emulator_(emulator), client_(client), now_(now) {}

  std::vector<UnmetExpectation> unmet;

  void execution(const std::string& name, const std::string& arn, const json& expect) {
    std::string what = "execution " + name;
    app::CallResult described =
        client_.call(app::InProcessClient::stepFunctions("DescribeExecution", {{"executionArn", arn}}));
    if (!described.ok()) {
      unmet.push_back({what, "to exist", "DescribeExecution answered " + described.errorText(), {}});
      return;
    }
    json d = described.json();
    compare(what + " status", expect, "status", d.value("status", ""));
    compare(what + " error", expect, "error", d.value("error", ""));
    compare(what + " cause", expect, "cause", d.value("cause", ""));
    if (expect.contains("version")) {
      std::string versionArn = d.value("stateMachineVersionArn", "");
      std::string ran =
          versionArn.empty() ? "no version" : versionArn.substr(versionArn.rfind(':') + 1);
      if (ran != expect["version"].dump())
        unmet.push_back({what + " version", expect["version"].dump(), ran, {}});
    }
    if (expect.contains("output") || expect.contains("outputContains")) {
      json output = d.contains("output") ? core::parseClientJson(d["output"].get<std::string>()) : json();
      bool subset = !expect.contains("output");
      const json& wanted = subset ? expect["outputContains"] : expect["output"];
      std::vector<std::string> diff = jsonDiff(wanted, output, subset);
      if (!diff.empty())
        unmet.push_back({what + (subset ? " output (subset)" : " output"), wanted.dump(), output.dump(), diff});
    }
    if (expect.contains("durationSeconds")) {
      double start = d.value("startDate", 0.0);
      double stop = d.contains("stopDate") ? d["stopDate"].get<double>()
                                           : static_cast<double>(now_) / 1000.0;
      duration(what + " duration", expect["durationSeconds"], std::round((stop - start) * 1000) / 1000);
    }
    if (expect.contains("events") || expect.contains("states") || expect.contains("stateEntered") ||
        expect.contains("assigned"))
      history(what, arn, expect);
  }

  void job(const std::string& name, const json& expect) {
    std::vector<json> jobs = jobsNamed(emulator_, name);
    if (jobs.empty()) {
      unmet.push_back({"job " + name, "a job of that name", "no job named '" + name + "' was submitted", {}});
      return;
    }
    for (const json& j : jobs) {
      std::string what = "job " + name + " (" + j.value("jobId", "") + ")";
      compare(what + " status", expect, "status", j.value("status", ""));
      compare(what + " statusReason", expect, "statusReason", j.value("statusReason", ""));
      if (expect.contains("attempts")) {
        std::size_t attempts = j.value("attempts", json::array()).size();
        if (expect["attempts"].get<std::size_t>() != attempts)
          unmet.push_back({what + " attempts", expect["attempts"].dump(), std::to_string(attempts), {}});
      }
    }
  }

  void functions(const json& expected) {
    app::CallResult listed = client_.call(app::InProcessClient::rest("GET", "/_stepsim/lambda/responses", nullptr));
    std::map<std::string, long long> counts;
    for (const json& f : listed.json().value("functions", json::array()))
      counts[f.value("functionName", "")] = f.value("invocations", 0LL);
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      long long invocations = counts[resourceName(s_, emulator_, it.key())];
      if (it.value().contains("invocations") &&
          it.value()["invocations"].get<long long>() != invocations)
        unmet.push_back({"function " + it.key() + " invocations",
                         it.value()["invocations"].dump(),
                         std::to_string(invocations),
                         {}});
    }
  }

 private:
  void compare(const std::string& what, const json& expect, const char* key, const std::string& actual) {
    if (!expect.contains(key)) return;
    if (expect[key].get<std::string>() != actual)
      unmet.push_back({what, expect[key].dump(), json(actual).dump(), {}});
  }

  void duration(const std::string& what, const json& expected, double actual) {
    if (expected.is_number()) {
      if (std::fabs(expected.get<double>() - actual) > 1e-9)
        unmet.push_back({what, numberText(expected.get<double>()) + "s", numberText(actual) + "s", {}});
      return;
    }
    bool low = expected.contains("min") && actual < expected["min"].get<double>();
    bool high = expected.contains("max") && actual > expected["max"].get<double>();
    if (low || high) {
      std::string range = (expected.contains("min") ? numberText(expected["min"].get<double>()) : "") + ".." +
                          (expected.contains("max") ? numberText(expected["max"].get<double>()) : "");
      unmet.push_back({what, range + " s", numberText(actual) + "s", {}});
    }
  }

  // Event types and entered state names straight from the recorded history: GetExecutionHistory
  // would write (and this would parse) every event's input and output.
  void history(const std::string& what, const std::string& arn, const json& expect) {
    std::vector<std::string> types, entered;
    std::map<std::string, long long> enteredCount;
    std::map<std::string, json> lastAssigned;  // state → the variables its last exit assigned
    if (const sfn::History* history = emulator_.sfn().history(arn))
      for (const sfn::HistoryEvent& event : history->events()) {
        types.emplace_back(event.type);
        if (event.detailsKey == "stateEnteredEventDetails" && event.name) {
          entered.push_back(*event.name);
          ++enteredCount[entered.back()];
        }
        if (event.detailsKey == "stateExitedEventDetails" && event.name && event.details.is_object() &&
            event.details.contains("assignedVariables")) {
          json& values = lastAssigned[*event.name] = json::object();
          for (auto it = event.details["assignedVariables"].begin(); it != event.details["assignedVariables"].end(); ++it)
            values[it.key()] = core::parseClientJson(it.value().get<std::string>());
        }
      }
    if (expect.contains("events")) subsequence(what + " history events", expect["events"], types);
    if (expect.contains("states")) subsequence(what + " states entered", expect["states"], entered);
    if (expect.contains("stateEntered"))
      for (auto it = expect["stateEntered"].begin(); it != expect["stateEntered"].end(); ++it)
        if (it.value().get<long long>() != enteredCount[it.key()])
          unmet.push_back({what + " entered '" + it.key() + "'", it.value().dump() + " times",
                           std::to_string(enteredCount[it.key()]) + " times", {}});
    if (expect.contains("assigned"))
      for (auto it = expect["assigned"].begin(); it != expect["assigned"].end(); ++it) {
        auto found = lastAssigned.find(it.key());
        json actual = found == lastAssigned.end() ? json::object() : found->second;
        std::vector<std::string> diff = jsonDiff(it.value(), actual, true);
        if (!diff.empty())
          unmet.push_back({what + " variables assigned by '" + it.key() + "' (subset)", it.value().dump(),
                           actual.dump(), diff});
      }
  }

  // `expected` must appear in `actual` in order, other items allowed between.
  void subsequence(const std::string& what, const json& expected, const std::vector<std::string>& actual) {
    std::size_t matched = 0, at = 0;
    for (; matched < expected.size(); ++matched) {
      const std::string& wanted = expected[matched].get_ref<const std::string&>();
      while (at < actual.size() && actual[at] != wanted) ++at;
      if (at == actual.size()) break;
      ++at;
    }
    if (matched == expected.size()) return;
    std::vector<std::string> wanted;
    for (const json& e : expected) wanted.push_back(e.get<std::string>());
    unmet.push_back({what + " (in order)", listText(wanted), listText(actual),
                     {"the first " + std::to_string(matched) + " matched; '" + wanted[matched] +
                      "' was not found after them"}});
  }

  const Scenario& s_;
  app::Emulator& emulator_;
  app::InProcessClient& client_;
  core::TimeMs now_;  // a running execution's duration runs to here
};

}  // namespace

std::vector<UnmetExpectation> checkExpectations(const Scenario& scenario, app::Emulator& emulator,
                                                const std::map<std::string, std::string>& executions) {
  app::InProcessClient client(emulator);
  Checker checker(scenario, emulator, client, emulator.simulation().now());
  if (!scenario.doc.contains("expect")) return {};
  const json& expect = scenario.doc["expect"];
  if (expect.contains("executions"))
    for (auto it = expect["executions"].begin(); it != expect["executions"].end(); ++it) {
      auto arn = executions.find(it.key());
      if (arn == executions.end() || arn->second.empty())
        checker.unmet.push_back({"execution " + it.key(), "to have started",
                                 "it was not started (see the action errors)", {}});
      else
        checker.execution(it.key(), arn->second, it.value());
    }
  if (expect.contains("jobs"))
    for (auto it = expect["jobs"].begin(); it != expect["jobs"].end(); ++it) checker.job(it.key(), it.value());
  if (expect.contains("functions")) checker.functions(expect["functions"]);
  return std::move(checker.unmet);
}

}  // namespace stepsim::scenario
