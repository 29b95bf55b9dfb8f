#include "emulator/console/snapshot.h"

#include <string>
#include <string_view>

#include "emulator/app/emulator.h"
#include "emulator/app/in_process_client.h"

namespace stepsim::console {

namespace {

using json = stepsim::Json;
using app::InProcessClient;

// Every item of a paged awsJson list operation: `items` from each page, following nextToken. An
// error ends the list.
json collectPages(InProcessClient& client, std::string_view service, std::string_view operation,
                  json request, std::string_view items) {
  json all = json::array();
  for (;;) {
    json page = client.call(InProcessClient::operation(service, operation, request)).json();
    if (!page.is_object()) return all;
    for (json& item : page.value(std::string(items), json::array())) all.push_back(std::move(item));
    auto next = page.find("nextToken");
    if (next == page.end() || !next->is_string() || next->get<std::string>().empty()) return all;
    request["nextToken"] = *next;
  }
}

// GET of a rest-json or control path: its JSON object (empty on error).
json get(InProcessClient& client, std::string_view target) {
  app::CallResult answer = client.call(InProcessClient::rest("GET", target, nullptr));
  json body = answer.ok() ? answer.json() : json();
  return body.is_object() ? body : json::object();
}

json describe(InProcessClient& client, std::string_view operation, const json& request) {
  return client.call(InProcessClient::operation("stepfunctions", operation, request)).json();
}

json executionsOf(InProcessClient& client, const std::string& machineArn) {
  json executions = json::array();
  for (const json& listed : collectPages(client, "stepfunctions", "ListExecutions",
                                         {{"stateMachineArn", machineArn}}, "executions")) {
    std::string arn = listed.value("executionArn", "");
    json events = collectPages(client, "stepfunctions", "GetExecutionHistory",
                               {{"executionArn", arn}, {"maxResults", 1000}}, "events");
    executions.push_back(
        {{"describe", describe(client, "DescribeExecution", {{"executionArn", arn}})},
         {"events", std::move(events)}});
  }
  return executions;
}

}  // namespace

json consoleSnapshot(app::Emulator& emulator) {
  InProcessClient client(emulator);
  json machines = json::array(), executions = json::array();
  for (const json& listed : collectPages(client, "stepfunctions", "ListStateMachines",
                                         json::object(), "stateMachines")) {
    std::string arn = listed.value("stateMachineArn", "");
    machines.push_back(describe(client, "DescribeStateMachine", {{"stateMachineArn", arn}}));
    for (json& execution : executionsOf(client, arn)) executions.push_back(std::move(execution));
  }
  // One page of the most ListFunctions gives.
  json functions =
      get(client, "/2015-03-31/functions/?MaxItems=10000").value("Functions", json::array());
  json logGroups = json::object();
  for (const json& function : functions) {
    std::string group = "/aws/lambda/" + function.value("FunctionName", "");
    json events =
        collectPages(client, "logs", "FilterLogEvents", {{"logGroupName", group}}, "events");
    if (!events.empty()) logGroups[group] = std::move(events);
  }
  return {{"clock", get(client, "/_stepsim/clock")},
          {"stateMachines", std::move(machines)},
          {"executions", std::move(executions)},
          {"jobs", get(client, "/_stepsim/batch/jobs").value("jobs", json::array())},
          {"functions", std::move(functions)},
          {"logGroups", std::move(logGroups)}};
}

}  // namespace stepsim::console
