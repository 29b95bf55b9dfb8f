#include "emulator/protocol/shape_validator.h"

#include <cmath>
#include <cstdint>
#include <limits>

#include "emulator/core/aws_error.h"
#include "emulator/core/json.h"
#include "emulator/core/utf8.h"

namespace stepsim::protocol {

namespace {

using json = stepsim::Json;

// AWS quotes a bad value back whole (a 3,097-character nextToken, as recorded); only values past
// this size, which no modeled member accepts anyway, are cut short.
constexpr size_t kEchoLimit = 64 * 1024;
constexpr int kMaxDepth = 64;       // deeper input is rejected rather than risking the stack

// The member path, built as a chain of stack frames and rendered only when a message needs it.
struct PathNode {
  const PathNode* parent = nullptr;
  std::string_view name;  // member name or map key; empty for a list index
  size_t index = 0;
  bool isIndex = false;
};

// AWS's validation names list elements from 1 with ".member":
// 'routingConfiguration.1.member.weight'.
void renderPath(const PathNode* node, std::string& out) {
  if (!node) return;
  renderPath(node->parent, out);
  if (node->isIndex) {
    out += '.';
    out += std::to_string(node->index + 1);
    out += ".member";
    return;
  }
  if (node->name.empty() && !node->parent) return;  // the root
  if (!out.empty()) out += '.';
  out += node->name;
}

std::string pathText(const PathNode* node) {
  std::string out;
  renderPath(node, out);
  return out;
}

std::string numberText(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 9.2e18)
    return std::to_string(static_cast<int64_t>(v));
  return json(v).dump();
}

std::string_view jsonTypeName(const json& v) {
  switch (v.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "an array";
    case json::value_t::string:
      return "a string";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::number_float:
      return "a non-integer number";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return "an integer";
    default:
      return "an unsupported value";
  }
}

// A value as AWS's (Java) validation quotes a list or map back: "[Item(name=a, weight=5), b]",
// "{key=value}", structures with every modeled member in order.
void appendJavaText(const Shape* shape, const json& value, std::string& out) {
  if (out.size() > kEchoLimit) return;  // validationMessage cuts it there anyway
  if (value.is_string()) {
    out += value.get_ref<const std::string&>();
  } else if (value.is_array()) {
    out += '[';
    for (size_t i = 0; i < value.size(); ++i) {
      if (i) out += ", ";
      appendJavaText(shape ? shape->member : nullptr, value[i], out);
    }
    out += ']';
  } else if (value.is_object() && shape && shape->type == ShapeType::Structure) {
    out += shape->name + '(';
    for (size_t i = 0; i < shape->members.size(); ++i) {
      const Member& member = shape->members[i];
      if (i) out += ", ";
      out += member.name + '=';
      auto it = value.find(member.name);
      if (it == value.end())
        out += "null";
      else
        appendJavaText(member.shape, *it, out);
    }
    out += ')';
  } else if (value.is_object()) {
    out += '{';
    bool first = true;
    for (const auto& [key, item] : value.items()) {
      if (!first) out += ", ";
      first = false;
      out += key + '=';
      appendJavaText(shape ? shape->value : nullptr, item, out);
    }
    out += '}';
  } else {
    out += value.dump();
  }
}

class Validator {
 public:
  explicit Validator(const ValidationErrorCodes& codes) : codes_(codes) {}

  void check(const Shape& shape, const json& value, const PathNode* path, int depth) {
    if (depth > kMaxDepth)
      serializationError("Input is nested too deeply at '" + pathText(path) + "'");
    switch (shape.type) {
      case ShapeType::Structure:
        return checkStructure(shape, value, path, depth);
      case ShapeType::List:
        return checkList(shape, value, path, depth);
      case ShapeType::Map:
        return checkMap(shape, value, path, depth);
      case ShapeType::String:
        if (!value.is_string()) typeError("string", value, path);
        return checkString(shape, value.get_ref<const std::string&>(), path, {});
      case ShapeType::Integer:
        if (!value.is_number_integer()) typeError("integer", value, path);
        if (value.is_number_unsigned()
                ? value.get<uint64_t>() > INT32_MAX
                : (value.get<int64_t>() > INT32_MAX || value.get<int64_t>() < INT32_MIN))
          serializationError("Expected a 32-bit JSON integer at '" + pathText(path) +
                             "' but found " + truncated(value.dump()));
        return checkRange(shape, value, path);
      case ShapeType::Long:
        if (!value.is_number_integer()) typeError("integer", value, path);
        if (value.is_number_unsigned() && value.get<uint64_t>() > INT64_MAX)
          serializationError("Expected a 64-bit JSON integer at '" + pathText(path) +
                             "' but found " + truncated(value.dump()));
        return checkRange(shape, value, path);
      case ShapeType::Float:
      case ShapeType::Double:
        if (!value.is_number()) typeError("number", value, path);
        return checkRange(shape, value, path);
      case ShapeType::Boolean:
        if (!value.is_boolean()) typeError("boolean", value, path);
        return;
      case ShapeType::Timestamp:
        if (!value.is_number() && !value.is_string())
          typeError("timestamp (number or string)", value, path);
        return;
      case ShapeType::Blob:
        if (!value.is_string()) typeError("string (blob)", value, path);
        return;
      case ShapeType::Unknown:
        return;
    }
  }

