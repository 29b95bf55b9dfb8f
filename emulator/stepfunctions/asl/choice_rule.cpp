#include "emulator/stepfunctions/asl/choice_rule.h"

#include <vector>

#include "emulator/core/json.h"
#include "emulator/stepfunctions/asl/errors.h"
#include "emulator/stepfunctions/asl/variables.h"
#include "emulator/stepfunctions/asl/json_path.h"

namespace stepsim::sfn {

using json = stepsim::Json;

namespace {

enum class Type : std::uint8_t { String, Matches, Numeric, Boolean, Timestamp, Is };
enum class Cmp : std::uint8_t { Eq, Lt, Gt, Le, Ge };
enum class Is : std::uint8_t { None, Null, Present, Numeric, String, Boolean, Timestamp };

struct OpInfo {
  std::string_view name;
  Type type;
  Cmp cmp;
  bool path;  // the "...Path" form: the operand is a reference path
  Is is;
};

constexpr OpInfo kOperators[] = {
    {"StringEquals", Type::String, Cmp::Eq, false, Is::None},
    {"StringEqualsPath", Type::String, Cmp::Eq, true, Is::None},
    {"StringLessThan", Type::String, Cmp::Lt, false, Is::None},
    {"StringLessThanPath", Type::String, Cmp::Lt, true, Is::None},
    {"StringGreaterThan", Type::String, Cmp::Gt, false, Is::None},
    {"StringGreaterThanPath", Type::String, Cmp::Gt, true, Is::None},
    {"StringLessThanEquals", Type::String, Cmp::Le, false, Is::None},
    {"StringLessThanEqualsPath", Type::String, Cmp::Le, true, Is::None},
    {"StringGreaterThanEquals", Type::String, Cmp::Ge, false, Is::None},
    {"StringGreaterThanEqualsPath", Type::String, Cmp::Ge, true, Is::None},
    {"StringMatches", Type::Matches, Cmp::Eq, false, Is::None},
    {"NumericEquals", Type::Numeric, Cmp::Eq, false, Is::None},
    {"NumericEqualsPath", Type::Numeric, Cmp::Eq, true, Is::None},
    {"NumericLessThan", Type::Numeric, Cmp::Lt, false, Is::None},
    {"NumericLessThanPath", Type::Numeric, Cmp::Lt, true, Is::None},
    {"NumericGreaterThan", Type::Numeric, Cmp::Gt, false, Is::None},
    {"NumericGreaterThanPath", Type::Numeric, Cmp::Gt, true, Is::None},
    {"NumericLessThanEquals", Type::Numeric, Cmp::Le, false, Is::None},
    {"NumericLessThanEqualsPath", Type::Numeric, Cmp::Le, true, Is::None},
    {"NumericGreaterThanEquals", Type::Numeric, Cmp::Ge, false, Is::None},
    {"NumericGreaterThanEqualsPath", Type::Numeric, Cmp::Ge, true, Is::None},
    {"BooleanEquals", Type::Boolean, Cmp::Eq, false, Is::None},
    {"BooleanEqualsPath", Type::Boolean, Cmp::Eq, true, Is::None},
    {"TimestampEquals", Type::Timestamp, Cmp::Eq, false, Is::None},
    {"TimestampEqualsPath", Type::Timestamp, Cmp::Eq, true, Is::None},
    {"TimestampLessThan", Type::Timestamp, Cmp::Lt, false, Is::None},
    {"TimestampLessThanPath", Type::Timestamp, Cmp::Lt, true, Is::None},
    {"TimestampGreaterThan", Type::Timestamp, Cmp::Gt, false, Is::None},
    {"TimestampGreaterThanPath", Type::Timestamp, Cmp::Gt, true, Is::None},
    {"TimestampLessThanEquals", Type::Timestamp, Cmp::Le, false, Is::None},
    {"TimestampLessThanEqualsPath", Type::Timestamp, Cmp::Le, true, Is::None},
    {"TimestampGreaterThanEquals", Type::Timestamp, Cmp::Ge, false, Is::None},
    {"TimestampGreaterThanEqualsPath", Type::Timestamp, Cmp::Ge, true, Is::None},
    {"IsNull", Type::Is, Cmp::Eq, false, Is::Null},
    {"IsPresent", Type::Is, Cmp::Eq, false, Is::Present},
    {"IsNumeric", Type::Is, Cmp::Eq, false, Is::Numeric},
    {"IsString", Type::Is, Cmp::Eq, false, Is::String},
    {"IsBoolean", Type::Is, Cmp::Eq, false, Is::Boolean},
    {"IsTimestamp", Type::Is, Cmp::Eq, false, Is::Timestamp},
};

const OpInfo* findOperator(std::string_view name) {
  for (const OpInfo& op : kOperators) {
    if (op.name == name) return &op;
  }
  return nullptr;
}

// StringMatches: '*' matches any run of characters; "\*" is a literal star, "\\" a backslash.
struct Glob {
  std::vector<std::string> parts;  // the literal text between the stars
};

Glob compileGlob(std::string_view pattern) {
  Glob g;
  g.parts.emplace_back();
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size() && (pattern[i + 1] == '*' || pattern[i + 1] == '\\')) {
      g.parts.back() += pattern[++i];
    } else if (c == '*') {
      g.parts.emplace_back();
    } else {
      g.parts.back() += c;
    }
  }
  return g;
}

