#pragma once
// The typed fields of JSONata states, evaluated and checked as AWS checks them: a Wait's Seconds
// or Timestamp, a Task's TimeoutSeconds / HeartbeatSeconds, a Map's Items and MaxConcurrency, a
// Fail's Error / Cause, a Choice rule's Condition, an Assign and Output. A value of the wrong type fails the
// state with States.QueryEvaluationError ("... returned an unexpected result type. Expected
// 'array', but was 'string' for value: "x""). Shared by the interpreter and TestState.
#include <optional>
#include <string>

#include "emulator/core/json.h"
#include "emulator/core/random.h"
#include "emulator/core/time_types.h"
#include "emulator/jsonata/jsonata.h"
#include "emulator/stepfunctions/engine/variables.h"
#include "emulator/stepfunctions/program.h"

namespace stepsim::sfn {

// $now()/$millis() read the simulation clock, $random()/$uuid() its seeded generator.
jsonata::Environment jsonataEnvironment(core::TimeMs now, core::Random& random);

// A whole number no smaller than `minimum` (Seconds: 0, TimeoutSeconds: 1, MaxConcurrency: 0).
int jsonataInteger(const JsonataTemplate& field, const JsonataInputs& in, int minimum);
core::TimeMs jsonataTimestamp(const JsonataTemplate& field, const JsonataInputs& in);
std::string jsonataString(const JsonataTemplate& field, const JsonataInputs& in);
stepsim::Json jsonataArray(const JsonataTemplate& field, const JsonataInputs& in);
bool jsonataCondition(const JsonataTemplate& field, const JsonataInputs& in);
// Assign: an object of name → value.
stepsim::Json jsonataObject(const JsonataTemplate& field, const JsonataInputs& in);

// What a JSONata state (or catcher) leaves with: its Assign checked against `variables` but not
// committed (nullopt without Assign), and its Output's value (nullopt without Output: the result,
// else the error output, else the input goes on). Both see the variables from before the state.
struct JsonataExit {
  std::optional<Assignments> assigned;
  std::optional<stepsim::Json> output;
};
JsonataExit jsonataExit(const AssignAndOutput& ao, const JsonataInputs& in,
                        const VariableScope& variables);

// A Task's TimeoutSeconds / HeartbeatSeconds: fixed, from an expression, or none (0).
int jsonataSeconds(const std::optional<int>& fixed, const std::optional<JsonataTemplate>& expression,
                   const JsonataInputs& in);
// When a JSONata Wait entered at `now` ends (Seconds or Timestamp, fixed or evaluated).
core::TimeMs jsonataWaitEnd(const State& st, const JsonataInputs& in, core::TimeMs now);
// The first Choice rule whose Condition holds, or null.
const ChoiceBranch* jsonataChoice(const State& st, const JsonataInputs& in);

}  // namespace stepsim::sfn
