// Functions: calls, lambdas, partial application, `~>` and regex matchers.
#include "emulator/jsonata/evaluator.h"
#include "emulator/jsonata/regex.h"

namespace stepsim::jsonata {

namespace {

// The name jsonata-js reports for the function a call invokes.
std::string_view procedureName(const Node& procedure) {
  if (procedure.kind == NodeKind::Path && !procedure.items.empty()) return procedure.items.front()->text;
  return procedure.text;
}

// A field name used where a `$function` was meant (`count(x)`): jsonata-js's hint.
bool looksLikeMissingDollar(const Node& procedure, const Evaluator& evaluator, const FramePtr& frame) {
  if (procedure.kind != NodeKind::Path || procedure.items.size() != 1 || procedure.items.front()->kind != NodeKind::Name)
    return false;
  return !evaluator.lookupVariable(procedure.items.front()->text, frame).isUndefined();
}

// JavaScript string indexes count UTF-16 code units; the regex engine works on UTF-8 bytes.
std::size_t utf16Length(std::string_view s, std::size_t bytes) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < bytes && i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;
    units += c >= 0xF0 ? 2 : 1;
  }
  return units;
}

std::size_t byteOffset(std::string_view s, std::size_t units) {
  std::size_t i = 0, count = 0;
  while (i < s.size() && count < units) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    count += c >= 0xF0 ? 2 : 1;
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

struct CallDepthGuard {
  explicit CallDepthGuard(int& depth) : depth_(depth) { ++depth_; }
  ~CallDepthGuard() { --depth_; }
  int& depth_;
};

}  // namespace

Value Evaluator::prepareCall(const Node& node, const Value& input, const FramePtr& frame, const Value* applyTo,
                             ArgumentList& args) {
  Value procedure = evaluate(*node.procedure, input, frame);
  if (procedure.isUndefined() && looksLikeMissingDollar(*node.procedure, *this, frame)) {
    std::string name(procedureName(*node.procedure));
    throwError("T1005", node.position, name, "Attempted to invoke a non-function. Did you mean ${" + name + "}?");
  }
  args.reserve(node.items.size() + (applyTo ? 1 : 0));
  if (applyTo) args.push_back(*applyTo);
  for (const NodePtr& argument : node.items) args.push_back(evaluate(*argument, input, frame));
  return procedure;
}

Value Evaluator::evaluateCall(const Node& node, const Value& input, const FramePtr& frame, const Value* applyTo) {
  ArgumentList args;
  Value procedure = prepareCall(node, input, frame, applyTo, args);
  return apply(procedure, view(args), input, frame, node.position, procedureName(*node.procedure));
}

Value Evaluator::evaluateTail(const Node& node, const Value& input, const FramePtr& frame,
                              std::optional<TailCall>& tail) {
  bool plain = node.predicates.empty() && !node.group && !node.keepArray;
  if (!plain) return evaluate(node, input, frame);
  switch (node.kind) {
    case NodeKind::Condition:
      countSteps(1);
      if (truthy(evaluate(*node.condition, input, frame))) return evaluateTail(*node.then, input, frame, tail);
      return node.otherwise ? evaluateTail(*node.otherwise, input, frame, tail) : Value();
    case NodeKind::Block: {
      if (node.items.empty()) return Value();
      countSteps(1);
      auto scope = newFrame(frame);
      for (std::size_t i = 0; i + 1 < node.items.size(); ++i) evaluate(*node.items[i], input, scope);
      return evaluateTail(*node.items.back(), input, scope, tail);
    }
    case NodeKind::FunctionCall: {
      countSteps(1);
      ArgumentList args;
      Value procedure = prepareCall(node, input, frame, nullptr, args);
      std::string_view name = procedureName(*node.procedure);
      if (procedure.isFunction() && procedure.callable()->kind == Callable::Kind::Lambda) {
        tail = TailCall{std::move(procedure), std::move(args), input, node.position, name};
        return Value();
      }
      return apply(procedure, view(args), input, frame, node.position, name);
    }
    default: return evaluate(node, input, frame);
  }
}

Value Evaluator::apply(const Value& function, std::span<const Value> args, const Value& input, const FramePtr& frame,
                       int position, std::string_view name) {
  const Callable* callable = function.callable();
  if (!callable) throwError("T1006", position, std::string(name), "Attempted to invoke a non-function");
  switch (callable->kind) {
    case Callable::Kind::Lambda: {
      const auto& lambda = static_cast<const LambdaFunction&>(*callable);
      if (lambda.node->signature) {
        ArgumentList validated = lambda.node->signature->validate(args, input, name, position);
        return applyLambda(lambda, view(validated), position);
      }
      return applyLambda(lambda, args, position);
    }
    case Callable::Kind::Builtin: {
      const Builtin& builtin = *static_cast<const BuiltinFunction&>(*callable).builtin;
      ArgumentList validated = builtin.signature.validate(args, input, builtin.name, position);
      EvaluatorCall call(*this, input, frame, position, builtin.name);
      return builtin.implementation(call, view(validated));
    }
    case Callable::Kind::Partial: {
      const auto& partial = static_cast<const PartialFunction&>(*callable);
      std::vector<Value> full = partial.arguments;
      std::size_t next = 0;
      for (std::size_t i = 0; i < full.size(); ++i)
        if (partial.isPlaceholder[i]) full[i] = next < args.size() ? args[next++] : Value();
      return apply(partial.function, full, input, frame, position, name);
    }
    case Callable::Kind::Regex: return applyRegex(function, args, position);
    case Callable::Kind::Native: {
      EvaluatorCall call(*this, input, frame, position, name);
      return static_cast<const NativeFunction&>(*callable).implementation(call, args);
    }
  }
  throwError("T1006", position, std::string(name), "Attempted to invoke a non-function");
}

