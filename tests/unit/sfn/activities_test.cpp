// Activities through the Step Functions service: the API (create, describe, list, delete, tags),
// activity tasks queued for workers in FIFO order, long polls answered when a task arrives or when
// the wall-clock limit passes, ActivityStarted / heartbeats / timeouts / failures, and deletion.
#include <chrono>
#include <map>

#include "engine_fixture.h"
#include "emulator/core/aws_error.h"
#include "emulator/stepfunctions/activities/activity_registry.h"
#include "emulator/stepfunctions/api/sfn_service.h"
#include "emulator/stepfunctions/definition/task_resources.h"

using namespace stepsim::sfn;
using namespace stepsim::sfn::test;

namespace {

constexpr const char* kActivityArn = "arn:aws:states:us-east-1:123456789012:activity:work";

// Wall timers that fire only when the test says the wall time has passed.
class FakeWallTimers : public WallTimers {
 public:
  TimerId afterWall(std::chrono::milliseconds delay, std::function<void()> action) override {
    armed[next] = {delay, std::move(action)};
    return next++;
  }
  void cancelWall(TimerId timer) override { armed.erase(timer); }

  // Every armed timer runs out.
  void elapse() {
    auto due = std::move(armed);
    armed.clear();
    for (auto& [id, timer] : due) timer.second();
  }

  std::map<TimerId, std::pair<std::chrono::milliseconds, std::function<void()>>> armed;
  TimerId next = 1;
};

// A GetActivityTask in flight: `answer` is set when it is answered.
struct Poll {
  std::optional<json> answer;
  bool answered() const { return answer.has_value(); }
  std::string token() const { return answer->at("taskToken").get<std::string>(); }
  json input() const { return json::parse(answer->at("input").get<std::string>()); }
};

struct ActivityFixture {
  ActivityFixture() : sim(manualConfig()), fake(sim), service(sim, fake) {
    service.setWallTimers(&timers);
  }

  core::Simulation sim;
  FakeIntegrations fake;
  FakeWallTimers timers;  // outlives the service, which cancels its timers when it goes
  StepFunctionsService service;

  json call(std::string_view operation, const json& input) { return service.handle(operation, input); }

  // The modeled error `operation` fails with ("" when it succeeds).
  std::string errorOf(std::string_view operation, const json& input) {
    try {
      call(operation, input);
    } catch (const core::AwsError& error) {
      return error.code;
    }
    return "";
  }

  std::string createActivity(const std::string& name = "work") {
    return call("CreateActivity", {{"name", name}}).at("activityArn").get<std::string>();
  }

  std::string createMachine(const json& definition, const std::string& name = "m") {
    return call("CreateStateMachine",
                {{"name", name}, {"definition", definition.dump()}, {"roleArn", kRoleArn}})
        .at("stateMachineArn")
        .get<std::string>();
  }

  std::string start(const std::string& machine, const json& input = json::object(),
                    const std::string& name = "e1") {
    return call("StartExecution",
                {{"stateMachineArn", machine}, {"name", name}, {"input", input.dump()}})
        .at("executionArn")
        .get<std::string>();
  }

  std::shared_ptr<Poll> poll(const std::string& worker = "worker-1",
                             const std::string& activity = kActivityArn) {
    auto p = std::make_shared<Poll>();
    json in = {{"activityArn", activity}};
    if (!worker.empty()) in["workerName"] = worker;
    service.getActivityTask(in, [p](json out) { p->answer = std::move(out); });
    return p;
  }

  json describe(const std::string& execution) {
    return call("DescribeExecution", {{"executionArn", execution}});
  }
  std::string status(const std::string& execution) {
    return describe(execution).at("status").get<std::string>();
  }
  json history(const std::string& execution) {
    return call("GetExecutionHistory", {{"executionArn", execution}}).at("events");
  }
  std::vector<std::string> types(const std::string& execution) {
    std::vector<std::string> out;
    for (const json& ev : history(execution)) out.push_back(ev.at("type").get<std::string>());
    return out;
  }
  json event(const std::string& execution, const std::string& type) {
    for (const json& ev : history(execution))
      if (ev.at("type") == type) return ev;
    FAIL("no " << type << " event");
    return nullptr;
  }

  void advanceSeconds(double s) { sim.advanceTo(sim.now() + static_cast<core::TimeMs>(s * 1000)); }
};

json activityTask(json extra = json::object()) {
  json st = {{"Type", "Task"}, {"Resource", kActivityArn}, {"End", true}};
  if (extra.is_object()) st.update(extra);
  return single(st);
}

}  // namespace

// ---- the API -----------------------------------------------------------------------------------

