#include "emulator/scenario/preload.h"

#include <filesystem>

#include "emulator/app/control_api.h"
#include "emulator/scenario/loader.h"
#include "emulator/stepfunctions/api/sfn_service.h"
#include "emulator/scenario/runner.h"
#include "emulator/scenario/world.h"

namespace stepsim::scenario {

namespace {

stepsim::Json stateMachineArns(const Scenario& scenario, app::Emulator& emulator) {
  stepsim::Json arns = stepsim::Json::array();
  for (const auto& [name, definition] : scenario.definitions) arns.push_back(emulator.sfn().stateMachineArn(name));
  return arns;
}

}  // namespace

void addScenarioEndpoint(app::Emulator& emulator) {
  emulator.addControlEndpoint("/_stepsim/scenario", [&emulator](const protocol::HttpRequest& request) {
    if (request.method != "POST") return app::controlJsonResponse(405, {{"message", "Use POST on /_stepsim/scenario"}});
    try {
      Scenario scenario = loadScenarioText("request body", request.body, std::filesystem::current_path());
      checkWorld(scenario);
      buildWorld(scenario, emulator);
      return app::controlJsonResponse(200, {{"name", scenario.name}, {"stateMachines", stateMachineArns(scenario, emulator)}});
    } catch (const ScenarioError& error) {
      return app::controlJsonResponse(400, {{"message", error.what()}});
    }
  });
}

}  // namespace stepsim::scenario
