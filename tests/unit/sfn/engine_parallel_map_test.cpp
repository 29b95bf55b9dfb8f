// Parallel and Map: results in order, failures, concurrency, nesting and history events.
#include "engine_fixture.h"

using namespace stepsim::sfn;
using namespace stepsim::sfn::test;

namespace {

// State names are unique across the whole machine (AWS: DUPLICATE_STATE_NAME), branches included.
json branch(const json& state, const std::string& name) { return single(state, name); }

json passResult(json result) { return {{"Type", "Pass"}, {"Result", std::move(result)}, {"End", true}}; }

json mapState(json processor, json extra = json::object()) {
  json st = {{"Type", "Map"}, {"End", true}, {"ItemProcessor", std::move(processor)}};
  st.update(extra);
  return st;
}

// The iteration: one Lambda task.
json taskProcessor() { return single(lambdaTask(), "T"); }

// The most calls that were outstanding at once, sampled at every new call.
struct ConcurrencyProbe {
  std::size_t peak = 0;
  void attach(FakeIntegrations& fake) {
    fake.script = [this, &fake](const TaskRequest&, std::size_t) -> std::optional<TaskOutcome> {
      peak = std::max(peak, fake.outstanding());
      return std::nullopt;
    };
  }
};

}  // namespace

// ---- Parallel ----------------------------------------------------------------------------------

TEST_CASE("Parallel: results in branch order, with the events AWS records") {
  EngineFixture f;
  json def = single({{"Type", "Parallel"},
                     {"End", true},
                     {"Branches", {branch(passResult("first"), "B1"), branch(passResult("second"), "B2"),
                                   branch({{"Type", "Pass"}, {"End", true}}, "B3")}}},
                    "P");
  Execution& e = f.start(def, {{"in", 1}});
  CHECK(output(e) == json::array({"first", "second", {{"in", 1}}}));
  CHECK(eventTypes(e) == std::vector<std::string>{
                             "ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted",
                             "PassStateEntered", "PassStateExited", "PassStateEntered",
                             "PassStateExited", "PassStateEntered", "PassStateExited",
                             "ParallelStateSucceeded", "ParallelStateExited", "ExecutionSucceeded"});
  checkHistoryShape(e);
}

