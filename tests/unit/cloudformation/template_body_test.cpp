#include <catch2/catch.hpp>

#include <string>

#include "emulator/cloudformation/template/template_body.h"
#include "emulator/cloudformation/template/template_error.h"
#include "emulator/core/json.h"

using stepsim::Json;
using stepsim::cfn::parseTemplateBody;
using stepsim::cfn::TemplateError;

namespace {

std::vector<std::string> keysOf(const Json& object) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.push_back(key);
  return keys;
}

std::string nested(std::size_t depth, const std::string& open, const std::string& close) {
  std::string text;
  for (std::size_t i = 0; i < depth; ++i) text += open;
  for (std::size_t i = 0; i < depth; ++i) text += close;
  return text;
}

}  // namespace

TEST_CASE("JSON bodies are parsed keeping key order", "[cfn][body]") {
  const Json document = parseTemplateBody(
      "  \n{\"Resources\": {\"Zeta\": {\"Type\": \"AWS::SQS::Queue\"}, \"Alpha\": {\"Type\": "
      "\"AWS::SNS::Topic\", \"Properties\": {\"Timeout\": 30}}}}");
  CHECK(keysOf(document["Resources"]) == std::vector<std::string>{"Zeta", "Alpha"});
  CHECK(document["Resources"]["Alpha"]["Properties"]["Timeout"] == 30);
}

TEST_CASE("JSON syntax errors give CloudFormation's message with the position", "[cfn][body]") {
  CHECK_THROWS_WITH(parseTemplateBody("{\n  \"Resources\": {,}\n}"),
                    "Template format error: JSON not well-formed. (line 2, column 17)");
}

TEST_CASE("YAML scalars keep the types CloudFormation gives them", "[cfn][body]") {
  const Json document = parseTemplateBody(R"(
Plain:
  Timeout: 30
  Negative: -4
  Ratio: 1.5
  Exponent: 2e3
  Enabled: true
  Capitalized: True
  Upper: FALSE
  Yes: yes
  Off: off
  Version: 1.10
  Account: 012345678901
  Huge: 123456789012345678901234567890
  Word: hello world
  Date: 2010-09-09
Quoted:
  Timeout: "30"
  Enabled: 'true'
  Empty: ""
Nulls:
  Tilde: ~
  Word: null
  Empty:
)");
  const Json& plain = document["Plain"];
  CHECK(plain["Timeout"] == 30);
  CHECK(plain["Timeout"].is_number_integer());
  CHECK(plain["Negative"] == -4);
  CHECK(plain["Ratio"] == 1.5);
  CHECK(plain["Exponent"] == 2000.0);
  CHECK(plain["Enabled"] == true);
  CHECK(plain["Capitalized"] == true);
  CHECK(plain["Upper"] == false);
  CHECK(plain["Yes"] == "yes");
  CHECK(plain["Off"] == "off");
  CHECK(plain["Version"] == 1.1);
  CHECK(plain["Account"] == "012345678901");
  CHECK(plain["Huge"] == "123456789012345678901234567890");
  CHECK(plain["Word"] == "hello world");
  CHECK(plain["Date"] == "2010-09-09");
  CHECK(document["Quoted"]["Timeout"] == "30");
  CHECK(document["Quoted"]["Enabled"] == "true");
  CHECK(document["Quoted"]["Empty"] == "");
  CHECK(document["Nulls"]["Tilde"].is_null());
  CHECK(document["Nulls"]["Word"].is_null());
  CHECK(document["Nulls"]["Empty"].is_null());
}

TEST_CASE("YAML mappings keep document order and keys stay text", "[cfn][body]") {
  const Json document = parseTemplateBody("b: 1\na: 2\n1.10: x\ntrue: y\n");
  CHECK(keysOf(document) == std::vector<std::string>{"b", "a", "1.10", "true"});
}

