#include "emulator/stepfunctions/definition/query_language.h"

#include <set>

#include "emulator/core/json.h"
#include "emulator/stepfunctions/asl/errors.h"
#include "emulator/stepfunctions/asl/variables.h"

namespace stepsim::sfn {

using json = stepsim::Json;

const char* toString(QueryLanguage language) {
  return language == QueryLanguage::JSONata ? "JSONata" : "JSONPath";
}

namespace {

// Fields of states (and catchers) that belong to one language only.
std::optional<QueryLanguage> ownerOf(std::string_view field) {
  static const std::set<std::string_view> jsonPathOnly = {
      "InputPath",          "OutputPath",           "Parameters",
      "ResultSelector",     "ResultPath",           "Result",
      "TimeoutSecondsPath", "HeartbeatSecondsPath", "SecondsPath",
      "TimestampPath",      "ErrorPath",            "CausePath",
      "ItemsPath",          "MaxConcurrencyPath",   "ToleratedFailureCountPath",
      "ToleratedFailurePercentagePath"};
  static const std::set<std::string_view> jsonataOnly = {"Arguments", "Output", "Items"};
  if (jsonPathOnly.count(field)) return QueryLanguage::JSONPath;
  if (jsonataOnly.count(field)) return QueryLanguage::JSONata;
  return std::nullopt;
}

}  // namespace

QueryLanguage queryLanguageOf(const json& node, QueryLanguage inherited, bool machineLevel,
                              const std::string& at, const SchemaError& error) {
  auto it = node.is_object() ? node.find("QueryLanguage") : node.end();
  if (!node.is_object() || it == node.end()) return inherited;
  std::string where = at + "/QueryLanguage";
  if (*it == "JSONPath") {
    if (!machineLevel && inherited == QueryLanguage::JSONata) {
      error("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", at);
      return QueryLanguage::JSONata;
    }
    return QueryLanguage::JSONPath;
  }
  if (*it == "JSONata") return QueryLanguage::JSONata;
  error("The value for the field 'QueryLanguage' must be one of: JSONPath, JSONata", where);
  return inherited;
}

void checkFieldLanguages(const json& node, QueryLanguage language, const std::string& at,
                         const SchemaError& error) {
  for (const auto& [key, value] : node.items()) {
    std::optional<QueryLanguage> owner = ownerOf(key);
    if (owner && *owner != language)
      error("The field \"" + key + "\" is not supported when the QueryLanguage is " +
                toString(language) + " (it is a " + toString(*owner) + " field)",
            at);
  }
}

namespace {

// The names an Assign object gives, checked; "x.$" keys name x (JSONPath).
void checkNames(const json& assign, QueryLanguage language, const std::string& at,
                const SchemaError& error) {
  for (const auto& [key, value] : assign.items()) {
    std::string name = key;
    if (language == QueryLanguage::JSONPath && name.size() > 2 &&
        name.compare(name.size() - 2, 2, ".$") == 0)
      name.resize(name.size() - 2);
    if (std::string why = variableNameProblem(name); !why.empty())
      error("The variable name '" + name + "' in the field 'Assign' is invalid: " + why,
            at + "/Assign");
  }
}

}  // namespace

AssignAndOutput compileAssignAndOutput(const json& node, QueryLanguage language,
                                       const std::string& at, const SchemaError& error) {
  AssignAndOutput out;
  if (auto assign = node.find("Assign"); assign != node.end()) {
    bool expression = language == QueryLanguage::JSONata && isJsonataExpression(*assign);
    if (!assign->is_object() && !expression) {
      error("The value for the field 'Assign' must be an OBJECT", at + "/Assign");
    } else {
      if (assign->is_object()) checkNames(*assign, language, at, error);
      if (language == QueryLanguage::JSONata) {
        out.assignJsonata = jsonataField(node, "Assign", at, error, true);
      } else {
        try {
          out.assign = PayloadTemplate::parse(*assign);
        } catch (const AslSyntaxError& e) {
          error(e.what(), at + "/Assign");
        }
      }
    }
  }
  if (language == QueryLanguage::JSONata) out.output = jsonataField(node, "Output", at, error, true);
  return out;
}

std::optional<JsonataTemplate> jsonataField(const json& node, std::string_view field,
                                            const std::string& at, const SchemaError& error,
                                            bool always) {
  auto it = node.find(field);
  if (it == node.end() || (!always && !isJsonataExpression(*it))) return std::nullopt;
  try {
    return JsonataTemplate::parse(*it, std::string(field));
  } catch (const AslSyntaxError& e) {
    error(e.what(), at + "/" + std::string(field));
  }
  return std::nullopt;
}

std::shared_ptr<const JsonataFields> compileJsonataFields(const json& node, StateType type,
                                                          const std::string& at,
                                                          const SchemaError& error) {
  auto fields = std::make_shared<JsonataFields>();
  switch (type) {
    case StateType::Task:
      fields->arguments = jsonataField(node, "Arguments", at, error, true);
      fields->timeoutSeconds = jsonataField(node, "TimeoutSeconds", at, error);
      fields->heartbeatSeconds = jsonataField(node, "HeartbeatSeconds", at, error);
      break;
    case StateType::Parallel:
      fields->arguments = jsonataField(node, "Arguments", at, error, true);
      break;
    case StateType::Wait:
      fields->seconds = jsonataField(node, "Seconds", at, error);
      fields->timestamp = jsonataField(node, "Timestamp", at, error);
      break;
    case StateType::Fail:
      fields->error = jsonataField(node, "Error", at, error);
      fields->cause = jsonataField(node, "Cause", at, error);
      break;
    case StateType::Map:
      fields->items = jsonataField(node, "Items", at, error, true);
      fields->itemSelector = jsonataField(node, "ItemSelector", at, error, true);
      fields->maxConcurrency = jsonataField(node, "MaxConcurrency", at, error);
      fields->toleratedFailureCount = jsonataField(node, "ToleratedFailureCount", at, error);
      fields->toleratedFailurePercentage =
          jsonataField(node, "ToleratedFailurePercentage", at, error);
      break;
    default:
      break;
  }
  return fields;
}

bool isJsonataValue(const State& st, const json& node, std::string_view field) {
  if (st.queryLanguage != QueryLanguage::JSONata) return false;
  auto it = node.find(field);
  return it != node.end() && isJsonataExpression(*it);
}

}  // namespace stepsim::sfn
