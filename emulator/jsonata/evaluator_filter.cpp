// The operations over a whole sequence: filters `[...]`, order-by `^(...)` and grouping `{...}`,
// each for plain sequences and for tuple streams (whose items carry `@`/`#` variable bindings).
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "emulator/jsonata/evaluator.h"

namespace stepsim::jsonata {

namespace {

// Index of a numeric selector into `count` items (negative counts from the end), or npos; NaN
// selects nothing (the comparison below is written so that it fails for NaN).
std::size_t resolveIndex(double selector, std::size_t count) {
  double index = std::floor(selector);
  if (index < 0) index += static_cast<double>(count);
  if (!(index >= 0 && index < static_cast<double>(count))) return static_cast<std::size_t>(-1);
  return static_cast<std::size_t>(index);
}

// Which of `count` items a predicate keeps: numbers select by position, anything else by truth.
template <class EvaluateAt>
std::vector<std::size_t> selectItems(std::size_t count, EvaluateAt evaluateAt) {
  std::vector<std::size_t> selected;
  for (std::size_t index = 0; index < count; ++index) {
    Value result = evaluateAt(index);
    if (isNumeric(result)) result = Value::array({result});
    if (isArrayOfNumbers(result)) {
      for (std::size_t k = 0; k < result.size(); ++k)
        if (resolveIndex(result.at(k).number(), count) == index) selected.push_back(index);
    } else if (truthy(result)) {
      selected.push_back(index);
    }
  }
  return selected;
}

bool isNumberLiteral(const Node& node) { return node.kind == NodeKind::Literal && node.literal.isNumber(); }

// Orders `count` items by the sort terms (keys from keyAt(item, term)), stably, as jsonata-js's
// merge sort does: undefined keys last, keys must all be numbers or all strings.
template <class KeyAt>
std::vector<std::size_t> sortOrder(const Node& sort, std::size_t count, KeyAt keyAt) {
  std::size_t termCount = sort.terms.size();
  std::vector<Value> keys(count * termCount);
  for (std::size_t i = 0; i < count; ++i)
    for (std::size_t t = 0; t < termCount; ++t) keys[i * termCount + t] = keyAt(i, t);
  auto compare = [&](std::size_t a, std::size_t b) {
    for (std::size_t t = 0; t < termCount; ++t) {
      const Value& x = keys[a * termCount + t];
      const Value& y = keys[b * termCount + t];
      if (x.isUndefined() || y.isUndefined()) {
        if (x.isUndefined() && y.isUndefined()) continue;
        return x.isUndefined() ? 1 : -1;
      }
      bool xOk = x.isString() || x.isNumber(), yOk = y.isString() || y.isNumber();
      if (!xOk || !yOk)
        throwError("T2008", sort.position, "",
                   "The expressions within an order-by clause must evaluate to numeric or string values: " +
                       describe(xOk ? y : x));
      if (x.type() != y.type())
        throwError("T2007", sort.position, "",
                   "Type mismatch when comparing values " + describe(x) + " and " + describe(y) + " in order-by clause");
      int c = x.isNumber() ? (x.number() < y.number() ? -1 : x.number() > y.number() ? 1 : 0)
                           : x.string().compare(y.string());
      c = c < 0 ? -1 : c > 0 ? 1 : 0;
      if (c != 0) return sort.terms[t].descending ? -c : c;
    }
    return 0;
  };
  std::vector<std::size_t> order(count);
  for (std::size_t i = 0; i < count; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return compare(a, b) < 0; });
  return order;
}

// The groups of `{key: value}` grouping: each key with the expression that made it and the items.
struct GroupSlot {
  std::string key;
  std::size_t pairIndex;
  std::vector<std::size_t> members;
};

template <class KeyAt>
std::vector<GroupSlot> collectGroups(const GroupBy& group, std::size_t count, KeyAt keyAt) {
  std::vector<GroupSlot> slots;
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t item = 0; item < count; ++item) {
    for (std::size_t p = 0; p < group.pairs.size(); ++p) {
      Value key = keyAt(item, p);
      if (key.isUndefined()) continue;
      if (!key.isString())
        throwError("T1003", group.position, "", "Key in object structure must evaluate to a string; got: " + describe(key));
      std::string name(key.string());
      auto [it, inserted] = index.emplace(name, slots.size());
      if (inserted) {
        slots.push_back(GroupSlot{std::move(name), p, {item}});
        continue;
      }
      GroupSlot& slot = slots[it->second];
      if (slot.pairIndex != p)
        throwError("D1009", group.position, "", "Multiple key definitions evaluate to same key: " + describe(key));
      slot.members.push_back(item);
    }
  }
  return slots;
}

// jsonata-js fn.append over a group's items: one item stays itself, several form a sequence.
Value combine(const std::vector<Value>& items) {
  if (items.size() == 1) return items.front();
  Value result;
  for (const Value& item : items) result = appendValues(result, item);
  return result;
}

}  // namespace

Value Evaluator::filter(const Node& predicate, const Value& input, const FramePtr& frame) {
  if (input.isUndefined()) return Value::sequence({});
  std::vector<Value> items = input.items();
  if (isNumberLiteral(predicate)) {
    std::size_t index = resolveIndex(predicate.literal.number(), items.size());
    if (index == static_cast<std::size_t>(-1)) return Value::sequence({});
    if (items[index].isArray()) return items[index];
    return Value::sequence({items[index]});
  }
  auto selected = selectItems(items.size(),
                              [&](std::size_t i) { return evaluate(predicate, items[i], frame); });
  std::vector<Value> results;
  results.reserve(selected.size());
  for (std::size_t i : selected) results.push_back(items[i]);
  return Value::sequence(std::move(results));
}

