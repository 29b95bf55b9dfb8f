#include "emulator/stepfunctions/test_state/test_request.h"

#include <map>
#include <set>

#include "emulator/core/json_text.h"
#include "emulator/stepfunctions/api/errors.h"
#include "emulator/stepfunctions/definition/compiler.h"
#include "emulator/stepfunctions/definition/json_parse_error.h"

namespace stepsim::sfn {

namespace {

using json = stepsim::Json;

[[noreturn]] void invalidDefinition(const std::vector<Diagnostic>& errors,
                                    std::string_view definition = {}) {
  sfnError("InvalidDefinition", invalidDefinitionMessage(errors, definition));
}

// The states a lone state transitions to (Next, Default, Choices[].Next, Catch[].Next).
std::set<std::string> transitionTargets(const json& state) {
  std::set<std::string> names;
  auto add = [&](const json& node, const char* field) {
    if (!node.is_object()) return;
    if (auto it = node.find(field); it != node.end() && it->is_string())
      names.insert(it->get<std::string>());
  };
  add(state, "Next");
  add(state, "Default");
  for (const char* list : {"Choices", "Catch"})
    if (auto it = state.find(list); it != state.end() && it->is_array())
      for (const json& entry : *it) add(entry, "Next");
  return names;
}

// Compiles a lone state by wrapping it in a machine where each state it names is a placeholder
// Succeed, so its transitions resolve and keep their names. Diagnostics name the state as AWS does
// ("/States/StateName/Next").
std::shared_ptr<const Program> compileLoneState(const std::string& definition,
                                                const std::set<std::string>& variables) {
  json state = core::parseClientJson(definition);
  if (state.is_discarded()) {
    DefinitionParseDiagnostic d = definitionParseDiagnostic(definition);
    invalidDefinition({{d.code, d.message, d.location}});
  }
  if (!state.is_object())
    invalidDefinition({{"SCHEMA_VALIDATION_FAILED", "A state must be an object", "/"}});
  json states = json::object();
  for (const std::string& target : transitionTargets(state))
    states[target] = {{"Type", "Succeed"}};
  states[kTestedStateName] = std::move(state);
  json machine = {{"StartAt", kTestedStateName}, {"States", std::move(states)}};
  CompileResult compiled = compileDefinition(machine.dump(), "STANDARD", variables);
  if (!compiled.program) invalidDefinition(compiled.errors, definition);
  return compiled.program;
}

std::shared_ptr<const Program> compileMachine(const std::string& definition,
                                              const std::set<std::string>& variables) {
  CompileResult compiled = compileDefinition(definition, "STANDARD", variables);
  if (!compiled.program) invalidDefinition(compiled.errors, definition);
  return compiled.program;
}

// The modeled string member `field` parsed as JSON, or nullopt when absent.
std::optional<json> jsonMember(const json& in, const char* field) {
  auto it = in.find(field);
  if (it == in.end() || it->is_null()) return std::nullopt;
  json value = core::parseClientJson(it->get<std::string>());
  if (value.is_discarded()) return json(json::value_t::discarded);
  return value;
}

InspectionLevel inspectionLevel(const json& in) {
  std::string level = in.value("inspectionLevel", "INFO");
  if (level == "TRACE") return InspectionLevel::Trace;
  if (level == "DEBUG") return InspectionLevel::Debug;
  return InspectionLevel::Info;
}

std::optional<TestMock> parseMock(const json& in) {
  auto it = in.find("mock");
  if (it == in.end() || !it->is_object()) return std::nullopt;
  const json& mock = *it;
  bool hasResult = mock.contains("result"), hasError = mock.contains("errorOutput");
  if (hasResult == hasError)
    validationError("A test mock should have only one of the following fields: [result, "
                    "errorOutput].");
  TestMock out;
  if (hasResult) {
    json result = core::parseClientJson(mock["result"].get<std::string>());
    if (result.is_discarded()) validationError("Mocked result must be valid JSON");
    out.result = std::move(result);
    out.resultText = mock["result"].get<std::string>();
  } else {
    const json& error = mock["errorOutput"];
    if (!error.contains("error"))
      validationError("The field 'error' is required when mock.errorOutput is specified");
    out.error = error["error"].get<std::string>();
    out.cause = error.value("cause", "");
  }
  if (in.value("revealSecrets", false))
    validationError("TestState does not support RevealSecrets when a mock is specified.");
  std::string mode = mock.value("fieldValidationMode", "STRICT");
  out.fieldValidation = mode == "NONE"      ? FieldValidationMode::None
                        : mode == "PRESENT" ? FieldValidationMode::Present
                                            : FieldValidationMode::Strict;
  return out;
}

// The context object a test may give: the fields of $$ and nothing else, and a Task token only
// for a state that could have one.
void checkContextObject(const json& context, const State& st) {
  static const std::map<std::string, std::set<std::string>, std::less<>> kFields = {
      {"Execution", {"Id", "Input", "Name", "RoleArn", "StartTime", "RedriveCount", "RedriveTime"}},
      {"State", {"Name", "EnteredTime", "RetryCount"}},
      {"StateMachine", {"Id", "Name"}},
      {"Task", {"Token"}},
      {"Map", {"Item"}}};
  auto refuse = [](const std::string& why) {
    validationError("Invalid Context object provided: " + why);
  };
  for (const auto& [section, value] : context.items()) {
    auto known = kFields.find(section);
    if (known == kFields.end()) refuse("Field '" + section + "' is not allowed");
    if (!value.is_object()) continue;
    for (const auto& [field, member] : value.items())
      if (!known->second.count(field)) refuse("Field '" + field + "' is not allowed");
  }
  bool mayHaveToken = st.type == StateType::Task && st.pattern != IntegrationPattern::RequestResponse;
  if (context.contains("Task") && !mayHaveToken)
    refuse("Context object contains 'Task' when state is not a Task state with a '.sync' or "
           "'.waitForTaskToken' service integration pattern");
}

// What AWS refuses for the state under test, given whether a mock answers for it.
void checkTestable(const State& st, const TestRequest& request) {
  bool mocked = request.mock.has_value();
  bool mockable = st.type == StateType::Task || st.type == StateType::Map ||
                  st.type == StateType::Parallel;
  if (mocked && !mockable)
    validationError(std::string("State type '") + toString(st.type) +
                    "' is not supported when a mock is specified");
  if (mocked && st.type != StateType::Task && request.mock->result &&
      !request.mock->result->is_array())
    validationError("Mocked result must be an array.");
  if (mocked && st.type == StateType::Parallel && request.mock->result &&
      request.mock->result->size() != st.branches.size())
    validationError("Mocked result must contain the same number of items as number of Parallel "
                    "branches.");
  if (mocked && request.mock->result)
    checkMockResult(st, *request.mock->result, request.mock->fieldValidation);
  if (mocked) return;
  if (st.type == StateType::Map || st.type == StateType::Parallel)
    sfnError("InvalidDefinition",
             "TestState API does not support Map or Parallel states. Supported state types "
             "include: [Task, Wait, Pass, Succeed, Fail, Choice]");
  if (st.type != StateType::Task) return;
  if (st.taskKind == TaskKind::Activity)
    sfnError("InvalidDefinition", "TestState API does not support Activity tasks without a mock.");
  if (st.pattern != IntegrationPattern::RequestResponse)
    sfnError("InvalidDefinition",
             "TestState API does not support '.sync' or '.waitForTaskToken' integration patterns "
             "without a mock.");
  if (!request.roleArn) validationError("RoleArn must be specified when testing a Task state");
}

// A state by name anywhere in a machine: its own states, then those of its Map item processors
// and Parallel branches (state names are unique across a definition).
struct NamedState {
  std::shared_ptr<const Program> program;
  int index;
};
std::optional<NamedState> findState(const std::shared_ptr<const Program>& program,
                                    const std::string& name) {
  if (int index = program->find(name); index >= 0) return NamedState{program, index};
  for (const State& st : program->states) {
    if (st.iterator)
      if (auto found = findState(st.iterator, name)) return found;
    for (const auto& branch : st.branches)
      if (auto found = findState(branch, name)) return found;
  }
  return std::nullopt;
}

}  // namespace

TestRequest parseTestRequest(const json& in) {
  TestRequest request;
  request.level = inspectionLevel(in);
  if (auto role = in.find("roleArn"); role != in.end() && role->is_string()) {
    checkRoleArn(role->get<std::string>());
    request.roleArn = role->get<std::string>();
  }
  request.mock = parseMock(in);
  // The variables first: the definition may read them.
  std::set<std::string> variableNames;
  if (std::optional<json> variables = jsonMember(in, "variables")) {
    if (!variables->is_object()) validationError("The variables must be a JSON object");
    for (const auto& [name, value] : variables->items()) variableNames.insert(name);
    request.variables = std::move(*variables);
  }

  const std::string definition = in.at("definition").get<std::string>();
  if (auto name = in.find("stateName"); name != in.end() && name->is_string()) {
    std::optional<NamedState> found =
        findState(compileMachine(definition, variableNames), name->get<std::string>());
    if (!found) validationError("State not found in definition");  // AWS's words
    request.program = std::move(found->program);
    request.state = found->index;
  } else {
    request.program = compileLoneState(definition, variableNames);
    request.state = request.program->find(kTestedStateName);
  }
  checkTestable(request.testedState(), request);

  std::optional<json> input = jsonMember(in, "input");
  if (input && input->is_discarded())
    sfnError("InvalidExecutionInput", invalidExecutionInputMessage(in["input"].get<std::string>()));
  request.input = input ? std::move(*input) : json::object();
  if (input) request.inputText = in["input"].get<std::string>();

  if (std::optional<json> context = jsonMember(in, "context")) {
    if (!request.mock)
      validationError("The context field may only be specified together with a mock");
    if (!context->is_object()) validationError("The context must be a JSON object");
    checkContextObject(*context, request.testedState());
    request.context = std::move(*context);
  }
  if (auto config = in.find("stateConfiguration"); config != in.end() && config->is_object())
    request.retrierRetryCount = config->value("retrierRetryCount", 0);
  return request;
}

}  // namespace stepsim::sfn
