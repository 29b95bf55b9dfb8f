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

namespace {

// The cause after AWS's "An error occurred while executing the state ..." prefix.
std::string causeAfterPrefix(const Execution& e) {
  REQUIRE(e.cause);
  std::size_t end = e.cause->find("). ");
  REQUIRE(end != std::string::npos);
  return e.cause->substr(end + 3);
}

}  // namespace

TEST_CASE("failure causes: a path that matches nothing is described as Jayway describes it") {
  EngineFixture f;
  SECTION("only the last step is missing") {
    Execution& e = f.start(single({{"Type", "Pass"}, {"InputPath", "$.a.b"}, {"End", true}}),
                           {{"a", {{"c", 1}}}});
    CHECK(causeAfterPrefix(e) == "Invalid path '$.a.b' : No results for path: $['a']['b']");
  }
  SECTION("a step before the last is missing") {
    Execution& e = f.start(single({{"Type", "Pass"}, {"OutputPath", "$.x.y[0].z"}, {"End", true}}),
                           {{"a", 1}});
    CHECK(causeAfterPrefix(e) == "Invalid path '$.x.y[0].z' : Missing property in path $['x']");
  }
  SECTION("ErrorPath and CausePath quote the input") {
    Execution& e = f.start(single({{"Type", "Fail"}, {"ErrorPath", "$.nope"}}), {{"a", 1}});
    CHECK(causeAfterPrefix(e) == "The JSONPath '$.nope' specified for the field 'ErrorPath' could "
                                 "not be found in the input '{\"a\":1}'");
  }
}

TEST_CASE("failure causes: SecondsPath and TimestampPath quote the value they found") {
  EngineFixture f;
  auto wait = [](json fields) {
    fields["Type"] = "Wait";
    fields["End"] = true;
    return single(fields, "W");
  };
  SECTION("negative seconds") {
    Execution& e = f.start(wait({{"SecondsPath", "$.s"}}), {{"s", -3}});
    CHECK(causeAfterPrefix(e) == "The SecondsPath parameter references a negative value: $.s == -3");
  }
  SECTION("fractional seconds are no Java long") {
    Execution& e = f.start(wait({{"SecondsPath", "$.s"}}), {{"s", 2.5}});
    CHECK(statusOf(e) == "FAILED");
    CHECK(causeAfterPrefix(e) == "The SecondsPath parameter cannot be parsed as a long value: $.s == 2.5");
  }
  SECTION("a whole number waits that long") {
    Execution& e = f.start(wait({{"SecondsPath", "$.s"}}), {{"s", 7}});
    f.advanceSeconds(6);
    CHECK(statusOf(e) == "RUNNING");
    f.advanceSeconds(1);
    CHECK(statusOf(e) == "SUCCEEDED");
  }
  SECTION("a timestamp without a zone") {
    Execution& e = f.start(wait({{"TimestampPath", "$.t"}}), {{"t", "2030-01-01T00:00:00"}});
    CHECK(causeAfterPrefix(e) == "The TimestampPath parameter does not reference a valid ISO-8601 "
                                 "extended offset date-time format string: $.t == 2030-01-01T00:00:00");
  }
}

TEST_CASE("failure causes: Map paths") {
  EngineFixture f;
  json processor = single({{"Type", "Pass"}, {"End", true}}, "P");
  SECTION("ItemsPath reaching no array") {
    json map = {{"Type", "Map"}, {"End", true}, {"ItemsPath", "$$.Execution.Input"}, {"ItemProcessor", processor}};
    Execution& e = f.start(single(map, "M"), {{"not", "an array"}});
    CHECK(causeAfterPrefix(e) == "Reference path \"$.Execution.Input\" must point to array.");
  }
  SECTION("MaxConcurrencyPath reaching no integer") {
    json map = {{"Type", "Map"}, {"End", true}, {"MaxConcurrencyPath", "$.max"},
                {"ItemsPath", "$.items"}, {"ItemProcessor", processor}};
    Execution& e = f.start(single(map, "M"), {{"max", {{"n", 1}}}, {"items", json::array()}});
    CHECK(causeAfterPrefix(e) ==
          "The MaxConcurrencyPath field refers to value \"{\"n\":1}\" which is not a valid integer: $.max");
    Execution& missing = f.start(single(map, "M2"), {{"items", json::array()}});
    CHECK(causeAfterPrefix(missing) == "Invalid path '$.max' : No results for path: $['max']");
  }
}