TEST_CASE("Parallel: branches answered asynchronously, out of order") {
  EngineFixture f;
  json def = single({{"Type", "Parallel"},
                     {"End", true},
                     {"Branches", {branch(lambdaTask({{"Parameters", {{"b", 0}}}}), "B1"),
                                   branch(passResult("sync"), "B2"),
                                   branch(lambdaTask({{"Parameters", {{"b", 2}}}}), "B3")}}},
                    "P");
  Execution& e = f.start(def);
  REQUIRE(f.fake.calls.size() == 2);
  CHECK(f.fake.calls[0]->request.parameters == json{{"b", 0}});
  CHECK(f.fake.calls[1]->request.parameters == json{{"b", 2}});
  f.fake.succeed(1, "two");
  CHECK(statusOf(e) == "RUNNING");
  f.advanceSeconds(5);
  f.fake.succeed(0, "zero");
  CHECK(output(e) == json::array({"zero", "sync", "two"}));
  CHECK(eventOf(e, "ParallelStateSucceeded").timestamp == f.t0() + 5'000);
  checkHistoryShape(e);
}

TEST_CASE("Parallel: Parameters, ResultSelector, ResultPath and OutputPath") {
  EngineFixture f;
  json def = single({{"Type", "Parallel"},
                     {"End", true},
                     {"Parameters", {{"v.$", "$.value"}}},
                     {"ResultSelector", {{"first.$", "$[0]"}, {"second.$", "$[1].v"}}},
                     {"ResultPath", "$.results"},
                     {"OutputPath", "$.results"},
                     {"Branches", {branch(passResult("a"), "B1"), branch({{"Type", "Pass"}, {"End", true}}, "B2")}}},
                    "P");
  Execution& e = f.start(def, {{"value", 5}});
  CHECK(enteredInput(e, "B2") == json{{"v", 5}});
  CHECK(output(e) == json{{"first", "a"}, {"second", 5}});
}

TEST_CASE("Parallel: a failing branch fails the state and stops the others") {
  EngineFixture f;
  json def = single({{"Type", "Parallel"},
                     {"End", true},
                     {"Branches", {branch(lambdaTask(), "B1"), branch(lambdaTask(), "B2")}}},
                    "P");
  Execution& e = f.start(def);
  REQUIRE(f.fake.calls.size() == 2);
  f.fake.fail(1, "Branch.Error", "second failed");
  CHECK(statusOf(e) == "FAILED");
  CHECK(e.error == "Branch.Error");
  CHECK(e.cause == "second failed");
  CHECK(f.fake.calls[0]->cancelled);
  CHECK(eventTypesOnly(e, {"ParallelStateStarted", "ParallelStateFailed", "ParallelStateSucceeded",
                           "ExecutionFailed"}) ==
        std::vector<std::string>{"ParallelStateStarted", "ParallelStateFailed", "ExecutionFailed"});
  std::size_t events = e.history.size();
  f.fake.succeed(0, "late");
  CHECK(e.history.size() == events);
  checkHistoryShape(e);
}

TEST_CASE("Parallel: a failing branch is catchable") {
  EngineFixture f;
  json def = json::parse(R"J({"StartAt": "P", "States": {
    "P": {"Type": "Parallel", "Next": "Done",
          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handle", "ResultPath": "$.error"}],
          "Branches": [
            {"StartAt": "Ok", "States": {"Ok": {"Type": "Pass", "End": true}}},
            {"StartAt": "Bad", "States": {"Bad": {"Type": "Task",
              "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work", "End": true}}}]},
    "Handle": {"Type": "Pass", "End": true},
    "Done": {"Type": "Succeed"}}})J");
  f.fake.script = FakeIntegrations::sequence({TaskOutcome::failure("Lambda.Unknown", "crash")});
  Execution& e = f.start(def, {{"a", 1}});
  CHECK(output(e) == json{{"a", 1}, {"error", {{"Error", "Lambda.Unknown"}, {"Cause", "crash"}}}});
  CHECK(eventTypesOnly(e, {"ParallelStateFailed", "ParallelStateExited"}) ==
        std::vector<std::string>{"ParallelStateFailed", "ParallelStateExited"});
}

TEST_CASE("Parallel: nested Parallel") {
  EngineFixture f;
  json inner = single({{"Type", "Parallel"},
                       {"End", true},
                       {"Branches", {branch(passResult(1), "B1"), branch(passResult(2), "B2")}}},
                      "Inner");
  json def = single({{"Type", "Parallel"}, {"End", true}, {"Branches", {inner, branch(passResult(3), "B3")}}}, "Outer");
  Execution& e = f.start(def);
  CHECK(output(e) == json::parse("[[1, 2], 3]"));
  checkHistoryShape(e);
}

// ---- Map ---------------------------------------------------------------------------------------

TEST_CASE("Map: ItemsPath, results in item order, the events") {
  EngineFixture f;
  f.fake.script = [](const TaskRequest& r, std::size_t) {
    return TaskOutcome::success(r.parameters.get<int>() * 10);
  };
  json def = single(mapState(taskProcessor(), {{"ItemsPath", "$.items"}, {"ResultPath", "$.out"}}), "M");
  Execution& e = f.start(def, {{"items", {1, 2, 3}}});
  CHECK(output(e) == json{{"items", {1, 2, 3}}, {"out", {10, 20, 30}}});
  CHECK(eventOf(e, "MapStateStarted").details["length"] == 3);
  CHECK(countOf(e, "MapIterationStarted") == 3);
  CHECK(countOf(e, "MapIterationSucceeded") == 3);
  auto types = eventTypes(e);
  CHECK(std::vector<std::string>(types.begin(), types.begin() + 4) ==
        std::vector<std::string>{"ExecutionStarted", "MapStateEntered", "MapStateStarted",
                                 "MapIterationStarted"});
  CHECK(std::vector<std::string>(types.end() - 4, types.end()) ==
        std::vector<std::string>{"MapIterationSucceeded", "MapStateSucceeded", "MapStateExited",
                                 "ExecutionSucceeded"});
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(eventOf(e, "MapIterationStarted", i).details == json{{"name", "M"}, {"index", i}});
    CHECK(eventOf(e, "MapIterationSucceeded", i).details["index"] == i);
  }
  checkHistoryShape(e);
}

