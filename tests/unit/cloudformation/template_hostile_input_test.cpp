// Hostile templates, each found by fuzz_cfn_template (docs/fuzzing.md) or while probing its
// class by hand: every one must be refused with a TemplateError (or read), never crash, hang or
// let another exception out.
#include <catch2/catch.hpp>

#include <string>

#include "emulator/cloudformation/template/template_error.h"
#include "template_test_support.h"

using stepsim::Json;
using namespace stepsim::cfn;
using Catch::Matchers::Contains;
using stepsim::cfn::testing::fragment;
using stepsim::cfn::testing::readBody;
using stepsim::cfn::testing::TestStack;

namespace {

std::string repeated(std::string_view text, std::size_t times) {
  std::string result;
  for (std::size_t i = 0; i < times; ++i) result += text;
  return result;
}

// A stack with one parameter of CloudFormation's largest value (4096 bytes).
const TestStack& bigParameterStack() {
  static const TestStack stack(
      "Transform: AWS::LanguageExtensions\n"
      "Parameters:\n  Big: {Type: String, Default: " +
      std::string(4096, 'x') + "}\nResources:\n  Queue: {Type: AWS::SQS::Queue}\n");
  return stack;
}

}  // namespace

TEST_CASE("A JSON number past a double's range is a template format error", "[cfn][hostile]") {
  // nlohmann throws out_of_range, not parse_error, for it.
  CHECK_THROWS_AS(parseTemplateBody(R"({"Resources": {"A": {"Type": "T", "X": 1e400}}})"),
                  TemplateError);
  CHECK_THROWS_WITH(parseTemplateBody("{\"A\": -1e999}"),
                    Contains("Template format error: JSON not well-formed."));
}

TEST_CASE("YAML numbers past a double's range are read, not thrown", "[cfn][hostile]") {
  // std::stod threw out_of_range for both.
  const Json document = parseTemplateBody("Big: 1e400\nTiny: 1e-400\nMinus: -2.5e999\n");
  CHECK(document["Big"] == "1e400");  // kept as text, as other numbers a double cannot hold
  CHECK(document["Tiny"] == 0.0);
  CHECK(document["Minus"] == "-2.5e999");
}

TEST_CASE("Number parameters and constraints past a double's range", "[cfn][hostile]") {
  const char* const body = R"(
Parameters:
  Size: {Type: Number, Default: "1e-400", MinValue: "1e-999", MaxValue: "1e999",
         AllowedValues: ["1e-400", "2"]}
Resources:
  Queue: {Type: AWS::SQS::Queue}
)";
  const StackTemplate stackTemplate = readBody(body);
  CHECK(resolveParameters(stackTemplate, {}).at("Size") == "1e-400");
  CHECK(resolveParameters(stackTemplate, {{"Size", "2"}}).at("Size") == "2");
  CHECK_THROWS_WITH(resolveParameters(stackTemplate, {{"Size", "1e400"}}),
                    "Parameter 'Size' must be one of AllowedValues");
}

TEST_CASE("A chain of conditions naming conditions is refused before the stack overflows",
          "[cfn][hostile]") {
  std::string conditions;
  for (int i = 20000; i > 0; --i)
    conditions +=
        "  C" + std::to_string(i) + ": !Not [!Condition C" + std::to_string(i - 1) + "]\n";
  conditions += "  C0: !Equals [a, a]\n";
  const TestStack stack("Conditions:\n" + conditions + "Resources:\n  Q: {Type: T}\n");
  CHECK_THROWS_WITH(stack.conditions(), Contains("nests too deeply"));
}

