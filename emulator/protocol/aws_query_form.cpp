// encodeAwsQueryForm: what a Query client sends, for in-process callers and round-trip tests.
#include <stdexcept>

#include "emulator/core/json.h"
#include "emulator/protocol/aws_query.h"
#include "emulator/protocol/uri.h"

namespace stepsim::protocol {
namespace {

using json = stepsim::Json;

void appendPair(std::string& form, const std::string& name, const std::string& value) {
  if (!form.empty()) form += '&';
  form += percentEncode(name) + "=" + percentEncode(value);
}

std::string scalarText(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  return value.dump();
}

void appendValue(std::string& form, const Shape& shape, const std::string& name, const json& value,
                 bool flattened) {
  switch (shape.type) {
    case ShapeType::Structure:
      for (const Member& member : shape.members)
        if (auto it = value.find(member.name); it != value.end() && !it->is_null())
          appendValue(form, *member.shape,
                      name.empty() ? member.locationName : name + "." + member.locationName, *it,
                      member.flattened);
      return;
    case ShapeType::List: {
      if (value.empty()) return appendPair(form, name, "");
      std::string prefix =
          flattened || shape.flattened ? name + "." : name + "." + shape.memberName + ".";
      int index = 0;
      for (const json& item : value)
        appendValue(form, *shape.member, prefix + std::to_string(++index), item, false);
      return;
    }
    case ShapeType::Map: {
      std::string prefix = flattened || shape.flattened ? name + "." : name + ".entry.";
      int index = 0;
      for (const auto& [key, item] : value.items()) {
        std::string entry = prefix + std::to_string(++index) + ".";
        appendPair(form, entry + shape.keyName, key);
        appendValue(form, *shape.value, entry + shape.valueName, item, false);
      }
      return;
    }
    default:
      appendPair(form, name, scalarText(value));
  }
}

}  // namespace

std::string encodeAwsQueryForm(const ServiceModel& model, std::string_view operation,
                               const json& input) {
  const Operation* op = model.findOperation(operation);
  if (!op)
    throw std::invalid_argument("encodeAwsQueryForm: unknown operation " + std::string(operation));
  std::string form;
  appendPair(form, "Action", op->name);
  appendPair(form, "Version", model.apiVersion());
  if (op->input && input.is_object()) appendValue(form, *op->input, "", input, false);
  return form;
}

}  // namespace stepsim::protocol
