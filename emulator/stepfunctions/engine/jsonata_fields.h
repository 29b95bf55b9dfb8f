#pragma once
// The typed fields of JSONata states, evaluated and checked as AWS checks them: a Wait's Seconds
// or Timestamp, a Task's TimeoutSeconds / HeartbeatSeconds, a Map's Items and MaxConcurrency, a
// Fail's Error / Cause, a Choice rule's Condition, an Assign. A value of the wrong type fails the
// state with States.QueryEvaluationError ("... returned an unexpected result type. Expected
// 'array', but was 'string' for value: "x""). Shared by the interpreter and TestState.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "emulator/core/random.h"
#include "emulator/core/time_types.h"
#include "emulator/jsonata/jsonata.h"
#include "emulator/stepfunctions/program.h"

namespace stepsim::sfn {

// $now()/$millis() read the simulation clock, $random()/$uuid() its seeded generator.
jsonata::Environment jsonataEnvironment(core::TimeMs now, core::Random& random);

// A whole number no smaller than `minimum` (Seconds: 0, TimeoutSeconds: 1, MaxConcurrency: 0).
int jsonataInteger(const JsonataTemplate& field, const JsonataInputs& in, int minimum);
core::TimeMs jsonataTimestamp(const JsonataTemplate& field, const JsonataInputs& in);
std::string jsonataString(const JsonataTemplate& field, const JsonataInputs& in);
nlohmann::json jsonataArray(const JsonataTemplate& field, const JsonataInputs& in);
bool jsonataCondition(const JsonataTemplate& field, const JsonataInputs& in);
// Assign: an object of name → value.
nlohmann::json jsonataObject(const JsonataTemplate& field, const JsonataInputs& in);

}  // namespace stepsim::sfn
