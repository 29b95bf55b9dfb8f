// https://docs.jsonata.org/date-time-functions. "Now" is the Environment's virtual clock, the
// same instant for the whole evaluation.
#include <cmath>

#include "emulator/jsonata/functions/builtin_support.h"
#include "emulator/jsonata/functions/datetime_format.h"
#include "emulator/jsonata/functions/function_library.h"

namespace stepsim::jsonata {

namespace {

// JavaScript dates span ±8.64e15 ms around the epoch.
constexpr double kMaxMillis = 8.64e15;

std::optional<std::string_view> optionalString(const Value& value) {
  if (value.isString()) return value.string();
  return std::nullopt;
}

Value fromMillis(CallContext& context, double millis, const Value& picture, const Value& timezone) {
  if (!(std::fabs(millis) <= kMaxMillis)) return Value();
  numbers::FormatError error;
  auto text = datetime::format(static_cast<std::int64_t>(std::trunc(millis)), optionalString(picture),
                               optionalString(timezone), error);
  if (!text) context.fail(error.code, error.message);
  return Value::string(std::move(*text));
}

Value toMillis(CallContext& context, std::string_view timestamp, const Value& picture) {
  if (!picture.isString()) {
    auto millis = datetime::parseIso(timestamp);
    if (!millis) {
      context.fail("D3110", "The argument of the toMillis function must be an ISO 8601 formatted timestamp. Given \"" +
                                std::string(timestamp) + "\"");
    }
    return Value::number(static_cast<double>(*millis));
  }
  datetime::Parsed parsed =
      datetime::parse(timestamp, picture.string(), context.environment().nowMillis, context.limits(),
                      context.position());
  if (!parsed.ok) context.fail(parsed.error.code, parsed.error.message);
  return parsed.millis ? Value::number(static_cast<double>(*parsed.millis)) : Value();
}

}  // namespace

void registerDateTimeFunctions(FunctionRegistry& registry) {
  registry.add("now", "<s?s?:s>", [](CallContext& context, std::span<const Value> args) {
    return fromMillis(context, static_cast<double>(context.environment().nowMillis), args[0], args[1]);
  });
  registry.add("millis", "<:n>", [](CallContext& context, std::span<const Value>) {
    return Value::number(static_cast<double>(context.environment().nowMillis));
  });
  registry.add("fromMillis", "<n-s?s?:s>", [](CallContext& context, std::span<const Value> args) -> Value {
    if (args[0].isUndefined()) return Value();
    return fromMillis(context, args[0].number(), args[1], args[2]);
  });
  registry.add("toMillis", "<s-s?:n>", [](CallContext& context, std::span<const Value> args) -> Value {
    if (args[0].isUndefined()) return Value();
    return toMillis(context, args[0].string(), args[1]);
  });
}

}  // namespace stepsim::jsonata
