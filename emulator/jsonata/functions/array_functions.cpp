// https://docs.jsonata.org/array-functions (except $sort, the evaluator's).
#include <algorithm>
#include <cmath>

#include "emulator/jsonata/functions/builtin_support.h"
#include "emulator/jsonata/functions/function_library.h"

namespace stepsim::jsonata {

namespace {

Value append(CallContext& context, const Value& first, const Value& second) {
  if (first.isUndefined()) return second;
  if (second.isUndefined()) return first;
  std::vector<Value> items = first.isArray() ? first.items() : std::vector<Value>{first};
  std::vector<Value> more = second.isArray() ? second.items() : std::vector<Value>{second};
  context.checkResultSize(items.size() + more.size());
  items.insert(items.end(), more.begin(), more.end());
  return Value::array(std::move(items));
}

Value shuffle(CallContext& context, const Value& array) {
  if (array.isUndefined() || array.size() <= 1) return array;
  std::vector<Value> items = array.items();
  std::vector<Value> shuffled(items.size());
  const auto& random = context.environment().random;
  // The "inside-out" Fisher-Yates of jsonata-js, drawing from the evaluation's seeded source.
  for (std::size_t i = 0; i < items.size(); ++i) {
    double r = random ? random() : 0.0;
    auto j = std::min(i, static_cast<std::size_t>(std::floor(r * static_cast<double>(i + 1))));
    if (i != j) shuffled[i] = shuffled[j];
    shuffled[j] = items[i];
  }
  return Value::array(std::move(shuffled));
}

Value distinct(CallContext& context, const Value& array) {
  if (!array.isArray() || array.size() <= 1) return array;
  std::vector<Value> unique;
  for (const Value& item : array.items()) {
    context.countSteps(unique.size() + 1);
    if (std::none_of(unique.begin(), unique.end(), [&](const Value& seen) { return deepEqual(seen, item); }))
      unique.push_back(item);
  }
  return Value::array(std::move(unique), array.isSequence() ? Value::Sequence : 0);
}

Value zip(std::span<const Value> arrays) {
  std::size_t length = arrays.empty() ? 0 : SIZE_MAX;
  for (const Value& array : arrays) length = std::min(length, array.isUndefined() ? 0 : array.size());
  std::vector<Value> tuples;
  tuples.reserve(length);
  for (std::size_t i = 0; i < length; ++i) {
    std::vector<Value> tuple;
    tuple.reserve(arrays.size());
    for (const Value& array : arrays) tuple.push_back(array.at(i));
    tuples.push_back(Value::array(std::move(tuple)));
  }
  return Value::array(std::move(tuples));
}

}  // namespace

void registerArrayFunctions(FunctionRegistry& registry) {
  registry.add("count", "<a:n>", [](CallContext&, std::span<const Value> args) {
    return Value::number(args[0].isUndefined() ? 0.0 : static_cast<double>(args[0].size()));
  });
  registry.add("append", "<xx:a>", [](CallContext& context, std::span<const Value> args) {
    return append(context, args[0], args[1]);
  });
  registry.add("reverse", "<a:a>", [](CallContext&, std::span<const Value> args) -> Value {
    if (args[0].isUndefined() || args[0].size() <= 1) return args[0];
    std::vector<Value> items = args[0].items();
    std::reverse(items.begin(), items.end());
    return Value::array(std::move(items));
  });
  registry.add("shuffle", "<a:a>",
               [](CallContext& context, std::span<const Value> args) { return shuffle(context, args[0]); });
  registry.add("distinct", "<x:x>",
               [](CallContext& context, std::span<const Value> args) { return distinct(context, args[0]); });
  registry.add("zip", "<a+>", [](CallContext&, std::span<const Value> args) { return zip(args); });
}

}  // namespace stepsim::jsonata
