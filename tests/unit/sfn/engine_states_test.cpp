// The interpreter, state by state: data flow (InputPath → Parameters → ResultSelector → ResultPath
// → OutputPath), the context object, Pass / Choice / Wait / Succeed / Fail, the history's shape and
// its 25,000-event limit, and long loops.
#include "engine_fixture.h"

using namespace stepsim::sfn;
using namespace stepsim::sfn::test;

namespace {

// The guide's Lambda: "Hello, <who>!" for {"who": ...}.
FakeIntegrations::Script helloWho() {
  return [](const TaskRequest& r, std::size_t) {
    return TaskOutcome::success("Hello, " + r.parameters.value("who", std::string("?")) + "!");
  };
}

const json kGuideInput = json::parse(R"J({
  "comment": "An input comment.",
  "data": {"val1": 23, "val2": 17},
  "extra": "foo",
  "lambda": {"who": "AWS Step Functions"}
})J");

}  // namespace

// ---- data flow --------------------------------------------------------------------------------

TEST_CASE("data flow: the guide's InputPath / ResultPath / OutputPath example") {
  EngineFixture f;
  f.fake.script = helloWho();
  Execution& e = f.start(single(lambdaTask({{"InputPath", "$.lambda"},
                                            {"ResultPath", "$.data.lambdaresult"},
                                            {"OutputPath", "$.data"}})),
                         kGuideInput);
  REQUIRE(f.fake.calls.size() == 1);
  CHECK(f.fake.calls[0]->request.parameters == json{{"who", "AWS Step Functions"}});
  CHECK(output(e) == json::parse(R"J({"val1": 23, "val2": 17,
                                      "lambdaresult": "Hello, AWS Step Functions!"})J"));
}

TEST_CASE("data flow: ResultPath variants from the guide") {
  EngineFixture f;
  f.fake.script = helloWho();
  json input = {{"comment", "This is a test of the input and output of a Task state."},
                {"details", "Default example"},
                {"who", "AWS Step Functions"}};
  SECTION("absent: the result replaces the input") {
    Execution& e = f.start(single(lambdaTask()), input);
    CHECK(output(e) == "Hello, AWS Step Functions!");
  }
  SECTION("\"$\": the same") {
    Execution& e = f.start(single(lambdaTask({{"ResultPath", "$"}})), input);
    CHECK(output(e) == "Hello, AWS Step Functions!");
  }
  SECTION("null: the result is discarded, the input passes through") {
    Execution& e = f.start(single(lambdaTask({{"ResultPath", nullptr}})), input);
    CHECK(output(e) == input);
  }
  SECTION("a path: the result is added to the input") {
    Execution& e = f.start(single(lambdaTask({{"ResultPath", "$.taskresult"}})), input);
    json expected = input;
    expected["taskresult"] = "Hello, AWS Step Functions!";
    CHECK(output(e) == expected);
  }
  SECTION("a path into the raw input, not the effective input") {
    Execution& e = f.start(single(lambdaTask({{"InputPath", "$.lambda"}, {"ResultPath", "$.r"}})),
                           kGuideInput);
    json expected = kGuideInput;
    expected["r"] = "Hello, AWS Step Functions!";
    CHECK(output(e) == expected);
  }
  SECTION("a path that runs into a non-object fails with States.ResultPathMatchFailure") {
    Execution& e = f.start(single(lambdaTask({{"ResultPath", "$.who.x"}})), input);
    CHECK(statusOf(e) == "FAILED");
    CHECK(e.error == "States.ResultPathMatchFailure");
  }
}

TEST_CASE("data flow: the guide's InputPath example") {
  EngineFixture f;
  json input = json::parse(R"J({"comment": "Example for InputPath.",
    "dataset1": {"val1": 1, "val2": 2, "val3": 3},
    "dataset2": {"val1": "a", "val2": "b", "val3": "c"}})J");
  Execution& e = f.start(single({{"Type", "Pass"}, {"InputPath", "$.dataset2"}, {"End", true}}), input);
  CHECK(output(e) == json{{"val1", "a"}, {"val2", "b"}, {"val3", "c"}});
}

