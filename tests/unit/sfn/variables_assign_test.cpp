// Workflow variables in JSONPath states: Assign (literals, "x.$" paths and intrinsics over the
// state's result or input), $name references, the values a state sees, history's
// assignedVariables, scopes of Map iterations, and the definition checks.
#include "engine_fixture.h"

using namespace stepsim::sfn;
using namespace stepsim::sfn::test;

namespace {

json exitedDetails(const Execution& e, const std::string& state) {
  for (const HistoryEvent& ev : e.history.events())
    if (ev.detailsKey == "stateExitedEventDetails" && *ev.name == state) return ev.detailsObject();
  FAIL("state " << state << " was not exited");
  return nullptr;
}

std::vector<Diagnostic> diagnose(const json& definition) {
  return compileDefinition(definition.dump()).errors;
}

}  // namespace

TEST_CASE("variables: Assign in a JSONPath Pass state and $name references") {
  EngineFixture f;
  json definition = {
      {"StartAt", "Remember"},
      {"States",
       {{"Remember",
         {{"Type", "Pass"}, {"Assign", {{"customer.$", "$.customer"}, {"count", 2}}}, {"Next", "Use"}}},
        {"Use",
         {{"Type", "Pass"},
          {"Parameters",
           {{"who.$", "$customer"},
            {"greeting.$", "States.Format('hi {}', $customer)"},
            {"n.$", "$count"}}},
          {"End", true}}}}}};
  Execution& e = f.start(definition, {{"customer", "ana"}});
  CHECK(output(e) == json{{"who", "ana"}, {"greeting", "hi ana"}, {"n", 2}});
  json details = exitedDetails(e, "Remember");
  CHECK(details["assignedVariables"] == json{{"customer", "\"ana\""}, {"count", "2"}});
  CHECK(details["assignedVariablesDetails"] == json{{"truncated", false}});
  CHECK_FALSE(exitedDetails(e, "Use").contains("assignedVariables"));
  checkHistoryShape(e);
}

TEST_CASE("variables: a Task's Assign reads the result after ResultSelector, before ResultPath") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::always({{"id", 7}, {"extra", 1}});
  json task = lambdaTask({{"ResultSelector", {{"jobId.$", "$.id"}}},
                          {"ResultPath", "$.job"},
                          {"Assign", {{"job.$", "$.jobId"}, {"ctx.$", "$$.State.Name"}}}},
                         "Check");
  json definition = {{"StartAt", "Submit"},
                     {"States",
                      {{"Submit", task},
                       {"Check",
                        {{"Type", "Choice"},
                         {"Choices", {{{"Variable", "$job"}, {"NumericEquals", 7}, {"Next", "Done"}}}},
                         {"Default", "Other"}}},
                       {"Done", {{"Type", "Pass"}, {"OutputPath", "$.job"}, {"End", true}}},
                       {"Other", {{"Type", "Fail"}}}}}};
  Execution& e = f.start(definition, {{"a", 1}});
  CHECK(output(e) == json{{"jobId", 7}});
  CHECK(exitedDetails(e, "Submit")["assignedVariables"] ==
        json{{"job", "7"}, {"ctx", "\"Submit\""}});
}

TEST_CASE("variables: all assignments of a state see the values from before it") {
  EngineFixture f;
  json definition = {
      {"StartAt", "One"},
      {"States",
       {{"One", {{"Type", "Pass"}, {"Assign", {{"x", 1}}}, {"Next", "Two"}}},
        {"Two",
         {{"Type", "Pass"},
          {"Assign", {{"x.$", "States.MathAdd($x, 1)"}, {"y.$", "$x"}}},
          {"Next", "Three"}}},
        {"Three", {{"Type", "Pass"}, {"Parameters", {{"x.$", "$x"}, {"y.$", "$y"}}}, {"End", true}}}}}};
  Execution& e = f.start(definition);
  CHECK(output(e) == json{{"x", 2}, {"y", 1}});
}

