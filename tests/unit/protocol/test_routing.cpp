#include <catch2/catch.hpp>

#include "tests/unit/protocol/toy_model.h"

using namespace stepsim::protocol;
namespace core = stepsim::core;
using namespace stepsim::protocol::test;

TEST_CASE("routes match method and literal segments; labels bind their members") {
  DecodedRequest d = decode("GET", "/v1/things/box");
  CHECK(d.operation == "GetThing");
  CHECK(d.input == stepsim::Json{{"Name", "box"}});
  CHECK(decode("GET", "/v1/things/box/versions").operation == "GetThingVersions");
  CHECK(decode("DELETE", "/v1/things/box").operation == "Delete");
  CHECK(decode("PUT", "/v1/things/box", R"({"Color":"red"})").operation == "PutThing");
  CHECK(decode("POST", "/").operation == "Root");
}

TEST_CASE("a trailing slash does not change the route") {
  CHECK(decode("GET", "/v1/things/box/").operation == "GetThing");
  CHECK(decode("GET", "/v1/layers/").operation == "ListLayers");
  CHECK(decode("POST", "").operation == "Root");
}

TEST_CASE("%2F inside a label stays inside the label") {
  DecodedRequest d = decode("GET", "/v1/things/a%2Fb");
  CHECK(d.operation == "GetThing");
  CHECK(d.input["Name"] == "a/b");
  // Decoded before splitting it would have looked like /v1/things/a/b/versions.
  CHECK(decode("GET", "/v1/things/a%2Fb%2Fversions").operation == "GetThing");
}

TEST_CASE("greedy labels take the rest of the path; literals win over greedy labels") {
  DecodedRequest d = decode("GET", "/v1/objects/dir/sub%20dir/file.txt");
  CHECK(d.operation == "GetObject");
  CHECK(d.input["Key"] == "dir/sub dir/file.txt");
  DecodedRequest acl = decode("GET", "/v1/objects/acl/x/y");
  CHECK(acl.operation == "GetObjectAcl");
  CHECK(acl.input["Key"] == "x/y");
  CHECK(decode("GET", "/v1/objects/acl").operation == "GetObject");
}

TEST_CASE("a literal query in the requestUri must be present and wins when it is") {
  CHECK(decode("GET", "/v1/layers").operation == "ListLayers");
  CHECK(decode("GET", "/v1/layers?find=LayerVersion").operation == "FindLayer");
  CHECK(decode("GET", "/v1/layers?x=1&find=LayerVersion").operation == "FindLayer");
  CHECK(decode("GET", "/v1/layers?find=Other").operation == "ListLayers");
}

TEST_CASE("no matching route is UnknownOperationException") {
  for (auto [method, target] : std::vector<std::pair<std::string, std::string>>{
           {"POST", "/v1/things/box"},       // method mismatch
           {"GET", "/v1/things"},            // missing label
           {"GET", "/v1/things//versions"},  // empty label
           {"GET", "/v1/nothing"},
           {"GET", "/v1/objects"},  // greedy label needs a segment
           {"BREW", "/v1/layers"}}) {
    core::AwsError e = awsErrorFrom([&, &m = method, &t = target] { decode(m, t); });
    CHECK(e.code == "UnknownOperationException");
    CHECK(e.httpStatus == 400);
    CHECK(e.message.find(target.empty() ? "/" : target) != std::string::npos);
  }
}

TEST_CASE("label values are validated against their shape") {
  core::AwsError e = awsErrorFrom([] { decode("GET", "/v1/things/waytoolongname1"); });
  CHECK(e.code == "ValidationException");
  CHECK(e.message ==
        "1 validation error detected: Value 'waytoolongname1' at 'Name' failed to satisfy "
        "constraint: Member must have length less than or equal to 12");
  core::AwsError bad = awsErrorFrom([] { decode("GET", "/v1/things/%FF"); });
  CHECK(bad.code == "SerializationException");
  CHECK(bad.message.find("'Name'") != std::string::npos);
}
