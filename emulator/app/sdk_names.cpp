#include "emulator/app/sdk_names.h"

#include "emulator/stepfunctions/definition/task_resources.h"

namespace stepsim::app {

namespace {

using json = stepsim::Json;
using protocol::Shape;
using protocol::ShapeType;

bool sameIgnoringFirstCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return a == b;
  return std::tolower(static_cast<unsigned char>(a[0])) ==
             std::tolower(static_cast<unsigned char>(b[0])) &&
         a.substr(1) == b.substr(1);
}

template <class KeyOf>
json convert(const Shape* shape, const json& value, KeyOf keyOf) {
  if (!shape) return value;
  switch (shape->type) {
    case ShapeType::Structure: {
      if (!value.is_object()) return value;
      json out = json::object();
      for (const auto& [key, item] : value.items()) {
        const protocol::Member* member = nullptr;
        for (const auto& m : shape->members)
          if (sameIgnoringFirstCase(m.name, key)) member = &m;
        if (!member) {
          out[key] = item;  // unknown: passed on for the handler to judge
          continue;
        }
        out[keyOf(member->name)] = convert(member->shape, item, keyOf);
      }
      return out;
    }
    case ShapeType::List: {
      if (!value.is_array()) return value;
      json out = json::array();
      for (const json& item : value) out.push_back(convert(shape->member, item, keyOf));
      return out;
    }
    case ShapeType::Map: {
      if (!value.is_object()) return value;
      json out = json::object();
      for (const auto& [key, item] : value.items()) out[key] = convert(shape->value, item, keyOf);
      return out;
    }
    default:
      return value;
  }
}

}  // namespace

json toModelNames(const Shape* shape, const json& value) {
  return convert(shape, value, [](const std::string& name) { return name; });
}

json toPascalNames(const Shape* shape, const json& value) {
  return convert(shape, value, [](const std::string& name) { return sfn::operationName(name); });
}

}  // namespace stepsim::app
