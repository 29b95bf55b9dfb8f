// The evaluator's own builtins that inspect or convert values: $string $boolean $not $exists
// $type $error $assert $lookup $eval. (The higher-order ones are in builtins_higher_order.cpp.)
#include <cmath>

#include "emulator/jsonata/evaluator.h"
#include "emulator/jsonata/functions/builtin_support.h"

namespace stepsim::jsonata {

void registerHigherOrderFunctions(FunctionRegistry& registry);  // builtins_higher_order.cpp

namespace {

Value string(CallContext& call, std::span<const Value> args) {
  const Value& value = argument(args, 0);
  if (value.isUndefined()) return Value();
  if (value.isString()) return value;
  if (value.isFunction()) return Value::string("");
  if (value.isNumber() && !std::isfinite(value.number()))
    call.fail("D3001", "Attempting to invoke string function on Infinity or NaN");
  const Value& target = value.isArray() && value.hasFlag(Value::OuterWrapper) && !value.empty() ? value.at(0) : value;
  bool prettify = argument(args, 1).isBoolean() && argument(args, 1).boolean();
  bool infinite = false;
  std::string text = stringify(target, prettify, &infinite);
  if (infinite) call.fail("D1001", "Number out of range: Infinity cannot be written as JSON");
  call.checkResultSize(text.size());
  return Value::string(std::move(text));
}

Value typeOf(CallContext&, std::span<const Value> args) {
  const Value& value = argument(args, 0);
  if (value.isUndefined()) return Value();
  return Value::string(std::string(typeName(value.type())));
}

Value evalExpression(CallContext& call, std::span<const Value> args) {
  const Value& text = argument(args, 0);
  if (text.isUndefined()) return Value();
  auto& evaluatorCall = static_cast<EvaluatorCall&>(call);
  Value input = call.input();
  if (!argument(args, 1).isUndefined()) {
    input = argument(args, 1);
    if (input.isArray() && !input.isSequence()) input = Value::array({input}, Value::Sequence | Value::OuterWrapper);
  }
  std::shared_ptr<const Node> tree;
  try {
    tree = parseExpression(text.string());
  } catch (const Error& error) {
    call.fail("D3120", std::string("Syntax error in expression passed to function eval: ") + error.what());
  }
  Evaluator& evaluator = evaluatorCall.evaluator();
  auto previous = evaluator.swapTree(tree);
  try {
    Value result = evaluator.evaluate(*tree, input, evaluatorCall.frame());
    evaluator.swapTree(previous);
    return result;
  } catch (const Error& error) {
    evaluator.swapTree(previous);
    // Limits stay limits; anything else is the evaluated expression's own failure.
    if (error.code().rfind("U", 0) == 0) throw;
    call.fail("D3121", std::string("Dynamic error evaluating the expression passed to function eval: ") + error.what());
  }
}

}  // namespace

void registerEvaluatorFunctions(FunctionRegistry& registry) {
  registry.add("string", "<x-b?:s>", string);
  registry.add("boolean", "<x-:b>", [](CallContext&, std::span<const Value> args) {
    const Value& value = argument(args, 0);
    return value.isUndefined() ? Value() : Value::boolean(truthy(value));
  });
  registry.add("not", "<x-:b>", [](CallContext&, std::span<const Value> args) {
    const Value& value = argument(args, 0);
    return value.isUndefined() ? Value() : Value::boolean(!truthy(value));
  });
  registry.add("exists", "<x:b>", [](CallContext&, std::span<const Value> args) {
    return Value::boolean(!argument(args, 0).isUndefined());
  });
  registry.add("type", "<x:s>", typeOf);
  registry.add("error", "<s?:x>", [](CallContext& call, std::span<const Value> args) -> Value {
    const Value& message = argument(args, 0);
    call.fail("D3137", message.isString() ? std::string(message.string()) : "$error() function evaluated");
  });
  registry.add("assert", "<bs?:x>", [](CallContext& call, std::span<const Value> args) -> Value {
    const Value& condition = argument(args, 0);
    if (!condition.isBoolean())
      call.fail("T0410", "Argument 1 of function assert does not match function signature");
    if (!condition.boolean()) {
      const Value& message = argument(args, 1);
      call.fail("D3141", message.isString() ? std::string(message.string()) : "$assert() statement failed");
    }
    return Value();
  });
  registry.add("lookup", "<x-s:x>", [](CallContext&, std::span<const Value> args) {
    const Value& key = argument(args, 1);
    if (!key.isString()) return Value();
    Value result = lookupField(argument(args, 0), key.string());
    if (result.isSequence() && result.empty()) return Value();
    return result;
  });
  registry.add("eval", "<sx?:x>", evalExpression);
  registerHigherOrderFunctions(registry);
}

}  // namespace stepsim::jsonata