TEST_CASE("data flow: the guide's Parameters example, with the context object") {
  EngineFixture f;
  json input = json::parse(R"J({"comment": "Example for Parameters.",
    "product": {"details": {"color": "blue", "size": "small", "material": "cotton"},
                "availability": "in stock", "sku": "2317", "cost": "$23"}})J");
  json params = json::parse(R"J({"comment": "Selecting what I care about.",
    "MyDetails": {"size.$": "$.product.details.size", "exists.$": "$.product.availability",
                  "StaticValue": "foo"},
    "execution.$": "$$.Execution.Id"})J");
  f.fake.script = FakeIntegrations::echo();
  Execution& e = f.start(single(lambdaTask({{"Parameters", params}})), input);
  CHECK(f.fake.calls.at(0)->request.parameters ==
        json::parse(R"J({"comment": "Selecting what I care about.",
          "MyDetails": {"size": "small", "exists": "in stock", "StaticValue": "foo"},
          "execution": "arn:aws:states:us-east-1:123456789012:execution:Machine:exec-1"})J"));
  CHECK(output(e)["MyDetails"] == json{{"size", "small"}, {"exists", "in stock"}, {"StaticValue", "foo"}});
}

TEST_CASE("data flow: the guide's ResultSelector example") {
  EngineFixture f;
  json result = json::parse(R"J({"resourceType": "elasticmapreduce", "resource": "createCluster.sync",
    "output": {"SdkHttpMetadata": {"HttpStatusCode": 200}, "ClusterId": "AKIAIOSFODNN7EXAMPLE"}})J");
  f.fake.script = FakeIntegrations::always(result);
  Execution& e = f.start(
      single(lambdaTask({{"ResultSelector", {{"ClusterId.$", "$.output.ClusterId"},
                                             {"ResourceType.$", "$.resourceType"}}},
                         {"ResultPath", "$.EMROutput"}})),
      {{"input", 1}});
  CHECK(output(e) == json::parse(R"J({"input": 1, "EMROutput": {"ClusterId": "AKIAIOSFODNN7EXAMPLE",
                                      "ResourceType": "elasticmapreduce"}})J"));
  // The Task event carries the raw result; the state exits with the selected one.
  CHECK(eventOf(e, "LambdaFunctionSucceeded").details["output"] == result);
}

TEST_CASE("data flow: null InputPath and OutputPath give {}") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::echo();
  SECTION("InputPath null: the task sees {}") {
    Execution& e = f.start(single(lambdaTask({{"InputPath", nullptr}})), {{"a", 1}});
    CHECK(f.fake.calls.at(0)->request.parameters == json::object());
    CHECK(output(e) == json::object());
  }
  SECTION("OutputPath null: the state outputs {}") {
    Execution& e = f.start(single(lambdaTask({{"OutputPath", nullptr}})), {{"a", 1}});
    CHECK(output(e) == json::object());
    CHECK(exitedOutput(e, "S") == json::object());
  }
  SECTION("Pass with InputPath null and ResultPath $.r") {
    Execution& e = f.start(single({{"Type", "Pass"}, {"InputPath", nullptr}, {"ResultPath", "$.r"},
                                   {"End", true}}),
                           {{"a", 1}});
    CHECK(output(e) == json{{"a", 1}, {"r", json::object()}});
  }
}

TEST_CASE("data flow: an InputPath that matches nothing fails with States.Runtime") {
  EngineFixture f;
  Execution& e = f.start(single({{"Type", "Pass"}, {"InputPath", "$.missing"}, {"End", true}}),
                         {{"a", 1}});
  CHECK(statusOf(e) == "FAILED");
  CHECK(e.error == "States.Runtime");
  CHECK(e.cause->find("$.missing") != std::string::npos);
}