TEST_CASE("Map: without ItemsPath the input must be the array") {
  EngineFixture f;
  SECTION("an array") {
    Execution& e = f.start(single(mapState(single({{"Type", "Pass"}, {"End", true}}, "X")), "M"),
                           json::array({1, 2}));
    CHECK(output(e) == json::array({1, 2}));
  }
  SECTION("not an array: States.Runtime") {
    Execution& e = f.start(single(mapState(single({{"Type", "Pass"}, {"End", true}}, "X")), "M"),
                           {{"a", 1}});
    CHECK(e.error == "States.Runtime");
  }
  SECTION("an ItemsPath that matches nothing: States.Runtime") {
    Execution& e = f.start(single(mapState(single({{"Type", "Pass"}, {"End", true}}, "X"),
                                           {{"ItemsPath", "$.nope"}}),
                                  "M"),
                           {{"a", 1}});
    CHECK(e.error == "States.Runtime");
  }
}

TEST_CASE("Map: an ItemsPath into the context object") {
  EngineFixture f;
  json st = mapState(single({{"Type", "Pass"}, {"End", true}}, "X"),
                     {{"InputPath", "$.other"}, {"ItemsPath", "$$.Execution.Input.items"}});
  Execution& e = f.start(single(st, "M"), {{"items", {"a", "b"}}, {"other", json::object()}});
  CHECK(output(e) == json::array({"a", "b"}));
}

TEST_CASE("Map: an empty array") {
  EngineFixture f;
  Execution& e = f.start(single(mapState(taskProcessor(), {{"ItemsPath", "$.items"}}), "M"),
                         {{"items", json::array()}});
  CHECK(output(e) == json::array());
  CHECK(f.fake.calls.empty());
  CHECK(eventTypes(e) == std::vector<std::string>{"ExecutionStarted", "MapStateEntered",
                                                  "MapStateStarted", "MapStateSucceeded",
                                                  "MapStateExited", "ExecutionSucceeded"});
  CHECK(eventOf(e, "MapStateStarted").details["length"] == 0);
}

TEST_CASE("Map: ItemSelector and legacy Parameters see $$.Map.Item and the Map's input") {
  EngineFixture f;
  json selector = {{"index.$", "$$.Map.Item.Index"},
                   {"value.$", "$$.Map.Item.Value"},
                   {"shared.$", "$.shared"},
                   {"fixed", "f"}};
  json processor = single({{"Type", "Pass"}, {"End", true}}, "X");
  json input = {{"shared", "s"}, {"items", {{{"n", 1}}, {{"n", 2}}}}};
  json expected = json::parse(R"J([
    {"index": 0, "value": {"n": 1}, "shared": "s", "fixed": "f"},
    {"index": 1, "value": {"n": 2}, "shared": "s", "fixed": "f"}])J");
  SECTION("ItemSelector") {
    Execution& e = f.start(single(mapState(processor, {{"ItemsPath", "$.items"}, {"ItemSelector", selector}}), "M"),
                           input);
    CHECK(output(e) == expected);
  }
  SECTION("legacy Parameters with Iterator") {
    json st = {{"Type", "Map"}, {"End", true}, {"Iterator", processor}, {"ItemsPath", "$.items"},
               {"Parameters", selector}};
    Execution& e = f.start(single(st, "M"), input);
    CHECK(output(e) == expected);
  }
  SECTION("InputPath applies before ItemsPath and ItemSelector") {
    json st = mapState(processor, {{"InputPath", "$.inner"}, {"ItemsPath", "$.items"},
                                   {"ItemSelector", {{"v.$", "$$.Map.Item.Value"}, {"shared.$", "$.shared"}}}});
    Execution& e = f.start(single(st, "M"), {{"inner", input}});
    CHECK(output(e) == json::parse(R"J([{"v": {"n": 1}, "shared": "s"}, {"v": {"n": 2}, "shared": "s"}])J"));
  }
  SECTION("$$.Map.Item inside the iteration's states") {
    json inner = single({{"Type", "Pass"}, {"Parameters", {{"i.$", "$$.Map.Item.Index"}}}, {"End", true}}, "X");
    Execution& e = f.start(single(mapState(inner, {{"ItemsPath", "$.items"}}), "M"), input);
    CHECK(output(e) == json::parse(R"J([{"i": 0}, {"i": 1}])J"));
  }
}

