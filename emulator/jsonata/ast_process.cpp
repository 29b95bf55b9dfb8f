// Reshapes the parse tree as jsonata-js's processAST does: chains of `.` become one Path, `[...]`
// filters attach to the step they follow, `{...}` grouping, `^(...)` sorting, `@` and `#` bindings
// become annotations of steps.
#include "emulator/jsonata/ast.h"

namespace stepsim::jsonata {

namespace {

NodePtr process(const NodePtr& node);

NodePtr makePath(const NodePtr& first) {
  auto path = std::make_shared<Node>();
  path->kind = NodeKind::Path;
  path->position = first->position;
  path->depth = first->depth + 1;
  path->items.push_back(first);
  return path;
}

Node& lastStep(const NodePtr& path) { return *path->items.back(); }

NodePtr processDot(const NodePtr& node) {
  NodePtr left = process(node->lhs);
  NodePtr path = left->kind == NodeKind::Path ? left : makePath(left);
  NodePtr rest = process(node->rhs);
  if (rest->kind == NodeKind::Path) {
    path->items.insert(path->items.end(), rest->items.begin(), rest->items.end());
  } else {
    for (NodePtr& predicate : rest->predicates) rest->stages.push_back(Stage{predicate, "", predicate->position});
    rest->predicates.clear();
    path->items.push_back(rest);
  }
  for (const NodePtr& step : path->items) {
    if (step->kind == NodeKind::Literal && !step->isStringLiteral)
      throw Error("S0213", step->position, step->text,
                  "The literal value " + step->text + " cannot be used as a step within a path expression");
    if (step->kind == NodeKind::Literal) {
      step->kind = NodeKind::Name;
      step->text = std::string(step->literal.string());
    }
    if (step->keepArray) path->keepSingletonArray = true;
  }
  if (path->items.front()->kind == NodeKind::ArrayConstructor) path->items.front()->consArray = true;
  if (path->items.back()->kind == NodeKind::ArrayConstructor) path->items.back()->consArray = true;
  return path;
}

NodePtr processPredicate(const NodePtr& node) {
  NodePtr result = process(node->lhs);
  bool onPath = result->kind == NodeKind::Path;
  Node& step = onPath ? lastStep(result) : *result;
  if (step.group)
    throw Error("S0209", node->position, "[", "A predicate cannot follow a grouping expression in a step");
  NodePtr predicate = process(node->rhs);
  if (onPath) step.stages.push_back(Stage{predicate, "", node->position});
  else step.predicates.push_back(predicate);
  return result;
}

NodePtr processFocus(const NodePtr& node) {
  NodePtr result = process(node->lhs);
  Node& step = result->kind == NodeKind::Path ? lastStep(result) : *result;
  if (!step.stages.empty() || !step.predicates.empty())
    throw Error("S0215", node->position, "@", "A context variable binding must precede any predicates on a step");
  if (step.kind == NodeKind::Sort)
    throw Error("S0216", node->position, "@",
                "A context variable binding must precede the 'order-by' clause on a step");
  if (node->keepArray) step.keepArray = true;
  step.focus = node->rhs->text;
  step.tuple = true;
  return result;
}

NodePtr processIndexBind(const NodePtr& node) {
  NodePtr result = process(node->lhs);
  if (result->kind != NodeKind::Path) {
    result = makePath(result);
    Node& only = lastStep(result);
    for (NodePtr& predicate : only.predicates) only.stages.push_back(Stage{predicate, "", predicate->position});
    only.predicates.clear();
  }
  Node& step = lastStep(result);
  if (step.stages.empty()) step.indexVar = node->rhs->text;
  else step.stages.push_back(Stage{nullptr, node->rhs->text, node->position});
  step.tuple = true;
  return result;
}

NodePtr processOrderBy(const NodePtr& node) {
  NodePtr result = process(node->lhs);
  if (result->kind != NodeKind::Path) result = makePath(result);
  auto sort = std::make_shared<Node>();
  sort->kind = NodeKind::Sort;
  sort->position = node->position;
  for (const SortTerm& term : node->terms) sort->terms.push_back(SortTerm{term.descending, process(term.expression)});
  result->items.push_back(sort);
  return result;
}

NodePtr processChildren(const NodePtr& node) {
  for (NodePtr* child : {&node->lhs, &node->rhs, &node->condition, &node->then, &node->otherwise, &node->procedure,
                         &node->body, &node->pattern, &node->update, &node->remove})
    if (*child) *child = process(*child);
  for (NodePtr& item : node->items)
    if (item->kind != NodeKind::Placeholder) item = process(item);
  for (auto& [key, value] : node->pairs) {
    key = process(key);
    value = process(value);
  }
  return node;
}

NodePtr processNode(const NodePtr& node) {
  switch (node->kind) {
    case NodeKind::Dot: return processDot(node);
    case NodeKind::Predicate: return processPredicate(node);
    case NodeKind::Focus: return processFocus(node);
    case NodeKind::IndexBind: return processIndexBind(node);
    case NodeKind::OrderBy: return processOrderBy(node);
    case NodeKind::GroupBy: {
      NodePtr result = process(node->lhs);
      if (result->group)
        throw Error("S0210", node->position, "{", "Each step can only have one grouping expression");
      auto group = std::make_shared<GroupBy>();
      group->position = node->position;
      for (const auto& [key, value] : node->pairs) group->pairs.emplace_back(process(key), process(value));
      result->group = std::move(group);
      return result;
    }
    case NodeKind::Apply: {
      processChildren(node);
      node->keepArray = node->lhs->keepArray || node->rhs->keepArray;
      return node;
    }
    case NodeKind::Negate: {
      processChildren(node);
      const NodePtr& operand = node->lhs;
      if (operand->kind == NodeKind::Literal && operand->literal.isNumber() && operand->predicates.empty()) {
        operand->literal = Value::number(-operand->literal.number());
        operand->text = "-" + operand->text;
        return operand;
      }
      return node;
    }
    case NodeKind::Block: {
      processChildren(node);
      for (const NodePtr& item : node->items)
        if (item->consArray || (item->kind == NodeKind::Path && item->items.front()->consArray)) node->consArray = true;
      return node;
    }
    case NodeKind::KeywordName:
      node->kind = NodeKind::Name;
      [[fallthrough]];
    case NodeKind::Name: {
      NodePtr path = makePath(node);
      if (node->keepArray) path->keepSingletonArray = true;
      return path;
    }
    case NodeKind::End: throw Error("S0207", node->position, "(end)", "Unexpected end of expression");
    default: return processChildren(node);
  }
}

NodePtr process(const NodePtr& node) {
  bool keepArray = node->keepArray;
  NodePtr result = processNode(node);
  if (keepArray) result->keepArray = true;
  return result;
}

// Marks the paths within which `%` occurs; returns whether it occurs under `node`.
bool markParentPaths(Node& node) {
  bool found = node.kind == NodeKind::Parent;
  forEachChild(node, [&](const NodePtr& child) { found = markParentPaths(*child) || found; });
  if (node.kind == NodeKind::Path) node.usesParent = found;
  return found;
}

}  // namespace

NodePtr processTree(const NodePtr& raw) {
  NodePtr tree = process(raw);
  markParentPaths(*tree);
  return tree;
}

}  // namespace stepsim::jsonata
