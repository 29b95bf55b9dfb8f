#pragma once
// The syntax tree, in the shape jsonata-js's processAST gives it: `a.b[0]` is one Path whose steps
// carry their own filters, `$x[0]` a Variable with a predicate. Immutable once compiled.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "emulator/jsonata/signature.h"
#include "emulator/jsonata/value.h"

namespace stepsim::jsonata {

enum class NodeKind : std::uint8_t {
  // Evaluated kinds.
  Path, Name, Literal /* string, number, true/false/null */, Regex, Variable, Wildcard, Descendant, Parent,
  Binary, Negate, ArrayConstructor, ObjectConstructor, Block, Condition, Coalesce, Elvis, FunctionCall,
  PartialCall, Placeholder, Lambda, Bind, Apply, Transform, Sort,
  // Only between parsing and processing.
  Dot, Predicate, GroupBy, OrderBy, Focus, IndexBind, KeywordName /* and/or/in used as a field name */, End
};

struct Node;
using NodePtr = std::shared_ptr<Node>;

// A per-item stage of a path step: a filter `[expr]` or an index binding `#$i`.
struct Stage {
  NodePtr filter;          // null for an index binding
  std::string indexVar;
  int position = 0;
};

// Where a `%` finds its value (jsonata-js's ancestry slot): while the tree is processed the slot
// climbs the enclosing path steps, `level` counting the steps still to go; the step it stops at
// binds `label` to its input item as the path runs, and `%` reads that binding.
struct AncestorSlot {
  std::string label;
  int level = 1;
};
using SlotPtr = std::shared_ptr<AncestorSlot>;

struct SortTerm {
  bool descending = false;
  NodePtr expression;
};

struct GroupBy {
  std::vector<std::pair<NodePtr, NodePtr>> pairs;
  int position = 0;
};

struct Node {
  NodeKind kind = NodeKind::End;
  int position = 0;
  int depth = 1;       // nesting of the tree below, bounded so recursion over it is safe
  std::string text;    // name, variable (without `$`), operator, literal kind
  Value literal;       // Literal and Regex values
  bool isStringLiteral = false;

  NodePtr lhs, rhs;                               // Binary, Bind, Apply, Negate (lhs), Dot & co
  NodePtr condition, then, otherwise;             // Condition, Coalesce/Elvis (condition, otherwise)
  std::vector<NodePtr> items;                     // Path steps, Block, ArrayConstructor, call arguments
  std::vector<std::pair<NodePtr, NodePtr>> pairs; // ObjectConstructor
  NodePtr procedure;                              // FunctionCall, PartialCall
  std::vector<std::string> params;                // Lambda parameter names
  std::shared_ptr<const Signature> signature;     // Lambda `<...>`
  NodePtr body;                                   // Lambda
  std::vector<SortTerm> terms;                    // Sort, OrderBy
  NodePtr pattern, update, remove;                // Transform

  // Annotations processing adds.
  std::vector<Stage> stages;           // a path step's per-item filters and index bindings
  std::vector<NodePtr> predicates;     // filters on a non-step node's result
  std::shared_ptr<GroupBy> group;      // `expr{...}` grouping
  std::string focus;                   // `@$v`
  std::string indexVar;                // `#$i` on a step without stages
  bool tuple = false;                  // the step takes part in a tuple stream; a Path or Block:
                                       // yields one, carrying ancestors bound inside it
  bool keepArray = false;              // `[]`
  bool consArray = false;              // an array constructor at a path's start or end
  bool keepSingletonArray = false;     // Path: some step had `[]`
  SlotPtr slot;                        // Parent: the binding it reads
  SlotPtr ancestor;                    // a Name or Wildcard step: binds slot's label to its input item
  std::vector<SlotPtr> seekingParent;  // slots below this node not yet resolved (processing only)
};

// Calls f(const NodePtr&) for every direct child of `node`.
template <class F>
void forEachChild(const Node& node, F&& f) {
  auto visit = [&](const NodePtr& child) {
    if (child) f(child);
  };
  for (const NodePtr* p : {&node.lhs, &node.rhs, &node.condition, &node.then, &node.otherwise, &node.procedure,
                           &node.body, &node.pattern, &node.update, &node.remove})
    visit(*p);
  for (const auto& item : node.items) visit(item);
  for (const auto& [key, value] : node.pairs) {
    visit(key);
    visit(value);
  }
  for (const auto& term : node.terms) visit(term.expression);
  for (const auto& stage : node.stages) visit(stage.filter);
  for (const auto& predicate : node.predicates) visit(predicate);
  if (node.group) {
    for (const auto& [key, value] : node.group->pairs) {
      visit(key);
      visit(value);
    }
  }
}

// The deepest nesting the parser accepts (recursion over the tree stays well inside the stack).
constexpr int kMaxNesting = 1000;

// Parses and processes `source`. Throws Error (S0xxx, or U1001 when nested too deeply).
NodePtr parseExpression(std::string_view source);

}  // namespace stepsim::jsonata
