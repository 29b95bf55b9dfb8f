// RedriveExecution in the interpreter: the execution continues from the state it ended in, with
// that state's input; Parallel and Map re-run only what did not succeed. Also the events recorded
// when iterations are cut short and when a task cannot be scheduled.
#include "engine_fixture.h"

using namespace stepsim::sfn;
using namespace stepsim::sfn::test;

namespace {

// Prepare (Pass) → Work (Task) → Done (Pass).
json prepareWorkDone() {
  return json::parse(R"({
    "StartAt": "Prepare",
    "States": {
      "Prepare": {"Type": "Pass", "Result": {"ready": true}, "ResultPath": "$.prep", "Next": "Work"},
      "Work": {"Type": "Task", "Resource": ")" + std::string(kLambdaArn) + R"(", "ResultPath": "$.work", "Next": "Done"},
      "Done": {"Type": "Pass", "End": true}
    }})");
}

}  // namespace

TEST_CASE("a redriven execution re-enters the failed state with its input and keeps its history") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::sequence({TaskOutcome::failure("Boom", "first try")});
  Execution& e = f.start(prepareWorkDone(), {{"job", 7}});
  REQUIRE(statusOf(e) == "FAILED");
  std::size_t before = e.history.size();
  f.advanceSeconds(30);

  f.engine.redrive(e);
  CHECK(statusOf(e) == "SUCCEEDED");
  CHECK(e.redriveCount == 1);
  CHECK(e.redriveDate == f.t0() + 30'000);
  CHECK_FALSE(e.error);
  CHECK(output(e) == json{{"job", 7}, {"prep", {{"ready", true}}}, {"work", {{"job", 7}, {"prep", {{"ready", true}}}}}});
  // Prepare did not run again; Work was entered a second time with the same input.
  CHECK(countOf(e, "PassStateEntered") == 2);  // Prepare once, Done once
  CHECK(enteredInput(e, "Work", 1) == enteredInput(e, "Work", 0));
  CHECK(eventTypes(e)[before] == "ExecutionRedriven");
  CHECK(eventOf(e, "ExecutionRedriven").details == json{{"redriveCount", 1}});
  CHECK(f.fake.calls.size() == 2);
  checkHistoryShape(e);
}

TEST_CASE("$$.Execution.RedriveCount counts redrives") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::sequence({TaskOutcome::failure("Boom", "")});
  json definition = json::parse(R"({
    "StartAt": "Work",
    "States": {
      "Work": {"Type": "Task", "Resource": ")" + std::string(kLambdaArn) + R"(",
               "Parameters": {"count.$": "$$.Execution.RedriveCount"}, "End": true}
    }})");
  Execution& e = f.start(definition);
  REQUIRE(statusOf(e) == "FAILED");
  CHECK(f.fake.calls[0]->request.parameters == json{{"count", 0}});
  f.engine.redrive(e);
  CHECK(statusOf(e) == "SUCCEEDED");
  CHECK(f.fake.calls[1]->request.parameters == json{{"count", 1}});
}

TEST_CASE("an aborted execution redrives from the state it was stopped in") {
  EngineFixture f;
  json definition = json::parse(R"({
    "StartAt": "Nap",
    "States": {
      "Nap": {"Type": "Wait", "Seconds": 60, "Next": "Done"},
      "Done": {"Type": "Succeed"}
    }})");
  Execution& e = f.start(definition, {{"a", 1}});
  f.advanceSeconds(10);
  f.engine.stop(e, std::string("User.Stop"), std::nullopt);
  REQUIRE(statusOf(e) == "ABORTED");
  f.engine.redrive(e);
  CHECK(statusOf(e) == "RUNNING");
  f.advanceSeconds(59);
  CHECK(statusOf(e) == "RUNNING");
  f.advanceSeconds(1);
  CHECK(statusOf(e) == "SUCCEEDED");
  CHECK(output(e) == json{{"a", 1}});
  CHECK(countOf(e, "WaitStateEntered") == 2);
}

TEST_CASE("a redriven Map runs only the iterations that did not succeed") {
  EngineFixture f;
  // Item 1 fails the first time; the others succeed.
  std::size_t failures = 0;
  f.fake.script = [&](const TaskRequest& r, std::size_t) -> std::optional<TaskOutcome> {
    if (r.parameters == json(1) && failures++ == 0) return TaskOutcome::failure("Boom", "item 1");
    return TaskOutcome::success(r.parameters.get<int>() * 10);
  };
  json definition = json::parse(R"({
    "StartAt": "Each",
    "States": {
      "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1,
               "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Work",
                 "States": {"Work": {"Type": "Task", "Resource": ")" + std::string(kLambdaArn) + R"(", "End": true}}},
               "End": true}
    }})");
  Execution& e = f.start(definition, {{"items", {0, 1, 2}}});
  REQUIRE(statusOf(e) == "FAILED");
  CHECK(f.fake.calls.size() == 2);  // item 2 never started (MaxConcurrency 1)
  f.engine.redrive(e);
  CHECK(statusOf(e) == "SUCCEEDED");
  CHECK(output(e) == json{0, 10, 20});
  // Item 0 kept its result; items 1 and 2 ran.
  REQUIRE(f.fake.calls.size() == 4);
  CHECK(f.fake.calls[2]->request.parameters == 1);
  CHECK(f.fake.calls[3]->request.parameters == 2);
  checkHistoryShape(e);
}

