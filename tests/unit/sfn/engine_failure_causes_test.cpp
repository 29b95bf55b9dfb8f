// How a failure of the machine's own evaluation reads: AWS names the state and the event it was
// entered at before the cause, and records a Map's or Parallel's failure after EvaluationFailed.
#include "engine_fixture.h"

using namespace stepsim::sfn;
using namespace stepsim::sfn::test;

TEST_CASE("failure causes: States.Runtime names the state and the event it was entered at") {
  EngineFixture f;
  json def = json::parse(R"J({"StartAt": "First", "States": {
    "First": {"Type": "Pass", "Next": "Second"},
    "Second": {"Type": "Pass", "InputPath": "$.absent", "End": true}}})J");
  Execution& e = f.start(def, {{"present", 1}});
  REQUIRE(statusOf(e) == "FAILED");
  CHECK(e.error == "States.Runtime");
  std::int64_t entered = eventOf(e, "PassStateEntered", 1).id;
  CHECK(entered == 4);
  CHECK(e.cause->rfind("An error occurred while executing the state 'Second' (entered at the event "
                       "id #4). Invalid path '$.absent'", 0) == 0);
}

TEST_CASE("failure causes: a JSONata evaluation failure carries the prefix in both events") {
  EngineFixture f;
  json def = json::parse(R"J({"QueryLanguage": "JSONata", "StartAt": "Calc", "States": {
    "Calc": {"Type": "Pass", "Output": "{% $number('x') + 1 %}", "End": true}}})J");
  Execution& e = f.start(def);
  REQUIRE(statusOf(e) == "FAILED");
  EventView evaluation = eventOf(e, "EvaluationFailed");
  std::string prefix = "An error occurred while executing the state 'Calc' (entered at the event id #2). ";
  CHECK(evaluation.details["cause"].get<std::string>().rfind(prefix, 0) == 0);
  CHECK(evaluation.details["location"] == "Output");
  CHECK(eventOf(e, "ExecutionFailed").details["cause"] == evaluation.details["cause"]);
}

TEST_CASE("failure causes: a Map whose JSONata input is no array fails after EvaluationFailed") {
  EngineFixture f;
  json def = json::parse(R"J({"QueryLanguage": "JSONata", "StartAt": "Each", "States": {
    "Each": {"Type": "Map", "End": true,
             "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}})J");
  Execution& e = f.start(def, {{"k", "v"}});
  CHECK(eventTypes(e) == std::vector<std::string>{"ExecutionStarted", "MapStateEntered",
                                                  "EvaluationFailed", "MapStateFailed",
                                                  "ExecutionFailed"});
  EventView evaluation = eventOf(e, "EvaluationFailed");
  CHECK(evaluation.details["cause"] ==
        "An error occurred while executing the state 'Each' (entered at the event id #2). "
        "Map state input must be an array but was: {\"k\":\"v\"}");
  CHECK_FALSE(evaluation.details.contains("location"));
}

TEST_CASE("failure causes: errors a state raises on purpose are left as they are") {
  EngineFixture f;
  Execution& e = f.start(single({{"Type", "Fail"}, {"Error", "Mine"}, {"Cause", "because"}}));
  CHECK(e.error == "Mine");
  CHECK(e.cause == "because");
}
