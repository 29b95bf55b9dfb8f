#pragma once
// The values of a state's dynamic fields, read from the effective input or the context object as
// at run time: Task TimeoutSecondsPath/HeartbeatSecondsPath, a Wait's end, a Fail's Error/Cause,
// the Choice rule that matches.
// Shared by the interpreter and TestState so both fail with the same AWS errors.
#include <optional>
#include <string>

#include "emulator/core/json.h"
#include "emulator/core/time_types.h"
#include "emulator/stepfunctions/program.h"

namespace stepsim::sfn {

// A path's value: "$$..." paths read `context`, "$name..." the variable, the others `input`.
std::optional<stepsim::Json> evalPath(const JsonPath& path, const stepsim::Json& input,
                                       const stepsim::Json& context,
                                       const VariableLookup* variables = nullptr);

// TimeoutSeconds(Path) or HeartbeatSeconds(Path): 0 when the state has neither. `pathField` names
// the ...Path field in the States.Runtime message.
int taskSeconds(const std::optional<int>& fixed, const std::optional<JsonPath>& path,
                const char* pathField, const stepsim::Json& effective,
                const stepsim::Json& context, const VariableLookup* variables = nullptr);

// When a Wait entered at `now` ends (Seconds, SecondsPath, Timestamp, TimestampPath).
core::TimeMs waitEnd(const State& st, const stepsim::Json& effective,
                     const stepsim::Json& context, core::TimeMs now,
                     const VariableLookup* variables = nullptr);

// A Fail state's Error or Cause: fixed, from a path or from an intrinsic call; nothing when the
// state gives neither.
std::optional<std::string> failText(const std::optional<std::string>& fixed,
                                    const std::optional<DynamicValue>& dynamic,
                                    const char* field, const EvalContext& ctx);

// A Fail state's Error and Cause in either query language (`in`: what a JSONata state's
// expressions read).
struct FailTexts {
  std::optional<std::string> error, cause;
};
FailTexts failTexts(const State& st, const EvalContext& ctx, const JsonataInputs& in);

// A number a *Path field reads: an integer (`integer`) or any number, or a string of digits (AWS
// reads "12" as 12); States.Runtime naming `field` otherwise.
double pathNumber(const JsonPath& path, const stepsim::Json& effective,
                  const stepsim::Json& context, const VariableLookup* variables, const char* field,
                  bool integer);

// A Map's settings as at run time: MaxConcurrency (0: no limit) and the tolerated failures, from
// their literal, Path or JSONata forms (`in`: what a JSONata state's expressions read; null for a
// JSONPath state). States.Runtime for a path naming no number, a negative count or a percentage
// outside 0..100.
struct MapSettings {
  int maxConcurrency = 0;
  std::optional<int> toleratedFailureCount;
  std::optional<double> toleratedFailurePercentage;
};
MapSettings mapSettings(const State& st, const stepsim::Json& effective,
                        const stepsim::Json& context, const VariableLookup* variables,
                        const JsonataInputs* in);
// The same in two steps, as the interpreter takes them: MaxConcurrency before MapStateStarted, the
// tolerated failures after it (AWS reports their errors after MapStateStarted).
int mapMaxConcurrency(const State& st, const stepsim::Json& effective, const stepsim::Json& context,
                      const VariableLookup* variables, const JsonataInputs* in);
void resolveTolerance(MapSettings& settings, const State& st, const stepsim::Json& effective,
                      const stepsim::Json& context, const VariableLookup* variables,
                      const JsonataInputs* in);

// A JSONPath Choice's first rule that matches the effective input, or null.
const ChoiceBranch* jsonPathChoice(const State& st, const stepsim::Json& effective,
                                   const stepsim::Json& context, const VariableLookup* variables);

}  // namespace stepsim::sfn