TEST_CASE("a redriven Parallel runs only the branches that failed") {
  EngineFixture f;
  std::size_t failures = 0;
  f.fake.script = [&](const TaskRequest& r, std::size_t) -> std::optional<TaskOutcome> {
    if (r.parameters.value("branch", "") == "B" && failures++ == 0)
      return TaskOutcome::failure("Boom", "");
    return TaskOutcome::success(r.parameters.at("branch"));
  };
  auto branch = [](const std::string& name) {  // state names are unique machine-wide
    return json{{"StartAt", "Go" + name},
                {"States", {{"Go" + name, {{"Type", "Task"}, {"Resource", kLambdaArn},
                                           {"Parameters", {{"branch", name}}}, {"End", true}}}}}};
  };
  json definition = {{"StartAt", "Both"},
                     {"States", {{"Both", {{"Type", "Parallel"},
                                           {"Branches", {branch("A"), branch("B")}},
                                           {"End", true}}}}}};
  Execution& e = f.start(definition);
  REQUIRE(statusOf(e) == "FAILED");
  std::size_t callsBefore = f.fake.calls.size();
  f.engine.redrive(e);
  CHECK(statusOf(e) == "SUCCEEDED");
  CHECK(output(e) == json{"A", "B"});
  REQUIRE(f.fake.calls.size() == callsBefore + 1);
  CHECK(f.fake.calls.back()->request.parameters == json{{"branch", "B"}});
}

TEST_CASE("iterations still running when another fails are recorded as aborted") {
  EngineFixture f;  // answers later: every iteration waits
  json definition = json::parse(R"({
    "StartAt": "Each",
    "States": {
      "Each": {"Type": "Map",
               "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Work",
                 "States": {"Work": {"Type": "Task", "Resource": ")" + std::string(kLambdaArn) + R"(", "End": true}}},
               "End": true}
    }})");
  Execution& e = f.start(definition, json{1, 2, 3});
  REQUIRE(f.fake.outstandingIndexes().size() == 3);
  f.fake.calls[1]->callbacks.done(TaskOutcome::failure("Boom", ""));
  CHECK(statusOf(e) == "FAILED");
  CHECK(countOf(e, "MapIterationFailed") == 1);
  CHECK(countOf(e, "MapIterationAborted") == 2);
  CHECK(eventOf(e, "MapIterationAborted", 0).details == json{{"name", "Each"}, {"index", 0}});
  CHECK(eventOf(e, "MapIterationAborted", 1).details == json{{"name", "Each"}, {"index", 2}});
  // Aborted iterations come before the Map state's failure.
  auto types = eventTypes(e);
  auto failed = std::find(types.begin(), types.end(), "MapStateFailed");
  CHECK(std::find(failed, types.end(), "MapIterationAborted") == types.end());
  checkHistoryShape(e);
}

namespace {

// Refuses every task at schedule time, as an activity that does not exist is refused.
class RefusingIntegrations : public FakeIntegrations {
 public:
  using FakeIntegrations::FakeIntegrations;
  std::optional<TaskOutcome> refuseSchedule(const TaskRequest&) override {
    return TaskOutcome::failure("Test.Refused", "Activity Does Not Exist: 'x'");
  }
};

}  // namespace

TEST_CASE("a task that cannot be scheduled records ...ScheduleFailed and follows Catch") {
  core::Simulation sim(manualConfig());
  RefusingIntegrations refusing(sim);
  Engine engine(sim, refusing);
  json definition = json::parse(R"({
    "StartAt": "Work",
    "States": {
      "Work": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:gone",
               "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled"}], "End": true},
      "Handled": {"Type": "Pass", "End": true}
    }})");
  auto revision = std::make_shared<Revision>();
  revision->program = compileOrFail(definition);
  Execution e;
  e.arn = "arn:aws:states:us-east-1:123456789012:execution:Machine:x";
  e.revision = revision;
  e.input = makeData(json::object());
  engine.start(e);
  CHECK(statusOf(e) == "SUCCEEDED");
  CHECK(countOf(e, "ActivityScheduled") == 0);
  CHECK(eventOf(e, "ActivityScheduleFailed").details ==
        json{{"error", "Test.Refused"}, {"cause", "Activity Does Not Exist: 'x'"}});
  CHECK(refusing.calls.empty());
}
