#include <catch2/catch.hpp>

#include "emulator/app/service_route.h"

using namespace stepsim::app;
using stepsim::protocol::HttpRequest;

namespace {
HttpRequest request(std::string method, std::string target,
                    stepsim::protocol::HeaderList headers = {}) {
  return HttpRequest{std::move(method), std::move(target), std::move(headers), ""};
}
std::string scope(const std::string& service) {
  return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/" + service +
         "/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc";
}
}  // namespace

TEST_CASE("the credential scope names the service") {
  CHECK(credentialScopeService(scope("states")) == "states");
  CHECK(credentialScopeService(scope("batch")) == "batch");
  CHECK(credentialScopeService("AWS4-HMAC-SHA256 Credential=AK/2026/us-east-1/lambda/aws4_request") ==
        "lambda");
  CHECK(credentialScopeService("Bearer token").empty());
  CHECK(credentialScopeService("AWS4-HMAC-SHA256 Credential=AK/2026").empty());
}

TEST_CASE("signed requests route by scope, whatever the path or Host") {
  auto batchOnLambdaPath = request("GET", "/2015-03-31/functions",
                                   {{"Authorization", scope("batch")}, {"Host", "sync-localhost"}});
  CHECK(routeRequest(batchOnLambdaPath).service == Service::Batch);
  auto states = request("POST", "/", {{"authorization", scope("states")}});
  CHECK(routeRequest(states).service == Service::StepFunctions);
  auto s3 = request("GET", "/bucket", {{"Authorization", scope("s3")}});
  ServiceRoute route = routeRequest(s3);
  CHECK(route.service == Service::Unknown);
  CHECK(route.signingName == "s3");
}

TEST_CASE("unsigned requests fall back to the target header and the path") {
  CHECK(routeRequest(request("POST", "/", {{"X-Amz-Target", "AWSStepFunctions.ListActivities"}}))
            .service == Service::StepFunctions);
  CHECK(routeRequest(request("POST", "/v1/describejobs")).service == Service::Batch);
  CHECK(routeRequest(request("GET", "/2015-03-31/functions/")).service == Service::Lambda);
  CHECK(routeRequest(request("GET", "/2021-10-31/functions/f/url")).service == Service::Lambda);
  CHECK(routeRequest(request("GET", "/20xx-03-31/functions")).service == Service::Unknown);
  CHECK(routeRequest(request("GET", "/")).service == Service::Unknown);
}

TEST_CASE("the control API wins even on signed requests") {
  CHECK(routeRequest(request("GET", "/_stepsim/health", {{"Authorization", scope("batch")}}))
            .service == Service::Control);
  CHECK(routeRequest(request("GET", "/_stepsim/clock?x=1")).service == Service::Control);
}