TEST_CASE("Map: MaxConcurrency") {
  EngineFixture f;
  ConcurrencyProbe probe;
  probe.attach(f.fake);
  auto def = [](int max) {
    return single(mapState(taskProcessor(), {{"ItemsPath", "$.items"}, {"MaxConcurrency", max}}), "M");
  };
  json input = {{"items", {0, 1, 2, 3, 4, 5, 6}}};

  SECTION("1: one at a time, in order") {
    Execution& e = f.start(def(1), input);
    for (int i = 0; i < 7; ++i) {
      REQUIRE(f.fake.calls.size() == static_cast<std::size_t>(i + 1));
      CHECK(f.fake.outstanding() == 1);
      CHECK(f.fake.calls[static_cast<std::size_t>(i)]->request.parameters == i);
      f.advanceSeconds(1);
      f.fake.succeed(static_cast<std::size_t>(i), i * i);
    }
    CHECK(output(e) == json::array({0, 1, 4, 9, 16, 25, 36}));
    CHECK(probe.peak == 1);
    checkHistoryShape(e);
  }
  SECTION("3: never more than three, results in item order whatever the answer order") {
    Execution& e = f.start(def(3), input);
    CHECK(f.fake.outstanding() == 3);
    // Answer the most recent outstanding call each time.
    while (f.fake.outstanding() > 0) {
      std::size_t i = f.fake.outstandingIndexes().back();
      f.fake.succeed(i, f.fake.calls[i]->request.parameters.get<int>() + 100);
      CHECK(f.fake.outstanding() <= 3);
    }
    CHECK(output(e) == json::array({100, 101, 102, 103, 104, 105, 106}));
    CHECK(probe.peak == 3);
  }
  SECTION("0: no limit") {
    Execution& e = f.start(def(0), input);
    CHECK(f.fake.outstanding() == 7);
    for (std::size_t i = 0; i < 7; ++i) f.fake.succeed(6 - i, static_cast<int>(6 - i));
    CHECK(output(e) == json::array({0, 1, 2, 3, 4, 5, 6}));
  }
  SECTION("MaxConcurrencyPath") {
    json st = mapState(taskProcessor(), {{"ItemsPath", "$.items"}, {"MaxConcurrencyPath", "$.max"}});
    json in = input;
    in["max"] = 2;
    f.start(single(st, "M"), in);
    CHECK(f.fake.outstanding() == 2);
  }
}

