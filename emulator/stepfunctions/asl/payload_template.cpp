#include "emulator/stepfunctions/asl/payload_template.h"

#include <optional>
#include <string>
#include <vector>

#include "emulator/core/json.h"
#include "emulator/stepfunctions/asl/errors.h"
#include "emulator/stepfunctions/asl/json_path.h"
#include "emulator/stepfunctions/asl/template_tree.h"
#include "emulator/stepfunctions/asl/variables.h"

namespace stepsim::sfn {

using json = stepsim::Json;

struct PayloadTemplate::Node {
  // Declared here, defined below where Node is complete: clang 14 would otherwise check the
  // vector<pair<string, Node>> member's destructibility while Node is still incomplete.
  Node();
  enum class Kind : std::uint8_t { Static, Object, Array, Path, Intrinsic } kind = Kind::Static;
  json value;                                        // Static
  std::vector<std::pair<std::string, Node>> fields;  // Object (keys without ".$")
  std::vector<Node> items;                           // Array
  std::string field;                                 // Path: the key as written, "x.$"
  JsonPath path;                                     // Path
  std::optional<IntrinsicCall> call;                 // Intrinsic
};

PayloadTemplate::Node::Node() = default;

namespace {

using Node = PayloadTemplate::Node;

bool endsWithDollar(const std::string& key) {
  return key.size() >= 2 && key.compare(key.size() - 2, 2, ".$") == 0;
}

Node compile(const json& value) {
  Node node;
  if (value.is_object()) {
    bool dynamic = false;
    for (const auto& [key, child] : value.items()) {
      if (endsWithDollar(key)) {
        std::string name = key.substr(0, key.size() - 2);
        if (value.contains(name)) {
          throw AslSyntaxError("The field '" + name + "' is given both as '" + name + "' and as '" +
                               key + "'");
        }
        auto invalid = [&field = key](const std::string& detail) {  // clang 14 cannot capture a binding
          return AslSyntaxError("The value for the field '" + field +
                                "' must be a valid JSONPath or a valid intrinsic function call" +
                                (detail.empty() ? "" : " (" + detail + ")"));
        };
        if (!child.is_string()) throw invalid("");
        const auto& text = child.get_ref<const std::string&>();
        Node leaf;
        try {
          if (looksLikeIntrinsic(text)) {
            leaf.kind = Node::Kind::Intrinsic;
            leaf.call = IntrinsicCall::parse(text);
          } else {
            leaf.kind = Node::Kind::Path;
            leaf.field = key;
            leaf.path = JsonPath::parse(text);
          }
        } catch (const AslSyntaxError& e) {
          throw invalid(e.what());
        }
        node.fields.emplace_back(std::move(name), std::move(leaf));
        dynamic = true;
      } else {
        Node sub = compile(child);
        if (sub.kind != Node::Kind::Static) dynamic = true;
        node.fields.emplace_back(key, std::move(sub));
      }
    }
    if (!dynamic) {
      node.fields.clear();
      node.value = value;
      return node;
    }
    node.kind = Node::Kind::Object;
    return node;
  }
  if (value.is_array()) {
    bool dynamic = false;
    for (const json& child : value) {
      node.items.push_back(compile(child));
      if (node.items.back().kind != Node::Kind::Static) dynamic = true;
    }
    if (!dynamic) {
      node.items.clear();
      node.value = value;
      return node;
    }
    node.kind = Node::Kind::Array;
    return node;
  }
  node.value = value;
  return node;
}

json eval(const Node& node, const EvalContext& ctx) {
  switch (node.kind) {
    case Node::Kind::Static:
      return node.value;
    case Node::Kind::Object:
      return evalObjectNode(node.fields, [&](const Node& child) { return eval(child, ctx); });
    case Node::Kind::Array:
      return evalArrayNode(node.items, [&](const Node& child) { return eval(child, ctx); });
    case Node::Kind::Path: {
      const json& root = pathRoot(node.path, ctx);
      json scratch;
      const json* value = node.path.evaluate(root, scratch);
      if (!value) throw pathNotFoundError(node.path.text(), node.field, root);
      return value == &scratch ? std::move(scratch) : *value;
    }
    case Node::Kind::Intrinsic:
      return node.call->evaluate(ctx);
  }
  return nullptr;
}

}  // namespace

PayloadTemplate PayloadTemplate::parse(const json& tmpl) {
  return PayloadTemplate(std::make_shared<const Node>(compile(tmpl)));
}

json PayloadTemplate::evaluate(const EvalContext& ctx) const {
  return eval(*root_, ctx);
}

bool PayloadTemplate::isStatic() const {
  return root_->kind == Node::Kind::Static;
}

}  // namespace stepsim::sfn
