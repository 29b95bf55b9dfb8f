#include "emulator/stepfunctions/engine/jsonata_fields.h"

#include <cmath>

#include "emulator/stepfunctions/asl/errors.h"

namespace stepsim::sfn {

using nlohmann::json;

namespace {

// The largest value the time fields accept (as in JSONPath states).
constexpr double kMaxSeconds = 99999999;

[[noreturn]] void wrongType(const JsonataTemplate& field, std::string_view expected,
                            const json& value) {
  StatesError error(std::string(kStatesQueryEvaluationError),
                    unexpectedTypeCause(field, expected, value));
  error.location = field.field();
  throw error;
}

}  // namespace

jsonata::Environment jsonataEnvironment(core::TimeMs now, core::Random& random) {
  jsonata::Environment environment;
  environment.nowMillis = now;
  environment.random = [&random] { return random.unit(); };
  return environment;
}

int jsonataInteger(const JsonataTemplate& field, const JsonataInputs& in, int minimum) {
  json value = field.evaluate(in);
  if (!value.is_number()) wrongType(field, "integer", value);
  double number = value.get<double>();
  if (number != std::floor(number) || number < minimum || number > kMaxSeconds)
    wrongType(field, minimum > 0 ? "positive integer" : "non-negative integer", value);
  return static_cast<int>(number);
}

core::TimeMs jsonataTimestamp(const JsonataTemplate& field, const JsonataInputs& in) {
  json value = field.evaluate(in);
  std::optional<core::TimeMs> when;
  if (value.is_string()) when = core::parseIso8601(value.get<std::string>());
  if (!when) wrongType(field, "ISO-8601 timestamp string", value);
  return *when;
}

std::string jsonataString(const JsonataTemplate& field, const JsonataInputs& in) {
  json value = field.evaluate(in);
  if (!value.is_string()) wrongType(field, "string", value);
  return value.get<std::string>();
}

json jsonataArray(const JsonataTemplate& field, const JsonataInputs& in) {
  json value = field.evaluate(in);
  if (!value.is_array()) wrongType(field, "array", value);
  return value;
}

bool jsonataCondition(const JsonataTemplate& field, const JsonataInputs& in) {
  json value = field.evaluate(in);
  if (!value.is_boolean()) wrongType(field, "boolean", value);
  return value.get<bool>();
}

json jsonataObject(const JsonataTemplate& field, const JsonataInputs& in) {
  json value = field.evaluate(in);
  if (!value.is_object()) wrongType(field, "object", value);
  return value;
}

}  // namespace stepsim::sfn
