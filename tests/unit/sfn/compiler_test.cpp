// The definition compiler: AWS-style diagnostics with their locations, and what a valid definition
// compiles into.
#include <catch2/catch.hpp>

#include "emulator/core/json.h"
#include "emulator/stepfunctions/definition/compiler.h"
#include "emulator/stepfunctions/definition/task_resources.h"

using namespace stepsim::sfn;
using json = stepsim::Json;

namespace {

constexpr const char* kLambda = "arn:aws:lambda:us-east-1:123456789012:function:work";

std::vector<Diagnostic> diagnose(const std::string& text) { return compileDefinition(text).errors; }
std::vector<Diagnostic> diagnose(const json& definition) { return diagnose(definition.dump()); }

std::string describe(const std::vector<Diagnostic>& errors) {
  return errors.empty() ? std::string("(no errors)") : invalidDefinitionMessage(errors);
}

// True when one diagnostic has `code`, `location`, and a message containing `text`.
bool has(const std::vector<Diagnostic>& errors, std::string_view code, std::string_view location,
         std::string_view text = "") {
  for (const Diagnostic& d : errors)
    if (d.code == code && d.location == location && d.message.find(text) != std::string::npos)
      return true;
  return false;
}

#define CHECK_DIAG(definition, code, location, text)                     \
  do {                                                                   \
    auto errors_ = diagnose(definition);                                 \
    INFO(describe(errors_));                                             \
    CHECK(has(errors_, code, location, text));                           \
  } while (false)

json machine(const json& states, const std::string& startAt = "A") {
  return {{"StartAt", startAt}, {"States", states}};
}

json pass(const std::string& next = "") {
  json st = {{"Type", "Pass"}};
  if (next.empty()) st["End"] = true;
  else st["Next"] = next;
  return st;
}

json task(json extra = json::object()) {
  json st = {{"Type", "Task"}, {"Resource", kLambda}, {"End", true}};
  st.update(extra);
  return st;
}

}  // namespace

TEST_CASE("compiler: a valid definition compiles into a program with resolved transitions") {
  json def = json::parse(R"J({
    "Comment": "Job Status Poller",
    "StartAt": "Submit",
    "TimeoutSeconds": 600,
    "States": {
      "Submit": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:submit",
                 "ResultPath": "$.job", "Next": "Wait",
                 "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 2,
                            "MaxAttempts": 4, "BackoffRate": 1.5, "MaxDelaySeconds": 10,
                            "JitterStrategy": "FULL"}],
                 "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed", "ResultPath": "$.err"}]},
      "Wait": {"Type": "Wait", "SecondsPath": "$.wait", "Next": "Check"},
      "Check": {"Type": "Choice", "Choices": [{"Variable": "$.job.status", "StringEquals": "DONE",
                                               "Next": "Done"}],
                "Default": "Wait"},
      "Done": {"Type": "Succeed"},
      "Failed": {"Type": "Fail", "Error": "JobFailed", "Cause": "it failed"}
    }})J");
  CompileResult r = compileDefinition(def.dump());
  INFO(describe(r.errors));
  REQUIRE(r.errors.empty());
  REQUIRE(r.program);
  const Program& p = *r.program;
  CHECK(p.timeoutSeconds == 600);
  REQUIRE(p.states.size() == 5);
  const State& submit = p.states[static_cast<std::size_t>(p.startAt)];
  CHECK(submit.name == "Submit");
  CHECK(submit.type == StateType::Task);
  CHECK(submit.taskKind == TaskKind::LambdaArn);
  CHECK(p.states[static_cast<std::size_t>(submit.next)].name == "Wait");
  REQUIRE(submit.retry.size() == 1);
  CHECK(submit.retry[0].intervalSeconds == 2);
  CHECK(submit.retry[0].maxAttempts == 4);
  CHECK(submit.retry[0].backoffRate == 1.5);
  CHECK(submit.retry[0].maxDelaySeconds == 10);
  CHECK(submit.retry[0].fullJitter);
  REQUIRE(submit.catches.size() == 1);
  CHECK(p.states[static_cast<std::size_t>(submit.catches[0].next)].name == "Failed");
  CHECK(submit.catches[0].resultPath.kind == ResultPathSpec::Path);
  const State& check = p.states[static_cast<std::size_t>(p.find("Check"))];
  CHECK(check.type == StateType::Choice);
  CHECK(p.states[static_cast<std::size_t>(check.defaultNext)].name == "Wait");
  REQUIRE(check.choices.size() == 1);
  CHECK(p.states[static_cast<std::size_t>(check.choices[0].next)].name == "Done");
  const State& failed = p.states[static_cast<std::size_t>(p.find("Failed"))];
  CHECK(failed.error == "JobFailed");
  CHECK(failed.cause == "it failed");
}

TEST_CASE("compiler: Retry defaults are 1 second, 3 attempts, backoff 2.0") {
  CompileResult r =
      compileDefinition(machine({{"A", task({{"Retry", {{{"ErrorEquals", {"X"}}}}}})}}).dump());
  REQUIRE(r.program);
  const Retrier& retrier = r.program->states[0].retry[0];
  CHECK(retrier.intervalSeconds == 1);
  CHECK(retrier.maxAttempts == 3);
  CHECK(retrier.backoffRate == 2.0);
  CHECK_FALSE(retrier.maxDelaySeconds);
  CHECK_FALSE(retrier.fullJitter);
}

TEST_CASE("compiler: JSON that does not parse") {
  auto errors = diagnose(std::string(R"({"StartAt": "A", "States": {)"));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == "INVALID_JSON_DESCRIPTION");
  CHECK(invalidDefinitionMessage(errors).rfind("Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION", 0) == 0);
}

