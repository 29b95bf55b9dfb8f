// Step Functions Local's mock config: parsing with the pointer of each problem, the file loader,
// and executions started as "<machine ARN>#<TestCase>" through the service — invocation counters
// across retries and Map iterations, Throw with Retry backoff and Catch, a missing answer, states
// that run for real, and resources stepsim does not emulate.
#include <cstdio>
#include <fstream>

#include "emulator/core/aws_error.h"
#include "emulator/stepfunctions/api/sfn_service.h"
#include "emulator/stepfunctions/definition/task_resources.h"
#include "emulator/stepfunctions/mock_config/mock_config.h"
#include "engine_fixture.h"

using namespace stepsim::sfn;
using namespace stepsim::sfn::test;

namespace {

// The example of the AWS documentation ("Configuration file for mocked service integrations").
const json kAwsMockConfig = json::parse(R"({
  "StateMachines": {"LambdaSQSIntegration": {"TestCases": {
    "HappyPath": {"LambdaState": "MockedLambdaSuccess", "SQSState": "MockedSQSSuccess"},
    "RetryPath": {"LambdaState": "MockedLambdaRetry", "SQSState": "MockedSQSSuccess"},
    "HybridPath": {"LambdaState": "MockedLambdaSuccess"}}}},
  "MockedResponses": {
    "MockedLambdaSuccess": {"0": {"Return": {"StatusCode": 200,
                                             "Payload": {"StatusCode": 200, "body": "Hello from Lambda!"}}}},
    "LambdaMockedResourceNotReady": {"0": {"Throw": {"Error": "Lambda.ResourceNotReadyException",
                                                     "Cause": "Lambda resource is not ready."}}},
    "MockedSQSSuccess": {"0": {"Return": {"MD5OfMessageBody": "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51",
                                          "MessageId": "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"}}},
    "MockedLambdaRetry": {
      "0": {"Throw": {"Error": "Lambda.ResourceNotReadyException", "Cause": "Lambda resource is not ready."}},
      "1-2": {"Throw": {"Error": "Lambda.TimeoutException", "Cause": "Lambda timed out."}},
      "3": {"Return": {"StatusCode": 200, "Payload": {"StatusCode": 200, "body": "Hello from Lambda!"}}}}}
})");

const json kAwsDefinition = json::parse(R"({
  "Comment": "This state machine is called: LambdaSQSIntegration",
  "StartAt": "LambdaState",
  "States": {
    "LambdaState": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"Payload.$": "$", "FunctionName": "HelloWorldFunction"},
                    "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "MaxAttempts": 3,
                               "BackoffRate": 2}],
                    "Next": "SQSState"},
    "SQSState": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                 "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/myQueue",
                                "MessageBody.$": "$"},
                 "End": true}}
})");

// The pointer (and message) parseMockConfig throws for `document`.
MockConfigError errorOf(const json& document) {
  try {
    parseMockConfig(document);
  } catch (const MockConfigError& error) {
    return error;
  }
  FAIL("accepted: " << document.dump());
  return MockConfigError("", "");
}

// A config with one response `response` under name R, used by test case T of machine M for state S.
json withResponse(const json& response) {
  return {{"StateMachines", {{"M", {{"TestCases", {{"T", {{"S", "R"}}}}}}}}},
          {"MockedResponses", {{"R", response}}}};
}

json throwing(const std::string& error, const std::string& cause = "c") {
  return {{"Throw", {{"Error", error}, {"Cause", cause}}}};
}

struct ServiceFixture {
  ServiceFixture() : sim(manualConfig()), fake(sim), service(sim, fake) {}

  core::Simulation sim;
  FakeIntegrations fake;
  StepFunctionsService service;

  json call(std::string_view operation, const json& input) {
    return service.handle(operation, input);
  }