bool globMatches(const Glob& g, std::string_view s) {
  const auto& parts = g.parts;
  if (parts.size() == 1) return s == parts[0];
  const std::string& first = parts.front();
  const std::string& last = parts.back();
  if (s.size() < first.size() + last.size()) return false;
  if (s.substr(0, first.size()) != first) return false;
  if (s.substr(s.size() - last.size()) != last) return false;
  size_t pos = first.size();
  size_t limit = s.size() - last.size();
  for (size_t i = 1; i + 1 < parts.size(); ++i) {
    const std::string& part = parts[i];
    if (part.empty()) continue;
    size_t found = s.find(part, pos);
    if (found == std::string_view::npos || found + part.size() > limit) return false;
    pos = found + part.size();
  }
  return true;
}

int compareNumbers(const json& a, const json& b) {
  if (a.is_number_integer() && b.is_number_integer()) {
    if (!a.is_number_unsigned() && !b.is_number_unsigned()) {
      auto x = a.get<std::int64_t>(), y = b.get<std::int64_t>();
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    if (a.is_number_unsigned() && b.is_number_unsigned()) {
      auto x = a.get<std::uint64_t>(), y = b.get<std::uint64_t>();
      return x < y ? -1 : (x > y ? 1 : 0);
    }
  }
  double x = a.get<double>(), y = b.get<double>();
  return x < y ? -1 : (x > y ? 1 : 0);
}

template <typename T>
bool holds(Cmp cmp, const T& a, const T& b) {
  switch (cmp) {
    case Cmp::Eq:
      return a == b;
    case Cmp::Lt:
      return a < b;
    case Cmp::Gt:
      return b < a;
    case Cmp::Le:
      return !(b < a);
    case Cmp::Ge:
      return !(a < b);
  }
  return false;
}

bool holdsInt(Cmp cmp, int c) {
  return holds(cmp, c, 0);
}

std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

std::optional<Instant> parseChoiceTimestamp(std::string_view s) {
  size_t pos = 0;
  auto digits = [&](size_t n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (size_t i = 0; i < n; ++i) {
      char c = s[pos + i];
      if (c < '0' || c > '9') return false;
      out = out * 10 + (c - '0');
    }
    pos += n;
    return true;
  };
  auto lit = [&](char c) {
    if (pos >= s.size() || s[pos] != c) return false;
    ++pos;
    return true;
  };
  int year, month, day, hour, minute, second;
  if (!digits(4, year) || !lit('-') || !digits(2, month) || !lit('-') || !digits(2, day) ||
      !lit('T') || !digits(2, hour) || !lit(':') || !digits(2, minute) || !lit(':') ||
      !digits(2, second))
    return std::nullopt;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1] ||
      (month == 2 && day == 29 && !leap) || hour > 23 || minute > 59 || second > 59)
    return std::nullopt;
  std::int32_t nanos = 0;
  if (lit('.')) {
    size_t begin = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (pos - begin < 9) nanos = nanos * 10 + (s[pos] - '0');
      ++pos;
    }
    size_t count = pos - begin;
    if (count == 0) return std::nullopt;
    for (size_t i = count; i < 9; ++i) nanos *= 10;
  }
  std::int64_t offset = 0;
  if (!lit('Z')) {
    if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-')) return std::nullopt;
    int sign = s[pos] == '+' ? 1 : -1;
    ++pos;
    int oh, om;
    if (!digits(2, oh) || !lit(':') || !digits(2, om) || oh > 23 || om > 59) return std::nullopt;
    offset = sign * (oh * 3600LL + om * 60LL);
  }
  if (pos != s.size()) return std::nullopt;
  std::int64_t seconds =
      daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
      hour * 3600LL + minute * 60LL + second - offset;
  return Instant{seconds, nanos};
}

