// core::parseJsonText: the one reader of JSON files users hand stepsim. Every way text can fail
// is a problem with a line, never an exception.
#include <catch2/catch.hpp>

#include "emulator/core/json_file.h"

using stepsim::core::JsonTextProblem;
using stepsim::core::parseJsonText;

TEST_CASE("parseJsonText reports a syntax error with its line") {
  auto parsed = parseJsonText("{\n  \"a\": 1,\n  oops\n}");
  REQUIRE(std::holds_alternative<JsonTextProblem>(parsed));
  CHECK(std::get<JsonTextProblem>(parsed).line == 3);
  CHECK(std::get<JsonTextProblem>(parsed).message.find("syntax error") == 0);
}

TEST_CASE("parseJsonText reports a number too large for a double with its line") {
  auto parsed = parseJsonText("{\n  \"a\": 1,\n  \"b\": 1e400\n}");
  REQUIRE(std::holds_alternative<JsonTextProblem>(parsed));
  CHECK(std::get<JsonTextProblem>(parsed).line == 3);
  CHECK(std::get<JsonTextProblem>(parsed).message == "number overflow parsing '1e400'");
  CHECK(std::holds_alternative<JsonTextProblem>(parseJsonText("-1e400")));
}

TEST_CASE("parseJsonText reports nesting deeper than the limit with its line") {
  auto parsed = parseJsonText("{\"a\":\n" + std::string(5000, '[') + std::string(5000, ']') + "}");
  REQUIRE(std::holds_alternative<JsonTextProblem>(parsed));
  CHECK(std::get<JsonTextProblem>(parsed).line == 2);
}

TEST_CASE("parseJsonText returns the document when it is one") {
  auto parsed = parseJsonText(R"({"a": [1e300, "\u00e9"]})");
  REQUIRE(std::holds_alternative<stepsim::Json>(parsed));
  CHECK(std::get<stepsim::Json>(parsed)["a"][1] == "\xc3\xa9");
}
