// The evaluator's dispatch and the simple node kinds. Semantics follow jsonata-js's evaluate():
// every node's result that is a sequence is unwrapped when it holds one item and dropped when empty.
#include "emulator/jsonata/evaluator.h"

#include <pthread.h>

#include <algorithm>

namespace stepsim::jsonata {

namespace {

// Stack left unused below the deepest evaluation frame: room for the builtin, library and error
// handling code called from there.
constexpr std::ptrdiff_t kStackMargin = 512 * 1024;
// The most one evaluation uses even where the stack is unlimited.
constexpr std::ptrdiff_t kMaxStackUse = 64 * 1024 * 1024;

// The lowest address this thread's evaluations may reach (the stack grows down). Read from the
// thread's real stack, so the check holds for any thread's stack size and for the larger frames of
// sanitizer builds; once per thread, since glibc reads /proc/self/maps for the main thread.
const char* stackLimit() {
  thread_local const char* limit = [] {
    const char* here = static_cast<const char*>(__builtin_frame_address(0));
    const char* lowest = here - kMaxStackUse;
    pthread_attr_t attributes;
    if (pthread_getattr_np(pthread_self(), &attributes) == 0) {
      void* address = nullptr;
      std::size_t size = 0;
      if (pthread_attr_getstack(&attributes, &address, &size) == 0)
        lowest = std::max(lowest, static_cast<const char*>(address) + kStackMargin);
      pthread_attr_destroy(&attributes);
    }
    return lowest;
  }();
  return limit;
}

}  // namespace

void Frame::bind(std::string_view name, Value value) {
  for (auto& variable : variables) {
    if (variable.first == name) {
      variable.second = std::move(value);
      return;
    }
  }
  variables.emplace_back(name, std::move(value));
}

const Value* Frame::lookup(std::string_view name) const {
  for (const Frame* frame = this; frame; frame = frame->parent.get())
    for (const auto& variable : frame->variables)
      if (variable.first == name) return &variable.second;
  return nullptr;
}

void throwError(const char* code, int position, std::string token, std::string message) {
  throw Error(code, position, std::move(token), message);
}

std::string describe(const Value& value) {
  if (value.isUndefined()) return "undefined";
  if (value.isFunction()) return "a function";
  std::string text = stringify(value);
  if (text.size() > 100) {
    text.resize(97);
    text += "...";
  }
  return text;
}

Value appendValues(const Value& a, const Value& b) {
  if (b.isUndefined()) return a;
  if (a.isUndefined()) return b;
  std::vector<Value> items = a.isArray() ? a.items() : std::vector<Value>{a};
  std::uint8_t flags = a.isArray() ? a.flags() : static_cast<std::uint8_t>(Value::Sequence);
  if (b.isArray()) {
    for (std::size_t i = 0; i < b.size(); ++i) items.push_back(b.at(i));
  } else {
    items.push_back(b);
  }
  return Value::array(std::move(items), flags);
}

Value lookupField(const Value& input, std::string_view name) {
  if (input.isObject()) return input.get(name);
  if (!input.isArray()) return Value();
  std::vector<Value> found;
  for (std::size_t i = 0; i < input.size(); ++i) {
    Value member = lookupField(input.at(i), name);
    if (member.isArray()) {
      for (std::size_t k = 0; k < member.size(); ++k) found.push_back(member.at(k));
    } else if (!member.isUndefined()) {
      found.push_back(std::move(member));
    }
  }
  return Value::sequence(std::move(found));
}

bool isArrayOfNumbers(const Value& value) {
  if (!value.isArray()) return false;
  for (std::size_t i = 0; i < value.size(); ++i)
    if (!isNumeric(value.at(i))) return false;
  return true;
}

Evaluator::Evaluator(const Environment& environment, const FunctionRegistry& registry, std::shared_ptr<const Node> tree)
    : environment_(environment),
      registry_(registry),
      tree_(std::move(tree)),
      stackLimit_(stackLimit()) {}

Evaluator::~Evaluator() {
  // Closures make cycles (a frame binds a lambda whose scope is that frame): emptying every frame
  // made by this evaluation frees them. No Value outlives the evaluation but its JSON result.
  for (const std::weak_ptr<Frame>& made : frames_)
    if (FramePtr frame = made.lock()) frame->variables.clear();
}

FramePtr Evaluator::newFrame(FramePtr parent) {
  auto frame = makeChainable<Frame>(std::move(parent));
  frames_.emplace_back(frame);
  return frame;
}

void Evaluator::stepBudgetExceeded() const {
  throwError("U1002", 0, "", "Evaluation exceeded the step budget of " +
                                 std::to_string(environment_.limits.maxSteps) + " steps");
}

void Evaluator::countRangeItems(std::uint64_t items) {
  countSteps(1);
  rangeItems_ += items;
  if (rangeItems_ > environment_.limits.maxSteps)
    throwError("U1002", 0, "", "Evaluation exceeded the step budget: ranges made more than " +
                                   std::to_string(environment_.limits.maxSteps) + " items");
}

void Evaluator::checkResultSize(std::uint64_t items, int position) const {
  if (items > environment_.limits.maxResultItems)
    throwError("U1003", position, "", "Result too large: " + std::to_string(items) + " items exceed the limit of " +
                                          std::to_string(environment_.limits.maxResultItems));
}

Value Evaluator::lookupVariable(std::string_view name, const FramePtr& frame) const {
  if (const Value* value = frame->lookup(name)) return *value;
  return registry_.functionValue(name);
}

void Evaluator::enter(const Node& node) {
  if (static_cast<const char*>(__builtin_frame_address(0)) < stackLimit_) [[unlikely]]
    throwError("U1001", node.position, node.text, "Stack overflow: the expression nests or recurses too deeply");
  countSteps(1);
}

Value Evaluator::evaluate(const Node& node, const Value& input, const FramePtr& frame) {
  enter(node);
  return finish(node, evaluateNode(node, input, frame), frame);
}

Value Evaluator::finish(const Node& node, Value result, const FramePtr& frame) {
  for (const NodePtr& predicate : node.predicates) result = filter(*predicate, result, frame);
  if (node.group && node.kind != NodeKind::Path) result = group(*node.group, result, frame);
  if (result.isSequence() && !result.hasFlag(Value::TupleStream)) {
    if (node.keepArray) result.setFlag(Value::KeepSingleton);
    if (result.empty()) return Value();
    if (result.size() == 1 && !result.hasFlag(Value::KeepSingleton)) return result.at(0);
  }
  return result;
}

Value Evaluator::evaluateNode(const Node& node, const Value& input, const FramePtr& frame) {
  switch (node.kind) {
    case NodeKind::Path: return evaluatePath(node, input, frame);
    case NodeKind::Name: return lookupField(input, node.text);
    case NodeKind::Literal:
    case NodeKind::Regex: return node.literal;
    case NodeKind::Variable: return evaluateVariable(node, input, frame);
    case NodeKind::Wildcard: return wildcard(input);
    case NodeKind::Descendant: return descendants(input);
    case NodeKind::Parent: {
      // Bound by the step processing tied this `%` to; unbound (undefined) where none was.
      const Value* ancestor = frame->lookup(node.slot->label);
      return ancestor ? *ancestor : Value();
    }
    case NodeKind::Binary: return evaluateBinary(node, input, frame);
    case NodeKind::Negate: return evaluateNegate(node, input, frame);
    case NodeKind::ArrayConstructor: return evaluateArray(node, input, frame);
    case NodeKind::ObjectConstructor: return evaluateObject(node, input, frame);
    case NodeKind::Block: return evaluateBlock(node, input, frame);
    case NodeKind::Condition: return evaluateCondition(node, input, frame);
    case NodeKind::Coalesce: {
      Value value = evaluate(*node.condition, input, frame);
      return value.isUndefined() ? evaluate(*node.otherwise, input, frame) : value;
    }
    case NodeKind::Elvis: {
      Value value = evaluate(*node.condition, input, frame);
      return truthy(value) ? value : evaluate(*node.otherwise, input, frame);
    }
    case NodeKind::FunctionCall: return evaluateCall(node, input, frame, nullptr);
    case NodeKind::PartialCall: return evaluatePartial(node, input, frame);
    case NodeKind::Lambda: return evaluateLambda(node, input, frame);
    case NodeKind::Bind: {
      Value value = evaluate(*node.rhs, input, frame);
      frame->bind(node.lhs->text, value);
      return value;
    }
    case NodeKind::Apply: return evaluateApply(node, input, frame);
    case NodeKind::Transform: return evaluateTransform(node, input, frame);
    case NodeKind::Sort: return sortValues(node, input, frame);
    default: return Value();
  }
}

Value Evaluator::evaluateVariable(const Node& node, const Value& input, const FramePtr& frame) {
  if (node.text.empty()) return input.hasFlag(Value::OuterWrapper) && input.isArray() ? input.at(0) : input;
  return lookupVariable(node.text, frame);
}

Value Evaluator::evaluateBlock(const Node& node, const Value& input, const FramePtr& frame) {
  auto scope = newFrame(frame);
  Value result;
  for (const NodePtr& item : node.items) result = evaluate(*item, input, scope);
  return result;
}

Value Evaluator::evaluateCondition(const Node& node, const Value& input, const FramePtr& frame) {
  if (truthy(evaluate(*node.condition, input, frame))) return evaluate(*node.then, input, frame);
  if (node.otherwise) return evaluate(*node.otherwise, input, frame);
  return Value();
}

FramePtr Evaluator::tupleFrame(const Tuple& tuple, const FramePtr& frame) {
  if (tuple.bindings.empty()) return frame;
  auto scope = newFrame(frame);
  scope->variables.assign(tuple.bindings.begin(), tuple.bindings.end());
  return scope;
}

}  // namespace stepsim::jsonata
