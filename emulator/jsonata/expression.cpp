// The public surface (jsonata.h): compile once, evaluate many times.
#include <cmath>
#include <set>

#include "emulator/jsonata/evaluator.h"

namespace stepsim::jsonata {

struct Expression::Compiled {
  std::string text;
  std::shared_ptr<const Node> tree;
  std::vector<std::string> freeVariables;
  std::vector<std::string> builtinsUsed;
};

namespace {

// The `$name`s read but not bound by the expression itself, by lexical scope.
class FreeVariableCollector {
 public:
  void collect(const Node& tree) {
    scopes_.emplace_back();
    declareBindings(tree);
    visit(tree);
  }
  std::vector<std::string> freeVariables() const { return {free_.begin(), free_.end()}; }
  std::vector<std::string> builtinsUsed() const { return {builtins_.begin(), builtins_.end()}; }

 private:
  bool bound(const std::string& name) const {
    for (const auto& scope : scopes_)
      if (scope.count(name)) return true;
    return false;
  }

  // Every `$x := …` of a frame is visible to the whole frame: a lambda called later sees bindings made
  // after it was defined (`$f := function(){ $f() }`), so the frame's names are declared up front.
  void declareBindings(const Node& node) {
    if (node.kind == NodeKind::Bind) scopes_.back().insert(node.lhs->text);
    forEachChild(node, [&](const NodePtr& child) {
      if (child->kind != NodeKind::Block && child->kind != NodeKind::Lambda) declareBindings(*child);
    });
  }

  void visit(const Node& node) {
    switch (node.kind) {
      case NodeKind::Variable:
        if (node.text.empty() || node.text == "$" || bound(node.text)) break;
        if (FunctionRegistry::standard().find(node.text))
          builtins_.insert(node.text);
        else
          free_.insert(node.text);
        break;
      case NodeKind::Block:
        scopes_.emplace_back();
        forEachChild(node, [&](const NodePtr& child) { declareBindings(*child); });
        forEachChild(node, [&](const NodePtr& child) { visit(*child); });
        scopes_.pop_back();
        return;
      case NodeKind::Lambda:
        scopes_.emplace_back(node.params.begin(), node.params.end());
        if (node.body->kind != NodeKind::Block && node.body->kind != NodeKind::Lambda) declareBindings(*node.body);
        visit(*node.body);
        scopes_.pop_back();
        return;
      case NodeKind::Bind:
        visit(*node.rhs);
        scopes_.back().insert(node.lhs->text);
        return;
      case NodeKind::Path:
        // `@$v` and `#$i` bind for the steps after them (approximated as the enclosing scope).
        for (const NodePtr& step : node.items) {
          if (!step->focus.empty()) scopes_.back().insert(step->focus);
          if (!step->indexVar.empty()) scopes_.back().insert(step->indexVar);
          for (const Stage& stage : step->stages)
            if (!stage.indexVar.empty()) scopes_.back().insert(stage.indexVar);
        }
        break;
      default: break;
    }
    forEachChild(node, [&](const NodePtr& child) { visit(*child); });
  }

  std::vector<std::set<std::string>> scopes_;
  std::set<std::string> free_;
  std::set<std::string> builtins_;
};

}  // namespace

Expression Expression::compile(std::string_view text) {
  auto compiled = std::make_shared<Compiled>();
  compiled->text = std::string(text);
  compiled->tree = parseExpression(compiled->text);
  FreeVariableCollector collector;
  collector.collect(*compiled->tree);
  compiled->freeVariables = collector.freeVariables();
  compiled->builtinsUsed = collector.builtinsUsed();
  Expression expression;
  expression.compiled_ = std::move(compiled);
  return expression;
}

const std::string& Expression::text() const { return compiled_->text; }

const std::vector<std::string>& Expression::freeVariables() const { return compiled_->freeVariables; }

const std::vector<std::string>& Expression::builtinsUsed() const { return compiled_->builtinsUsed; }

std::optional<Json> Expression::evaluate(const Json& input, const Bindings& bindings,
                                         const Environment& environment) const {
  Evaluator evaluator(environment, FunctionRegistry::standard(), compiled_->tree);
  FramePtr root = evaluator.newFrame(nullptr);
  root->variables.reserve(bindings.size() + 1);
  for (const Binding& binding : bindings) {
    if (binding.value) {
      root->bind(binding.name, Value::borrow(*binding.value));
      continue;
    }
    auto members = std::make_shared<ObjectData>();
    members->reserve(binding.members.size());
    for (const auto& [name, value] : binding.members)
      if (value) members->set(std::string(name), Value::borrow(*value));
    root->bind(binding.name, Value::object(std::move(members)));
  }
  Value context = Value::borrow(input);
  // An array input is wrapped so that `$` is the whole array and paths map over its items.
  if (context.isArray()) context = Value::array({context}, Value::Sequence | Value::OuterWrapper);
  root->bind("$", context);
  evaluator.setRootFrame(root);

  Value result = evaluator.evaluate(*compiled_->tree, context, root);
  if (result.isUndefined()) return std::nullopt;
  if (result.isFunction())
    throw Error("T2015", 0, "", "The expression evaluates to a function, which has no JSON value");
  if (result.isNumber() && !std::isfinite(result.number()))
    throw Error("D1001", 0, "", "Number out of range: " + formatNumber(result.number()));
  return result.toJson();
}

}  // namespace stepsim::jsonata
