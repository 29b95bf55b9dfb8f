#include "emulator/scenario/loader.h"

#include <algorithm>
#include <set>
#include <system_error>

#include "emulator/batch/lifecycle_rules.h"
#include "emulator/core/aws_error.h"
#include "emulator/core/json_file.h"
#include "emulator/core/json_location.h"
#include "emulator/core/json_schema.h"
#include "emulator/core/json_text.h"
#include "emulator/core/simulation.h"
#include "emulator/lambda/code_package.h"
#include "emulator/lambda/scripted_responses.h"
#include "emulator/scenario/resource_requests.h"
#include "emulator/scenario/scenario_stack.h"
#include "emulator/stepfunctions/definition/compiler.h"
#include "emulator/stepfunctions/mock_config/mock_config.h"

namespace stepsim::scenario {

namespace fs = std::filesystem;
using json = stepsim::Json;

ScenarioError::ScenarioError(std::string file_, std::string pointer_, int line_, std::string message_)
    : std::runtime_error(file_ + (line_ > 0 ? ":" + std::to_string(line_) : std::string()) + ": " +
                         (pointer_.empty() ? std::string() : pointer_ + ": ") + message_),
      file(std::move(file_)),
      pointer(std::move(pointer_)),
      message(std::move(message_)),
      line(line_) {}

ScenarioError Scenario::error(const std::string& pointer, std::string message) const {
  return ScenarioError(file, pointer, core::lineOfPointer(text, pointer), std::move(message));
}

namespace {

using core::readTextFile;

json parseText(const std::string& file, const std::string& text) {
  std::variant<json, core::JsonTextProblem> parsed = core::parseJsonText(text);
  if (auto* problem = std::get_if<core::JsonTextProblem>(&parsed))
    throw ScenarioError(file, "", problem->line, "not valid JSON: " + problem->message);
  return std::get<json>(std::move(parsed));
}

const core::JsonSchema& scenarioSchema() {
  static const core::JsonSchema schema(json::parse(scenarioSchemaText()));
  return schema;
}

class Loader {
 public:
  explicit Loader(Scenario& s) : s_(s) {}

  void run() {
    const json& doc = s_.doc;
    s_.name = doc["name"];
    s_.seed = doc.value("seed", std::uint64_t{42});
    // The schema allows only the modes' names.
    s_.permissionMode = *iam::parsePermissionMode(doc.value("iam", std::string("off")));
    readClock();
    if (doc.contains("resources")) readResources(doc["resources"]);
    if (doc.contains("mockConfig")) readMockConfig(doc["mockConfig"]);
    if (doc.contains("jobLifecycles")) checkLifecycles(doc["jobLifecycles"]);
    if (doc.contains("lambdaResponses")) checkLambdaResponses(doc["lambdaResponses"]);
    if (doc.contains("timeline")) checkTimeline(doc["timeline"]);
    if (doc.contains("expect")) checkExpectations(doc["expect"]);
  }

 private:
  void readClock() {
    const json clock = s_.doc.value("clock", json::object());
    s_.start = core::SimulationConfig::kDefaultStartTime;
    if (clock.contains("start")) {
      std::optional<core::TimeMs> start = core::parseIso8601(clock["start"].get<std::string>());
      if (!start) throw s_.error("/clock/start", "must be an ISO-8601 instant with a zone, such as 2026-01-01T00:00:00Z");
      s_.start = *start;
    }
    s_.mode = clock.value("mode", "auto") == "manual" ? core::ClockMode::Manual : core::ClockMode::Auto;
    s_.limitMs = static_cast<core::TimeMs>(clock.value("limitSeconds", 31536000.0) * 1000);
  }

  // An API-shaped member: no member the model lacks, and what the model requires of it.
  void checkRequest(const std::string& pointer, const std::string& service, const std::string& operation,
                    const json& request) {
    if (std::optional<RequestProblem> problem = checkAgainstModel(service, operation, request))
      throw s_.error(pointer + problem->pointer, problem->message);
  }

