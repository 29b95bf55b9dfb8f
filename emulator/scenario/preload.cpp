#include "emulator/scenario/preload.h"

#include <filesystem>

#include "emulator/scenario/loader.h"
#include "emulator/scenario/runner.h"
#include "emulator/scenario/world.h"

namespace stepsim::scenario {

namespace {

protocol::HttpResponse answer(int status, const nlohmann::json& body) {
  protocol::HttpResponse response;
  response.status = status;
  response.setHeader("Content-Type", "application/json");
  response.body = body.dump();
  return response;
}

nlohmann::json stateMachineArns(const Scenario& scenario, app::Emulator& emulator) {
  nlohmann::json arns = nlohmann::json::array();
  const core::SimulationConfig& config = emulator.simulation().config();
  for (const auto& [name, definition] : scenario.definitions)
    arns.push_back("arn:aws:states:" + config.region + ":" + config.account + ":stateMachine:" + name);
  return arns;
}

}  // namespace

void addScenarioEndpoint(app::Emulator& emulator) {
  emulator.addControlEndpoint("/_stepsim/scenario", [&emulator](const protocol::HttpRequest& request) {
    if (request.method != "POST") return answer(405, {{"message", "Use POST on /_stepsim/scenario"}});
    try {
      Scenario scenario = loadScenarioText("request body", request.body, std::filesystem::current_path());
      checkWorld(scenario);
      buildWorld(scenario, emulator);
      return answer(200, {{"name", scenario.name}, {"stateMachines", stateMachineArns(scenario, emulator)}});
    } catch (const ScenarioError& error) {
      return answer(400, {{"message", error.what()}});
    }
  });
}

}  // namespace stepsim::scenario