TEST_CASE("compiler: the message joins diagnostics as AWS does") {
  std::vector<Diagnostic> errors = {{"SCHEMA_VALIDATION_FAILED", "The field \"Foo\" is not supported by Step Functions", "/States/A"},
                                    {"MISSING_TRANSITION_TARGET", "Missing 'Next' target: B", "/States/A/Next"}};
  CHECK(invalidDefinitionMessage(errors) ==
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field \"Foo\" is not "
        "supported by Step Functions at /States/A', 'MISSING_TRANSITION_TARGET: Missing 'Next' "
        "target: B at /States/A/Next'");
}

TEST_CASE("compiler: top-level structure") {
  SECTION("StartAt and States are required") {
    CHECK_DIAG(json::object(), "SCHEMA_VALIDATION_FAILED", "/", "[States, StartAt]");
    CHECK_DIAG(json({{"States", {{"A", pass()}}}}), "SCHEMA_VALIDATION_FAILED", "/", "[StartAt]");
  }
  SECTION("a definition that is not an object") {
    CHECK_DIAG(json::array(), "SCHEMA_VALIDATION_FAILED", "/", "");
  }
  SECTION("an unknown top-level field") {
    json def = machine({{"A", pass()}});
    def["Bogus"] = 1;
    CHECK_DIAG(def, "SCHEMA_VALIDATION_FAILED", "/", "\"Bogus\" is not supported");
  }
  SECTION("StartAt naming no state") {
    CHECK_DIAG(machine({{"A", pass()}}, "Nope"), "MISSING_TRANSITION_TARGET", "/StartAt", "Nope");
  }
  SECTION("Version must be 1.0") {
    json def = machine({{"A", pass()}});
    def["Version"] = "2.0";
    CHECK_DIAG(def, "SCHEMA_VALIDATION_FAILED", "/Version", "");
  }
  SECTION("TimeoutSeconds must be a positive integer") {
    json def = machine({{"A", pass()}});
    def["TimeoutSeconds"] = 0;
    CHECK_DIAG(def, "SCHEMA_VALIDATION_FAILED", "/TimeoutSeconds", "positive integer");
    def["TimeoutSeconds"] = 1.5;
    CHECK_DIAG(def, "SCHEMA_VALIDATION_FAILED", "/TimeoutSeconds", "positive integer");
  }
  SECTION("empty States") {
    CHECK_DIAG(machine(json::object()), "SCHEMA_VALIDATION_FAILED", "/States", "");
  }
}

TEST_CASE("compiler: state fields") {
  SECTION("an unknown field") {
    json st = pass();
    st["Resource"] = kLambda;
    CHECK_DIAG(machine({{"A", st}}), "SCHEMA_VALIDATION_FAILED", "/States/A",
               "\"Resource\" is not supported by Step Functions");
  }
  SECTION("missing Type") {
    CHECK_DIAG(machine({{"A", {{"End", true}}}}), "SCHEMA_VALIDATION_FAILED", "/States/A",
               "These fields are required: [Type]");
  }
  SECTION("unknown Type") {
    CHECK_DIAG(machine({{"A", {{"Type", "Sleep"}, {"End", true}}}}), "SCHEMA_VALIDATION_FAILED",
               "/States/A/Type", "");
  }
  SECTION("Task without Resource") {
    CHECK_DIAG(machine({{"A", {{"Type", "Task"}, {"End", true}}}}), "SCHEMA_VALIDATION_FAILED",
               "/States/A", "[Resource]");
  }
  SECTION("neither Next nor End") {
    CHECK_DIAG(machine({{"A", {{"Type", "Pass"}}}}), "SCHEMA_VALIDATION_FAILED", "/States/A",
               "Exactly one of these fields is required: [Next, End]");
  }
  SECTION("End false counts as no End") {
    CHECK_DIAG(machine({{"A", {{"Type", "Pass"}, {"End", false}}}}), "SCHEMA_VALIDATION_FAILED",
               "/States/A", "[Next, End]");
  }
  SECTION("both Next and End") {
    CHECK_DIAG(machine({{"A", {{"Type", "Pass"}, {"Next", "B"}, {"End", true}}}, {"B", pass()}}),
               "SCHEMA_VALIDATION_FAILED", "/States/A", "Only one of these fields may be set: [Next, End]");
  }
  SECTION("End that is not a boolean") {
    CHECK_DIAG(machine({{"A", {{"Type", "Pass"}, {"End", "yes"}}}}), "SCHEMA_VALIDATION_FAILED",
               "/States/A/End", "BOOLEAN");
  }
  SECTION("Next naming no state") {
    CHECK_DIAG(machine({{"A", pass("Nowhere")}}), "MISSING_TRANSITION_TARGET", "/States/A/Next",
               "Missing 'Next' target: Nowhere");
  }
  SECTION("Next on a terminal type is an unknown field") {
    CHECK_DIAG(machine({{"A", {{"Type", "Succeed"}, {"Next", "A"}}}}), "SCHEMA_VALIDATION_FAILED",
               "/States/A", "\"Next\" is not supported");
  }
  SECTION("a state name longer than 80 characters") {
    std::string name(81, 'x');
    CHECK_DIAG(machine({{name, pass()}}, name), "SCHEMA_VALIDATION_FAILED", "/States/" + name, "1-80");
  }
  SECTION("a state name with / and ~ is escaped in the location") {
    json st = pass();
    st["Bogus"] = 1;
    CHECK_DIAG(machine({{"a/b~c", st}}, "a/b~c"), "SCHEMA_VALIDATION_FAILED", "/States/a~1b~0c",
               "\"Bogus\"");
  }
  SECTION("unreachable state") {
    CHECK_DIAG(machine({{"A", pass()}, {"Lost", pass()}}), "UNREACHABLE_STATE", "/States/Lost",
               "Lost");
  }
  SECTION("states reachable only through Catch and Default are reachable") {
    json def = machine({{"A", task({{"Catch", {{{"ErrorEquals", {"States.ALL"}}, {"Next", "C"}}}}})},
                        {"C", {{"Type", "Choice"},
                               {"Choices", {{{"Variable", "$.x"}, {"IsPresent", true}, {"Next", "D"}}}},
                               {"Default", "E"}}},
                        {"D", pass()},
                        {"E", pass()}});
    auto errors = diagnose(def);
    INFO(describe(errors));
    CHECK(errors.empty());
  }
}

