// previousEventId: which event each history event follows, as AWS links them. AWS does not
// simply chain event n to n-1: the first state follows 0, Map iterations and the *Succeeded of
// Map and Parallel are side notes the flow does not go on from.
#include "engine_fixture.h"

using namespace stepsim::sfn;
using namespace stepsim::sfn::test;

namespace {

// Each event as "Type <- TypeOfThePreviousEvent" ("Type <- 0" for none), in history order.
std::vector<std::string> links(const Execution& e) {
  const auto& events = e.history.events();
  std::vector<std::string> out;
  for (const HistoryEvent& ev : events) {
    std::string previous =
        ev.previousEventId == 0 ? "0"
                                : std::string(events[static_cast<std::size_t>(ev.previousEventId - 1)].type);
    out.push_back(std::string(ev.type) + " <- " + previous);
  }
  return out;
}

json passMap(json processorState, json extra = json::object()) {
  json st = {{"Type", "Map"}, {"End", true}, {"ItemProcessor", single(std::move(processorState), "P")}};
  st.update(extra);
  return st;
}

}  // namespace

TEST_CASE("history links: the first state follows 0, then each event the one before") {
  EngineFixture f;
  json def = json::parse(R"J({"StartAt": "A", "States": {
    "A": {"Type": "Pass", "Next": "W"},
    "W": {"Type": "Wait", "Seconds": 1, "End": true}}})J");
  Execution& e = f.start(def);
  f.advanceSeconds(1);
  CHECK(links(e) == std::vector<std::string>{
                        "ExecutionStarted <- 0", "PassStateEntered <- 0",
                        "PassStateExited <- PassStateEntered", "WaitStateEntered <- PassStateExited",
                        "WaitStateExited <- WaitStateEntered", "ExecutionSucceeded <- WaitStateExited"});
}

TEST_CASE("history links: a Map whose iterations end at once runs them one after another") {
  EngineFixture f;
  Execution& e = f.start(single(passMap({{"Type", "Pass"}, {"End", true}}), "M"), json::array({1, 2}));
  REQUIRE(statusOf(e) == "SUCCEEDED");
  // The next iteration follows the last state of the one before, not its MapIterationSucceeded;
  // MapStateSucceeded and MapStateExited both follow the last MapIterationSucceeded.
  CHECK(links(e) == std::vector<std::string>{
                        "ExecutionStarted <- 0", "MapStateEntered <- 0",
                        "MapStateStarted <- MapStateEntered", "MapIterationStarted <- MapStateStarted",
                        "PassStateEntered <- MapIterationStarted", "PassStateExited <- PassStateEntered",
                        "MapIterationSucceeded <- PassStateExited", "MapIterationStarted <- PassStateExited",
                        "PassStateEntered <- MapIterationStarted", "PassStateExited <- PassStateEntered",
                        "MapIterationSucceeded <- PassStateExited",
                        "MapStateSucceeded <- MapIterationSucceeded",
                        "MapStateExited <- MapIterationSucceeded", "ExecutionSucceeded <- MapStateExited"});
  auto iterationEnds = eventsOf(e, "MapIterationSucceeded");
  CHECK(eventOf(e, "MapStateExited").previousEventId == iterationEnds.back()->id);
}

TEST_CASE("history links: an empty Map's end follows MapStateStarted") {
  EngineFixture f;
  Execution& e = f.start(single(passMap({{"Type", "Pass"}, {"End", true}}), "M"), json::array());
  CHECK(links(e) == std::vector<std::string>{
                        "ExecutionStarted <- 0", "MapStateEntered <- 0",
                        "MapStateStarted <- MapStateEntered", "MapStateSucceeded <- MapStateStarted",
                        "MapStateExited <- MapStateStarted", "ExecutionSucceeded <- MapStateExited"});
}

