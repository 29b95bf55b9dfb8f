// scenario::loadScenario refuses a file that cannot be used with a ScenarioError naming the file,
// the JSON pointer, the line and why; findScenarioFiles picks the scenario files out of directories.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "emulator/core/simulation.h"
#include "emulator/scenario/loader.h"
#include "emulator/scenario/runner.h"

namespace fs = std::filesystem;
using stepsim::scenario::findScenarioFiles;
using stepsim::scenario::loadScenario;
using stepsim::scenario::Scenario;
using stepsim::scenario::ScenarioError;

namespace {

// A directory of its own under the system's temporary directory, removed afterwards.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    std::random_device random;
    path_ = fs::temp_directory_path() /
            ("stepsim-loader-test-" + std::to_string(random()) + "-" + std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return path_; }

  // Writes `text` to `relative` (directories made as needed) and returns the full path.
  std::string write(const std::string& relative, const std::string& text) const {
    fs::path file = path_ / relative;
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << text;
    return file.string();
  }

 private:
  fs::path path_;
};

// The 1-based line of the first occurrence of `marker` in `text` (worked out independently of the
// code under test).
int lineOf(const std::string& text, const std::string& marker) {
  std::size_t at = text.find(marker);
  REQUIRE(at != std::string::npos);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

// The ScenarioError loading `file` throws; fails the test when it loads.
ScenarioError loadError(const std::string& file) {
  try {
    loadScenario(file);
  } catch (const ScenarioError& error) {
    return error;
  }
  FAIL("loaded " << file << " without an error");
  throw std::logic_error("unreachable");
}

// A good scenario around `resources`, `timeline` and `expect` (JSON text of each, or empty).
const char* kMachine = R"({"name": "M", "definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}})";

}  // namespace

TEST_CASE("loadScenario: a good file loads with the defaults") {
  TempDir dir;
  std::string text = R"({
  "name": "good-one",
  "description": "A Pass machine that succeeds.",
  "resources": {"stateMachines": [)" + std::string(kMachine) + R"(]},
  "timeline": [{"at": 0, "startExecution": {"stateMachine": "M", "name": "run"}}],
  "expect": {"executions": {"run": {"status": "SUCCEEDED"}}}
}
)";
  std::string file = dir.write("good.json", text);
  Scenario s = loadScenario(file);
  CHECK(s.file == file);
  CHECK(s.directory == fs::path(file).parent_path());
  CHECK(s.text == text);
  CHECK(s.name == "good-one");
  CHECK(s.seed == 42);
  CHECK(s.start == stepsim::core::SimulationConfig::kDefaultStartTime);
  CHECK(s.start == 1767225600000);  // 2026-01-01T00:00:00Z
  CHECK(s.mode == stepsim::core::ClockMode::Auto);
  CHECK(s.limitMs == 31536000LL * 1000);  // one year
  REQUIRE(s.definitions.count("M") == 1);
  CHECK(stepsim::Json::parse(s.definitions.at("M"))["StartAt"] == "P");
  CHECK(s.packages.empty());
  CHECK_FALSE(s.runsRealCode());
  CHECK(s.mockConfig == nullptr);
  CHECK(s.doc["expect"]["executions"]["run"]["status"] == "SUCCEEDED");
}

TEST_CASE("loadScenario: the clock, seed and definition file are read") {
  TempDir dir;
  dir.write("machines/m.asl.json", R"({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 5, "End": true}}})");
  std::string file = dir.write("s.json", R"({
  "name": "clocked", "description": "d", "seed": 7,
  "clock": {"start": "2030-06-01T12:00:00Z", "mode": "manual", "limitSeconds": 90.5},
  "resources": {"stateMachines": [{"name": "W", "definitionFile": "machines/m.asl.json"}]}
})");
  Scenario s = loadScenario(file);
  CHECK(s.seed == 7);
  CHECK(s.start == 1906545600000);  // 2030-06-01T12:00:00Z
  CHECK(s.mode == stepsim::core::ClockMode::Manual);
  CHECK(s.limitMs == 90500);
  REQUIRE(s.definitions.count("W") == 1);
  CHECK(s.definitions.at("W").find("\"Wait\"") != std::string::npos);
}

