// TestState: each state type run once, inspectionData at DEBUG, Retry → RETRIABLE, Catch →
// CAUGHT_ERROR, Tasks answered now or later on the clock, mocks, and the modeled errors of bad
// requests.
#include "test_state_fixture.h"

using namespace stepsim::sfn;
using namespace stepsim::sfn::test;

// ---- Pass, Choice, Wait, Succeed, Fail ---------------------------------------------------------

TEST_CASE("TestState Pass: Parameters and ResultPath, every step at DEBUG") {
  TestStateFixture f;
  json pass = {{"Type", "Pass"},
               {"InputPath", "$.order"},
               {"Parameters", {{"id.$", "$.id"}, {"kind", "book"}}},
               {"ResultPath", "$.picked"},
               {"OutputPath", "$.picked"},
               {"Next", "Ship"}};
  json input = {{"order", {{"id", 7}, {"qty", 2}}}};
  json out = f.run(request(pass, input));
  CHECK(out["status"] == "SUCCEEDED");
  CHECK(out["nextState"] == "Ship");
  CHECK(data(out, "input") == input);
  CHECK(data(out, "afterInputPath") == json{{"id", 7}, {"qty", 2}});
  CHECK(data(out, "afterParameters") == json{{"id", 7}, {"kind", "book"}});
  CHECK(data(out, "afterResultSelector") == json{{"id", 7}, {"kind", "book"}});
  CHECK(data(out, "afterResultPath") ==
        json{{"order", {{"id", 7}, {"qty", 2}}}, {"picked", {{"id", 7}, {"kind", "book"}}}});
  CHECK(data(out, "output") == json{{"id", 7}, {"kind", "book"}});
  CHECK_FALSE(out.contains("error"));
}

TEST_CASE("TestState INFO answers status, output and nextState only") {
  TestStateFixture f;
  json out = f.run(request({{"Type", "Pass"}, {"Result", 1}, {"End", true}}, json::object(), "INFO"));
  CHECK(out == json{{"status", "SUCCEEDED"}, {"output", "1"}});
}

TEST_CASE("TestState Pass with Result reports the result, not the input processing") {
  TestStateFixture f;
  json out = f.run(request({{"Type", "Pass"}, {"Result", {{"k", "v"}}}, {"End", true}},
                           {{"a", 1}}));
  CHECK(data(out, "result") == json{{"k", "v"}});
  CHECK_FALSE(out["inspectionData"].contains("afterInputPath"));
  CHECK_FALSE(out.contains("nextState"));  // End: the machine would end here
}

TEST_CASE("TestState Choice: the matched rule's Next, the Default, or States.NoChoiceMatched") {
  TestStateFixture f;
  json choice = {{"Type", "Choice"},
                 {"Choices", json::array({{{"Variable", "$.n"}, {"NumericGreaterThan", 10},
                                           {"Next", "Big"}}})},
                 {"Default", "Small"}};
  json big = f.run(request(choice, {{"n", 11}}));
  CHECK(big["nextState"] == "Big");
  CHECK(data(big, "output") == json{{"n", 11}});
  CHECK(f.run(request(choice, {{"n", 3}}))["nextState"] == "Small");

  choice.erase("Default");
  json none = f.run(request(choice, {{"n", 3}}));
  CHECK(none["status"] == "FAILED");
  CHECK(none["error"] == "States.NoChoiceMatched");
  CHECK_FALSE(none.contains("nextState"));
}

TEST_CASE("TestState Wait answers at once, without waiting") {
  TestStateFixture f;
  json out = f.run(request({{"Type", "Wait"}, {"Seconds", 3600}, {"Next", "After"}}, {{"x", 1}}));
  CHECK(out["status"] == "SUCCEEDED");
  CHECK(out["nextState"] == "After");
  CHECK(f.sim.now() == f.sim.config().startTime);
  // A SecondsPath that resolves to nothing fails as it would at run time.
  json bad = f.run(request({{"Type", "Wait"}, {"SecondsPath", "$.nope"}, {"End", true}}));
  CHECK(bad["error"] == "States.Runtime");
}

