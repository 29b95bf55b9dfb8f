#pragma once
// How Step Functions reports text that is not JSON: in the words of its Java JSON parser
// (Jackson), which AWS quotes as they are ("Unrecognized token 'not': was expecting (JSON String,
// Number, Array, Object or token 'null', 'true' or 'false')"), with the place in Jackson's form
// ("[Source: (String)"not a definition"; line: 1, column: 4]"). The two errors users meet most
// (a bare word, a single-quoted key) get Jackson's wording; others a plain description.
#include <string>
#include <string_view>

namespace stepsim::sfn {

struct JsonParseError {
  std::string message;
  std::string source;  // "[Source: (String)"..."; line: L, column: C]"
};

// `text` must be text nlohmann's parser refuses; otherwise a generic message is given.
JsonParseError describeJsonParseError(std::string_view text);

// InvalidExecutionInput's message for input that is not JSON, as StartExecution and TestState
// give it ("Invalid execution input." when there is none at all).
std::string invalidExecutionInputMessage(std::string_view text);

// The diagnostic of a definition that is not JSON: SCHEMA_VALIDATION_FAILED "Definition must be a
// valid JSON object" when it is blank, else INVALID_JSON_DESCRIPTION with Jackson's message.
struct DefinitionParseDiagnostic {
  std::string code, message, location;
};
DefinitionParseDiagnostic definitionParseDiagnostic(std::string_view text);

}  // namespace stepsim::sfn