  void load(const json& config) {
    service.setMockConfig(std::make_shared<MockConfig>(parseMockConfig(config)));
  }
  std::string createMachine(const json& definition, const std::string& name) {
    return call("CreateStateMachine",
                {{"name", name}, {"definition", definition.dump()}, {"roleArn", kRoleArn}})
        .at("stateMachineArn")
        .get<std::string>();
  }
  std::string start(const std::string& arn, const std::string& name = "e1",
                    const json& input = json::object()) {
    return call("StartExecution",
                {{"stateMachineArn", arn}, {"name", name}, {"input", input.dump()}})
        .at("executionArn")
        .get<std::string>();
  }
  // The modeled error code and message StartExecution answers with.
  std::pair<std::string, std::string> startError(const std::string& arn) {
    try {
      start(arn);
    } catch (const core::AwsError& error) {
      return {error.code, error.message};
    }
    FAIL("started " << arn);
    return {};
  }
  json describe(const std::string& execution) {
    return call("DescribeExecution", {{"executionArn", execution}});
  }
  json history(const std::string& execution) {
    return call("GetExecutionHistory", {{"executionArn", execution}}).at("events");
  }
  std::vector<std::string> types(const std::string& execution) {
    std::vector<std::string> out;
    for (const json& ev : history(execution)) out.push_back(ev.at("type").get<std::string>());
    return out;
  }
  std::vector<json> events(const std::string& execution, const std::string& type) {
    std::vector<json> out;
    for (const json& ev : history(execution))
      if (ev.at("type") == type) out.push_back(ev);
    return out;
  }
  json output(const std::string& execution) {
    json d = describe(execution);
    REQUIRE(d.at("status") == "SUCCEEDED");
    return json::parse(d.at("output").get<std::string>());
  }
  void advanceSeconds(double s) { sim.advanceTo(sim.now() + static_cast<core::TimeMs>(s * 1000)); }
};

std::string awsMachine(ServiceFixture& f) {
  f.load(kAwsMockConfig);
  return f.createMachine(kAwsDefinition, "LambdaSQSIntegration");
}

}  // namespace

// ---- parsing -----------------------------------------------------------------------------------

TEST_CASE("mock config: the AWS documentation's example parses") {
  MockConfig config = parseMockConfig(kAwsMockConfig);
  const MockTestCase* retry = config.testCase("LambdaSQSIntegration", "RetryPath");
  REQUIRE(retry);
  CHECK(retry->states.at("LambdaState") == "MockedLambdaRetry");
  CHECK_FALSE(config.testCase("LambdaSQSIntegration", "Nope"));
  CHECK_FALSE(config.testCase("Other", "HappyPath"));
  const MockedResponse* response = config.response("MockedLambdaRetry");
  REQUIRE(response);
  CHECK(response->find(0)->error == "Lambda.ResourceNotReadyException");
  CHECK(response->find(1)->error == "Lambda.TimeoutException");
  CHECK(response->find(2)->error == "Lambda.TimeoutException");
  CHECK_FALSE(response->find(3)->isThrow);
  CHECK(response->find(3)->result.at("StatusCode") == 200);
  CHECK(response->find(4) == nullptr);
}

TEST_CASE("mock config: invocation keys sort by number and may leave gaps") {
  MockConfig config = parseMockConfig(withResponse(
      {{"10", {{"Return", 10}}}, {"2-3", {{"Return", 2}}}, {"0", {{"Return", nullptr}}}}));
  const MockedResponse& r = *config.response("R");
  CHECK(r.find(0)->result.is_null());  // any JSON value may be returned
  CHECK(r.find(1) == nullptr);
  CHECK(r.find(3)->result == 2);
  CHECK(r.find(9) == nullptr);
  CHECK(r.find(10)->result == 10);
  CHECK(r.find(11) == nullptr);
  // An empty response parses: it fails the execution only when the state runs.
  CHECK(parseMockConfig(withResponse(json::object())).response("R")->entries.empty());
}

