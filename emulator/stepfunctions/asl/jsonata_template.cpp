#include "emulator/stepfunctions/asl/jsonata_template.h"

#include <optional>
#include <vector>

#include "emulator/core/json.h"
#include "emulator/core/json_text.h"
#include "emulator/jsonata/jsonata.h"
#include "emulator/stepfunctions/asl/errors.h"
#include "emulator/stepfunctions/asl/template_tree.h"
#include "emulator/stepfunctions/asl/variables.h"

namespace stepsim::sfn {

using json = stepsim::Json;

struct JsonataTemplate::Node {
  // Declared here, defined below where Node is complete: clang 14 would otherwise check the
  // vector<pair<string, Node>> member's destructibility while Node is still incomplete.
  Node();
  enum class Kind : std::uint8_t { Static, Object, Array, Expression } kind = Kind::Static;
  json value;                                        // Static
  std::vector<std::pair<std::string, Node>> fields;  // Object
  std::vector<Node> items;                           // Array
  std::string field;                                 // where it is, for messages
  std::string text;                                  // Expression: between {% and %}, trimmed
  std::optional<jsonata::Expression> expression;
  std::vector<std::string> variables;  // Expression: the workflow variables it reads
};

JsonataTemplate::Node::Node() = default;

namespace {

using Node = JsonataTemplate::Node;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

Node compile(const json& value, const std::string& field) {
  Node node;
  node.field = field;
  if (isJsonataExpression(value)) {
    const auto& whole = value.get_ref<const std::string&>();
    node.kind = Node::Kind::Expression;
    node.text = std::string(trim(std::string_view(whole).substr(2, whole.size() - 4)));
    try {
      node.expression = jsonata::Expression::compile(node.text);
    } catch (const jsonata::Error& e) {
      throw AslSyntaxError("The JSONata expression '" + node.text + "' specified for the field '" +
                           field + "' is invalid: " + e.code() + " at position " +
                           std::to_string(e.position()) + ": " + e.what());
    }
    // Step Functions runs JSONata without $eval (the AWS developer guide lists it as unsupported).
    for (const std::string& name : node.expression->builtinsUsed())
      if (name == "eval")
        throw AslSyntaxError("The JSONata expression '" + node.text + "' specified for the field '" +
                             field + "' uses the function $eval, which Step Functions does not support");
    for (const std::string& name : node.expression->freeVariables())
      if (name != "states") node.variables.push_back(name);
    return node;
  }
  if (value.is_object() && containsJsonataExpression(value)) {
    node.kind = Node::Kind::Object;
    for (const auto& [key, child] : value.items())
      node.fields.emplace_back(key, compile(child, field + "/" + key));
    return node;
  }
  if (value.is_array() && containsJsonataExpression(value)) {
    node.kind = Node::Kind::Array;
    for (std::size_t i = 0; i < value.size(); ++i)
      node.items.push_back(compile(value[i], field + "/" + std::to_string(i)));
    return node;
  }
  node.value = value;
  return node;
}

StatesError queryError(const Node& node, const std::string& what) {
  StatesError error(std::string(kStatesQueryEvaluationError),
                    "The JSONata expression '" + node.text + "' specified for the field '" +
                        node.field + "' " + what);
  error.location = node.field;
  return error;
}

json evalExpression(const Node& node, const JsonataInputs& in) {
  static const jsonata::Environment kNoEnvironment;
  jsonata::Binding states{"states", nullptr, {{"input", &in.input}, {"context", &in.context}}};
  if (in.result) states.members.emplace_back("result", in.result);
  if (in.errorOutput) states.members.emplace_back("errorOutput", in.errorOutput);
  jsonata::Bindings bindings;
  bindings.reserve(1 + node.variables.size());
  bindings.push_back(std::move(states));
  if (in.variables)
    for (const std::string& name : node.variables)
      if (const json* value = in.variables->find(name)) bindings.push_back({name, value, {}});
  std::optional<json> out;
  try {
    out = node.expression->evaluate(in.input, bindings,
                                    in.environment ? *in.environment : kNoEnvironment);
  } catch (const jsonata::Error& e) {
    // A function has no JSON value: AWS calls that a result type it does not support.
    if (std::string_view(e.code()) == "T2015") throw queryError(node, "returned an unsupported result type.");
    throw queryError(node, std::string("threw an error during evaluation. ") + e.code() + ": " +
                               e.what());
  }
  if (!out) throw queryError(node, "returned nothing (undefined).");
  return std::move(*out);
}

json eval(const Node& node, const JsonataInputs& in) {
  switch (node.kind) {
    case Node::Kind::Static:
      return node.value;
    case Node::Kind::Object:
      return evalObjectNode(node.fields, [&](const Node& child) { return eval(child, in); });
    case Node::Kind::Array:
      return evalArrayNode(node.items, [&](const Node& child) { return eval(child, in); });
    case Node::Kind::Expression:
      return evalExpression(node, in);
  }
  return nullptr;
}

void collect(const Node& node, std::set<std::string>& out) {
  out.insert(node.variables.begin(), node.variables.end());
  for (const auto& [key, child] : node.fields) collect(child, out);
  for (const Node& child : node.items) collect(child, out);
}

}  // namespace

JsonataTemplate JsonataTemplate::parse(const json& value, std::string field) {
  return JsonataTemplate(std::make_shared<const Node>(compile(value, field)));
}

json JsonataTemplate::evaluate(const JsonataInputs& in) const { return eval(*root_, in); }

const std::string& JsonataTemplate::expressionText() const { return root_->text; }
const std::string& JsonataTemplate::field() const { return root_->field; }
bool JsonataTemplate::isStatic() const { return root_->kind == Node::Kind::Static; }

void JsonataTemplate::collectVariables(std::set<std::string>& out) const { collect(*root_, out); }

bool isJsonataExpression(const json& value) {
  if (!value.is_string()) return false;
  const auto& s = value.get_ref<const std::string&>();
  return s.size() >= 4 && s.compare(0, 2, "{%") == 0 && s.compare(s.size() - 2, 2, "%}") == 0;
}

bool containsJsonataExpression(const json& value) {
  if (isJsonataExpression(value)) return true;
  if (value.is_structured())
    for (const json& member : value)
      if (containsJsonataExpression(member)) return true;
  return false;
}

std::string jsonataTypeName(const json& value) {
  switch (value.type()) {
    case json::value_t::string: return "string";
    case json::value_t::boolean: return "boolean";
    case json::value_t::null: return "null";
    case json::value_t::array: return "array";
    case json::value_t::object: return "object";
    default: return "number";
  }
}

std::string unexpectedTypeCause(const JsonataTemplate& tmpl, std::string_view expected,
                                const json& value) {
  std::string head = tmpl.expressionText().empty()
                         ? "The field '" + tmpl.field() + "'"
                         : "The JSONata expression '" + tmpl.expressionText() +
                               "' specified for the field '" + tmpl.field() + "'";
  return head + " returned an unexpected result type. Expected '" + std::string(expected) +
         "', but was '" + jsonataTypeName(value) + "' for value: " + core::serializeJson(value);
}

}  // namespace stepsim::sfn
