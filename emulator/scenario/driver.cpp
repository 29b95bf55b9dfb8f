#include "emulator/scenario/driver.h"

#include <cmath>

#include "emulator/core/time_types.h"
#include "emulator/scenario/jobs_by_name.h"
#include "emulator/scenario/reports.h"
#include "emulator/scenario/scenario_stack.h"
#include "emulator/stepfunctions/api/sfn_service.h"

namespace stepsim::scenario {

using json = stepsim::Json;

namespace {

const json kNoActions = json::array();

std::string secondsText(core::TimeMs ms) { return formatSeconds(static_cast<double>(ms) / 1000.0); }

// The one action key of a timeline entry besides "at".
std::string actionKind(const json& action) {
  for (auto it = action.begin(); it != action.end(); ++it)
    if (it.key() != "at") return it.key();
  return "";
}

// Input as StartExecution takes it: JSON text; "{}" when the scenario gives none.
std::string inputText(const json& start) {
  return start.contains("input") ? start["input"].dump() : "{}";
}

}  // namespace

Driver::Driver(const Scenario& scenario, app::Emulator& emulator)
    : scenario_(scenario), emulator_(emulator), client_(emulator) {
  timeline_ = scenario.doc.contains("timeline") ? &scenario.doc["timeline"] : &kNoActions;
}

bool Driver::waitingOutside() const { return emulator_.simulation().outsideWaits() > 0; }

bool Driver::step() {
  core::Simulation& sim = emulator_.simulation();
  if (next_ < timeline_->size()) {
    const json& action = (*timeline_)[next_];
    core::TimeMs due = scenario_.start + static_cast<core::TimeMs>(std::llround(action["at"].get<double>() * 1000));
    if (due <= sim.now()) {
      ++next_;
      perform(action);
      sim.runDue();
      return true;
    }
    if (waitingOutside()) return true;
    std::optional<core::TimeMs> timer = sim.scheduler().nextDue();
    // Manual mode: time goes straight to the action; auto: to the first timer before it.
    moveClockTo(scenario_.mode == core::ClockMode::Auto && timer && *timer < due ? *timer : due);
    return true;
  }
  if (scenario_.mode == core::ClockMode::Manual) return false;
  if (waitingOutside()) return true;
  std::optional<core::TimeMs> timer = sim.scheduler().nextDue();
  if (!timer) return false;
  if (*timer > scenario_.start + scenario_.limitMs) {
    limitReached_ = true;
    return false;
  }
  moveClockTo(*timer);
  return true;
}

void Driver::runToEnd() {
  while (step()) {
  }
}

void Driver::moveClockTo(core::TimeMs t) {
  core::Simulation& sim = emulator_.simulation();
  if (t > sim.now()) {
    if (core::TraceSink* trace = sim.trace())
      trace->record(sim.now(), "clock", "jump +" + secondsText(t - sim.now()) + " to " + core::formatIso8601(t));
    sim.advanceTo(t);
  } else {
    sim.runDue();
  }
}

void Driver::send(const std::string& what, const protocol::HttpRequest& request,
                  std::function<void(const app::CallResult&)> then) {
  core::TimeMs at = emulator_.simulation().now() - scenario_.start;
  client_.send(request, [this, what, at, then = std::move(then)](app::CallResult result) {
    if (!result.ok())
      actionErrors_.push_back("at " + secondsText(at) + " " + what + " was refused: " + result.errorText());
    else if (then)
      then(result);
  });
}

void Driver::perform(const json& action) {
  std::string kind = actionKind(action);
  const json& body = action[kind];
  if (core::TraceSink* trace = emulator_.simulation().trace())
    trace->record(emulator_.simulation().now(), "action", kind + " " + body.dump());

  if (kind == "startExecution") {
    std::string arn = emulator_.sfn().stateMachineArn(
        resourceName(scenario_, emulator_, body["stateMachine"].get<std::string>()));
    if (body.contains("testCase")) arn += "#" + body["testCase"].get<std::string>();
    if (body.contains("version")) arn += ":" + body["version"].dump();
    if (body.contains("alias")) arn += ":" + body["alias"].get<std::string>();
    json request = {{"stateMachineArn", arn}, {"input", inputText(body)}};
    if (body.contains("name")) request["name"] = body["name"];
    std::string name = body.value("name", "");
    send(kind, app::InProcessClient::stepFunctions("StartExecution", request),
         [this, name](const app::CallResult& result) {
           if (!name.empty()) executions_[name] = result.json().value("executionArn", "");
         });
  } else if (kind == "submitJob") {
    send(kind, app::InProcessClient::operation("batch", "SubmitJob", body));
  } else if (kind == "invokeFunction") {
    protocol::HttpRequest request = app::InProcessClient::rest(
        "POST",
        "/2015-03-31/functions/" +
            resourceName(scenario_, emulator_, body["functionName"].get<std::string>()) +
            "/invocations",
        body.value("payload", json::object()));
    request.headers.emplace_back("X-Amz-Invocation-Type", body.value("invocationType", "RequestResponse"));
    send(kind, request);
  } else if (kind == "sendTaskSuccess" || kind == "sendTaskFailure" || kind == "sendTaskHeartbeat") {
    answerTask(kind, body);
  } else if (kind == "stopExecution") {
    json request = {{"executionArn", executions_[body["execution"].get<std::string>()]}};
    if (body.contains("error")) request["error"] = body["error"];
    if (body.contains("cause")) request["cause"] = body["cause"];
    send(kind, app::InProcessClient::stepFunctions("StopExecution", request));
  } else if (kind == "terminateJob") {
    terminateJobs(body);
  } else if (kind == "advanceClock") {
    core::Simulation& sim = emulator_.simulation();
    moveClockTo(sim.now() + static_cast<core::TimeMs>(std::llround(body["seconds"].get<double>() * 1000)));
  }
}

// As a worker would: the oldest task the timeline already took from the activity (a heartbeat
// takes one and keeps it), else the activity's oldest waiting task (GetActivityTask); or the
// token the execution's Task waits on. Then SendTaskSuccess/Failure/Heartbeat with it.
void Driver::answerTask(const std::string& kind, const json& answer) {
  std::string token;
  if (answer.contains("activity")) {
    std::deque<std::string>& held = heldTasks_[answer["activity"].get<std::string>()];
    if (held.empty()) {
      std::string arn = emulator_.sfn().activityArn(answer["activity"].get<std::string>());
      app::CallResult polled = client_.call(app::InProcessClient::stepFunctions(
          "GetActivityTask", {{"activityArn", arn}, {"workerName", "stepsim-scenario"}}));
      json task = polled.json();
      if (task.is_object() && task.contains("taskToken")) held.push_back(task["taskToken"]);
    }
    if (!held.empty()) {
      token = held.front();
      if (kind != "sendTaskHeartbeat") held.pop_front();  // answered: no longer held
    }
    if (token.empty()) {
      actionErrors_.push_back(kind + ": no task of activity '" + answer["activity"].get<std::string>() +
                              "' was waiting at " + secondsText(emulator_.simulation().now() - scenario_.start));
      return;
    }
  } else {
    std::string name = answer["execution"];
    std::string wantedState = answer.value("state", "");
    for (const auto& task : emulator_.sfn().waitingTasks(executions_[name]))
      if (wantedState.empty() || task.stateName == wantedState) {
        token = task.token;
        break;
      }
    if (token.empty()) {
      actionErrors_.push_back(kind + ": execution '" + name + "' had no task waiting for a token" +
                              (wantedState.empty() ? "" : " in state '" + wantedState + "'") + " at " +
                              secondsText(emulator_.simulation().now() - scenario_.start));
      return;
    }
  }
  json request = {{"taskToken", token}};
  if (kind == "sendTaskSuccess") request["output"] = answer.value("output", json::object()).dump();
  if (kind == "sendTaskFailure") {
    if (answer.contains("error")) request["error"] = answer["error"];
    if (answer.contains("cause")) request["cause"] = answer["cause"];
  }
  std::string operation = kind;
  operation[0] = 'S';
  send(kind, app::InProcessClient::stepFunctions(operation, request));
}

void Driver::terminateJobs(const json& terminate) {
  std::string name = terminate["jobName"];
  bool any = false;
  for (const json& job : jobsNamed(emulator_, name)) {
    std::string status = job.value("status", "");
    if (status == "SUCCEEDED" || status == "FAILED") continue;
    any = true;
    send("terminateJob", app::InProcessClient::operation(
                             "batch", "TerminateJob",
                             {{"jobId", job["jobId"]},
                              {"reason", terminate.value("reason", std::string("Terminated by the scenario"))}}));
  }
  if (!any)
    actionErrors_.push_back("terminateJob: no unfinished job named '" + name + "' at " +
                            secondsText(emulator_.simulation().now() - scenario_.start));
}

}  // namespace stepsim::scenario
