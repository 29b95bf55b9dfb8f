#include "emulator/stepfunctions/definition/compiler.h"

#include <cctype>
#include <cmath>
#include <deque>
#include <functional>
#include <optional>
#include <set>

#include "emulator/core/json_text.h"
#include "emulator/core/python_repr.h"
#include "emulator/core/utf8.h"
#include "emulator/stepfunctions/asl/errors.h"
#include "emulator/stepfunctions/definition/express_rules.h"
#include "emulator/stepfunctions/definition/json_parse_error.h"
#include "emulator/stepfunctions/definition/query_language.h"
#include "emulator/stepfunctions/definition/task_resources.h"
#include "emulator/stepfunctions/definition/variable_scopes.h"

namespace stepsim::sfn {

using json = stepsim::Json;

const char* toString(StateType type) {
  switch (type) {
    case StateType::Pass: return "Pass";
    case StateType::Task: return "Task";
    case StateType::Choice: return "Choice";
    case StateType::Wait: return "Wait";
    case StateType::Succeed: return "Succeed";
    case StateType::Fail: return "Fail";
    case StateType::Parallel: return "Parallel";
    case StateType::Map: return "Map";
  }
  return "Pass";
}

int Program::find(std::string_view name) const {
  for (std::size_t i = 0; i < states.size(); ++i)
    if (states[i].name == name) return static_cast<int>(i);
  return -1;
}

namespace {

constexpr std::string_view kSchema = "SCHEMA_VALIDATION_FAILED";
constexpr std::string_view kMissingTarget = "MISSING_TRANSITION_TARGET";
constexpr std::string_view kDuplicateName = "DUPLICATE_STATE_NAME";

// Why a Distributed Map's Label is refused: empty, over 40 characters, or holding whitespace,
// brackets, wildcards, punctuation AWS reserves, or a control character.
std::optional<std::string> labelProblem(std::string_view label) {
  if (label.empty()) return "Label cannot be empty";
  if (core::utf8Length(label) > 40) return "Label cannot exceed 40 characters";
  constexpr std::u32string_view kForbidden = U" ?*<>{}[]:;,\\|^~$#%&`\"";
  std::optional<std::string> problem;
  core::forEachCodePoint(label, [&](char32_t cp, std::string_view bytes) {
    bool control = cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
    if (!problem && (control || kForbidden.find(cp) != std::u32string_view::npos))
      problem = "Label contains invalid character: " + core::pythonRepr(bytes);
  });
  return problem;
}

// The largest integer the time fields accept (AWS: 99999999).
constexpr double kMaxSeconds = 99999999;

const std::map<std::string, StateType, std::less<>>& stateTypes() {
  static const std::map<std::string, StateType, std::less<>> types = {
      {"Pass", StateType::Pass},         {"Task", StateType::Task},
      {"Choice", StateType::Choice},     {"Wait", StateType::Wait},
      {"Succeed", StateType::Succeed},   {"Fail", StateType::Fail},
      {"Parallel", StateType::Parallel}, {"Map", StateType::Map}};
  return types;
}

// The fields each state type allows (beyond Type, Comment).
const std::set<std::string, std::less<>>& allowedFields(StateType type) {
  static const std::map<StateType, std::set<std::string, std::less<>>> fields = {
      {StateType::Pass,
       {"Next", "End", "InputPath", "OutputPath", "Parameters", "ResultPath", "Result",
        "QueryLanguage", "Assign", "Output"}},
      {StateType::Task,
       {"Next", "End", "InputPath", "OutputPath", "Parameters", "ResultPath", "ResultSelector",
        "Resource", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds",
        "HeartbeatSecondsPath", "Retry", "Catch", "Credentials", "QueryLanguage", "Assign",
        "Output", "Arguments"}},
      {StateType::Choice,
       {"Choices", "Default", "InputPath", "OutputPath", "QueryLanguage", "Assign", "Output"}},
      {StateType::Wait,
       {"Next", "End", "InputPath", "OutputPath", "Seconds", "SecondsPath", "Timestamp",
        "TimestampPath", "QueryLanguage", "Assign", "Output"}},
      {StateType::Succeed, {"InputPath", "OutputPath", "QueryLanguage", "Output"}},
      {StateType::Fail, {"Error", "Cause", "ErrorPath", "CausePath", "QueryLanguage"}},
      {StateType::Parallel,
       {"Next", "End", "InputPath", "OutputPath", "Parameters", "ResultPath", "ResultSelector",
        "Branches", "Retry", "Catch", "QueryLanguage", "Assign", "Output", "Arguments"}},
      {StateType::Map,
       {"Next", "End", "InputPath", "OutputPath", "Parameters", "ItemSelector", "ResultPath",
        "ResultSelector", "Iterator", "ItemProcessor", "ItemsPath", "MaxConcurrency",
        "QueryLanguage", "Assign", "Output", "Items",
        "MaxConcurrencyPath", "Retry", "Catch", "Label", "ItemReader", "ItemBatcher",
        "ResultWriter", "ToleratedFailureCount", "ToleratedFailureCountPath",
        "ToleratedFailurePercentage", "ToleratedFailurePercentagePath"}},
  };
  return fields.at(type);
}

std::string escapePointer(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

class Compiler {
 public:
  std::vector<Diagnostic> errors;
  std::map<const State*, StateVariables> variables;  // every state's, for the scope checks

  void error(std::string_view code, std::string message, std::string location) {
    errors.push_back({std::string(code), std::move(message), std::move(location)});
  }

  // A state machine or a branch / item processor: {StartAt, States, ...}.
  std::shared_ptr<Program> machine(const json& node, const std::string& at, bool topLevel) {
    auto program = std::make_shared<Program>();
    if (!node.is_object()) {
      error(kSchema, "Expected an object", at.empty() ? "/" : at);
      return program;
    }
    static const std::set<std::string, std::less<>> top = {"Comment", "StartAt", "States",
                                                           "TimeoutSeconds", "Version",
                                                           "QueryLanguage"};
    static const std::set<std::string, std::less<>> nested = {"Comment", "StartAt", "States",
                                                              "ProcessorConfig", "QueryLanguage"};
    for (const auto& [key, value] : node.items())
      if (!(topLevel ? top : nested).count(key))
        error(kSchema, "The field \"" + key + "\" is not supported by Step Functions", at.empty() ? "/" : at);
    // A nested machine (branch, item processor) inherits the machine's language; its states
    // inherit its own.
    QueryLanguage outer = language_;
    language_ = queryLanguageOf(node, language_, topLevel, at, schemaError());
    struct Restore {
      QueryLanguage& language;
      QueryLanguage saved;
      ~Restore() { language = saved; }
    } restore{language_, outer};
    if (topLevel) {
      if (auto v = node.find("Version"); v != node.end() && *v != "1.0")
        error(kSchema, "The value for the field 'Version' must be \"1.0\"", at + "/Version");
      if (auto t = node.find("TimeoutSeconds"); t != node.end()) {
        if (auto seconds = positiveInt(*t, at + "/TimeoutSeconds", "TimeoutSeconds"))
          program->timeoutSeconds = *seconds;
      }
    }
    auto states = node.find("States");
    auto startAt = node.find("StartAt");
    if (startAt == node.end() || states == node.end()) {
      std::string missing = startAt == node.end() && states == node.end() ? "[States, StartAt]"
                            : startAt == node.end()                      ? "[StartAt]"
                                                                         : "[States]";
      error(kSchema, "These fields are required: " + missing, at.empty() ? "/" : at);
      return program;
    }
    if (!states->is_object() || states->empty()) {
      error(kSchema, "The field 'States' must be a non-empty object", at + "/States");
      return program;
    }
    // Indices first, so transitions resolve whatever the order. Names are registered before the
    // nested machines are compiled, so a clash is reported at the nested (later) occurrence.
    for (const auto& [name, value] : states->items()) {
      State st;
      st.name = name;
      program->states.push_back(std::move(st));
      claimStateName(name, at + "/States/" + escapePointer(name));
    }
    if (!startAt->is_string()) {
      error(kSchema, "The value for the field 'StartAt' must be a STRING", at + "/StartAt");
    } else {
      program->startAt = program->find(startAt->get<std::string>());
      if (program->startAt < 0) {
        error(kMissingTarget, "Missing 'Next' target: " + startAt->get<std::string>(),
              at + "/StartAt");
        program->startAt = 0;
      }
    }
    std::size_t index = 0;
    for (const auto& [name, value] : states->items()) {
      std::string where = at + "/States/" + escapePointer(name);
      if (name.empty() || name.size() > 80)
        error(kSchema, "State names must be 1-80 characters", where);
      program->states[index].readsContext = mentionsContext(value);
      state(*program, program->states[index++], value, where);
    }
    reachability(*program, at);
    return program;
  }

 private:
  // True when some string in the state (a path, a template value, an intrinsic argument) contains
  // "$$": the interpreter builds the context object only for such states. Over-approximates
  // (a literal "$$" in a Result counts), which only costs time.
  // Whether a JSONata state may read $states.context: any `$states` other than `$states.input`,
  // `$states.result` or `$states.errorOutput` (`$states.context`, `$keys($states)`, ...). The
  // context object is rebuilt for every state that reads it, so the others skip it.
  static bool mentionsStatesContext(const json& value) {
    if (value.is_structured()) {
      for (const json& member : value)
        if (mentionsStatesContext(member)) return true;
      return false;
    }
    if (!value.is_string()) return false;
    static constexpr std::string_view kStates = "$states";
    static constexpr std::string_view kWithoutContext[] = {".input", ".result", ".errorOutput"};
    std::string_view text = value.get_ref<const std::string&>();
    for (std::size_t at = text.find(kStates); at != std::string_view::npos; at = text.find(kStates, at + 1)) {
      std::string_view rest = text.substr(at + kStates.size());
      bool safe = false;
      for (std::string_view member : kWithoutContext)
        if (rest.substr(0, member.size()) == member) {
          char after = rest.size() > member.size() ? rest[member.size()] : ' ';
          safe = !(std::isalnum(static_cast<unsigned char>(after)) || after == '_' || after == '$');
        }
      bool longerName = !rest.empty() && (std::isalnum(static_cast<unsigned char>(rest[0])) || rest[0] == '_');
      if (!safe && !longerName) return true;
    }
    return false;
  }

  static bool mentionsContext(const json& value) {
    if (value.is_string()) return value.get_ref<const std::string&>().find("$$") != std::string::npos;
    if (value.is_structured())
      for (const json& member : value)
        if (mentionsContext(member)) return true;
    return false;
  }

  // State names are unique across the whole state machine, branches and item processors included
  // (AWS: "DUPLICATE_STATE_NAME: Duplicate State name: X at /States/...", the diagnostic that
  // ValidateStateMachineDefinition documents as "The same state name appears more than once").
  void claimStateName(const std::string& name, std::string where) {
    if (!stateNames_.insert(name).second)
      error(kDuplicateName, "Duplicate State name: " + name, std::move(where));
  }

  std::set<std::string, std::less<>> stateNames_;  // every state name met so far
  QueryLanguage language_ = QueryLanguage::JSONPath;  // of the machine being compiled

  SchemaError schemaError() {
    return [this](std::string message, std::string location) {
      error(kSchema, std::move(message), std::move(location));
    };
  }

  // ---- field helpers -----------------------------------------------------------------------

  std::optional<int> positiveInt(const json& v, const std::string& at, std::string_view field,
                                 bool allowZero = false) {
    if (!v.is_number_integer() || v.get<long long>() < (allowZero ? 0 : 1) ||
        v.get<double>() > kMaxSeconds) {
      error(kSchema,
            "The value for the field '" + std::string(field) + "' must be " +
                (allowZero ? "a non-negative" : "a positive") + " integer no larger than 99999999",
            at);
      return std::nullopt;
    }
    return static_cast<int>(v.get<long long>());
  }

  std::optional<std::string> string(const json& node, std::string_view field, const std::string& at) {
    auto it = node.find(field);
    if (it == node.end()) return std::nullopt;
    if (!it->is_string()) {
      error(kSchema, "The value for the field '" + std::string(field) + "' must be a STRING",
            at + "/" + std::string(field));
      return std::nullopt;
    }
    return it->get<std::string>();
  }

  template <class T, class Parse>
  std::optional<T> parsed(const json& node, std::string_view field, const std::string& at,
                          Parse parse, std::string_view what) {
    auto text = string(node, field, at);
    if (!text) return std::nullopt;
    try {
      return parse(*text);
    } catch (const AslSyntaxError& e) {
      error(kSchema,
            "The value for the field '" + std::string(field) + "' must be " + std::string(what) +
                ": " + e.what(),
            at + "/" + std::string(field));
    }
    return std::nullopt;
  }

  std::optional<JsonPath> path(const json& node, std::string_view field, const std::string& at) {
    return parsed<JsonPath>(node, field, at, [](const std::string& t) { return JsonPath::parse(t); },
                            "a valid JSONPath");
  }
  std::optional<JsonPath> referencePath(const json& node, std::string_view field,
                                        const std::string& at) {
    return parsed<JsonPath>(node, field, at,
                            [](const std::string& t) { return parseReferencePath(t); },
                            "a valid Reference Path");
  }

  PathFilter pathFilter(const json& node, std::string_view field, const std::string& at) {
    PathFilter filter;
    auto it = node.find(field);
    if (it == node.end()) return filter;
    if (it->is_null()) {
      filter.kind = PathFilter::Empty;
      return filter;
    }
    if (auto p = path(node, field, at)) {
      filter.kind = PathFilter::Path;
      filter.path = std::move(p);
    }
    return filter;
  }

  ResultPathSpec resultPath(const json& node, const std::string& at) {
    ResultPathSpec spec;
    auto it = node.find("ResultPath");
    if (it == node.end()) return spec;
    if (it->is_null()) {
      spec.kind = ResultPathSpec::Discard;
      return spec;
    }
    if (auto p = referencePath(node, "ResultPath", at)) {
      if (p->isContext() || p->isVariable()) {  // the result goes into the state input
        error(kSchema, "The value for the field 'ResultPath' must be a valid Reference Path into "
                       "the state input, not the context object ($$)",
              at + "/ResultPath");
        return spec;
      }
      if (p->text() == "$") return spec;
      spec.kind = ResultPathSpec::Path;
      spec.path = std::move(p);
    }
    return spec;
  }

  std::optional<PayloadTemplate> payload(const json& node, std::string_view field,
                                         const std::string& at) {
    auto it = node.find(field);
    if (it == node.end()) return std::nullopt;
    try {
      return PayloadTemplate::parse(*it);
    } catch (const AslSyntaxError& e) {
      error(kSchema, e.what(), at + "/" + std::string(field));
    }
    return std::nullopt;
  }

  int target(const Program& program, const json& node, std::string_view field,
             const std::string& at) {
    auto name = string(node, field, at);
    if (!name) return -1;
    int index = program.find(*name);
    if (index < 0)
      error(kMissingTarget, "Missing '" + std::string(field) + "' target: " + *name,
            at + "/" + std::string(field));
    return index;
  }

  // ---- states -------------------------------------------------------------------------------

  void state(Program& program, State& st, const json& node, const std::string& at) {
    if (!node.is_object()) {
      error(kSchema, "A state must be an object", at);
      return;
    }
    auto type = node.find("Type");
    if (type == node.end()) {
      error(kSchema, "These fields are required: [Type]", at);
      return;
    }
    auto known = type->is_string() ? stateTypes().find(type->get<std::string>())
                                   : stateTypes().end();
    if (known == stateTypes().end()) {
      error(kSchema, "The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, "
                     "Fail, Choice, Parallel, Map]",
            at + "/Type");
      return;
    }
    st.type = known->second;
    const auto& allowed = allowedFields(st.type);
    for (const auto& [key, value] : node.items())
      if (key != "Type" && key != "Comment" && !allowed.count(key))
        error(kSchema, "The field \"" + key + "\" is not supported by Step Functions", at);
    if (auto comment = string(node, "Comment", at)) st.comment = *comment;

    st.queryLanguage = queryLanguageOf(node, language_, false, at, schemaError());
    checkFieldLanguages(node, st.queryLanguage, at, schemaError());
    st.assignOutput = compileAssignAndOutput(node, st.queryLanguage, at, schemaError());
    if (st.queryLanguage == QueryLanguage::JSONata) {
      st.readsContext = mentionsStatesContext(node);
      st.jsonata = compileJsonataFields(node, st.type, at, schemaError());
    }
    transitions(program, st, node, at);
    st.inputPath = pathFilter(node, "InputPath", at);
    st.outputPath = pathFilter(node, "OutputPath", at);
    st.resultPath = resultPath(node, at);
    if (st.queryLanguage == QueryLanguage::JSONPath)
      st.parameters =
          payload(node, node.contains("ItemSelector") ? "ItemSelector" : "Parameters", at);
    if (node.contains("ItemSelector") && node.contains("Parameters"))
      error(kSchema, "ItemSelector and Parameters cannot both be used", at);
    st.resultSelector = payload(node, "ResultSelector", at);
    retriesAndCatches(program, st, node, at);

    switch (st.type) {
      case StateType::Pass:
        if (auto r = node.find("Result"); r != node.end()) st.result = *r;
        break;
      case StateType::Task: task(st, node, at); break;
      case StateType::Choice: choice(program, st, node, at); break;
      case StateType::Wait: wait(st, node, at); break;
      case StateType::Fail: fail(st, node, at); break;
      case StateType::Parallel: parallel(st, node, at); break;
      case StateType::Map: map(st, node, at); break;
      case StateType::Succeed: break;
    }
    variables[&st] = stateVariables(st, node, at);
  }

  void transitions(Program& program, State& st, const json& node, const std::string& at) {
    bool terminal = st.type == StateType::Choice || st.type == StateType::Succeed ||
                    st.type == StateType::Fail;
    if (terminal) return;
    auto end = node.find("End");
    bool hasEnd = end != node.end();
    if (hasEnd && !end->is_boolean())
      error(kSchema, "The value for the field 'End' must be a BOOLEAN", at + "/End");
    st.end = hasEnd && end->is_boolean() && end->get<bool>();
    bool hasNext = node.contains("Next");
    if (hasNext && st.end) {
      error(kSchema, "Only one of these fields may be set: [Next, End]", at);
    } else if (!hasNext && !st.end) {
      error(kSchema, "Exactly one of these fields is required: [Next, End]", at);
    } else if (hasNext) {
      st.next = target(program, node, "Next", at);
    }
  }

  std::vector<std::string> errorEquals(const json& node, const std::string& at) {
    std::vector<std::string> names;
    auto it = node.find("ErrorEquals");
    if (it == node.end() || !it->is_array() || it->empty()) {
      error(kSchema, "The field 'ErrorEquals' must be a non-empty array of strings", at);
      return names;
    }
    for (const json& name : *it) {
      if (!name.is_string()) {
        error(kSchema, "The field 'ErrorEquals' must be a non-empty array of strings",
              at + "/ErrorEquals");
        continue;
      }
      names.push_back(name.get<std::string>());
    }
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == "States.ALL" && names.size() > 1)
        error(kSchema, "Error name 'States.ALL' must appear alone in ErrorEquals",
              at + "/ErrorEquals");
    return names;
  }

  void retriesAndCatches(Program& program, State& st, const json& node, const std::string& at) {
    if (auto retry = node.find("Retry"); retry != node.end()) {
      if (!retry->is_array()) {
        error(kSchema, "The field 'Retry' must be an array", at + "/Retry");
      } else {
        for (std::size_t i = 0; i < retry->size(); ++i) {
          std::string where = at + "/Retry[" + std::to_string(i) + "]";
          const json& r = (*retry)[i];
          if (!r.is_object()) {
            error(kSchema, "A Retrier must be an object", where);
            continue;
          }
          Retrier retrier;
          retrier.errorEquals = errorEquals(r, where);
          static const std::set<std::string, std::less<>> fields = {
              "ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds",
              "JitterStrategy", "Comment"};
          for (const auto& [key, value] : r.items())
            if (!fields.count(key))
              error(kSchema, "The field \"" + key + "\" is not supported by Step Functions", where);
          if (auto v = r.find("IntervalSeconds"); v != r.end())
            if (auto s = positiveInt(*v, where + "/IntervalSeconds", "IntervalSeconds"))
              retrier.intervalSeconds = *s;
          if (auto v = r.find("MaxAttempts"); v != r.end())
            if (auto s = positiveInt(*v, where + "/MaxAttempts", "MaxAttempts", true))
              retrier.maxAttempts = *s;
          if (auto v = r.find("BackoffRate"); v != r.end()) {
            if (!v->is_number() || v->get<double>() < 1.0)
              error(kSchema, "The value for the field 'BackoffRate' must be a number >= 1.0",
                    where + "/BackoffRate");
            else
              retrier.backoffRate = v->get<double>();
          }
          if (auto v = r.find("MaxDelaySeconds"); v != r.end())
            if (auto s = positiveInt(*v, where + "/MaxDelaySeconds", "MaxDelaySeconds"))
              retrier.maxDelaySeconds = *s;
          if (auto v = r.find("JitterStrategy"); v != r.end()) {
            if (*v == "FULL") retrier.fullJitter = true;
            else if (*v != "NONE")
              error(kSchema, "The value for the field 'JitterStrategy' must be FULL or NONE",
                    where + "/JitterStrategy");
          }
          st.retry.push_back(std::move(retrier));
        }
        checkAllIsLast(st.retry, at + "/Retry");
      }
    }
    if (auto catches = node.find("Catch"); catches != node.end()) {
      if (!catches->is_array()) {
        error(kSchema, "The field 'Catch' must be an array", at + "/Catch");
      } else {
        for (std::size_t i = 0; i < catches->size(); ++i) {
          std::string where = at + "/Catch[" + std::to_string(i) + "]";
          const json& c = (*catches)[i];
          if (!c.is_object()) {
            error(kSchema, "A Catcher must be an object", where);
            continue;
          }
          Catcher catcher;
          catcher.errorEquals = errorEquals(c, where);
          static const std::set<std::string, std::less<>> fields = {
              "ErrorEquals", "Next", "ResultPath", "Comment", "Assign", "Output"};
          for (const auto& [key, value] : c.items())
            if (!fields.count(key))
              error(kSchema, "The field \"" + key + "\" is not supported by Step Functions", where);
          checkFieldLanguages(c, st.queryLanguage, where, schemaError());
          if (!c.contains("Next")) error(kSchema, "These fields are required: [Next]", where);
          else catcher.next = target(program, c, "Next", where);
          catcher.resultPath = resultPath(c, where);
          catcher.assignOutput = compileAssignAndOutput(c, st.queryLanguage, where, schemaError());
          st.catches.push_back(std::move(catcher));
        }
        checkAllIsLast(st.catches, at + "/Catch");
      }
    }
  }

  template <class T>
  void checkAllIsLast(const std::vector<T>& items, const std::string& at) {
    for (std::size_t i = 0; i + 1 < items.size(); ++i)
      for (const std::string& name : items[i].errorEquals)
        if (name == "States.ALL")
          error(kSchema, "'States.ALL' must appear in the last element only",
                at + "[" + std::to_string(i) + "]/ErrorEquals");
  }

  void task(State& st, const json& node, const std::string& at) {
    auto resource = string(node, "Resource", at);
    if (!resource) {
      if (!node.contains("Resource")) error(kSchema, "These fields are required: [Resource]", at);
      return;
    }
    st.resource = *resource;
    TaskResourceCheck check = classifyTaskResource(*resource);
    if (!check.resource) {
      error(kSchema, check.error, at + "/Resource");
    } else {
      st.taskKind = check.resource->kind;
      st.pattern = check.resource->pattern;
      st.sdkService = check.resource->sdkService;
      st.sdkAction = check.resource->sdkAction;
    }
    if (node.contains("TimeoutSeconds") && node.contains("TimeoutSecondsPath"))
      error(kSchema, "Only one of these fields may be set: [TimeoutSeconds, TimeoutSecondsPath]", at);
    if (node.contains("HeartbeatSeconds") && node.contains("HeartbeatSecondsPath"))
      error(kSchema, "Only one of these fields may be set: [HeartbeatSeconds, HeartbeatSecondsPath]",
            at);
    if (auto v = node.find("TimeoutSeconds");
        v != node.end() && !isJsonataValue(st, node, "TimeoutSeconds"))
      st.timeoutSeconds = positiveInt(*v, at + "/TimeoutSeconds", "TimeoutSeconds");
    if (auto v = node.find("HeartbeatSeconds");
        v != node.end() && !isJsonataValue(st, node, "HeartbeatSeconds"))
      st.heartbeatSeconds = positiveInt(*v, at + "/HeartbeatSeconds", "HeartbeatSeconds");
    st.timeoutSecondsPath = referencePath(node, "TimeoutSecondsPath", at);
    st.heartbeatSecondsPath = referencePath(node, "HeartbeatSecondsPath", at);
    if (st.timeoutSeconds && st.heartbeatSeconds && *st.heartbeatSeconds >= *st.timeoutSeconds)
      error(kSchema, "HeartbeatSeconds must be smaller than TimeoutSeconds", at + "/HeartbeatSeconds");
    credentials(node, at);
  }

  // Credentials: the role the task assumes, as RoleArn (or RoleArn.$ in JSONPath states).
  void credentials(const json& node, const std::string& at) {
    auto it = node.find("Credentials");
    if (it == node.end()) return;
    std::string where = at + "/Credentials";
    if (!it->is_object()) return error(kSchema, "The field 'Credentials' must be an object", where);
    if (!it->contains("RoleArn") && !it->contains("RoleArn.$"))
      error(kSchema, "The field 'RoleArn' is required but was missing", where);
  }

  void choice(Program& program, State& st, const json& node, const std::string& at) {
    auto choices = node.find("Choices");
    if (choices == node.end() || !choices->is_array() || choices->empty()) {
      error(kSchema, "The field 'Choices' must be a non-empty array", at + "/Choices");
    } else {
      for (std::size_t i = 0; i < choices->size(); ++i) {
        std::string where = at + "/Choices[" + std::to_string(i) + "]";
        const json& rule = (*choices)[i];
        if (!rule.is_object()) {
          error(kSchema, "A Choice Rule must be an object", where);
          continue;
        }
        ChoiceBranch branch;
        if (!rule.contains("Next")) error(kSchema, "These fields are required: [Next]", where);
        else branch.next = target(program, rule, "Next", where);
        branch.assignOutput = compileAssignAndOutput(rule, st.queryLanguage, where, schemaError());
        if (st.queryLanguage == QueryLanguage::JSONata) {
          jsonataRule(branch, rule, where);
        } else {
          try {
            branch.rule = ChoiceRule::parse(rule);
          } catch (const AslSyntaxError& e) {
            error(kSchema, e.what(), where);
          }
        }
        st.choices.push_back(std::move(branch));
      }
    }
    if (node.contains("Default")) st.defaultNext = target(program, node, "Default", at);
  }

  // A JSONata Choice rule: {"Condition": "{% ... %}" (or a boolean), "Next", "Assign", "Output"}.
  void jsonataRule(ChoiceBranch& branch, const json& rule, const std::string& where) {
    static const std::set<std::string, std::less<>> fields = {"Condition", "Next", "Assign",
                                                              "Output", "Comment"};
    for (const auto& [key, value] : rule.items())
      if (!fields.count(key))
        error(kSchema,
              "The field \"" + key + "\" is not supported in a Choice Rule when the QueryLanguage "
              "is JSONata",
              where);
    auto condition = rule.find("Condition");
    if (condition == rule.end()) {
      error(kSchema, "These fields are required: [Condition]", where);
    } else if (!condition->is_boolean() && !isJsonataExpression(*condition)) {
      error(kSchema,
            "The value for the field 'Condition' must be a JSONata expression ({% ... %}) or a "
            "boolean",
            where + "/Condition");
    } else {
      branch.condition = jsonataField(rule, "Condition", where, schemaError(), true);
    }
  }

  void wait(State& st, const json& node, const std::string& at) {
    int count = 0;
    for (const char* field : {"Seconds", "SecondsPath", "Timestamp", "TimestampPath"})
      count += node.contains(field) ? 1 : 0;
    if (count != 1) {
      error(kSchema,
            "Exactly one of these fields is required: [Seconds, SecondsPath, Timestamp, "
            "TimestampPath]",
            at);
      return;
    }
    if (auto v = node.find("Seconds"); v != node.end() && !isJsonataValue(st, node, "Seconds")) {
      if (auto s = positiveInt(*v, at + "/Seconds", "Seconds", true)) st.seconds = *s;
    }
    if (auto ts = isJsonataValue(st, node, "Timestamp") ? std::nullopt
                                                        : string(node, "Timestamp", at)) {
      st.timestamp = core::parseIso8601(*ts);
      if (!st.timestamp)
        error(kSchema, "String does not match RFC3339 timestamp",
              at + "/Timestamp");
    }
    st.secondsPath = referencePath(node, "SecondsPath", at);
    st.timestampPath = referencePath(node, "TimestampPath", at);
  }

  std::optional<DynamicValue> dynamic(const json& node, std::string_view field,
                                      const std::string& at) {
    auto text = string(node, field, at);
    if (!text) return std::nullopt;
    try {
      if (looksLikeIntrinsic(*text)) return DynamicValue(IntrinsicCall::parse(*text));
      return DynamicValue(parseReferencePath(*text));
    } catch (const AslSyntaxError& e) {
      error(kSchema,
            "The value for the field '" + std::string(field) +
                "' must be a valid Reference Path or intrinsic function: " + e.what(),
            at + "/" + std::string(field));
    }
    return std::nullopt;
  }

  void fail(State& st, const json& node, const std::string& at) {
    if (node.contains("Error") && node.contains("ErrorPath"))
      error(kSchema, "Only one of these fields may be set: [Error, ErrorPath]", at);
    if (node.contains("Cause") && node.contains("CausePath"))
      error(kSchema, "Only one of these fields may be set: [Cause, CausePath]", at);
    if (!isJsonataValue(st, node, "Error")) st.error = string(node, "Error", at);
    if (!isJsonataValue(st, node, "Cause")) st.cause = string(node, "Cause", at);
    st.errorPath = dynamic(node, "ErrorPath", at);
    st.causePath = dynamic(node, "CausePath", at);
  }

  void parallel(State& st, const json& node, const std::string& at) {
    auto branches = node.find("Branches");
    if (branches != node.end() && branches->is_array() && branches->empty()) {
      error(kSchema, "Value cannot be empty", at + "/Branches");
      return;
    }
    if (branches == node.end() || !branches->is_array()) {
      error(kSchema, "The field 'Branches' must be a non-empty array", at + "/Branches");
      return;
    }
    for (std::size_t i = 0; i < branches->size(); ++i)
      st.branches.push_back(machine((*branches)[i], at + "/Branches[" + std::to_string(i) + "]", false));
  }

  void map(State& st, const json& node, const std::string& at) {
    bool processor = node.contains("ItemProcessor"), iterator = node.contains("Iterator");
    if (processor == iterator) {
      error(kSchema, "Exactly one of these fields is required: [ItemProcessor, Iterator]", at);
      return;
    }
    const json& body = processor ? node["ItemProcessor"] : node["Iterator"];
    std::string where = at + (processor ? "/ItemProcessor" : "/Iterator");
    if (processor && body.is_object())
      if (auto config = body.find("ProcessorConfig"); config != body.end())
        processorConfig(st, *config, where + "/ProcessorConfig");
    // AWS accepts the tolerated failures on an inline Map too (and has nothing to apply them to).
    if (!st.distributed)
      for (const char* field : {"ItemReader", "ItemBatcher", "ResultWriter", "Label"})
        if (node.contains(field))
          error(kSchema,
                std::string("The field \"") + field +
                    "\" is only supported in a Distributed Map (ProcessorConfig Mode DISTRIBUTED)",
                at);
    st.iterator = machine(body, where, false);
    st.itemsPath = referencePath(node, "ItemsPath", at);
    if (auto v = node.find("MaxConcurrency");
        v != node.end() && !isJsonataValue(st, node, "MaxConcurrency"))
      if (auto n = positiveInt(*v, at + "/MaxConcurrency", "MaxConcurrency", true))
        st.maxConcurrency = *n;
    if (node.contains("MaxConcurrency") && node.contains("MaxConcurrencyPath"))
      error(kSchema, "Only one of these fields may be set: [MaxConcurrency, MaxConcurrencyPath]", at);
    st.maxConcurrencyPath = referencePath(node, "MaxConcurrencyPath", at);
    toleratedFailures(st, node, at);
    if (st.distributed) distributedFields(st, node, at);
  }

  void processorConfig(State& st, const json& config, const std::string& at) {
    if (!config.is_object())
      return error(kSchema, "The value for the field 'ProcessorConfig' must be an OBJECT", at);
    if (auto mode = string(config, "Mode", at)) {
      if (*mode != "INLINE" && *mode != "DISTRIBUTED")
        error(kSchema, "The value for the field 'Mode' must be one of [INLINE, DISTRIBUTED]",
              at + "/Mode");
      st.distributed = *mode == "DISTRIBUTED";
    }
    if (auto type = string(config, "ExecutionType", at)) {
      if (*type != "STANDARD" && *type != "EXPRESS")
        error(kSchema, "The value for the field 'ExecutionType' must be one of [STANDARD, EXPRESS]",
              at + "/ExecutionType");
      st.childExpress = *type == "EXPRESS";
    } else if (st.distributed) {
      error(kSchema, "The field 'ExecutionType' is required when Mode is DISTRIBUTED", at);
    }
  }

  // ToleratedFailureCount / Percentage and their Paths: what a Distributed Map tolerates (AWS
  // accepts them on an inline Map too, which has nothing to apply them to).
  void toleratedFailures(State& st, const json& node, const std::string& at) {
    if (auto v = node.find("ToleratedFailureCount");
        v != node.end() && !isJsonataValue(st, node, "ToleratedFailureCount"))
      st.toleratedFailureCount =
          positiveInt(*v, at + "/ToleratedFailureCount", "ToleratedFailureCount", true);
    if (auto v = node.find("ToleratedFailurePercentage");
        v != node.end() && !isJsonataValue(st, node, "ToleratedFailurePercentage")) {
      if (!v->is_number() || v->get<double>() < 0 || v->get<double>() > 100)
        error(kSchema,
              "The value for the field 'ToleratedFailurePercentage' must be a number between 0 and "
              "100",
              at + "/ToleratedFailurePercentage");
      else
        st.toleratedFailurePercentage = v->get<double>();
    }
    st.toleratedFailureCountPath = referencePath(node, "ToleratedFailureCountPath", at);
    st.toleratedFailurePercentagePath = referencePath(node, "ToleratedFailurePercentagePath", at);
  }

  // Label, ItemBatcher, ItemReader and ResultWriter of a Distributed Map.
  void distributedFields(State& st, const json& node, const std::string& at) {
    if (auto label = string(node, "Label", at)) {
      if (auto problem = labelProblem(*label))
        errors.push_back({std::string(kSchema), *problem, at + "/Label", true});
      st.label = *label;
    }
    if (auto batcher = node.find("ItemBatcher"); batcher != node.end())
      itemBatcher(st, *batcher, at + "/ItemBatcher");
    if (auto reader = node.find("ItemReader"); reader != node.end())
      st.itemReaderResource = s3Resource(*reader, at + "/ItemReader");
    if (auto writer = node.find("ResultWriter"); writer != node.end())
      st.resultWriterResource = s3Resource(*writer, at + "/ResultWriter");
  }

  void itemBatcher(State& st, const json& batcher, const std::string& at) {
    if (!batcher.is_object())
      return error(kSchema, "The value for the field 'ItemBatcher' must be an OBJECT", at);
    st.batched = true;
    if (auto v = batcher.find("MaxItemsPerBatch"); v != batcher.end())
      if (auto n = positiveInt(*v, at + "/MaxItemsPerBatch", "MaxItemsPerBatch"))
        st.maxItemsPerBatch = *n;
    if (auto v = batcher.find("MaxInputBytesPerBatch"); v != batcher.end())
      if (auto n = positiveInt(*v, at + "/MaxInputBytesPerBatch", "MaxInputBytesPerBatch"))
        st.maxInputBytesPerBatch = *n;
    st.maxItemsPerBatchPath = referencePath(batcher, "MaxItemsPerBatchPath", at);
    st.maxInputBytesPerBatchPath = referencePath(batcher, "MaxInputBytesPerBatchPath", at);
    st.batchInput = payload(batcher, "BatchInput", at);
    if (!batcher.contains("MaxItemsPerBatch") && !batcher.contains("MaxInputBytesPerBatch") &&
        !batcher.contains("MaxItemsPerBatchPath") && !batcher.contains("MaxInputBytesPerBatchPath"))
      error(kSchema,
            "ItemBatcher needs one of MaxItemsPerBatch, MaxItemsPerBatchPath, "
            "MaxInputBytesPerBatch or MaxInputBytesPerBatchPath",
            at);
  }

  // An ItemReader or ResultWriter: its Resource, an S3 integration.
  std::optional<std::string> s3Resource(const json& node, const std::string& at) {
    if (!node.is_object()) {
      error(kSchema, "Expected an object", at);
      return std::nullopt;
    }
    std::optional<std::string> resource = string(node, "Resource", at);
    if (!resource) {
      error(kSchema, "The field 'Resource' is required", at);
      return std::nullopt;
    }
    if (resource->rfind("arn:aws:states:::s3:", 0) != 0)
      error(kSchema, "Resource must be an S3 integration (arn:aws:states:::s3:...)",
            at + "/Resource");
    return resource;
  }

  void reachability(const Program& program, const std::string& at) {
    if (program.states.empty()) return;
    std::vector<bool> seen(program.states.size(), false);
    std::deque<int> queue{program.startAt};
    seen[static_cast<std::size_t>(program.startAt)] = true;
    auto visit = [&](int next) {
      if (next >= 0 && !seen[static_cast<std::size_t>(next)]) {
        seen[static_cast<std::size_t>(next)] = true;
        queue.push_back(next);
      }
    };
    while (!queue.empty()) {
      const State& st = program.states[static_cast<std::size_t>(queue.front())];
      queue.pop_front();
      visit(st.next);
      visit(st.defaultNext);
      for (const ChoiceBranch& b : st.choices) visit(b.next);
      for (const Catcher& c : st.catches) visit(c.next);
    }
    for (std::size_t i = 0; i < seen.size(); ++i)
      if (!seen[i])
        error("UNREACHABLE_STATE", "State \"" + program.states[i].name + "\" is not reachable",
              at + "/States/" + escapePointer(program.states[i].name));
  }
};

}  // namespace

CompileResult compileDefinition(std::string_view definition, std::string_view type,
                                const std::set<std::string>& predefinedVariables) {
  CompileResult result;
  if (definition.size() > kMaxDefinitionBytes) {
    result.errors.push_back({std::string(kSchema),
                             "The definition is larger than " +
                                 std::to_string(kMaxDefinitionBytes) + " bytes",
                             "/"});
    return result;
  }
  json document = core::parseClientJson(definition);
  if (document.is_discarded()) {
    DefinitionParseDiagnostic d = definitionParseDiagnostic(definition);
    result.errors.push_back({d.code, d.message, d.location});
    return result;
  }
  Compiler compiler;
  std::shared_ptr<Program> program = compiler.machine(document, "", true);
  checkVariableScopes(*program, compiler.variables, predefinedVariables,
                      [&](std::string message, std::string location) {
                        compiler.errors.push_back({std::string(kSchema), std::move(message),
                                                   std::move(location)});
                      });
  for (const auto& [state, vars] : compiler.variables)
    if (!vars.reads.empty())
      program->variableReferences[state->name].assign(vars.reads.begin(), vars.reads.end());
  result.errors = std::move(compiler.errors);
  if (result.errors.empty() && type == "EXPRESS") checkExpressRules(*program, result.errors);
  if (result.errors.empty()) result.program = std::move(program);
  return result;
}

std::string invalidDefinitionMessage(const std::vector<Diagnostic>& errors,
                                     std::string_view definition) {
  for (const Diagnostic& error : errors)
    if (error.quotesDefinition)
      return "Error=ValueError Args=[" + core::pythonRepr(error.message) + "] in definition '" +
             std::string(definition) + "'.";
  return invalidDefinitionMessage(errors);
}

std::string invalidDefinitionMessage(const std::vector<Diagnostic>& errors) {
  std::string message = "Invalid State Machine Definition: ";
  for (std::size_t i = 0; i < errors.size(); ++i) {
    if (i) message += ", ";
    // A location that is no JSON pointer (Jackson's "[Source: ...]") is already in the message.
    const std::string& at = errors[i].location;
    message += "'" + errors[i].code + ": " + errors[i].message;
    if (at.empty() || at[0] == '/') message += " at " + (at.empty() ? "/" : at);
    message += "'";
  }
  return message;
}

}  // namespace stepsim::sfn
