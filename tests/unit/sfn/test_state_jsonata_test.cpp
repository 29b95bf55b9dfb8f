// TestState on JSONata states (Output, Arguments → afterArguments, Condition, Fail expressions,
// a JSONata Catch) and Assign in both query languages: inspectionData.variables shows the
// variables after the state's assignments, as AWS shows them.
#include "test_state_fixture.h"

using namespace stepsim::sfn;
using namespace stepsim::sfn::test;

namespace {

// A DEBUG request with the given `variables`.
json testRequest(const json& state, const json& input = json::object(),
                 std::optional<json> variables = std::nullopt) {
  json out = request(state, input);
  if (variables) out["variables"] = variables->dump();
  return out;
}

json jsonataState(json state) {
  state["QueryLanguage"] = "JSONata";
  return state;
}

// The JSONPath data-flow steps AWS leaves out for JSONata states.
void checkNoJsonPathSteps(const json& out) {
  for (const char* step : {"afterInputPath", "afterParameters", "afterResultSelector", "afterResultPath"})
    CHECK_FALSE(out["inspectionData"].contains(step));
}

}  // namespace

TEST_CASE("TestState JSONata Pass: Output, and Assign reported after assignment") {
  TestStateFixture f;
  // Assign and Output both see the variables from before the state.
  json pass = jsonataState({{"Type", "Pass"},
                            {"Assign", {{"x", "{% $x + 1 %}"}, {"before", "{% $x %}"}}},
                            {"Output", {{"sum", "{% $states.input.a + $x %}"}}},
                            {"Next", "After"}});
  json out = f.run(testRequest(pass, {{"a", 2}}, json{{"x", 1}, {"keep", "k"}}));
  CHECK(out["status"] == "SUCCEEDED");
  CHECK(out["nextState"] == "After");
  CHECK(data(out, "output") == json{{"sum", 3}});
  CHECK(data(out, "input") == json{{"a", 2}});
  CHECK(data(out, "variables") == json{{"x", 2}, {"before", 1}, {"keep", "k"}});
  checkNoJsonPathSteps(out);
  CHECK_FALSE(out["inspectionData"].contains("afterArguments"));  // a Pass has no Arguments

  // Without Output the input goes on.
  json plain = f.run(testRequest(jsonataState({{"Type", "Pass"}, {"End", true}}), {{"a", 2}}));
  CHECK(data(plain, "output") == json{{"a", 2}});
  CHECK_FALSE(plain["inspectionData"].contains("variables"));  // none given, none assigned
}

TEST_CASE("TestState JSONata Task with a mock: afterArguments, result, Output and Assign") {
  TestStateFixture f;
  json task = jsonataState(
      {{"Type", "Task"},
       {"Resource", "arn:aws:states:::lambda:invoke"},
       {"Arguments", {{"FunctionName", "work"}, {"Payload", {{"id", "{% $states.input.id %}"}}}}},
       {"Assign", {{"jobId", "{% $states.result.Payload.jobId %}"}}},
       {"Output", {{"job", "{% $states.result.Payload.jobId %}"}, {"was", "{% $states.input %}"}}},
       {"Next", "Poll"}});
  json mocked = testRequest(task, {{"id", 7}});
  // Invoke's model says Payload is a blob (a string): a JSON payload needs the checks off.
  mocked["mock"] = {{"result", R"({"Payload": {"jobId": "j-1"}})"}, {"fieldValidationMode", "NONE"}};
  json out = f.run(mocked);
  CHECK(f.fake.calls.empty());
  CHECK(out["status"] == "SUCCEEDED");
  CHECK(out["nextState"] == "Poll");
  CHECK(data(out, "afterArguments") == json{{"FunctionName", "work"}, {"Payload", {{"id", 7}}}});
  CHECK(data(out, "result") == json{{"Payload", {{"jobId", "j-1"}}}});
  CHECK(data(out, "output") == json{{"job", "j-1"}, {"was", {{"id", 7}}}});
  CHECK(data(out, "variables") == json{{"jobId", "j-1"}});
  checkNoJsonPathSteps(out);

  // Unmocked, the service is called with the Arguments' value.
  f.fake.script = FakeIntegrations::always({{"Payload", {{"jobId", "j-2"}}}});
  json called = f.run(testRequest(task, {{"id", 8}}));
  REQUIRE(f.fake.calls.size() == 1);
  CHECK(f.fake.calls[0]->request.parameters ==
        json{{"FunctionName", "work"}, {"Payload", {{"id", 8}}}});
  CHECK(data(called, "variables") == json{{"jobId", "j-2"}});
}