TEST_CASE("variables: Catch assigns from the error output") {
  EngineFixture f;
  f.fake.script = FakeIntegrations::sequence({TaskOutcome::failure("Boom", "bad")});
  json task = lambdaTask({{"Catch",
                           {{{"ErrorEquals", {"States.ALL"}},
                             {"Assign", {{"err.$", "$.Error"}}},
                             {"ResultPath", "$.caught"},
                             {"Next", "After"}}}}},
                         "After");
  json definition = {{"StartAt", "T"},
                     {"States",
                      {{"T", task},
                       {"After", {{"Type", "Pass"}, {"Parameters", {{"e.$", "$err"}}}, {"End", true}}}}}};
  Execution& e = f.start(definition);
  CHECK(output(e) == json{{"e", "Boom"}});
  CHECK(exitedDetails(e, "T")["assignedVariables"] == json{{"err", "\"Boom\""}});
}

TEST_CASE("variables: a Map iteration reads outer variables; its own stay inside") {
  EngineFixture f;
  json iteration = {{"StartAt", "Scale"},
                    {"States",
                     {{"Scale",
                       {{"Type", "Pass"},
                        {"Assign", {{"mine.$", "$"}}},
                        {"Parameters", {{"v.$", "$"}, {"f.$", "$factor"}}},
                        {"End", true}}}}}};
  json definition = {{"StartAt", "Set"},
                     {"States",
                      {{"Set", {{"Type", "Pass"}, {"Assign", {{"factor", 3}}}, {"Next", "Each"}}},
                       {"Each", {{"Type", "Map"}, {"ItemProcessor", iteration}, {"End", true}}}}}};
  Execution& e = f.start(definition, json::array({1, 2}));
  CHECK(output(e) == json::parse(R"([{"v":1,"f":3},{"v":2,"f":3}])"));
}

TEST_CASE("variables: definition checks") {
  SECTION("invalid names") {
    auto errors = diagnose(single({{"Type", "Pass"}, {"Assign", {{"1x", 1}}}, {"End", true}}));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].location == "/States/S/Assign");
    CHECK(errors[0].message.find("'1x'") != std::string::npos);
  }
  SECTION("a read of a variable no state assigns") {
    auto errors = diagnose(
        single({{"Type", "Pass"}, {"Parameters", {{"a.$", "$nope"}}}, {"End", true}}));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message.find("$nope") != std::string::npos);
  }
  SECTION("an iteration assigning an outer variable") {
    json iteration = {{"StartAt", "In"},
                      {"States", {{"In", {{"Type", "Pass"}, {"Assign", {{"factor", 1}}}, {"End", true}}}}}};
    json definition = {{"StartAt", "Set"},
                       {"States",
                        {{"Set", {{"Type", "Pass"}, {"Assign", {{"factor", 3}}}, {"Next", "Each"}}},
                         {"Each", {{"Type", "Map"}, {"ItemProcessor", iteration}, {"End", true}}}}}};
    auto errors = diagnose(definition);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].location == "/States/Each/ItemProcessor/States/In/Assign");
    CHECK(errors[0].message.find("factor") != std::string::npos);
  }
  SECTION("the outer scope reading an iteration's variable") {
    json iteration = {{"StartAt", "In"},
                      {"States", {{"In", {{"Type", "Pass"}, {"Assign", {{"inner", 1}}}, {"End", true}}}}}};
    json definition = {{"StartAt", "Each"},
                       {"States",
                        {{"Each", {{"Type", "Map"}, {"ItemProcessor", iteration}, {"Next", "After"}}},
                         {"After", {{"Type", "Pass"}, {"Parameters", {{"a.$", "$inner"}}}, {"End", true}}}}}};
    auto errors = diagnose(definition);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].location == "/States/After");
  }
  SECTION("ResultPath cannot name a variable") {
    CHECK_FALSE(diagnose(single({{"Type", "Pass"}, {"ResultPath", "$x"}, {"End", true}})).empty());
  }
}

TEST_CASE("variables: DescribeStateMachine's variableReferences come from the compiled program") {
  CompileResult compiled = compileDefinition(
      json{{"StartAt", "A"},
           {"States",
            {{"A", {{"Type", "Pass"}, {"Assign", {{"x", 1}}}, {"Next", "B"}}},
             {"B", {{"Type", "Pass"}, {"Parameters", {{"v.$", "States.Array($x, '$notavar')"}}}, {"End", true}}}}}}
          .dump());
  REQUIRE(compiled.program);
  CHECK(compiled.program->variableReferences ==
        std::map<std::string, std::vector<std::string>>{{"B", {"x"}}});
}
