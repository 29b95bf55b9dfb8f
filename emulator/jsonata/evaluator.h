#pragma once
// The evaluator's internals, shared by its translation units (evaluator_*.cpp, builtins_*.cpp).
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/jsonata/ast.h"
#include "emulator/jsonata/function_registry.h"
#include "emulator/jsonata/value.h"

namespace stepsim::jsonata {

// A lexical scope: variables bound by `:=`, lambda parameters, `@`/`#` tuple bindings. Names are
// views into the syntax tree or the caller's Bindings, which outlive the evaluation.
struct Frame {
  std::shared_ptr<Frame> parent;
  // Frames bind a few names (a lambda's parameters, a block's `:=`): kept inline.
  boost::container::small_vector<std::pair<std::string_view, Value>, 4> variables;

  explicit Frame(std::shared_ptr<Frame> p = nullptr) : parent(std::move(p)) {}
  void bind(std::string_view name, Value value);
  const Value* lookup(std::string_view name) const;
};
using FramePtr = std::shared_ptr<Frame>;

// `function($x){...}`: its node, the scope and context it was defined in, and the tree that owns
// the node (kept alive while the function value lives).
struct LambdaFunction final : Callable {
  LambdaFunction() : Callable(Kind::Lambda) {}
  std::size_t arity() const override { return node->params.size(); }
  const Node* node = nullptr;
  std::shared_ptr<const Node> tree;
  FramePtr scope;
  Value input;
};

// `$f(?, 2)`: the function and the arguments given, placeholders (`?`) to be filled by the call.
struct PartialFunction final : Callable {
  PartialFunction() : Callable(Kind::Partial) {}
  std::size_t arity() const override { return placeholders; }
  Value function;
  std::vector<Value> arguments;  // undefined where a placeholder is
  std::vector<bool> isPlaceholder;
  std::size_t placeholders = 0;
};

// A call in tail position of a lambda body, left for the caller's loop to make (so tail
// recursion runs in constant depth, as jsonata-js's tail call optimization does).
struct TailCall {
  Value function;
  ArgumentList args;
  Value input;
  int position = 0;
  std::string_view name;
};

// One item of a tuple stream (`@`, `#`): the context value and the variables bound with it.
struct Tuple {
  Value context;
  std::vector<std::pair<std::string_view, Value>> bindings;
};

class Evaluator {
 public:
  Evaluator(const Environment& environment, const FunctionRegistry& registry, std::shared_ptr<const Node> tree);
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;
  // A scope of this evaluation (every frame is made here, so the end can break closure cycles).
  FramePtr newFrame(FramePtr parent);

  Value evaluate(const Node& node, const Value& input, const FramePtr& frame);

  // Calls `function` with `args` (validated against its signature); `input` is the call's context.
  Value apply(const Value& function, std::span<const Value> args, const Value& input, const FramePtr& frame,
              int position, std::string_view name);

  // Called for every node evaluated: the check is inline, the error is not.
  void countSteps(std::uint64_t steps) {
    steps_ += steps;
    if (steps_ > environment_.limits.maxSteps) [[unlikely]] stepBudgetExceeded();
  }
  // Ranges cost one step each, their items a budget of their own as large as the step budget: a
  // 10 million item range is allowed, and what ranges can allocate in one evaluation stays bounded.
  void countRangeItems(std::uint64_t items);
  void checkResultSize(std::uint64_t items, int position) const;
  const Environment& environment() const { return environment_; }
  const FunctionRegistry& registry() const { return registry_; }
  const FramePtr& rootFrame() const { return root_; }
  void setRootFrame(FramePtr root) { root_ = std::move(root); }
  // The tree lambdas made now belong to ($eval swaps in the tree it compiled).
  std::shared_ptr<const Node> swapTree(std::shared_ptr<const Node> tree) { return std::exchange(tree_, std::move(tree)); }

  // Lookup of `$name`: the scopes, then the builtins.
  Value lookupVariable(std::string_view name, const FramePtr& frame) const;