TEST_CASE("TestState JSONata Choice: a Condition on a request variable picks nextState") {
  TestStateFixture f;
  json choice = jsonataState(
      {{"Type", "Choice"},
       {"Choices", json::array({{{"Condition", "{% $states.input.n > $limit %}"},
                                 {"Assign", {{"picked", "big"}}},
                                 {"Output", {{"big", "{% $states.input.n %}"}}},
                                 {"Next", "Big"}}})},
       {"Default", "Small"}});
  json big = f.run(testRequest(choice, {{"n", 11}}, json{{"limit", 10}}));
  CHECK(big["status"] == "SUCCEEDED");
  CHECK(big["nextState"] == "Big");
  CHECK(data(big, "output") == json{{"big", 11}});
  CHECK(data(big, "variables") == json{{"limit", 10}, {"picked", "big"}});

  json small = f.run(testRequest(choice, {{"n", 3}}, json{{"limit", 10}}));
  CHECK(small["nextState"] == "Small");
  CHECK(data(small, "output") == json{{"n", 3}});
  CHECK(data(small, "variables") == json{{"limit", 10}});
}

TEST_CASE("TestState JSONata Fail: Error and Cause from expressions") {
  TestStateFixture f;
  json fail = jsonataState({{"Type", "Fail"},
                            {"Error", "{% 'Order.' & $states.input.code %}"},
                            {"Cause", "{% 'item ' & $item & ' is gone' %}"}});
  json out = f.run(testRequest(fail, {{"code", "Missing"}}, json{{"item", "pen"}}));
  CHECK(out["status"] == "FAILED");
  CHECK(out["error"] == "Order.Missing");
  CHECK(out["cause"] == "item pen is gone");
  CHECK_FALSE(out.contains("output"));

  // An Error that is not a string fails the state with States.QueryEvaluationError.
  json wrong = f.run(testRequest(jsonataState({{"Type", "Fail"}, {"Error", "{% 42 %}"}})));
  CHECK(wrong["status"] == "FAILED");
  CHECK(wrong["error"] == "States.QueryEvaluationError");
}

TEST_CASE("TestState JSONata Catch: a QueryEvaluationError caught, Output from $states.errorOutput") {
  TestStateFixture f;
  json catches = json::array(
      {{{"ErrorEquals", {"States.Timeout"}}, {"Next", "Other"}},
       {{"ErrorEquals", {"States.QueryEvaluationError"}},
        {"Next", "Recover"},
        {"Assign", {{"failedWith", "{% $states.errorOutput.Error %}"}}},
        {"Output", {{"error", "{% $states.errorOutput.Error %}"}, {"was", "{% $states.input %}"}}}}});
  json task = jsonataState({{"Type", "Task"},
                            {"Resource", kLambdaArn},
                            {"Arguments", {{"x", "{% $states.input.missing.field %}"}}},
                            {"Catch", catches},
                            {"Next", "Done"}});
  json mocked = testRequest(task, {{"id", 1}}, json{{"keep", true}});
  mocked["mock"] = {{"result", "{}"}};
  json out = f.run(mocked);
  CHECK(out["status"] == "CAUGHT_ERROR");
  CHECK(out["nextState"] == "Recover");
  CHECK(out["error"] == "States.QueryEvaluationError");
  CHECK(data(out, "output") ==
        json{{"error", "States.QueryEvaluationError"}, {"was", {{"id", 1}}}});
  CHECK(data(out, "variables") ==
        json{{"keep", true}, {"failedWith", "States.QueryEvaluationError"}});
  CHECK(out["inspectionData"]["errorDetails"] == json{{"catchIndex", 1}});
  CHECK_FALSE(out["inspectionData"].contains("afterArguments"));  // they failed

  // Without a catcher the test fails, the variables as they were.
  task.erase("Catch");
  mocked = testRequest(task, {{"id", 1}}, json{{"keep", true}});
  mocked["mock"] = {{"result", "{}"}};
  json failed = f.run(mocked);
  CHECK(failed["status"] == "FAILED");
  CHECK(failed["error"] == "States.QueryEvaluationError");
  CHECK(data(failed, "variables") == json{{"keep", true}});
}