TEST_CASE("mock config: each problem is reported with the pointer of the bad field") {
  struct Case {
    json document;
    std::string pointer, message;
  };
  json ok = withResponse({{"0", {{"Return", 1}}}});
  auto with = [&](const std::string& pointer, const json& value) {
    json d = ok;
    d[json::json_pointer(pointer)] = value;
    return d;
  };
  json unknownTop = ok;
  unknownTop["Extra"] = 1;
  json noResponses = ok;
  noResponses.erase("MockedResponses");
  std::vector<Case> cases = {
      {json::array(), "", "must be an object"},
      {unknownTop, "/Extra", "unknown field"},
      {noResponses, "", "missing required field MockedResponses"},
      {with("/StateMachines", json::array()), "/StateMachines", "must be an object"},
      {with("/StateMachines/M", "x"), "/StateMachines/M", "must be an object"},
      {with("/StateMachines/M/Tests", json::object()), "/StateMachines/M/Tests", "unknown field"},
      {with("/StateMachines/M/TestCases/T", json::array()), "/StateMachines/M/TestCases/T",
       "must be an object"},
      {with("/StateMachines/M/TestCases/T/S", 3), "/StateMachines/M/TestCases/T/S",
       "must be the name of a mocked response"},
      {with("/StateMachines/M/TestCases/T/S", "Nope"), "/StateMachines/M/TestCases/T/S",
       "\"Nope\", which MockedResponses does not define"},
      {with("/MockedResponses/R", json::array()), "/MockedResponses/R", "must be an object"},
      {withResponse({{"x", {{"Return", 1}}}}), "/MockedResponses/R/x", "invocation number"},
      {withResponse({{"01", {{"Return", 1}}}}), "/MockedResponses/R/01", "leading zeros"},
      {withResponse({{"-1", {{"Return", 1}}}}), "/MockedResponses/R/-1", "invocation number"},
      {withResponse({{"1-", {{"Return", 1}}}}), "/MockedResponses/R/1-", "invocation number"},
      {withResponse({{"1-2-3", {{"Return", 1}}}}), "/MockedResponses/R/1-2-3", "invocation number"},
      {withResponse({{"3-1", {{"Return", 1}}}}), "/MockedResponses/R/3-1", "must not run backwards"},
      {withResponse({{"0-2", {{"Return", 1}}}, {"2", {{"Return", 2}}}}), "/MockedResponses/R/2",
       "overlaps \"0-2\""},
      {withResponse({{"1-3", {{"Return", 1}}}, {"3-4", {{"Return", 2}}}}), "/MockedResponses/R/3-4",
       "overlaps \"1-3\""},
      {withResponse({{"0", json::object()}}), "/MockedResponses/R/0", "one of Return or Throw"},
      {withResponse({{"0", {{"Return", 1}, {"Throw", throwing("E")["Throw"]}}}}),
       "/MockedResponses/R/0", "not both"},
      {withResponse({{"0", {{"Return", 1}, {"Delay", 1}}}}), "/MockedResponses/R/0/Delay",
       "unknown field"},
      {withResponse({{"0", {{"Throw", "E"}}}}), "/MockedResponses/R/0/Throw", "must be an object"},
      {withResponse({{"0", {{"Throw", {{"Error", 1}, {"Cause", "c"}}}}}}),
       "/MockedResponses/R/0/Throw/Error", "must be a string"},
      {withResponse({{"0", {{"Throw", {{"Error", "E"}}}}}}), "/MockedResponses/R/0/Throw",
       "missing required field Cause"},
      {withResponse({{"0", {{"Throw", {{"Error", "E"}, {"Cause", "c"}, {"X", 1}}}}}}),
       "/MockedResponses/R/0/Throw/X", "unknown field"},
  };
  for (const Case& c : cases) {
    INFO(c.document.dump());
    MockConfigError error = errorOf(c.document);
    CHECK(error.pointer == c.pointer);
    CHECK_THAT(error.message, Catch::Contains(c.message));
  }
}

TEST_CASE("mock config: pointers escape '/' and '~'; what() is pointer: message") {
  json d = {{"StateMachines", json::object()},
            {"MockedResponses", {{"a/b~c", {{"x", {{"Return", 1}}}}}}}};
  MockConfigError error = errorOf(d);
  CHECK(error.pointer == "/MockedResponses/a~1b~0c/x");
  CHECK(std::string(error.what()) == error.pointer + ": " + error.message);
}

