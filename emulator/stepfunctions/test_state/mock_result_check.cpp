#include "emulator/stepfunctions/test_state/mock_result_check.h"

#include <cctype>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "emulator/protocol/service_model.h"
#include "emulator/stepfunctions/api/errors.h"

namespace stepsim::sfn {

namespace {

using nlohmann::json;
using protocol::Shape;
using protocol::ShapeType;

// The botocore service name of an integration's service as its resource ARN spells it.
std::string botocoreService(std::string service) {
  if (service == "states" || service == "sfn") return "stepfunctions";
  if (service == "eventbridge") return "events";
  return service;
}

// "arn:aws:states:::aws-sdk:kms:encrypt" / "arn:aws:states:::dynamodb:putItem.sync" ->
// the operation's output shape, or null when the model or the operation is not known here.
const Shape* outputShape(const State& task) {
  constexpr std::string_view prefix = "arn:aws:states:::";
  std::string_view rest = task.resource;
  if (rest.substr(0, prefix.size()) != prefix) return nullptr;  // a function or activity ARN
  rest.remove_prefix(prefix.size());
  if (rest.substr(0, 8) == "aws-sdk:") rest.remove_prefix(8);
  std::size_t colon = rest.find(':');
  if (colon == std::string_view::npos) return nullptr;
  std::string service = botocoreService(std::string(rest.substr(0, colon)));
  std::string action(rest.substr(colon + 1));
  action = action.substr(0, action.find('.'));  // .sync, .waitForTaskToken
  if (action.empty()) return nullptr;
  action[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(action[0])));
  const protocol::ServiceModel* model = protocol::findServiceModel(service);
  const protocol::Operation* operation = model ? model->findOperation(action) : nullptr;
  return operation ? operation->output : nullptr;
}

// Step Functions gives the results of its integrations with PascalCase names.
std::string pascal(std::string name) {
  if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return name;
}

[[noreturn]] void refuse(const std::string& what) {
  validationError("Mock result schema validation error: " + what);
}

[[noreturn]] void refuseField(const std::string& field, const char* problem) {
  refuse("Field '" + field + "' " + problem);
}

class Checker {
 public:
  explicit Checker(FieldValidationMode mode) : mode_(mode) {}

  void value(const Shape& shape, const json& v, const std::string& field) const {
    switch (shape.type) {
      case ShapeType::Structure: return structure(shape, v, field);
      case ShapeType::List:
        if (!v.is_array()) refuseField(field, "must be an array");
        if (shape.member)
          for (const json& item : v) value(*shape.member, item, field);
        return;
      case ShapeType::Map:
        if (!v.is_object()) refuseField(field, "must be an object");
        if (shape.value)
          for (const auto& [key, item] : v.items()) value(*shape.value, item, key);
        return;
      case ShapeType::String:
      case ShapeType::Blob:
        if (!v.is_string()) refuseField(field, "must be a string");
        return text(shape, v.get<std::string>(), field);
      case ShapeType::Timestamp:
        if (!v.is_string() && !v.is_number()) refuseField(field, "must be a string");
        return;
      case ShapeType::Boolean:
        if (!v.is_boolean()) refuseField(field, "must be a boolean");
        return;
      case ShapeType::Integer:
      case ShapeType::Long:
      case ShapeType::Float:
      case ShapeType::Double:
        if (!v.is_number()) refuseField(field, "must be a number");
        return number(shape, v.get<double>(), field);
      case ShapeType::Unknown:
        return;
    }
  }

  void structure(const Shape& shape, const json& v, const std::string& field) const {
    if (!v.is_object()) refuseField(field, "must be an object");
    for (const protocol::Member& member : shape.members) {
      std::string name = pascal(member.name);
      auto it = v.find(name);
      if (it == v.end()) {
        if (member.required && mode_ == FieldValidationMode::Strict)
          refuse("Required field '" + name + "' is missing");
        continue;
      }
      if (member.shape) value(*member.shape, *it, name);
    }
  }

 private:
  static void text(const Shape& shape, const std::string& s, const std::string& field) {
    if (!shape.enumValues.empty()) {
      bool known = false;
      for (const std::string& allowed : shape.enumValues) known |= allowed == s;
      if (!known) refuseField(field, "is not an expected value");
    }
    if (shape.min && static_cast<double>(s.size()) < *shape.min)
      refuseField(field, "is smaller than the minimum length");
    if (shape.max && static_cast<double>(s.size()) > *shape.max)
      refuseField(field, "exceeds the maximum length");
  }

  static void number(const Shape& shape, double n, const std::string& field) {
    if (shape.min && n < *shape.min) refuseField(field, "is less than the minimum value");
    if (shape.max && n > *shape.max) refuseField(field, "exceeds the maximum value");
  }

  FieldValidationMode mode_;
};

}  // namespace

void checkMockResult(const State& task, const json& result, FieldValidationMode mode) {
  if (mode == FieldValidationMode::None || task.type != StateType::Task) return;
  const Shape* output = outputShape(task);
  if (!output || !result.is_object()) return;
  Checker(mode).structure(*output, result, "");
}

}  // namespace stepsim::sfn
