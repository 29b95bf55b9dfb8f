#pragma once
// Input and output processing in the order the spec gives: InputPath → Parameters → (the work) →
// ResultSelector → ResultPath → OutputPath. Failures throw StatesError with AWS's names.
#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/json.h"
#include "emulator/core/json_text.h"
#include "emulator/stepfunctions/engine/history.h"
#include "emulator/stepfunctions/engine/variables.h"
#include "emulator/stepfunctions/program.h"

namespace stepsim::sfn {

// InputPath / OutputPath. `field` names the field in error messages. A "$$..." path reads
// `context` (the context object) instead of `data`, a "$name..." path the variable.
stepsim::Json applyPathFilter(const PathFilter& filter, const stepsim::Json& data,
                               std::string_view field, const stepsim::Json& context,
                               const VariableLookup* variables = nullptr);
// ResultPath: the result merged into the state's raw input.
stepsim::Json applyResultPath(const ResultPathSpec& spec, stepsim::Json stateInput,
                               stepsim::Json result);

// The same on shared data, as the interpreter keeps it: "$" (and a discarded result) hand the
// same data on instead of copying it.
Data applyPathFilter(const PathFilter& filter, const Data& data, std::string_view field,
                     const stepsim::Json& context, const VariableLookup* variables = nullptr);
Data applyResultPath(const ResultPathSpec& spec, const Data& stateInput, Data result);

// A JSONPath state's (or catcher's) Assign evaluated in `ctx` ($: the result, the effective input
// or the error output) and checked against `variables`; nullopt without Assign.
std::optional<Assignments> assignJsonPath(const AssignAndOutput& ao, const EvalContext& ctx,
                                          const VariableScope& variables);

// Payloads over this size fail with States.DataLimitExceeded.
inline constexpr std::size_t kMaxPayloadBytes = 256 * 1024;
// So do payloads nested deeper than this: the depth of JSON a client may send, which a state
// could otherwise exceed a level or a template at a time (a loop nesting $ in itself), until
// copying the value overflowed the stack.
inline constexpr std::size_t kMaxDataDepth = core::kMaxClientJsonDepth;
// Why `value` cannot be the result of state `stateName` (the cause of its
// States.DataLimitExceeded): over kMaxPayloadBytes as JSON text, or nested deeper than
// kMaxDataDepth; nullopt when it can. Cheap for small values: the text is only written when a quick
// upper bound says it might be too large.
std::optional<std::string> payloadLimitCause(const stepsim::Json& value, std::string_view stateName);

}  // namespace stepsim::sfn