TEST_CASE("YAML short-form tags become the long form", "[cfn][body]") {
  const Json document = parseTemplateBody(R"(
Ref: !Ref Queue
GetAtt: !GetAtt Queue.Arn
GetAttNested: !GetAtt Db.Endpoint.Address
GetAttList: !GetAtt [Queue, Arn]
Sub: !Sub "${AWS::Region}-x"
SubList: !Sub ["${A}", {A: !Ref B}]
Join: !Join [",", [a, !Ref B]]
If: !If [IsProd, 1, !Ref "AWS::NoValue"]
Select: !Select [0, !GetAZs ""]
Split: !Split [",", "a,b"]
Equals: !Equals [!Ref Env, prod]
And: !And [!Condition A, !Not [!Condition B]]
Or: !Or [!Condition A, !Condition B]
FindInMap: !FindInMap [Map, Top, Second]
Base64: !Base64 text
Import: !ImportValue Shared
Cidr: !Cidr ["10.0.0.0/16", 2, 8]
Json: !ToJsonString {a: 1}
Length: !Length [1, 2]
EmptyGetAZs: !GetAZs
)");
  CHECK(document["Ref"] == Json{{"Ref", "Queue"}});
  CHECK(document["GetAtt"] == Json{{"Fn::GetAtt", {"Queue", "Arn"}}});
  CHECK(document["GetAttNested"] == Json{{"Fn::GetAtt", {"Db", "Endpoint.Address"}}});
  CHECK(document["GetAttList"] == Json{{"Fn::GetAtt", {"Queue", "Arn"}}});
  CHECK(document["Sub"] == Json{{"Fn::Sub", "${AWS::Region}-x"}});
  CHECK(document["SubList"] ==
        Json{{"Fn::Sub", Json::array({"${A}", Json{{"A", Json{{"Ref", "B"}}}}})}});
  CHECK(document["Join"] ==
        Json{{"Fn::Join", Json::array({",", Json::array({"a", Json{{"Ref", "B"}}})})}});
  CHECK(document["If"] ==
        Json{{"Fn::If", Json::array({"IsProd", 1, Json{{"Ref", "AWS::NoValue"}}})}});
  CHECK(document["Select"] == Json{{"Fn::Select", Json::array({0, Json{{"Fn::GetAZs", ""}}})}});
  CHECK(document["Split"] == Json{{"Fn::Split", {",", "a,b"}}});
  CHECK(document["Equals"] == Json{{"Fn::Equals", Json::array({Json{{"Ref", "Env"}}, "prod"})}});
  CHECK(
      document["And"] ==
      Json{{"Fn::And", Json::array({Json{{"Condition", "A"}},
                                    Json{{"Fn::Not", Json::array({Json{{"Condition", "B"}}})}}})}});
  CHECK(document["Or"]["Fn::Or"].size() == 2);
  CHECK(document["FindInMap"] == Json{{"Fn::FindInMap", {"Map", "Top", "Second"}}});
  CHECK(document["Base64"] == Json{{"Fn::Base64", "text"}});
  CHECK(document["Import"] == Json{{"Fn::ImportValue", "Shared"}});
  CHECK(document["Cidr"] == Json{{"Fn::Cidr", Json::array({"10.0.0.0/16", 2, 8})}});
  CHECK(document["Json"] == Json{{"Fn::ToJsonString", Json{{"a", 1}}}});
  CHECK(document["Length"] == Json{{"Fn::Length", {1, 2}}});
  CHECK(document["EmptyGetAZs"] == Json{{"Fn::GetAZs", ""}});
}

TEST_CASE("YAML long-form intrinsics pass through unchanged", "[cfn][body]") {
  const Json document = parseTemplateBody("Value:\n  Fn::GetAtt: [Queue, Arn]\n");
  CHECK(document["Value"] == Json{{"Fn::GetAtt", {"Queue", "Arn"}}});
}

TEST_CASE("YAML anchors and aliases are expanded", "[cfn][body]") {
  const Json document = parseTemplateBody("base: &tags {Team: core}\ncopy: *tags\n");
  CHECK(document["copy"] == Json{{"Team", "core"}});
}