 private:
  void checkStructure(const Shape& shape, const json& value, const PathNode* path, int depth) {
    if (!value.is_object()) typeError("object", value, path);
    for (const Member& member : shape.members) {
      PathNode node{path, member.name};
      auto it = value.find(member.name);
      if (it == value.end() || it->is_null()) {
        if (member.required) constraintError(std::nullopt, &node, "Member must not be null");
        continue;
      }
      check(*member.shape, *it, &node, depth + 1);
    }
  }

  void checkList(const Shape& shape, const json& value, const PathNode* path, int depth) {
    if (!value.is_array()) typeError("array", value, path);
    checkCount(shape, value, path);
    if (!shape.member) return;
    for (size_t i = 0; i < value.size(); ++i) {
      PathNode node{path, {}, i, true};
      if (value[i].is_null()) constraintError(std::nullopt, &node, "Member must not be null");
      check(*shape.member, value[i], &node, depth + 1);
    }
  }

  void checkMap(const Shape& shape, const json& value, const PathNode* path, int depth) {
    if (!value.is_object()) typeError("object (map)", value, path);
    checkCount(shape, value, path);
    for (const auto& [key, item] : value.items()) {
      if (shape.key && shape.key->type == ShapeType::String)
        checkString(*shape.key, key, path, "Map keys must satisfy constraint: ");
      PathNode node{path, key};
      if (item.is_null()) constraintError(std::nullopt, &node, "Member must not be null");
      if (shape.value) check(*shape.value, item, &node, depth + 1);
    }
  }

  void checkCount(const Shape& shape, const json& value, const PathNode* path) {
    const auto count = static_cast<double>(value.size());
    auto fail = [&](std::string_view bound, double limit) {
      std::string text;
      appendJavaText(&shape, value, text);
      constraintError(text, path,
                      "Member must have length " + std::string(bound) + " " + numberText(limit));
    };
    if (shape.min && count < *shape.min) fail("greater than or equal to", *shape.min);
    if (shape.max && count > *shape.max) fail("less than or equal to", *shape.max);
  }

  void checkString(const Shape& shape, const std::string& s, const PathNode* path,
                   std::string_view prefix) {
    // Cheap checks first: length, then enum, then the (possibly slow) pattern.
    if (shape.min || shape.max) {
      double length = static_cast<double>(core::utf8Length(s));
      if (shape.min && length < *shape.min)
        constraintError(s, path,
                        std::string(prefix) + "Member must have length greater than or equal to " +
                            numberText(*shape.min));
      if (shape.max && length > *shape.max)
        constraintError(s, path,
                        std::string(prefix) + "Member must have length less than or equal to " +
                            numberText(*shape.max));
    }
    if (!shape.enumValues.empty()) {
      bool found = false;
      for (const std::string& e : shape.enumValues)
        if (e == s) {
          found = true;
          break;
        }
      if (!found) {
        std::string set;
        for (const std::string& e : shape.enumValues) set += (set.empty() ? "" : ", ") + e;
        constraintError(s, path,
                        std::string(prefix) + "Member must satisfy enum value set: [" + set + "]");
      }
    }
    if (const std::regex* re = shape.compiledPattern()) {
      // std::regex recurses once per character or so (a 16 KiB value overflows an 8 MiB stack), so
      // long values, which the models bound by max where it matters, are not pattern-checked.
      if (s.size() <= kMaxPatternInput && !std::regex_match(s, *re))
        constraintError(s, path,
                        std::string(prefix) +
                            "Member must satisfy regular expression pattern: " + shape.pattern);
    }
  }

  void checkRange(const Shape& shape, const json& value, const PathNode* path) {
    double v = value.get<double>();
    if (shape.min && v < *shape.min)
      constraintError(value.dump(), path,
                      "Member must have value greater than or equal to " + numberText(*shape.min));
    if (shape.max && v > *shape.max)
      constraintError(value.dump(), path,
                      "Member must have value less than or equal to " + numberText(*shape.max));
  }

  [[noreturn]] void typeError(std::string_view expected, const json& value, const PathNode* path) {
    std::string at = pathText(path);
    serializationError("Expected a JSON " + std::string(expected) +
                       (at.empty() ? std::string(" as the request body") : " at '" + at + "'") +
                       " but found " + std::string(jsonTypeName(value)));
  }

  [[noreturn]] void constraintError(std::optional<std::string_view> valueText, const PathNode* path,
                                    std::string_view constraint) {
    throw core::AwsError(std::string(codes_.validation),
                         validationMessage(valueText, pathText(path), constraint), 400);
  }

  [[noreturn]] void serializationError(std::string message) {
    throw core::AwsError(std::string(codes_.serialization), std::move(message), 400);
  }

  static std::string truncated(const std::string& s) {
    return std::string(core::utf8Truncate(s, kEchoLimit));
  }

  static constexpr size_t kMaxPatternInput = 2048;
  const ValidationErrorCodes& codes_;
};

}  // namespace

std::string validationMessage(std::optional<std::string_view> valueText, std::string_view path,
                              std::string_view constraint) {
  std::string message = "1 validation error detected: Value ";
  if (valueText) {
    std::string_view shown = core::utf8Truncate(*valueText, kEchoLimit);
    message += '\'';
    message += shown;
    if (shown.size() < valueText->size()) message += "...";
    message += "' ";
  }
  message += "at '";
  message += path;
  message += "' failed to satisfy constraint: ";
  message += constraint;
  return message;
}

void validateShape(const Shape& shape, const json& value, const ValidationErrorCodes& codes) {
  Validator(codes).check(shape, value, nullptr, 0);
}

}  // namespace stepsim::protocol
