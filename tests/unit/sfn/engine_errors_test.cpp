// Retry, Catch, timeouts (task and execution), StopExecution and late answers.
#include "engine_fixture.h"

using namespace stepsim::sfn;
using namespace stepsim::sfn::test;

namespace {

// Offsets from the start of the run at which the Lambda was scheduled, in ms.
std::vector<core::TimeMs> scheduledAt(const EngineFixture& f, const Execution& e,
                                      std::string_view type = "LambdaFunctionScheduled") {
  std::vector<core::TimeMs> out;
  for (const HistoryEvent* ev : eventsOf(e, type)) out.push_back(ev->timestamp - f.t0());
  return out;
}

std::vector<TaskOutcome> failures(int n, const std::string& error = "Boom") {
  return std::vector<TaskOutcome>(static_cast<std::size_t>(n), TaskOutcome::failure(error, "cause"));
}

json withRetry(json retry, json extra = json::object()) {
  extra["Retry"] = std::move(retry);
  return single(lambdaTask(extra));
}

}  // namespace

// ---- Retry -------------------------------------------------------------------------------------

TEST_CASE("Retry: IntervalSeconds × BackoffRate^n on the virtual clock") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::sequence(failures(3));
  Execution& e = f.start(
      withRetry({{{"ErrorEquals", {"Boom"}}, {"IntervalSeconds", 2}, {"BackoffRate", 3.0}, {"MaxAttempts", 3}}}),
      {{"a", 1}});
  CHECK(statusOf(e) == "RUNNING");
  f.advanceSeconds(1000);
  CHECK(output(e) == json{{"a", 1}});
  // Delays 2, 6, 18 seconds.
  CHECK(scheduledAt(f, e) == std::vector<core::TimeMs>{0, 2'000, 8'000, 26'000});
  // One StateEntered: retries do not re-enter the state.
  CHECK(countOf(e, "TaskStateEntered") == 1);
  CHECK(countOf(e, "LambdaFunctionFailed") == 3);
  CHECK(eventTypes(e) ==
        std::vector<std::string>{"ExecutionStarted", "TaskStateEntered",
                                 "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionFailed",
                                 "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionFailed",
                                 "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionFailed",
                                 "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded",
                                 "TaskStateExited", "ExecutionSucceeded"});
  checkHistoryShape(e);
}

TEST_CASE("Retry: the defaults are 1 s, 3 attempts, backoff 2") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::sequence(failures(4));
  Execution& e = f.start(withRetry({{{"ErrorEquals", {"States.ALL"}}}}));
  f.advanceSeconds(1000);
  CHECK(scheduledAt(f, e) == std::vector<core::TimeMs>{0, 1'000, 3'000, 7'000});
  CHECK(statusOf(e) == "FAILED");
  CHECK(e.error == "Boom");
  CHECK(eventOf(e, "ExecutionFailed").timestamp == f.t0() + 7'000);
}

TEST_CASE("Retry: a fractional BackoffRate") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::sequence(failures(3));
  Execution& e = f.start(withRetry(
      {{{"ErrorEquals", {"Boom"}}, {"IntervalSeconds", 1}, {"BackoffRate", 1.5}, {"MaxAttempts", 3}}}));
  f.advanceSeconds(100);
  CHECK(scheduledAt(f, e) == std::vector<core::TimeMs>{0, 1'000, 2'500, 4'750});
}

TEST_CASE("Retry: MaxAttempts 0 never retries, and does not fall through to a later retrier") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::sequence(failures(5));
  Execution& e = f.start(withRetry({{{"ErrorEquals", {"Boom"}}, {"MaxAttempts", 0}},
                                    {{"ErrorEquals", {"States.ALL"}}, {"MaxAttempts", 5}}}));
  f.advanceSeconds(1000);
  CHECK(f.fake.calls.size() == 1);
  CHECK(statusOf(e) == "FAILED");
  CHECK(e.error == "Boom");
}

TEST_CASE("Retry: MaxDelaySeconds caps the backoff") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::sequence(failures(4));
  Execution& e = f.start(withRetry({{{"ErrorEquals", {"Boom"}}, {"IntervalSeconds", 1},
                                     {"BackoffRate", 10.0}, {"MaxAttempts", 4}, {"MaxDelaySeconds", 5}}}));
  f.advanceSeconds(1000);
  CHECK(output(e) == json::object());
  CHECK(scheduledAt(f, e) == std::vector<core::TimeMs>{0, 1'000, 6'000, 11'000, 16'000});
}

TEST_CASE("Retry: JitterStrategy FULL is deterministic for a seed and never exceeds the delay") {
  json def = withRetry({{{"ErrorEquals", {"Boom"}}, {"IntervalSeconds", 10}, {"BackoffRate", 2.0},
                         {"MaxAttempts", 3}, {"JitterStrategy", "FULL"}}});
  auto runWith = [&](std::uint64_t seed) {
    EngineFixture f(seed);
    f.fake.script = FakeIntegrations::sequence(failures(3));
    Execution& e = f.start(def);
    f.advanceSeconds(1000);
    REQUIRE(statusOf(e) == "SUCCEEDED");
    std::vector<core::TimeMs> at = scheduledAt(f, e);
    REQUIRE(at.size() == 4);
    std::vector<core::TimeMs> delays;
    for (std::size_t i = 1; i < at.size(); ++i) delays.push_back(at[i] - at[i - 1]);
    return delays;
  };
  std::vector<core::TimeMs> first = runWith(7);
  CHECK(runWith(7) == first);
  CHECK(first[0] >= 0);
  CHECK(first[0] <= 10'000);
  CHECK(first[1] <= 20'000);
  CHECK(first[2] <= 40'000);
  // Not the un-jittered schedule for every seed.
  bool differs = false;
  for (std::uint64_t seed : {1, 2, 3, 4})
    if (runWith(seed) != std::vector<core::TimeMs>{10'000, 20'000, 40'000}) differs = true;
  CHECK(differs);
}

TEST_CASE("Retry: several retriers keep separate counters") {
  // Per the guide: a retrier's attempts count across all its uses within one visit of the state.
  EngineFixture f;
  f.fake.script = FakeIntegrations::sequence({TaskOutcome::failure("ErrorA", ""),
                                              TaskOutcome::failure("ErrorB", ""),
                                              TaskOutcome::failure("ErrorB", ""),
                                              TaskOutcome::failure("ErrorA", "")});
  Execution& e = f.start(withRetry({{{"ErrorEquals", {"ErrorA"}}, {"MaxAttempts", 1}, {"IntervalSeconds", 1}},
                                    {{"ErrorEquals", {"ErrorB"}}, {"MaxAttempts", 2}, {"IntervalSeconds", 1}}}));
  f.advanceSeconds(1000);
  // A (retry A 1/1), B (retry B 1/2), B (retry B 2/2), A: A is used up.
  CHECK(f.fake.calls.size() == 4);
  CHECK(statusOf(e) == "FAILED");
  CHECK(e.error == "ErrorA");
}

TEST_CASE("Retry: counters start again when the state is entered again") {
  EngineFixture f;
  // Visit 1: fail, retry, succeed. Visit 2: fail, retry, succeed.
  f.fake.script = FakeIntegrations::sequence({TaskOutcome::failure("Boom", ""), TaskOutcome::success({{"n", 1}}),
                                              TaskOutcome::failure("Boom", ""), TaskOutcome::success({{"n", 2}})});
  json def = json::parse(R"J({"StartAt": "T", "States": {
    "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
          "Retry": [{"ErrorEquals": ["Boom"], "MaxAttempts": 1}], "Next": "C"},
    "C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "T"}],
          "Default": "Done"},
    "Done": {"Type": "Succeed"}}})J");
  Execution& e = f.start(def);
  f.advanceSeconds(100);
  CHECK(output(e) == json{{"n", 2}});
  CHECK(f.fake.calls.size() == 4);
}

TEST_CASE("Retry: $$.State.RetryCount counts the retries") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::sequence(failures(2));
  Execution& e = f.start(withRetry({{{"ErrorEquals", {"Boom"}}}},
                                   {{"Parameters", {{"retry.$", "$$.State.RetryCount"},
                                                    {"entered.$", "$$.State.EnteredTime"}}}}));
  f.advanceSeconds(100);
  REQUIRE(f.fake.calls.size() == 3);
  CHECK(f.fake.calls[0]->request.parameters["retry"] == 0);
  CHECK(f.fake.calls[1]->request.parameters["retry"] == 1);
  CHECK(f.fake.calls[2]->request.parameters["retry"] == 2);
  CHECK(output(e)["retry"] == 2);
}

TEST_CASE("Retry: a Parallel state is retried as a whole") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::sequence(failures(1));
  json def = json::parse(R"J({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true,
    "Retry": [{"ErrorEquals": ["Boom"], "IntervalSeconds": 5}],
    "Branches": [
      {"StartAt": "T", "States": {"T": {"Type": "Task",
        "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work", "End": true}}},
      {"StartAt": "X", "States": {"X": {"Type": "Pass", "Result": "x", "End": true}}}]}}})J");
  Execution& e = f.start(def, {{"a", 1}});
  CHECK(statusOf(e) == "RUNNING");
  f.advanceSeconds(5);
  CHECK(output(e) == json::array({{{"a", 1}}, "x"}));
  CHECK(countOf(e, "ParallelStateEntered") == 1);
  // As AWS records a retried Map: no ParallelStateFailed for the failure that is retried.
  CHECK(countOf(e, "ParallelStateFailed") == 0);
  CHECK(countOf(e, "ParallelStateStarted") == 2);
  CHECK(countOf(e, "ParallelStateSucceeded") == 1);
}

