#include <catch2/catch.hpp>

#include "emulator/app/aws_names.h"
#include "emulator/app/service_route.h"

using namespace stepsim::app;
using stepsim::protocol::HttpRequest;

namespace {
HttpRequest request(std::string method, std::string target,
                    stepsim::protocol::HeaderList headers = {}) {
  return HttpRequest{std::move(method), std::move(target), std::move(headers), ""};
}
// The request log's name of the service a request routes to ("unknown", "control", "states", ...).
std::string routedTo(const HttpRequest& request) {
  return std::string(routeRequest(request).logName());
}
std::string scope(const std::string& service) {
  return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/" + service +
         "/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc";
}
}  // namespace

TEST_CASE("the credential scope names the service") {
  CHECK(credentialScopeService(scope("states")) == "states");
  CHECK(credentialScopeService(scope("batch")) == "batch");
  CHECK(credentialScopeService(
            "AWS4-HMAC-SHA256 Credential=AK/2026/us-east-1/lambda/aws4_request") == "lambda");
  CHECK(credentialScopeService("Bearer token").empty());
  CHECK(credentialScopeService("AWS4-HMAC-SHA256 Credential=AK/2026").empty());
}

TEST_CASE("the credential names the access key that signed") {
  CHECK(credentialAccessKeyId(scope("states")) == "AKIDEXAMPLE");
  CHECK(credentialAccessKeyId("Bearer token").empty());
}

TEST_CASE("the credential scope names the region signed for") {
  CHECK(credentialScopeRegion(scope("states")) == "us-east-1");
  CHECK(credentialScopeRegion("AWS4-HMAC-SHA256 Credential=AK/2026/eu-west-1/s/aws4_request") ==
        "eu-west-1");
  CHECK(credentialScopeRegion("AWS4-HMAC-SHA256 Credential=AK/2026").empty());
  CHECK(credentialScopeRegion("").empty());
}

TEST_CASE("regions and accounts are named as AWS names them") {
  for (const char* region : {"us-east-1", "eu-west-1", "us-gov-west-1", "ap-southeast-5",
                             "cn-northwest-1", "il-central-1", "us-iso-east-12"})
    CHECK(isRegionName(region));
  for (const char* region :
       {"", "us-east", "useast-1", "us-east-123", "US-EAST-1", "u-east-1", "us--1", "us-east-1-",
        "us-east-x", "us east 1", "-us-east-1", "us-eastttttttttttttttttttttttttttt-1"})
    CHECK_FALSE(isRegionName(region));
  CHECK(isAccountId("111122223333"));
  for (const char* account : {"", "11112222333", "1111222233334", "11112222333a", "test"})
    CHECK_FALSE(isAccountId(account));
}

TEST_CASE("signed requests route by scope, whatever the path or Host") {
  auto batchOnLambdaPath = request("GET", "/2015-03-31/functions",
                                   {{"Authorization", scope("batch")}, {"Host", "sync-localhost"}});
  CHECK(routedTo(batchOnLambdaPath) == "batch");
  auto states = request("POST", "/", {{"authorization", scope("states")}});
  CHECK(routedTo(states) == "states");
  auto s3 = request("GET", "/bucket", {{"Authorization", scope("s3")}});
  ServiceRoute route = routeRequest(s3);
  CHECK(route.binding == nullptr);
  CHECK(route.signingName == "s3");
}

TEST_CASE("unsigned requests fall back to the target header and the path") {
  CHECK(routedTo(request("POST", "/", {{"X-Amz-Target", "AWSStepFunctions.ListActivities"}})) ==
        "states");
  CHECK(routedTo(request("POST", "/v1/describejobs")) == "batch");
  CHECK(routedTo(request("GET", "/2015-03-31/functions/")) == "lambda");
  CHECK(routedTo(request("GET", "/2021-10-31/functions/f/url")) == "lambda");
  CHECK(routedTo(request("GET", "/20xx-03-31/functions")) == "unknown");
  CHECK(routedTo(request("GET", "/")) == "unknown");
}

TEST_CASE("on unsigned requests the target header wins over a path another service owns") {
  CHECK(routedTo(request("POST", "/v1/describejobs",
                         {{"X-Amz-Target", "AWSStepFunctions.ListActivities"}})) == "states");
  CHECK(routedTo(request("POST", "/v1/describejobs", {{"X-Amz-Target", "Other.Thing"}})) ==
        "batch");
}

TEST_CASE("the control API wins even on signed requests") {
  CHECK(routedTo(request("GET", "/_stepsim/health", {{"Authorization", scope("batch")}})) ==
        "control");
  CHECK(routedTo(request("GET", "/_stepsim/clock?x=1")) == "control");
}

TEST_CASE("every service is one binding, found by its signing name") {
  std::vector<std::string_view> names;
  for (const ServiceBinding& binding : serviceBindings()) names.push_back(binding.name);
  CHECK(names == std::vector<std::string_view>{"batch", "cloudformation", "iam", "lambda", "logs",
                                               "states", "sts"});
  for (const ServiceBinding& binding : serviceBindings()) {
    CHECK(bindingNamed(binding.name) == &binding);
    CHECK(binding.serve != nullptr);
    CHECK_FALSE(binding.internalErrorCode.empty());
  }
  CHECK(bindingNamed("s3") == nullptr);
  CHECK(bindingNamed("") == nullptr);
  CHECK(bindingNamed("statez") == nullptr);
}
