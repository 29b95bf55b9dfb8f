#pragma once
// Shared set-up for the Step Functions engine tests: a manual-clock simulation, a scriptable fake
// Integrations that records every request and answers at once or later on demand, and helpers that
// compile a definition from a JSON literal, start an execution and read its history.
#include <catch2/catch.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/json.h"
#include "emulator/core/simulation.h"
#include "emulator/core/time_types.h"
#include "emulator/stepfunctions/definition/compiler.h"
#include "emulator/stepfunctions/engine/engine.h"
#include "emulator/stepfunctions/engine/execution.h"
#include "emulator/stepfunctions/engine/integrations.h"

namespace stepsim::sfn::test {

using json = stepsim::Json;
namespace core = stepsim::core;

inline constexpr const char* kLambdaArn = "arn:aws:lambda:us-east-1:123456789012:function:work";
inline constexpr const char* kMachineArn =
    "arn:aws:states:us-east-1:123456789012:stateMachine:Machine";
inline constexpr const char* kRoleArn = "arn:aws:iam::123456789012:role/sfn";

inline core::SimulationConfig manualConfig(std::uint64_t seed = 42) {
  core::SimulationConfig config;
  config.mode = core::ClockMode::Manual;
  config.seed = seed;
  return config;
}

// Records every task request. `script` decides the answer: an outcome is given synchronously
// (inside run()), nullopt leaves the call outstanding until answer() is called.
class FakeIntegrations : public Integrations {
 public:
  struct Call {
    TaskRequest request;
    TaskCallbacks callbacks;
    core::TimeMs at = 0;
    bool answered = false;
    bool cancelled = false;
  };
  using Script = std::function<std::optional<TaskOutcome>(const TaskRequest&, std::size_t index)>;

  explicit FakeIntegrations(core::Simulation& sim) : sim_(sim) {}

  Script script;  // default: answer later
  // When set, run() reports the request submitted with this output first (.sync integrations).
  std::optional<json> submitOutput;
  // When set, the cancel function answers the call with this outcome at once, as a service whose
  // cancellation completes the work might.
  std::optional<TaskOutcome> answerOnCancel;
  std::vector<std::shared_ptr<Call>> calls;

  std::function<void()> run(const TaskRequest& request, TaskCallbacks callbacks) override {
    auto call = std::make_shared<Call>();
    call->request = request;
    call->callbacks = std::move(callbacks);
    call->at = sim_.now();
    calls.push_back(call);
    std::size_t index = calls.size() - 1;
    if (submitOutput) call->callbacks.submitted(*submitOutput);
    if (script) {
      if (std::optional<TaskOutcome> outcome = script(request, index)) {
        call->answered = true;
        call->callbacks.done(std::move(*outcome));
      }
    }
    return [call, onCancel = answerOnCancel] {
      call->cancelled = true;
      if (onCancel) call->callbacks.done(*onCancel);
    };
  }

  // Answers an outstanding call (as a service would, later, from the event loop).
  void answer(std::size_t index, TaskOutcome outcome) {
    REQUIRE(index < calls.size());
    Call& call = *calls[index];
    call.answered = true;
    call.callbacks.done(std::move(outcome));
  }
  void succeed(std::size_t index, json output) { answer(index, TaskOutcome::success(std::move(output))); }
  void fail(std::size_t index, std::string error, std::string cause = "") {
    answer(index, TaskOutcome::failure(std::move(error), std::move(cause)));
  }

  // Calls neither answered nor cancelled.
  std::size_t outstanding() const {
    std::size_t n = 0;
    for (const auto& c : calls)
      if (!c->answered && !c->cancelled) ++n;
    return n;
  }
  std::vector<std::size_t> outstandingIndexes() const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < calls.size(); ++i)
      if (!calls[i]->answered && !calls[i]->cancelled) out.push_back(i);
    return out;
  }

  // Scripts.
  static Script echo() {
    return [](const TaskRequest& r, std::size_t) { return TaskOutcome::success(r.parameters); };
  }
  static Script always(json output) {
    return [output](const TaskRequest&, std::size_t) { return TaskOutcome::success(output); };
  }
  // The outcomes in order, then echo.
  static Script sequence(std::vector<TaskOutcome> outcomes) {
    return [outcomes](const TaskRequest& r, std::size_t i) -> std::optional<TaskOutcome> {
      if (i < outcomes.size()) return outcomes[i];
      return TaskOutcome::success(r.parameters);
    };
  }

 private:
  core::Simulation& sim_;
};

inline std::shared_ptr<const Program> compileOrFail(const json& definition) {
  CompileResult result = compileDefinition(definition.dump());
  if (!result.errors.empty()) FAIL(invalidDefinitionMessage(result.errors));
  REQUIRE(result.program);
  return result.program;
}

struct EngineFixture {
  explicit EngineFixture(std::uint64_t seed = 42)
      : sim(manualConfig(seed)), fake(sim), engine(sim, fake) {}

  core::Simulation sim;
  FakeIntegrations fake;
  Engine engine;
  std::vector<std::unique_ptr<Execution>> executions;

  core::TimeMs t0() const { return sim.config().startTime; }

