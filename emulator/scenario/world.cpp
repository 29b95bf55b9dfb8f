#include "emulator/scenario/world.h"

#include "emulator/app/in_process_client.h"
#include "emulator/core/json_location.h"
#include "emulator/scenario/resource_requests.h"

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
    for (const ApiResource& kind : kApiResources) {
      if (!resources.contains(kind.key)) continue;
      const json& list = resources[kind.key];
      for (std::size_t i = 0; i < list.size(); ++i)
        send(std::string("/resources/") + kind.key + "/" + std::to_string(i),
             app::InProcessClient::operation(kind.service, kind.operation, requestBody(s_, kind, list[i])));
    }
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
