#pragma once
// The parts of definition checking that depend on the query language: QueryLanguage itself (a
// machine's, inherited by its states; a state of a JSONPath machine may opt into JSONata, a state
// of a JSONata machine may not go back), which fields each language allows, Assign (both
// languages, with AWS's variable-name rules) and the JSONata fields compiled into templates.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/json_fwd.h"
#include "emulator/stepfunctions/program.h"

namespace stepsim::sfn {

// Reports one SCHEMA_VALIDATION_FAILED diagnostic: message, location.
using SchemaError = std::function<void(std::string message, std::string location)>;

// `node`'s QueryLanguage, or `inherited` when it has none. `machineLevel` for a machine's own
// field (any value), false for a state's (JSONPath refused under a JSONata machine).
QueryLanguage queryLanguageOf(const stepsim::Json& node, QueryLanguage inherited,
                              bool machineLevel, const std::string& at, const SchemaError& error);

// Fields that only one language allows: reports each of `node`'s fields the other language owns.
void checkFieldLanguages(const stepsim::Json& node, QueryLanguage language, const std::string& at,
                         const SchemaError& error);

// Assign (and, for JSONata, Output) of a state, a Choice rule or a catcher.
AssignAndOutput compileAssignAndOutput(const stepsim::Json& node, QueryLanguage language,
                                       const std::string& at, const SchemaError& error);

// A field that may be written "{% ... %}" in a JSONata state: compiled when it is (or, with
// `always`, whatever JSON it is); nullopt otherwise, leaving the field to the ordinary checks.
std::optional<JsonataTemplate> jsonataField(const stepsim::Json& node, std::string_view field,
                                            const std::string& at, const SchemaError& error,
                                            bool always = false);

// The JSONata fields of a JSONata state of type `type`.
std::shared_ptr<const JsonataFields> compileJsonataFields(const stepsim::Json& node,
                                                          StateType type, const std::string& at,
                                                          const SchemaError& error);

// Whether the field is given as a JSONata expression in a JSONata state: the ordinary (numeric,
// timestamp, string) checks of the field are skipped for it.
bool isJsonataValue(const State& st, const stepsim::Json& node, std::string_view field);

}  // namespace stepsim::sfn
