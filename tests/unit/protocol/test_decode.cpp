#include <catch2/catch.hpp>

#include "tests/unit/protocol/toy_model.h"

using namespace stepsim::protocol;
namespace core = stepsim::core;
using namespace stepsim::protocol::test;
using json = stepsim::Json;

TEST_CASE("query values are percent-decoded, '+' stays '+', and convert per member shape") {
  DecodedRequest d =
      decode("GET", "/v1/things/box?Marker=a+b%20c%2Bd&maxItems=25&verbose=true&ignored=1");
  CHECK(d.input ==
        json{{"Name", "box"}, {"Marker", "a+b c+d"}, {"MaxItems", 25}, {"Verbose", true}});
  CHECK(decode("GET", "/v1/things/box?verbose=false").input["Verbose"] == false);
}

TEST_CASE("repeated query keys become a list") {
  DecodedRequest d = decode("GET", "/v1/things/box?tag=a&size=1&tag=b%26c&size=-2");
  CHECK(d.input["Tags"] == json{"a", "b&c"});
  CHECK(d.input["Sizes"] == json{1, -2});
  CHECK(decode("GET", "/v1/things/box?tag=only").input["Tags"] == json{"only"});
}

TEST_CASE("a query value that does not convert is a validation error naming the member") {
  core::AwsError e = awsErrorFrom([] { decode("GET", "/v1/things/box?maxItems=ten"); });
  CHECK(e.code == "ValidationException");
  CHECK(e.httpStatus == 400);
  CHECK(e.message ==
        "1 validation error detected: Value 'ten' at 'MaxItems' failed to satisfy constraint: "
        "Member must be an integer");
  CHECK(awsErrorFrom([] { decode("GET", "/v1/things/box?maxItems=1.5"); }).code ==
        "ValidationException");
  CHECK(awsErrorFrom([] { decode("GET", "/v1/things/box?maxItems=99999999999"); }).code ==
        "ValidationException");
  CHECK(awsErrorFrom([] { decode("GET", "/v1/things/box?maxItems="); }).code ==
        "ValidationException");
  core::AwsError b = awsErrorFrom([] { decode("GET", "/v1/things/box?verbose=yes"); });
  CHECK(b.message.find("at 'Verbose'") != std::string::npos);
  core::AwsError l = awsErrorFrom([] { decode("GET", "/v1/things/box?size=1&size=x"); });
  CHECK(l.message.find("Value 'x' at 'Sizes[1]'") != std::string::npos);
}

TEST_CASE("header members bind by locationName, case-insensitively") {
  DecodedRequest d = decode("GET", "/v1/things/box", {},
                            {{"x-toy-trace", "t-1"}, {"X-TOY-COUNT", "7"}, {"X-Other", "z"}});
  CHECK(d.input == json{{"Name", "box"}, {"Trace", "t-1"}, {"Count", 7}});
  core::AwsError e = awsErrorFrom([] {
    decode("GET", "/v1/things/box", {}, {{"X-Toy-Count", "many"}});
  });
  CHECK(e.message.find("Value 'many' at 'Count'") != std::string::npos);
}

TEST_CASE("members with a non-body location are not taken from the body") {
  DecodedRequest d =
      decode("PUT", "/v1/things/box", R"({"Name":"evil","Color":"red","Unknown":1})");
  CHECK(d.input["Name"] == "box");
  CHECK(d.input["Color"] == "red");
}

TEST_CASE("body parsing errors are serialization errors") {
  SECTION("truncated JSON") {
    core::AwsError e = awsErrorFrom([] { decode("PUT", "/v1/things/box", R"({"Color":"re)"); });
    CHECK(e.code == "SerializationException");
    CHECK(e.httpStatus == 400);
    CHECK(e.message.rfind("Unable to parse request body: ", 0) == 0);
  }
  SECTION("array body") {
    core::AwsError e = awsErrorFrom([] { decode("PUT", "/v1/things/box", R"(["Color"])"); });
    CHECK(e.code == "SerializationException");
    CHECK(e.message == "Unable to parse request body: expected a JSON object");
  }
  SECTION("scalar body") {
    CHECK(awsErrorFrom([] { decode("PUT", "/v1/things/box", "42"); }).code ==
          "SerializationException");
  }
  SECTION("non-UTF-8 bytes") {
    core::AwsError e =
        awsErrorFrom([] { decode("PUT", "/v1/things/box", "{\"Color\":\"r\xFF\xFE\"}"); });
    CHECK(e.code == "SerializationException");
  }
  SECTION("a member of the wrong JSON type") {
    core::AwsError e =
        awsErrorFrom([] { decode("PUT", "/v1/things/box", R"({"Color":"red","Weight":"9"})"); });
    CHECK(e.code == "SerializationException");
    CHECK(e.message == "Expected a JSON integer at 'Weight' but found a string");
  }
}

TEST_CASE("an empty body is an empty object, then required members are checked") {
  core::AwsError e = awsErrorFrom([] { decode("PUT", "/v1/things/box"); });
  CHECK(e.code == "ValidationException");
  CHECK(e.message ==
        "1 validation error detected: Value at 'Color' failed to satisfy constraint: Member must "
        "not be null");
  CHECK(decode("PUT", "/v1/things/box", R"({"Color":"blue"})").input ==
        json{{"Name", "box"}, {"Color", "blue"}});
}

TEST_CASE("a blob payload member receives the raw body, unparsed") {
  DecodedRequest d = decode("POST", "/v1/fn/f1/invoke", "not json {");
  CHECK(d.operation == "Invoke");
  REQUIRE(d.payload.has_value());
  CHECK(*d.payload == "not json {");
  CHECK(d.input == json{{"Fn", "f1"}});
  CHECK(decode("GET", "/v1/things/box").payload == std::nullopt);
}