TEST_CASE("data flow: Parameters on a Pass state, Result on a Pass state") {
  EngineFixture f;
  SECTION("Result replaces the effective input, then ResultPath") {
    Execution& e = f.start(
        single({{"Type", "Pass"}, {"Result", {{"x", 1}}}, {"ResultPath", "$.res"}, {"End", true}}),
        {{"a", 1}});
    CHECK(output(e) == json{{"a", 1}, {"res", {{"x", 1}}}});
  }
  SECTION("Result without ResultPath is the output") {
    Execution& e = f.start(single({{"Type", "Pass"}, {"Result", "done"}, {"End", true}}), {{"a", 1}});
    CHECK(output(e) == "done");
  }
  SECTION("no Result: the input passes through") {
    Execution& e = f.start(single({{"Type", "Pass"}, {"End", true}}), {{"a", 1}});
    CHECK(output(e) == json{{"a", 1}});
  }
  SECTION("Parameters with a path and an intrinsic") {
    Execution& e = f.start(single({{"Type", "Pass"},
                                   {"Parameters", {{"sum.$", "States.MathAdd($.a, 41)"},
                                                   {"copy.$", "$.a"},
                                                   {"fixed", true}}},
                                   {"End", true}}),
                           {{"a", 1}});
    CHECK(output(e) == json{{"sum", 42}, {"copy", 1}, {"fixed", true}});
  }
}

// ---- the context object -------------------------------------------------------------------------

TEST_CASE("context object: Execution, State and StateMachine fields") {
  EngineFixture f;
  json def = json::parse(R"J({
    "StartAt": "Pause",
    "States": {
      "Pause": {"Type": "Wait", "Seconds": 10, "Next": "Read"},
      "Read": {"Type": "Pass", "End": true, "Parameters": {
        "id.$": "$$.Execution.Id", "name.$": "$$.Execution.Name", "input.$": "$$.Execution.Input",
        "start.$": "$$.Execution.StartTime", "role.$": "$$.Execution.RoleArn",
        "state.$": "$$.State.Name", "entered.$": "$$.State.EnteredTime",
        "redrives.$": "$$.Execution.RedriveCount", "machine.$": "$$.StateMachine.Id",
        "machineName.$": "$$.StateMachine.Name"}}
    }})J");
  Execution& e = f.start(def, {{"k", "v"}}, "ctx-run");
  f.advanceSeconds(10);
  json out = output(e);
  CHECK(out["id"] == "arn:aws:states:us-east-1:123456789012:execution:Machine:ctx-run");
  CHECK(out["name"] == "ctx-run");
  CHECK(out["input"] == json{{"k", "v"}});
  CHECK(out["start"] == "2026-01-01T00:00:00.000Z");
  CHECK(out["role"] == kRoleArn);
  CHECK(out["state"] == "Read");
  CHECK(out["entered"] == "2026-01-01T00:00:10.000Z");
  CHECK(out["redrives"] == 0);
  CHECK(out["machine"] == kMachineArn);
  CHECK(out["machineName"] == "Machine");
}

TEST_CASE("context object: \"$$\" paths in InputPath, OutputPath and SecondsPath read the context") {
  EngineFixture f;
  json def = json::parse(R"J({"StartAt": "In", "States": {
    "In": {"Type": "Pass", "InputPath": "$$.Execution.Input.inner", "Next": "W"},
    "W": {"Type": "Wait", "SecondsPath": "$$.Execution.Input.delay", "Next": "Out"},
    "Out": {"Type": "Pass", "OutputPath": "$$.State", "End": true}}})J");
  Execution& e = f.start(def, {{"inner", {{"x", 1}}}, {"delay", 12}});
  CHECK(exitedOutput(e, "In") == json{{"x", 1}});
  f.advanceSeconds(12);
  // A Pass state cannot retry: AWS gives it no RetryCount.
  CHECK(output(e) == json{{"Name", "Out"}, {"EnteredTime", "2026-01-01T00:00:12.000Z"}});
}

TEST_CASE("context object: $$.State.RetryCount is there for the states that can retry") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::sequence({TaskOutcome::failure("Busy", "")});
  json task = lambdaTask({{"Parameters", {{"retries.$", "$$.State.RetryCount"}}},
                          {"Retry", {{{"ErrorEquals", {"Busy"}}, {"IntervalSeconds", 1}}}}});
  Execution& e = f.start(single(task));
  f.advanceSeconds(1);
  REQUIRE(f.fake.calls.size() == 2);
  CHECK(f.fake.calls[0]->request.parameters["retries"] == 0);
  CHECK(f.fake.calls[1]->request.parameters["retries"] == 1);
  CHECK(statusOf(e) == "SUCCEEDED");
}