TEST_CASE("compiler: paths") {
  SECTION("an InputPath that is not a JSONPath") {
    json st = pass();
    st["InputPath"] = "not a path";
    CHECK_DIAG(machine({{"A", st}}), "SCHEMA_VALIDATION_FAILED", "/States/A/InputPath", "JSONPath");
  }
  SECTION("an OutputPath that does not parse") {
    json st = pass();
    st["OutputPath"] = "$.a[";
    CHECK_DIAG(machine({{"A", st}}), "SCHEMA_VALIDATION_FAILED", "/States/A/OutputPath", "");
  }
  SECTION("a ResultPath that is not a reference path") {
    json st = pass();
    st["ResultPath"] = "$.a[*]";
    CHECK_DIAG(machine({{"A", st}}), "SCHEMA_VALIDATION_FAILED", "/States/A/ResultPath",
               "Reference Path");
  }
  SECTION("a ResultPath into the context object") {
    json st = pass();
    st["ResultPath"] = "$$.Execution.x";
    CHECK_DIAG(machine({{"A", st}}), "SCHEMA_VALIDATION_FAILED", "/States/A/ResultPath", "context");
    json catching = task({{"Catch", json::parse(R"J([{"ErrorEquals": ["States.ALL"], "Next": "A",
                                                      "ResultPath": "$$.x"}])J")}});
    CHECK_DIAG(machine({{"A", catching}}), "SCHEMA_VALIDATION_FAILED", "/States/A/Catch[0]/ResultPath",
               "context");
  }
  SECTION("a path that is not a string") {
    json st = pass();
    st["InputPath"] = 3;
    CHECK_DIAG(machine({{"A", st}}), "SCHEMA_VALIDATION_FAILED", "/States/A/InputPath", "STRING");
  }
  SECTION("a bad Parameters path") {
    json st = pass();
    st["Parameters"] = {{"x.$", "nope"}};
    CHECK_DIAG(machine({{"A", st}}), "SCHEMA_VALIDATION_FAILED", "/States/A/Parameters", "");
  }
  SECTION("null paths are accepted") {
    json st = pass();
    st["InputPath"] = nullptr;
    st["OutputPath"] = nullptr;
    st["ResultPath"] = nullptr;
    CompileResult r = compileDefinition(machine({{"A", st}}).dump());
    INFO(describe(r.errors));
    REQUIRE(r.program);
    CHECK(r.program->states[0].inputPath.kind == PathFilter::Empty);
    CHECK(r.program->states[0].outputPath.kind == PathFilter::Empty);
    CHECK(r.program->states[0].resultPath.kind == ResultPathSpec::Discard);
  }
  SECTION("ResultPath \"$\" replaces") {
    json st = pass();
    st["ResultPath"] = "$";
    CompileResult r = compileDefinition(machine({{"A", st}}).dump());
    REQUIRE(r.program);
    CHECK(r.program->states[0].resultPath.kind == ResultPathSpec::Replace);
  }
}

TEST_CASE("compiler: Retry and Catch") {
  auto withRetry = [](json retrier) { return machine({{"A", task({{"Retry", {retrier}}})}}); };
  SECTION("ErrorEquals is required and non-empty") {
    CHECK_DIAG(withRetry({{"MaxAttempts", 1}}), "SCHEMA_VALIDATION_FAILED", "/States/A/Retry[0]",
               "ErrorEquals");
    CHECK_DIAG(withRetry({{"ErrorEquals", json::array()}}), "SCHEMA_VALIDATION_FAILED",
               "/States/A/Retry[0]", "ErrorEquals");
  }
  SECTION("States.ALL must be alone") {
    CHECK_DIAG(withRetry({{"ErrorEquals", {"States.ALL", "X"}}}), "SCHEMA_VALIDATION_FAILED",
               "/States/A/Retry[0]/ErrorEquals", "alone");
  }
  SECTION("States.ALL must be in the last retrier") {
    json def = machine({{"A", task({{"Retry", {{{"ErrorEquals", {"States.ALL"}}},
                                               {{"ErrorEquals", {"X"}}}}}})}});
    CHECK_DIAG(def, "SCHEMA_VALIDATION_FAILED", "/States/A/Retry[0]/ErrorEquals", "last");
  }
  SECTION("States.ALL must be in the last catcher") {
    json def = json::parse(R"J({"StartAt": "A", "States": {
      "A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:work",
            "Next": "B",
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B"}, {"ErrorEquals": ["X"], "Next": "B"}]},
      "B": {"Type": "Pass", "End": true}}})J");
    CHECK_DIAG(def, "SCHEMA_VALIDATION_FAILED", "/States/A/Catch[0]/ErrorEquals", "last");
  }
  SECTION("bad retrier values") {
    CHECK_DIAG(withRetry({{"ErrorEquals", {"X"}}, {"IntervalSeconds", 0}}),
               "SCHEMA_VALIDATION_FAILED", "/States/A/Retry[0]/IntervalSeconds", "");
    CHECK_DIAG(withRetry({{"ErrorEquals", {"X"}}, {"IntervalSeconds", 1.5}}),
               "SCHEMA_VALIDATION_FAILED", "/States/A/Retry[0]/IntervalSeconds", "");
    CHECK_DIAG(withRetry({{"ErrorEquals", {"X"}}, {"MaxAttempts", -1}}),
               "SCHEMA_VALIDATION_FAILED", "/States/A/Retry[0]/MaxAttempts", "");
    CHECK_DIAG(withRetry({{"ErrorEquals", {"X"}}, {"BackoffRate", 0.5}}),
               "SCHEMA_VALIDATION_FAILED", "/States/A/Retry[0]/BackoffRate", "1.0");
    CHECK_DIAG(withRetry({{"ErrorEquals", {"X"}}, {"BackoffRate", "fast"}}),
               "SCHEMA_VALIDATION_FAILED", "/States/A/Retry[0]/BackoffRate", "");
    CHECK_DIAG(withRetry({{"ErrorEquals", {"X"}}, {"MaxDelaySeconds", 0}}),
               "SCHEMA_VALIDATION_FAILED", "/States/A/Retry[0]/MaxDelaySeconds", "");
    CHECK_DIAG(withRetry({{"ErrorEquals", {"X"}}, {"JitterStrategy", "HALF"}}),
               "SCHEMA_VALIDATION_FAILED", "/States/A/Retry[0]/JitterStrategy", "");
    CHECK_DIAG(withRetry({{"ErrorEquals", {"X"}}, {"Bogus", 1}}), "SCHEMA_VALIDATION_FAILED",
               "/States/A/Retry[0]", "\"Bogus\"");
  }
  SECTION("MaxAttempts 0 is valid") {
    auto errors = diagnose(withRetry({{"ErrorEquals", {"X"}}, {"MaxAttempts", 0}}));
    INFO(describe(errors));
    CHECK(errors.empty());
  }
  SECTION("a catcher needs Next, naming a state") {
    CHECK_DIAG(machine({{"A", task({{"Catch", {{{"ErrorEquals", {"X"}}}}}})}}),
               "SCHEMA_VALIDATION_FAILED", "/States/A/Catch[0]", "[Next]");
    CHECK_DIAG(machine({{"A", task({{"Catch", {{{"ErrorEquals", {"X"}}, {"Next", "Z"}}}}})}}),
               "MISSING_TRANSITION_TARGET", "/States/A/Catch[0]/Next", "Z");
  }
  SECTION("Retry on a Pass state is not supported") {
    json st = pass();
    st["Retry"] = {{{"ErrorEquals", {"X"}}}};
    CHECK_DIAG(machine({{"A", st}}), "SCHEMA_VALIDATION_FAILED", "/States/A", "\"Retry\"");
  }
}