Value Evaluator::applyLambda(const LambdaFunction& lambda, std::span<const Value> args, int position) {
  CallDepthGuard guard(callDepth_);
  if (callDepth_ > environment_.limits.maxDepth)
    throwError("U1001", position, "",
               "Stack overflow: maximum evaluation depth of " + std::to_string(environment_.limits.maxDepth) +
                   " exceeded (infinite recursion?)");
  const LambdaFunction* current = &lambda;
  ArgumentList currentArgs(args.begin(), args.end());
  Value currentFunction;  // keeps a tail-called lambda alive
  for (;;) {
    auto scope = newFrame(current->scope);
    const auto& params = current->node->params;
    scope->variables.reserve(params.size());
    for (std::size_t i = 0; i < params.size(); ++i)
      scope->bind(params[i], i < currentArgs.size() ? currentArgs[i] : Value());
    std::optional<TailCall> tail;
    Value result = evaluateTail(*current->node->body, current->input, scope, tail);
    if (!tail) return result;
    currentFunction = std::move(tail->function);
    current = static_cast<const LambdaFunction*>(currentFunction.callable());
    if (current->node->signature)
      currentArgs = current->node->signature->validate(view(tail->args), tail->input, tail->name, tail->position);
    else
      currentArgs.assign(std::make_move_iterator(tail->args.begin()), std::make_move_iterator(tail->args.end()));
  }
}

Value Evaluator::evaluateLambda(const Node& node, const Value& input, const FramePtr& frame) {
  auto lambda = makeChainable<LambdaFunction>();
  lambda->node = &node;
  lambda->tree = tree_;
  lambda->scope = frame;
  lambda->input = input;
  return Value::function(std::move(lambda));
}

Value Evaluator::evaluatePartial(const Node& node, const Value& input, const FramePtr& frame) {
  auto partial = makeChainable<PartialFunction>();
  for (const NodePtr& argument : node.items) {
    bool placeholder = argument->kind == NodeKind::Placeholder;
    partial->arguments.push_back(placeholder ? Value() : evaluate(*argument, input, frame));
    partial->isPlaceholder.push_back(placeholder);
    if (placeholder) ++partial->placeholders;
  }
  Value procedure = evaluate(*node.procedure, input, frame);
  std::string name(procedureName(*node.procedure));
  if (procedure.isUndefined() && looksLikeMissingDollar(*node.procedure, *this, frame))
    throwError("T1007", node.position, name,
               "Attempted to partially apply a non-function. Did you mean ${" + name + "}?");
  if (!procedure.isFunction()) throwError("T1008", node.position, name, "Attempted to partially apply a non-function");
  partial->function = std::move(procedure);
  return Value::function(std::move(partial));
}

Value Evaluator::evaluateApply(const Node& node, const Value& input, const FramePtr& frame) {
  Value lhs = evaluate(*node.lhs, input, frame);
  if (node.rhs->kind == NodeKind::FunctionCall) return evaluateCall(*node.rhs, input, frame, &lhs);
  Value function = evaluate(*node.rhs, input, frame);
  if (!function.isFunction())
    throwError("T2006", node.position, "~>",
               "The right side of the function application operator ~> must be a function: " + describe(function));
  if (lhs.isFunction()) {
    // `$f ~> $g`: the composition λ($x){ $g($f($x)) }.
    auto compose = [first = lhs, second = function](CallContext& call, std::span<const Value> args) {
      Value intermediate = call.apply(first, args);
      return call.apply(second, std::span<const Value>(&intermediate, 1));
    };
    return Value::function(std::make_shared<const NativeFunction>(1, std::move(compose)));
  }
  return apply(function, std::span<const Value>(&lhs, 1), input, frame, node.position, "");
}

Value Evaluator::applyRegex(const Value& matcher, std::span<const Value> args, int position) {
  if (args.empty() || !args[0].isString()) return Value();
  std::string subject(args[0].string());
  std::size_t from = 0;
  if (args.size() > 1 && args[1].isNumber() && args[1].number() > 0)
    from = byteOffset(subject, static_cast<std::size_t>(std::min(args[1].number(), 1e15)));
  auto match = matcher.regex()->search(subject, from, environment_.limits, position);
  if (!match) return Value();
  countSteps(1);
  ObjectData result;
  result.set("match", Value::string(subject.substr(match->start, match->end - match->start)));
  result.set("start", Value::number(static_cast<double>(utf16Length(subject, match->start))));
  std::size_t end = utf16Length(subject, match->end);
  result.set("end", Value::number(static_cast<double>(end)));
  std::vector<Value> groups;
  for (const auto& group : match->groups)
    groups.push_back(group ? Value::string(subject.substr(group->start, group->end - group->start)) : Value());
  result.set("groups", Value::array(std::move(groups)));
  auto next = [matcher, subject, end, bytesEnd = match->end, position](CallContext& call, std::span<const Value>) -> Value {
    if (bytesEnd >= subject.size()) return Value();
    Value from[] = {Value::string(subject), Value::number(static_cast<double>(end))};
    Value following = call.apply(matcher, from);
    if (following.isObject() && following.get("match").string().empty())
      throwError("D1004", position, "", "Regular expression matches zero length string");
    return following;
  };
  result.set("next", Value::function(std::make_shared<const NativeFunction>(0, std::move(next))));
  return Value::object(std::move(result));
}

}  // namespace stepsim::jsonata
