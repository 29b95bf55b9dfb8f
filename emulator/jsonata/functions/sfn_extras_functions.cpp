// The functions Step Functions adds to JSONata (AWS "Transforming data with JSONata in Step
// Functions"): $partition $range $hash $random (with an optional seed) $uuid $parse.
#include <cmath>

#include "emulator/jsonata/functions/builtin_support.h"
#include "emulator/jsonata/functions/function_library.h"
#include "emulator/jsonata/functions/sfn_extras.h"

namespace stepsim::jsonata {

namespace {

Value partition(CallContext& context, const Value& array, double size) {
  if (array.isUndefined()) return Value();
  if (size < 1 || std::floor(size) != size) {
    context.fail("D3200", "The size argument of the partition function must be a positive integer: " + show(size));
  }
  auto chunk = static_cast<std::size_t>(std::min(size, 1e15));
  std::vector<Value> items = array.items(), chunks;
  for (std::size_t start = 0; start < items.size(); start += chunk) {
    std::size_t end = std::min(items.size(), start + chunk);
    chunks.push_back(Value::array({items.begin() + static_cast<long>(start), items.begin() + static_cast<long>(end)}));
  }
  return Value::array(std::move(chunks));
}

// From start to end inclusive, by step (1 by default); empty when step points away from end.
Value range(CallContext& context, double start, double end, double step) {
  if (step == 0) context.fail("D3201", "The step argument of the range function must not be zero");
  double count = std::floor((end - start) / step) + 1;
  if (!(count > 0)) return Value::array({});  // also when a NaN bound or step makes count NaN
  context.checkResultSize(static_cast<std::uint64_t>(std::min(count, 1e18)));
  std::vector<Value> values;
  values.reserve(static_cast<std::size_t>(count));
  for (double i = 0; i < count; ++i) values.push_back(Value::number(start + i * step));
  // A sequence, as AWS returns it: a range of one number is that number.
  return Value::sequence(std::move(values));
}

Value parse(CallContext& context, std::string_view text) {
  context.checkResultSize(text.size());
  // The parsed value is walked recursively later: refuse what the evaluator could not nest.
  if (auto depth = sfn::jsonNestingDepth(text); depth > static_cast<std::size_t>(context.limits().maxDepth)) {
    context.fail("U1001", "The argument of the parse function nests deeper than " +
                              std::to_string(context.limits().maxDepth) + " levels");
  }
  Json json = Json::parse(text, nullptr, false);
  if (json.is_discarded()) context.fail("D3202", "The argument of the parse function is not valid JSON");
  return Value::fromJson(std::move(json));
}

}  // namespace

void registerStepFunctionsExtras(FunctionRegistry& registry) {
  registry.add("partition", "<an:a>", [](CallContext& context, std::span<const Value> args) {
    return partition(context, args[0], args[1].number());
  });
  registry.add("range", "<nnn?:a>", [](CallContext& context, std::span<const Value> args) -> Value {
    if (args[0].isUndefined() || args[1].isUndefined()) return Value();
    return range(context, args[0].number(), args[1].number(), args[2].isNumber() ? args[2].number() : 1);
  });
  registry.add("hash", "<ss:s>", [](CallContext& context, std::span<const Value> args) -> Value {
    if (args[0].isUndefined()) return Value();
    std::string_view algorithm = args[1].isString() ? args[1].string() : "";
    auto digest = sfn::hashHex(args[0].string(), algorithm);
    if (!digest) {
      context.fail("D3203", "The hash algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512; it was given \"" +
                                std::string(algorithm) + "\"");
    }
    return Value::string(std::move(*digest));
  });
  // Replaces the standard $random: Step Functions accepts a seed.
  registry.add("random", "<n?:n>", [](CallContext& context, std::span<const Value> args) -> Value {
    if (args[0].isNumber()) return Value::number(sfn::seededRandom(args[0].number()));
    const auto& random = context.environment().random;
    return Value::number(random ? random() : 0.0);
  });
  registry.add("uuid", "<:s>", [](CallContext& context, std::span<const Value>) {
    return Value::string(sfn::uuidV4(context.environment().random));
  });
  registry.add("parse", "<s-:x>", [](CallContext& context, std::span<const Value> args) -> Value {
    if (args[0].isUndefined()) return Value();
    return parse(context, args[0].string());
  });
}

}  // namespace stepsim::jsonata