TEST_CASE("compiler: Task fields") {
  SECTION("an unsupported resource is named in the message") {
    std::string resource = "arn:aws:states:::lambda:publish";
    auto errors = diagnose(machine({{"A", task({{"Resource", resource}})}}));
    INFO(describe(errors));
    REQUIRE(has(errors, "SCHEMA_VALIDATION_FAILED", "/States/A/Resource", resource));
  }
  SECTION("an unsupported integration pattern") {
    CHECK_DIAG(machine({{"A", task({{"Resource", "arn:aws:states:::lambda:invoke.sync"}})}}),
               "SCHEMA_VALIDATION_FAILED", "/States/A/Resource", "lambda:invoke.sync");
  }
  SECTION("Credentials without a RoleArn") {
    CHECK_DIAG(machine({{"A", task({{"Credentials", {{"Role", "r"}}}})}}), "SCHEMA_VALIDATION_FAILED",
               "/States/A/Credentials", "The field 'RoleArn' is required but was missing");
    CHECK(diagnose(machine({{"A", task({{"Credentials", {{"RoleArn", "arn:aws:iam::1:role/r"}}}})}})).empty());
  }
  SECTION("TimeoutSeconds and TimeoutSecondsPath together") {
    CHECK_DIAG(machine({{"A", task({{"TimeoutSeconds", 5}, {"TimeoutSecondsPath", "$.t"}})}}),
               "SCHEMA_VALIDATION_FAILED", "/States/A", "[TimeoutSeconds, TimeoutSecondsPath]");
  }
  SECTION("TimeoutSeconds must be positive") {
    CHECK_DIAG(machine({{"A", task({{"TimeoutSeconds", 0}})}}), "SCHEMA_VALIDATION_FAILED",
               "/States/A/TimeoutSeconds", "");
  }
  SECTION("HeartbeatSeconds must be smaller than TimeoutSeconds") {
    CHECK_DIAG(machine({{"A", task({{"TimeoutSeconds", 5}, {"HeartbeatSeconds", 5}})}}),
               "SCHEMA_VALIDATION_FAILED", "/States/A/HeartbeatSeconds", "");
  }
  SECTION("the supported resources classify") {
    CHECK(classifyTaskResource(kLambda).resource->kind == TaskKind::LambdaArn);
    CHECK(classifyTaskResource("arn:aws:lambda:us-east-1:123456789012:function:work:prod").resource);
    auto invoke = classifyTaskResource("arn:aws:states:::lambda:invoke.waitForTaskToken");
    REQUIRE(invoke.resource);
    CHECK(invoke.resource->kind == TaskKind::LambdaInvoke);
    CHECK(invoke.resource->pattern == IntegrationPattern::WaitForTaskToken);
    auto batch = classifyTaskResource("arn:aws:states:::batch:submitJob.sync");
    REQUIRE(batch.resource);
    CHECK(batch.resource->kind == TaskKind::BatchSubmitJob);
    CHECK(batch.resource->pattern == IntegrationPattern::Sync);
    auto sdk = classifyTaskResource("arn:aws:states:::aws-sdk:batch:describeJobs");
    REQUIRE(sdk.resource);
    CHECK(sdk.resource->kind == TaskKind::SdkIntegration);
    CHECK(sdk.resource->sdkService == "batch");
    CHECK(sdk.resource->sdkAction == "describeJobs");
    auto sync2 = classifyTaskResource("arn:aws:states:::states:startExecution.sync:2");
    REQUIRE(sync2.resource);
    CHECK(sync2.resource->pattern == IntegrationPattern::Sync2);
    CHECK_FALSE(classifyTaskResource("arn:aws:states:::aws-sdk:batch:noSuchAction").resource);
    // A service stepsim does not emulate is accepted (for a mock config to answer).
    CHECK(classifyTaskResource("arn:aws:states:::aws-sdk:s3:getObject").resource->kind ==
          TaskKind::Unemulated);
    CHECK_FALSE(classifyTaskResource("arn:aws:lambda:us-east-1:12:function:x").resource);
  }
}