// ---- Catch -------------------------------------------------------------------------------------

TEST_CASE("Catch: the error output, ResultPath and Next") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::sequence({TaskOutcome::failure("Custom.Error", "the cause")});
  auto def = [](json catcher) {
    json task = lambdaTask({{"Catch", {catcher}}});
    return json{{"StartAt", "T"}, {"States", {{"T", task}, {"Recover", {{"Type", "Pass"}, {"End", true}}}}}};
  };
  SECTION("default ResultPath: the error output replaces the input") {
    Execution& e = f.start(def({{"ErrorEquals", {"Custom.Error"}}, {"Next", "Recover"}}), {{"a", 1}});
    CHECK(output(e) == json{{"Error", "Custom.Error"}, {"Cause", "the cause"}});
    CHECK(eventTypes(e) == std::vector<std::string>{"ExecutionStarted", "TaskStateEntered",
                                                    "LambdaFunctionScheduled", "LambdaFunctionStarted",
                                                    "LambdaFunctionFailed", "TaskStateExited",
                                                    "PassStateEntered", "PassStateExited",
                                                    "ExecutionSucceeded"});
    checkHistoryShape(e);
  }
  SECTION("ResultPath adds it to the raw input") {
    Execution& e = f.start(def({{"ErrorEquals", {"States.ALL"}}, {"Next", "Recover"},
                                {"ResultPath", "$.error"}}),
                           {{"a", 1}});
    CHECK(output(e) == json{{"a", 1}, {"error", {{"Error", "Custom.Error"}, {"Cause", "the cause"}}}});
    CHECK(enteredInput(e, "Recover") == output(e));
  }
  SECTION("ResultPath null keeps the input") {
    Execution& e = f.start(def({{"ErrorEquals", {"States.TaskFailed"}}, {"Next", "Recover"},
                                {"ResultPath", nullptr}}),
                           {{"a", 1}});
    CHECK(output(e) == json{{"a", 1}});
  }
  SECTION("a catcher that does not match lets the execution fail") {
    Execution& e = f.start(def({{"ErrorEquals", {"Other.Error"}}, {"Next", "Recover"}}), {{"a", 1}});
    CHECK(statusOf(e) == "FAILED");
    CHECK(e.error == "Custom.Error");
    CHECK(e.cause == "the cause");
  }
  SECTION("the first matching catcher wins") {
    json task = lambdaTask({{"Catch", {{{"ErrorEquals", {"Custom.Error"}}, {"Next", "First"}},
                                       {{"ErrorEquals", {"States.ALL"}}, {"Next", "Second"}}}}});
    json d = {{"StartAt", "T"},
              {"States", {{"T", task},
                          {"First", {{"Type", "Pass"}, {"Result", 1}, {"End", true}}},
                          {"Second", {{"Type", "Pass"}, {"Result", 2}, {"End", true}}}}}};
    CHECK(output(f.start(d)) == 1);
  }
  SECTION("a caught error's output skips the state's OutputPath") {
    json task = lambdaTask({{"Catch", {{{"ErrorEquals", {"States.ALL"}}, {"Next", "Recover"},
                                        {"ResultPath", "$.err"}}}},
                            {"OutputPath", "$.nothing"}});
    json d = {{"StartAt", "T"}, {"States", {{"T", task}, {"Recover", {{"Type", "Pass"}, {"End", true}}}}}};
    Execution& e = f.start(d, {{"a", 1}});
    CHECK(output(e)["a"] == 1);
  }
  SECTION("a catcher ResultPath that cannot be applied fails the execution, not the process") {
    json d = {{"StartAt", "Str"},
              {"States", {{"Str", {{"Type", "Pass"}, {"Result", "just a string"}, {"Next", "T"}}},
                          {"T", lambdaTask({{"Catch", {{{"ErrorEquals", {"States.ALL"}}, {"Next", "Recover"},
                                                        {"ResultPath", "$.err"}}}}})},
                          {"Recover", {{"Type", "Pass"}, {"End", true}}}}}};
    Execution& e = f.start(d);
    CHECK(statusOf(e) == "FAILED");
    CHECK(e.error == "States.ResultPathMatchFailure");
  }
}

