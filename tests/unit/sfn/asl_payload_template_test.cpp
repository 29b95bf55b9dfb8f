#include <catch2/catch.hpp>

#include "emulator/core/json.h"
#include "emulator/core/random.h"
#include "emulator/stepfunctions/asl/errors.h"
#include "emulator/stepfunctions/asl/payload_template.h"

using namespace stepsim::sfn;
using json = stepsim::Json;
using stepsim::core::Random;

namespace {

const json kContext = json::parse(R"J({"Execution": {"Id": "arn:exec", "Name": "run-1"},
  "Map": {"Item": {"Index": 1, "Value": {"x": 2}}}, "Task": {"Token": "tok"}})J");

json render(const json& tmpl, const json& input) {
  Random random(1);
  return PayloadTemplate::parse(tmpl).evaluate(EvalContext{input, kContext, random});
}

std::string parseError(const json& tmpl) {
  try {
    PayloadTemplate::parse(tmpl);
  } catch (const AslSyntaxError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("payload templates: the developer guide's Parameters example") {
  json input = json::parse(R"J({"comment": "Example for Parameters.",
    "product": {"details": {"color": "blue", "size": "small", "material": "cotton"},
                "availability": "in stock", "sku": "2317", "cost": "$23"}})J");
  json tmpl = json::parse(R"J({"comment": "Selecting what I care about.",
    "MyDetails": {"size.$": "$.product.details.size", "exists.$": "$.product.availability",
                  "StaticValue": "foo"}})J");
  CHECK(render(tmpl, input) == json::parse(R"J({"comment": "Selecting what I care about.",
    "MyDetails": {"size": "small", "exists": "in stock", "StaticValue": "foo"}})J"));
}

TEST_CASE("payload templates: the ResultSelector example") {
  json result =
      json::parse(R"J({"resourceType": "elasticmapreduce", "resource": "createCluster.sync",
    "output": {"SdkHttpMetadata": {"HttpStatusCode": 200}, "ClusterId": "AKIAIOSFODNN7EXAMPLE"}})J");
  json tmpl =
      json::parse(R"J({"ClusterId.$": "$.output.ClusterId", "ResourceType.$": "$.resourceType"})J");
  CHECK(render(tmpl, result) ==
        json::parse(
            R"J({"ClusterId": "AKIAIOSFODNN7EXAMPLE", "ResourceType": "elasticmapreduce"})J"));
}

TEST_CASE("payload templates: the specification's Parameters example") {
  json tmpl = json::parse(
      R"J({"flagged": true, "parts": {"first.$": "$.vals[0]", "last3.$": "$.vals[3:]"}})J");
  json input = json::parse(R"J({"flagged": 7, "vals": [0, 10, 20, 30, 40, 50]})J");
  CHECK(render(tmpl, input) ==
        json::parse(R"J({"flagged": true, "parts": {"first": 0, "last3": [30, 40, 50]}})J"));
}

TEST_CASE("payload templates: context object, intrinsics, arrays, whole input") {
  json input = json::parse(R"J({"a": 1, "list": [{"id": 1}, {"id": 2}], "s": "x"})J");
  json tmpl = json::parse(R"J({
    "execution.$": "$$.Execution.Id",
    "item.$": "$$.Map.Item.Value",
    "token.$": "$$.Task.Token",
    "all.$": "$",
    "ids.$": "$.list[*].id",
    "greeting.$": "States.Format('Hello {} from {}', $.s, $$.Execution.Name)",
    "arr": [1, {"in.$": "$.a"}, [{"deep.$": "States.Array($.a, 2)"}], "plain.$ is a value"],
    "nested": {"static": {"k": [1, 2]}, "more": {"v.$": "$.s"}},
    "n": null
  })J");
  json out = render(tmpl, input);
  CHECK(out == json::parse(R"J({
    "execution": "arn:exec",
    "item": {"x": 2},
    "token": "tok",
    "all": {"a": 1, "list": [{"id": 1}, {"id": 2}], "s": "x"},
    "ids": [1, 2],
    "greeting": "Hello x from run-1",
    "arr": [1, {"in": 1}, [{"deep": [1, 2]}], "plain.$ is a value"],
    "nested": {"static": {"k": [1, 2]}, "more": {"v": "x"}},
    "n": null
  })J"));
  // A template without ".$" fields is static, including scalars and arrays.
  CHECK(PayloadTemplate::parse(json::parse(R"J({"a": {"b": [1, {"c": "$.x"}]}})J")).isStatic());
  CHECK(PayloadTemplate::parse(json("$.not-a-path")).isStatic());
  CHECK(PayloadTemplate::parse(json::parse("[1, 2]")).isStatic());
  CHECK_FALSE(PayloadTemplate::parse(tmpl).isStatic());
  CHECK_FALSE(PayloadTemplate::parse(json::parse(R"J([{"a.$": "$"}])J")).isStatic());
  CHECK(render(json::parse(R"J({"a": {"b": 1}})J"), input) == json::parse(R"J({"a": {"b": 1}})J"));
  CHECK(render(json::parse(R"J([{"a.$": "$.a"}, 2])J"), input) ==
        json::parse(R"J([{"a": 1}, 2])J"));
  CHECK(render(json::object(), input) == json::object());
  // A key that is only ".$" maps to the empty key.
  CHECK(render(json::parse(R"J({".$": "$.a"})J"), input) == json::parse(R"J({"": 1})J"));
}

