// The Query protocol: forms read against a model (nested members, lists, flattened lists, maps,
// typed scalars), XML answers written by the output shape, and its error document.
#include <catch2/catch.hpp>

#include "emulator/protocol/aws_query.h"
#include "tests/unit/protocol/toy_model.h"

using namespace stepsim::protocol;
namespace core = stepsim::core;
using stepsim::protocol::test::awsErrorFrom;
using json = stepsim::Json;

namespace {

const ServiceModel& queryModel() {
  static const ServiceModel model(json::parse(R"({
  "metadata": {"protocol": "query", "apiVersion": "2020-01-01", "signingName": "toyq",
               "xmlNamespace": "https://toyq.example/doc/2020-01-01/"},
  "operations": {
    "PutBox": {"name": "PutBox", "http": {"method": "POST", "requestUri": "/"},
               "input": {"shape": "PutBoxRequest"},
               "output": {"shape": "PutBoxResponse", "resultWrapper": "PutBoxResult"}},
    "Ping": {"name": "Ping", "http": {"method": "POST", "requestUri": "/"}}
  },
  "shapes": {
    "String": {"type": "string"},
    "Name": {"type": "string", "min": 1, "max": 8},
    "Count": {"type": "integer", "min": 0},
    "Flag": {"type": "boolean"},
    "Ratio": {"type": "double"},
    "Stamp": {"type": "timestamp"},
    "Tag": {"type": "structure", "required": ["Key"],
            "members": {"Key": {"shape": "String"}, "Value": {"shape": "String"}}},
    "Tags": {"type": "list", "member": {"shape": "Tag"}},
    "Names": {"type": "list", "member": {"shape": "String", "locationName": "item"}},
    "Flat": {"type": "list", "member": {"shape": "String"}, "flattened": true},
    "Labels": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "String"}},
    "Inner": {"type": "structure", "members": {"Depth": {"shape": "Count"}}},
    "PutBoxRequest": {"type": "structure", "required": ["Name"], "members": {
      "Name": {"shape": "Name"}, "Count": {"shape": "Count"}, "Open": {"shape": "Flag"},
      "Ratio": {"shape": "Ratio"}, "Tags": {"shape": "Tags"}, "Names": {"shape": "Names"},
      "Flat": {"shape": "Flat"}, "Labels": {"shape": "Labels"}, "Inner": {"shape": "Inner"}}},
    "PutBoxResponse": {"type": "structure", "members": {
      "Name": {"shape": "String"}, "Created": {"shape": "Stamp"}, "Open": {"shape": "Flag"},
      "Count": {"shape": "Count"}, "Tags": {"shape": "Tags"}, "Names": {"shape": "Names"},
      "Flat": {"shape": "Flat"}, "Labels": {"shape": "Labels"}}}
  }})"));
  return model;
}

const AwsQueryService& service() {
  static const AwsQueryService query{&queryModel(), "ValidationError"};
  return query;
}

HttpRequest form(std::string body) {
  HttpRequest request;
  request.method = "POST";
  request.target = "/";
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  request.body = std::move(body);
  return request;
}

DecodedRequest decodeForm(std::string body) {
  return decodeAwsQuery(service(), form(std::move(body)));
}

}  // namespace

TEST_CASE("a form's dotted names become the input's lists, maps and nested members") {
  DecodedRequest d = decodeForm(
      "Action=PutBox&Version=2020-01-01&Name=my+box&Count=3&Open=true&Ratio=0.5"
      "&Tags.member.2.Key=b&Tags.member.1.Key=a&Tags.member.1.Value=x%26y"
      "&Names.item.1=n1&Names.item.10=n10&Names.item.2=n2&Flat.1=f"
      "&Labels.entry.1.key=k&Labels.entry.1.value=v&Inner.Depth=7&Unknown=1");
  CHECK(d.operation == "PutBox");
  CHECK(d.input == json{{"Name", "my box"},
                        {"Count", 3},
                        {"Open", true},
                        {"Ratio", 0.5},
                        {"Tags", {{{"Key", "a"}, {"Value", "x&y"}}, {{"Key", "b"}}}},
                        {"Names", {"n1", "n2", "n10"}},  // by index, not by text
                        {"Flat", {"f"}},
                        {"Labels", {{"k", "v"}}},
                        {"Inner", {{"Depth", 7}}}});
}

TEST_CASE("an empty list is the bare name with no value") {
  CHECK(decodeForm("Action=PutBox&Name=b&Tags=").input["Tags"] == json::array());
}

TEST_CASE("what the form encoder writes, the decoder reads back") {
  json input = {{"Name", "a b+c"},
                {"Count", 0},
                {"Open", false},
                {"Tags", {{{"Key", "k=1"}, {"Value", "\xc3\xa9"}}}},
                {"Names", {"x"}},
                {"Flat", {"p", "q"}},
                {"Labels", {{"one", "1"}, {"two", "2"}}},
                {"Inner", {{"Depth", 2}}}};
  std::string body = encodeAwsQueryForm(queryModel(), "PutBox", input);
  CHECK(body.starts_with("Action=PutBox&Version=2020-01-01&"));
  CHECK(decodeForm(body).input == input);
}