TEST_CASE("mock config: the file loader names the file, and the line of a syntax error") {
  std::string path = "stepsim_mock_config_test.json";
  auto write = [&](const std::string& text) { std::ofstream(path, std::ios::binary) << text; };

  write(kAwsMockConfig.dump(2));
  CHECK(loadMockConfigFile(path).testCase("LambdaSQSIntegration", "HappyPath"));

  write("{\n  \"StateMachines\": {},\n  \"MockedResponses\": {\n    \"R\": {\"0\": }\n  }\n}\n");
  try {
    loadMockConfigFile(path);
    FAIL("accepted");
  } catch (const MockConfigError& error) {
    CHECK(error.file == path);
    CHECK(error.line == 4);
    CHECK_THAT(error.what(), Catch::StartsWith(path + ":4: not JSON: syntax error"));
  }

  write(R"({"StateMachines": {}, "MockedResponses": {"R": {"x": {"Return": 1}}}})");
  try {
    loadMockConfigFile(path);
    FAIL("accepted");
  } catch (const MockConfigError& error) {
    CHECK(error.pointer == "/MockedResponses/R/x");
    CHECK(error.line == 1);
    CHECK_THAT(error.what(), Catch::StartsWith(path + ":1: /MockedResponses/R/x: "));
  }
  std::remove(path.c_str());

  CHECK_THROWS_WITH(loadMockConfigFile("no/such/file.json"),
                    Catch::StartsWith("no/such/file.json: cannot read"));
}

// ---- resources stepsim does not emulate --------------------------------------------------------

TEST_CASE("task resources: integrations of services stepsim does not emulate are accepted") {
  auto sqs = classifyTaskResource("arn:aws:states:::sqs:sendMessage");
  REQUIRE(sqs.resource);
  CHECK(sqs.resource->kind == TaskKind::Unemulated);
  auto ecs = classifyTaskResource("arn:aws:states:::ecs:runTask.sync");
  REQUIRE(ecs.resource);
  CHECK(ecs.resource->pattern == IntegrationPattern::Sync);
  auto glue = classifyTaskResource("arn:aws:states:::glue:startJobRun.sync:2");
  REQUIRE(glue.resource);
  CHECK(glue.resource->pattern == IntegrationPattern::Sync2);
  auto sdk = classifyTaskResource("arn:aws:states:::aws-sdk:dynamodb:putItem.waitForTaskToken");
  REQUIRE(sdk.resource);
  CHECK(sdk.resource->kind == TaskKind::Unemulated);
  CHECK(sdk.resource->pattern == IntegrationPattern::WaitForTaskToken);
  // Malformed names, and bad actions of the services stepsim emulates, are still refused.
  for (const char* bad :
       {"arn:aws:states:::sqs", "arn:aws:states:::sqs:", "arn:aws:states:::sqs:send.x",
        "arn:aws:states:::SQS:sendMessage", "arn:aws:states:::lambda:publish",
        "arn:aws:states:::batch:describeJobs", "arn:aws:states:::states:describeExecution",
        "arn:aws:states:::aws-sdk:s3:GetObject", "arn:aws:states:::aws-sdk:s3"}) {
    INFO(bad);
    auto check = classifyTaskResource(bad);
    CHECK_FALSE(check.resource);
    CHECK_THAT(check.error, Catch::Contains(bad));
  }
  CHECK_THAT(classifyTaskResource("arn:aws:states:::lambda:invoke.sync").error,
             Catch::Contains("unsupported integration pattern"));
  CHECK_THAT(classifyTaskResource("arn:aws:states:::aws-sdk:batch:noSuchAction").error,
             Catch::Contains("no batch action"));
}

TEST_CASE("mock config: an unemulated resource run unmocked fails the execution cleanly") {
  ServiceFixture f;
  std::string arn = awsMachine(f);
  f.fake.script = FakeIntegrations::always({{"StatusCode", 200}, {"Payload", "hi"}});
  std::string e = f.start(arn);  // no test case: everything runs for real
  json d = f.describe(e);
  CHECK(d.at("status") == "FAILED");
  CHECK(d.at("error") == "States.Runtime");
  CHECK_THAT(d.at("cause").get<std::string>(),
             Catch::Contains("stepsim does not emulate arn:aws:states:::sqs:sendMessage") &&
                 Catch::Contains("mock config"));
  json failed = f.events(e, "TaskStartFailed").at(0).at("taskStartFailedEventDetails");
  CHECK(failed.at("resourceType") == "sqs");
  CHECK(failed.at("resource") == "sendMessage");
  CHECK(f.types(e).back() == "ExecutionFailed");
  CHECK(f.fake.calls.size() == 1);  // LambdaState ran for real
}

// ---- executions with a test case ---------------------------------------------------------------

