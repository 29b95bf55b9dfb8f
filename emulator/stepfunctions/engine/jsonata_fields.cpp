#include "emulator/stepfunctions/engine/jsonata_fields.h"

#include <algorithm>
#include <cmath>

#include "emulator/stepfunctions/asl/errors.h"
#include "emulator/stepfunctions/engine/state_fields.h"

namespace stepsim::sfn {

using json = stepsim::Json;

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
  if (!value.is_string()) wrongType(field, "ISO-8601 timestamp string", value);
  std::optional<core::TimeMs> when = core::parseIso8601(value.get<std::string>());
  if (!when) {
    StatesError error(std::string(kStatesQueryEvaluationError),
                      "The " + field.field() + " field cannot be parsed as an ISO-8601 extended "
                      "offset date-time format string: " + value.get<std::string>());
    error.location = field.field();
    throw error;
  }
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

JsonataExit jsonataExit(const AssignAndOutput& ao, const JsonataInputs& in,
                        const VariableScope& variables) {
  JsonataExit out;
  if (ao.assignJsonata) out.assigned = variables.prepare(jsonataObject(*ao.assignJsonata, in));
  if (ao.output) out.output = ao.output->evaluate(in);
  return out;
}

int jsonataSeconds(const std::optional<int>& fixed, const std::optional<JsonataTemplate>& expression,
                   const JsonataInputs& in) {
  if (!expression) return fixed.value_or(0);
  return jsonataInteger(*expression, in, 1);
}

core::TimeMs jsonataWaitEnd(const State& st, const JsonataInputs& in, core::TimeMs now) {
  if (st.jsonata && st.jsonata->seconds)
    return now + static_cast<core::TimeMs>(jsonataInteger(*st.jsonata->seconds, in, 0)) * 1000;
  if (st.jsonata && st.jsonata->timestamp)
    return std::max(now, jsonataTimestamp(*st.jsonata->timestamp, in));
  // Plain numbers and timestamps are kept in the state's ordinary fields.
  return waitEnd(st, in.input, in.context, now, in.variables);
}

const ChoiceBranch* jsonataChoice(const State& st, const JsonataInputs& in) {
  for (const ChoiceBranch& branch : st.choices)
    if (jsonataCondition(*branch.condition, in)) return &branch;
  return nullptr;
}

}  // namespace stepsim::sfn
