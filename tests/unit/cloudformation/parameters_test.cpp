#include <catch2/catch.hpp>

#include "emulator/cloudformation/template/template_error.h"
#include "template_test_support.h"

using stepsim::Json;
using namespace stepsim::cfn;
using stepsim::cfn::testing::readBody;

namespace {

std::map<std::string, Json> resolve(const std::string& parameters,
                                    const std::map<std::string, std::string>& given) {
  return resolveParameters(
      readBody("Parameters:\n" + parameters + "Resources: {Resource: {Type: T}}\n"), given);
}

}  // namespace

TEST_CASE("Parameters take the given value, else the default", "[cfn][parameters]") {
  const auto values = resolve(R"(
  Env: {Type: String, Default: dev}
  Name: {Type: String}
  Size: {Type: Number, Default: 30}
  Flag: {Type: String, Default: true}
)",
                              {{"Name", "orders"}, {"Env", "prod"}});
  CHECK(values.at("Env") == "prod");
  CHECK(values.at("Name") == "orders");
  CHECK(values.at("Size") == "30");
  CHECK(values.at("Flag") == "true");
}

TEST_CASE("List parameters become arrays of strings", "[cfn][parameters]") {
  const auto values = resolve(R"(
  Names: {Type: CommaDelimitedList, Default: "a,b,c"}
  Ports: {Type: List<Number>, Default: "80,443"}
  Subnets: {Type: List<AWS::EC2::Subnet::Id>}
  FromSsm: {Type: "AWS::SSM::Parameter::Value<List<String>>"}
  Image: {Type: "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>"}
  Vpc: {Type: AWS::EC2::VPC::Id}
)",
                              {{"Subnets", "subnet-1,subnet-2"},
                               {"FromSsm", "x,y"},
                               {"Image", "/aws/service/ami"},
                               {"Vpc", "vpc-1"}});
  CHECK(values.at("Names") == Json::array({"a", "b", "c"}));
  CHECK(values.at("Ports") == Json::array({"80", "443"}));
  CHECK(values.at("Subnets") == Json::array({"subnet-1", "subnet-2"}));
  CHECK(values.at("FromSsm") == Json::array({"x", "y"}));
  CHECK(values.at("Image") == "/aws/service/ami");
  CHECK(values.at("Vpc") == "vpc-1");
}

TEST_CASE("Missing and undeclared parameters are refused", "[cfn][parameters]") {
  const std::string declarations =
      "  A: {Type: String}\n  B: {Type: String}\n  C: {Type: String, Default: c}\n";
  CHECK_THROWS_WITH(resolve(declarations, {}), "Parameters: [A, B] must have values");
  CHECK_THROWS_WITH(resolve(declarations, {{"A", "a"}, {"B", "b"}, {"Extra", "x"}}),
                    "Parameters: [Extra] do not exist in the template");
}

TEST_CASE("Number parameters must be numbers within their range", "[cfn][parameters]") {
  const std::string declaration = "  Size: {Type: Number, MinValue: 1, MaxValue: 10.5}\n";
  CHECK(resolve(declaration, {{"Size", "2.5"}}).at("Size") == "2.5");
  CHECK(resolve("  Size: {Type: Number}\n", {{"Size", "-0.5e3"}}).at("Size") == "-0.5e3");
  CHECK_THROWS_WITH(resolve(declaration, {{"Size", "ten"}}), "Parameter 'Size' must be a number");
  CHECK_THROWS_WITH(resolve(declaration, {{"Size", "0x10"}}), "Parameter 'Size' must be a number");
  CHECK_THROWS_WITH(resolve(declaration, {{"Size", ""}}), "Parameter 'Size' must be a number");
  CHECK_THROWS_WITH(resolve("  Size: {Type: Number, MinValue: 1}\n", {{"Size", "0"}}),
                    "Parameter 'Size' must be a number not less than 1");
  CHECK_THROWS_WITH(resolve(declaration, {{"Size", "11"}}),
                    "Parameter 'Size' must be a number not greater than 10.5");
  CHECK_THROWS_WITH(resolve("  Ports: {Type: List<Number>}\n", {{"Ports", "80,http"}}),
                    "Parameter 'Ports' must be a number");
}

TEST_CASE("String constraints are checked", "[cfn][parameters]") {
  CHECK_THROWS_WITH(
      resolve("  Env: {Type: String, AllowedValues: [dev, prod]}\n", {{"Env", "test"}}),
      "Parameter 'Env' must be one of AllowedValues");
  CHECK_THROWS_WITH(resolve("  Env: {Type: String, AllowedValues: [dev, prod], "
                            "ConstraintDescription: must be dev or prod}\n",
                            {{"Env", "test"}}),
                    "Parameter 'Env' failed to satisfy constraint: must be dev or prod");
  CHECK_THROWS_WITH(
      resolve("  Name: {Type: String, AllowedPattern: '[a-z]+'}\n", {{"Name", "abc1"}}),
      "Parameter 'Name' must match pattern [a-z]+");
  CHECK(
      resolve("  Name: {Type: String, AllowedPattern: '[a-z]+'}\n", {{"Name", "abc"}}).at("Name") ==
      "abc");
  CHECK_THROWS_WITH(resolve("  Name: {Type: String, MinLength: 3}\n", {{"Name", "ab"}}),
                    "Parameter 'Name' must contain at least 3 characters");
  CHECK_THROWS_WITH(resolve("  Name: {Type: String, MaxLength: 3}\n", {{"Name", "abcd"}}),
                    "Parameter 'Name' must contain at most 3 characters");
  // Characters, not bytes: "é" is two bytes of UTF-8.
  CHECK(resolve("  Name: {Type: String, MaxLength: 3}\n", {{"Name", "été"}}).at("Name") == "été");
  CHECK_THROWS_WITH(
      resolve("  Envs: {Type: CommaDelimitedList, AllowedValues: [a, b]}\n", {{"Envs", "a,c"}}),
      "Parameter 'Envs' must be one of AllowedValues");
  CHECK(resolve("  Size: {Type: Number, AllowedValues: [1, 2]}\n", {{"Size", "2.0"}}).at("Size") ==
        "2.0");
}

TEST_CASE("Defaults are checked like given values", "[cfn][parameters]") {
  CHECK_THROWS_WITH(resolve("  Size: {Type: Number, Default: big}\n", {}),
                    "Parameter 'Size' must be a number");
}

TEST_CASE("Hostile patterns and values do not hang or crash", "[cfn][parameters]") {
  // Catastrophic for a backtracking matcher: (a+)+b against a long run of a's.
  CHECK_THROWS_WITH(resolve("  Name: {Type: String, AllowedPattern: '(a+)+b'}\n",
                            {{"Name", std::string(4000, 'a')}}),
                    "Parameter 'Name' must match pattern (a+)+b");
  CHECK_THROWS_WITH(resolve("  Name: {Type: String, AllowedPattern: '" + std::string(100, '(') +
                                "a" + std::string(100, ')') + "'}\n",
                            {{"Name", "a"}}),
                    Catch::Matchers::Contains("AllowedPattern is too complex"));
  CHECK_THROWS_WITH(resolve("  Name: {Type: String, AllowedPattern: '[a-'}\n", {{"Name", "a"}}),
                    Catch::Matchers::Contains("not a valid regular expression"));
  CHECK_THROWS_WITH(resolve("  Name: {Type: String}\n", {{"Name", std::string(5000, 'x')}}),
                    "Parameter 'Name' must contain at most 4096 characters");
}