TEST_CASE("activities: create (idempotent by name), describe, list with paging, delete") {
  ActivityFixture f;
  json created = f.call("CreateActivity", {{"name", "work"}, {"tags", {{{"key", "team"}, {"value", "a"}}}}});
  CHECK(created.at("activityArn") == kActivityArn);
  f.advanceSeconds(5);
  // The same name again: the same activity, its creation date, tags left as they were.
  json again = f.call("CreateActivity", {{"name", "work"}, {"tags", {{{"key", "other"}, {"value", "b"}}}}});
  CHECK(again == created);
  CHECK(f.call("ListTagsForResource", {{"resourceArn", kActivityArn}}).at("tags") ==
        json{{{"key", "team"}, {"value", "a"}}});

  json described = f.call("DescribeActivity", {{"activityArn", kActivityArn}});
  CHECK(described.at("name") == "work");
  CHECK(described.at("creationDate") == created.at("creationDate"));
  CHECK(described.at("encryptionConfiguration") == json{{"type", "AWS_OWNED_KEY"}});

  for (const char* name : {"c", "a", "b"}) f.createActivity(name);
  json page = f.call("ListActivities", {{"maxResults", 2}});
  REQUIRE(page.at("activities").size() == 2);
  CHECK(page["activities"][0].at("name") == "a");
  CHECK(page["activities"][1].at("name") == "b");
  json rest = f.call("ListActivities", {{"maxResults", 2}, {"nextToken", page.at("nextToken")}});
  CHECK(rest.at("activities").size() == 2);
  CHECK(rest["activities"][1].at("name") == "work");
  CHECK_FALSE(rest.contains("nextToken"));
  CHECK(f.errorOf("ListActivities", {{"nextToken", "garbage"}}) == "InvalidToken");

  f.call("DeleteActivity", {{"activityArn", kActivityArn}});
  CHECK(f.errorOf("DescribeActivity", {{"activityArn", kActivityArn}}) == "ActivityDoesNotExist");
  // Deleting what does not exist is not an error.
  CHECK(f.errorOf("DeleteActivity", {{"activityArn", kActivityArn}}).empty());
  CHECK(f.call("ListActivities", json::object()).at("activities").size() == 3);
}

TEST_CASE("activities: modeled errors for bad names, ARNs and encryption") {
  ActivityFixture f;
  CHECK(f.errorOf("CreateActivity", {{"name", "has space"}}) == "InvalidName");
  CHECK(f.errorOf("CreateActivity", {{"name", "a:b"}}) == "InvalidName");
  CHECK(f.errorOf("CreateActivity", {{"name", std::string(81, 'x')}}) == "InvalidName");
  CHECK(f.errorOf("DescribeActivity", {{"activityArn", "not-an-arn"}}) == "InvalidArn");
  CHECK(f.errorOf("DescribeActivity",
                  {{"activityArn", "arn:aws:states:us-east-1:123456789012:stateMachine:m"}}) ==
        "InvalidArn");
  CHECK(f.errorOf("DeleteActivity", {{"activityArn", "arn:aws:states:us-east-1:1:activity:"}}) ==
        "InvalidArn");
  CHECK_THROWS_AS(f.service.getActivityTask({{"activityArn", "nope"}}, [](json) {}), core::AwsError);
  try {
    f.service.getActivityTask({{"activityArn", kActivityArn}}, [](json) { FAIL("answered"); });
    FAIL("no error");
  } catch (const core::AwsError& error) {
    CHECK(error.code == "ActivityDoesNotExist");
  }
  CHECK(f.errorOf("CreateActivity", {{"name", "k"}, {"encryptionConfiguration",
                                                    {{"type", "CUSTOMER_MANAGED_KMS_KEY"}}}}) ==
        "InvalidEncryptionConfiguration");
  f.createActivity("k");
  CHECK(f.errorOf("CreateActivity",
                  {{"name", "k"},
                   {"encryptionConfiguration",
                    {{"type", "CUSTOMER_MANAGED_KMS_KEY"}, {"kmsKeyId", "alias/x"}}}}) ==
        "ActivityAlreadyExists");
}

