#include <catch2/catch.hpp>

#include "tests/unit/protocol/toy_model.h"

using namespace stepsim::protocol;
namespace core = stepsim::core;
using namespace stepsim::protocol::test;
using json = stepsim::Json;

TEST_CASE("encodeRestJson writes 200 application/json with the request id") {
  RestJsonService batch{&serviceModel("batch"), "ClientException", "ClientException"};
  HttpResponse r = encodeRestJson(
      batch, "SubmitJob", {{"jobId", "id-1"}, {"jobName", "j"}, {"jobArn", "arn"}}, "rid-1");
  CHECK(r.status == 200);
  CHECK(r.header("Content-Type") == "application/json");
  CHECK(r.header("x-amzn-RequestId") == "rid-1");
  CHECK(json::parse(r.body) == json{{"jobId", "id-1"}, {"jobName", "j"}, {"jobArn", "arn"}});
  CHECK(encodeRestJson(batch, "TagResource", json::object(), "r").body == "{}");
  CHECK(encodeRestJson(batch, "TagResource", nullptr, "r").body == "{}");
  CHECK_THROWS_AS(encodeRestJson(batch, "NoSuchOp", json::object(), "r"), std::invalid_argument);
}

TEST_CASE("encodeRestJson uses the model's responseCode, header and statusCode members") {
  RestJsonService toy = toyService();
  HttpResponse put = encodeRestJson(toy, "PutThing", {{"Color", "red"}}, "r");
  CHECK(put.status == 201);
  CHECK(json::parse(put.body) == json{{"Color", "red"}});

  HttpResponse get =
      encodeRestJson(toy, "GetThing", {{"Name", "n"}, {"Etag", "e1"}, {"Size", 12}}, "r");
  CHECK(get.header("ETag") == "e1");
  CHECK(get.header("X-Toy-Size") == "12");
  CHECK(json::parse(get.body) == json{{"Name", "n"}});

  HttpResponse del = encodeRestJson(toy, "Delete", json::object(), "r");
  CHECK(del.status == 204);
  CHECK(del.body.empty());
}

TEST_CASE("a payload member is the raw response body") {
  HttpResponse r = encodeRestJson(
      toyService(), "Invoke",
      {{"StatusCode", 200}, {"FunctionError", "Unhandled"}, {"Payload", "[1, 2]"}}, "r");
  CHECK(r.status == 200);
  CHECK(r.body == "[1, 2]");
  CHECK(r.header("X-Amz-Function-Error") == "Unhandled");
}

TEST_CASE("encodeError sets x-amzn-ErrorType, __type and message") {
  core::AwsError error("ClientException", "JobQueue q not found", 400);
  HttpResponse r = encodeError(error, "rid-2");
  CHECK(r.status == 400);
  CHECK(r.header("x-amzn-ErrorType") == "ClientException");
  CHECK(r.header("x-amzn-RequestId") == "rid-2");
  CHECK(r.header("Content-Type") == "application/json");
  CHECK(json::parse(r.body) ==
        json{{"__type", "ClientException"}, {"message", "JobQueue q not found"}});

  core::AwsError lambda("ResourceNotFoundException", "Function not found: f", 404,
                        {{"Type", "User"}, {"Message", "Function not found: f"}});
  HttpResponse l = encodeError(lambda, "r", "application/x-amz-json-1.0");
  CHECK(l.status == 404);
  CHECK(l.header("Content-Type") == "application/x-amz-json-1.0");
  CHECK(json::parse(l.body) == json{{"__type", "ResourceNotFoundException"},
                                    {"message", "Function not found: f"},
                                    {"Type", "User"},
                                    {"Message", "Function not found: f"}});
}

TEST_CASE("encoding never throws on invalid UTF-8 in messages or output") {
  core::AwsError error("ClientException", "bad \xFF byte", 400);
  HttpResponse r = encodeError(error, "r");
  CHECK(json::parse(r.body)["__type"] == "ClientException");
  RestJsonService toy = toyService();
  HttpResponse o = encodeRestJson(toy, "PutThing", {{"Color", "\xFF"}}, "r");
  CHECK_NOTHROW(json::parse(o.body));
}

TEST_CASE("encodeRestJsonBody sends a serialized body with the same status and headers") {
  RestJsonService batch{&serviceModel("batch"), "ClientException", "ClientException"};
  json output = {{"jobs", json::array({{{"jobId", "a"}}})}};
  HttpResponse fromJson = encodeRestJson(batch, "DescribeJobs", output, "rid");
  HttpResponse fromText = encodeRestJsonBody(batch, "DescribeJobs", output.dump(), "rid");
  CHECK(fromText.status == fromJson.status);
  CHECK(fromText.headers == fromJson.headers);
  CHECK(fromText.body == fromJson.body);
  // Output members outside the body cannot come from a serialized body.
  RestJsonService toy = toyService();
  CHECK_THROWS_AS(encodeRestJsonBody(toy, "GetThing", "{}", "r"), std::invalid_argument);
}