TEST_CASE("context object: a Pass after a Task that read $$ has no RetryCount") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::echo();
  json def = {{"StartAt", "Call"},
              {"States",
               {{"Call", lambdaTask({{"Parameters", {{"retries.$", "$$.State.RetryCount"}}}}, "After")},
                {"After", {{"Type", "Pass"}, {"Parameters", {{"state.$", "$$.State"}}}, {"End", true}}}}}};
  Execution& e = f.start(def);
  REQUIRE(statusOf(e) == "SUCCEEDED");
  CHECK(f.fake.calls[0]->request.parameters["retries"] == 0);
  CHECK_FALSE(output(e)["state"].contains("RetryCount"));
  CHECK(output(e)["state"]["Name"] == "After");
}

TEST_CASE("context object: $$.Task.Token for .waitForTaskToken, and completeTask") {
  EngineFixture f;
  json def = single({{"Type", "Task"},
                     {"Resource", "arn:aws:states:::lambda:invoke.waitForTaskToken"},
                     {"Parameters", {{"FunctionName", "work"},
                                     {"Payload", {{"token.$", "$$.Task.Token"}, {"n.$", "$.n"}}}}},
                     {"End", true}});
  Execution& e = f.start(def, {{"n", 7}});
  REQUIRE(f.fake.calls.size() == 1);
  const TaskRequest& request = f.fake.calls[0]->request;
  REQUIRE(request.taskToken);
  CHECK(request.pattern == IntegrationPattern::WaitForTaskToken);
  CHECK(request.parameters["Payload"]["token"] == *request.taskToken);
  CHECK(request.parameters["Payload"]["n"] == 7);
  CHECK(f.engine.hasTask(*request.taskToken));
  CHECK_FALSE(f.engine.hasTask("not-a-token"));
  CHECK_FALSE(f.engine.completeTask("not-a-token", TaskOutcome::success(1)));
  CHECK(statusOf(e) == "RUNNING");

  std::string token = *request.taskToken;
  SECTION("success") {
    CHECK(f.engine.completeTask(token, TaskOutcome::success({{"ok", true}})));
    CHECK(output(e) == json{{"ok", true}});
    CHECK_FALSE(f.engine.hasTask(token));
    CHECK_FALSE(f.engine.completeTask(token, TaskOutcome::success(2)));  // used up
    CHECK(eventTypes(e) == std::vector<std::string>{"ExecutionStarted", "TaskStateEntered",
                                                    "TaskScheduled", "TaskStarted", "TaskSucceeded",
                                                    "TaskStateExited", "ExecutionSucceeded"});
  }
  SECTION("failure") {
    CHECK(f.engine.completeTask(token, TaskOutcome::failure("Worker.Broke", "it broke")));
    CHECK(statusOf(e) == "FAILED");
    CHECK(e.error == "Worker.Broke");
    CHECK(e.cause == "it broke");
    CHECK(eventOf(e, "TaskFailed").details["error"] == "Worker.Broke");
  }
  SECTION("the token is not in the context of the next state") {
    json def2 = json::parse(R"J({"StartAt": "T", "States": {
      "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
            "Parameters": {"FunctionName": "work", "Payload": {"t.$": "$$.Task.Token"}},
            "Next": "After"},
      "After": {"Type": "Pass", "Parameters": {"ctx.$": "$$"}, "End": true}}})J");
    EngineFixture g;
    Execution& e2 = g.start(def2);
    REQUIRE(g.engine.completeTask(*g.fake.calls.at(0)->request.taskToken, TaskOutcome::success(1)));
    CHECK_FALSE(output(e2)["ctx"].contains("Task"));
  }
}

TEST_CASE("context object: a RequestResponse task gets no token") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::echo();
  f.start(single(lambdaTask()));
  REQUIRE(f.fake.calls.size() == 1);
  CHECK_FALSE(f.fake.calls[0]->request.taskToken);
  CHECK(f.fake.calls[0]->request.executionArn ==
        "arn:aws:states:us-east-1:123456789012:execution:Machine:exec-1");
}