  // Compiles `definition` and starts an execution of it with `input`.
  Execution& start(const json& definition, const json& input = json::object(),
                   const std::string& name = "exec-1") {
    auto revision = std::make_shared<Revision>();
    revision->definition = definition.dump();
    revision->roleArn = kRoleArn;
    revision->revisionId = "r1";
    revision->program = compileOrFail(definition);
    auto e = std::make_unique<Execution>();
    e->arn = "arn:aws:states:us-east-1:123456789012:execution:Machine:" + name;
    e->name = name;
    e->stateMachineArn = kMachineArn;
    e->stateMachineName = "Machine";
    e->revision = std::move(revision);
    e->input = makeData(input);
    e->inputText = input.dump();
    Execution& ref = *e;
    executions.push_back(std::move(e));
    engine.start(ref);
    return ref;
  }

  // Moves the virtual clock forward, firing every timer due meanwhile.
  void advance(core::TimeMs ms) { sim.advanceTo(sim.now() + ms); }
  void advanceSeconds(double s) { advance(static_cast<core::TimeMs>(s * 1000)); }
};

// ---- reading the history -----------------------------------------------------------------------

inline std::vector<std::string> eventTypes(const Execution& e) {
  std::vector<std::string> out;
  for (const HistoryEvent& ev : e.history.events()) out.emplace_back(ev.type);
  return out;
}

// The event types listed in `keep`, in history order.
inline std::vector<std::string> eventTypesOnly(const Execution& e,
                                               const std::vector<std::string>& keep) {
  std::vector<std::string> out;
  for (const HistoryEvent& ev : e.history.events())
    for (const std::string& k : keep)
      if (ev.type == k) out.emplace_back(ev.type);
  return out;
}

inline std::vector<const HistoryEvent*> eventsOf(const Execution& e, std::string_view type) {
  std::vector<const HistoryEvent*> out;
  for (const HistoryEvent& ev : e.history.events())
    if (ev.type == type) out.push_back(&ev);
  return out;
}

inline std::size_t countOf(const Execution& e, std::string_view type) { return eventsOf(e, type).size(); }

// An event with its details as one JSON object (input/output as JSON values).
struct EventView {
  std::int64_t id, previousEventId;
  core::TimeMs timestamp;
  std::string_view type;
  json details;
};

// The n-th (0-based) event of `type`; fails the test when there is none.
inline EventView eventOf(const Execution& e, std::string_view type, std::size_t n = 0) {
  auto events = eventsOf(e, type);
  if (n >= events.size()) FAIL("no event #" << n << " of type " << type);
  const HistoryEvent& ev = *events[n];
  return {ev.id, ev.previousEventId, ev.timestamp, ev.type,
          ev.detailsKey.empty() ? json(nullptr) : ev.detailsObject()};
}

// The input recorded when `state` was entered (first time unless n is given).
inline json enteredInput(const Execution& e, const std::string& state, std::size_t n = 0) {
  std::size_t seen = 0;
  for (const HistoryEvent& ev : e.history.events())
    if (ev.detailsKey == "stateEnteredEventDetails" && *ev.name == state && seen++ == n)
      return *ev.data;
  FAIL("state " << state << " was not entered (#" << n << ")");
  return nullptr;
}

inline json exitedOutput(const Execution& e, const std::string& state, std::size_t n = 0) {
  std::size_t seen = 0;
  for (const HistoryEvent& ev : e.history.events())
    if (ev.detailsKey == "stateExitedEventDetails" && *ev.name == state && seen++ == n)
      return *ev.data;
  FAIL("state " << state << " was not exited (#" << n << ")");
  return nullptr;
}

inline json output(const Execution& e) {
  REQUIRE(e.status == ExecutionStatus::Succeeded);
  REQUIRE(e.outputText);
  return json::parse(*e.outputText);
}

inline std::string statusOf(const Execution& e) { return toString(e.status); }

// Ids 1..n in order, each previousEventId earlier than the event itself.
inline void checkHistoryShape(const Execution& e) {
  const auto& events = e.history.events();
  for (std::size_t i = 0; i < events.size(); ++i) {
    INFO("event #" << i + 1 << " " << events[i].type);
    CHECK(events[i].id == static_cast<std::int64_t>(i) + 1);
    CHECK(events[i].previousEventId >= 0);
    CHECK(events[i].previousEventId < events[i].id);
    if (i > 0) CHECK(events[i].timestamp >= events[i - 1].timestamp);
  }
  if (!events.empty()) CHECK(events[0].previousEventId == 0);
}

// A one-state machine: {"StartAt": name, "States": {name: state}}.
inline json single(const json& state, const std::string& name = "S") {
  return {{"StartAt", name}, {"States", {{name, state}}}};
}

// A Task state calling the fake Lambda function, ending the machine unless `next` is given.
inline json lambdaTask(json extra = json::object(), const std::string& next = "") {
  json st = {{"Type", "Task"}, {"Resource", kLambdaArn}};
  if (next.empty()) st["End"] = true;
  else st["Next"] = next;
  if (extra.is_object()) st.update(extra);  // `{}` arrives as null
  return st;
}

}  // namespace stepsim::sfn::test
