// Operators and constructors: arithmetic, comparison, boolean, `&`, ranges, `in`, unary minus,
// array and object constructors, and transforms `| pattern | update, delete |`.
#include <cmath>
#include <unordered_set>

#include "emulator/jsonata/evaluator.h"

namespace stepsim::jsonata {

namespace {

// jsonata-js lets Infinity flow until something uses it (isNumeric throws D1001 then).
Value checkedNumber(double n, int, const std::string&) { return Value::number(n); }

void requireFinite(const Value& operand, int position, const std::string& op) {
  if (operand.isNumber() && !std::isfinite(operand.number()))
    throwError("D1001", position, op, "Number out of range: " + formatNumber(operand.number()));
}

Value arithmetic(const Value& lhs, const Value& rhs, const Node& node) {
  const std::string& op = node.text;
  if (!lhs.isUndefined() && !lhs.isNumber())
    throwError("T2001", node.position, op,
               "The left side of the " + op + " operator must evaluate to a number: " + describe(lhs));
  if (!rhs.isUndefined() && !rhs.isNumber())
    throwError("T2002", node.position, op,
               "The right side of the " + op + " operator must evaluate to a number: " + describe(rhs));
  requireFinite(lhs, node.position, op);
  requireFinite(rhs, node.position, op);
  if (lhs.isUndefined() || rhs.isUndefined()) return Value();
  double a = lhs.number(), b = rhs.number();
  switch (op[0]) {
    case '+': return checkedNumber(a + b, node.position, op);
    case '-': return checkedNumber(a - b, node.position, op);
    case '*': return checkedNumber(a * b, node.position, op);
    case '/': return checkedNumber(a / b, node.position, op);
    default: return checkedNumber(std::fmod(a, b), node.position, op);
  }
}

Value comparison(const Value& lhs, const Value& rhs, const Node& node) {
  const std::string& op = node.text;
  auto comparable = [](const Value& v) { return v.isUndefined() || v.isString() || v.isNumber(); };
  if (!comparable(lhs) || !comparable(rhs))
    throwError("T2010", node.position, op,
               "The expressions either side of operator \"" + op + "\" must evaluate to numeric or string values: " +
                   describe(comparable(lhs) ? rhs : lhs));
  if (lhs.isUndefined() || rhs.isUndefined()) return Value();
  if (lhs.type() != rhs.type())
    throwError("T2009", node.position, op,
               "The values " + describe(lhs) + " and " + describe(rhs) + " either side of operator \"" + op +
                   "\" must be of the same data type");
  int c = lhs.isNumber() ? (lhs.number() < rhs.number() ? -1 : lhs.number() > rhs.number() ? 1 : 0)
                         : lhs.string().compare(rhs.string());
  if (op == "<") return Value::boolean(c < 0);
  if (op == "<=") return Value::boolean(c <= 0);
  if (op == ">") return Value::boolean(c > 0);
  return Value::boolean(c >= 0);
}

// An operand of `&` as jsonata-js's $string prints it, with its refusals of non-finite numbers.
std::string concatText(const Value& value, int position) {
  if (value.isUndefined()) return "";
  if (value.isString()) return std::string(value.string());
  if (value.isFunction()) return "";
  if (value.isNumber() && !std::isfinite(value.number()))
    throwError("D3001", position, "&", "Attempting to invoke string function on Infinity or NaN");
  bool infinite = false;
  std::string text = stringify(
      value.isArray() && value.hasFlag(Value::OuterWrapper) && !value.empty() ? value.at(0) : value, false, &infinite);
  if (infinite) throwError("D1001", position, "&", "Number out of range: Infinity cannot be written as JSON");
  return text;
}

bool includes(const Value& lhs, const Value& rhs) {
  if (lhs.isUndefined() || rhs.isUndefined()) return false;
  if (!rhs.isArray()) return deepEqual(lhs, rhs);
  for (std::size_t i = 0; i < rhs.size(); ++i)
    if (deepEqual(lhs, rhs.at(i))) return true;
  return false;
}

}  // namespace

Value Evaluator::evaluateBinary(const Node& node, const Value& input, const FramePtr& frame) {
  const std::string& op = node.text;
  Value lhs = evaluate(*node.lhs, input, frame);
  if (op == "and") return Value::boolean(truthy(lhs) && truthy(evaluate(*node.rhs, input, frame)));
  if (op == "or") return Value::boolean(truthy(lhs) || truthy(evaluate(*node.rhs, input, frame)));
  Value rhs = evaluate(*node.rhs, input, frame);
  switch (op[0]) {
    case '+':
    case '-':
    case '*':
    case '/':
    case '%': return arithmetic(lhs, rhs, node);
    case '=':
      if (lhs.isUndefined() || rhs.isUndefined()) return Value::boolean(false);
      return Value::boolean(deepEqual(lhs, rhs));
    case '!':
      if (lhs.isUndefined() || rhs.isUndefined()) return Value::boolean(false);
      return Value::boolean(!deepEqual(lhs, rhs));
    case '<':
    case '>': return comparison(lhs, rhs, node);
    case '&': {
      std::string text = concatText(lhs, node.position) + concatText(rhs, node.position);
      checkResultSize(text.size(), node.position);
      return Value::string(std::move(text));
    }
    case 'i': return Value::boolean(includes(lhs, rhs));
    case '.': {
      // Range `[a..b]`.
      if (!lhs.isUndefined() && !lhs.isInteger())
        throwError("T2003", node.position, op, "The left side of the range operator (..) must evaluate to an integer");
      if (!rhs.isUndefined() && !rhs.isInteger())
        throwError("T2004", node.position, op, "The right side of the range operator (..) must evaluate to an integer");
      if (lhs.isUndefined() || rhs.isUndefined() || lhs.number() > rhs.number()) return Value();
      double size = rhs.number() - lhs.number() + 1;
      if (size > static_cast<double>(environment_.limits.maxRangeSize))
        throwError("D2014", node.position, op,
                   "The size of the sequence allocated by the range operator (..) must not exceed " +
                       std::to_string(environment_.limits.maxRangeSize) + ".  Attempted to allocate " +
                       formatNumber(size) + ".");
      checkResultSize(static_cast<std::uint64_t>(size), node.position);
      countRangeItems(static_cast<std::uint64_t>(size));
      // Counted, not stepped until past the end: past 2^53, n + 1 == n.
      auto count = static_cast<std::size_t>(size);
      std::vector<Value> items;
      items.reserve(count);
      for (std::size_t i = 0; i < count; ++i)
        items.push_back(Value::number(lhs.number() + static_cast<double>(i)));
      return Value::sequence(std::move(items));
    }
    default: throwError("S0204", node.position, op, "Unknown operator: " + op);
  }
}

Value Evaluator::evaluateNegate(const Node& node, const Value& input, const FramePtr& frame) {
  Value operand = evaluate(*node.lhs, input, frame);
  if (operand.isUndefined()) return Value();
  if (!operand.isNumber())
    throwError("D1002", node.position, "-", "Cannot negate a non-numeric value: " + describe(operand));
  return Value::number(-operand.number());
}

Value Evaluator::evaluateArray(const Node& node, const Value& input, const FramePtr& frame) {
  if (node.items.size() == 1 && node.items.front()->kind != NodeKind::ArrayConstructor) {
    // `[a..b]`, `[path]`: an array's items joined into nothing else are that array, as it is
    // (not copied: ranges are up to 10 million numbers).
    Value value = evaluate(*node.items.front(), input, frame);
    if (value.isArray()) {
      checkResultSize(value.size(), node.position);
      return value.withFlags(node.consArray ? Value::Constructed : 0);
    }
    std::vector<Value> items;
    if (!value.isUndefined()) items.push_back(std::move(value));
    return Value::array(std::move(items), node.consArray ? Value::Constructed : 0);
  }
  std::vector<Value> items;
  items.reserve(node.items.size());
  for (const NodePtr& item : node.items) {
    Value value = evaluate(*item, input, frame);
    if (value.isUndefined()) continue;
    // A nested constructor stays one item; any other array's items join this one.
    if (item->kind == NodeKind::ArrayConstructor || !value.isArray()) {
      items.push_back(std::move(value));
    } else {
      for (std::size_t i = 0; i < value.size(); ++i) items.push_back(value.at(i));
    }
    checkResultSize(items.size(), node.position);
  }
  return Value::array(std::move(items), node.consArray ? Value::Constructed : 0);
}

Value Evaluator::evaluateObject(const Node& node, const Value& input, const FramePtr& frame) {
  if (!input.isArray()) return buildObject(node.pairs, node.position, input, frame);
  GroupBy pairs;
  pairs.pairs = node.pairs;
  pairs.position = node.position;
  return group(pairs, input, frame);
}

Value Evaluator::evaluateTransform(const Node& node, const Value&, const FramePtr& frame) {
  // The transform is a function of one object: `$ ~> |pattern|update|`.
  const Node* transform = &node;
  auto tree = tree_;
  auto implementation = [this, transform, frame, tree](CallContext&, std::span<const Value> args) -> Value {
    Value target = args.empty() ? Value() : args[0];
    if (target.isUndefined()) return Value();
    if (!target.isObject() && !target.isArray())
      throwError("T0410", transform->position, "", "Argument 1 of the transform must be an object or an array");
    // Matches are found in the original; a copy is rebuilt with each matched object updated.
    Value matches = evaluate(*transform->pattern, target, frame);
    std::unordered_set<const void*> matched;
    std::vector<Value> matchList = matches.isArray() ? matches.items() : std::vector<Value>{matches};
    for (const Value& match : matchList)
      if (match.isObject()) matched.insert(match.identity());
    std::function<Value(const Value&)> rebuild = [&](const Value& value) -> Value {
      countSteps(1);
      if (value.isArray()) {
        std::vector<Value> items;
        for (std::size_t i = 0; i < value.size(); ++i) items.push_back(rebuild(value.at(i)));
        return Value::array(std::move(items), value.flags());
      }
      if (!value.isObject()) return value;
      ObjectData copy;
      value.forEachMember([&](std::string_view key, const Value& member) { copy.set(std::string(key), rebuild(member)); });
      if (!matched.count(value.identity())) return Value::object(std::move(copy));
      Value update = evaluate(*transform->update, value, frame);
      if (!update.isUndefined()) {
        if (!update.isObject())
          throwError("T2011", transform->update->position, "",
                     "The insert/update clause of the transform expression must evaluate to an object: " + describe(update));
        update.forEachMember([&](std::string_view key, const Value& member) { copy.set(std::string(key), member); });
      }
      if (transform->remove) {
        Value deletions = evaluate(*transform->remove, value, frame);
        if (!deletions.isUndefined()) {
          std::vector<Value> names = deletions.isArray() ? deletions.items() : std::vector<Value>{deletions};
          for (const Value& name : names)
            if (!name.isString())
              throwError("T2012", transform->remove->position, "",
                         "The delete clause of the transform expression must evaluate to a string or array of strings: " +
                             describe(deletions));
          for (const Value& name : names) copy.erase(name.string());
        }
      }
      return Value::object(std::move(copy));
    };
    return rebuild(target);
  };
  return Value::function(std::make_shared<const NativeFunction>(1, std::move(implementation)));
}

}  // namespace stepsim::jsonata