TEST_CASE("mock config: HappyPath answers both states from the mocks, in zero virtual time") {
  ServiceFixture f;
  std::string arn = awsMachine(f);
  std::string e = f.start(arn + "#HappyPath", "happy", {{"in", 1}});
  // The execution is the machine's own.
  CHECK(e == "arn:aws:states:us-east-1:123456789012:execution:LambdaSQSIntegration:happy");
  json d = f.describe(e);
  CHECK(d.at("stateMachineArn") == arn);
  CHECK(f.output(e) == kAwsMockConfig["MockedResponses"]["MockedSQSSuccess"]["0"]["Return"]);
  CHECK(f.fake.calls.empty());
  CHECK(f.types(e) == std::vector<std::string>{
                          "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                          "TaskSucceeded", "TaskStateExited", "TaskStateEntered", "TaskScheduled",
                          "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"});
  // The mocked result flows on as a real one would: SQSState's input is LambdaState's result.
  json sqsScheduled = f.events(e, "TaskScheduled").at(1).at("taskScheduledEventDetails");
  CHECK(sqsScheduled.at("resourceType") == "sqs");
  CHECK(json::parse(sqsScheduled.at("parameters").get<std::string>()).at("MessageBody") ==
        kAwsMockConfig["MockedResponses"]["MockedLambdaSuccess"]["0"]["Return"]);
  CHECK(d.at("startDate") == d.at("stopDate"));
}

TEST_CASE("mock config: RetryPath fails three times, retried after 2, 4 and 8 virtual seconds") {
  ServiceFixture f;
  std::string arn = awsMachine(f);
  std::string e = f.start(arn + "#RetryPath");
  CHECK(f.describe(e).at("status") == "RUNNING");
  f.advanceSeconds(14);
  CHECK(f.output(e) == kAwsMockConfig["MockedResponses"]["MockedSQSSuccess"]["0"]["Return"]);
  double t0 = f.history(e).at(0).at("timestamp").get<double>();
  std::vector<double> failedAt, scheduledAt;
  std::vector<std::string> errors;
  for (const json& ev : f.events(e, "TaskFailed")) {
    failedAt.push_back(ev.at("timestamp").get<double>() - t0);
    errors.push_back(ev.at("taskFailedEventDetails").at("error").get<std::string>());
    CHECK(ev.at("taskFailedEventDetails").at("resourceType") == "lambda");
  }
  for (const json& ev : f.events(e, "TaskScheduled"))
    scheduledAt.push_back(ev.at("timestamp").get<double>() - t0);
  CHECK(failedAt == std::vector<double>{0, 2, 6});
  CHECK(errors == std::vector<std::string>{"Lambda.ResourceNotReadyException",
                                           "Lambda.TimeoutException", "Lambda.TimeoutException"});
  CHECK(scheduledAt == std::vector<double>{0, 2, 6, 14, 14});  // four Lambda attempts, then SQS
  CHECK(f.events(e, "TaskSucceeded").at(0).at("timestamp").get<double>() - t0 == 14);
  CHECK(f.fake.calls.empty());
}

TEST_CASE("mock config: HybridPath runs the unmocked state for real") {
  ServiceFixture f;
  // SQSState cannot run for real here: make the hybrid's real state a Lambda function.
  json definition = kAwsDefinition;
  definition["States"]["SQSState"] = lambdaTask({{"ResultPath", "$.real"}});
  f.load(kAwsMockConfig);
  std::string arn = f.createMachine(definition, "LambdaSQSIntegration");
  f.fake.script = FakeIntegrations::echo();
  std::string e = f.start(arn + "#HybridPath");
  REQUIRE(f.fake.calls.size() == 1);
  CHECK(f.fake.calls[0]->request.resource == kLambdaArn);
  json out = f.output(e);
  CHECK(out.at("Payload").at("body") == "Hello from Lambda!");
  CHECK(out.at("real") == kAwsMockConfig["MockedResponses"]["MockedLambdaSuccess"]["0"]["Return"]);
  CHECK(f.types(e).at(7) == "LambdaFunctionScheduled");
}