TEST_CASE("payload templates: AWS's quirks for missing values") {
  json input = json::parse(R"J({"items": [1, 2], "nul": null})J");
  // An out-of-range index at the end of a path is null, as on AWS.
  CHECK(render(json::parse(R"J({"idx.$": "$.items[5]"})J"), input) ==
        json::parse(R"J({"idx": null})J"));
  CHECK(render(json::parse(R"J({"v.$": "$.nul"})J"), input) == json::parse(R"J({"v": null})J"));
  CHECK(render(json::parse(R"J({"v.$": "$.nothing[*]"})J"), input) ==
        json::parse(R"J({"v": []})J"));
}

TEST_CASE("payload templates: run-time failures name the field and the path") {
  auto failure = [](const json& tmpl, const json& input) {
    try {
      render(tmpl, input);
    } catch (const StatesError& e) {
      CHECK(e.error == "States.Runtime");
      return e.cause;
    }
    return std::string("no error");
  };
  // Causes recorded from AWS.
  CHECK(
      failure(json::parse(R"J({"missing.$": "$.nope.deep"})J"), json::parse(R"J({"other":1})J")) ==
      "The JSONPath '$.nope.deep' specified for the field 'missing.$' could not be found in the "
      "input '{\"other\":1}'");
  CHECK(failure(json::parse(R"J({"missing.$": "$.nope"})J"), json::parse("[1,2]")) ==
        "The JSONPath '$.nope' specified for the field 'missing.$' could not be found in the input "
        "'[1,2]'");
  CHECK(failure(json::parse(R"J({"a": {"b": [{"deep.$": "$.x.y"}]}})J"),
                json::parse(R"J({"x":{}})J")) ==
        "The JSONPath '$.x.y' specified for the field 'deep.$' could not be found in the input "
        "'{\"x\":{}}'");
  CHECK(failure(json::parse(R"J({"c.$": "$$.Execution.Nope"})J"), json::object())
            .find("The JSONPath '$$.Execution.Nope' specified for the field 'c.$' could not be "
                  "found") == 0);
  CHECK(failure(json::parse(R"J({"f.$": "States.Format('{}', $.nope)"})J"),
                json::parse(R"J({"other":1})J")) ==
        "The function 'States.Format('{}', $.nope)' had the following error: The JsonPath argument "
        "for the field '$.nope' could not be found in the input '{\"other\":1}'");
  CHECK(failure(json::parse(R"J({"f.$": "States.MathAdd($.a, 'x')"})J"),
                json::parse(R"J({"a":1})J")) ==
        "The function 'States.MathAdd($.a, 'x')' had the following error: Invalid arguments in "
        "States.MathAdd");
}

TEST_CASE("payload templates: definition errors") {
  const std::string suffix = "' must be a valid JSONPath or a valid intrinsic function call";
  CHECK(parseError(json::parse(R"J({"taskToken.$": 1})J")) ==
        "The value for the field 'taskToken.$" + suffix);
  CHECK(parseError(json::parse(R"J({"a": {"b.$": null}})J")) ==
        "The value for the field 'b.$" + suffix);
  CHECK(parseError(json::parse(R"J({"a.$": {"x": 1}})J")) ==
        "The value for the field 'a.$" + suffix);
  CHECK(parseError(json::parse(R"J({"a.$": "missing"})J"))
            .find("The value for the field 'a.$" + suffix + " (") == 0);
  CHECK(parseError(json::parse(R"J({"a.$": "$.a["})J")).find("Invalid JSONPath '$.a['") !=
        std::string::npos);
  CHECK(
      parseError(json::parse(R"J({"a.$": "States.Nope()"})J")).find("unknown intrinsic function") !=
      std::string::npos);
  CHECK(
      parseError(json::parse(R"J([{"x": [{"y.$": ""}]}])J")).find("The value for the field 'y.$") ==
      0);
  CHECK(parseError(json::parse(R"J({"a": 1, "a.$": "$.a"})J")) ==
        "The field 'a' is given both as 'a' and as 'a.$'");
}