// ---- Choice ----------------------------------------------------------------------------------

TEST_CASE("Choice: the first matching rule, Default, States.NoChoiceMatched") {
  json def = json::parse(R"J({"StartAt": "C", "States": {
    "C": {"Type": "Choice", "Choices": [
            {"Variable": "$.n", "NumericGreaterThan": 10, "Next": "Big"},
            {"And": [{"Variable": "$.n", "NumericGreaterThan": 5},
                     {"Variable": "$.tag", "StringEquals": "x"}], "Next": "Medium"}],
          "Default": "Small"},
    "Big": {"Type": "Pass", "Result": "big", "End": true},
    "Medium": {"Type": "Pass", "Result": "medium", "End": true},
    "Small": {"Type": "Pass", "Result": "small", "End": true}}})J");
  EngineFixture f;
  CHECK(output(f.start(def, {{"n", 11}, {"tag", "y"}}, "a")) == "big");
  CHECK(output(f.start(def, {{"n", 6}, {"tag", "x"}}, "b")) == "medium");
  CHECK(output(f.start(def, {{"n", 6}, {"tag", "y"}}, "c")) == "small");

  SECTION("no rule and no Default") {
    json noDefault = def;
    noDefault["States"]["C"].erase("Default");
    noDefault["States"].erase("Small");
    Execution& e = f.start(noDefault, {{"n", 1}}, "d");
    CHECK(statusOf(e) == "FAILED");
    CHECK(e.error == "States.NoChoiceMatched");
    CHECK(eventTypes(e) == std::vector<std::string>{"ExecutionStarted", "ChoiceStateEntered",
                                                    "ExecutionFailed"});
  }
  SECTION("the Choice passes its effective input through, then OutputPath") {
    json paths = def;
    paths["States"]["C"]["InputPath"] = "$.inner";
    paths["States"]["C"]["OutputPath"] = "$.keep";
    paths["States"]["Big"] = {{"Type", "Pass"}, {"End", true}};
    Execution& e = f.start(paths, {{"inner", {{"n", 50}, {"keep", {{"k", 1}}}}}}, "e");
    CHECK(output(e) == json{{"k", 1}});
    CHECK(exitedOutput(e, "C") == json{{"k", 1}});
  }
  SECTION("a Variable that matches nothing is States.Runtime") {
    Execution& e = f.start(def, {{"tag", "x"}}, "f");
    CHECK(statusOf(e) == "FAILED");
    CHECK(e.error == "States.Runtime");
  }
}

// ---- Wait ------------------------------------------------------------------------------------

