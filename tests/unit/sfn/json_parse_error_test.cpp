// Text that is not JSON, described in the words AWS quotes from its Java JSON parser.
#include <catch2/catch.hpp>

#include "emulator/stepfunctions/definition/json_parse_error.h"

using namespace stepsim::sfn;

TEST_CASE("json parse errors: a bare word is an unrecognized token, placed after it") {
  JsonParseError e = describeJsonParseError("not a definition");
  CHECK(e.message == "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object "
                     "or token 'null', 'true' or 'false')");
  CHECK(e.source == "[Source: (String)\"not a definition\"; line: 1, column: 4]");
  CHECK(describeJsonParseError("{\"a\":\n  nope}").source.find("line: 2, column: 7") != std::string::npos);
}

TEST_CASE("json parse errors: a key that is not double-quoted") {
  CHECK(describeJsonParseError("{'not': 'json'").message ==
        "Unexpected character (''' (code 39)): was expecting double-quote to start field name");
}

TEST_CASE("json parse errors: the other failures are still placed") {
  CHECK(describeJsonParseError("[1, 2").message == "Unexpected end-of-input");
  JsonParseError e = describeJsonParseError(std::string(600, '[') + "x");
  CHECK(e.source.find("[truncated 101 chars]") != std::string::npos);
}

TEST_CASE("json parse errors: text refused for no syntax error is described, never thrown") {
  // A number past a double's range: nlohmann refuses it with out_of_range, not parse_error (a
  // fuzz_definition finding that took the process down).
  CHECK(describeJsonParseError("111111e1111111").message == "The text is not valid JSON");
  CHECK(definitionParseDiagnostic("[1e999]").code == "INVALID_JSON_DESCRIPTION");
  // Deeper than any client JSON may nest: described without parsing it.
  JsonParseError deep = describeJsonParseError(std::string(5000, '['));
  CHECK(deep.message == "Document nesting depth exceeds the maximum allowed (1000)");
  CHECK(deep.source.find("column: 1002]") != std::string::npos);
  // A cut never splits a character.
  std::string accents;
  for (int i = 0; i < 600; ++i) accents += "\xc3\xa9";  // 601 characters, 1201 bytes
  CHECK(describeJsonParseError("x" + accents).source.find("[truncated 101 chars]") != std::string::npos);
}

TEST_CASE("json parse errors: what StartExecution and the validator say") {
  CHECK(invalidExecutionInputMessage("") ==
        "Invalid State Machine Execution Input: 'Invalid execution input.'");
  CHECK(invalidExecutionInputMessage("oops").find("Unrecognized token 'oops'") != std::string::npos);
  DefinitionParseDiagnostic blank = definitionParseDiagnostic("  ");
  CHECK((blank.code == "SCHEMA_VALIDATION_FAILED" && blank.location.empty()));
  DefinitionParseDiagnostic word = definitionParseDiagnostic("not a definition");
  CHECK(word.code == "INVALID_JSON_DESCRIPTION");
  CHECK(word.location == "[Source: (String)\"not a definition\"; line: 1, column: 4]");
  CHECK(word.message.find("\n at [Source:") != std::string::npos);
}