TEST_CASE("Catch: States.TaskFailed does not match States.Timeout, States.ALL does") {
  EngineFixture f;
  auto def = [](const char* error) {
    json task = lambdaTask({{"TimeoutSeconds", 5},
                            {"Catch", {{{"ErrorEquals", {error}}, {"Next", "Recover"}}}}});
    return json{{"StartAt", "T"}, {"States", {{"T", task}, {"Recover", {{"Type", "Pass"}, {"End", true}}}}}};
  };
  SECTION("States.TaskFailed") {
    Execution& e = f.start(def("States.TaskFailed"));
    f.advanceSeconds(5);
    CHECK(statusOf(e) == "FAILED");
    CHECK(e.error == "States.Timeout");
  }
  SECTION("States.ALL") {
    Execution& e = f.start(def("States.ALL"));
    f.advanceSeconds(5);
    CHECK(output(e)["Error"] == "States.Timeout");
  }
  SECTION("States.Timeout by name") {
    Execution& e = f.start(def("States.Timeout"));
    f.advanceSeconds(5);
    CHECK(statusOf(e) == "SUCCEEDED");
  }
}

TEST_CASE("Catch: States.Runtime is never caught nor retried") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::echo();
  json task = lambdaTask({{"Parameters", {{"x.$", "$.missing"}}},
                          {"Retry", {{{"ErrorEquals", {"States.ALL"}}}}},
                          {"Catch", {{{"ErrorEquals", {"States.ALL"}}, {"Next", "Recover"}}}}});
  json def = {{"StartAt", "T"}, {"States", {{"T", task}, {"Recover", {{"Type", "Pass"}, {"End", true}}}}}};
  Execution& e = f.start(def, {{"a", 1}});
  f.advanceSeconds(100);
  CHECK(statusOf(e) == "FAILED");
  CHECK(e.error == "States.Runtime");
  CHECK(f.fake.calls.empty());
  CHECK(countOf(e, "PassStateEntered") == 0);
}

