#include "emulator/core/json_schema.h"

#include <cmath>
#include <regex>
#include <string_view>

#include "emulator/core/json_location.h"
#include "emulator/core/utf8.h"

namespace stepsim::core {
namespace {

using json = stepsim::Json;

std::string typeName(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "an integer";
    case json::value_t::number_float: return "a number";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    default: return "a value";
  }
}

bool hasType(const json& value, std::string_view type) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  if (type == "number") return value.is_number();
  if (type == "integer")
    return value.is_number_integer() ||
           (value.is_number_float() && std::floor(value.get<double>()) == value.get<double>());
  return false;
}

std::string article(std::string_view type) {
  if (type == "object" || type == "array" || type == "integer") return "an " + std::string(type);
  if (type == "null") return "null";
  return "a " + std::string(type);
}

std::string joined(const std::vector<std::string>& words, std::string_view last) {
  std::string text;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) text += i + 1 == words.size() ? std::string(" ") + std::string(last) + " " : ", ";
    text += words[i];
  }
  return text;
}

// Levenshtein distance, for "did you mean" on unknown keys.
std::size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1] ? 1 : 0)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// A oneOf whose branches only say which member is required: "exactly one of a, b".
std::vector<std::string> requiredOnlyBranches(const json& branches) {
  std::vector<std::string> names;
  for (const json& branch : branches) {
    if (!branch.is_object() || branch.size() != 1 || !branch.contains("required") ||
        branch["required"].size() != 1)
      return {};
    names.push_back(branch["required"][0].get<std::string>());
  }
  return names;
}

class Checker {
 public:
  Checker(const json& root, std::size_t limit) : root_(root), limit_(limit) {}

  void check(const json& schema, const json& value, const std::string& pointer) {
    if (problems.size() >= limit_ || !schema.is_object()) return;
    if (auto ref = schema.find("$ref"); ref != schema.end()) {
      check(resolve(ref->get<std::string>()), value, pointer);
      if (schema.size() == 1) return;
    }
    if (!checkType(schema, value, pointer)) return;
    if (auto e = schema.find("enum"); e != schema.end() && std::find(e->begin(), e->end(), value) == e->end()) {
      std::vector<std::string> allowed;
      for (const json& v : *e) allowed.push_back(v.dump());
      add(pointer, "must be one of " + joined(allowed, "or") + ", not " + value.dump());
    }
    if (auto c = schema.find("const"); c != schema.end() && *c != value)
      add(pointer, "must be " + c->dump());
    if (value.is_object()) checkObject(schema, value, pointer);
    if (value.is_array()) checkArray(schema, value, pointer);
    if (value.is_number()) checkNumber(schema, value.get<double>(), pointer);
    if (value.is_string()) checkString(schema, value.get_ref<const std::string&>(), pointer);
    if (auto one = schema.find("oneOf"); one != schema.end()) checkOneOf(*one, value, pointer);
    if (auto any = schema.find("anyOf"); any != schema.end()) checkAnyOf(*any, value, pointer);
  }

  std::vector<SchemaProblem> problems;

 private:
  const json& resolve(const std::string& ref) {
    constexpr std::string_view prefix = "#/$defs/";
    if (ref.rfind(prefix, 0) != 0 || !root_.contains("$defs") ||
        !root_["$defs"].contains(ref.substr(prefix.size())))
      throw std::logic_error("schema: unresolvable $ref " + ref);
    return root_["$defs"][ref.substr(prefix.size())];
  }

  void add(const std::string& pointer, std::string message) {
    if (problems.size() < limit_) problems.push_back({pointer, std::move(message)});
  }

  bool checkType(const json& schema, const json& value, const std::string& pointer) {
    auto t = schema.find("type");
    if (t == schema.end()) return true;
    std::vector<std::string> types;
    if (t->is_string()) types.push_back(t->get<std::string>());
    else for (const json& one : *t) types.push_back(one.get<std::string>());
    for (const std::string& type : types)
      if (hasType(value, type)) return true;
    std::vector<std::string> wanted;
    for (const std::string& type : types) wanted.push_back(article(type));
    add(pointer, "must be " + joined(wanted, "or") + ", not " + typeName(value));
    return false;
  }

  void checkObject(const json& schema, const json& value, const std::string& pointer) {
    const json* properties = schema.contains("properties") ? &schema["properties"] : nullptr;
    if (auto req = schema.find("required"); req != schema.end())
      for (const json& name : *req)
        if (!value.contains(name.get<std::string>()))
          add(pointer, "missing required member '" + name.get<std::string>() + "'");
    auto extra = schema.find("additionalProperties");
    for (auto it = value.begin(); it != value.end(); ++it) {
      std::string child = appendPointer(pointer, it.key());
      if (properties && properties->contains(it.key())) {
        check((*properties)[it.key()], it.value(), child);
      } else if (extra != schema.end() && extra->is_boolean() && !extra->get<bool>()) {
        add(child, unknownKeyMessage(it.key(), properties));
      } else if (extra != schema.end() && extra->is_object()) {
        check(*extra, it.value(), child);
      }
    }
    if (auto min = schema.find("minProperties"); min != schema.end() && value.size() < min->get<std::size_t>())
      add(pointer, "must have at least " + std::to_string(min->get<std::size_t>()) + " member(s)");
    if (auto max = schema.find("maxProperties"); max != schema.end() && value.size() > max->get<std::size_t>())
      add(pointer, "must have at most " + std::to_string(max->get<std::size_t>()) + " member(s)");
  }