TEST_CASE("YAML errors give CloudFormation's message with the position", "[cfn][body]") {
  CHECK_THROWS_WITH(
      parseTemplateBody("Resources:\n  Queue: [a, b\n"),
      Catch::Matchers::StartsWith("Template format error: YAML not well-formed. (line"));
  CHECK_THROWS_WITH(
      parseTemplateBody("a: 1\na: 2\n"),
      "Template format error: YAML not well-formed. Duplicate key 'a'. (line 2, column 1)");
  CHECK_THROWS_WITH(parseTemplateBody("a: !Bogus x\n"),
                    "Template format error: Unsupported YAML tag !Bogus (line 1, column 4)");
  CHECK_THROWS_WITH(parseTemplateBody("? [a, b]\n: c\n"),
                    Catch::Matchers::Contains("Unsupported mapping key."));
}

TEST_CASE("Hostile bodies are refused, not crashed on", "[cfn][body]") {
  SECTION("deep JSON") {
    CHECK_THROWS_WITH(parseTemplateBody("{\"a\":" + nested(100000, "[", "]") + "}"),
                      Catch::Matchers::Contains("nests deeper than 256 levels"));
  }
  SECTION("deep YAML flow collections") {
    CHECK_THROWS_AS(parseTemplateBody("a: " + nested(100000, "[", "]")), TemplateError);
  }
  SECTION("deep YAML block sequences") {
    std::string body = "a:\n";
    for (int i = 0; i < 300; ++i) body += "- ";
    body += "x\n";
    CHECK_THROWS_WITH(parseTemplateBody(body), Catch::Matchers::Contains("nests deeper than 256"));
  }
  SECTION("nesting just inside the bound is fine") {
    CHECK_NOTHROW(parseTemplateBody("{\"a\":" + nested(200, "[", "]") + "}"));
    CHECK_NOTHROW(parseTemplateBody("a: " + nested(200, "[", "]")));
  }
  SECTION("an alias bomb") {
    std::string body = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 12; ++i) {
      const std::string previous = "*a" + std::to_string(i - 1);
      body += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + previous;
      for (int j = 1; j < 10; ++j) body += ", " + previous;
      body += "]\n";
    }
    CHECK_THROWS_WITH(parseTemplateBody(body), Catch::Matchers::Contains("YAML aliases"));
  }
  SECTION("an alias of a large string repeated") {
    std::string body = "big: &big " + std::string(200000, 'x') + "\nrepeats: [";
    for (int i = 0; i < 200; ++i) body += "*big, ";
    body += "*big]\n";
    CHECK_THROWS_WITH(parseTemplateBody(body), Catch::Matchers::Contains("YAML aliases"));
  }
  SECTION("a recursive alias") {
    CHECK_THROWS_AS(parseTemplateBody("a: &a [b, *a]\n"), TemplateError);
  }
  SECTION("aliases that would nest too deep") {
    std::string body = "a0: &a0 [x]\n";
    for (int i = 1; i < 400; ++i)
      body += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [*a" +
              std::to_string(i - 1) + "]\n";
    CHECK_THROWS_WITH(parseTemplateBody(body), Catch::Matchers::Contains("nests deeper than 256"));
  }
  SECTION("a body over 1 MiB") {
    CHECK_THROWS_WITH(parseTemplateBody("a: " + std::string(1024 * 1024, 'x')),
                      Catch::Matchers::Contains("larger than the maximum"));
  }
  SECTION("binary garbage") {
    std::string garbage;
    for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 7919) % 256);
    // Anything but a TemplateError escaping (or a crash) fails the test.
    const auto parseOrRefuse = [&garbage] {
      try {
        parseTemplateBody(garbage);
      } catch (const TemplateError&) {
      }
    };
    CHECK_NOTHROW(parseOrRefuse());
  }
}

TEST_CASE("An empty YAML document is null", "[cfn][body]") {
  CHECK(parseTemplateBody("# only a comment\n").is_null());
}

TEST_CASE("A large, fairly deep body without aliases is read", "[cfn][body]") {
  std::string body;
  std::string indent;
  for (int level = 0; level < 150; ++level) {
    body += indent + "l" + std::to_string(level) + ":\n";
    indent += "  ";
  }
  body += indent + "text: " + std::string(900 * 1024, 'x') + "\n";
  const Json document = parseTemplateBody(body);
  const Json* node = &document;
  for (int level = 0; level < 150; ++level) node = &(*node)["l" + std::to_string(level)];
  CHECK((*node)["text"].get<std::string>().size() == 900 * 1024);
}