TEST_CASE("Catch: States.TaskFailed catches a task's own errors") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::sequence({TaskOutcome::failure("Lambda.Unknown", "x")});
  json task = lambdaTask({{"Catch", {{{"ErrorEquals", {"States.TaskFailed"}}, {"Next", "Recover"}}}}});
  json def = {{"StartAt", "T"}, {"States", {{"T", task}, {"Recover", {{"Type", "Pass"}, {"End", true}}}}}};
  Execution& e = f.start(def);
  CHECK(output(e)["Error"] == "Lambda.Unknown");
}

TEST_CASE("Retry then Catch once the retries are used up") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::sequence(failures(10));
  json task = lambdaTask({{"Retry", {{{"ErrorEquals", {"Boom"}}, {"MaxAttempts", 2}, {"IntervalSeconds", 1}}}},
                          {"Catch", {{{"ErrorEquals", {"Boom"}}, {"Next", "Recover"}, {"ResultPath", "$.err"}}}}});
  json def = {{"StartAt", "T"}, {"States", {{"T", task}, {"Recover", {{"Type", "Pass"}, {"End", true}}}}}};
  Execution& e = f.start(def, {{"a", 1}});
  CHECK(statusOf(e) == "RUNNING");
  f.advanceSeconds(100);
  CHECK(f.fake.calls.size() == 3);
  CHECK(output(e) == json{{"a", 1}, {"err", {{"Error", "Boom"}, {"Cause", "cause"}}}});
  CHECK(eventOf(e, "PassStateEntered").timestamp == f.t0() + 3'000);
}

TEST_CASE("Catch on a Fail state inside a Parallel branch") {
  EngineFixture f;
  json def = json::parse(R"J({"StartAt": "P", "States": {
    "P": {"Type": "Parallel", "Next": "Done",
          "Catch": [{"ErrorEquals": ["Branch.Failed"], "Next": "Handled", "ResultPath": "$.err"}],
          "Branches": [{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Branch.Failed",
                                                          "Cause": "nope"}}}]},
    "Handled": {"Type": "Pass", "End": true},
    "Done": {"Type": "Succeed"}}})J");
  Execution& e = f.start(def, {{"a", 1}});
  CHECK(output(e) == json{{"a", 1}, {"err", {{"Error", "Branch.Failed"}, {"Cause", "nope"}}}});
}

// ---- timeouts ----------------------------------------------------------------------------------