TEST_CASE("Fn::Join and Fn::Sub that would make a gigantic string are refused", "[cfn][hostile]") {
  const TestStack& stack = bigParameterStack();
  const std::string tooLarge = "exceeds the maximum size of 2097152 bytes";
  // A million copies of a 4 KiB parameter: 4 GiB, unless the evaluation stops early.
  const Json joinRefs = fragment("!Join ['', [" + repeated("!Ref Big, ", 1000) + "!Ref Big]]");
  CHECK_THROWS_WITH(stack.evaluator().evaluate(joinRefs), Contains(tooLarge));
  // Joins nested 16 deep, each of two aliases of the one below: 65536 copies (256 MiB).
  std::string nested = "&a0 !Ref Big";
  for (int i = 1; i < 16; ++i)
    nested =
        "&a" + std::to_string(i) + " !Join ['', [" + nested + ", *a" + std::to_string(i - 1) + "]]";
  const Json nestedJoin = fragment("!Join ['', [" + nested + ", *a15]]");
  CHECK_THROWS_WITH(stack.evaluator().evaluate(nestedJoin), Contains(tooLarge));
  // A long delimiter between empty items copies nothing the budget would otherwise see.
  const Json delimiter =
      fragment("!Join [" + std::string(100000, 'd') + ", [" + repeated("'', ", 100) + "'']]");
  CHECK_THROWS_WITH(stack.evaluator().evaluate(delimiter), Contains(tooLarge));
  const Json sub =
      fragment("!Sub ['" + repeated("${X}", 1000) + "', {X: " + std::string(100000, 'v') + "}]");
  CHECK_THROWS_WITH(stack.evaluator().evaluate(sub), Contains(tooLarge));
  const Json subRefs = fragment("!Sub '" + repeated("${Big}", 1000) + "'");
  CHECK_THROWS_WITH(stack.evaluator().evaluate(subRefs), Contains(tooLarge));
  // Within the budget, the same functions work as before.
  CHECK(stack.evaluate("!Join ['', [!Ref Big, !Ref Big]]") == std::string(8192, 'x'));
}

TEST_CASE("Functions nested to grow their value each level are refused", "[cfn][hostile]") {
  const TestStack& stack = bigParameterStack();
  // Fn::Base64 grows by a third each level, Fn::ToJsonString doubles the escapes.
  Json base64 = fragment("!Ref Big");
  for (int i = 0; i < 60; ++i) base64 = Json::object({{"Fn::Base64", base64}});
  CHECK_THROWS_WITH(stack.evaluator().evaluate(base64), Contains("exceeds the maximum size"));
  std::string toJson = "!Ref Big";
  for (int i = 0; i < 60; ++i) toJson = "!ToJsonString [" + toJson + "]";
  CHECK_THROWS_WITH(stack.evaluate(toJson), Contains("exceeds the maximum size"));
  // So do many copies of a function's list.
  CHECK_THROWS_WITH(stack.evaluate("[" + repeated("!Split [',', !Ref Big], ", 600) + "x]"),
                    Contains("exceeds the maximum size"));
}

TEST_CASE("An AllowedPattern too costly to match against the value is refused at once",
          "[cfn][hostile]") {
  // Each took seconds (under the sanitizers, tens) in the polynomial matcher; 200 parameters
  // could have held the server for minutes.
  auto withPattern = [](const std::string& pattern, std::size_t valueLength) {
    return readBody("Parameters:\n  P: {Type: String, Default: '" + std::string(valueLength, 'a') +
                    "', AllowedPattern: '" + pattern + "'}\nResources:\n  Q: {Type: T}\n");
  };
  const std::string tooComplex =
      "Template format error: Parameter 'P' AllowedPattern is too complex.";
  CHECK_THROWS_WITH(resolveParameters(withPattern(repeated("a*", 2048), 4096), {}), tooComplex);
  CHECK_THROWS_WITH(resolveParameters(withPattern(repeated("[a]{1,1000}", 4), 4096), {}),
                    tooComplex);
  CHECK_THROWS_WITH(resolveParameters(withPattern("(?:a{1,999}){1,99}", 100), {}), tooComplex);
  CHECK_THROWS_WITH(
      resolveParameters(withPattern(repeated("a?", 1300) + std::string(1300, 'a'), 1300), {}),
      tooComplex);
  // Real patterns are far below the bound, even against long values.
  CHECK(resolveParameters(withPattern("[a-z0-9-]{1,63}", 63), {}).at("P") == std::string(63, 'a'));
  CHECK(resolveParameters(withPattern("[a-z]*", 4096), {}).at("P") == std::string(4096, 'a'));
  CHECK(resolveParameters(withPattern("^(a|b)+(?:-[a-z]{2,8}){0,3}$", 300), {}).at("P") ==
        std::string(300, 'a'));
  CHECK_THROWS_WITH(resolveParameters(withPattern("b{1,4}", 3), {}),
                    "Parameter 'P' must match pattern b{1,4}");
}