TEST_CASE("history links: iterations started together all follow MapStateStarted") {
  EngineFixture f;
  Execution& e = f.start(single(passMap(lambdaTask()), "M"), json::array({1, 2, 3}));
  auto started = eventsOf(e, "MapIterationStarted");
  REQUIRE(started.size() == 3);
  std::int64_t mapStarted = eventOf(e, "MapStateStarted").id;
  for (const HistoryEvent* ev : started) CHECK(ev->previousEventId == mapStarted);
  // Each iteration's own events chain from its MapIterationStarted.
  auto entered = eventsOf(e, "TaskStateEntered");
  REQUIRE(entered.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) CHECK(entered[i]->previousEventId == started[i]->id);
}

TEST_CASE("history links: a failing iteration's last event leads to MapStateFailed and the retry") {
  EngineFixture f;
  json map = passMap({{"Type", "Fail"}, {"Error", "Bad"}},
                     {{"Retry", json::array({{{"ErrorEquals", {"Bad"}}, {"IntervalSeconds", 1}, {"MaxAttempts", 1}}})}});
  Execution& e = f.start(single(map, "M"), json::array({7}));
  f.advanceSeconds(1);
  REQUIRE(statusOf(e) == "FAILED");
  CHECK(links(e) == std::vector<std::string>{
                        "ExecutionStarted <- 0", "MapStateEntered <- 0",
                        "MapStateStarted <- MapStateEntered", "MapIterationStarted <- MapStateStarted",
                        "FailStateEntered <- MapIterationStarted", "MapIterationFailed <- FailStateEntered",
                        "MapStateStarted <- FailStateEntered", "MapIterationStarted <- MapStateStarted",
                        "FailStateEntered <- MapIterationStarted", "MapIterationFailed <- FailStateEntered",
                        "MapStateFailed <- FailStateEntered", "ExecutionFailed <- MapStateFailed"});
}

TEST_CASE("history links: ParallelStateSucceeded and ParallelStateExited follow the same event") {
  EngineFixture f;
  json def = single({{"Type", "Parallel"},
                     {"End", true},
                     {"Branches", {single({{"Type", "Pass"}, {"End", true}}, "B")}}},
                    "Par");
  Execution& e = f.start(def);
  CHECK(links(e) == std::vector<std::string>{
                        "ExecutionStarted <- 0", "ParallelStateEntered <- 0",
                        "ParallelStateStarted <- ParallelStateEntered",
                        "PassStateEntered <- ParallelStateStarted", "PassStateExited <- PassStateEntered",
                        "ParallelStateSucceeded <- PassStateExited",
                        "ParallelStateExited <- PassStateExited",
                        "ExecutionSucceeded <- ParallelStateExited"});
}

TEST_CASE("history links: EvaluationFailed follows what the failing state's entry followed") {
  EngineFixture f;
  SECTION("a Pass state: evaluated as it is entered") {
    json def = json::parse(R"J({"QueryLanguage": "JSONata", "StartAt": "A", "States": {
      "A": {"Type": "Pass", "Next": "B"},
      "B": {"Type": "Pass", "Output": "{% 1 + 'b' %}", "End": true}}})J");
    Execution& e = f.start(def);
    CHECK(links(e) == std::vector<std::string>{
                          "ExecutionStarted <- 0", "PassStateEntered <- 0",
                          "PassStateExited <- PassStateEntered", "PassStateEntered <- PassStateExited",
                          "EvaluationFailed <- PassStateExited", "ExecutionFailed <- EvaluationFailed"});
  }
  SECTION("a Wait state: evaluated once entered") {
    json def = json::parse(R"J({"QueryLanguage": "JSONata", "StartAt": "W", "States": {
      "W": {"Type": "Wait", "Seconds": "{% 'text' %}", "End": true}}})J");
    Execution& e = f.start(def);
    CHECK(links(e) == std::vector<std::string>{
                          "ExecutionStarted <- 0", "WaitStateEntered <- 0",
                          "EvaluationFailed <- WaitStateEntered", "ExecutionFailed <- EvaluationFailed"});
  }
}