TEST_CASE("loadScenario: a file that cannot be read") {
  TempDir dir;
  std::string file = (dir.path() / "absent.json").string();
  ScenarioError e = loadError(file);
  CHECK(e.file == file);
  CHECK(e.pointer.empty());
  CHECK(e.line == 0);
  CHECK(e.message == "cannot read the file");
}

TEST_CASE("loadScenario: text that is not JSON names the line of the syntax error") {
  TempDir dir;
  std::string text = "{\n  \"name\": \"n\",\n  \"description\": \"d\",\n  \"seed\": 1,,\n  \"more\": 2\n}\n";
  std::string file = dir.write("broken.json", text);
  ScenarioError e = loadError(file);
  CHECK(e.file == file);
  CHECK(e.pointer.empty());
  CHECK(e.line == 4);
  CHECK(e.message.rfind("not valid JSON: ", 0) == 0);
  CHECK(std::string(e.what()) == file + ":4: " + e.message);
}

TEST_CASE("loadScenario: an unknown key names its pointer, line and a suggestion") {
  TempDir dir;
  std::string text = R"({
  "name": "n",
  "description": "d",
  "clock": {
    "mdoe": "manual"
  }
})";
  std::string file = dir.write("unknown.json", text);
  ScenarioError e = loadError(file);
  CHECK(e.file == file);
  CHECK(e.pointer == "/clock/mdoe");
  CHECK(e.line == 5);
  CHECK(e.message == "unknown key 'mdoe' (did you mean 'mode'?)");
  CHECK(std::string(e.what()) == file + ":5: /clock/mdoe: unknown key 'mdoe' (did you mean 'mode'?)");
}

TEST_CASE("loadScenario: a member of the wrong type") {
  TempDir dir;
  std::string text = "{\n  \"name\": \"n\",\n  \"description\": \"d\",\n  \"seed\": \"forty-two\"\n}";
  ScenarioError e = loadError(dir.write("type.json", text));
  CHECK(e.pointer == "/seed");
  CHECK(e.line == 4);
  CHECK(e.message == "must be an integer, not a string");
}

TEST_CASE("loadScenario: a missing required member is reported at the document") {
  TempDir dir;
  ScenarioError e = loadError(dir.write("req.json", "{\"name\": \"n\"}"));
  CHECK(e.pointer == "");
  CHECK(e.line == 1);
  CHECK(e.message == "missing required member 'description'");
}

TEST_CASE("loadScenario: a definitionFile that does not exist") {
  TempDir dir;
  std::string text = R"({
  "name": "n", "description": "d",
  "resources": {
    "stateMachines": [
      {"name": "M",
       "definitionFile": "nope.asl.json"}
    ]
  }
})";
  std::string file = dir.write("deffile.json", text);
  ScenarioError e = loadError(file);
  CHECK(e.file == file);
  CHECK(e.pointer == "/resources/stateMachines/0/definitionFile");
  CHECK(e.line == lineOf(text, "\"definitionFile\""));
  CHECK(e.line == 6);
  CHECK(e.message.rfind("cannot read '", 0) == 0);
  CHECK(e.message.find("nope.asl.json") != std::string::npos);
}

TEST_CASE("loadScenario: an inline definition with a missing Next target points into the definition") {
  TempDir dir;
  std::string text = R"({
  "name": "n", "description": "d",
  "resources": {
    "stateMachines": [
      {"name": "Broken", "definition": {
        "StartAt": "Prepare",
        "States": {
          "Prepare": {"Type": "Pass",
                      "Next": "Finish"},
          "Done": {"Type": "Succeed"}
        }}}
    ]
  }
})";
  std::string file = dir.write("inline.json", text);
  ScenarioError e = loadError(file);
  CHECK(e.file == file);
  CHECK(e.pointer == "/resources/stateMachines/0/definition/States/Prepare/Next");
  CHECK(e.line == lineOf(text, "\"Next\""));
  CHECK(e.line == 9);
  CHECK(e.message.rfind("invalid definition: ", 0) == 0);
  CHECK(e.message.find("MISSING_TRANSITION_TARGET") != std::string::npos);
  CHECK(e.message.find("Finish") != std::string::npos);
}