 private:
  // evaluator.cpp
  void enter(const Node& node);  // the stack and step checks every evaluated node passes
  Value evaluateNode(const Node& node, const Value& input, const FramePtr& frame);
  // What evaluate() does with a node's result: its predicates, grouping, sequence unwrapping.
  Value finish(const Node& node, Value result, const FramePtr& frame);
  Value evaluateVariable(const Node& node, const Value& input, const FramePtr& frame);
  Value evaluateBlock(const Node& node, const Value& input, const FramePtr& frame);
  Value evaluateCondition(const Node& node, const Value& input, const FramePtr& frame);
  // evaluator_path.cpp
  // With `stream`: a path marked `tuple` that ran as a tuple stream leaves the stream there (with
  // the ancestors its steps bound) and returns true in *streamed.
  Value evaluatePath(const Node& path, const Value& input, const FramePtr& frame, std::vector<Tuple>* stream = nullptr,
                     bool* streamed = nullptr);
  // A path step: a Path or Block marked `tuple` gives its tuple stream (true), anything else its
  // value (false).
  bool evaluateStream(const Node& node, const Value& input, const FramePtr& frame, std::vector<Tuple>& stream,
                      Value& value);
  Value evaluateStep(const Node& step, std::span<const Value> inputs, bool lastStep, const FramePtr& frame,
                     std::vector<Value>& out);
  void evaluateTupleStep(const Node& step, std::vector<Tuple>& stream, bool first, std::span<const Value> inputs,
                         const FramePtr& frame);
  void applyTupleStages(const Node& step, std::vector<Tuple>& stream, const FramePtr& frame);
  Value wildcard(const Value& input);
  Value descendants(const Value& input);
  // evaluator_filter.cpp
  Value filter(const Node& predicate, const Value& input, const FramePtr& frame);
  void filterTuples(const Node& predicate, std::vector<Tuple>& stream, const FramePtr& frame);
  Value sortValues(const Node& sort, const Value& input, const FramePtr& frame);
  void sortTuples(const Node& sort, std::vector<Tuple>& stream, const FramePtr& frame);
  Value group(const GroupBy& group, const Value& input, const FramePtr& frame);
  // An object constructor's pairs evaluated against one context (the common case: no grouping).
  Value buildObject(const std::vector<std::pair<NodePtr, NodePtr>>& pairs, int position, const Value& input,
                    const FramePtr& frame);
  Value groupTuples(const GroupBy& group, const std::vector<Tuple>& stream, const FramePtr& frame);
  // evaluator_operators.cpp
  Value evaluateBinary(const Node& node, const Value& input, const FramePtr& frame);
  Value evaluateNegate(const Node& node, const Value& input, const FramePtr& frame);
  Value evaluateArray(const Node& node, const Value& input, const FramePtr& frame);
  Value evaluateObject(const Node& node, const Value& input, const FramePtr& frame);
  Value evaluateTransform(const Node& node, const Value& input, const FramePtr& frame);
  // evaluator_calls.cpp
  Value evaluateCall(const Node& node, const Value& input, const FramePtr& frame, const Value* applyTo);
  // Evaluates a call's procedure and arguments; returns the procedure.
  Value prepareCall(const Node& node, const Value& input, const FramePtr& frame, const Value* applyTo,
                    ArgumentList& args);
  // Evaluates a lambda body, leaving a tail call to a lambda in `tail` instead of making it.
  Value evaluateTail(const Node& node, const Value& input, const FramePtr& frame, std::optional<TailCall>& tail);
  Value evaluatePartial(const Node& node, const Value& input, const FramePtr& frame);
  Value evaluateLambda(const Node& node, const Value& input, const FramePtr& frame);
  Value evaluateApply(const Node& node, const Value& input, const FramePtr& frame);
  Value applyLambda(const LambdaFunction& lambda, std::span<const Value> args, int position);
  Value applyRegex(const Value& matcher, std::span<const Value> args, int position);

  FramePtr tupleFrame(const Tuple& tuple, const FramePtr& frame);

  const Environment& environment_;
  const FunctionRegistry& registry_;
  std::shared_ptr<const Node> tree_;
  FramePtr root_;
  [[noreturn]] void stepBudgetExceeded() const;
  std::uint64_t steps_ = 0;
  std::uint64_t rangeItems_ = 0;
  int callDepth_ = 0;
  const char* stackLimit_;  // U1001 below this address
  boost::container::small_vector<std::weak_ptr<Frame>, 4> frames_;  // every frame made, emptied at the end
};

// The CallContext builtins see: a call made by the evaluator at `position`.
class EvaluatorCall final : public CallContext {
 public:
  EvaluatorCall(Evaluator& evaluator, const Value& input, const FramePtr& frame, int position, std::string_view name)
      : evaluator_(evaluator), input_(input), frame_(frame), position_(position), name_(name) {}
  const Environment& environment() const override { return evaluator_.environment(); }
  int position() const override { return position_; }
  std::string_view functionName() const override { return name_; }
  const Value& input() const override { return input_; }
  Value apply(const Value& function, std::span<const Value> args) override {
    return evaluator_.apply(function, args, input_, frame_, position_, name_);
  }
  void countSteps(std::uint64_t steps) override { evaluator_.countSteps(steps); }
  void checkResultSize(std::uint64_t items) override { evaluator_.checkResultSize(items, position_); }
  Evaluator& evaluator() { return evaluator_; }
  const FramePtr& frame() const { return frame_; }

 private:
  Evaluator& evaluator_;
  const Value& input_;
  const FramePtr& frame_;
  int position_;
  std::string_view name_;
};

// Helpers shared by the evaluator's files.
Value appendValues(const Value& a, const Value& b);  // jsonata-js fn.append: sequences joined
bool isArrayOfNumbers(const Value& value);  // every item isNumeric
// jsonata-js fn.lookup: an object's member; over an array, each item's member, flattened.
Value lookupField(const Value& input, std::string_view name);
[[noreturn]] void throwError(const char* code, int position, std::string token, std::string message);
// A short rendering of a value for error messages.
std::string describe(const Value& value);

}  // namespace stepsim::jsonata