TEST_CASE("activities: tags on activity ARNs") {
  ActivityFixture f;
  f.createActivity();
  f.call("TagResource", {{"resourceArn", kActivityArn},
                         {"tags", {{{"key", "a"}, {"value", "1"}}, {{"key", "b"}, {"value", "2"}}}}});
  f.call("UntagResource", {{"resourceArn", kActivityArn}, {"tagKeys", {"a"}}});
  CHECK(f.call("ListTagsForResource", {{"resourceArn", kActivityArn}}).at("tags") ==
        json{{{"key", "b"}, {"value", "2"}}});
  json many = json::array();
  for (int i = 0; i < 50; ++i) many.push_back({{"key", "k" + std::to_string(i)}, {"value", ""}});
  CHECK(f.errorOf("TagResource", {{"resourceArn", kActivityArn}, {"tags", many}}) == "TooManyTags");
  CHECK(f.errorOf("ListTagsForResource",
                  {{"resourceArn", "arn:aws:states:us-east-1:123456789012:activity:gone"}}) ==
        "ResourceNotFound");
  CHECK(f.errorOf("ListTagsForResource", {{"resourceArn", "gone"}}) == "InvalidArn");
}

// ---- tasks -------------------------------------------------------------------------------------

TEST_CASE("activity task: queued until a worker polls; ActivityStarted names the worker") {
  ActivityFixture f;
  f.createActivity();
  std::string e = f.start(f.createMachine(activityTask({{"TimeoutSeconds", 300}, {"HeartbeatSeconds", 60}})),
                          {{"job", 7}});
  CHECK(f.service.activities().queuedTasks(kActivityArn) == 1);
  CHECK(f.fake.calls.empty());  // not the app's integrations
  json scheduled = f.event(e, "ActivityScheduled").at("activityScheduledEventDetails");
  CHECK(scheduled.at("resource") == kActivityArn);
  CHECK(json::parse(scheduled.at("input").get<std::string>()) == json{{"job", 7}});
  CHECK(scheduled.at("timeoutInSeconds") == 300);
  CHECK(scheduled.at("heartbeatInSeconds") == 60);
  // No worker for a long while: the heartbeat countdown has not started.
  f.advanceSeconds(200);
  CHECK(f.status(e) == "RUNNING");

  auto p = f.poll("w-1");
  REQUIRE(p->answered());
  CHECK(p->input() == json{{"job", 7}});
  CHECK(f.timers.armed.empty());
  CHECK(f.service.activities().queuedTasks(kActivityArn) == 0);
  CHECK(f.event(e, "ActivityStarted").at("activityStartedEventDetails") == json{{"workerName", "w-1"}});

  f.call("SendTaskSuccess", {{"taskToken", p->token()}, {"output", R"({"done":true})"}});
  CHECK(f.status(e) == "SUCCEEDED");
  CHECK(json::parse(f.describe(e).at("output").get<std::string>()) == json{{"done", true}});
  CHECK(f.types(e) == std::vector<std::string>{"ExecutionStarted", "TaskStateEntered",
                                                "ActivityScheduled", "ActivityStarted",
                                                "ActivitySucceeded", "TaskStateExited",
                                                "ExecutionSucceeded"});
  CHECK(f.event(e, "ActivitySucceeded").at("activitySucceededEventDetails").at("output") ==
        R"({"done":true})");
}