TEST_CASE("loadScenario: an invalid definition file names that file") {
  TempDir dir;
  std::string definition = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\",\n      \"Next\": \"Z\"}\n  }\n}";
  std::string definitionFile = dir.write("bad.asl.json", definition);
  std::string file = dir.write("uses.json", R"({"name": "n", "description": "d",
  "resources": {"stateMachines": [{"name": "M", "definitionFile": "bad.asl.json"}]}})");
  ScenarioError e = loadError(file);
  CHECK(fs::path(e.file) == fs::path(definitionFile));
  CHECK(e.pointer == "/States/A/Next");
  CHECK(e.line == 5);
  CHECK(e.message.find("MISSING_TRANSITION_TARGET") != std::string::npos);
  CHECK(e.message.find("(used at " + file + " /resources/stateMachines/0)") != std::string::npos);
}

TEST_CASE("loadScenario: startExecution of an undeclared state machine") {
  TempDir dir;
  std::string text = R"({
  "name": "n", "description": "d",
  "resources": {"stateMachines": [)" + std::string(kMachine) + R"(]},
  "timeline": [
    {"at": 0, "startExecution": {
      "stateMachine": "NoSuchMachine", "name": "run"}}
  ]
})";
  ScenarioError e = loadError(dir.write("undeclared.json", text));
  CHECK(e.pointer == "/timeline/0/startExecution/stateMachine");
  CHECK(e.line == 6);
  CHECK(e.message ==
        "no state machine 'NoSuchMachine' in resources.stateMachines or resources.stack");
}

TEST_CASE("loadScenario: stopExecution of an execution never started") {
  TempDir dir;
  std::string text = R"({
  "name": "n", "description": "d",
  "resources": {"stateMachines": [)" + std::string(kMachine) + R"(]},
  "timeline": [
    {"at": 0, "startExecution": {"stateMachine": "M", "name": "real"}},
    {"at": 5, "stopExecution": {
      "execution": "ghost"}}
  ]
})";
  ScenarioError e = loadError(dir.write("stop.json", text));
  CHECK(e.pointer == "/timeline/1/stopExecution/execution");
  CHECK(e.line == 7);
  CHECK(e.message == "no execution 'ghost' started earlier in the timeline");
}

TEST_CASE("loadScenario: stopExecution before the execution starts is refused too") {
  TempDir dir;
  std::string text = R"({"name": "n", "description": "d",
  "resources": {"stateMachines": [)" + std::string(kMachine) + R"(]},
  "timeline": [
    {"at": 0, "stopExecution": {"execution": "later"}},
    {"at": 0, "startExecution": {"stateMachine": "M", "name": "later"}}
  ]})";
  ScenarioError e = loadError(dir.write("order.json", text));
  CHECK(e.pointer == "/timeline/0/stopExecution/execution");
}

TEST_CASE("loadScenario: an expectation for an unknown execution") {
  TempDir dir;
  std::string text = R"({
  "name": "n", "description": "d",
  "resources": {"stateMachines": [)" + std::string(kMachine) + R"(]},
  "timeline": [{"at": 0, "startExecution": {"stateMachine": "M", "name": "run"}}],
  "expect": {
    "executions": {
      "run": {"status": "SUCCEEDED"},
      "ghost": {"status": "SUCCEEDED"}
    }
  }
})";
  ScenarioError e = loadError(dir.write("expect.json", text));
  CHECK(e.pointer == "/expect/executions/ghost");
  CHECK(e.line == 8);
  CHECK(e.message == "no execution 'ghost' started (with a name) in the timeline");
}

TEST_CASE("loadScenario: an unknown member in a Batch resource") {
  TempDir dir;
  std::string text = R"({
  "name": "n", "description": "d",
  "resources": {
    "computeEnvironments": [{"computeEnvironmentName": "c", "type": "MANAGED",
                             "serviceRoel": "x"}]
  }
})";
  ScenarioError e = loadError(dir.write("batch.json", text));
  CHECK(e.pointer == "/resources/computeEnvironments/0/serviceRoel");
  CHECK(e.line == 5);
  CHECK(e.message.rfind("unknown member", 0) == 0);
  CHECK(e.message.find("Batch") != std::string::npos);
}

