#include <catch2/catch.hpp>

#include "emulator/cloudformation/template/template_error.h"
#include "template_test_support.h"

using stepsim::Json;
using namespace stepsim::cfn;
using stepsim::cfn::testing::readBody;
using stepsim::cfn::testing::TestStack;

namespace {

std::map<std::string, bool> conditionsOf(const std::string& conditions,
                                         const std::map<std::string, std::string>& given = {}) {
  const TestStack stack(R"(
Parameters:
  Env: {Type: String, Default: prod}
  Count: {Type: Number, Default: 1}
  Zones: {Type: CommaDelimitedList, Default: "a,b"}
Mappings:
  Sizes:
    prod: {Large: "true"}
Conditions:
)" + conditions + "Resources: {A: {Type: T}}\n",
                        given);
  return stack.conditions();
}

}  // namespace

TEST_CASE("Fn::Equals compares evaluated values as text", "[cfn][conditions]") {
  const auto values = conditionsOf(R"(
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Equals [dev, !Ref Env]
  NumberIsText: !Equals [!Ref Count, 1]
  BooleanIsText: !Equals ["true", true]
  InRegion: !Equals [!Ref "AWS::Region", eu-west-1]
  FromMapping: !Equals [!FindInMap [Sizes, !Ref Env, Large], true]
  FromSelect: !Equals [!Select [1, !Ref Zones], b]
  Lists: !Equals [!Ref Zones, [a, b]]
  FromSub: !Equals [!Sub "${Env}-x", prod-x]
)");
  CHECK(values.at("IsProd"));
  CHECK_FALSE(values.at("IsDev"));
  CHECK(values.at("NumberIsText"));
  CHECK(values.at("BooleanIsText"));
  CHECK(values.at("InRegion"));
  CHECK(values.at("FromMapping"));
  CHECK(values.at("FromSelect"));
  CHECK(values.at("Lists"));
  CHECK(values.at("FromSub"));
}

TEST_CASE("Fn::And, Fn::Or, Fn::Not and named conditions", "[cfn][conditions]") {
  const auto values = conditionsOf(R"(
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, !Equals [a, a]]
  Either: !Or [!Condition IsDev, !Condition IsProd]
  Neither: !Or [!Condition IsDev, !Equals [a, b]]
  NotBoth: !Not [!And [!Condition IsProd, !Condition IsDev]]
  Alias: {Condition: IsProd}
  Before: !And [!Condition Later, !Condition IsProd]
  Later: !Equals [x, x]
)",
                                   {});
  CHECK(values.at("IsProd"));
  CHECK_FALSE(values.at("IsDev"));
  CHECK(values.at("Both"));
  CHECK(values.at("Either"));
  CHECK_FALSE(values.at("Neither"));
  CHECK(values.at("NotBoth"));
  CHECK(values.at("Alias"));
  CHECK(values.at("Before"));
  CHECK(values.size() == 9);
}

TEST_CASE("Conditions follow the parameters given", "[cfn][conditions]") {
  const std::string conditions = "  IsProd: !Equals [!Ref Env, prod]\n";
  CHECK(conditionsOf(conditions, {{"Env", "prod"}}).at("IsProd"));
  CHECK_FALSE(conditionsOf(conditions, {{"Env", "dev"}}).at("IsProd"));
}

TEST_CASE("Malformed conditions are refused", "[cfn][conditions]") {
  CHECK_THROWS_WITH(conditionsOf("  C: !Equals [a]\n"),
                    "Template error: every Fn::Equals object requires a list of 2 parameters");
  CHECK_THROWS_WITH(conditionsOf("  C: !And [!Equals [a, a]]\n"),
                    "Template error: every Fn::And object requires a list of at least 2 and at "
                    "most 10 conditions");
  CHECK_THROWS_WITH(
      conditionsOf(
          "  C: !Or [" + std::string("!Equals [a, a], ") +
          "!Equals [a, a], !Equals [a, a], "
          "!Equals [a, a], !Equals [a, a], !Equals [a, a], !Equals [a, a], !Equals [a, a], "
          "!Equals [a, a], !Equals [a, a], !Equals [a, a]]\n"),
      Catch::Matchers::StartsWith("Template error: every Fn::Or object requires"));
  CHECK_THROWS_WITH(conditionsOf("  C: !Not [!Equals [a, a], !Equals [a, a]]\n"),
                    "Template error: every Fn::Not object requires a list of 1 condition");
  CHECK_THROWS_WITH(conditionsOf("  C: true\n"),
                    "Template format error: Conditions can only be boolean operations on "
                    "parameters and other conditions");
  CHECK_THROWS_WITH(conditionsOf("  C: !Not [!Ref Env]\n"),
                    "Template format error: Conditions can only be boolean operations on "
                    "parameters and other conditions");
  CHECK_THROWS_WITH(conditionsOf("  A: !Not [!Condition B]\n  B: !Not [!Condition A]\n"),
                    "Template format error: Circular dependency between conditions: [A, B]");
}

TEST_CASE("A long chain of conditions is evaluated or refused, never overflows",
          "[cfn][conditions]") {
  // Declared last-first, so that evaluating the first follows the whole chain.
  std::string chain;
  for (int i = 99; i > 0; --i)
    chain += "  C" + std::to_string(i) + ": !Not [!Condition C" + std::to_string(i - 1) + "]\n";
  chain += "  C0: !Equals [a, a]\n";
  const auto values = conditionsOf(chain);
  CHECK(values.at("C99") == false);
  CHECK(values.at("C98") == true);

  std::string longChain;
  for (int i = 1999; i > 0; --i)
    longChain += "  C" + std::to_string(i) + ": {Condition: C" + std::to_string(i - 1) + "}\n";
  longChain += "  C0: !Equals [a, a]\n";
  CHECK_THROWS_WITH(conditionsOf(longChain), Catch::Matchers::Contains("nests too deeply"));
}

TEST_CASE("Resource conditions decide what is created", "[cfn][conditions]") {
  const TestStack stack(R"(
Parameters:
  Env: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Always: {Type: T}
  ProdOnly: {Type: T, Condition: IsProd}
  Dependent: {Type: T, Condition: IsProd, Properties: {X: !Ref ProdOnly}}
)",
                        {{"Env", "dev"}});
  const auto conditions = stack.conditions();
  CHECK(creationOrder(stack.stackTemplate, conditions) == std::vector<std::string>{"Always"});
}

TEST_CASE("Condition functions may be evaluated as values", "[cfn][conditions]") {
  const TestStack stack("Resources: {A: {Type: T}}\n");
  CHECK(stack.evaluate("!Equals [a, a]") == true);
  CHECK(stack.evaluate("!Not [!Equals [a, a]]") == false);
  CHECK(stack.evaluate("!If [!Equals [a, b], yes, no]") == "no");
}