TEST_CASE("failure causes: States.Runtime is caught by no Catch, not even one that names it") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::echo();
  json task = lambdaTask({{"OutputPath", "$.missing"},
                          {"Retry", {{{"ErrorEquals", {"States.Runtime"}}}}},
                          {"Catch", {{{"ErrorEquals", {"States.Runtime"}}, {"Next", "Caught"}}}}},
                         "Done");
  json def = {{"StartAt", "T"},
              {"States", {{"T", task},
                          {"Caught", {{"Type", "Pass"}, {"End", true}}},
                          {"Done", {{"Type", "Pass"}, {"End", true}}}}}};
  Execution& e = f.start(def, json::object());
  CHECK(statusOf(e) == "FAILED");
  CHECK(e.error == "States.Runtime");
  CHECK(f.fake.calls.size() == 1);  // not retried
  CHECK(countOf(e, "PassStateEntered") == 0);  // not caught
}

TEST_CASE("failure causes: JSONata results AWS cannot use") {
  EngineFixture f;
  SECTION("a Timestamp that is no ISO-8601 date-time") {
    json def = json::parse(R"J({"QueryLanguage": "JSONata", "StartAt": "W", "States": {
      "W": {"Type": "Wait", "Timestamp": "{% $states.input.t %}", "End": true}}})J");
    Execution& e = f.start(def, {{"t", "2030-01-01 00:00:00Z"}});
    CHECK(causeAfterPrefix(e) == "The Timestamp field cannot be parsed as an ISO-8601 extended offset "
                                 "date-time format string: 2030-01-01 00:00:00Z");
    CHECK(eventOf(e, "EvaluationFailed").details["location"] == "Timestamp");
  }
  SECTION("Items that evaluate to a function") {
    json def = json::parse(R"J({"QueryLanguage": "JSONata", "StartAt": "M", "States": {
      "M": {"Type": "Map", "Items": "{% function($x){$x} %}", "End": true,
            "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}})J");
    Execution& e = f.start(def);
    CHECK(causeAfterPrefix(e) == "The JSONata expression 'function($x){$x}' specified for the field "
                                 "'Items' returned an unsupported result type.");
  }
}

TEST_CASE("Map: MaxConcurrencyPath reads a string of digits as its number") {
  EngineFixture f;
  json processor = single(lambdaTask(), "T");
  json map = {{"Type", "Map"}, {"End", true}, {"MaxConcurrencyPath", "$.max"}, {"ItemsPath", "$.items"},
              {"ItemProcessor", processor}};
  Execution& e = f.start(single(map, "M"), {{"max", "2"}, {"items", {1, 2, 3}}});
  CHECK(statusOf(e) == "RUNNING");
  CHECK(f.fake.outstanding() == 2);
}

TEST_CASE("Task: HeartbeatSeconds is recorded for every task, timed only for callbacks") {
  EngineFixture f;
  Execution& e = f.start(single(lambdaTask({{"HeartbeatSeconds", 5}, {"TimeoutSeconds", 60}})));
  CHECK(eventOf(e, "LambdaFunctionScheduled").details["heartbeatInSeconds"] == 5);
  f.advanceSeconds(10);
  CHECK(statusOf(e) == "RUNNING");  // no heartbeat can reach a plain invocation: none is awaited
}

TEST_CASE("failure causes: a timeout names its error and gives no cause, as on AWS") {
  EngineFixture f;
  SECTION("a task's TimeoutSeconds") {
    Execution& e = f.start(single(lambdaTask({{"TimeoutSeconds", 2}})));
    f.advanceSeconds(2);
    CHECK(eventOf(e, "LambdaFunctionTimedOut").details == json{{"error", "States.Timeout"}});
    CHECK(eventOf(e, "ExecutionFailed").details == json{{"error", "States.Timeout"}});
    CHECK_FALSE(e.cause.has_value());
  }
  SECTION("the machine's TimeoutSeconds") {
    json def = single({{"Type", "Wait"}, {"Seconds", 60}, {"End", true}});
    def["TimeoutSeconds"] = 5;
    Execution& e = f.start(def);
    f.advanceSeconds(5);
    CHECK(statusOf(e) == "TIMED_OUT");
    CHECK(eventOf(e, "ExecutionTimedOut").details == json{{"error", "States.Timeout"}});
    CHECK_FALSE(e.cause.has_value());
  }
}