TEST_CASE("Task TimeoutSeconds: States.Timeout with the resource's TimedOut event") {
  EngineFixture f;
  SECTION("a Lambda function ARN: LambdaFunctionTimedOut") {
    Execution& e = f.start(single(lambdaTask({{"TimeoutSeconds", 10}})));
    REQUIRE(f.fake.calls.size() == 1);
    CHECK(eventOf(e, "LambdaFunctionScheduled").details["timeoutInSeconds"] == 10);
    f.advanceSeconds(9.999);
    CHECK(statusOf(e) == "RUNNING");
    f.advance(1);
    CHECK(statusOf(e) == "FAILED");
    CHECK(e.error == "States.Timeout");
    CHECK(f.fake.calls[0]->cancelled);
    CHECK(eventTypes(e) == std::vector<std::string>{"ExecutionStarted", "TaskStateEntered",
                                                    "LambdaFunctionScheduled", "LambdaFunctionStarted",
                                                    "LambdaFunctionTimedOut", "ExecutionFailed"});
    CHECK(eventOf(e, "LambdaFunctionTimedOut").timestamp == f.t0() + 10'000);
    CHECK(eventOf(e, "LambdaFunctionTimedOut").details["error"] == "States.Timeout");
  }
  SECTION("an integration: TaskTimedOut") {
    Execution& e = f.start(single({{"Type", "Task"},
                                   {"Resource", "arn:aws:states:::lambda:invoke"},
                                   {"Parameters", {{"FunctionName", "work"}}},
                                   {"TimeoutSeconds", 3},
                                   {"End", true}}));
    f.advanceSeconds(3);
    CHECK(e.error == "States.Timeout");
    CHECK(countOf(e, "TaskTimedOut") == 1);
    CHECK(eventOf(e, "TaskTimedOut").details["resourceType"] == "lambda");
    CHECK(eventOf(e, "TaskTimedOut").details["resource"] == "invoke");
  }
  SECTION("an answer in time cancels the timeout") {
    Execution& e = f.start(single(lambdaTask({{"TimeoutSeconds", 10}})));
    f.advanceSeconds(5);
    f.fake.succeed(0, "ok");
    CHECK(output(e) == "ok");
    CHECK(f.sim.scheduler().pending() == 0);
  }
  SECTION("a timeout is retried like any error") {
    Execution& e = f.start(single(lambdaTask({{"TimeoutSeconds", 10},
                                              {"Retry", {{{"ErrorEquals", {"States.Timeout"}}, {"IntervalSeconds", 1}}}}})));
    f.advanceSeconds(10);
    CHECK(f.fake.calls.size() == 1);
    f.advanceSeconds(1);
    REQUIRE(f.fake.calls.size() == 2);
    f.fake.succeed(1, "second");
    CHECK(output(e) == "second");
    CHECK(scheduledAt(f, e) == std::vector<core::TimeMs>{0, 11'000});
  }
}

TEST_CASE("Task TimeoutSecondsPath reads the state input") {
  EngineFixture f;
  // As in AWS's own example: the path reads the state input, not the Parameters it builds.
  Execution& e = f.start(single({{"Type", "Task"},
                                 {"Resource", "arn:aws:states:::lambda:invoke"},
                                 {"TimeoutSecondsPath", "$.TimeoutSecondsValue"},
                                 {"Parameters", {{"FunctionName.$", "$.FunctionName"}, {"Payload.$", "$.Payload"}}},
                                 {"End", true}}),
                         {{"TimeoutSecondsValue", 4}, {"FunctionName", "work"}, {"Payload", {{"x", 1}}}});
  REQUIRE(statusOf(e) == "RUNNING");
  CHECK(eventOf(e, "TaskScheduled").details["timeoutInSeconds"] == 4);
  f.advanceSeconds(4);
  CHECK(e.error == "States.Timeout");

  SECTION("a value that is not a positive integer is States.Runtime") {
    Execution& bad = f.start(single(lambdaTask({{"TimeoutSecondsPath", "$.t"}})), {{"t", "soon"}}, "bad");
    CHECK(bad.error == "States.Runtime");
  }
}

TEST_CASE("Task timeout: a late answer is ignored") {
  EngineFixture f;
  json task = lambdaTask({{"TimeoutSeconds", 5},
                          {"Catch", {{{"ErrorEquals", {"States.Timeout"}}, {"Next", "Slow"}}}}});
  json def = {{"StartAt", "T"},
              {"States", {{"T", task}, {"Slow", {{"Type", "Wait"}, {"Seconds", 100}, {"End", true}}}}}};
  Execution& e = f.start(def);
  f.advanceSeconds(5);
  REQUIRE(countOf(e, "WaitStateEntered") == 1);
  std::size_t events = e.history.size();
  f.fake.succeed(0, "too late");
  f.fake.fail(0, "Late.Error");
  CHECK(e.history.size() == events);
  CHECK(statusOf(e) == "RUNNING");
  f.advanceSeconds(100);
  CHECK(output(e) == json{{"Error", "States.Timeout"}, {"Cause", ""}});
}

TEST_CASE("Task timeout on a .waitForTaskToken task: the token is withdrawn") {
  EngineFixture f;
  Execution& e = f.start(single({{"Type", "Task"},
                                 {"Resource", "arn:aws:states:::lambda:invoke.waitForTaskToken"},
                                 {"Parameters", {{"FunctionName", "work"}, {"Payload", {{"t.$", "$$.Task.Token"}}}}},
                                 {"TimeoutSeconds", 60},
                                 {"End", true}}));
  std::string token = *f.fake.calls.at(0)->request.taskToken;
  CHECK(f.engine.hasTask(token));
  f.advanceSeconds(60);
  CHECK(e.error == "States.Timeout");
  CHECK_FALSE(f.engine.hasTask(token));
  CHECK_FALSE(f.engine.completeTask(token, TaskOutcome::success(1)));
}

TEST_CASE("execution TimeoutSeconds: TIMED_OUT, with the in-flight task cancelled") {
  EngineFixture f;
  json def = single(lambdaTask({}, "W"), "T");
  def["States"]["W"] = {{"Type", "Wait"}, {"Seconds", 1000}, {"End", true}};
  def["TimeoutSeconds"] = 30;
  SECTION("during a task") {
    Execution& e = f.start(def);
    f.advanceSeconds(29);
    CHECK(statusOf(e) == "RUNNING");
    f.advanceSeconds(1);
    CHECK(statusOf(e) == "TIMED_OUT");
    CHECK(e.stopDate == f.t0() + 30'000);
    CHECK_FALSE(e.error.has_value());  // DescribeExecution gives none, as on AWS
    CHECK(eventOf(e, "ExecutionTimedOut").details["error"] == "States.Timeout");
    CHECK(f.fake.calls.at(0)->cancelled);
    CHECK(eventTypes(e).back() == "ExecutionTimedOut");
    f.fake.succeed(0, "late");
    CHECK(statusOf(e) == "TIMED_OUT");
    CHECK(eventTypes(e).back() == "ExecutionTimedOut");
    checkHistoryShape(e);
  }
  SECTION("during a Wait") {
    f.fake.script = FakeIntegrations::echo();
    Execution& e = f.start(def);
    f.advanceSeconds(2000);
    CHECK(statusOf(e) == "TIMED_OUT");
    CHECK(countOf(e, "WaitStateExited") == 0);
    CHECK(f.sim.scheduler().pending() == 0);
  }
  SECTION("an execution that ends first cancels its timeout timer") {
    json quick = single({{"Type", "Pass"}, {"End", true}});
    quick["TimeoutSeconds"] = 30;
    Execution& e = f.start(quick);
    CHECK(statusOf(e) == "SUCCEEDED");
    CHECK(f.sim.scheduler().pending() == 0);
  }
}

// ---- StopExecution ----------------------------------------------------------------------------

TEST_CASE("Engine::stop: ABORTED, the in-flight task cancelled, later answers ignored") {
  EngineFixture f;
  json def = single(lambdaTask({{"TimeoutSeconds", 100}}));
  Execution& e = f.start(def);
  f.advanceSeconds(7);
  f.engine.stop(e, std::string("User.Stop"), std::string("enough"));
  CHECK(statusOf(e) == "ABORTED");
  CHECK(e.error == "User.Stop");
  CHECK(e.cause == "enough");
  CHECK(e.stopDate == f.t0() + 7'000);
  CHECK(f.fake.calls.at(0)->cancelled);
  CHECK(eventTypes(e).back() == "ExecutionAborted");
  CHECK(eventOf(e, "ExecutionAborted").details == json{{"error", "User.Stop"}, {"cause", "enough"}});
  CHECK(f.sim.scheduler().pending() == 0);  // the task timeout is gone
  std::size_t events = e.history.size();
  f.fake.succeed(0, "late");
  f.advanceSeconds(1000);
  CHECK(e.history.size() == events);
  // Stopping again changes nothing.
  f.engine.stop(e, std::nullopt, std::nullopt);
  CHECK(e.history.size() == events);
  CHECK(e.error == "User.Stop");
}

TEST_CASE("Engine::stop without error or cause") {
  EngineFixture f;
  Execution& e = f.start(single({{"Type", "Wait"}, {"Seconds", 10}, {"End", true}}));
  f.engine.stop(e, std::nullopt, std::nullopt);
  CHECK(statusOf(e) == "ABORTED");
  CHECK(eventOf(e, "ExecutionAborted").details == json::object());
  f.advanceSeconds(10);
  CHECK(countOf(e, "WaitStateExited") == 0);
}

TEST_CASE("Engine::stop cancels every task of a Map and a Parallel") {
  EngineFixture f;
  json def = json::parse(R"J({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true,
    "Branches": [
      {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemsPath": "$.items",
        "ItemProcessor": {"StartAt": "T", "States": {"T": {"Type": "Task",
          "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work", "End": true}}}}}},
      {"StartAt": "T2", "States": {"T2": {"Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
        "Parameters": {"FunctionName": "work", "Payload": {"t.$": "$$.Task.Token"}}, "End": true}}}]}}})J");
  Execution& e = f.start(def, {{"items", {1, 2, 3}}});
  REQUIRE(f.fake.calls.size() == 4);
  std::string token = *f.fake.calls[3]->request.taskToken;
  f.engine.stop(e, std::nullopt, std::nullopt);
  CHECK(statusOf(e) == "ABORTED");
  for (const auto& call : f.fake.calls) CHECK(call->cancelled);
  CHECK_FALSE(f.engine.hasTask(token));
  for (std::size_t i = 0; i < 3; ++i) f.fake.succeed(i, i);
  CHECK_FALSE(f.engine.completeTask(token, TaskOutcome::success(1)));
  CHECK(eventTypes(e).back() == "ExecutionAborted");
}