TEST_CASE("loadScenario: lambdaResponses for an undeclared function") {
  TempDir dir;
  std::string text = R"({
  "name": "n", "description": "d",
  "resources": {"functions": [{"FunctionName": "Real"}]},
  "lambdaResponses": {
    "Ghost": {"0": {"payload": {}}}
  }
})";
  ScenarioError e = loadError(dir.write("responses.json", text));
  CHECK(e.pointer == "/lambdaResponses/Ghost");
  CHECK(e.line == 5);
  CHECK(e.message == "no function 'Ghost' in resources.functions");
}

TEST_CASE("loadScenario: timeline actions out of time order") {
  TempDir dir;
  std::string text = R"({
  "name": "n", "description": "d",
  "clock": {"mode": "manual"},
  "timeline": [
    {"at": 10, "advanceClock": {"seconds": 1}},
    {"at": 5, "advanceClock": {"seconds": 1}}
  ]
})";
  ScenarioError e = loadError(dir.write("order.json", text));
  CHECK(e.pointer == "/timeline/1/at");
  CHECK(e.line == 6);
  CHECK(e.message == "actions must be in time order (5 comes after an action at 10)");
}

TEST_CASE("loadScenario: an action after the clock's limit") {
  TempDir dir;
  std::string text = R"({"name": "n", "description": "d", "clock": {"limitSeconds": 60},
  "timeline": [{"at": 61, "advanceClock": {"seconds": 1}}]})";
  ScenarioError e = loadError(dir.write("limit.json", text));
  CHECK(e.pointer == "/timeline/0/at");
  CHECK(e.message == "is after the clock's limitSeconds");
}

TEST_CASE("loadScenario: duplicate function names") {
  TempDir dir;
  std::string text = R"({
  "name": "n", "description": "d",
  "resources": {"functions": [
    {"FunctionName": "F"},
    {"FunctionName": "G"},
    {"FunctionName": "F"}
  ]}
})";
  ScenarioError e = loadError(dir.write("dup.json", text));
  CHECK(e.pointer == "/resources/functions/2/FunctionName");
  CHECK(e.line == 6);
  CHECK(e.message == "a second function named 'F'");
}

TEST_CASE("loadScenario: duplicate state machine and execution names") {
  TempDir dir;
  std::string machines = R"({"name": "n", "description": "d",
  "resources": {"stateMachines": [)" + std::string(kMachine) + ", " + kMachine + R"(]}})";
  ScenarioError e = loadError(dir.write("dupm.json", machines));
  CHECK(e.pointer == "/resources/stateMachines/1/name");
  CHECK(e.message == "a second state machine named 'M'");

  std::string executions = R"({"name": "n", "description": "d",
  "resources": {"stateMachines": [)" + std::string(kMachine) + R"(]},
  "timeline": [{"at": 0, "startExecution": {"stateMachine": "M", "name": "x"}},
               {"at": 1, "startExecution": {"stateMachine": "M", "name": "x"}}]})";
  e = loadError(dir.write("dupe.json", executions));
  CHECK(e.pointer == "/timeline/1/startExecution/name");
  CHECK(e.message == "a second execution named 'x'");
}

TEST_CASE("loadScenario: a Code.Path that does not exist") {
  TempDir dir;
  std::string text = R"({"name": "n", "description": "d",
  "resources": {"functions": [{"FunctionName": "F", "Code": {"Path": "no-such-dir"}}]}})";
  ScenarioError e = loadError(dir.write("code.json", text));
  CHECK(e.pointer == "/resources/functions/0/Code/Path");
  CHECK(e.message.find("no-such-dir") != std::string::npos);
}