struct ChoiceRule::Node {
  enum class Kind : std::uint8_t { And, Or, Not, Compare } kind = Kind::Compare;
  std::vector<Node> kids;
  JsonPath variable;
  const OpInfo* op = nullptr;
  json operand;          // the literal operand
  JsonPath operandPath;  // ...Path forms
  Instant instant{};     // Timestamp* with a literal operand
  Glob glob;             // StringMatches
  bool expected = true;  // Is*
};

namespace {

using Node = ChoiceRule::Node;

Node parseRule(const json& rule, bool topLevel, std::optional<std::string>* next) {
  if (!rule.is_object()) throw AslSyntaxError("A Choice Rule must be a JSON object");
  const char* combinator = nullptr;
  const OpInfo* op = nullptr;
  std::vector<std::string> operators;
  for (const auto& [key, value] : rule.items()) {
    if (key == "And" || key == "Or" || key == "Not") {
      operators.push_back(key);
    } else if (const OpInfo* found = findOperator(key)) {
      operators.push_back(key);
      op = found;
    } else if (key == "Variable" || key == "Comment") {
    } else if (key == "Assign" && topLevel) {  // the state's compiler takes it
    } else if (key == "Next") {
      if (!topLevel) {
        throw AslSyntaxError(
            "The field 'Next' is only allowed in a top-level Choice Rule, not in a rule nested "
            "inside And, Or or Not");
      }
      if (!value.is_string())
        throw AslSyntaxError("The value for the field 'Next' must be a string");
      if (next) *next = value.get<std::string>();
    } else {
      throw AslSyntaxError("The field '" + key + "' is not supported in a Choice Rule");
    }
  }
  if (operators.size() != 1) {
    std::string msg =
        "A Choice Rule must contain exactly one comparison operator (such as StringEquals or "
        "IsPresent) or one of And, Or, Not";
    if (operators.empty()) throw AslSyntaxError(msg + ", but has none");
    msg += ", but has ";
    for (size_t i = 0; i < operators.size(); ++i) {
      if (i) msg += i + 1 == operators.size() ? " and " : ", ";
      msg += "'" + operators[i] + "'";
    }
    throw AslSyntaxError(msg);
  }
  Node node;
  const std::string& opName = operators[0];
  if (!op) {
    combinator = opName == "And" ? "And" : (opName == "Or" ? "Or" : "Not");
    if (rule.contains("Variable")) {
      throw AslSyntaxError(
          std::string("The field 'Variable' is not allowed in a Choice Rule with '") + combinator +
          "'");
    }
    const json& value = rule.at(opName);
    if (opName == "Not") {
      if (!value.is_object()) {
        throw AslSyntaxError("The value for the field 'Not' must be a Choice Rule (a JSON object)");
      }
      node.kind = Node::Kind::Not;
      node.kids.push_back(parseRule(value, false, nullptr));
      return node;
    }
    if (!value.is_array() || value.empty()) {
      throw AslSyntaxError("The value for the field '" + opName +
                           "' must be a non-empty array of Choice Rules");
    }
    node.kind = opName == "And" ? Node::Kind::And : Node::Kind::Or;
    for (const json& child : value) node.kids.push_back(parseRule(child, false, nullptr));
    return node;
  }

  node.kind = Node::Kind::Compare;
  node.op = op;
  auto var = rule.find("Variable");
  if (var == rule.end()) {
    throw AslSyntaxError("The field 'Variable' is required in a Choice Rule with '" + opName + "'");
  }
  auto asReferencePath = [](const json& value, const std::string& field) {
    if (!value.is_string()) {
      throw AslSyntaxError("The value for the field '" + field + "' must be a valid JSONPath");
    }
    try {
      return parseReferencePath(value.get_ref<const std::string&>());
    } catch (const AslSyntaxError& e) {
      throw AslSyntaxError("The value for the field '" + field + "' must be a valid JSONPath (" +
                           e.what() + ")");
    }
  };
  node.variable = asReferencePath(*var, "Variable");
  const json& operand = rule.at(opName);
  if (op->path) {
    node.operandPath = asReferencePath(operand, opName);
    return node;
  }
  auto mustBe = [&](const char* what) {
    return AslSyntaxError("The value for the field '" + opName + "' must be " + what);
  };
  switch (op->type) {
    case Type::String:
      if (!operand.is_string()) throw mustBe("a string");
      break;
    case Type::Matches:
      if (!operand.is_string()) throw mustBe("a string");
      node.glob = compileGlob(operand.get_ref<const std::string&>());
      break;
    case Type::Numeric:
      if (!operand.is_number()) throw mustBe("a number");
      break;
    case Type::Boolean:
      if (!operand.is_boolean()) throw mustBe("a boolean");
      break;
    case Type::Timestamp: {
      if (!operand.is_string()) throw mustBe("a timestamp string, such as 2016-03-14T01:59:00Z");
      auto instant = parseChoiceTimestamp(operand.get_ref<const std::string&>());
      if (!instant) throw mustBe("a valid RFC 3339 timestamp, such as 2016-03-14T01:59:00Z");
      node.instant = *instant;
      break;
    }
    case Type::Is:
      if (!operand.is_boolean()) throw mustBe("a boolean");
      node.expected = operand.get<bool>();
      break;
  }
  node.operand = operand;
  return node;
}

// The data a rule reads: the effective input, $$ and the workflow variables.
struct Sources {
  const json& input;
  const json& context;
  const VariableLookup* variables;
};

const json* resolve(const JsonPath& path, const Sources& in, json& scratch) {
  return path.evaluate(pathRoot(path, in.input, in.context, in.variables), scratch);
}

bool isTimestamp(const json& v) {
  return v.is_string() && parseChoiceTimestamp(v.get_ref<const std::string&>()).has_value();
}

bool evalRule(const Node& node, const Sources& in) {
  switch (node.kind) {
    case Node::Kind::And:
      for (const Node& kid : node.kids) {
        if (!evalRule(kid, in)) return false;
      }
      return true;
    case Node::Kind::Or:
      for (const Node& kid : node.kids) {
        if (evalRule(kid, in)) return true;
      }
      return false;
    case Node::Kind::Not:
      return !evalRule(node.kids[0], in);
    case Node::Kind::Compare:
      break;
  }
  const OpInfo& op = *node.op;
  json scratch;
  const json* value = resolve(node.variable, in, scratch);
  if (op.is == Is::Present) return (value != nullptr) == node.expected;
  if (!value) {
    throw StatesError(std::string(kStatesRuntime),
                      "Invalid path '" + node.variable.text() +
                          "': The choice state's condition path references an invalid value.");
  }
  switch (op.is) {
    case Is::Null:
      return value->is_null() == node.expected;
    case Is::Numeric:
      return value->is_number() == node.expected;
    case Is::String:
      return value->is_string() == node.expected;
    case Is::Boolean:
      return value->is_boolean() == node.expected;
    case Is::Timestamp:
      return isTimestamp(*value) == node.expected;
    default:
      break;
  }
  const json* other = &node.operand;
  json otherScratch;
  if (op.path) {
    other = resolve(node.operandPath, in, otherScratch);
    if (!other) {
      throw StatesError(std::string(kStatesRuntime),
                        "Invalid path '" + node.operandPath.text() +
                            "': The choice state's comparison path references an invalid value.");
    }
  }
  switch (op.type) {
    case Type::String:
      if (!value->is_string() || !other->is_string()) return false;
      return holds(op.cmp, value->get_ref<const std::string&>(),
                   other->get_ref<const std::string&>());
    case Type::Matches:
      return value->is_string() && globMatches(node.glob, value->get_ref<const std::string&>());
    case Type::Numeric:
      if (!value->is_number() || !other->is_number()) return false;
      return holdsInt(op.cmp, compareNumbers(*value, *other));
    case Type::Boolean:
      if (!value->is_boolean() || !other->is_boolean()) return false;
      return value->get<bool>() == other->get<bool>();
    case Type::Timestamp: {
      if (!value->is_string()) return false;
      auto a = parseChoiceTimestamp(value->get_ref<const std::string&>());
      if (!a) return false;
      Instant b = node.instant;
      if (op.path) {
        if (!other->is_string()) return false;
        auto parsed = parseChoiceTimestamp(other->get_ref<const std::string&>());
        if (!parsed) return false;
        b = *parsed;
      }
      return holds(op.cmp, *a, b);
    }
    case Type::Is:
      break;
  }
  return false;
}

}  // namespace

ChoiceRule ChoiceRule::parse(const json& rule, bool topLevel) {
  std::optional<std::string> next;
  auto root = std::make_shared<const Node>(parseRule(rule, topLevel, &next));
  return ChoiceRule(std::move(root), std::move(next));
}

bool ChoiceRule::matches(const json& input, const json& context,
                         const VariableLookup* variables) const {
  return evalRule(*root_, Sources{input, context, variables});
}

}  // namespace stepsim::sfn
