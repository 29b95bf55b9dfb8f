// CreateStateMachine, Describe/List/Update/Delete, DescribeStateMachineForExecution and
// ValidateStateMachineDefinition.
#include <algorithm>

#include "emulator/stepfunctions/api/errors.h"
#include "emulator/stepfunctions/api/handlers.h"
#include "emulator/stepfunctions/api/paging.h"
#include "emulator/stepfunctions/definition/compiler.h"

namespace stepsim::sfn {

namespace {

constexpr std::string_view kMachinePageMagic = "sfn-machines:";

// A revision of the definition and role. The one a machine is created with has no revisionId
// (AWS gives none until the first update); each later one gets a new id.
std::shared_ptr<const Revision> compile(SfnState& s, const std::string& definition,
                                        const std::string& roleArn, const std::string& type,
                                        bool update) {
  CompileResult compiled = compileDefinition(definition, type);
  if (!compiled.program)
    sfnError("InvalidDefinition", invalidDefinitionMessage(compiled.errors, definition));
  auto revision = std::make_shared<Revision>();
  revision->definition = definition;
  revision->roleArn = roleArn;
  if (update) revision->revisionId = s.sim.ids("sfn-revisions").uuid();
  revision->program = std::move(compiled.program);
  return revision;
}

void addRevisionId(json& out, const Revision& revision) {
  if (!revision.revisionId.empty()) out["revisionId"] = revision.revisionId;
}

// A machine, or one of its versions (its own ARN, revision, date and description).
json describe(const StateMachine& m, const MachineVersion* version) {
  const Revision& revision = version ? *version->revision : *m.current;
  json out = {{"stateMachineArn", version ? version->arn : m.arn},
              {"name", m.name},
              {"status", "ACTIVE"},
              {"definition", revision.definition},
              {"roleArn", revision.roleArn},
              {"type", m.type},
              {"creationDate", epochSeconds(version ? version->creationDate : m.creationDate)},
              {"loggingConfiguration", m.loggingConfiguration},
              {"tracingConfiguration", m.tracingConfiguration}};
  addRevisionId(out, revision);
  const std::string& description = version ? version->description : m.description;
  if (!description.empty()) out["description"] = description;
  if (!revision.program->variableReferences.empty())
    out["variableReferences"] = revision.program->variableReferences;
  return out;
}

json defaultLogging() {
  return {{"level", "OFF"}, {"includeExecutionData", false}};
}

// A loggingConfiguration as AWS keeps it: level OFF and no execution data unless given, no empty
// destination list; any level but OFF needs exactly one destination.
json loggingConfiguration(const json& in) {
  json logging = defaultLogging();
  if (in.contains("level")) logging["level"] = in["level"];
  if (in.contains("includeExecutionData")) logging["includeExecutionData"] = in["includeExecutionData"];
  const json destinations = in.value("destinations", json::array());
  if (logging["level"] != "OFF" && destinations.size() != 1)
    sfnError("InvalidLoggingConfiguration",
             "Invalid Logging Configuration: Must specify exactly one Log Destination.");
  if (!destinations.empty()) logging["destinations"] = destinations;
  return logging;
}

}  // namespace

json createStateMachine(SfnState& s, const json& in) {
  std::string name = in.at("name").get<std::string>();
  checkName(name);
  std::string definition = in.at("definition").get<std::string>();
  std::string role = in.at("roleArn").get<std::string>();
  checkRoleArn(role);
  std::string type = in.value("type", "STANDARD");
  std::string versionDescription = versionDescriptionOf(in);
  json logging = loggingConfiguration(in.value("loggingConfiguration", json::object()));
  json tracing = in.value("tracingConfiguration", json{{"enabled", false}});
  std::string arn = s.machineArn(name);
  if (auto it = s.machines.find(arn); it != s.machines.end()) {
    // Idempotent when everything matches, as AWS documents.
    const StateMachine& m = *it->second;
    if (m.current->definition == definition && m.current->roleArn == role && m.type == type &&
        m.loggingConfiguration == logging && m.tracingConfiguration == tracing)
      return {{"stateMachineArn", arn}, {"creationDate", epochSeconds(m.creationDate)}};
    sfnError("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
  }
  auto machine = std::make_unique<StateMachine>();
  machine->name = name;
  machine->arn = arn;
  machine->type = type;
  machine->creationDate = s.sim.now();
  machine->current = compile(s, definition, role, type, false);
  machine->loggingConfiguration = std::move(logging);
  machine->tracingConfiguration = std::move(tracing);
  if (in.contains("tags"))
    for (const json& tag : in["tags"])
      machine->tags[tag.at("key").get<std::string>()] = tag.value("value", "");
  json out = {{"stateMachineArn", arn}, {"creationDate", epochSeconds(machine->creationDate)}};
  if (in.value("publish", false))
    out["stateMachineVersionArn"] = publishVersion(s, *machine, versionDescription).arn;
  s.machines.emplace(arn, std::move(machine));
  return out;
}

json describeStateMachine(SfnState& s, const json& in) {
  // A version's own description; an alias is not a state machine to describe.
  std::string arn = in.at("stateMachineArn").get<std::string>();
  auto [machine, version, alias] = s.machineTarget(arn);
  if (alias) sfnError("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
  return describe(machine, version);
}

json listStateMachines(SfnState& s, const json& in) {
  Page page = readPage(in, kMachinePageMagic);
  std::vector<const StateMachine*> all;
  for (const auto& [arn, m] : s.machines) all.push_back(m.get());
  std::sort(all.begin(), all.end(), [](auto* a, auto* b) { return a->name < b->name; });
  return page.listed("stateMachines", all.size(), [&](std::size_t i) -> json {
    return {{"stateMachineArn", all[i]->arn},
            {"name", all[i]->name},
            {"type", all[i]->type},
            {"creationDate", epochSeconds(all[i]->creationDate)}};
  });
}

json updateStateMachine(SfnState& s, const json& in) {
  StateMachine& m = s.machine(in.at("stateMachineArn").get<std::string>());
  if (!in.contains("definition") && !in.contains("roleArn") &&
      !in.contains("loggingConfiguration") && !in.contains("tracingConfiguration"))
    sfnError("MissingRequiredParameter",
             "Either the definition, the role ARN, the LoggingConfiguration, or the "
             "TracingConfiguration must be specified");
  std::string definition = in.value("definition", m.current->definition);
  std::string role = in.value("roleArn", m.current->roleArn);
  checkRoleArn(role);
  std::string versionDescription = versionDescriptionOf(in);
  // Running executions keep the revision they started with. The same definition and role again
  // is the same revision; the first update of the configuration alone makes the first revision
  // with an id.
  bool same = definition == m.current->definition && role == m.current->roleArn;
  bool configures = in.contains("loggingConfiguration") || in.contains("tracingConfiguration");
  if (!same || (m.current->revisionId.empty() && configures))
    m.current = compile(s, definition, role, m.type, true);
  if (in.contains("loggingConfiguration"))
    m.loggingConfiguration = loggingConfiguration(in["loggingConfiguration"]);
  if (in.contains("tracingConfiguration")) m.tracingConfiguration = in["tracingConfiguration"];
  json out = {{"updateDate", s.nowSeconds()}};
  addRevisionId(out, *m.current);
  if (in.value("publish", false))
    out["stateMachineVersionArn"] = publishVersion(s, m, versionDescription).arn;
  return out;
}

json deleteStateMachine(SfnState& s, const json& in) {
  std::string arn = in.at("stateMachineArn").get<std::string>();
  s.checkStateMachineArn(arn);
  // An unknown machine is not an error (the model lists only InvalidArn and ValidationException).
  // Running executions go on and stay describable; only the machine goes.
  s.machines.erase(arn);
  return json::object();
}

json describeStateMachineForExecution(SfnState& s, const json& in) {
  Execution& e = s.standardExecution(in.at("executionArn").get<std::string>());
  json out = {{"stateMachineArn", e.stateMachineArn},
              {"name", e.stateMachineName},
              {"definition", e.revision->definition},
              {"roleArn", e.revision->roleArn},
              {"updateDate", epochSeconds(e.startDate)},
              {"loggingConfiguration", defaultLogging()},
              {"tracingConfiguration", {{"enabled", false}}}};
  addRevisionId(out, *e.revision);
  if (!e.revision->program->variableReferences.empty())
    out["variableReferences"] = e.revision->program->variableReferences;
  return out;
}

json validateStateMachineDefinition(SfnState& s, const json& in) {
  CompileResult compiled =
      compileDefinition(in.at("definition").get<std::string>(), in.value("type", "STANDARD"));
  json diagnostics = json::array();
  std::size_t limit = static_cast<std::size_t>(in.value("maxResults", 100));
  if (limit == 0) limit = 100;
  for (const Diagnostic& d : compiled.errors) {
    if (diagnostics.size() == limit) break;
    json diagnostic = {{"severity", "ERROR"}, {"code", d.code}, {"message", d.message}};
    if (!d.location.empty()) diagnostic["location"] = d.location;
    diagnostics.push_back(std::move(diagnostic));
  }
  json out = {{"result", compiled.errors.empty() ? "OK" : "FAIL"},
              {"diagnostics", std::move(diagnostics)}};
  if (compiled.errors.size() > limit) out["truncated"] = true;
  else out["truncated"] = false;
  return out;
}

}  // namespace stepsim::sfn
