// Retention of closed executions (SimulationConfig::maxClosedExecutions): past the limit the oldest
// closed executions, by stop date then start order, are forgotten entirely (DescribeExecution,
// GetExecutionHistory, ListExecutions, RedriveExecution); running ones always stay; a redriven
// execution counts again only when it closes again; 0 keeps everything.
#include "engine_fixture.h"
#include "emulator/core/aws_error.h"
#include "emulator/stepfunctions/api/sfn_service.h"

using namespace stepsim::sfn;
using namespace stepsim::sfn::test;

namespace {

// Waits $.seconds (0: closes at its start), then succeeds.
const json kWaitMachine = {
    {"StartAt", "W"},
    {"States", {{"W", {{"Type", "Wait"}, {"SecondsPath", "$.seconds"}, {"End", true}}}}}};

// One Task, answered by the fake integrations' script.
const json kTaskMachine = {
    {"StartAt", "T"},
    {"States", {{"T", {{"Type", "Task"}, {"Resource", kLambdaArn}, {"End", true}}}}}};

struct RetentionFixture {
  explicit RetentionFixture(std::size_t limit)
      : sim(config(limit)), fake(sim), service(sim, fake) {}

  static core::SimulationConfig config(std::size_t limit) {
    core::SimulationConfig c = manualConfig();
    c.maxClosedExecutions = limit;
    return c;
  }

  core::Simulation sim;
  FakeIntegrations fake;
  StepFunctionsService service;

  // As the server host does: timers due now fire after every request.
  json call(std::string_view operation, const json& input) {
    json out = service.handle(operation, input);
    sim.runDue();
    return out;
  }
  std::string createMachine(const json& definition, const std::string& type = "STANDARD") {
    return call("CreateStateMachine", {{"name", "m"},
                                       {"definition", definition.dump()},
                                       {"roleArn", kRoleArn},
                                       {"type", type}})["stateMachineArn"];
  }
  std::string start(const std::string& machine, const json& input = json::object()) {
    return call("StartExecution", {{"stateMachineArn", machine}, {"input", input.dump()}})
        ["executionArn"];
  }
  std::string wait(const std::string& machine, int seconds) {
    return start(machine, {{"seconds", seconds}});
  }
  void advance(int seconds) { sim.advanceTo(sim.now() + seconds * 1000); }

  // DescribeExecution's status, or the error code it answers.
  std::string status(const std::string& arn) {
    try {
      return call("DescribeExecution", {{"executionArn", arn}})["status"];
    } catch (const core::AwsError& error) {
      return error.code;
    }
  }
  std::string historyError(const std::string& arn) {
    try {
      call("GetExecutionHistory", {{"executionArn", arn}});
    } catch (const core::AwsError& error) {
      return error.code;
    }
    return "";
  }
  std::vector<std::string> listed(const std::string& machine) {
    std::vector<std::string> arns;
    json out = call("ListExecutions", {{"stateMachineArn", machine}});
    for (const json& item : out["executions"]) arns.push_back(item["executionArn"]);
    return arns;
  }
};

}  // namespace

TEST_CASE("past the limit the oldest closed executions go and running ones stay",
          "[sfn][retention]") {
  RetentionFixture f(3);
  std::string m = f.createMachine(kWaitMachine);
  std::string running = f.wait(m, 100);
  std::string a = f.wait(m, 0), b = f.wait(m, 0), c = f.wait(m, 0);
  CHECK(f.status(a) == "SUCCEEDED");  // three closed: all kept
  std::string d = f.wait(m, 0);
  // Four closed at the same instant: the first started goes, with everything about it.
  CHECK(f.status(a) == "ExecutionDoesNotExist");
  CHECK(f.historyError(a) == "ExecutionDoesNotExist");
  CHECK(f.service.history(a) == nullptr);
  for (const auto& arn : {b, c, d}) CHECK(f.status(arn) == "SUCCEEDED");
  CHECK(f.status(running) == "RUNNING");
  CHECK(f.listed(m) == std::vector<std::string>{d, c, b, running});

  // The running one closes last: now the oldest closed by stop date is b.
  f.advance(100);
  CHECK(f.status(running) == "SUCCEEDED");
  CHECK(f.status(b) == "ExecutionDoesNotExist");
  CHECK(f.listed(m) == std::vector<std::string>{d, c, running});
}

TEST_CASE("closed executions go by stop date first, then by start order", "[sfn][retention]") {
  RetentionFixture f(1);
  std::string m = f.createMachine(kWaitMachine);
  std::string slow = f.wait(m, 50), quick = f.wait(m, 10);
  f.advance(10);
  CHECK(f.status(quick) == "SUCCEEDED");
  f.advance(40);
  // quick started later but stopped first.
  CHECK(f.status(quick) == "ExecutionDoesNotExist");
  CHECK(f.status(slow) == "SUCCEEDED");
}

TEST_CASE("a redriven execution is not dropped while it runs again", "[sfn][retention]") {
  RetentionFixture f(2);
  // First call fails, the redriven one waits for an answer, the rest succeed at once.
  f.fake.script = [](const TaskRequest& r, std::size_t i) -> std::optional<TaskOutcome> {
    if (i == 0) return TaskOutcome::failure("Boom", "");
    if (i == 2) return std::nullopt;
    return TaskOutcome::success(r.parameters);
  };
  std::string m = f.createMachine(kTaskMachine);
  std::string failed = f.start(m);
  std::string b = f.start(m);
  CHECK(f.status(failed) == "FAILED");
  f.call("RedriveExecution", {{"executionArn", failed}});
  CHECK(f.status(failed) == "RUNNING");
  std::string c = f.start(m), d = f.start(m);
  // b, c, d closed: b goes; the redriven one, which closed first of all, stays while it runs.
  CHECK(f.status(b) == "ExecutionDoesNotExist");
  CHECK(f.status(failed) == "RUNNING");
  f.advance(1);  // it stops after c and d (at the same instant it would count as started first)
  f.fake.succeed(2, json::object());
  f.sim.runDue();
  CHECK(f.status(failed) == "SUCCEEDED");
  CHECK(f.status(c) == "ExecutionDoesNotExist");
  CHECK(f.status(d) == "SUCCEEDED");
  CHECK(f.listed(m) == std::vector<std::string>{d, failed});
}

TEST_CASE("express executions count among the closed ones", "[sfn][retention]") {
  RetentionFixture f(2);
  std::string m = f.createMachine(kWaitMachine, "EXPRESS");
  std::vector<std::string> arns;
  for (int i = 0; i < 3; ++i) arns.push_back(f.wait(m, 0));
  CHECK(f.service.history(arns[0]) == nullptr);
  CHECK(f.service.history(arns[1]) != nullptr);
  CHECK(f.service.history(arns[2]) != nullptr);
}

TEST_CASE("a limit of 0 keeps every closed execution", "[sfn][retention]") {
  RetentionFixture f(0);
  std::string m = f.createMachine(kWaitMachine);
  std::vector<std::string> arns;
  for (int i = 0; i < 50; ++i) arns.push_back(f.wait(m, 0));
  for (const auto& arn : arns) CHECK(f.status(arn) == "SUCCEEDED");
  CHECK(f.listed(m).size() == 50);
}
