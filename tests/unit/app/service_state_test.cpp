// What the Emulator keeps per service (the state slot of a binding) and what it checks of every
// signed request before a service sees it (temporary credentials that have expired).
#include <catch2/catch.hpp>

#include "emulator/app/emulator.h"
#include "emulator/app/iam_binding.h"
#include "emulator/app/sts_binding.h"

using namespace stepsim;
using namespace stepsim::app;

namespace {
protocol::HttpRequest request(std::string method, std::string target,
                              protocol::HeaderList headers = {}) {
  return protocol::HttpRequest{std::move(method), std::move(target), std::move(headers), ""};
}
}  // namespace

TEST_CASE("a service's state lives in its Emulator slot, made anew by reset") {
  core::SimulationConfig config;
  config.mode = core::ClockMode::Manual;
  Emulator emulator(config);
  iam::IdentityStore& store = identityStore(emulator.defaultAccountRegion());
  iam::Role role;
  role.name = "Kept";
  role.arn = store.arnOf("role", "/", "Kept");
  store.addRole(role);
  CHECK(identityStore(emulator.defaultAccountRegion()).role("kept") != nullptr);
  // STS keeps nothing of its own: asking for its state is a bug, said as one.
  CHECK_THROWS_AS(emulator.defaultAccountRegion().serviceState(kStsBinding), std::logic_error);
  emulator.reset();
  CHECK(identityStore(emulator.defaultAccountRegion()).role("Kept") == nullptr);
  // The AWS-managed policies are there from the start, and again after a reset.
  CHECK(identityStore(emulator.defaultAccountRegion())
            .policy("arn:aws:iam::aws:policy/AdministratorAccess") != nullptr);
}

TEST_CASE("a request signed with expired temporary credentials is refused by any service") {
  core::SimulationConfig config;
  config.mode = core::ClockMode::Manual;
  Emulator emulator(config);
  const iam::Session& session = identityStore(emulator.defaultAccountRegion())
                                    .issueSession(emulator.simulation().now() + 1000);
  std::string key = session.accessKeyId;
  auto signedWith = [&](std::string_view service) {
    return request(
        "POST", "/",
        {{"Authorization", "AWS4-HMAC-SHA256 Credential=" + key + "/20260101/us-east-1/" +
                               std::string(service) + "/aws4_request"},
         {"X-Amz-Target", "AWSStepFunctions.ListStateMachines"},
         {"Content-Type", "application/x-amz-json-1.0"}});
  };
  auto status = [&](const protocol::HttpRequest& r) {
    int answered = 0;
    std::string body;
    emulator.dispatch(r, [&](DispatchResult result) {
      answered = result.response.status;
      body = result.response.body;
    });
    return std::pair{answered, body};
  };
  CHECK(status(signedWith("states")).first == 200);
  emulator.simulation().advanceTo(emulator.simulation().now() + 1000);
  auto [code, body] = status(signedWith("states"));
  CHECK(code == 400);
  CHECK(body.find("ExpiredTokenException") != std::string::npos);
}