TEST_CASE("findScenarioFiles: recursive, sorted, skipping what is not a scenario") {
  TempDir dir;
  const std::string scenario = R"({"name": "n", "description": "d"})";
  dir.write("b.json", scenario);
  dir.write("a.json", scenario);
  dir.write("sub/deeper/c.json", scenario);
  dir.write("sub/a2.json", scenario);
  dir.write("machine.asl.json", R"({"StartAt": "P", "States": {}})");
  dir.write("plain_machine.json", R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}})");
  dir.write("mocks.json", R"({"StateMachines": {}, "MockedResponses": {}})");
  dir.write("sub/schema.json", R"({"$schema": "x", "$defs": {}})");
  dir.write("notes.txt", "not json");
  dir.write("README.md", "# scenarios");
  dir.write("broken.json", "{ not json");      // kept: loading will say why
  dir.write("list.json", "[1, 2]");            // kept: not an object, loading will say so

  std::string root = dir.path().string();
  std::vector<std::string> files = findScenarioFiles({root});
  std::vector<std::string> expected = {
      (dir.path() / "a.json").string(),          (dir.path() / "b.json").string(),
      (dir.path() / "broken.json").string(),     (dir.path() / "list.json").string(),
      (dir.path() / "sub/a2.json").string(),     (dir.path() / "sub/deeper/c.json").string(),
  };
  std::sort(expected.begin(), expected.end());
  CHECK(files == expected);
  CHECK(std::is_sorted(files.begin(), files.end()));
}

TEST_CASE("findScenarioFiles: files are taken as given, in the order given") {
  TempDir dir;
  std::string z = dir.write("z.json", "{}");
  std::string asl = dir.write("m.asl.json", R"({"StartAt": "P", "States": {}})");
  std::string sub = (dir.path() / "sub").string();
  std::string inSub = dir.write("sub/s.json", "{}");
  // A file named directly is not filtered, and directories keep their place in the list.
  CHECK(findScenarioFiles({z, asl, sub}) == std::vector<std::string>{z, asl, inSub});
  CHECK(findScenarioFiles({}).empty());
}

TEST_CASE("findScenarioFiles: a path that does not exist throws") {
  TempDir dir;
  std::string missing = (dir.path() / "nothing-here").string();
  try {
    findScenarioFiles({dir.path().string(), missing});
    FAIL("no error for " << missing);
  } catch (const ScenarioError& e) {
    CHECK(e.file == missing);
    CHECK(e.pointer.empty());
    CHECK(e.line == 0);
    CHECK(e.message == "no such file or directory");
  }
}

namespace {

// A scenario whose one state machine publishes two versions (Result "one", "two") and has the
// alias "live", then starts it with `start` (the members after "stateMachine").
std::string versionedScenario(const std::string& machineExtra, const std::string& start) {
  return R"({
  "name": "n", "description": "d",
  "resources": {"stateMachines": [{"name": "M",
    "definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
    "versions": [
      {"definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "one", "End": true}}}},
      {"definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "two", "End": true}}},
       "description": "second"}
    ],
    "aliases": [{"name": "live", "routing": [{"version": 1, "weight": 50}, {"version": 2, "weight": 50}]}])" +
         machineExtra + R"(}]},
  "timeline": [{"at": 0, "startExecution": {"stateMachine": "M")" +
         start + R"(}}]
})";
}

}  // namespace

TEST_CASE("loadScenario: versions are read in order and starts name a version or an alias") {
  TempDir dir;
  Scenario s = loadScenario(dir.write("ok.json", versionedScenario("", R"(, "alias": "live")")));
  REQUIRE(s.versions.at("M").size() == 2);
  CHECK(s.versions.at("M")[0].definition.find("\"one\"") != std::string::npos);
  CHECK(s.versions.at("M")[1].description == "second");
  CHECK_NOTHROW(loadScenario(dir.write("v2.json", versionedScenario("", R"(, "version": 2)"))));
}

TEST_CASE("loadScenario: a start on a version or alias the machine does not have") {
  TempDir dir;
  ScenarioError e = loadError(dir.write("v3.json", versionedScenario("", R"(, "version": 3)")));
  CHECK(e.pointer == "/timeline/0/startExecution/version");
  CHECK(e.message == "state machine 'M' publishes 2 version(s)");
  e = loadError(dir.write("alias.json", versionedScenario("", R"(, "alias": "staging")")));
  CHECK(e.pointer == "/timeline/0/startExecution/alias");
  CHECK(e.message == "state machine 'M' has no alias 'staging'");
  e = loadError(
      dir.write("both.json", versionedScenario("", R"(, "alias": "live", "version": 1)")));
  CHECK(e.message == "names at most one of version, alias and testCase");
}

TEST_CASE("loadScenario: an alias routing to a version that is not published, and duplicates") {
  TempDir dir;
  auto replaced = [](std::string text, const std::string& from, const std::string& to) {
    std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
  };
  std::string text = versionedScenario("", "");
  ScenarioError e = loadError(dir.write(
      "route.json", replaced(text, R"("version": 2, "weight")", R"("version": 5, "weight")")));
  CHECK(e.pointer == "/resources/stateMachines/0/aliases/0/routing/1/version");
  CHECK(e.message == "state machine 'M' publishes 2 version(s)");
  std::string twice = replaced(replaced(text, R"("Result": "two")", R"("Result": "one")"),
                               R"(,
       "description": "second")",
                               "");
  e = loadError(dir.write("twice.json", twice));
  CHECK(e.pointer == "/resources/stateMachines/0/versions/1");
  CHECK(e.message.find("publishes what version 1 already holds") == 0);
}

namespace {

// A stack template whose state machine "Flow" passes its input on with a greeting.
constexpr const char* kFlowTemplate = R"({"Resources": {
  "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {
    "Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"Service": "states.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}},
  "Flow": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {
    "RoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
    "Definition": {"StartAt": "Greet", "States": {"Greet": {"Type": "Pass",
      "Result": {"Fn::Sub": "hello from ${AWS::StackName}"}, "End": true}}}}}}})";