  void readResources(const json& resources) {
    auto each = [&](const char* kind, auto&& fn) {
      if (!resources.contains(kind)) return;
      const json& list = resources[kind];
      for (std::size_t i = 0; i < list.size(); ++i)
        fn(std::string("/resources/") + kind + "/" + std::to_string(i), list[i]);
    };
    if (resources.contains("stack")) {
      StackDeclarations declared;
      s_.stack = readScenarioStack(s_, "/resources/stack", resources["stack"], declared);
      for (const std::string& name : declared.functions) functions_.insert(name);
      for (const std::string& name : declared.stateMachines) machines_.insert(name);
    }
    each("functions", [&](const std::string& p, const json& r) { readFunction(p, r); });
    each("stateMachines", [&](const std::string& p, const json& r) { readStateMachine(p, r); });
    each("activities", [&](const std::string& p, const json& r) {
      declare(activities_, r["name"], p + "/name", "activity");
    });
    // Then every resource as the request that will create it, against the service's model.
    for (const ApiResource& kind : kApiResources)
      each(kind.key, [&](const std::string& p, const json& r) {
        checkRequest(p, kind.service, kind.operation, requestBody(s_, kind, r));
      });
  }

  void declare(std::set<std::string>& names, const json& name, const std::string& pointer,
               const char* what) {
    if (!names.insert(name.get<std::string>()).second)
      throw s_.error(pointer, std::string("a second ") + what + " named '" + name.get<std::string>() + "'");
  }

  void readFunction(const std::string& pointer, const json& function) {
    std::string name = function["FunctionName"];
    declare(functions_, function["FunctionName"], pointer + "/FunctionName", "function");
    if (function.contains("Code") && function["Code"].contains("Path")) {
      std::string relative = function["Code"]["Path"];
      fs::path path = s_.directory / relative;
      std::error_code ec;
      if (fs::is_directory(path, ec)) {
        try {
          s_.packages[name] = lambda::zipDirectory(path);
        } catch (const std::exception& error) {  // what the directory holds, or cannot be read
          throw s_.error(pointer + "/Code/Path", "cannot pack '" + path.string() + "': " + error.what());
        }
      } else if (std::optional<std::string> zip = readTextFile(path)) {
        s_.packages[name] = std::move(*zip);
      } else {
        throw s_.error(pointer + "/Code/Path", "no directory or ZIP file '" + path.string() + "'");
      }
    }
  }

  void readStateMachine(const std::string& pointer, const json& machine) {
    std::string name = machine["name"];
    declare(machines_, machine["name"], pointer + "/name", "state machine");
    std::string type = machine.value("type", "STANDARD");
    s_.definitions[name] = readDefinition(pointer, machine, type);
    std::vector<Scenario::PublishedVersion>& versions = s_.versions[name];
    for (std::size_t i = 0; i < machine.value("versions", json::array()).size(); ++i) {
      const json& version = machine["versions"][i];
      std::string at = pointer + "/versions/" + std::to_string(i);
      versions.push_back({readDefinition(at, version, type), version.value("description", "")});
      // Step Functions answers the same version again for an unchanged revision and description.
      if (i > 0 && versions[i].definition == versions[i - 1].definition &&
          versions[i].description == versions[i - 1].description)
        throw s_.error(at,
                       "publishes what version " + std::to_string(i) +
                           " already holds (same definition and description): Step Functions would "
                           "answer version " +
                           std::to_string(i) + " again");
    }
    std::set<std::string> aliases;
    for (std::size_t i = 0; i < machine.value("aliases", json::array()).size(); ++i) {
      const json& alias = machine["aliases"][i];
      std::string at = pointer + "/aliases/" + std::to_string(i);
      declare(aliases, alias["name"], at + "/name", "alias");
      for (std::size_t r = 0; r < alias["routing"].size(); ++r)
        if (alias["routing"][r]["version"].get<std::size_t>() > versions.size())
          throw s_.error(at + "/routing/" + std::to_string(r) + "/version",
                         "state machine '" + name + "' publishes " +
                             std::to_string(versions.size()) + " version(s)");
    }
    aliases_[name] = std::move(aliases);
  }

  // A definition given as definitionFile or definition (an object or its text), compiled: an
  // invalid one is reported at its line in its own file, or at its place in this one.
  std::string readDefinition(const std::string& pointer, const json& node,
                             const std::string& type) {
    std::string definition, definitionFile = s_.file, definitionPointer;
    std::string fileText;
    if (node.contains("definitionFile")) {
      fs::path path = s_.directory / node["definitionFile"].get<std::string>();
      std::optional<std::string> text = readTextFile(path);
      if (!text) throw s_.error(pointer + "/definitionFile", "cannot read '" + path.string() + "'");
      definition = *text;
      definitionFile = path.string();
      fileText = *text;
    } else if (node["definition"].is_string()) {
      definition = node["definition"];
      definitionPointer = pointer + "/definition";
    } else {
      definition = node["definition"].dump();
      definitionPointer = pointer + "/definition";
    }
    sfn::CompileResult compiled = sfn::compileDefinition(definition, type);
    if (!compiled.program) {
      const sfn::Diagnostic& first = compiled.errors.front();
      std::string message = "invalid definition: " + sfn::invalidDefinitionMessage(compiled.errors);
      if (!fileText.empty())
        throw ScenarioError(definitionFile, first.location,
                            core::lineOfPointer(fileText, first.location), message + " (used at " +
                                s_.file + " " + pointer + ")");
      // An inline string definition has no lines of its own in the scenario.
      std::string at =
          node["definition"].is_string() ? definitionPointer : definitionPointer + first.location;
      throw s_.error(at, message);
    }
    return definition;
  }