TEST_CASE("compiler: Choice") {
  SECTION("Choice without Choices") {
    CHECK_DIAG(machine({{"A", {{"Type", "Choice"}, {"Default", "B"}}}, {"B", pass()}}),
               "SCHEMA_VALIDATION_FAILED", "/States/A/Choices", "");
  }
  SECTION("Choices empty") {
    CHECK_DIAG(machine({{"A", {{"Type", "Choice"}, {"Choices", json::array()}, {"Default", "B"}}},
                        {"B", pass()}}),
               "SCHEMA_VALIDATION_FAILED", "/States/A/Choices", "");
  }
  SECTION("a rule without Next") {
    CHECK_DIAG(machine({{"A", {{"Type", "Choice"},
                               {"Choices", {{{"Variable", "$.x"}, {"IsPresent", true}}}},
                               {"Default", "B"}}},
                        {"B", pass()}}),
               "SCHEMA_VALIDATION_FAILED", "/States/A/Choices[0]", "[Next]");
  }
  SECTION("a rule's Next naming no state") {
    CHECK_DIAG(machine({{"A", {{"Type", "Choice"},
                               {"Choices", {{{"Variable", "$.x"}, {"IsPresent", true}, {"Next", "Q"}}}},
                               {"Default", "B"}}},
                        {"B", pass()}}),
               "MISSING_TRANSITION_TARGET", "/States/A/Choices[0]/Next", "Q");
  }
  SECTION("a malformed rule") {
    CHECK_DIAG(machine({{"A", {{"Type", "Choice"},
                               {"Choices", {{{"Variable", "$.x"}, {"Next", "B"}}}}}},
                        {"B", pass()}}),
               "SCHEMA_VALIDATION_FAILED", "/States/A/Choices[0]", "");
  }
  SECTION("Default naming no state") {
    CHECK_DIAG(machine({{"A", {{"Type", "Choice"},
                               {"Choices", {{{"Variable", "$.x"}, {"IsPresent", true}, {"Next", "B"}}}},
                               {"Default", "Gone"}}},
                        {"B", pass()}}),
               "MISSING_TRANSITION_TARGET", "/States/A/Default", "Gone");
  }
}

TEST_CASE("compiler: Wait") {
  SECTION("two time fields") {
    CHECK_DIAG(machine({{"A", {{"Type", "Wait"}, {"Seconds", 5}, {"SecondsPath", "$.s"}, {"End", true}}}}),
               "SCHEMA_VALIDATION_FAILED", "/States/A",
               "Exactly one of these fields is required: [Seconds, SecondsPath, Timestamp, TimestampPath]");
  }
  SECTION("no time field") {
    CHECK_DIAG(machine({{"A", {{"Type", "Wait"}, {"End", true}}}}), "SCHEMA_VALIDATION_FAILED",
               "/States/A", "Exactly one");
  }
  SECTION("a bad Timestamp") {
    CHECK_DIAG(machine({{"A", {{"Type", "Wait"}, {"Timestamp", "tomorrow"}, {"End", true}}}}),
               "SCHEMA_VALIDATION_FAILED", "/States/A/Timestamp", "String does not match RFC3339 timestamp");
  }
  SECTION("negative Seconds") {
    CHECK_DIAG(machine({{"A", {{"Type", "Wait"}, {"Seconds", -1}, {"End", true}}}}),
               "SCHEMA_VALIDATION_FAILED", "/States/A/Seconds", "");
  }
  SECTION("Seconds 0 is valid") {
    auto errors = diagnose(machine({{"A", {{"Type", "Wait"}, {"Seconds", 0}, {"End", true}}}}));
    INFO(describe(errors));
    CHECK(errors.empty());
  }
}

TEST_CASE("compiler: Fail") {
  SECTION("Error and ErrorPath together") {
    CHECK_DIAG(machine({{"A", {{"Type", "Fail"}, {"Error", "E"}, {"ErrorPath", "$.e"}}}}),
               "SCHEMA_VALIDATION_FAILED", "/States/A", "[Error, ErrorPath]");
  }
  SECTION("a CausePath that is neither a path nor an intrinsic") {
    CHECK_DIAG(machine({{"A", {{"Type", "Fail"}, {"CausePath", "States.Nope($.x)"}}}}),
               "SCHEMA_VALIDATION_FAILED", "/States/A/CausePath", "");
  }
  SECTION("an intrinsic CausePath compiles") {
    auto errors = diagnose(machine(
        {{"A", {{"Type", "Fail"}, {"ErrorPath", "$.e"}, {"CausePath", "States.Format('x {}', $.c)"}}}}));
    INFO(describe(errors));
    CHECK(errors.empty());
  }
}