void Evaluator::filterTuples(const Node& predicate, std::vector<Tuple>& stream, const FramePtr& frame) {
  std::vector<std::size_t> selected;
  if (isNumberLiteral(predicate)) {
    std::size_t index = resolveIndex(predicate.literal.number(), stream.size());
    if (index != static_cast<std::size_t>(-1)) selected.push_back(index);
  } else {
    selected = selectItems(stream.size(), [&](std::size_t i) {
      return evaluate(predicate, stream[i].context, tupleFrame(stream[i], frame));
    });
  }
  std::vector<Tuple> kept;
  kept.reserve(selected.size());
  for (std::size_t i : selected) kept.push_back(stream[i]);
  stream = std::move(kept);
}

Value Evaluator::sortValues(const Node& sort, const Value& input, const FramePtr& frame) {
  std::vector<Value> items = input.items();
  auto order = sortOrder(sort, items.size(), [&](std::size_t i, std::size_t t) {
    return evaluate(*sort.terms[t].expression, items[i], frame);
  });
  std::vector<Value> sorted;
  sorted.reserve(items.size());
  for (std::size_t i : order) sorted.push_back(items[i]);
  return Value::sequence(std::move(sorted));
}

void Evaluator::sortTuples(const Node& sort, std::vector<Tuple>& stream, const FramePtr& frame) {
  auto order = sortOrder(sort, stream.size(), [&](std::size_t i, std::size_t t) {
    return evaluate(*sort.terms[t].expression, stream[i].context, tupleFrame(stream[i], frame));
  });
  std::vector<Tuple> sorted;
  sorted.reserve(stream.size());
  for (std::size_t i : order) sorted.push_back(stream[i]);
  stream = std::move(sorted);
}

Value Evaluator::buildObject(const std::vector<std::pair<NodePtr, NodePtr>>& pairs, int position, const Value& input,
                             const FramePtr& frame) {
  // One context: each key is its own group (the same key from two pairs is still D1009).
  // Keys are mostly string literals, read straight from the tree; computed ones are kept alive in
  // `computed` (a string Value's text does not move with the Value). No data: an undefined key.
  boost::container::small_vector<std::string_view, 8> keys;
  boost::container::small_vector<Value, 2> computed;
  for (const auto& pair : pairs) {
    const Node& keyNode = *pair.first;
    std::string_view key;
    if (keyNode.isStringLiteral && keyNode.predicates.empty() && !keyNode.group) {
      key = keyNode.literal.string();
    } else {
      Value value = evaluate(keyNode, input, frame);
      if (!value.isUndefined() && !value.isString())
        throwError("T1003", position, "", "Key in object structure must evaluate to a string; got: " + describe(value));
      if (value.isString()) key = computed.emplace_back(std::move(value)).string();
    }
    if (key.data())
      for (std::string_view earlier : keys)
        if (earlier.data() && earlier == key)
          throwError("D1009", position, "", "Multiple key definitions evaluate to same key: " + describe(Value::string(key)));
    keys.push_back(key);
  }
  auto result = std::make_shared<ObjectData>();
  result->reserve(pairs.size());
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    if (!keys[p].data()) continue;
    Value value = evaluate(*pairs[p].second, input, frame);
    if (!value.isUndefined()) result->append(std::string(keys[p]), std::move(value));  // keys are unique (D1009)
  }
  return Value::object(std::move(result));
}

Value Evaluator::group(const GroupBy& group, const Value& input, const FramePtr& frame) {
  if (!input.isArray()) return buildObject(group.pairs, group.position, input, frame);
  std::vector<Value> items = input.items();
  if (items.empty()) items.emplace_back();  // so a literal object is still built
  auto slots = collectGroups(group, items.size(), [&](std::size_t item, std::size_t p) {
    return evaluate(*group.pairs[p].first, items[item], frame);
  });
  ObjectData result;
  result.reserve(slots.size());
  for (GroupSlot& slot : slots) {
    std::vector<Value> members;
    members.reserve(slot.members.size());
    for (std::size_t i : slot.members) members.push_back(items[i]);
    Value value = evaluate(*group.pairs[slot.pairIndex].second, combine(members), frame);
    if (!value.isUndefined()) result.set(std::move(slot.key), std::move(value));
  }
  return Value::object(std::move(result));
}

Value Evaluator::groupTuples(const GroupBy& group, const std::vector<Tuple>& stream, const FramePtr& frame) {
  std::vector<Tuple> tuples = stream;
  if (tuples.empty()) tuples.emplace_back();
  auto slots = collectGroups(group, tuples.size(), [&](std::size_t item, std::size_t p) {
    return evaluate(*group.pairs[p].first, tuples[item].context, tupleFrame(tuples[item], frame));
  });
  ObjectData result;
  for (GroupSlot& slot : slots) {
    // The group's tuples reduced to one: every variable bound to the values of all of them.
    Tuple reduced = tuples[slot.members.front()];
    for (std::size_t k = 1; k < slot.members.size(); ++k) {
      const Tuple& next = tuples[slot.members[k]];
      reduced.context = appendValues(reduced.context, next.context);
      for (const auto& binding : next.bindings) {  // not a structured binding: clang 14 cannot capture one
        auto it = std::find_if(reduced.bindings.begin(), reduced.bindings.end(),
                               [&binding](const auto& known) { return known.first == binding.first; });
        if (it == reduced.bindings.end()) reduced.bindings.push_back(binding);
        else it->second = appendValues(it->second, binding.second);
      }
    }
    Value value = evaluate(*group.pairs[slot.pairIndex].second, reduced.context, tupleFrame(reduced, frame));
    if (!value.isUndefined()) result.set(std::move(slot.key), std::move(value));
  }
  return Value::object(std::move(result));
}

}  // namespace stepsim::jsonata
