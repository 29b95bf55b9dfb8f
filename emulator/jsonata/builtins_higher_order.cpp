// Builtins that call functions given to them: $map $filter $single $reduce $sift $each $sort.
#include "emulator/jsonata/evaluator.h"
#include "emulator/jsonata/functions/builtin_support.h"

namespace stepsim::jsonata {

namespace {

// Calls `function` with as many of (first, second, third) as it declares parameters (at least one),
// as jsonata-js hofFuncArgs does.
Value callWith(CallContext& call, const Value& function, const Value& first, const Value& second, const Value& third) {
  std::size_t arity = std::max<std::size_t>(1, std::min<std::size_t>(3, call.arity(function)));
  const Value args[] = {first, second, third};
  return call.apply(function, std::span<const Value>(args, arity));
}

Value map(CallContext& call, std::span<const Value> args) {
  const Value& array = argument(args, 0);
  if (array.isUndefined()) return Value();
  std::vector<Value> results;
  for (std::size_t i = 0; i < array.size(); ++i) {
    Value result = callWith(call, args[1], array.at(i), Value::number(static_cast<double>(i)), array);
    if (!result.isUndefined()) results.push_back(std::move(result));
  }
  return Value::sequence(std::move(results));
}

Value filter(CallContext& call, std::span<const Value> args) {
  const Value& array = argument(args, 0);
  if (array.isUndefined()) return Value();
  std::vector<Value> results;
  for (std::size_t i = 0; i < array.size(); ++i) {
    Value item = array.at(i);
    if (truthy(callWith(call, args[1], item, Value::number(static_cast<double>(i)), array))) results.push_back(item);
  }
  return Value::sequence(std::move(results));
}

Value single(CallContext& call, std::span<const Value> args) {
  const Value& array = argument(args, 0);
  if (array.isUndefined()) return Value();
  const Value& predicate = argument(args, 1);
  Value found;
  bool any = false;
  for (std::size_t i = 0; i < array.size(); ++i) {
    Value item = array.at(i);
    bool matches = predicate.isUndefined() ||
                   truthy(callWith(call, predicate, item, Value::number(static_cast<double>(i)), array));
    if (!matches) continue;
    if (any) call.fail("D3138", "The $single() function expected exactly 1 matching result.  Instead it matched more.");
    found = item;
    any = true;
  }
  if (!any) call.fail("D3139", "The $single() function expected exactly 1 matching result.  Instead it matched 0.");
  return found;
}

Value reduce(CallContext& call, std::span<const Value> args) {
  const Value& sequence = argument(args, 0);
  if (sequence.isUndefined()) return Value();
  const Value& function = args[1];
  std::size_t arity = call.arity(function);
  if (arity < 2)
    call.fail("D3050", "The second argument of reduce function must be a function with at least two arguments");
  Value accumulator = argument(args, 2);
  std::size_t start = 0;
  if (accumulator.isUndefined() && sequence.size() > 0) {
    accumulator = sequence.at(0);
    start = 1;
  }
  for (std::size_t i = start; i < sequence.size(); ++i) {
    std::vector<Value> callArgs{accumulator, sequence.at(i)};
    if (arity >= 3) callArgs.push_back(Value::number(static_cast<double>(i)));
    if (arity >= 4) callArgs.push_back(sequence);
    accumulator = call.apply(function, callArgs);
  }
  return accumulator;
}

Value sift(CallContext& call, std::span<const Value> args) {
  const Value& object = argument(args, 0);
  if (object.isUndefined()) return Value();
  ObjectData kept;
  object.forEachMember([&](std::string_view key, const Value& value) {
    if (truthy(callWith(call, args[1], value, Value::string(key), object))) kept.set(std::string(key), value);
  });
  if (kept.empty()) return Value();
  return Value::object(std::move(kept));
}

Value each(CallContext& call, std::span<const Value> args) {
  const Value& object = argument(args, 0);
  if (object.isUndefined()) return Value();
  std::vector<Value> results;
  object.forEachMember([&](std::string_view key, const Value& value) {
    Value result = callWith(call, args[1], value, Value::string(key), object);
    if (!result.isUndefined()) results.push_back(std::move(result));
  });
  return Value::sequence(std::move(results));
}

// Stable merge sort, as jsonata-js's: `greater(a, b)` true puts b first.
template <class Greater>
void mergeSort(std::vector<Value>& items, std::size_t begin, std::size_t end, std::vector<Value>& buffer,
               Greater& greater) {
  if (end - begin <= 1) return;
  std::size_t middle = begin + (end - begin) / 2;
  mergeSort(items, begin, middle, buffer, greater);
  mergeSort(items, middle, end, buffer, greater);
  buffer.clear();
  std::size_t left = begin, right = middle;
  while (left < middle && right < end) {
    if (greater(items[left], items[right])) buffer.push_back(items[right++]);
    else buffer.push_back(items[left++]);
  }
  while (left < middle) buffer.push_back(items[left++]);
  while (right < end) buffer.push_back(items[right++]);
  std::move(buffer.begin(), buffer.end(), items.begin() + static_cast<std::ptrdiff_t>(begin));
}

Value sort(CallContext& call, std::span<const Value> args) {
  const Value& array = argument(args, 0);
  if (array.isUndefined()) return Value();
  if (array.size() <= 1) return array;
  std::vector<Value> items = array.items();
  const Value& comparator = argument(args, 1);
  std::vector<Value> buffer;
  buffer.reserve(items.size());
  if (comparator.isUndefined()) {
    bool numbers = true, strings = true;
    for (const Value& item : items) {
      numbers = numbers && item.isNumber();
      strings = strings && item.isString();
    }
    if (!numbers && !strings)
      call.fail("D3070",
                "The single argument form of the sort function can only be applied to an array of strings or an array of numbers.  Use the second argument to specify a comparison function");
    auto greater = [](const Value& a, const Value& b) {
      return a.isNumber() ? a.number() > b.number() : a.string() > b.string();
    };
    mergeSort(items, 0, items.size(), buffer, greater);
  } else {
    auto greater = [&](const Value& a, const Value& b) {
      const Value pair[] = {a, b};
      return truthy(call.apply(comparator, pair));
    };
    mergeSort(items, 0, items.size(), buffer, greater);
  }
  return Value::array(std::move(items));
}

}  // namespace

void registerHigherOrderFunctions(FunctionRegistry& registry) {
  registry.add("map", "<af>", map);
  registry.add("filter", "<af>", filter);
  registry.add("single", "<af?>", single);
  registry.add("reduce", "<afj?:j>", reduce);
  registry.add("sift", "<o-f?:o>", sift);
  registry.add("each", "<o-f?:a>", each);
  registry.add("sort", "<af?:a>", sort);
}

}  // namespace stepsim::jsonata