TEST_CASE("compiler: Parallel and Map locations point into nested machines") {
  SECTION("an unknown field in a branch state") {
    json def = machine({{"P", {{"Type", "Parallel"},
                               {"End", true},
                               {"Branches", {machine({{"X", pass()}}, "X"),
                                             machine({{"Y", {{"Type", "Pass"}, {"End", true}, {"Bogus", 1}}}}, "Y")}}}}},
                       "P");
    CHECK_DIAG(def, "SCHEMA_VALIDATION_FAILED", "/States/P/Branches[1]/States/Y", "\"Bogus\"");
  }
  SECTION("a missing target in a branch") {
    json def = machine({{"P", {{"Type", "Parallel"},
                               {"End", true},
                               {"Branches", {machine({{"X", pass("Q")}}, "X")}}}}},
                       "P");
    CHECK_DIAG(def, "MISSING_TRANSITION_TARGET", "/States/P/Branches[0]/States/X/Next", "Q");
  }
  SECTION("a branch cannot jump to a state outside it") {
    json def = machine({{"P", {{"Type", "Parallel"},
                               {"Next", "After"},
                               {"Branches", {machine({{"X", pass("After")}}, "X")}}}},
                        {"After", pass()}},
                       "P");
    CHECK_DIAG(def, "MISSING_TRANSITION_TARGET", "/States/P/Branches[0]/States/X/Next", "After");
  }
  SECTION("Parallel without Branches") {
    CHECK_DIAG(machine({{"P", {{"Type", "Parallel"}, {"End", true}}}}, "P"),
               "SCHEMA_VALIDATION_FAILED", "/States/P/Branches", "");
  }
  SECTION("Parallel with no branch at all, as AWS words it") {
    CHECK_DIAG(machine({{"P", {{"Type", "Parallel"}, {"End", true}, {"Branches", json::array()}}}}, "P"),
               "SCHEMA_VALIDATION_FAILED", "/States/P/Branches", "Value cannot be empty");
  }
  SECTION("an unknown state type lists the known ones as AWS does") {
    CHECK_DIAG(machine({{"P", {{"Type", "Sleep"}, {"End", true}}}}, "P"), "SCHEMA_VALIDATION_FAILED",
               "/States/P/Type",
               "The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, "
               "Fail, Choice, Parallel, Map]");
  }
  SECTION("a JSONPath state in a JSONata machine is refused at the state") {
    json def = machine({{"P", {{"Type", "Pass"}, {"End", true}, {"QueryLanguage", "JSONPath"}}}}, "P");
    def["QueryLanguage"] = "JSONata";
    CHECK_DIAG(def, "SCHEMA_VALIDATION_FAILED", "/States/P",
               "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine");
  }
  SECTION("a branch missing StartAt") {
    json def = machine({{"P", {{"Type", "Parallel"},
                               {"End", true},
                               {"Branches", {{{"States", {{"X", pass()}}}}}}}}},
                       "P");
    CHECK_DIAG(def, "SCHEMA_VALIDATION_FAILED", "/States/P/Branches[0]", "[StartAt]");
  }
  SECTION("an unreachable state in an ItemProcessor") {
    json def = machine({{"M", {{"Type", "Map"},
                               {"End", true},
                               {"ItemProcessor", machine({{"X", pass()}, {"Z", pass()}}, "X")}}}},
                       "M");
    CHECK_DIAG(def, "UNREACHABLE_STATE", "/States/M/ItemProcessor/States/Z", "");
  }
  SECTION("Map in Map in Parallel") {
    json inner = machine({{"T", task({{"Resource", "arn:aws:states:::lambda:publish"}})}}, "T");
    json mid = machine({{"M2", {{"Type", "Map"}, {"End", true}, {"Iterator", inner}}}}, "M2");
    json def = machine({{"P", {{"Type", "Parallel"},
                               {"End", true},
                               {"Branches", {machine({{"M1", {{"Type", "Map"}, {"End", true}, {"ItemProcessor", mid}}}}, "M1")}}}}},
                       "P");
    CHECK_DIAG(def, "SCHEMA_VALIDATION_FAILED",
               "/States/P/Branches[0]/States/M1/ItemProcessor/States/M2/Iterator/States/T/Resource",
               "lambda:publish");
  }
  SECTION("Map needs exactly one of ItemProcessor and Iterator") {
    CHECK_DIAG(machine({{"M", {{"Type", "Map"}, {"End", true}}}}, "M"), "SCHEMA_VALIDATION_FAILED",
               "/States/M", "[ItemProcessor, Iterator]");
  }
  SECTION("Distributed Map fields are refused on an inline Map") {
    CHECK_DIAG(machine({{"M", {{"Type", "Map"},
                               {"End", true},
                               {"ItemReader", json::object()},
                               {"ItemProcessor", machine({{"X", pass()}}, "X")}}}},
                       "M"),
               "SCHEMA_VALIDATION_FAILED", "/States/M", "ItemReader");
  }
  SECTION("ItemSelector and Parameters together") {
    CHECK_DIAG(machine({{"M", {{"Type", "Map"},
                               {"End", true},
                               {"ItemSelector", json::object()},
                               {"Parameters", json::object()},
                               {"ItemProcessor", machine({{"X", pass()}}, "X")}}}},
                       "M"),
               "SCHEMA_VALIDATION_FAILED", "/States/M", "ItemSelector");
  }
  SECTION("a valid nested definition compiles with the nested programs") {
    json def = machine({{"P", {{"Type", "Parallel"},
                               {"Next", "M"},
                               {"Branches", {machine({{"X", pass()}}, "X"), machine({{"Y", pass()}}, "Y")}}}},
                        {"M", {{"Type", "Map"},
                               {"End", true},
                               {"ItemsPath", "$.items"},
                               {"MaxConcurrency", 2},
                               {"ItemProcessor", machine({{"Z", pass()}}, "Z")}}}},
                       "P");
    CompileResult r = compileDefinition(def.dump());
    INFO(describe(r.errors));
    REQUIRE(r.program);
    const State& p = r.program->states[static_cast<std::size_t>(r.program->find("P"))];
    REQUIRE(p.branches.size() == 2);
    CHECK(p.branches[1]->states[0].name == "Y");
    const State& m = r.program->states[static_cast<std::size_t>(r.program->find("M"))];
    REQUIRE(m.iterator);
    CHECK(m.iterator->states[0].name == "Z");
    CHECK(m.maxConcurrency == 2);
    CHECK(m.itemsPath->text() == "$.items");
  }
}

