#include "emulator/stepfunctions/engine/state_fields.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "emulator/core/json_text.h"
#include "emulator/stepfunctions/asl/errors.h"
#include "emulator/stepfunctions/asl/variables.h"
#include "emulator/stepfunctions/engine/jsonata_fields.h"

namespace stepsim::sfn {

using json = stepsim::Json;

std::optional<json> evalPath(const JsonPath& path, const json& input, const json& context,
                             const VariableLookup* variables) {
  return path.evaluate(pathRoot(path, input, context, variables));
}

namespace {
constexpr double kMaxPathInteger = std::numeric_limits<int>::max();
}  // namespace

double pathNumber(const JsonPath& path, const stepsim::Json& effective,
                  const stepsim::Json& context, const VariableLookup* variables, const char* field,
                  bool integer) {
  const stepsim::Json& root = pathRoot(path, effective, context, variables);
  std::optional<stepsim::Json> v = path.evaluate(root);
  if (!v) throw invalidPathError(path, root);
  if (const std::string* text = v->get_ptr<const std::string*>();
      text && !text->empty() && text->size() <= 9 &&
      text->find_first_not_of("0123456789") == std::string::npos)
    v = stepsim::Json(std::stoll(*text));
  // An integer field takes what an int holds: a larger one is no valid integer here either.
  bool valid = integer ? v->is_number_integer() && std::fabs(v->get<double>()) <= kMaxPathInteger
                       : v->is_number();
  if (!valid)
    throw StatesError{"States.Runtime",
                      std::string("The ") + field + " field refers to value \"" +
                          (v->is_string() ? v->get<std::string>() : core::serializeJson(*v)) +
                          "\" which is not a valid " + (integer ? "integer" : "float") + ": " +
                          path.text()};
  return v->get<double>();
}

int mapMaxConcurrency(const State& st, const stepsim::Json& effective, const stepsim::Json& context,
                      const VariableLookup* variables, const JsonataInputs* in) {
  const JsonataFields* jsonata = in ? st.jsonata.get() : nullptr;
  if (jsonata && jsonata->maxConcurrency) return jsonataInteger(*jsonata->maxConcurrency, *in, 0);
  if (!st.maxConcurrencyPath) return st.maxConcurrency;
  double n =
      pathNumber(*st.maxConcurrencyPath, effective, context, variables, "MaxConcurrencyPath", true);
  if (n < 0)
    throw StatesError{"States.Runtime",
                      "The MaxConcurrencyPath field refers to value \"" +
                          std::to_string(static_cast<long long>(n)) +
                          "\" which is not a valid integer: " + st.maxConcurrencyPath->text()};
  return static_cast<int>(n);
}

void resolveTolerance(MapSettings& out, const State& st, const stepsim::Json& effective,
                      const stepsim::Json& context, const VariableLookup* variables,
                      const JsonataInputs* in) {
  const JsonataFields* jsonata = in ? st.jsonata.get() : nullptr;
  out.toleratedFailureCount = st.toleratedFailureCount;
  out.toleratedFailurePercentage = st.toleratedFailurePercentage;
  if (jsonata && jsonata->toleratedFailureCount)
    out.toleratedFailureCount = jsonataInteger(*jsonata->toleratedFailureCount, *in, 0);
  else if (st.toleratedFailureCountPath)
    out.toleratedFailureCount =
        static_cast<int>(pathNumber(*st.toleratedFailureCountPath, effective, context, variables,
                                    "ToleratedFailureCountPath", true));
  if (jsonata && jsonata->toleratedFailurePercentage) {
    stepsim::Json v = jsonata->toleratedFailurePercentage->evaluate(*in);
    if (!v.is_number())
      throw StatesError{std::string(kStatesQueryEvaluationError),
                        "The ToleratedFailurePercentage field evaluated to " +
                            core::serializeJson(v) + ", which is not a number"};
    out.toleratedFailurePercentage = v.get<double>();
  } else if (st.toleratedFailurePercentagePath) {
    out.toleratedFailurePercentage =
        pathNumber(*st.toleratedFailurePercentagePath, effective, context, variables,
                   "ToleratedFailurePercentagePath", false);
  }
  if (out.toleratedFailurePercentage &&
      (*out.toleratedFailurePercentage < 0 || *out.toleratedFailurePercentage > 100))
    throw StatesError{"States.Runtime", "ToleratedFailurePercentage must be between 0 and 100."};
  if (out.toleratedFailureCount && *out.toleratedFailureCount < 0)
    throw StatesError{"States.Runtime", "ToleratedFailureCount must be a non-negative integer."};
}

MapSettings mapSettings(const State& st, const stepsim::Json& effective,
                        const stepsim::Json& context, const VariableLookup* variables,
                        const JsonataInputs* in) {
  MapSettings out;
  out.maxConcurrency = mapMaxConcurrency(st, effective, context, variables, in);
  resolveTolerance(out, st, effective, context, variables, in);
  return out;
}

int taskSeconds(const std::optional<int>& fixed, const std::optional<JsonPath>& path,
                const char* pathField, const json& effective, const json& context,
                const VariableLookup* variables) {
  if (fixed) return *fixed;
  if (!path) return 0;  // none (Lambda ARN tasks: 99999999 in AWS, i.e. none)
  const json& root = pathRoot(*path, effective, context, variables);
  std::optional<json> v = path->evaluate(root);
  if (!v) throw invalidPathError(*path, root);
  if (!v->is_number_integer() || v->get<long long>() <= 0)
    throw StatesError{"States.Runtime", std::string("The ") + pathField +
                                            " parameter does not reference a valid positive "
                                            "integer: '" + path->text() + "'"};
  return static_cast<int>(std::min<long long>(v->get<long long>(), 99999999));
}

namespace {

// `seconds` after `now`, saturating rather than overflowing for absurd waits.
core::TimeMs waitUntil(core::TimeMs now, long long seconds) {
  constexpr long long kMaxSeconds = std::numeric_limits<core::TimeMs>::max() / 1000 / 2;
  return now + static_cast<core::TimeMs>(std::min(seconds, kMaxSeconds)) * 1000;
}

}  // namespace

core::TimeMs waitEnd(const State& st, const json& effective, const json& context,
                     core::TimeMs now, const VariableLookup* variables) {
  if (st.seconds) return now + static_cast<core::TimeMs>(std::llround(*st.seconds * 1000));
  if (st.secondsPath) {
    const json& root = pathRoot(*st.secondsPath, effective, context, variables);
    std::optional<json> value = st.secondsPath->evaluate(root);
    if (!value) throw invalidPathError(*st.secondsPath, root);
    // AWS reads the value as a Java long: fractions and non-numbers fail, as do negatives.
    if (!value->is_number_integer())
      throw StatesError{"States.Runtime", "The SecondsPath parameter cannot be parsed as a long value: " +
                                              pathEqualsText(*st.secondsPath, *value)};
    if (!value->is_number_unsigned() && value->get<long long>() < 0)
      throw StatesError{"States.Runtime", "The SecondsPath parameter references a negative value: " +
                                              pathEqualsText(*st.secondsPath, *value)};
    if (value->is_number_unsigned())  // JSON's non-negative integers, up to 2^64 - 1
      return waitUntil(now, static_cast<long long>(std::min<unsigned long long>(
                                value->get<unsigned long long>(), std::numeric_limits<long long>::max())));
    return waitUntil(now, value->get<long long>());
  }
  if (st.timestamp) return std::max(now, *st.timestamp);
  if (st.timestampPath) {
    const json& root = pathRoot(*st.timestampPath, effective, context, variables);
    std::optional<json> value = st.timestampPath->evaluate(root);
    if (!value) throw invalidPathError(*st.timestampPath, root);
    std::optional<core::TimeMs> when;
    if (value->is_string()) when = core::parseIso8601(value->get<std::string>());
    if (!when)
      throw StatesError{"States.Runtime",
                        "The TimestampPath parameter does not reference a valid ISO-8601 "
                        "extended offset date-time format string: " +
                            pathEqualsText(*st.timestampPath, *value)};
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
    if (!found) throw pathNotFoundError(path->text(), field, ctx.input);
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