  static std::string unknownKeyMessage(const std::string& key, const json* properties) {
    std::string message = "unknown key '" + key + "'";
    if (!properties || properties->empty()) return message;
    std::string best;
    std::size_t bestDistance = 3;  // suggest only close matches
    std::vector<std::string> allowed;
    for (auto it = properties->begin(); it != properties->end(); ++it) {
      allowed.push_back(it.key());
      std::size_t d = editDistance(key, it.key());
      if (d < bestDistance) bestDistance = d, best = it.key();
    }
    if (!best.empty()) return message + " (did you mean '" + best + "'?)";
    return message + " (allowed: " + joined(allowed, "and") + ")";
  }

  void checkArray(const json& schema, const json& value, const std::string& pointer) {
    if (auto min = schema.find("minItems"); min != schema.end() && value.size() < min->get<std::size_t>())
      add(pointer, "must have at least " + std::to_string(min->get<std::size_t>()) + " item(s)");
    if (auto max = schema.find("maxItems"); max != schema.end() && value.size() > max->get<std::size_t>())
      add(pointer, "must have at most " + std::to_string(max->get<std::size_t>()) + " item(s)");
    if (auto items = schema.find("items"); items != schema.end())
      for (std::size_t i = 0; i < value.size(); ++i)
        check(*items, value[i], pointer + "/" + std::to_string(i));
  }

  void checkNumber(const json& schema, double number, const std::string& pointer) {
    if (auto min = schema.find("minimum"); min != schema.end() && number < min->get<double>())
      add(pointer, "must be at least " + min->dump());
    if (auto max = schema.find("maximum"); max != schema.end() && number > max->get<double>())
      add(pointer, "must be at most " + max->dump());
    if (auto min = schema.find("exclusiveMinimum"); min != schema.end() && number <= min->get<double>())
      add(pointer, "must be greater than " + min->dump());
  }

  void checkString(const json& schema, const std::string& text, const std::string& pointer) {
    std::size_t length = utf8Length(text);
    if (auto min = schema.find("minLength"); min != schema.end() && length < min->get<std::size_t>())
      add(pointer, min->get<std::size_t>() == 1 ? "must not be empty"
                                                : "must be at least " + min->dump() + " characters long");
    if (auto max = schema.find("maxLength"); max != schema.end() && length > max->get<std::size_t>())
      add(pointer, "must be at most " + max->dump() + " characters long");
    if (auto pattern = schema.find("pattern"); pattern != schema.end()) {
      std::regex re(pattern->get<std::string>(), std::regex::ECMAScript);
      if (!std::regex_search(text, re))
        add(pointer, "'" + text + "' does not match the pattern " + pattern->get<std::string>());
    }
  }

  // Runs `schema` against `value` on the side, without reporting.
  std::vector<SchemaProblem> trial(const json& schema, const json& value, const std::string& pointer) {
    Checker side(root_, limit_);
    side.check(schema, value, pointer);
    return std::move(side.problems);
  }

  void checkOneOf(const json& branches, const json& value, const std::string& pointer) {
    std::vector<std::string> names = requiredOnlyBranches(branches);
    if (!names.empty() && value.is_object()) {
      std::vector<std::string> present;
      for (const std::string& name : names)
        if (value.contains(name)) present.push_back("'" + name + "'");
      if (present.size() == 1) return;
      std::vector<std::string> quoted;
      for (const std::string& name : names) quoted.push_back("'" + name + "'");
      add(pointer, present.empty() ? "needs one of " + joined(quoted, "or")
                                   : "has " + joined(present, "and") + ": give only one");
      return;
    }
    std::vector<std::vector<SchemaProblem>> failures;
    for (const json& branch : branches) failures.push_back(trial(branch, value, pointer));
    std::size_t matched = 0;
    for (const auto& f : failures) matched += f.empty() ? 1 : 0;
    if (matched == 1) return;
    if (matched > 1) return add(pointer, "matches more than one of the allowed forms");
    describeNoMatch(failures, pointer);
  }

  void checkAnyOf(const json& branches, const json& value, const std::string& pointer) {
    std::vector<std::vector<SchemaProblem>> failures;
    for (const json& branch : branches) {
      failures.push_back(trial(branch, value, pointer));
      if (failures.back().empty()) return;
    }
    describeNoMatch(failures, pointer);
  }

  void describeNoMatch(const std::vector<std::vector<SchemaProblem>>& failures,
                       const std::string& pointer) {
    std::string message = "matches none of the allowed forms:";
    for (std::size_t i = 0; i < failures.size(); ++i) {
      const SchemaProblem& first = failures[i].front();
      message += " (" + std::to_string(i + 1) + ") " +
                 (first.pointer == pointer ? "" : first.pointer + " ") + first.message;
      if (i + 1 < failures.size()) message += ";";
    }
    add(pointer, message);
  }

  const json& root_;
  std::size_t limit_;
};

}  // namespace

std::vector<SchemaProblem> JsonSchema::check(const stepsim::Json& value, std::size_t limit) const {
  Checker checker(root_, limit);
  checker.check(root_, value, "");
  return std::move(checker.problems);
}

}  // namespace stepsim::core