TEST_CASE("a cancellation that answers at once is ignored") {
  EngineFixture f;
  f.fake.answerOnCancel = TaskOutcome::failure("Job.Terminated", "terminated by the cancel");
  SECTION("Engine::stop") {
    Execution& e = f.start(single(lambdaTask()));
    f.engine.stop(e, std::nullopt, std::nullopt);
    CHECK(statusOf(e) == "ABORTED");
    CHECK(countOf(e, "LambdaFunctionFailed") == 0);
    CHECK(eventTypes(e) == std::vector<std::string>{"ExecutionStarted", "TaskStateEntered",
                                                    "LambdaFunctionScheduled", "LambdaFunctionStarted",
                                                    "ExecutionAborted"});
  }
  SECTION("a task timeout") {
    Execution& e = f.start(single(lambdaTask({{"TimeoutSeconds", 5}})));
    f.advanceSeconds(5);
    CHECK(e.error == "States.Timeout");
    CHECK(countOf(e, "LambdaFunctionFailed") == 0);
    CHECK(countOf(e, "ExecutionFailed") == 1);
  }
  SECTION("the execution timeout") {
    json def = single(lambdaTask());
    def["TimeoutSeconds"] = 5;
    Execution& e = f.start(def);
    f.advanceSeconds(5);
    CHECK(statusOf(e) == "TIMED_OUT");
    CHECK(eventTypes(e).back() == "ExecutionTimedOut");
    CHECK(countOf(e, "LambdaFunctionFailed") == 0);
  }
  SECTION("a sibling branch failing") {
    json def = single({{"Type", "Parallel"}, {"End", true},
                       {"Branches", {single(lambdaTask(), "A"), single(lambdaTask(), "B")}}}, "P");
    Execution& e = f.start(def);
    f.fake.fail(1, "B.Failed");
    CHECK(e.error == "B.Failed");
    CHECK(countOf(e, "LambdaFunctionFailed") == 1);
    CHECK(countOf(e, "ExecutionFailed") == 1);
  }
}