  void readMockConfig(const json& config) {
    if (config.is_object()) {
      try {
        s_.mockConfig = std::make_shared<const sfn::MockConfig>(sfn::parseMockConfig(config));
      } catch (const sfn::MockConfigError& error) {
        throw s_.error("/mockConfig" + error.pointer, error.message);
      }
      return;
    }
    fs::path path = s_.directory / config.get<std::string>();
    if (!readTextFile(path)) throw s_.error("/mockConfig", "cannot read '" + path.string() + "'");
    try {
      s_.mockConfig = std::make_shared<const sfn::MockConfig>(sfn::loadMockConfigFile(path.string()));
    } catch (const sfn::MockConfigError& error) {
      throw ScenarioError(path.string(), error.pointer, error.line,
                          error.message + " (the mock config of " + s_.file + ")");
    }
  }

  void checkLifecycles(const json& rules) {
    batch::LifecycleRules scratch;
    try {
      scratch.add({{"rules", rules}});
    } catch (const core::AwsError& error) {
      throw s_.error("/jobLifecycles", error.message);
    }
  }

  void checkLambdaResponses(const json& scripts) {
    for (auto it = scripts.begin(); it != scripts.end(); ++it) {
      std::string pointer = core::appendPointer("/lambdaResponses", it.key());
      if (!functions_.count(it.key()))
        throw s_.error(pointer, "no function '" + it.key() + "' in resources.functions");
      try {
        lambda::parseScriptedResponses({{"functionName", it.key()}, {"responses", it.value()}});
      } catch (const core::AwsError& error) {
        throw s_.error(pointer, error.message);
      }
    }
  }

  void requireDeclared(const std::set<std::string>& names, const json& name, const std::string& pointer,
                       const char* what, const char* where) {
    if (!names.count(name.get<std::string>()))
      throw s_.error(pointer, std::string("no ") + what + " '" + name.get<std::string>() + "' " + where);
  }

  void checkTimeline(const json& timeline) {
    json previous = 0;
    for (std::size_t i = 0; i < timeline.size(); ++i) {
      const json& action = timeline[i];
      std::string p = "/timeline/" + std::to_string(i);
      double at = action["at"].get<double>();
      if (at < previous.get<double>())
        throw s_.error(p + "/at", "actions must be in time order (" + action["at"].dump() +
                                      " comes after an action at " + previous.dump() + ")");
      if (static_cast<core::TimeMs>(at * 1000) > s_.limitMs)
        throw s_.error(p + "/at", "is after the clock's limitSeconds");
      previous = action["at"];
      if (auto it = action.find("startExecution"); it != action.end()) {
        requireDeclared(machines_, (*it)["stateMachine"], p + "/startExecution/stateMachine",
                        "state machine", "in resources.stateMachines or resources.stack");
        if (it->contains("name")) declare(executions_, (*it)["name"], p + "/startExecution/name", "execution");
        if (it->contains("testCase")) checkTestCase((*it)["stateMachine"], (*it)["testCase"], p + "/startExecution/testCase");
        checkQualifier(*it, p + "/startExecution");
      }
      if (auto it = action.find("submitJob"); it != action.end())
        checkRequest(p + "/submitJob", "batch", "SubmitJob", *it);
      if (auto it = action.find("invokeFunction"); it != action.end())
        requireDeclared(functions_, (*it)["functionName"], p + "/invokeFunction/functionName",
                        "function", "in resources.functions or resources.stack");
      for (const char* kind : {"sendTaskSuccess", "sendTaskFailure", "sendTaskHeartbeat"}) {
        auto it = action.find(kind);
        if (it == action.end()) continue;
        if (it->contains("activity"))
          requireDeclared(activities_, (*it)["activity"], p + "/" + kind + "/activity", "activity",
                          "in resources.activities");
        if (it->contains("execution"))
          requireDeclared(executions_, (*it)["execution"], p + "/" + kind + "/execution", "execution",
                          "started earlier in the timeline");
      }
      if (auto it = action.find("stopExecution"); it != action.end())
        requireDeclared(executions_, (*it)["execution"], p + "/stopExecution/execution", "execution",
                        "started earlier in the timeline");
    }
  }

