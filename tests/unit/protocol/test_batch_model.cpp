#include <catch2/catch.hpp>

#include "emulator/protocol/rest_json.h"
#include "tests/unit/protocol/toy_model.h"

using namespace stepsim::protocol;
namespace core = stepsim::core;
using namespace stepsim::protocol::test;
using json = stepsim::Json;

namespace {

RestJsonService batch() {
  return {&serviceModel("batch"), "ClientException", "ClientException"};
}

DecodedRequest decodeBatch(std::string method, std::string target, std::string body = {}) {
  return decodeRestJson(batch(), request(std::move(method), std::move(target), std::move(body)));
}

}  // namespace

TEST_CASE("the embedded batch model is parsed once and describes rest-json") {
  const ServiceModel& m = serviceModel("batch");
  CHECK(&m == &serviceModel("batch"));
  CHECK(m.protocol() == "rest-json");
  CHECK(m.serviceId() == "Batch");
  CHECK(m.signingName() == "batch");
  const Operation* submit = m.findOperation("SubmitJob");
  REQUIRE(submit);
  CHECK(submit->method == "POST");
  CHECK(submit->requestUri == "/v1/submitjob");
  REQUIRE(submit->input);
  CHECK(submit->input->name == "SubmitJobRequest");
  const Shape* client = m.findShape("ClientException");
  REQUIRE(client);
  CHECK(client->exception);
  CHECK(client->errorHttpStatus == 400);
  CHECK_THROWS_AS(serviceModel("nosuchservice"), std::invalid_argument);
}

TEST_CASE("batch: POST /v1/submitjob routes to SubmitJob") {
  DecodedRequest d = decodeBatch(
      "POST", "/v1/submitjob",
      R"({"jobName":"j1","jobQueue":"q","jobDefinition":"d","retryStrategy":{"attempts":3}})");
  CHECK(d.operation == "SubmitJob");
  CHECK(d.input["jobName"] == "j1");
  CHECK(d.input["retryStrategy"]["attempts"] == 3);
  CHECK(decodeBatch("POST", "/v1/describejobs", R"({"jobs":["a","b"]})").operation ==
        "DescribeJobs");
}

TEST_CASE("batch: a missing jobName is a ClientException naming jobName") {
  core::AwsError e = awsErrorFrom(
      [] { decodeBatch("POST", "/v1/submitjob", R"({"jobQueue":"q","jobDefinition":"d"})"); });
  CHECK(e.code == "ClientException");
  CHECK(e.httpStatus == 400);
  CHECK(e.message ==
        "1 validation error detected: Value at 'jobName' failed to satisfy constraint: Member "
        "must not be null");
}

TEST_CASE("batch: a string retry attempt count is a ClientException") {
  core::AwsError e = awsErrorFrom([] {
    decodeBatch(
        "POST", "/v1/submitjob",
        R"({"jobName":"j","jobQueue":"q","jobDefinition":"d","retryStrategy":{"attempts":"x"}})");
  });
  CHECK(e.code == "ClientException");
  CHECK(e.message == "Expected a JSON integer at 'retryStrategy.attempts' but found a string");
}

TEST_CASE("batch: tag routes decode the ARN label, including '/'") {
  DecodedRequest d =
      decodeBatch("GET", "/v1/tags/arn%3Aaws%3Abatch%3Aus-east-1%3A123456789012%3Ajob%2Fabc");
  CHECK(d.operation == "ListTagsForResource");
  CHECK(d.input == json{{"resourceArn", "arn:aws:batch:us-east-1:123456789012:job/abc"}});

  DecodedRequest u = decodeBatch(
      "DELETE",
      "/v1/tags/arn%3Aaws%3Abatch%3Aus-east-1%3A123456789012%3Ajob%2Fabc?tagKeys=a&tagKeys=b");
  CHECK(u.operation == "UntagResource");
  CHECK(u.input["resourceArn"] == "arn:aws:batch:us-east-1:123456789012:job/abc");
  CHECK(u.input["tagKeys"] == json{"a", "b"});

  DecodedRequest t = decodeBatch("POST", "/v1/tags/arn%3Ax", R"({"tags":{"k":"v"}})");
  CHECK(t.operation == "TagResource");
  CHECK(t.input == json{{"resourceArn", "arn:x"}, {"tags", {{"k", "v"}}}});
  // TagrisTagsMap has 1..50 entries.
  CHECK(awsErrorFrom([] { decodeBatch("POST", "/v1/tags/arn%3Ax", R"({"tags":{}})"); }).code ==
        "ClientException");
}

TEST_CASE("batch: enum values are enforced") {
  core::AwsError e = awsErrorFrom([] {
    decodeBatch("POST", "/v1/createcomputeenvironment",
                R"({"computeEnvironmentName":"ce","type":"XYZ"})");
  });
  CHECK(e.code == "ClientException");
  CHECK(e.message ==
        "1 validation error detected: Value 'XYZ' at 'type' failed to satisfy constraint: Member "
        "must satisfy enum value set: [MANAGED, UNMANAGED]");
}

TEST_CASE("batch: unknown paths are UnknownOperationException") {
  CHECK(awsErrorFrom([] { decodeBatch("POST", "/v1/nosuchthing", "{}"); }).code ==
        "UnknownOperationException");
  CHECK(awsErrorFrom([] { decodeBatch("GET", "/v1/submitjob"); }).code ==
        "UnknownOperationException");
}