std::string stackScenario(const std::string& stateMachine) {
  return R"({"name": "from-a-stack", "description": "A Pass machine from a stack.",
    "resources": {"stack": {"name": "Greeter", "template": "stack.json"}},
    "timeline": [{"at": 0, "startExecution": {"stateMachine": ")" +
         stateMachine + R"(", "name": "run"}}],
    "expect": {"executions": {"run": {"status": "SUCCEEDED", "output": "hello from Greeter"}}}})";
}

}  // namespace

TEST_CASE("loadScenario: a stack's logical ids name what it makes, and the run finds them") {
  TempDir dir;
  dir.write("stack.json", kFlowTemplate);
  Scenario scenario = loadScenario(dir.write("s.json", stackScenario("Flow")));
  REQUIRE(scenario.stack);
  CHECK(scenario.stack->name == "Greeter");
  CHECK_FALSE(scenario.runsRealCode());
  stepsim::scenario::ScenarioResult result =
      stepsim::scenario::runScenario(scenario, stepsim::scenario::RunOptions{});
  INFO(result.error);
  CHECK(result.error.empty());
  CHECK(result.unmet.empty());

  ScenarioError unknown = loadError(dir.write("unknown.json", stackScenario("Nope")));
  CHECK(unknown.pointer == "/timeline/0/startExecution/stateMachine");
  CHECK(unknown.message == "no state machine 'Nope' in resources.stateMachines or resources.stack");
}

TEST_CASE("loadScenario: a template CloudFormation refuses is an error at the template") {
  TempDir dir;
  dir.write("stack.json", R"({"Resources": {"Logs": {"Type": "AWS::Logs::LogGroup",
                                "Properties": {"LogGroupName": {"Ref": "Nope"}}}}})");
  ScenarioError error = loadError(dir.write("s.json", stackScenario("Logs")));
  CHECK(error.pointer == "/resources/stack/template");
  CHECK_THAT(error.message, Catch::Contains("Unresolved resource dependencies [Nope]"));
  ScenarioError missing = loadError(dir.write(
      "missing.json",
      R"({"name": "m", "description": "d", "resources": {"stack": {"template": "absent.yaml"}}})"));
  CHECK(missing.pointer == "/resources/stack/template");
  CHECK_THAT(missing.message, Catch::Contains("cannot read"));
}

TEST_CASE("runScenario: a stack that cannot be made says which resource failed and why") {
  TempDir dir;
  dir.write("stack.json", R"({"Resources": {"Queue": {"Type": "AWS::SQS::Queue"}}})");
  Scenario scenario = loadScenario(dir.write("s.json", R"({"name": "broken", "description": "d",
                             "resources": {"stack": {"template": "stack.json"}}})"));
  stepsim::scenario::ScenarioResult result =
      stepsim::scenario::runScenario(scenario, stepsim::scenario::RunOptions{});
  CHECK_THAT(result.error,
             Catch::Contains("the stack was not made: Queue failed: Resource type AWS::SQS::Queue "
                             "is not supported by stepsim"));
}
