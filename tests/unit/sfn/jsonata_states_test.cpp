// JSONata states: QueryLanguage, {% %} expressions in Arguments / Output / Assign / Condition /
// Seconds / Items / Error, $states members, field rules, and States.QueryEvaluationError.
#include "engine_fixture.h"

using namespace stepsim::sfn;
using namespace stepsim::sfn::test;

namespace {

json jsonata(json states, const std::string& startAt) {
  return {{"QueryLanguage", "JSONata"}, {"StartAt", startAt}, {"States", std::move(states)}};
}

std::vector<Diagnostic> diagnose(const json& definition) {
  return compileDefinition(definition.dump()).errors;
}

}  // namespace

TEST_CASE("jsonata: Assign sees the values from before the state; Output") {
  EngineFixture f;
  json definition = jsonata(
      {{"One", {{"Type", "Pass"}, {"Assign", {{"x", 1}}}, {"Next", "Two"}}},
       {"Two",
        {{"Type", "Pass"},
         {"Assign", {{"x", "{% $x + 1 %}"}, {"y", "{% $x %}"}}},
         {"Output", "{% [$x] %}"},
         {"Next", "Three"}}},
       {"Three",
        {{"Type", "Pass"},
         {"Output", {{"x", "{% $x %}"}, {"y", "{% $y %}"}, {"previous", "{% $states.input %}"}}},
         {"End", true}}}},
      "One");
  Execution& e = f.start(definition);
  CHECK(output(e) == json{{"x", 2}, {"y", 1}, {"previous", {1}}});
}

TEST_CASE("jsonata: $states.context, however it is reached") {
  EngineFixture f;
  json definition = jsonata(
      {{"Direct", {{"Type", "Pass"}, {"Output", {{"name", "{% $states.context.Execution.Name %}"}}}, {"Next", "Lookup"}}},
       {"Lookup",
        {{"Type", "Pass"},
         {"Output", {{"name", "{% $states.input.name %}"}, {"state", "{% $lookup($states, 'context').State.Name %}"},
                     {"keys", "{% $sort($keys($states)) %}"}}},
         {"End", true}}}},
      "Direct");
  Execution& e = f.start(definition);
  CHECK(output(e) == json{{"name", "exec-1"}, {"state", "Lookup"}, {"keys", {"context", "input"}}});
}

TEST_CASE("jsonata: a Task takes Arguments; $states.result in Output and Assign") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::always({{"Payload", {{"jobId", "j-1"}}}});
  json task = {{"Type", "Task"},
               {"Resource", "arn:aws:states:::lambda:invoke"},
               {"Arguments", {{"FunctionName", "Submit"}, {"Payload", "{% $states.input %}"}}},
               {"Assign", {{"jobId", "{% $states.result.Payload.jobId %}"}}},
               {"Output", {{"id", "{% $jobId %}"}, {"same", "{% $states.result.Payload.jobId %}"}}},
               {"End", true}};
  Execution& e = f.start(jsonata({{"T", task}}, "T"), {{"wait", 5}});
  REQUIRE(f.fake.calls.size() == 1);
  CHECK(f.fake.calls[0]->request.parameters ==
        json{{"FunctionName", "Submit"}, {"Payload", {{"wait", 5}}}});
  // Output sees the variable's value from before the state (not yet assigned: undefined).
  CHECK(e.status == ExecutionStatus::Failed);
  CHECK(e.error == "States.QueryEvaluationError");
  CHECK(countOf(e, "EvaluationFailed") == 1);
}