TEST_CASE("compiler: state names are unique across the whole state machine") {
  SECTION("a branch state named like a top-level state") {
    json def = machine({{"P", {{"Type", "Parallel"},
                               {"Next", "X"},
                               {"Branches", {machine({{"X", pass()}}, "X")}}}},
                        {"X", pass()}},
                       "P");
    CHECK_DIAG(def, "DUPLICATE_STATE_NAME", "/States/P/Branches[0]/States/X",
               "Duplicate State name: X");
  }
  SECTION("the same name in two branches of one Parallel") {
    json def = machine({{"P", {{"Type", "Parallel"},
                               {"End", true},
                               {"Branches", {machine({{"X", pass()}}, "X"), machine({{"X", pass()}}, "X")}}}}},
                       "P");
    CHECK_DIAG(def, "DUPLICATE_STATE_NAME", "/States/P/Branches[1]/States/X", "X");
  }
  SECTION("an item processor state named like its own Map state") {
    json def = machine({{"M", {{"Type", "Map"},
                               {"End", true},
                               {"ItemProcessor", machine({{"M", pass()}}, "M")}}}},
                       "M");
    CHECK_DIAG(def, "DUPLICATE_STATE_NAME", "/States/M/ItemProcessor/States/M", "M");
  }
  SECTION("a Map iterator inside a branch clashing with another branch") {
    json map = {{"Type", "Map"}, {"End", true}, {"Iterator", machine({{"Y", pass()}}, "Y")}};
    json def = machine({{"P", {{"Type", "Parallel"},
                               {"End", true},
                               {"Branches", {machine({{"Y", pass()}}, "Y"), machine({{"M", map}}, "M")}}}}},
                       "P");
    CHECK_DIAG(def, "DUPLICATE_STATE_NAME", "/States/P/Branches[1]/States/M/Iterator/States/Y", "Y");
  }
  SECTION("the message CreateStateMachine returns") {
    json def = machine({{"M", {{"Type", "Map"},
                               {"End", true},
                               {"Iterator", machine({{"M", pass()}}, "M")}}}},
                       "M");
    CHECK(invalidDefinitionMessage(diagnose(def)) ==
          "Invalid State Machine Definition: 'DUPLICATE_STATE_NAME: Duplicate State name: M at "
          "/States/M/Iterator/States/M'");
  }
  SECTION("distinct names everywhere compile") {
    json def = machine({{"P", {{"Type", "Parallel"},
                               {"End", true},
                               {"Branches", {machine({{"X", pass()}}, "X"), machine({{"Y", pass()}}, "Y")}}}}},
                       "P");
    CHECK(diagnose(def).empty());
  }
}

TEST_CASE("compiler: EXPRESS machines may not wait on .sync, task tokens or activities") {
  auto task = [](const std::string& resource) {
    return json{{"Type", "Task"}, {"Resource", resource}, {"End", true}};
  };
  json definition = {
      {"StartAt", "Sync"},
      {"States",
       {{"Sync", {{"Type", "Task"}, {"Resource", "arn:aws:states:::batch:submitJob.sync"},
                  {"Next", "Fan"}}},
        {"Fan", {{"Type", "Parallel"},
                 {"Branches",
                  {{{"StartAt", "Token"},
                    {"States", {{"Token", task("arn:aws:states:::lambda:invoke.waitForTaskToken")}}}},
                   {{"StartAt", "Worker"},
                    {"States", {{"Worker", task("arn:aws:states:us-east-1:123456789012:activity:a")}}}}}},
                 {"Next", "Plain"}}},
        {"Plain", task(kLambda)}}}};
  CHECK(compileDefinition(definition.dump()).errors.empty());  // fine for STANDARD
  auto errors = compileDefinition(definition.dump(), "EXPRESS").errors;
  INFO(describe(errors));
  CHECK(errors.size() == 3);
  CHECK(has(errors, "SCHEMA_VALIDATION_FAILED", "/States/Sync/Resource", "'.sync' service integration"));
  CHECK(has(errors, "SCHEMA_VALIDATION_FAILED", "/States/Fan/Branches[0]/States/Token/Resource",
            "'.waitForTaskToken'"));
  CHECK(has(errors, "SCHEMA_VALIDATION_FAILED", "/States/Fan/Branches[1]/States/Worker/Resource",
            "Activity"));
  CHECK_FALSE(compileDefinition(definition.dump(), "EXPRESS").program);
}

