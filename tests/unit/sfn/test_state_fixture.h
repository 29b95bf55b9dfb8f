#pragma once
// What the TestState unit tests share: a service on a manual clock, requests, and reading the
// JSON-text members of an answer.
#include <optional>
#include <string>
#include <utility>

#include "emulator/core/aws_error.h"
#include "emulator/stepfunctions/api/sfn_service.h"
#include "engine_fixture.h"

namespace stepsim::sfn::test {

struct TestStateFixture {
  core::Simulation sim{manualConfig()};
  FakeIntegrations fake{sim};
  StepFunctionsService service{sim, fake};
  std::optional<json> answer;

  // Starts the test; the answer, if any came yet, is in `answer`.
  void start(const json& request) {
    answer.reset();
    service.testState(request, [this](json out) {
      REQUIRE_FALSE(answer);  // exactly once
      answer = std::move(out);
    });
  }
  // Runs a test that answers at once.
  json run(const json& request) {
    start(request);
    REQUIRE(answer);
    return *answer;
  }
  // The modeled error code (and message) the request is refused with.
  std::pair<std::string, std::string> refusal(const json& request) {
    try {
      service.testState(request, [](json) { FAIL("answered instead of refused"); });
    } catch (const core::AwsError& e) {
      return {e.code, e.message};
    }
    FAIL("not refused");
    return {};
  }
};

inline json request(const json& state, const json& input = json::object(), const char* level = "DEBUG") {
  return {{"definition", state.dump()},
          {"input", input.dump()},
          {"inspectionLevel", level},
          {"roleArn", kRoleArn}};
}

// A JSON-text member of the output (output, or inspectionData.<field>).
inline json data(const json& out, const char* field) {
  const json& holder = std::string_view(field) == "output" ? out : out.at("inspectionData");
  INFO(out.dump());
  REQUIRE(holder.contains(field));
  return json::parse(holder.at(field).get<std::string>());
}

}  // namespace stepsim::sfn::test