TEST_CASE("TestState Succeed and Fail") {
  TestStateFixture f;
  json ok = f.run(request({{"Type", "Succeed"}, {"OutputPath", "$.keep"}}, {{"keep", 1}, {"drop", 2}}));
  CHECK(ok["status"] == "SUCCEEDED");
  CHECK(data(ok, "output") == 1);

  json failed = f.run(request({{"Type", "Fail"}, {"Error", "Nope"}, {"Cause", "because"}}));
  CHECK(failed["status"] == "FAILED");
  CHECK(failed["error"] == "Nope");
  CHECK(failed["cause"] == "because");
  CHECK_FALSE(failed.contains("output"));

  json dynamic = f.run(request(
      {{"Type", "Fail"}, {"ErrorPath", "$.code"}, {"CausePath", "States.Format('n={}', $.n)"}},
      {{"code", "E42"}, {"n", 5}}));
  CHECK(dynamic["error"] == "E42");
  CHECK(dynamic["cause"] == "n=5");
}

// ---- Task --------------------------------------------------------------------------------------

TEST_CASE("TestState Task calls the integration with the effective parameters") {
  TestStateFixture f;
  f.fake.script = FakeIntegrations::always({{"Payload", {{"ok", true}}}});
  json task = lambdaTask({{"Parameters", {{"who.$", "$.name"}}},
                          {"ResultSelector", {{"ok.$", "$.Payload.ok"}}},
                          {"ResultPath", "$.result"}},
                         "Next");
  json out = f.run(request(task, {{"name", "ada"}}));
  REQUIRE(f.fake.calls.size() == 1);
  CHECK(f.fake.calls[0]->request.resource == kLambdaArn);
  CHECK(f.fake.calls[0]->request.parameters == json{{"who", "ada"}});
  CHECK(out["status"] == "SUCCEEDED");
  CHECK(out["nextState"] == "Next");
  CHECK(data(out, "afterParameters") == json{{"who", "ada"}});
  CHECK(data(out, "result") == json{{"Payload", {{"ok", true}}}});
  CHECK(data(out, "afterResultSelector") == json{{"ok", true}});
  CHECK(data(out, "output") == json{{"name", "ada"}, {"result", {{"ok", true}}}});
}