TEST_CASE("Map: a failing iteration fails the state, stops the others, and is catchable") {
  EngineFixture f;
  json processor = taskProcessor();
  SECTION("uncaught") {
    Execution& e = f.start(single(mapState(processor, {{"MaxConcurrency", 2}}), "M"),
                           json::array({0, 1, 2, 3}));
    REQUIRE(f.fake.outstanding() == 2);
    f.fake.succeed(0, "ok");
    REQUIRE(f.fake.calls.size() == 3);
    f.fake.fail(2, "Item.Failed", "item 2");
    CHECK(statusOf(e) == "FAILED");
    CHECK(e.error == "Item.Failed");
    CHECK(f.fake.calls[1]->cancelled);
    CHECK(f.fake.calls.size() == 3);  // item 3 never started
    CHECK(eventTypesOnly(e, {"MapIterationSucceeded", "MapIterationFailed", "MapStateFailed",
                             "ExecutionFailed"}) ==
          std::vector<std::string>{"MapIterationSucceeded", "MapIterationFailed", "MapStateFailed",
                                   "ExecutionFailed"});
    CHECK(eventOf(e, "MapIterationFailed").details["index"] == 2);
    checkHistoryShape(e);
  }
  SECTION("caught") {
    json st = mapState(processor, {{"ItemsPath", "$.items"}});
    st["Catch"] = json::parse(R"J([{"ErrorEquals": ["States.ALL"], "Next": "Recover", "ResultPath": "$.err"}])J");
    st.erase("End");
    st["Next"] = "Done";
    json def = {{"StartAt", "M"},
                {"States", {{"M", st}, {"Recover", {{"Type", "Pass"}, {"End", true}}}, {"Done", {{"Type", "Succeed"}}}}}};
    f.fake.script = [](const TaskRequest& r, std::size_t) {
      if (r.parameters == 2) return TaskOutcome::failure("Item.Failed", "two");
      return TaskOutcome::success(r.parameters);
    };
    Execution& e = f.start(def, {{"items", {1, 2, 3}}});
    CHECK(output(e) == json{{"items", {1, 2, 3}}, {"err", {{"Error", "Item.Failed"}, {"Cause", "two"}}}});
  }
  SECTION("a Fail state in the iteration") {
    json failing = single({{"Type", "Fail"}, {"Error", "Iter.Fail"}, {"Cause", "c"}}, "F");
    Execution& e = f.start(single(mapState(failing), "M"), json::array({1}));
    CHECK(e.error == "Iter.Fail");
  }
}

TEST_CASE("Map: an ItemSelector failing for a later item fails the Map with States.Runtime") {
  EngineFixture f;
  json st = mapState(taskProcessor(), {{"MaxConcurrency", 1}, {"ItemSelector", {{"v.$", "$$.Map.Item.Value.v"}}}});
  SECTION("while starting the first batch") {
    f.fake.script = FakeIntegrations::echo();
    Execution& e = f.start(single(st, "M"), json::array({{{"v", 1}}, {{"w", 2}}}));
    CHECK(statusOf(e) == "FAILED");
    CHECK(e.error == "States.Runtime");
    CHECK(countOf(e, "MapIterationSucceeded") == 1);
    CHECK(countOf(e, "MapIterationFailed") == 0);
    CHECK(countOf(e, "MapStateFailed") == 1);
    checkHistoryShape(e);
  }
  SECTION("after an iteration answered later") {
    Execution& e = f.start(single(st, "M"), json::array({{{"v", 1}}, {{"w", 2}}}));
    REQUIRE(f.fake.calls.size() == 1);
    f.fake.succeed(0, "one");
    CHECK(statusOf(e) == "FAILED");
    CHECK(e.error == "States.Runtime");
    CHECK(countOf(e, "MapIterationSucceeded") == 1);
    CHECK(countOf(e, "MapIterationFailed") == 0);
    CHECK(countOf(e, "MapStateFailed") == 1);
    CHECK(countOf(e, "ExecutionFailed") == 1);
    checkHistoryShape(e);
  }
}

TEST_CASE("Map: nested Map in Map") {
  EngineFixture f;
  f.fake.script = [](const TaskRequest& r, std::size_t) {
    return TaskOutcome::success(r.parameters["row"].get<int>() * 10 + r.parameters["col"].get<int>());
  };
  json innerProcessor = single(lambdaTask(), "T");
  json inner = mapState(innerProcessor, {{"ItemsPath", "$.cols"},
                                         {"ItemSelector", {{"row.$", "$.row"}, {"col.$", "$$.Map.Item.Value"}}}});
  json outer = mapState(single(inner, "Inner"),
                        {{"ItemsPath", "$.rows"},
                         {"ItemSelector", {{"row.$", "$$.Map.Item.Value"}, {"cols.$", "$.cols"}}}});
  Execution& e = f.start(single(outer, "Outer"), {{"rows", {1, 2}}, {"cols", {0, 1, 2}}});
  CHECK(output(e) == json::parse("[[10, 11, 12], [20, 21, 22]]"));
  CHECK(countOf(e, "MapStateStarted") == 3);
  CHECK(countOf(e, "MapIterationSucceeded") == 8);
  checkHistoryShape(e);
}

