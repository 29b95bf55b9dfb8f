// Reshapes the parse tree as jsonata-js's processAST does: chains of `.` become one Path, `[...]`
// filters attach to the step they follow, `{...}` grouping, `^(...)` sorting, `@` and `#` bindings
// become annotations of steps, and each `%` is tied to the step whose input it reads.
#include "emulator/jsonata/ast.h"

namespace stepsim::jsonata {

namespace {

NodePtr process(const NodePtr& node);

[[noreturn]] void noParent(const Node& node) {
  throw Error("S0217", node.position, node.text,
              "The object representing the 'parent' cannot be derived from this expression");
}

// jsonata-js pushAncestry: a `%` in `value` still looking for its step looks past `result` too.
void pushAncestry(Node& result, const Node& value) {
  result.seekingParent.insert(result.seekingParent.end(), value.seekingParent.begin(), value.seekingParent.end());
  if (value.kind == NodeKind::Parent) result.seekingParent.push_back(value.slot);
}

// Moves `slot` up through `node`, a step (or the last expression of one) before the `%`: a name or
// wildcard is one level (the one reaching zero binds the slot), a `%` one more to climb, a block or
// path is searched from its end. Anything else has no parent to offer (S0217).
void seekParent(Node& node, const SlotPtr& slot) {
  switch (node.kind) {
    case NodeKind::Name:
    case NodeKind::Wildcard:
      if (--slot->level == 0) {
        if (node.ancestor) slot->label = node.ancestor->label;  // one binding serves both `%`
        node.ancestor = slot;
        node.tuple = true;
      }
      return;
    case NodeKind::Parent: ++slot->level; return;
    case NodeKind::Block:
      if (node.items.empty()) return;
      node.tuple = true;
      seekParent(*node.items.back(), slot);
      return;
    case NodeKind::Path:
      node.tuple = true;
      for (auto step = node.items.rbegin(); step != node.items.rend() && slot->level > 0; ++step)
        seekParent(**step, slot);
      return;
    default: noParent(node);
  }
}

// jsonata-js resolveAncestry: the `%` of a path's last step climb its earlier steps; what climbs
// past the first step is left for whatever encloses the path.
void resolveAncestry(Node& path) {
  const Node& last = *path.items.back();
  std::vector<SlotPtr> slots = last.seekingParent;
  if (last.kind == NodeKind::Parent) slots.push_back(last.slot);
  for (const SlotPtr& slot : slots) {
    auto index = static_cast<std::ptrdiff_t>(path.items.size()) - 2;
    while (slot->level > 0) {
      if (index < 0) {
        path.seekingParent.push_back(slot);
        break;
      }
      Node* step = path.items[static_cast<std::size_t>(index--)].get();
      // `@` steps keep their input as the context, so a run of them counts as one step.
      while (index >= 0 && !step->focus.empty() && !path.items[static_cast<std::size_t>(index)]->focus.empty())
        step = path.items[static_cast<std::size_t>(index--)].get();
      seekParent(*step, slot);
    }
  }
}

// The operands whose `%` look past `node` (jsonata-js pushes these; a lambda body, a transform, the
// procedure of a call, `~>` and grouping pairs keep theirs).
void gatherAncestry(Node& node) {
  auto push = [&node](const NodePtr& child) {
    if (child) pushAncestry(node, *child);
  };
  switch (node.kind) {
    case NodeKind::Binary: push(node.lhs); push(node.rhs); return;
    case NodeKind::Bind: push(node.rhs); return;
    case NodeKind::Negate: push(node.lhs); return;
    case NodeKind::Condition: push(node.condition); push(node.then); push(node.otherwise); return;
    case NodeKind::Coalesce:
    case NodeKind::Elvis: push(node.condition); push(node.otherwise); return;
    case NodeKind::ObjectConstructor:
      for (const auto& [key, value] : node.pairs) {
        push(key);
        push(value);
      }
      return;
    case NodeKind::ArrayConstructor:
    case NodeKind::Block:
    case NodeKind::FunctionCall:
    case NodeKind::PartialCall:
      for (const NodePtr& item : node.items) push(item);
      return;
    default: return;
  }
}

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
  if (left->kind == NodeKind::Parent) path->seekingParent = {left->slot};
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
  resolveAncestry(*path);
  return path;
}

NodePtr processPredicate(const NodePtr& node) {
  NodePtr result = process(node->lhs);
  bool onPath = result->kind == NodeKind::Path;
  Node& step = onPath ? lastStep(result) : *result;
  if (step.group)
    throw Error("S0209", node->position, "[", "A predicate cannot follow a grouping expression in a step");
  NodePtr predicate = process(node->rhs);
  if (!predicate->seekingParent.empty()) {
    // A `%` of the predicate one level up is the filtered step's input.
    for (const SlotPtr& slot : predicate->seekingParent) {
      if (slot->level == 1) seekParent(step, slot);
      else --slot->level;
    }
    pushAncestry(step, *predicate);
  }
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
  for (const SortTerm& term : node->terms) {
    sort->terms.push_back(SortTerm{term.descending, process(term.expression)});
    pushAncestry(*sort, *sort->terms.back().expression);
  }
  result->items.push_back(sort);
  resolveAncestry(*result);
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
      gatherAncestry(*node);
      return node;
    }
    case NodeKind::Block: {
      processChildren(node);
      for (const NodePtr& item : node->items)
        if (item->consArray || (item->kind == NodeKind::Path && item->items.front()->consArray)) node->consArray = true;
      gatherAncestry(*node);
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
    default:
      processChildren(node);
      gatherAncestry(*node);
      return node;
  }
}

NodePtr process(const NodePtr& node) {
  bool keepArray = node->keepArray;
  NodePtr result = processNode(node);
  if (keepArray) result->keepArray = true;
  return result;
}

}  // namespace

NodePtr processTree(const NodePtr& raw) {
  NodePtr tree = process(raw);
  // A `%` whose search climbed out of the whole expression has no parent at all.
  if (tree->kind == NodeKind::Parent || !tree->seekingParent.empty()) noParent(*tree);
  return tree;
}

}  // namespace stepsim::jsonata