TEST_CASE("activity task: a waiting poll is answered the moment a task is scheduled") {
  ActivityFixture f;
  f.createActivity();
  std::string machine = f.createMachine(activityTask());
  auto p = f.poll("");
  CHECK_FALSE(p->answered());
  REQUIRE(f.timers.armed.size() == 1);
  CHECK(f.timers.armed.begin()->second.first == std::chrono::milliseconds(50'000));
  CHECK(f.service.activities().waitingWorkers(kActivityArn) == 1);

  std::string e = f.start(machine, {{"n", 1}});
  REQUIRE(p->answered());
  CHECK(p->input() == json{{"n", 1}});
  CHECK(f.timers.armed.empty());  // its limit no longer matters
  // No workerName given: ActivityStarted has none.
  CHECK(f.event(e, "ActivityStarted").at("activityStartedEventDetails") == json::object());
  CHECK(f.types(e).back() == "ActivityStarted");
}

TEST_CASE("activity task: queued tasks go to workers oldest first") {
  ActivityFixture f;
  f.createActivity();
  std::string machine = f.createMachine(activityTask());
  std::vector<std::string> executions;
  for (int i = 0; i < 3; ++i) executions.push_back(f.start(machine, {{"n", i}}, "e" + std::to_string(i)));
  CHECK(f.service.activities().queuedTasks(kActivityArn) == 3);
  for (int i = 0; i < 3; ++i) {
    auto p = f.poll("w");
    REQUIRE(p->answered());
    CHECK(p->input() == json{{"n", i}});
    f.call("SendTaskSuccess", {{"taskToken", p->token()}, {"output", json{{"n", i}}.dump()}});
    CHECK(f.status(executions[static_cast<std::size_t>(i)]) == "SUCCEEDED");
  }
}

TEST_CASE("activity poll: no task within the limit answers without a token, and loses nothing") {
  ActivityFixture f;
  f.createActivity();
  auto p = f.poll();
  f.timers.elapse();
  REQUIRE(p->answered());
  CHECK(*p->answer == json::object());
  CHECK(f.service.activities().waitingWorkers(kActivityArn) == 0);
  // A task scheduled after the poll ran out waits for the next one.
  std::string e = f.start(f.createMachine(activityTask()));
  CHECK(f.service.activities().queuedTasks(kActivityArn) == 1);
  auto next = f.poll();
  REQUIRE(next->answered());
  CHECK(next->answer->contains("taskToken"));
}

TEST_CASE("activity poll: without wall timers an empty poll answers at once; a new host releases waiting polls") {
  ActivityFixture f;
  f.createActivity();
  auto waiting = f.poll();
  CHECK_FALSE(waiting->answered());
  f.service.setWallTimers(nullptr);  // the host is shutting down
  REQUIRE(waiting->answered());
  CHECK(*waiting->answer == json::object());
  CHECK(f.timers.armed.empty());
  auto now = f.poll();
  REQUIRE(now->answered());
  CHECK(*now->answer == json::object());
}

TEST_CASE("activity task: heartbeats keep it alive; HeartbeatSeconds without one fails it") {
  ActivityFixture f;
  f.createActivity();
  std::string e = f.start(f.createMachine(activityTask({{"HeartbeatSeconds", 10}})));
  auto p = f.poll();
  REQUIRE(p->answered());
  f.advanceSeconds(8);
  f.call("SendTaskHeartbeat", {{"taskToken", p->token()}});
  f.advanceSeconds(8);
  CHECK(f.status(e) == "RUNNING");
  f.advanceSeconds(3);
  CHECK(f.status(e) == "FAILED");
  CHECK(f.describe(e).at("error") == "States.HeartbeatTimeout");
  CHECK(f.event(e, "ActivityTimedOut").at("activityTimedOutEventDetails").at("error") ==
        "States.HeartbeatTimeout");
  // A token whose task timed out answers TaskTimedOut, not TaskDoesNotExist.
  CHECK(f.errorOf("SendTaskSuccess", {{"taskToken", p->token()}, {"output", "{}"}}) ==
        "TaskTimedOut");
}

TEST_CASE("activity task: TimeoutSeconds while queued withdraws the task") {
  ActivityFixture f;
  f.createActivity();
  std::string e = f.start(f.createMachine(activityTask({{"TimeoutSeconds", 30}})));
  f.advanceSeconds(30);
  CHECK(f.status(e) == "FAILED");
  CHECK(f.describe(e).at("error") == "States.Timeout");
  CHECK(f.types(e) == std::vector<std::string>{"ExecutionStarted", "TaskStateEntered",
                                                "ActivityScheduled", "ActivityTimedOut",
                                                "ExecutionFailed"});
  CHECK(f.service.activities().queuedTasks(kActivityArn) == 0);
  auto p = f.poll();
  CHECK_FALSE(p->answered());  // waits: nothing left to take
}

TEST_CASE("activity task: StopExecution withdraws the queued task") {
  ActivityFixture f;
  f.createActivity();
  std::string e = f.start(f.createMachine(activityTask()));
  f.call("StopExecution", {{"executionArn", e}});
  CHECK(f.status(e) == "ABORTED");
  CHECK(f.service.activities().queuedTasks(kActivityArn) == 0);
}

TEST_CASE("activity task: SendTaskFailure is caught by Catch") {
  ActivityFixture f;
  f.createActivity();
  json definition = {
      {"StartAt", "A"},
      {"States",
       {{"A", {{"Type", "Task"}, {"Resource", kActivityArn}, {"Next", "Done"},
               {"Catch", {{{"ErrorEquals", {"Worker.Broken"}}, {"ResultPath", "$.error"}, {"Next", "Recovered"}}}}}},
        {"Done", {{"Type", "Succeed"}}},
        {"Recovered", {{"Type", "Pass"}, {"End", true}}}}}};
  std::string e = f.start(f.createMachine(definition), {{"in", 1}});
  auto p = f.poll();
  REQUIRE(p->answered());
  f.call("SendTaskFailure", {{"taskToken", p->token()}, {"error", "Worker.Broken"}, {"cause", "disk"}});
  CHECK(f.status(e) == "SUCCEEDED");
  json failed = f.event(e, "ActivityFailed").at("activityFailedEventDetails");
  CHECK(failed == json{{"error", "Worker.Broken"}, {"cause", "disk"}});
  CHECK(json::parse(f.describe(e).at("output").get<std::string>()) ==
        json{{"in", 1}, {"error", {{"Error", "Worker.Broken"}, {"Cause", "disk"}}}});
}

TEST_CASE("activity task: deleting the activity fails its queued tasks and releases its polls") {
  ActivityFixture f;
  std::string other = f.createActivity("other");
  f.createActivity();
  std::string e = f.start(f.createMachine(activityTask()));
  auto waiting = f.poll("w", other);
  CHECK_FALSE(waiting->answered());
  f.call("DeleteActivity", {{"activityArn", kActivityArn}});
  CHECK(f.status(e) == "FAILED");
  json failed = f.event(e, "ActivityFailed").at("activityFailedEventDetails");
  CHECK(failed.at("error") == "States.Runtime");
  CHECK(failed.at("cause") == std::string("Activity Does Not Exist: '") + kActivityArn + "'");
  CHECK_FALSE(waiting->answered());  // another activity's poll is not affected
  f.call("DeleteActivity", {{"activityArn", other}});
  REQUIRE(waiting->answered());
  CHECK(*waiting->answer == json::object());
}

TEST_CASE("activity task: a task a worker took survives the activity's deletion") {
  ActivityFixture f;
  f.createActivity();
  std::string e = f.start(f.createMachine(activityTask()));
  auto p = f.poll();
  REQUIRE(p->answered());
  f.call("DeleteActivity", {{"activityArn", kActivityArn}});
  f.call("SendTaskSuccess", {{"taskToken", p->token()}, {"output", "{}"}});
  CHECK(f.status(e) == "SUCCEEDED");
}

TEST_CASE("activity task: an activity that does not exist when scheduled fails the task") {
  ActivityFixture f;
  std::string e = f.start(f.createMachine(activityTask()));
  CHECK(f.status(e) == "FAILED");
  CHECK(f.describe(e).at("error") == "States.Runtime");
  CHECK(f.describe(e).at("cause") == std::string("Activity Does Not Exist: '") + kActivityArn + "'");
}

TEST_CASE("activity task: other task kinds still reach the app's integrations") {
  ActivityFixture f;
  f.fake.script = FakeIntegrations::echo();
  std::string e = f.start(f.createMachine(single(lambdaTask())), {{"x", 1}});
  CHECK(f.status(e) == "SUCCEEDED");
  REQUIRE(f.fake.calls.size() == 1);
  CHECK(f.fake.calls[0]->request.kind == TaskKind::LambdaArn);
}

TEST_CASE("activity task: the service going away answers waiting polls") {
  auto p = std::make_shared<Poll>();
  FakeWallTimers timers;
  {
    core::Simulation sim(manualConfig());
    FakeIntegrations fake(sim);
    StepFunctionsService service(sim, fake);
    service.setWallTimers(&timers);
    service.handle("CreateActivity", {{"name", "work"}});
    service.getActivityTask({{"activityArn", kActivityArn}}, [p](json out) { p->answer = out; });
    CHECK_FALSE(p->answered());
  }
  REQUIRE(p->answered());
  CHECK(*p->answer == json::object());
  CHECK(timers.armed.empty());
}

// ---- the definition ----------------------------------------------------------------------------

TEST_CASE("task resources: activity ARNs are activity tasks; malformed ones are refused") {
  auto check = classifyTaskResource(kActivityArn);
  REQUIRE(check.resource);
  CHECK(check.resource->kind == TaskKind::Activity);
  CHECK_FALSE(classifyTaskResource("arn:aws:states:us-east-1:123456789012:activity:").resource);
  CHECK_FALSE(classifyTaskResource("arn:aws:states:us-east-1:123456789012:activity:a b").resource);
  CHECK_FALSE(classifyTaskResource("arn:aws:states:us-east-1:12345:activity:a").resource);
}

TEST_CASE(
    "SendTask*: text that is no task token is InvalidToken; a finished task's is "
    "TaskDoesNotExist") {
  ActivityFixture f;
  f.createActivity();
  std::string e = f.start(f.createMachine(activityTask({})));
  auto p = f.poll();
  REQUIRE(p->answered());
  for (const char* operation : {"SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat"})
    CHECK(f.errorOf(operation, {{"taskToken", "NoSuchTaskToken"}, {"output", "{}"}}) ==
          "InvalidToken");
  f.call("SendTaskSuccess", {{"taskToken", p->token()}, {"output", "{}"}});
  CHECK(f.status(e) == "SUCCEEDED");
  CHECK(f.errorOf("SendTaskFailure", {{"taskToken", p->token()}}) == "TaskDoesNotExist");
}