TEST_CASE("Map: nested Map answered asynchronously with limits at both levels") {
  EngineFixture f;
  ConcurrencyProbe probe;
  probe.attach(f.fake);
  json inner = mapState(single(lambdaTask(), "T"), {{"MaxConcurrency", 2}});
  json outer = mapState(single(inner, "Inner"), {{"MaxConcurrency", 2}});
  Execution& e = f.start(single(outer, "Outer"), json::parse("[[1, 2, 3], [4, 5, 6], [7, 8, 9]]"));
  while (f.fake.outstanding() > 0) {
    std::size_t i = f.fake.outstandingIndexes().front();
    f.fake.succeed(i, f.fake.calls[i]->request.parameters.get<int>() * 2);
  }
  CHECK(output(e) == json::parse("[[2, 4, 6], [8, 10, 12], [14, 16, 18]]"));
  CHECK(probe.peak == 4);
}

TEST_CASE("Map: Retry re-runs every iteration") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::sequence({TaskOutcome::success(0), TaskOutcome::failure("Boom", "")});
  json st = mapState(taskProcessor(), {{"Retry", {{{"ErrorEquals", {"Boom"}}, {"IntervalSeconds", 2}}}}});
  Execution& e = f.start(single(st, "M"), json::array({1, 2}));
  CHECK(statusOf(e) == "RUNNING");
  f.advanceSeconds(2);
  CHECK(output(e) == json::array({1, 2}));
  CHECK(f.fake.calls.size() == 4);
  CHECK(countOf(e, "MapStateStarted") == 2);
}

TEST_CASE("Map: large inline maps run without recursion") {
  EngineFixture f;
  std::vector<int> items(5000);
  for (int i = 0; i < 5000; ++i) items[static_cast<std::size_t>(i)] = i;
  SECTION("5,000 Pass iterations with MaxConcurrency 1") {
    json st = mapState(single({{"Type", "Pass"}, {"End", true}}, "X"), {{"MaxConcurrency", 1}});
    Execution& e = f.start(single(st, "M"), items);
    CHECK(output(e) == json(items));
    CHECK(e.history.size() == 20'006);
  }
  SECTION("3,000 Task iterations answered synchronously, MaxConcurrency 1") {
    f.fake.script = FakeIntegrations::echo();
    json st = mapState(taskProcessor(), {{"MaxConcurrency", 1}});
    std::vector<int> some(items.begin(), items.begin() + 3000);
    Execution& e = f.start(single(st, "M"), some);
    CHECK(output(e) == json(some));
    CHECK(f.fake.calls.size() == 3000);
  }
  SECTION("5,000 Task iterations answered synchronously reach the history limit") {
    // 7 events per iteration: AWS would fail this inline Map too.
    f.fake.script = FakeIntegrations::echo();
    json st = mapState(taskProcessor(), {{"MaxConcurrency", 1}});
    Execution& e = f.start(single(st, "M"), items);
    CHECK(statusOf(e) == "FAILED");
    CHECK(e.error == "States.Runtime");
    CHECK(e.history.size() == kMaxHistoryEvents);
    CHECK(e.history.events().back().type == "ExecutionFailed");
    CHECK(f.fake.outstanding() == 0);
  }
  SECTION("5,000 iterations that each wait on a timer, one at a time") {
    json st = mapState(single({{"Type", "Pass"}, {"End", true}}, "X"), {{"MaxConcurrency", 1}});
    json def = single(st, "M");
    // A Wait inside the iteration makes every item resume from a timer.
    def["States"]["M"]["ItemProcessor"] = json::parse(R"J({"StartAt": "W", "States": {
      "W": {"Type": "Wait", "Seconds": 1, "End": true}}})J");
    Execution& e = f.start(def, items);
    f.advanceSeconds(6000);
    CHECK(output(e) == json(items));
    CHECK(eventOf(e, "MapStateSucceeded").timestamp == f.t0() + 5'000'000);
  }
}