TEST_CASE("TestState JSONata Wait and mocked Map") {
  TestStateFixture f;
  json wait = jsonataState({{"Type", "Wait"}, {"Seconds", "{% $states.input.s %}"}, {"Next", "After"}});
  json waited = f.run(testRequest(wait, {{"s", 3600}}));
  CHECK(waited["nextState"] == "After");
  CHECK(f.sim.now() == f.sim.config().startTime);
  CHECK(f.run(testRequest(wait, {{"s", "soon"}}))["error"] == "States.QueryEvaluationError");

  json map = jsonataState(
      {{"Type", "Map"},
       {"ItemProcessor", {{"StartAt", "P"}, {"States", {{"P", {{"Type", "Pass"}, {"End", true}}}}}}},
       {"Output", {{"total", "{% $sum($states.result) %}"}}},
       {"End", true}});
  json mocked = testRequest(map, json::array({1, 2}));
  mocked["mock"] = {{"result", "[10, 20]"}};
  json out = f.run(mocked);
  CHECK(data(out, "output") == json{{"total", 30}});
  // As for a JSONPath Map (AWS's recordings): its settings, no `result`.
  CHECK(out["inspectionData"]["maxConcurrency"] == 0);
  CHECK_FALSE(out["inspectionData"].contains("result"));
}

TEST_CASE("TestState JSONPath Pass: Assign reads the result and is reported in variables") {
  TestStateFixture f;
  json pass = {{"Type", "Pass"},
               {"Parameters", {{"n.$", "$.n"}}},
               {"Assign", {{"doubled.$", "States.MathAdd($.n, $.n)"}, {"old.$", "$x"}, {"x", 0}}},
               {"ResultPath", "$.r"},
               {"Next", "N"}};
  json out = f.run(testRequest(pass, {{"n", 2}}, json{{"x", 5}}));
  CHECK(out["status"] == "SUCCEEDED");
  CHECK(data(out, "output") == json{{"n", 2}, {"r", {{"n", 2}}}});
  CHECK(data(out, "variables") == json{{"x", 0}, {"doubled", 4}, {"old", 5}});
  CHECK(data(out, "afterParameters") == json{{"n", 2}});
  CHECK_FALSE(out["inspectionData"].contains("afterArguments"));  // JSONata only
}

TEST_CASE("TestState: a JSONata syntax error is InvalidDefinition") {
  TestStateFixture f;
  json bad = jsonataState({{"Type", "Pass"}, {"Output", "{% 1 + %}"}, {"End", true}});
  CHECK(f.refusal(testRequest(bad)).first == "InvalidDefinition");
  json machine = {{"QueryLanguage", "JSONata"},
                  {"StartAt", "A"},
                  {"States", {{"A", {{"Type", "Pass"}, {"Output", "{% $states.input. %}"}, {"End", true}}}}}};
  json whole = testRequest(machine);
  whole["stateName"] = "A";
  CHECK(f.refusal(whole).first == "InvalidDefinition");
}