TEST_CASE("TestState Task answers when the service does, later on the clock") {
  TestStateFixture f;
  f.start(request(lambdaTask(), {{"n", 1}}));
  CHECK_FALSE(f.answer);
  f.sim.advanceTo(f.sim.now() + 30'000);
  f.fake.succeed(0, {{"late", true}});
  REQUIRE(f.answer);
  CHECK(data(*f.answer, "output") == json{{"late", true}});
}

TEST_CASE("TestState Task: TimeoutSeconds, and TestState's own five minutes, end with States.Timeout") {
  TestStateFixture f;
  f.start(request(lambdaTask({{"TimeoutSeconds", 10}})));
  f.sim.advanceTo(f.sim.now() + 10'000);
  REQUIRE(f.answer);
  CHECK((*f.answer)["error"] == "States.Timeout");
  CHECK(f.fake.calls[0]->cancelled);
  f.fake.succeed(0, 1);  // a late answer is ignored (no second reply)

  f.start(request(lambdaTask()));
  f.sim.advanceTo(f.sim.now() + 299'000);
  CHECK_FALSE(f.answer);
  f.sim.advanceTo(f.sim.now() + 1'000);
  REQUIRE(f.answer);
  CHECK((*f.answer)["error"] == "States.Timeout");
}

TEST_CASE("TestState Retry: a matching retrier with attempts left is RETRIABLE") {
  TestStateFixture f;
  f.fake.script = [](const TaskRequest&, std::size_t) {
    return std::optional<TaskOutcome>(TaskOutcome::failure("Boom", "it broke"));
  };
  json retry = json::array({{{"ErrorEquals", {"Other"}}},
                            {{"ErrorEquals", {"Boom"}}, {"IntervalSeconds", 2}, {"MaxAttempts", 2},
                             {"BackoffRate", 3}}});
  json task = lambdaTask({{"Retry", retry}}, "Next");
  json out = f.run(request(task));
  CHECK(out["status"] == "RETRIABLE");
  CHECK(out["error"] == "Boom");
  CHECK(out["cause"] == "it broke");
  CHECK_FALSE(out.contains("nextState"));
  CHECK_FALSE(out.contains("output"));
  CHECK(out["inspectionData"]["errorDetails"] ==
        json{{"retryIndex", 1}, {"retryBackoffIntervalSeconds", 2}});

  // stateConfiguration.retrierRetryCount: retries already made (the backoff grows; none left: FAILED).
  json second = request(task);
  second["stateConfiguration"] = {{"retrierRetryCount", 1}};
  CHECK(f.run(second)["inspectionData"]["errorDetails"]["retryBackoffIntervalSeconds"] == 6);
  second["stateConfiguration"] = {{"retrierRetryCount", 2}};
  CHECK(f.run(second)["status"] == "FAILED");
}

TEST_CASE("TestState Catch: CAUGHT_ERROR with the catcher's Next and ResultPath") {
  TestStateFixture f;
  f.fake.script = FakeIntegrations::sequence({TaskOutcome::failure("Boom", "it broke")});
  json catches = json::array({{{"ErrorEquals", {"Other"}}, {"Next", "A"}},
                              {{"ErrorEquals", {"States.ALL"}}, {"Next", "Recover"},
                               {"ResultPath", "$.error"}}});
  json out = f.run(request(lambdaTask({{"Catch", catches}}, "Next"), {{"id", 1}}));
  CHECK(out["status"] == "CAUGHT_ERROR");
  CHECK(out["nextState"] == "Recover");
  CHECK(out["error"] == "Boom");
  CHECK(data(out, "output") ==
        json{{"id", 1}, {"error", {{"Error", "Boom"}, {"Cause", "it broke"}}}});
  CHECK(out["inspectionData"]["errorDetails"] == json{{"catchIndex", 1}});
}

TEST_CASE("TestState Task with a mock does not call the service") {
  TestStateFixture f;
  json mocked = request(lambdaTask({}, "Next"));
  mocked.erase("roleArn");  // optional with a mock
  mocked["mock"] = {{"result", R"({"mocked": 1})"}};
  json out = f.run(mocked);
  CHECK(f.fake.calls.empty());
  CHECK(data(out, "output") == json{{"mocked", 1}});

  mocked["mock"] = {{"errorOutput", {{"error", "Mock.Err"}, {"cause", "mocked"}}}};
  json failed = f.run(mocked);
  CHECK(failed["status"] == "FAILED");
  CHECK(failed["error"] == "Mock.Err");
}

TEST_CASE("TestState Map and Parallel run only with a mocked result") {
  TestStateFixture f;
  json map = {{"Type", "Map"},
              {"ItemsPath", "$.items"},
              {"ItemProcessor", {{"StartAt", "P"}, {"States", {{"P", {{"Type", "Pass"}, {"End", true}}}}}}},
              {"ResultPath", "$.done"},
              {"End", true}};
  CHECK(f.refusal(request(map)).first == "InvalidDefinition");
  json mocked = request(map, {{"items", {1, 2}}});
  mocked["mock"] = {{"result", "[10, 20]"}};
  CHECK(data(f.run(mocked), "output") == json{{"items", {1, 2}}, {"done", {10, 20}}});
  mocked["mock"] = {{"result", "{}"}};
  CHECK(f.refusal(mocked).first == "ValidationException");
}

TEST_CASE("TestState of a mocked Map reports its items and settings, not a result") {
  TestStateFixture f;
  json map = {
      {"Type", "Map"},
      {"ItemsPath", "$.items"},
      {"MaxConcurrency", 4},
      {"ItemProcessor", {{"StartAt", "P"}, {"States", {{"P", {{"Type", "Pass"}, {"End", true}}}}}}},
      {"End", true}};
  json mocked = request(map, {{"items", {1, 2}}});
  mocked["mock"] = {{"result", "[10, 20]"}};
  mocked["inspectionLevel"] = "DEBUG";
  json out = f.run(mocked);
  CHECK(data(out, "afterItemsPath") == json{1, 2});
  CHECK(out["inspectionData"]["maxConcurrency"] == 4);
  CHECK_FALSE(out["inspectionData"].contains("result"));
  // Items that are no array fail the state even with a mock, as on AWS.
  json notArray = request(map, {{"items", "many"}});
  notArray["mock"] = {{"result", "[]"}};
  json failed = f.run(notArray);
  CHECK(failed["error"] == "States.Runtime");
  CHECK(failed["cause"] == "Reference path \"$.items\" must point to array.");
}

// ---- bad requests ------------------------------------------------------------------------------

TEST_CASE("TestState refuses bad requests with the modeled errors") {
  TestStateFixture f;
  json pass = {{"Type", "Pass"}, {"End", true}};

  json notJson = request(pass);
  notJson["definition"] = "{nope";
  CHECK(f.refusal(notJson).first == "InvalidDefinition");

  auto [code, message] = f.refusal(request({{"Type", "Pass"}}));  // neither Next nor End
  CHECK(code == "InvalidDefinition");
  CHECK(message ==
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Exactly one of these "
        "fields is required: [Next, End] at /States/StateName'");
  CHECK(f.refusal(request({{"Type", "Teleport"}, {"End", true}})).first == "InvalidDefinition");

  json unknownState = request(pass);
  unknownState["definition"] = json{{"StartAt", "P"}, {"States", {{"P", pass}}}}.dump();
  unknownState["stateName"] = "Q";
  CHECK(f.refusal(unknownState) ==
        std::pair<std::string, std::string>{"ValidationException", "State not found in definition"});

  json badInput = request(pass);
  badInput["input"] = "{not json";
  CHECK(f.refusal(badInput).first == "InvalidExecutionInput");

  json badRole = request(pass);
  badRole["roleArn"] = "not-an-arn";
  CHECK(f.refusal(badRole).first == "InvalidArn");

  json noRole = request(lambdaTask());
  noRole.erase("roleArn");
  CHECK(f.refusal(noRole) ==
        std::pair<std::string, std::string>{"ValidationException",
                                            "RoleArn must be specified when testing a Task state"});

  json sync = request({{"Type", "Task"}, {"Resource", "arn:aws:states:::batch:submitJob.sync"},
                       {"End", true}});
  CHECK(f.refusal(sync).first == "InvalidDefinition");

  json mockedPass = request(pass);
  mockedPass["mock"] = {{"result", "1"}};
  CHECK(f.refusal(mockedPass).first == "ValidationException");
}

TEST_CASE("TestState with stateName tests one state of a whole machine") {
  TestStateFixture f;
  json machine = {{"StartAt", "A"},
                  {"States",
                   {{"A", {{"Type", "Pass"}, {"Next", "B"}}},
                    {"B", {{"Type", "Pass"}, {"Result", "b"}, {"End", true}}}}}};
  json req = request(machine);
  req["stateName"] = "A";
  CHECK(f.run(req)["nextState"] == "B");
  req["stateName"] = "Missing";
  CHECK(f.refusal(req).first == "ValidationException");
  // A state inside a Map's item processor (or a Parallel's branch) is found there.
  json nested = {
      {"StartAt", "M"},
      {"States",
       {{"M",
         {{"Type", "Map"},
          {"End", true},
          {"ItemProcessor",
           {{"StartAt", "Inner"},
            {"States", {{"Inner", {{"Type", "Pass"}, {"Result", "in"}, {"End", true}}}}}}}}}}}};
  json inner = request(nested);
  inner["stateName"] = "Inner";
  CHECK(data(f.run(inner), "output") == "in");
}

TEST_CASE("TestState context: only the fields of $$, each part given replacing the default part") {
  TestStateFixture f;
  json task = lambdaTask({{"Parameters", {{"ctx.$", "$$"}}}, {"ResultPath", "$.r"}});
  json mocked = request(task);
  mocked["mock"] = {{"result", R"({"StatusCode": 200})"}};

  json unknown = mocked;
  unknown["context"] = R"({"Execution": {"Nickname": "x"}})";
  CHECK(f.refusal(unknown) == std::pair<std::string, std::string>{
                                  "ValidationException",
                                  "Invalid Context object provided: Field 'Nickname' is not allowed"});
  json token = mocked;
  token["context"] = R"({"Task": {"Token": "t"}})";
  CHECK(f.refusal(token).second.find("Context object contains 'Task' when state is not a Task state") !=
        std::string::npos);

  json empty = mocked;
  empty["context"] = R"({"Execution": {}})";
  json out = f.run(empty);
  json ctx = data(out, "afterParameters")["ctx"];
  CHECK(ctx["Execution"] == json::object());  // replaced, not merged
  CHECK(ctx["StateMachine"]["Name"].get<std::string>().size() == 36);  // not given: the default
}

TEST_CASE("TestState context: a new machine per test, the state named as a lone state") {
  TestStateFixture f;
  json machine = {{"StartAt", "First"},
                  {"States",
                   {{"First", {{"Type", "Pass"}, {"Parameters", {{"ctx.$", "$$"}}}, {"Next", "Call"}}},
                    {"Call", lambdaTask({{"Parameters", {{"ctx.$", "$$"}}}, {"ResultPath", "$.r"}})}}}};
  auto contextOf = [&](const char* stateName) {
    json req = request(machine);
    req["stateName"] = stateName;
    if (std::string(stateName) == "Call") req["mock"] = {{"result", "{}"}};
    return data(f.run(req), "afterParameters")["ctx"];
  };
  json pass = contextOf("First");
  json task = contextOf("Call");
  // AWS names the state "StateName" in $$ even when the request names one of a whole machine.
  CHECK(pass["State"]["Name"] == "StateName");
  CHECK(task["State"]["Name"] == "StateName");
  // Only a state that can retry has a RetryCount.
  CHECK_FALSE(pass["State"].contains("RetryCount"));
  CHECK(task["State"]["RetryCount"] == 0);
  // Each test runs as a one-off execution of its own machine.
  CHECK(pass["StateMachine"]["Name"] != task["StateMachine"]["Name"]);
  CHECK(pass["Execution"]["Name"] != task["Execution"]["Name"]);
  const std::string machineArn = task["StateMachine"]["Id"];
  CHECK(machineArn.ends_with(":stateMachine:" + task["StateMachine"]["Name"].get<std::string>()));
  CHECK(task["Execution"]["Id"] == "arn:aws:states:us-east-1:123456789012:express:" +
                                       task["StateMachine"]["Name"].get<std::string>() + ":" +
                                       task["Execution"]["Name"].get<std::string>());
}

TEST_CASE("TestState writes the input and a mocked result unchanged as the client wrote them") {
  TestStateFixture f;
  json pass = request({{"Type", "Pass"}, {"End", true}});
  pass["input"] = R"({"a": [1,  2]})";
  json out = f.run(pass);
  CHECK(out["output"] == R"({"a": [1,  2]})");
  CHECK(out["inspectionData"]["input"] == R"({"a": [1,  2]})");

  // The same members in another order are new data, written in their own order.
  json reordered = request({{"Type", "Pass"}, {"Parameters", {{"b.$", "$.b"}, {"a.$", "$.a"}}}, {"End", true}});
  reordered["input"] = R"({"a": 1, "b": 2})";
  json shuffled = f.run(reordered);
  CHECK(shuffled["inspectionData"]["input"] == R"({"a": 1, "b": 2})");
  CHECK(shuffled["inspectionData"]["afterParameters"] == R"({"b":2,"a":1})");
  CHECK(shuffled["output"] == R"({"b":2,"a":1})");

  json parallel = request({{"Type", "Parallel"},
                           {"End", true},
                           {"Branches", {single({{"Type", "Pass"}, {"End", true}}, "A"),
                                         single({{"Type", "Pass"}, {"End", true}}, "B")}}});
  parallel["mock"] = {{"result", R"([{"x": 1}, {"y": 2}])"}};
  out = f.run(parallel);
  CHECK(out["output"] == R"([{"x": 1}, {"y": 2}])");
  // A mocked Parallel reports no input processing and no `result`, as AWS reports it.
  CHECK_FALSE(out["inspectionData"].contains("afterInputPath"));
  CHECK_FALSE(out["inspectionData"].contains("result"));
  CHECK(out["inspectionData"]["afterResultSelector"] == R"([{"x": 1}, {"y": 2}])");

  parallel["mock"] = {{"result", R"([{"x": 1}])"}};
  CHECK(f.refusal(parallel) ==
        std::pair<std::string, std::string>{
            "ValidationException",
            "Mocked result must contain the same number of items as number of Parallel branches."});
}