TEST_CASE("Wait: Seconds, SecondsPath, Timestamp, TimestampPath on the virtual clock") {
  EngineFixture f;
  auto waitThenDone = [](json wait) {
    wait["Type"] = "Wait";
    wait["Next"] = "Done";
    return json{{"StartAt", "W"}, {"States", {{"W", wait}, {"Done", {{"Type", "Succeed"}}}}}};
  };
  auto exitedAt = [&](const Execution& e) { return eventOf(e, "WaitStateExited").timestamp - f.t0(); };

  SECTION("Seconds") {
    Execution& e = f.start(waitThenDone({{"Seconds", 30}}), {{"a", 1}});
    CHECK(statusOf(e) == "RUNNING");
    f.advanceSeconds(29.999);
    CHECK(statusOf(e) == "RUNNING");
    f.advance(1);
    CHECK(output(e) == json{{"a", 1}});
    CHECK(exitedAt(e) == 30'000);
  }
  SECTION("Seconds 0 still goes through the clock") {
    Execution& e = f.start(waitThenDone({{"Seconds", 0}}));
    f.sim.runDue();
    CHECK(statusOf(e) == "SUCCEEDED");
    CHECK(exitedAt(e) == 0);
  }
  SECTION("SecondsPath, after InputPath") {
    Execution& e = f.start(waitThenDone({{"InputPath", "$.cfg"}, {"SecondsPath", "$.delay"}}),
                           {{"cfg", {{"delay", 45}}}});
    f.advanceSeconds(100);
    CHECK(exitedAt(e) == 45'000);
    CHECK(output(e) == json{{"delay", 45}});
  }
  SECTION("Timestamp") {
    Execution& e = f.start(waitThenDone({{"Timestamp", "2026-01-01T01:00:00Z"}}));
    f.advanceSeconds(7200);
    CHECK(exitedAt(e) == 3'600'000);
  }
  SECTION("a Timestamp in the past does not wait") {
    Execution& e = f.start(waitThenDone({{"Timestamp", "2020-01-01T00:00:00Z"}}));
    f.sim.runDue();
    CHECK(statusOf(e) == "SUCCEEDED");
    CHECK(exitedAt(e) == 0);
  }
  SECTION("TimestampPath with an offset") {
    Execution& e = f.start(waitThenDone({{"TimestampPath", "$.when"}}),
                           {{"when", "2026-01-01T02:30:00+02:00"}});
    f.advanceSeconds(3600);
    CHECK(exitedAt(e) == 1'800'000);
  }
  SECTION("a non-numeric SecondsPath is States.Runtime") {
    Execution& e = f.start(waitThenDone({{"SecondsPath", "$.delay"}}), {{"delay", "ten"}});
    CHECK(statusOf(e) == "FAILED");
    CHECK(e.error == "States.Runtime");
  }
  SECTION("a negative SecondsPath is States.Runtime") {
    Execution& e = f.start(waitThenDone({{"SecondsPath", "$.delay"}}), {{"delay", -3}});
    CHECK(e.error == "States.Runtime");
  }
  SECTION("a missing SecondsPath is States.Runtime") {
    Execution& e = f.start(waitThenDone({{"SecondsPath", "$.delay"}}), {{"other", 3}});
    CHECK(e.error == "States.Runtime");
  }
  SECTION("a TimestampPath that is not a timestamp is States.Runtime") {
    Execution& e = f.start(waitThenDone({{"TimestampPath", "$.when"}}), {{"when", "noon"}});
    CHECK(e.error == "States.Runtime");
  }
  SECTION("the events") {
    Execution& e = f.start(waitThenDone({{"Seconds", 5}}));
    f.advanceSeconds(5);
    CHECK(eventTypes(e) == std::vector<std::string>{"ExecutionStarted", "WaitStateEntered",
                                                    "WaitStateExited", "SucceedStateEntered",
                                                    "SucceedStateExited", "ExecutionSucceeded"});
    CHECK(eventOf(e, "WaitStateEntered").timestamp == f.t0());
    CHECK(eventOf(e, "ExecutionSucceeded").timestamp == f.t0() + 5000);
  }
}

// ---- Succeed and Fail --------------------------------------------------------------------------

TEST_CASE("Succeed: InputPath and OutputPath apply") {
  EngineFixture f;
  Execution& e = f.start(
      single({{"Type", "Succeed"}, {"InputPath", "$.a"}, {"OutputPath", "$.b"}}),
      {{"a", {{"b", {{"c", 1}}}}}});
  CHECK(output(e) == json{{"c", 1}});
  CHECK(e.stopDate == f.t0());
}

TEST_CASE("Fail: Error and Cause, ErrorPath and CausePath") {
  EngineFixture f;
  SECTION("fixed") {
    Execution& e = f.start(single({{"Type", "Fail"}, {"Error", "Oops"}, {"Cause", "because"}}));
    CHECK(statusOf(e) == "FAILED");
    CHECK(e.error == "Oops");
    CHECK(e.cause == "because");
    CHECK(eventTypes(e) == std::vector<std::string>{"ExecutionStarted", "FailStateEntered",
                                                    "ExecutionFailed"});
    CHECK(eventOf(e, "ExecutionFailed").details == json{{"error", "Oops"}, {"cause", "because"}});
    CHECK_FALSE(e.outputText);
  }
  SECTION("neither Error nor Cause: the execution fails without them") {
    Execution& e = f.start(single({{"Type", "Fail"}}));
    CHECK(statusOf(e) == "FAILED");
    CHECK_FALSE(e.error);
    CHECK_FALSE(e.cause);
    CHECK(eventOf(e, "ExecutionFailed").details == json::object());
  }
  SECTION("paths") {
    Execution& e = f.start(single({{"Type", "Fail"}, {"ErrorPath", "$.err.name"}, {"CausePath", "$.why"}}),
                           {{"err", {{"name", "Custom.Error"}}}, {"why", "it happened"}});
    CHECK(e.error == "Custom.Error");
    CHECK(e.cause == "it happened");
  }
  SECTION("an intrinsic CausePath") {
    Execution& e = f.start(
        single({{"Type", "Fail"}, {"Error", "E"},
                {"CausePath", "States.Format('Job {} failed with {}', $.id, $.code)"}}),
        {{"id", "j-1"}, {"code", 3}});
    CHECK(e.cause == "Job j-1 failed with 3");
  }
  SECTION("a path that is not a string is States.Runtime") {
    Execution& e = f.start(single({{"Type", "Fail"}, {"ErrorPath", "$.n"}}), {{"n", 1}});
    CHECK(e.error == "States.Runtime");
  }
  SECTION("a missing path is States.Runtime") {
    Execution& e = f.start(single({{"Type", "Fail"}, {"CausePath", "$.none"}}), {{"n", 1}});
    CHECK(e.error == "States.Runtime");
  }
}

// ---- history ---------------------------------------------------------------------------------

TEST_CASE("history: ids 1..n, previous ids and timestamps are sane") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::echo();
  json def = json::parse(R"J({"StartAt": "A", "States": {
    "A": {"Type": "Pass", "Next": "W"},
    "W": {"Type": "Wait", "Seconds": 3, "Next": "T"},
    "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work", "Next": "C"},
    "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Done"}],
          "Default": "Done"},
    "Done": {"Type": "Succeed"}}})J");
  Execution& e = f.start(def, {{"x", 1}});
  f.advanceSeconds(3);
  REQUIRE(statusOf(e) == "SUCCEEDED");
  CHECK(eventTypes(e) == std::vector<std::string>{
                             "ExecutionStarted", "PassStateEntered", "PassStateExited",
                             "WaitStateEntered", "WaitStateExited", "TaskStateEntered",
                             "LambdaFunctionScheduled", "LambdaFunctionStarted",
                             "LambdaFunctionSucceeded", "TaskStateExited", "ChoiceStateEntered",
                             "ChoiceStateExited", "SucceedStateEntered", "SucceedStateExited",
                             "ExecutionSucceeded"});
  checkHistoryShape(e);
  // In a single thread of control each event follows the one before, except the first state's
  // StateEntered, which follows 0 (engine_history_links_test.cpp).
  for (const HistoryEvent& ev : e.history.events())
    CHECK(ev.previousEventId == (ev.id == 2 ? 0 : ev.id - 1));
  CHECK(eventOf(e, "ExecutionStarted").details["input"] == json{{"x", 1}});
  CHECK(eventOf(e, "ExecutionStarted").details["roleArn"] == kRoleArn);
  CHECK(eventOf(e, "LambdaFunctionScheduled").details["resource"] == kLambdaArn);
  CHECK(eventOf(e, "LambdaFunctionScheduled").timestamp == f.t0() + 3000);
}

