#include "emulator/stepfunctions/engine/state_fields.h"

#include <algorithm>
#include <cmath>

#include "emulator/stepfunctions/asl/errors.h"
#include "emulator/stepfunctions/asl/variables.h"
#include "emulator/stepfunctions/engine/jsonata_fields.h"

namespace stepsim::sfn {

using nlohmann::json;

std::optional<json> evalPath(const JsonPath& path, const json& input, const json& context,
                             const VariableLookup* variables) {
  return path.evaluate(pathRoot(path, input, context, variables));
}

int taskSeconds(const std::optional<int>& fixed, const std::optional<JsonPath>& path,
                const char* pathField, const json& effective, const json& context,
                const VariableLookup* variables) {
  if (fixed) return *fixed;
  if (!path) return 0;  // none (Lambda ARN tasks: 99999999 in AWS, i.e. none)
  std::optional<json> v = evalPath(*path, effective, context, variables);
  if (!v || !v->is_number_integer() || v->get<long long>() <= 0)
    throw StatesError{"States.Runtime", std::string("The ") + pathField +
                                            " parameter does not reference a valid positive "
                                            "integer: '" + path->text() + "'"};
  return static_cast<int>(std::min<long long>(v->get<long long>(), 99999999));
}

core::TimeMs waitEnd(const State& st, const json& effective, const json& context,
                     core::TimeMs now, const VariableLookup* variables) {
  if (st.seconds) return now + static_cast<core::TimeMs>(std::llround(*st.seconds * 1000));
  if (st.secondsPath) {
    std::optional<json> value = evalPath(*st.secondsPath, effective, context, variables);
    if (!value || !value->is_number() || value->get<double>() < 0)
      throw StatesError{"States.Runtime",
                        "The SecondsPath parameter does not reference a valid non-negative "
                        "integer value: '" + st.secondsPath->text() + "'"};
    return now + static_cast<core::TimeMs>(std::llround(value->get<double>() * 1000));
  }
  if (st.timestamp) return std::max(now, *st.timestamp);
  if (st.timestampPath) {
    std::optional<json> value = evalPath(*st.timestampPath, effective, context, variables);
    std::optional<core::TimeMs> when;
    if (value && value->is_string()) when = core::parseIso8601(value->get<std::string>());
    if (!when)
      throw StatesError{"States.Runtime",
                        "The TimestampPath parameter does not reference a valid ISO-8601 "
                        "extended offset date-time format string: '" +
                            st.timestampPath->text() + "'"};
    return std::max(now, *when);
  }
  return now;
}

std::optional<std::string> failText(const std::optional<std::string>& fixed,
                                    const std::optional<DynamicValue>& dynamic, const char* field,
                                    const EvalContext& ctx) {
  if (fixed) return fixed;
  if (!dynamic) return std::nullopt;
  json value;
  if (auto* path = std::get_if<JsonPath>(&*dynamic)) {
    std::optional<json> found = evalPath(*path, ctx.input, ctx.context, ctx.variables);
    if (!found)
      throw StatesError{"States.Runtime", "The JSONPath '" + path->text() +
                                              "' specified for the field '" + field +
                                              "' could not be found in the input"};
    value = std::move(*found);
  } else {
    value = std::get<IntrinsicCall>(*dynamic).evaluate(ctx);
  }
  if (!value.is_string())
    throw StatesError{"States.Runtime",
                      std::string("The value of the field '") + field + "' must be a string"};
  return value.get<std::string>();
}

FailTexts failTexts(const State& st, const EvalContext& ctx, const JsonataInputs& in) {
  FailTexts out;
  if (st.jsonata && st.jsonata->error) out.error = jsonataString(*st.jsonata->error, in);
  if (st.jsonata && st.jsonata->cause) out.cause = jsonataString(*st.jsonata->cause, in);
  if (!out.error) out.error = failText(st.error, st.errorPath, "ErrorPath", ctx);
  if (!out.cause) out.cause = failText(st.cause, st.causePath, "CausePath", ctx);
  return out;
}

const ChoiceBranch* jsonPathChoice(const State& st, const json& effective, const json& context,
                                   const VariableLookup* variables) {
  for (const ChoiceBranch& branch : st.choices)
    if (branch.rule->matches(effective, context, variables)) return &branch;
  return nullptr;
}

}  // namespace stepsim::sfn
