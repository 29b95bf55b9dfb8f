#pragma once
// The two ways the ASL expression layer reports a problem.
//
// AslSyntaxError: the definition itself is wrong (a malformed path, an unknown intrinsic, a Choice
// rule with two operators). Thrown while compiling a state machine; the validator adds the location
// and reports it as SCHEMA_VALIDATION_FAILED / INVALID_JSON_PATH.
//
// StatesError: an execution fails at run time. `error` is the AWS error name (States.Runtime,
// States.ResultPathMatchFailure, ...), `cause` the text AWS puts after its
// "An error occurred while executing the state 'X' (entered at the event id #N). " prefix, which
// the interpreter adds because only it knows the state and the event id.
#include <stdexcept>
#include <string>
#include <string_view>

#include "emulator/core/json_fwd.h"

namespace stepsim::sfn {

struct AslSyntaxError : std::runtime_error {
  explicit AslSyntaxError(const std::string& message) : std::runtime_error(message) {}
};

struct StatesError : std::runtime_error {
  StatesError(std::string errorName, std::string causeText)
      : std::runtime_error(errorName + ": " + causeText),
        error(std::move(errorName)),
        cause(std::move(causeText)) {}
  std::string error;
  std::string cause;
  // The field a JSONata evaluation failed in ("Arguments/Payload"): the EvaluationFailed event's
  // location. Empty for other failures.
  std::string location;
};

// AWS error names used by this layer. Note: AWS reports failures inside intrinsic functions and
// unresolvable payload paths as States.Runtime (which States.ALL does not catch), not as the
// States.IntrinsicFailure / States.ParameterPathFailure names the specification reserves.
inline constexpr std::string_view kStatesRuntime = "States.Runtime";
inline constexpr std::string_view kStatesResultPathMatchFailure = "States.ResultPathMatchFailure";

// "The JSONPath '$.x' specified for the field 'InputPath' could not be found in the input '{...}'"
// The input is written compactly. For InputPath, OutputPath, ItemsPath, payload templates, ...
StatesError pathNotFoundError(std::string_view path, std::string_view field,
                              const stepsim::Json& input);

class JsonPath;

// "Invalid path '$.a.b' : Missing property in path $['a']": a path field (InputPath, OutputPath,
// ItemsPath, TimeoutSecondsPath, ...) that matches nothing in `root`, as AWS reports it.
StatesError invalidPathError(const JsonPath& path, const stepsim::Json& root);

// "Reference path "$.items" must point to array.": a Map's items (ItemsPath, or the input when
// `itemsPath` is null) that are no array. AWS names a context path from the root it reads
// ("$$.Execution.Input" as "$.Execution.Input").
StatesError itemsNotArrayError(const JsonPath* itemsPath);

// "$.x == -1": a path and the value it found, as AWS quotes them in its causes (strings bare).
std::string pathEqualsText(const JsonPath& path, const stepsim::Json& value);

}  // namespace stepsim::sfn