TEST_CASE("history: the rendered event") {
  EngineFixture f;
  Execution& e = f.start(single({{"Type", "Pass"}, {"End", true}}), {{"a", 1}});
  json rendered = renderEvent(e.history.events()[1], true);
  CHECK(rendered["type"] == "PassStateEntered");
  CHECK(rendered["id"] == 2);
  CHECK(rendered["previousEventId"] == 0);
  CHECK(rendered["stateEnteredEventDetails"]["name"] == "S");
  CHECK(rendered["stateEnteredEventDetails"]["input"] == R"({"a":1})");
  json withoutData = renderEvent(e.history.events()[1], false);
  CHECK_FALSE(withoutData["stateEnteredEventDetails"].contains("input"));
}

TEST_CASE("history: an execution that would pass 25,000 events fails at event 25,000") {
  // As AWS: event 25,000 is ExecutionFailed with States.Runtime; 24,999 is the last real event.
  auto checkCut = [](const Execution& e, const char* lastReal) {
    REQUIRE(statusOf(e) == "FAILED");
    CHECK(e.error == "States.Runtime");
    CHECK(e.cause == "The execution reached the maximum number of history events (25000).");
    REQUIRE(e.history.size() == kMaxHistoryEvents);
    const HistoryEvent& last = e.history.events().back();
    CHECK(last.type == "ExecutionFailed");
    CHECK(last.id == 25'000);
    CHECK(last.previousEventId == 24'999);
    CHECK(e.history.events()[24'998].type == lastReal);
  };
  SECTION("a synchronous Choice loop") {
    EngineFixture f;
    Execution& e = f.start(json::parse(R"J({"StartAt": "Loop", "States": {
      "Loop": {"Type": "Choice", "Choices": [{"Variable": "$.spin", "BooleanEquals": true,
                                               "Next": "Loop"}], "Default": "End"},
      "End": {"Type": "Succeed"}}})J"),
                           {{"spin", true}});
    // ExecutionStarted, then Entered/Exited pairs: 24,999 is an Exited event.
    checkCut(e, "ChoiceStateExited");
    checkHistoryShape(e);
  }
  SECTION("a loop that waits, so the limit is reached from a timer") {
    EngineFixture f;
    Execution& e = f.start(single({{"Type", "Wait"}, {"Seconds", 1}, {"Next", "S"}}));
    f.advanceSeconds(20'000);
    checkCut(e, "WaitStateExited");
    CHECK(f.sim.scheduler().pending() == 0);  // nothing left behind
  }
  SECTION("a loop over a task answered later") {
    EngineFixture f;
    Execution& e = f.start(single(lambdaTask({}, "S")));
    // Each visit: Entered, Scheduled, Started, Succeeded, Exited.
    while (statusOf(e) == "RUNNING") f.fake.succeed(f.fake.calls.size() - 1, 1);
    checkCut(e, "LambdaFunctionStarted");
    CHECK(f.fake.outstanding() == 0);
  }
}

// ---- long loops --------------------------------------------------------------------------------

namespace {

json countingLoop() {
  json def = json::parse(R"J({"StartAt": "Inc", "States": {
    "Inc": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)", "limit.$": "$.limit"},
            "Next": "Check"},
    "Check": {"Type": "Choice",
              "Choices": [{"Variable": "$.i", "NumericLessThanPath": "$.limit", "Next": "Inc"}],
              "Default": "Done"},
    "Done": {"Type": "Succeed"}}})J");
  return def;
}

}  // namespace

