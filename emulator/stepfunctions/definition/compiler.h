#pragma once
// Parses and validates an Amazon States Language definition (JSONPath query language) the way Step
// Functions does, and compiles it into a Program. Every problem found becomes a diagnostic with
// AWS's code and a location such as "/States/Submit Job/Next"; CreateStateMachine turns them into
// one InvalidDefinition error, ValidateStateMachineDefinition returns them as they are.
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/stepfunctions/program.h"

namespace stepsim::sfn {

struct Diagnostic {
  std::string code;      // SCHEMA_VALIDATION_FAILED, MISSING_TRANSITION_TARGET, ...
  std::string message;
  std::string location;  // JSON pointer into the definition
  // AWS refuses this one in other words, quoting the definition as sent (the Label rules):
  // "Error=ValueError Args=['message'] in definition '...'."
  bool quotesDefinition = false;
};

struct CompileResult {
  std::shared_ptr<const Program> program;  // null when there are errors
  std::vector<Diagnostic> errors;
};

// Definitions larger than this are refused (AWS: 1 MB).
inline constexpr std::size_t kMaxDefinitionBytes = 1024 * 1024;

// `type` STANDARD or EXPRESS: an EXPRESS machine may not use .sync, .waitForTaskToken or activities.
// `predefinedVariables`: workflow variables taken as assigned before the machine starts (TestState's
// `variables`), for the check that every variable read is assigned somewhere in scope.
CompileResult compileDefinition(std::string_view definition, std::string_view type = "STANDARD",
                                const std::set<std::string>& predefinedVariables = {});

// "Invalid State Machine Definition: 'CODE: message at /location', ..." (InvalidDefinition).
std::string invalidDefinitionMessage(const std::vector<Diagnostic>& errors);

// The InvalidDefinition message the API answers for `definition`: the one above, unless an error
// quotes the definition.
std::string invalidDefinitionMessage(const std::vector<Diagnostic>& errors,
                                     std::string_view definition);

}  // namespace stepsim::sfn