TEST_CASE(".sync integrations record TaskSubmitted") {
  EngineFixture f;
  f.fake.submitOutput = json{{"JobId", "j-1"}, {"JobName", "job"}};
  Execution& e = f.start(single({{"Type", "Task"},
                                 {"Resource", "arn:aws:states:::batch:submitJob.sync"},
                                 {"Parameters", {{"JobName", "job"}, {"JobQueue", "q"}, {"JobDefinition", "d"}}},
                                 {"End", true}}));
  REQUIRE(f.fake.calls.size() == 1);
  CHECK(f.fake.calls[0]->request.kind == TaskKind::BatchSubmitJob);
  CHECK(f.fake.calls[0]->request.pattern == IntegrationPattern::Sync);
  f.advanceSeconds(60);
  f.fake.succeed(0, {{"Status", "SUCCEEDED"}});
  CHECK(output(e) == json{{"Status", "SUCCEEDED"}});
  CHECK(eventTypes(e) == std::vector<std::string>{"ExecutionStarted", "TaskStateEntered", "TaskScheduled",
                                                  "TaskStarted", "TaskSubmitted", "TaskSucceeded",
                                                  "TaskStateExited", "ExecutionSucceeded"});
  const EventView submitted = eventOf(e, "TaskSubmitted");
  CHECK(submitted.details["resourceType"] == "batch");
  CHECK(submitted.details["resource"] == "submitJob.sync");
  CHECK(submitted.details["output"] == json{{"JobId", "j-1"}, {"JobName", "job"}});
  CHECK(eventOf(e, "TaskSucceeded").timestamp == f.t0() + 60'000);
  checkHistoryShape(e);
}

// ---- data limits -------------------------------------------------------------------------------

TEST_CASE("a task result over 256 KiB fails the task with States.DataLimitExceeded") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::always(std::string(300 * 1024, 'x'));
  json def = single(lambdaTask());
  Execution& e = f.start(def);
  CHECK(statusOf(e) == "FAILED");
  CHECK(e.error == "States.DataLimitExceeded");
  // The task itself fails, and the cause names the function, not the state.
  EventView failed = eventOf(e, "LambdaFunctionFailed");
  CHECK(failed.details["error"] == "States.DataLimitExceeded");
  CHECK(failed.details["cause"] == std::string("The state/task '") + kLambdaArn +
                                       "' returned a result with a size exceeding the maximum "
                                       "number of bytes service limit.");
  CHECK(countOf(e, "LambdaFunctionSucceeded") == 0);
}