TEST_CASE("long loops run iteratively") {
  EngineFixture f;
  SECTION("6,000 Pass/Choice iterations (24,004 events) succeed") {
    Execution& e = f.start(countingLoop(), {{"i", 0}, {"limit", 6000}});
    CHECK(output(e) == json{{"i", 6000}, {"limit", 6000}});
    CHECK(e.history.size() == 24'004);
  }
  SECTION("10,000 iterations end at the history limit without exhausting the stack") {
    Execution& e = f.start(countingLoop(), {{"i", 0}, {"limit", 10000}});
    CHECK(statusOf(e) == "FAILED");
    CHECK(e.error == "States.Runtime");
    CHECK(e.history.size() == kMaxHistoryEvents);
  }
  SECTION("a loop through a synchronously answered task") {
    f.fake.script = [](const TaskRequest& r, std::size_t) {
      json out = r.parameters;
      out["i"] = out["i"].get<int>() + 1;
      return TaskOutcome::success(out);
    };
    json def = json::parse(R"J({"StartAt": "Inc", "States": {
      "Inc": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
              "Next": "Check"},
      "Check": {"Type": "Choice",
                "Choices": [{"Variable": "$.i", "NumericLessThan": 3000, "Next": "Inc"}],
                "Default": "Done"},
      "Done": {"Type": "Succeed"}}})J");
    Execution& e = f.start(def, {{"i", 0}});
    CHECK(output(e) == json{{"i", 3000}});
    CHECK(f.fake.calls.size() == 3000);
  }
}