  // A start on a version or an alias: one the state machine publishes or has.
  void checkQualifier(const json& start, const std::string& pointer) {
    std::string machine = start["stateMachine"];
    if (start.contains("version") + start.contains("alias") + start.contains("testCase") > 1)
      throw s_.error(pointer, "names at most one of version, alias and testCase");
    if (start.contains("version") &&
        start["version"].get<std::size_t>() > s_.versions[machine].size())
      throw s_.error(pointer + "/version", "state machine '" + machine + "' publishes " +
                                               std::to_string(s_.versions[machine].size()) +
                                               " version(s)");
    if (start.contains("alias") && !aliases_[machine].count(start["alias"].get<std::string>()))
      throw s_.error(pointer + "/alias", "state machine '" + machine + "' has no alias '" +
                                             start["alias"].get<std::string>() + "'");
  }

  void checkTestCase(const json& machine, const json& testCase, const std::string& pointer) {
    if (!s_.mockConfig) throw s_.error(pointer, "a testCase needs a mockConfig");
    if (!s_.mockConfig->testCase(machine.get<std::string>(), testCase.get<std::string>()))
      throw s_.error(pointer, "the mock config has no test case '" + testCase.get<std::string>() +
                                  "' for state machine '" + machine.get<std::string>() + "'");
  }

  void checkExpectations(const json& expect) {
    if (expect.contains("executions"))
      for (auto it = expect["executions"].begin(); it != expect["executions"].end(); ++it)
        requireDeclared(executions_, it.key(), core::appendPointer("/expect/executions", it.key()),
                        "execution", "started (with a name) in the timeline");
    if (expect.contains("functions"))
      for (auto it = expect["functions"].begin(); it != expect["functions"].end(); ++it)
        requireDeclared(functions_, it.key(), core::appendPointer("/expect/functions", it.key()),
                        "function", "in resources.functions or resources.stack");
  }

  Scenario& s_;
  std::set<std::string> functions_, machines_, activities_, executions_;
  std::map<std::string, std::set<std::string>> aliases_;  // by state machine name
};

}  // namespace

JsonFileKind classifyJsonFile(const std::string& path, std::string_view text) {
  constexpr std::string_view kDefinitionSuffix = ".asl.json";
  if (path.size() > kDefinitionSuffix.size() &&
      path.compare(path.size() - kDefinitionSuffix.size(), kDefinitionSuffix.size(), kDefinitionSuffix) == 0)
    return JsonFileKind::Definition;
  json doc = core::parseClientJson(text);
  if (!doc.is_object()) return JsonFileKind::Scenario;
  if (doc.contains("States")) return JsonFileKind::Definition;
  if (doc.contains("MockedResponses")) return JsonFileKind::MockConfig;
  if (doc.contains("$defs")) return JsonFileKind::Schema;
  return JsonFileKind::Scenario;
}

std::vector<std::string> jsonFilesUnder(const std::string& directory) {
  std::vector<std::string> found;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(directory, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".json") found.push_back(entry.path().string());
  std::sort(found.begin(), found.end());
  return found;
}

Scenario loadScenario(const std::string& file) {
  std::optional<std::string> text = readTextFile(file);
  if (!text) throw ScenarioError(file, "", 0, "cannot read the file");
  return loadScenarioText(file, std::move(*text), fs::path(file).parent_path());
}

Scenario loadScenarioText(std::string name, std::string text, std::filesystem::path directory) {
  Scenario s;
  s.file = std::move(name);
  s.directory = std::move(directory);
  s.text = std::move(text);
  s.doc = parseText(s.file, s.text);
  std::vector<core::SchemaProblem> problems = scenarioSchema().check(s.doc, 1);
  if (!problems.empty()) throw s.error(problems.front().pointer, problems.front().message);
  Loader(s).run();
  return s;
}

std::vector<std::string> findScenarioFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      for (const std::string& file : jsonFilesUnder(path))
        if (classifyJsonFile(file, readTextFile(file).value_or("")) == JsonFileKind::Scenario)
          files.push_back(file);
    } else if (fs::exists(path, ec)) {
      files.push_back(path);
    } else {
      throw ScenarioError(path, "", 0, "no such file or directory");
    }
  }
  return files;
}

}  // namespace stepsim::scenario
