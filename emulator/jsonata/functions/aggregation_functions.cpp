// https://docs.jsonata.org/aggregation-functions. The signature has already checked that the
// argument is an array of numbers (T0412); a single number arrives wrapped in an array.
#include <algorithm>
#include <cmath>

#include "emulator/jsonata/functions/builtin_support.h"
#include "emulator/jsonata/functions/function_library.h"

namespace stepsim::jsonata {

namespace {

// The sum, or D1001 when it overflows what a JSON number can hold.
double total(CallContext& context, const Value& numbers) {
  double sum = 0;
  for (std::size_t i = 0; i < numbers.size(); ++i) sum += numbers.at(i).number();
  if (!std::isfinite(sum)) context.fail("D1001", "Number out of range: the sum is not a finite number");
  return sum;
}

// $max / $min: undefined for no numbers.
template <class Pick>
Value extreme(const Value& numbers, Pick pick) {
  if (numbers.isUndefined() || numbers.empty()) return Value();
  double best = numbers.at(0).number();
  for (std::size_t i = 1; i < numbers.size(); ++i) best = pick(best, numbers.at(i).number());
  return Value::number(best);
}

}  // namespace

void registerAggregationFunctions(FunctionRegistry& registry) {
  registry.add("sum", "<a<n>:n>", [](CallContext& context, std::span<const Value> args) -> Value {
    if (args[0].isUndefined()) return Value();
    return Value::number(total(context, args[0]));
  });
  registry.add("max", "<a<n>:n>", [](CallContext&, std::span<const Value> args) {
    return extreme(args[0], [](double a, double b) { return std::max(a, b); });
  });
  registry.add("min", "<a<n>:n>", [](CallContext&, std::span<const Value> args) {
    return extreme(args[0], [](double a, double b) { return std::min(a, b); });
  });
  registry.add("average", "<a<n>:n>", [](CallContext& context, std::span<const Value> args) -> Value {
    if (args[0].isUndefined() || args[0].empty()) return Value();
    return Value::number(total(context, args[0]) / static_cast<double>(args[0].size()));
  });
}

}  // namespace stepsim::jsonata