TEST_CASE("forms that break the model get the Query protocol's errors") {
  CHECK(awsErrorFrom([] { decodeForm("Name=x"); }).code == "MissingAction");
  core::AwsError unknown = awsErrorFrom([] { decodeForm("Action=Smash"); });
  CHECK(unknown.code == "InvalidAction");
  CHECK(unknown.message == "Could not find operation 'Smash' for version 2020-01-01");
  CHECK(awsErrorFrom([] { decodeForm("Action=PutBox"); }).code == "ValidationError");
  core::AwsError typed = awsErrorFrom([] { decodeForm("Action=PutBox&Name=b&Count=lots"); });
  CHECK(typed.code == "ValidationError");
  CHECK(typed.message == "Value 'lots' at 'Count' is not an integer");
  CHECK(awsErrorFrom([] { decodeForm("Action=PutBox&Name=b&Open=yes"); }).code ==
        "ValidationError");
  CHECK(awsErrorFrom([] { decodeForm("Action=PutBox&Name=b&Count=-1"); }).code ==
        "ValidationError");
  CHECK(awsErrorFrom([] { decodeForm("Action=PutBox&Name=toolongname"); }).code ==
        "ValidationError");
  // Escapes can spell bytes that are not text.
  CHECK(awsErrorFrom([] { decodeForm("Action=PutBox&Name=%FF%FE"); }).code == "ValidationError");
}

TEST_CASE("a GET with the form in its query string is read the same way") {
  HttpRequest request;
  request.method = "GET";
  request.target = "/?Action=PutBox&Name=q";
  CHECK(decodeAwsQuery(service(), request).input == json{{"Name", "q"}});
}

TEST_CASE("answers are XML in model order with the result wrapper and the request id") {
  json output = {{"Labels", {{"a<b", "1"}}},
                 {"Name", "box & co"},
                 {"Created", 1767225600.5},
                 {"Open", true},
                 {"Count", 2},
                 {"Tags", {{{"Key", "k"}, {"Value", "v"}}}},
                 {"Names", {"n"}},
                 {"Flat", {"f1", "f2"}},
                 {"Ignored", "x"}};
  HttpResponse response = encodeAwsQuery(service(), "PutBox", output, "req-1");
  CHECK(response.status == 200);
  CHECK(response.header("Content-Type") == "text/xml");
  CHECK(response.body ==
        "<PutBoxResponse xmlns=\"https://toyq.example/doc/2020-01-01/\"><PutBoxResult>"
        "<Name>box &amp; co</Name><Created>2026-01-01T00:00:00.500Z</Created><Open>true</Open>"
        "<Count>2</Count><Tags><member><Key>k</Key><Value>v</Value></member></Tags>"
        "<Names><item>n</item></Names><Flat>f1</Flat><Flat>f2</Flat>"
        "<Labels><entry><key>a&lt;b</key><value>1</value></entry></Labels>"
        "</PutBoxResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>"
        "</PutBoxResponse>");
  CHECK(encodeAwsQuery(service(), "Ping", json::object(), "r").body ==
        "<PingResponse xmlns=\"https://toyq.example/doc/2020-01-01/\"><ResponseMetadata>"
        "<RequestId>r</RequestId></ResponseMetadata></PingResponse>");
}

TEST_CASE("errors are ErrorResponse documents: Sender below 500, Receiver from it") {
  HttpResponse sender =
      encodeAwsQueryError(core::AwsError("NoSuchEntity", "no <role>", 404), "id-1");
  CHECK(sender.status == 404);
  CHECK(sender.body ==
        "<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code>"
        "<Message>no &lt;role&gt;</Message></Error><RequestId>id-1</RequestId></ErrorResponse>");
  CHECK(encodeAwsQueryError(core::AwsError("ServiceFailure", "boom", 500), "id-2")
            .body.find("<Type>Receiver</Type>") != std::string::npos);
}

TEST_CASE("the embedded IAM and STS models carry what the Query protocol needs") {
  const ServiceModel& iam = serviceModel("iam");
  CHECK(iam.protocol() == "query");
  CHECK(iam.apiVersion() == "2010-05-08");
  CHECK(iam.xmlNamespace() == "https://iam.amazonaws.com/doc/2010-05-08/");
  CHECK(iam.findOperation("CreateRole")->resultWrapper == "CreateRoleResult");
  CHECK(iam.findShape("EntityAlreadyExistsException")->errorCode == "EntityAlreadyExists");
  CHECK(serviceModel("sts").findOperation("AssumeRole")->resultWrapper == "AssumeRoleResult");
}