TEST_CASE("mock config: one counter per state counts every Map iteration") {
  ServiceFixture f;
  json definition = {{"StartAt", "Each"},
                     {"States",
                      {{"Each",
                        {{"Type", "Map"},
                         {"MaxConcurrency", 1},
                         {"End", true},
                         {"ItemProcessor", single(lambdaTask(), "Call")}}}}}};
  f.load({{"StateMachines", {{"Mapper", {{"TestCases", {{"T", {{"Call", "R"}}}}}}}}},
          {"MockedResponses",
           {{"R", {{"0", {{"Return", "first"}}}, {"1-2", {{"Return", "next"}}}}}}}});
  std::string arn = f.createMachine(definition, "Mapper");
  std::string e = f.start(arn + "#T", "e1", json::array({1, 2, 3}));
  CHECK(f.output(e) == json::array({"first", "next", "next"}));
  CHECK(f.events(e, "LambdaFunctionSucceeded").size() == 3);
  CHECK(f.fake.calls.empty());
  // A fourth item has no answer: States.Runtime, not caught by the Map's States.ALL.
  std::string again = f.start(arn + "#T", "e2", json::array({1, 2, 3, 4}));
  json d = f.describe(again);
  CHECK(d.at("status") == "FAILED");
  CHECK(d.at("error") == "States.Runtime");
  // Each execution counts from 0.
  CHECK(f.output(f.start(arn + "#T", "e3", json::array({1}))) == json::array({"first"}));
}

TEST_CASE("mock config: a missing answer fails the execution with States.Runtime") {
  ServiceFixture f;
  json definition = single(
      lambdaTask({{"Retry",
                   {{{"ErrorEquals", {"States.ALL"}}, {"IntervalSeconds", 1}, {"MaxAttempts", 5}}}},
                  {"Catch", {{{"ErrorEquals", {"States.ALL"}}, {"Next", "Caught"}}}}}),
      "Call");
  definition["States"]["Call"].erase("End");
  definition["States"]["Call"]["Next"] = "Done";
  definition["States"]["Caught"] = {{"Type", "Pass"}, {"End", true}};
  definition["States"]["Done"] = {{"Type", "Pass"}, {"End", true}};
  f.load({{"StateMachines", {{"M", {{"TestCases", {{"Flaky", {{"Call", "R"}}}}}}}}},
          {"MockedResponses", {{"R", {{"0", throwing("Boom")}}}}}});
  std::string arn = f.createMachine(definition, "M");
  std::string e = f.start(arn + "#Flaky");
  f.advanceSeconds(60);
  json d = f.describe(e);
  CHECK(d.at("status") == "FAILED");
  CHECK(d.at("error") == "States.Runtime");
  std::string cause = d.at("cause").get<std::string>();
  CHECK_THAT(cause, Catch::Contains("'R'") && Catch::Contains("test case 'Flaky'") &&
                        Catch::Contains("invocation 1") && Catch::Contains("state 'Call'"));
  // The first attempt failed as mocked (a Lambda function: LambdaFunctionFailed) and was retried
  // after 1 s; the second found no answer.
  CHECK(f.events(e, "LambdaFunctionFailed").size() == 1);
  CHECK(f.events(e, "LambdaFunctionScheduled").size() == 1);
  CHECK(f.events(e, "ExecutionFailed").at(0).at("timestamp").get<double>() -
            f.history(e).at(0).at("timestamp").get<double>() ==
        1);
}

TEST_CASE("mock config: a thrown error is caught by Catch like a real one") {
  ServiceFixture f;
  json definition = single(
      lambdaTask(
          {{"Catch",
            {{{"ErrorEquals", {"Custom.Error"}}, {"Next", "Caught"}, {"ResultPath", "$.err"}}}}}),
      "Call");
  definition["States"]["Call"].erase("End");
  definition["States"]["Call"]["Next"] = "Done";
  definition["States"]["Caught"] = {{"Type", "Pass"}, {"End", true}};
  definition["States"]["Done"] = {{"Type", "Pass"}, {"End", true}};
  f.load({{"StateMachines", {{"M", {{"TestCases", {{"Sad", {{"Call", "R"}}}}}}}}},
          {"MockedResponses", {{"R", {{"0", throwing("Custom.Error", "it broke")}}}}}});
  std::string arn = f.createMachine(definition, "M");
  std::string e = f.start(arn + "#Sad", "e1", {{"x", 1}});
  CHECK(f.output(e) == json{{"x", 1}, {"err", {{"Error", "Custom.Error"}, {"Cause", "it broke"}}}});
  json failed = f.events(e, "LambdaFunctionFailed").at(0).at("lambdaFunctionFailedEventDetails");
  CHECK(failed == json{{"error", "Custom.Error"}, {"cause", "it broke"}});
}

