#include "emulator/stepfunctions/test_state/mock_result_check.h"

#include <string>

#include "emulator/core/json.h"
#include "emulator/core/utf8.h"
#include "emulator/protocol/service_model.h"
#include "emulator/stepfunctions/api/errors.h"
#include "emulator/stepfunctions/definition/task_resources.h"

namespace stepsim::sfn {

namespace {

using json = stepsim::Json;
using protocol::Shape;
using protocol::ShapeType;

// The botocore service name of an integration's service as its resource ARN spells it.
// The output shape of the operation the task calls, or null when the model or the operation is
// not known here (or the resource is a function or activity ARN).
const Shape* outputShape(const State& task) {
  if (task.sdkService.empty()) return nullptr;
  const protocol::ServiceModel* model = protocol::findServiceModel(sdkModelName(task.sdkService));
  const protocol::Operation* operation =
      model ? model->findOperation(operationName(task.sdkAction)) : nullptr;
  return operation ? operation->output : nullptr;
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
      case ShapeType::Structure:
        return structure(shape, v, field);
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
      std::string name = operationName(member.name);  // the model's name as Step Functions gives it
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
    // Lengths in characters, as the model means them.
    const auto length = static_cast<double>(core::utf8Length(s));
    if (shape.min && length < *shape.min) refuseField(field, "is smaller than the minimum length");
    if (shape.max && length > *shape.max) refuseField(field, "exceeds the maximum length");
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