TEST_CASE("jsonata: Choice Conditions, Wait Seconds, Map Items, Fail Error") {
  EngineFixture f;
  json iteration = {{"StartAt", "Double"},
                    {"States", {{"Double", {{"Type", "Pass"}, {"Output", "{% $states.input * 2 %}"}, {"End", true}}}}}};
  json definition = jsonata(
      {{"Pick",
        {{"Type", "Choice"},
         {"Choices", {{{"Condition", "{% $states.input.n > 1 %}"}, {"Next", "Wait"}}}},
         {"Default", "Bad"}}},
       {"Wait", {{"Type", "Wait"}, {"Seconds", "{% $states.input.n %}"}, {"Next", "Each"}}},
       {"Each",
        {{"Type", "Map"},
         {"Items", "{% $states.input.items %}"},
         {"ItemProcessor", iteration},
         {"Output", "{% $states.result %}"},
         {"End", true}}},
       {"Bad", {{"Type", "Fail"}, {"Error", "{% 'Too' & 'Small' %}"}}}},
      "Pick");
  SECTION("the path through Wait and Map") {
    Execution& e = f.start(definition, {{"n", 2}, {"items", {1, 2, 3}}});
    CHECK(e.status == ExecutionStatus::Running);
    f.advanceSeconds(2);
    CHECK(output(e) == json::array({2, 4, 6}));
  }
  SECTION("the Default to Fail") {
    Execution& e = f.start(definition, {{"n", 0}});
    CHECK(e.status == ExecutionStatus::Failed);
    CHECK(e.error == "TooSmall");
  }
  SECTION("Items that are not an array") {
    Execution& e = f.start(definition, {{"n", 2}, {"items", "x"}});
    f.advanceSeconds(2);
    CHECK(e.error == "States.QueryEvaluationError");
    CHECK(e.cause->find("Expected 'array'") != std::string::npos);
  }
}

TEST_CASE("jsonata: an evaluation error is caught with $states.errorOutput") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::echo();
  json definition = jsonata(
      {{"Add",
        {{"Type", "Task"},
         {"Resource", kLambdaArn},
         {"Output", "{% $states.result.a + 1 %}"},
         {"Catch",
          {{{"ErrorEquals", {"States.QueryEvaluationError"}},
            {"Assign", {{"why", "{% $states.errorOutput.Error %}"}}},
            {"Output", "{% $states.errorOutput %}"},
            {"Next", "Caught"}}}},
         {"Next", "Caught"}}},
       {"Caught", {{"Type", "Pass"}, {"Output", {{"why", "{% $why %}"}, {"in", "{% $states.input.Error %}"}}}, {"End", true}}}},
      "Add");
  Execution& e = f.start(definition, {{"a", "text"}});
  CHECK(output(e) == json{{"why", "States.QueryEvaluationError"}, {"in", "States.QueryEvaluationError"}});
  json failed = eventOf(e, "EvaluationFailed").details;
  CHECK(failed["state"] == "Add");
  CHECK(failed["location"] == "Output");
}

TEST_CASE("jsonata: field rules and validation") {
  SECTION("JSONPath fields are refused in JSONata states") {
    auto errors = diagnose(jsonata({{"P", {{"Type", "Pass"}, {"InputPath", "$.a"}, {"End", true}}}}, "P"));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message.find("InputPath") != std::string::npos);
  }
  SECTION("JSONata fields are refused in JSONPath states") {
    auto errors = diagnose(single({{"Type", "Pass"}, {"Output", "{% 1 %}"}, {"End", true}}));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message.find("Output") != std::string::npos);
  }
  SECTION("a state may opt into JSONata; not back into JSONPath") {
    CHECK(diagnose(single({{"Type", "Pass"}, {"QueryLanguage", "JSONata"}, {"Output", "{% 1 %}"}, {"End", true}})).empty());
    CHECK_FALSE(diagnose(jsonata({{"P", {{"Type", "Pass"}, {"QueryLanguage", "JSONPath"}, {"End", true}}}}, "P")).empty());
  }
  SECTION("syntax errors name the field") {
    auto errors = diagnose(jsonata({{"P", {{"Type", "Pass"}, {"Output", "{% $states.input.( %}"}, {"End", true}}}}, "P"));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].location == "/States/P/Output");
  }
  SECTION("an undefined variable is no definition error: `$nope` is looked up when it runs") {
    CHECK(diagnose(jsonata({{"P", {{"Type", "Pass"}, {"Output", "{% $nope %}"}, {"End", true}}}}, "P")).empty());
  }
  SECTION("but an undefined variable in a JSONPath state is") {
    json jsonPath = {{"StartAt", "P"},
                     {"States", {{"P", {{"Type", "Pass"}, {"Parameters", {{"v.$", "$nope"}}}, {"End", true}}}}}};
    auto errors = diagnose(jsonPath);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message.find("$nope") != std::string::npos);
  }
  SECTION("$eval is not supported") {
    auto errors = diagnose(jsonata({{"P", {{"Type", "Pass"}, {"Output", {{"v", "{% $eval('1 + 1') %}"}}}, {"End", true}}}}, "P"));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message.find("$eval") != std::string::npos);
    CHECK(errors[0].location == "/States/P/Output");
    CHECK(errors[0].message.find("Output/v") != std::string::npos);
  }
}