TEST_CASE("mock config: StartExecution refuses a test case it cannot run") {
  ServiceFixture f;
  json plain = single({{"Type", "Pass"}, {"End", true}});
  std::string other = f.createMachine(plain, "Other");
  // No mock config loaded.
  auto [code, message] = f.startError(other + "#HappyPath");
  CHECK(code == "InvalidArn");
  CHECK_THAT(message, Catch::Contains("no mock config"));

  std::string arn = awsMachine(f);
  std::tie(code, message) = f.startError(arn + "#Nope");
  CHECK(code == "InvalidArn");
  CHECK_THAT(message, Catch::Contains("no test case 'Nope'") &&
                          Catch::Contains("HappyPath, HybridPath, RetryPath"));
  std::tie(code, message) = f.startError(other + "#HappyPath");
  CHECK(code == "InvalidArn");
  CHECK_THAT(message, Catch::Contains("none for this state machine"));
  std::tie(code, message) = f.startError(arn.substr(0, arn.size() - 1) + "#HappyPath");
  CHECK(code == "StateMachineDoesNotExist");
  // A plain ARN runs unmocked.
  CHECK(f.describe(f.start(other)).at("status") == "SUCCEEDED");
}

TEST_CASE("mock config: a new config applies to new executions; running ones keep theirs") {
  ServiceFixture f;
  json definition = {
      {"StartAt", "Wait"},
      {"States",
       {{"Wait", {{"Type", "Wait"}, {"Seconds", 5}, {"Next", "Call"}}}, {"Call", lambdaTask()}}}};
  auto config = [](const json& value) {
    return json{{"StateMachines", {{"M", {{"TestCases", {{"T", {{"Call", "R"}}}}}}}}},
                {"MockedResponses", {{"R", {{"0", {{"Return", value}}}}}}}};
  };
  f.load(config("old"));
  std::string arn = f.createMachine(definition, "M");
  std::string running = f.start(arn + "#T", "running");
  f.load(config("new"));
  std::string later = f.start(arn + "#T", "later");
  f.advanceSeconds(5);
  CHECK(f.output(running) == "old");
  CHECK(f.output(later) == "new");
}

TEST_CASE(
    "mock config: StartSyncExecution takes a test case; .waitForTaskToken tasks answer at once") {
  ServiceFixture f;
  json config = {{"StateMachines",
                  {{"Fast", {{"TestCases", {{"T", {{"Call", "R"}}}}}}},
                   {"Callback", {{"TestCases", {{"T", {{"Call", "R"}}}}}}}}},
                 {"MockedResponses", {{"R", {{"0", {{"Return", {{"ok", true}}}}}}}}}};
  f.load(config);
  std::string fast =
      f.call("CreateStateMachine", {{"name", "Fast"},
                                    {"definition", single(lambdaTask(), "Call").dump()},
                                    {"roleArn", kRoleArn},
                                    {"type", "EXPRESS"}})
          .at("stateMachineArn")
          .get<std::string>();
  std::optional<json> result;
  f.service.startSyncExecution({{"stateMachineArn", fast + "#T"}, {"input", "{}"}},
                               [&](json out) { result = std::move(out); });
  REQUIRE(result);
  CHECK(result->at("status") == "SUCCEEDED");
  CHECK(result->at("stateMachineArn") == fast);
  CHECK(json::parse(result->at("output").get<std::string>()) == json{{"ok", true}});

  json callback =
      single({{"Type", "Task"},
              {"Resource", "arn:aws:states:::lambda:invoke.waitForTaskToken"},
              {"Parameters", {{"FunctionName", "f"}, {"Payload", {{"token.$", "$$.Task.Token"}}}}},
              {"End", true}},
             "Call");
  std::string arn = f.createMachine(callback, "Callback");
  std::string e = f.start(arn + "#T");
  CHECK(f.output(e) == json{{"ok", true}});
  CHECK(f.fake.calls.empty());
}
