#include "emulator/scenario/world.h"

#include "emulator/app/in_process_client.h"
#include "emulator/core/json_location.h"
#include "emulator/scenario/resource_requests.h"
#include "emulator/scenario/scenario_stack.h"
#include "emulator/stepfunctions/api/sfn_service.h"

namespace stepsim::scenario {

using json = stepsim::Json;

namespace {

class WorldBuilder {
 public:
  WorldBuilder(const Scenario& s, app::Emulator& emulator) : s_(s), emulator_(emulator), client_(emulator) {}

  void build() {
    if (s_.mockConfig) emulator_.setMockConfig(s_.mockConfig);
    if (s_.doc.contains("iam")) emulator_.setPermissionMode(s_.permissionMode);
    const json resources = s_.doc.value("resources", json::object());
    if (s_.stack) makeScenarioStack(s_, emulator_);
    for (const ApiResource& kind : kApiResources) {
      if (!resources.contains(kind.key)) continue;
      const json& list = resources[kind.key];
      for (std::size_t i = 0; i < list.size(); ++i)
        send(std::string("/resources/") + kind.key + "/" + std::to_string(i),
             app::InProcessClient::operation(kind.service, kind.operation, requestBody(s_, kind, list[i])));
    }
    if (resources.contains("stateMachines"))
      for (std::size_t i = 0; i < resources["stateMachines"].size(); ++i)
        publish("/resources/stateMachines/" + std::to_string(i), resources["stateMachines"][i]);
    if (s_.doc.contains("jobLifecycles"))
      send("/jobLifecycles", app::InProcessClient::rest("POST", "/_stepsim/batch/lifecycles",
                                                        {{"rules", s_.doc["jobLifecycles"]}}));
    if (s_.doc.contains("lambdaResponses"))
      for (auto it = s_.doc["lambdaResponses"].begin(); it != s_.doc["lambdaResponses"].end(); ++it)
        send(core::appendPointer("/lambdaResponses", it.key()),
             app::InProcessClient::rest("POST", "/_stepsim/lambda/responses",
                                        {{"functionName", resourceName(s_, emulator_, it.key())},
                                         {"responses", it.value()}}));
  }

 private:
  app::CallResult send(const std::string& pointer, const protocol::HttpRequest& request) {
    app::CallResult result = client_.call(request);
    if (!result.ok()) throw s_.error(pointer, "refused: " + result.errorText());
    return result;
  }

  // A machine's versions, published in order (each its own revision), the machine set back to its
  // own definition, then its aliases over those versions.
  void publish(const std::string& pointer, const json& machine) {
    std::string name = machine["name"];
    std::string arn = emulator_.sfn().stateMachineArn(name);
    const auto& versions = s_.versions.at(name);
    for (std::size_t i = 0; i < versions.size(); ++i) {
      json update = {
          {"stateMachineArn", arn}, {"definition", versions[i].definition}, {"publish", true}};
      if (!versions[i].description.empty()) update["versionDescription"] = versions[i].description;
      send(pointer + "/versions/" + std::to_string(i),
           app::InProcessClient::stepFunctions("UpdateStateMachine", update));
    }
    if (!versions.empty() && versions.back().definition != s_.definitions.at(name))
      send(pointer, app::InProcessClient::stepFunctions(
                        "UpdateStateMachine",
                        {{"stateMachineArn", arn}, {"definition", s_.definitions.at(name)}}));
    const json aliases = machine.value("aliases", json::array());
    for (std::size_t i = 0; i < aliases.size(); ++i) {
      json routing = json::array();
      for (const json& route : aliases[i]["routing"])
        routing.push_back({{"stateMachineVersionArn", arn + ":" + route["version"].dump()},
                           {"weight", route["weight"]}});
      json create = {{"name", aliases[i]["name"]}, {"routingConfiguration", std::move(routing)}};
      if (aliases[i].contains("description")) create["description"] = aliases[i]["description"];
      send(pointer + "/aliases/" + std::to_string(i),
           app::InProcessClient::stepFunctions("CreateStateMachineAlias", create));
    }
  }

  const Scenario& s_;
  app::Emulator& emulator_;
  app::InProcessClient client_;
};

}  // namespace

void buildWorld(const Scenario& scenario, app::Emulator& emulator) {
  WorldBuilder(scenario, emulator).build();
}

}  // namespace stepsim::scenario
