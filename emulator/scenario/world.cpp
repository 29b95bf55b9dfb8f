#include "emulator/scenario/world.h"

#include "emulator/app/in_process_client.h"
#include "emulator/core/base64.h"
#include "emulator/core/json_location.h"
#include "emulator/scenario/resource_requests.h"

namespace stepsim::scenario {

using nlohmann::json;

namespace {

class WorldBuilder {
 public:
  WorldBuilder(const Scenario& s, app::Emulator& emulator) : s_(s), emulator_(emulator), client_(emulator) {}

  void build() {
    if (s_.mockConfig) emulator_.setMockConfig(s_.mockConfig);
    const json resources = s_.doc.value("resources", json::object());
    each(resources, "computeEnvironments", [&](const json& r) {
      return app::InProcessClient::rest("POST", "/v1/createcomputeenvironment", r);
    });
    each(resources, "jobQueues", [&](const json& r) {
      return app::InProcessClient::rest("POST", "/v1/createjobqueue", r);
    });
    each(resources, "jobDefinitions", [&](const json& r) {
      return app::InProcessClient::rest("POST", "/v1/registerjobdefinition", r);
    });
    each(resources, "functions", [&](const json& r) {
      auto package = s_.packages.find(r["FunctionName"].get<std::string>());
      std::string zip = package == s_.packages.end() ? "" : core::encodeBase64(package->second);
      return app::InProcessClient::rest("POST", "/2015-03-31/functions", createFunctionRequest(r, zip));
    });
    each(resources, "activities", [&](const json& r) {
      return app::InProcessClient::stepFunctions("CreateActivity", r);
    });
    each(resources, "stateMachines", [&](const json& r) {
      json request = {{"name", r["name"]},
                      {"definition", s_.definitions.at(r["name"].get<std::string>())},
                      {"roleArn", r.value("roleArn", std::string(kScenarioRoleArn))},
                      {"type", r.value("type", "STANDARD")}};
      if (r.contains("tags")) request["tags"] = r["tags"];
      return app::InProcessClient::stepFunctions("CreateStateMachine", request);
    });
    if (s_.doc.contains("jobLifecycles"))
      send("/jobLifecycles", app::InProcessClient::rest("POST", "/_stepsim/batch/lifecycles",
                                                        {{"rules", s_.doc["jobLifecycles"]}}));
    if (s_.doc.contains("lambdaResponses"))
      for (auto it = s_.doc["lambdaResponses"].begin(); it != s_.doc["lambdaResponses"].end(); ++it)
        send(core::appendPointer("/lambdaResponses", it.key()),
             app::InProcessClient::rest("POST", "/_stepsim/lambda/responses",
                                        {{"functionName", it.key()}, {"responses", it.value()}}));
  }

 private:
  template <typename MakeRequest>
  void each(const json& resources, const char* kind, MakeRequest make) {
    if (!resources.contains(kind)) return;
    const json& list = resources[kind];
    for (std::size_t i = 0; i < list.size(); ++i)
      send(std::string("/resources/") + kind + "/" + std::to_string(i), make(list[i]));
  }

  void send(const std::string& pointer, const protocol::HttpRequest& request) {
    app::CallResult result = client_.call(request);
    if (!result.ok()) throw s_.error(pointer, "refused: " + result.errorText());
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
