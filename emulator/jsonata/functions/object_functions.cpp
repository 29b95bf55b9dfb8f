// https://docs.jsonata.org/object-functions ($keys $spread $merge; $lookup, $each, $sift, $type,
// $error and $assert are the evaluator's).
#include <algorithm>
#include <unordered_set>

#include "emulator/jsonata/functions/builtin_support.h"
#include "emulator/jsonata/functions/function_library.h"

namespace stepsim::jsonata {

namespace {

// The distinct keys of an object, or of every object in an array, in first-seen order.
Value keys(const Value& arg) {
  std::vector<Value> result;
  std::unordered_set<std::string> seen;
  auto collect = [&](const Value& object) {
    object.forEachMember([&](std::string_view key, const Value&) {
      if (seen.insert(std::string(key)).second) result.push_back(Value::string(key));
    });
  };
  if (arg.isArray()) {
    for (const Value& item : arg.items())
      if (item.isObject()) collect(item);
  } else if (arg.isObject()) {
    collect(arg);
  } else {
    return Value();
  }
  if (result.empty()) return Value();
  return Value::sequence(std::move(result));
}

void spreadInto(std::vector<Value>& out, const Value& arg) {
  if (arg.isArray()) {
    for (const Value& item : arg.items()) spreadInto(out, item);
  } else if (arg.isObject()) {
    arg.forEachMember([&](std::string_view key, const Value& value) {
      ObjectData single;
      single.set(std::string(key), value);
      out.push_back(Value::object(std::move(single)));
    });
  } else {
    out.push_back(arg);
  }
}

Value spread(const Value& arg) {
  if (arg.isUndefined()) return Value();
  if (!arg.isArray() && !arg.isObject()) return arg;
  std::vector<Value> out;
  spreadInto(out, arg);
  return Value::sequence(std::move(out));
}

Value merge(const Value& objects) {
  if (objects.isUndefined()) return Value();
  ObjectData merged;
  for (const Value& object : objects.items()) {
    object.forEachMember([&](std::string_view key, const Value& value) { merged.set(std::string(key), value); });
  }
  return Value::object(std::move(merged));
}

}  // namespace

void registerObjectFunctions(FunctionRegistry& registry) {
  registry.add("keys", "<x-:a<s>>", [](CallContext&, std::span<const Value> args) { return keys(args[0]); });
  registry.add("spread", "<x-:a<o>>", [](CallContext&, std::span<const Value> args) { return spread(args[0]); });
  registry.add("merge", "<a<o>:o>", [](CallContext&, std::span<const Value> args) { return merge(args[0]); });
}

}  // namespace stepsim::jsonata