TEST_CASE("compiler: Distributed Map settings and their checks") {
  auto distributed = [](json fields, json processorConfig = {{"Mode", "DISTRIBUTED"},
                                                             {"ExecutionType", "EXPRESS"}}) {
    json processor = machine({{"X", pass()}}, "X");
    processor["ProcessorConfig"] = std::move(processorConfig);
    json map = {{"Type", "Map"}, {"End", true}, {"ItemProcessor", processor}};
    map.update(fields);
    return machine({{"M", map}}, "M");
  };
  SECTION("a valid one compiles with its settings") {
    CompileResult r = compileDefinition(
        distributed({{"Label", "Shard-1"},
                     {"ToleratedFailureCount", 3},
                     {"ToleratedFailurePercentage", 12.5},
                     {"ItemBatcher", {{"MaxItemsPerBatch", 10}, {"BatchInput", {{"k.$", "$.k"}}}}}})
            .dump());
    INFO(describe(r.errors));
    REQUIRE(r.program);
    const State& m = r.program->states[0];
    CHECK(m.distributed);
    CHECK(m.childExpress);
    CHECK(m.label == "Shard-1");
    CHECK(m.toleratedFailureCount == 3);
    CHECK(m.toleratedFailurePercentage == 12.5);
    CHECK(m.batched);
    CHECK(m.maxItemsPerBatch == 10);
    CHECK(m.batchInput);
  }
  SECTION("ExecutionType is required and named from a set") {
    CHECK_DIAG(distributed(json::object(), {{"Mode", "DISTRIBUTED"}}), "SCHEMA_VALIDATION_FAILED",
               "/States/M/ItemProcessor/ProcessorConfig", "ExecutionType");
    CHECK_DIAG(distributed(json::object(), {{"Mode", "DISTRIBUTED"}, {"ExecutionType", "FAST"}}),
               "SCHEMA_VALIDATION_FAILED", "/States/M/ItemProcessor/ProcessorConfig/ExecutionType",
               "[STANDARD, EXPRESS]");
    CHECK_DIAG(distributed(json::object(), {{"Mode", "REMOTE"}}), "SCHEMA_VALIDATION_FAILED",
               "/States/M/ItemProcessor/ProcessorConfig/Mode", "[INLINE, DISTRIBUTED]");
  }
  SECTION("a Label must be short and plain") {
    CHECK_DIAG(distributed({{"Label", ""}}), "SCHEMA_VALIDATION_FAILED", "/States/M/Label",
               "Label cannot be empty");
    CHECK_DIAG(distributed({{"Label", std::string(41, 'a')}}), "SCHEMA_VALIDATION_FAILED",
               "/States/M/Label", "40 characters");
    CHECK_DIAG(distributed({{"Label", "a:b"}}), "SCHEMA_VALIDATION_FAILED", "/States/M/Label",
               "invalid character: ':'");
    // Characters are counted and checked as code points: 40 accented letters are fine, a C1
    // control character (two bytes in UTF-8) is not, and is named as Python escapes it.
    std::string accented;
    for (int i = 0; i < 40; ++i) accented += "\u00e9";
    CHECK(compileDefinition(distributed({{"Label", accented}}).dump()).program);
    CHECK_DIAG(distributed({{"Label", "a\u0085b"}}), "SCHEMA_VALIDATION_FAILED", "/States/M/Label",
               "invalid character: '\\x85'");
    CHECK_DIAG(distributed({{"Label", "tab\there"}}), "SCHEMA_VALIDATION_FAILED", "/States/M/Label",
               "invalid character: '\\t'");
  }
  SECTION("the API refuses a bad Label quoting the definition as it was sent") {
    std::string definition =
        "{ \"StartAt\": \"M\", \"States\": {\"M\": {\"Type\": \"Map\", "
        "\"End\": true, \"Label\": \"a\\\"b\", \"ItemProcessor\": "
        "{\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", "
        "\"ExecutionType\": \"STANDARD\"}, \"StartAt\": \"X\", "
        "\"States\": {\"X\": {\"Type\": \"Pass\", \"End\": true}}}}}}";
    CompileResult r = compileDefinition(definition);
    REQUIRE_FALSE(r.program);
    CHECK(invalidDefinitionMessage(r.errors, definition) ==
          "Error=ValueError Args=['Label contains invalid character: \\'\"\\''] in definition '" +
              definition + "'.");
    // Other errors keep the schema wording.
    CompileResult other = compileDefinition(machine({{"A", pass("Nowhere")}}).dump());
    CHECK(invalidDefinitionMessage(other.errors, "{}") == invalidDefinitionMessage(other.errors));
  }
  SECTION("tolerances and batches within their ranges") {
    CHECK_DIAG(distributed({{"ToleratedFailurePercentage", 101}}), "SCHEMA_VALIDATION_FAILED",
               "/States/M/ToleratedFailurePercentage", "between 0 and 100");
    CHECK_DIAG(distributed({{"ToleratedFailureCount", -1}}), "SCHEMA_VALIDATION_FAILED",
               "/States/M/ToleratedFailureCount", "non-negative");
    CHECK_DIAG(distributed({{"ItemBatcher", {{"BatchInput", json::object()}}}}),
               "SCHEMA_VALIDATION_FAILED", "/States/M/ItemBatcher", "MaxItemsPerBatch");
  }
  SECTION("ItemReader and ResultWriter name S3 integrations") {
    CompileResult r = compileDefinition(
        distributed({{"ItemReader", {{"Resource", "arn:aws:states:::s3:getObject"}}}}).dump());
    REQUIRE(r.program);
    CHECK(r.program->states[0].itemReaderResource == "arn:aws:states:::s3:getObject");
    CHECK_DIAG(distributed({{"ResultWriter", {{"Resource", "arn:aws:states:::lambda:invoke"}}}}),
               "SCHEMA_VALIDATION_FAILED", "/States/M/ResultWriter/Resource", "S3 integration");
  }
}