TEST_CASE("a task's States.DataLimitExceeded is a task error States.ALL catches, as AWS records") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::always(std::string(300 * 1024, 'x'));
  json task = lambdaTask({{"Catch", {{{"ErrorEquals", {"States.ALL"}}, {"Next", "Recover"}}}}});
  json def = {{"StartAt", "T"}, {"States", {{"T", task}, {"Recover", {{"Type", "Pass"}, {"End", true}}}}}};
  Execution& e = f.start(def);
  CHECK(statusOf(e) == "SUCCEEDED");
  CHECK(output(e)["Error"] == "States.DataLimitExceeded");
}

TEST_CASE("a state's own output over 256 KiB is not caught by States.ALL") {
  EngineFixture f;
  std::string big(150 * 1024, 'x');
  json doubler = lambdaTask({{"ResultSelector", {{"a.$", "$.s"}, {"b.$", "$.s"}}},
                             {"Catch", {{{"ErrorEquals", {"States.ALL"}}, {"Next", "Recover"}}}}});
  f.fake.script = FakeIntegrations::echo();
  json def = {{"StartAt", "T"},
              {"States", {{"T", doubler}, {"Recover", {{"Type", "Pass"}, {"End", true}}}}}};
  Execution& e = f.start(def, {{"s", big}});
  CHECK(statusOf(e) == "FAILED");
  CHECK(e.error == "States.DataLimitExceeded");
}

TEST_CASE("a service integration's result over 256 KiB names the service in TaskFailed") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::always({{"Payload", std::string(300 * 1024, 'x')}});
  json task = {{"Type", "Task"}, {"Resource", "arn:aws:states:::lambda:invoke"},
               {"Parameters", {{"FunctionName", "work"}}}, {"End", true}};
  Execution& e = f.start(single(task, "Invoke"));
  EventView failed = eventOf(e, "TaskFailed");
  CHECK(failed.details["error"] == "States.DataLimitExceeded");
  CHECK(failed.details["cause"] == "The state/task 'lambda' returned a result with a size "
                                   "exceeding the maximum number of bytes service limit.");
}

TEST_CASE("a state whose output passes 256 KiB fails with States.DataLimitExceeded") {
  EngineFixture f;
  std::string big(150 * 1024, 'x');
  json doubler = {{"Type", "Pass"}, {"Parameters", {{"a.$", "$.s"}, {"b.$", "$.s"}}}, {"End", true}};
  json definition = {{"StartAt", "Double"}, {"States", {{"Double", doubler}}}};
  SECTION("uncaught") {
    Execution& e = f.start(definition, {{"s", big}});
    CHECK(statusOf(e) == "FAILED");
    CHECK(e.error == "States.DataLimitExceeded");
    CHECK(e.cause == "The state/task 'Double' returned a result with a size exceeding the maximum "
                     "number of bytes service limit.");
  }
  SECTION("caught around a branch") {
    json wrapped = {
        {"StartAt", "Branch"},
        {"States",
         {{"Branch", {{"Type", "Parallel"},
                      {"Branches", {definition}},
                      {"Catch", {{{"ErrorEquals", {"States.DataLimitExceeded"}}, {"Next", "Caught"},
                                  {"ResultPath", "$.error"}}}},
                      {"End", true}}},
          {"Caught", {{"Type", "Pass"}, {"OutputPath", "$.error.Error"}, {"End", true}}}}}};
    Execution& e = f.start(wrapped, {{"s", big}});
    CHECK(statusOf(e) == "SUCCEEDED");
    CHECK(output(e) == "States.DataLimitExceeded");
  }
  SECTION("just under the limit passes") {
    Execution& e = f.start(definition, {{"s", std::string(100 * 1024, 'x')}});
    CHECK(statusOf(e) == "SUCCEEDED");
  }
}
