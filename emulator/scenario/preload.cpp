#include "emulator/scenario/preload.h"

#include <filesystem>
#include <memory>

#include "emulator/app/control_api.h"
#include "emulator/scenario/loader.h"
#include "emulator/stepfunctions/api/sfn_service.h"
#include "emulator/scenario/runner.h"
#include "emulator/scenario/world.h"

namespace stepsim::scenario {

namespace {

using json = stepsim::Json;

json stateMachineArns(const Scenario& scenario, app::Emulator& emulator) {
  json arns = json::array();
  for (const auto& [name, definition] : scenario.definitions) arns.push_back(emulator.sfn().stateMachineArn(name));
  return arns;
}

// The first input the timeline starts each state machine with (a later preload's wins).
void rememberExampleInputs(const Scenario& scenario, app::Emulator& emulator, json& inputs) {
  json firstStarts = json::object();
  for (const json& action : scenario.doc.value("timeline", json::array())) {
    const json* start = action.contains("startExecution") ? &action["startExecution"] : nullptr;
    if (!start || !start->contains("input")) continue;
    std::string arn = emulator.sfn().stateMachineArn((*start)["stateMachine"].get<std::string>());
    if (!firstStarts.contains(arn)) firstStarts[arn] = (*start)["input"].dump(2);
  }
  inputs.update(firstStarts);
}

}  // namespace

Preload addScenarioEndpoints(app::Emulator& emulator) {
  auto exampleInputs = std::make_shared<json>(json::object());
  Preload preload = [&emulator, exampleInputs](const Scenario& scenario) {
    checkWorld(scenario);
    buildWorld(scenario, emulator);
    rememberExampleInputs(scenario, emulator, *exampleInputs);
  };
  emulator.addControlEndpoint("/_stepsim/scenario", [&emulator, preload](
                                                        const protocol::HttpRequest& request) {
    if (request.method != "POST")
      return app::controlJsonResponse(405, {{"message", "Use POST on /_stepsim/scenario"}});
    try {
      Scenario scenario = loadScenarioText("request body", request.body, std::filesystem::current_path());
      preload(scenario);
      return app::controlJsonResponse(200, {{"name", scenario.name}, {"stateMachines", stateMachineArns(scenario, emulator)}});
    } catch (const ScenarioError& error) {
      return app::controlJsonResponse(400, {{"message", error.what()}});
    }
  });
  emulator.addControlEndpoint(
      "/_stepsim/console/example-inputs", [exampleInputs](const protocol::HttpRequest& request) {
        if (request.method != "GET")
          return app::controlJsonResponse(
              405, {{"message", "Use GET on /_stepsim/console/example-inputs"}});
        return app::controlJsonResponse(200, {{"inputs", *exampleInputs}});
      });
  return preload;
}

}  // namespace stepsim::scenario
