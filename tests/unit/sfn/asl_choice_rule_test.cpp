#include <catch2/catch.hpp>

#include "emulator/core/json.h"
#include "emulator/stepfunctions/asl/choice_rule.h"
#include "emulator/stepfunctions/asl/errors.h"

using namespace stepsim::sfn;
using json = stepsim::Json;

namespace {

const json kContext =
    json::parse(R"({"Execution": {"Name": "run-1", "StartTime": "2024-05-01T10:00:00.000Z"}})");

bool matches(std::string_view rule, const json& input) {
  return ChoiceRule::parse(json::parse(rule)).matches(input, kContext);
}

std::string runtimeError(std::string_view rule, const json& input) {
  try {
    matches(rule, input);
  } catch (const StatesError& e) {
    CHECK(e.error == "States.Runtime");
    return e.cause;
  }
  return "no error";
}

std::string parseError(std::string_view rule, bool topLevel = true) {
  try {
    ChoiceRule::parse(json::parse(rule), topLevel);
  } catch (const AslSyntaxError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("choice rules: the developer guide's examples") {
  CHECK(matches(R"({"Variable": "$.foo", "NumericEquals": 1, "Next": "FirstMatchState"})",
                json::parse(R"({"foo": 1})")));
  CHECK(matches(R"({"Variable": "$.foo", "NumericEquals": 1})", json::parse(R"({"foo": 1.0})")));
  CHECK_FALSE(
      matches(R"({"Variable": "$.foo", "NumericEquals": 1})", json::parse(R"({"foo": 2})")));
  CHECK(matches(R"({"Variable": "$.foo", "StringEquals": "MyString"})",
                json::parse(R"({"foo": "MyString"})")));
  CHECK(matches(R"({"Variable": "$.foo", "StringGreaterThan": "MyStringABC"})",
                json::parse(R"({"foo": "MyStringABD"})")));
  CHECK(matches(R"({"Variable": "$.possiblyNullValue", "IsNull": true})",
                json::parse(R"({"possiblyNullValue": null})")));
  // The IsPresent guard: StringEquals is only evaluated when the key exists.
  const char* guarded = R"({"And": [{"Variable": "$.keyThatMightNotExist", "IsPresent": true},
                                    {"Variable": "$.keyThatMightNotExist", "StringEquals": "foo"}]})";
  CHECK_FALSE(matches(guarded, json::object()));
  CHECK(matches(guarded, json::parse(R"({"keyThatMightNotExist": "foo"})")));
  CHECK(matches(R"({"Variable": "$.foo", "StringMatches": "log-*.txt"})",
                json::parse(R"({"foo": "log-2024-01.txt"})")));
  CHECK(matches(R"({"Variable": "$.foo", "TimestampEquals": "2001-01-01T12:00:00Z"})",
                json::parse(R"({"foo": "2001-01-01T12:00:00Z"})")));
  CHECK(matches(R"({"Variable": "$.foo", "StringEqualsPath": "$.bar"})",
                json::parse(R"({"foo": "x", "bar": "x"})")));
  // The specification: value in [20, 30), "Not" and "Or".
  const char* range = R"({"And": [{"Variable": "$.value", "NumericGreaterThanEquals": 20},
                                  {"Variable": "$.value", "NumericLessThan": 30}], "Next": "ValueInTwenties"})";
  CHECK(matches(range, json::parse(R"({"value": 20})")));
  CHECK(matches(range, json::parse(R"({"value": 29.9})")));
  CHECK_FALSE(matches(range, json::parse(R"({"value": 30})")));
  CHECK(matches(R"({"Not": {"Variable": "$.type", "StringEquals": "Private"}, "Next": "Public"})",
                json::parse(R"({"type": "Public"})")));
  CHECK(matches(
      R"({"Or": [{"Variable": "$.a", "BooleanEquals": true}, {"Variable": "$.b", "BooleanEquals": true}]})",
      json::parse(R"({"a": false, "b": true})")));
  CHECK(ChoiceRule::parse(json::parse(range)).next() == "ValueInTwenties");
  CHECK_FALSE(
      ChoiceRule::parse(json::parse(R"({"Variable": "$", "IsNull": true})")).next().has_value());
}

TEST_CASE("choice rules: StringMatches (the specification's examples and escapes)") {
  auto m = [](const char* pattern, const char* value) {
    json rule = {{"Variable", "$.v"}, {"StringMatches", pattern}};
    return ChoiceRule::parse(rule).matches(json{{"v", value}}, kContext);
  };
  CHECK(m("foo*.log", "foo23.log"));
  CHECK(m("*.log", "zebra.log"));
  CHECK(m("foo*.*", "foobar.zebra"));
  CHECK_FALSE(m("foo*.log", "foo23.txt"));
  CHECK(m("*", ""));
  CHECK(m("**", "abc"));
  CHECK(m("a*b*c", "abc"));
  CHECK(m("a*b*c", "a-b-b-c"));
  CHECK_FALSE(m("a*b*c", "acb"));
  CHECK_FALSE(m("ab*ba", "aba"));  // the two ends must not overlap
  CHECK(m("exact", "exact"));
  CHECK_FALSE(m("exact", "exactly"));
  CHECK(m("a\\*b", "a*b"));  // \* is a literal star
  CHECK_FALSE(m("a\\*b", "axb"));
  CHECK(m("a\\\\*", "a\\anything"));  // \\ is a literal backslash, then a wildcard
  CHECK(m("a\\b", "a\\b"));           // other backslashes are literal
  CHECK(m("*✓*", "tick ✓ here"));
  CHECK_FALSE(matches(R"({"Variable": "$.v", "StringMatches": "*"})", json::parse(R"({"v": 1})")));
}

TEST_CASE("choice rules: type checks and type mismatches") {
  json in = json::parse(R"({"s": "text", "n": 3, "f": 2.5, "b": true, "nul": null, "o": {}, "a": [],
                           "ts": "2016-03-14T01:59:00Z", "big": 18446744073709551615})");
  CHECK(matches(R"({"Variable": "$.s", "IsString": true})", in));
  CHECK(matches(R"({"Variable": "$.n", "IsString": false})", in));
  CHECK(matches(R"({"Variable": "$.n", "IsNumeric": true})", in));
  CHECK(matches(R"({"Variable": "$.f", "IsNumeric": true})", in));
  CHECK(matches(R"({"Variable": "$.b", "IsNumeric": false})", in));
  CHECK(matches(R"({"Variable": "$.b", "IsBoolean": true})", in));
  CHECK(matches(R"({"Variable": "$.s", "IsBoolean": false})", in));
  CHECK(matches(R"({"Variable": "$.nul", "IsNull": true})", in));
  CHECK(matches(R"({"Variable": "$.o", "IsNull": false})", in));
  CHECK(matches(R"({"Variable": "$.ts", "IsTimestamp": true})", in));
  CHECK(matches(R"({"Variable": "$.s", "IsTimestamp": false})", in));
  CHECK(matches(R"({"Variable": "$.n", "IsTimestamp": false})", in));
  CHECK(matches(R"({"Variable": "$.s", "IsPresent": true})", in));
  CHECK(matches(R"({"Variable": "$.nul", "IsPresent": true})", in));
  CHECK(matches(R"({"Variable": "$.missing", "IsPresent": false})", in));
  CHECK_FALSE(matches(R"({"Variable": "$.missing", "IsPresent": true})", in));
  CHECK_FALSE(matches(R"({"Variable": "$.missing.deeper[0]", "IsPresent": true})", in));
  // A value of the wrong type makes the comparison false.
  CHECK_FALSE(matches(R"({"Variable": "$.n", "StringEquals": "3"})", in));
  CHECK_FALSE(matches(R"({"Variable": "$.s", "NumericEquals": 3})", in));
  CHECK_FALSE(matches(R"({"Variable": "$.b", "NumericEquals": 1})", in));
  CHECK_FALSE(matches(R"({"Variable": "$.s", "BooleanEquals": true})", in));
  CHECK_FALSE(matches(R"({"Variable": "$.n", "TimestampEquals": "2016-03-14T01:59:00Z"})", in));
  CHECK_FALSE(matches(R"({"Variable": "$.s", "TimestampLessThan": "2016-03-14T01:59:00Z"})", in));
  CHECK_FALSE(matches(R"({"Variable": "$.nul", "StringEquals": "null"})", in));
  CHECK_FALSE(matches(R"({"Variable": "$.s", "StringEqualsPath": "$.n"})", in));
  CHECK_FALSE(matches(R"({"Variable": "$.n", "NumericEqualsPath": "$.s"})", in));
  CHECK_FALSE(matches(R"({"Variable": "$.ts", "TimestampEqualsPath": "$.s"})", in));
  CHECK(matches(R"({"Variable": "$.big", "NumericGreaterThan": 9223372036854775807})", in));
  CHECK(matches(R"({"Variable": "$.big", "NumericEquals": 18446744073709551615})", in));
  CHECK(matches(R"({"Variable": "$.n", "NumericLessThan": 18446744073709551615})", in));
}

TEST_CASE("choice rules: every comparison operator") {
  json in = json::parse(
      R"({"s": "b", "lo": "a", "hi": "c", "same": "b", "n": 5, "five": 5.0, "four": 4, "six": 6,
    "t": true, "f": false, "ts": "2020-06-01T12:00:00Z", "early": "2020-06-01T11:59:59.999Z",
    "sameTs": "2020-06-01T14:00:00+02:00", "late": "2020-06-01T12:00:00.000000001Z"})");
  struct Case {
    const char* op;
    const char* operand;  // JSON text
    bool expected;
  };
  const Case literalCases[] = {
      {"StringEquals", "\"b\"", true},
      {"StringEquals", "\"B\"", false},
      {"StringLessThan", "\"c\"", true},
      {"StringLessThan", "\"b\"", false},
      {"StringGreaterThan", "\"a\"", true},
      {"StringGreaterThan", "\"b\"", false},
      {"StringLessThanEquals", "\"b\"", true},
      {"StringLessThanEquals", "\"a\"", false},
      {"StringGreaterThanEquals", "\"b\"", true},
      {"StringGreaterThanEquals", "\"c\"", false},
  };
  for (const Case& c : literalCases) {
    INFO(c.op << " " << c.operand);
    json rule = {{"Variable", "$.s"}, {c.op, json::parse(c.operand)}};
    CHECK(ChoiceRule::parse(rule).matches(in, kContext) == c.expected);
  }
  const Case numericCases[] = {
      {"NumericEquals", "5", true},
      {"NumericEquals", "5.0", true},
      {"NumericEquals", "5.1", false},
      {"NumericLessThan", "5.5", true},
      {"NumericLessThan", "5", false},
      {"NumericGreaterThan", "4.99", true},
      {"NumericGreaterThan", "5", false},
      {"NumericLessThanEquals", "5", true},
      {"NumericLessThanEquals", "4", false},
      {"NumericGreaterThanEquals", "5", true},
      {"NumericGreaterThanEquals", "6", false},
  };
  for (const Case& c : numericCases) {
    INFO(c.op << " " << c.operand);
    json rule = {{"Variable", "$.n"}, {c.op, json::parse(c.operand)}};
    CHECK(ChoiceRule::parse(rule).matches(in, kContext) == c.expected);
  }
  CHECK(matches(R"({"Variable": "$.t", "BooleanEquals": true})", in));
  CHECK_FALSE(matches(R"({"Variable": "$.f", "BooleanEquals": true})", in));
  const Case timestampCases[] = {
      {"TimestampEquals", "\"2020-06-01T12:00:00Z\"", true},
      {"TimestampEquals", "\"2020-06-01T12:00:00.000Z\"", true},
      {"TimestampEquals", "\"2020-06-01T13:00:00+01:00\"", true},
      {"TimestampEquals", "\"2020-06-01T12:00:01Z\"", false},
      {"TimestampLessThan", "\"2020-06-01T12:00:00.001Z\"", true},
      {"TimestampLessThan", "\"2020-06-01T12:00:00Z\"", false},
      {"TimestampGreaterThan", "\"2020-06-01T11:59:59.999999999Z\"", true},
      {"TimestampGreaterThan", "\"2020-06-01T07:00:00-05:00\"", false},
      {"TimestampLessThanEquals", "\"2020-06-01T12:00:00Z\"", true},
      {"TimestampLessThanEquals", "\"2020-06-01T11:00:00Z\"", false},
      {"TimestampGreaterThanEquals", "\"2020-06-01T12:00:00Z\"", true},
      {"TimestampGreaterThanEquals", "\"2021-01-01T00:00:00Z\"", false},
  };
  for (const Case& c : timestampCases) {
    INFO(c.op << " " << c.operand);
    json rule = {{"Variable", "$.ts"}, {c.op, json::parse(c.operand)}};
    CHECK(ChoiceRule::parse(rule).matches(in, kContext) == c.expected);
  }
  // The ...Path forms.
  const Case pathCases[] = {
      {"StringEqualsPath", "$.same", true},
      {"StringLessThanPath", "$.hi", true},
      {"StringGreaterThanPath", "$.lo", true},
      {"StringLessThanEqualsPath", "$.lo", false},
      {"StringGreaterThanEqualsPath", "$.same", true},
  };
  for (const Case& c : pathCases) {
    INFO(c.op);
    json rule = {{"Variable", "$.s"}, {c.op, c.operand}};
    CHECK(ChoiceRule::parse(rule).matches(in, kContext) == c.expected);
  }
  const Case numericPathCases[] = {
      {"NumericEqualsPath", "$.five", true},
      {"NumericLessThanPath", "$.six", true},
      {"NumericGreaterThanPath", "$.four", true},
      {"NumericLessThanEqualsPath", "$.four", false},
      {"NumericGreaterThanEqualsPath", "$.five", true},
  };
  for (const Case& c : numericPathCases) {
    INFO(c.op);
    json rule = {{"Variable", "$.n"}, {c.op, c.operand}};
    CHECK(ChoiceRule::parse(rule).matches(in, kContext) == c.expected);
  }
  CHECK(matches(R"({"Variable": "$.t", "BooleanEqualsPath": "$.t"})", in));
  CHECK_FALSE(matches(R"({"Variable": "$.t", "BooleanEqualsPath": "$.f"})", in));
  const Case timestampPathCases[] = {
      {"TimestampEqualsPath", "$.sameTs", true},
      {"TimestampLessThanPath", "$.late", true},
      {"TimestampGreaterThanPath", "$.early", true},
      {"TimestampLessThanEqualsPath", "$.early", false},
      {"TimestampGreaterThanEqualsPath", "$.sameTs", true},
  };
  for (const Case& c : timestampPathCases) {
    INFO(c.op);
    json rule = {{"Variable", "$.ts"}, {c.op, c.operand}};
    CHECK(ChoiceRule::parse(rule).matches(in, kContext) == c.expected);
  }
  // The context object as Variable or operand.
  CHECK(matches(R"({"Variable": "$$.Execution.Name", "StringEquals": "run-1"})", json::object()));
  CHECK(matches(R"({"Variable": "$.ts", "TimestampLessThanPath": "$$.Execution.StartTime"})", in));
  CHECK(matches(R"({"Variable": "$.list[1].v", "NumericEquals": 2})",
                json::parse(R"({"list": [{"v": 1}, {"v": 2}]})")));
}

TEST_CASE("choice rules: deep nesting and short-circuits") {
  const char* rule = R"({"Or": [
      {"And": [{"Variable": "$.a", "IsPresent": true}, {"Not": {"Variable": "$.a", "NumericLessThan": 10}}]},
      {"Not": {"Or": [{"Variable": "$.b", "IsPresent": false}, {"Variable": "$.b", "StringEquals": "no"}]}}
    ], "Next": "X"})";
  CHECK(matches(rule, json::parse(R"({"a": 10})")));
  CHECK_FALSE(matches(rule, json::parse(R"({"a": 9})")));
  CHECK(matches(rule, json::parse(R"({"b": "yes"})")));
  CHECK_FALSE(matches(rule, json::parse(R"({"b": "no"})")));
  CHECK_FALSE(matches(rule, json::object()));
  // Or stops at the first true rule, so a later missing path does not fail.
  CHECK(matches(
      R"({"Or": [{"Variable": "$.a", "IsNull": false}, {"Variable": "$.missing", "IsNull": true}]})",
      json::parse(R"({"a": 1})")));
}

TEST_CASE("choice rules: a missing Variable fails the execution as on AWS") {
  CHECK(runtimeError(R"({"Variable": "$.should_enrich", "BooleanEquals": true})", json::object()) ==
        "Invalid path '$.should_enrich': The choice state's condition path references an invalid "
        "value.");
  CHECK(runtimeError(R"({"Variable": "$.x", "IsNull": true})", json::object()) ==
        "Invalid path '$.x': The choice state's condition path references an invalid value.");
  CHECK(
      runtimeError(R"({"Variable": "$.x.y", "StringMatches": "*"})", json::parse(R"({"x": 1})")) ==
      "Invalid path '$.x.y': The choice state's condition path references an invalid value.");
  CHECK(runtimeError(R"({"Not": {"Variable": "$$.Nope", "IsString": true}})", json::object()) ==
        "Invalid path '$$.Nope': The choice state's condition path references an invalid value.");
  CHECK(runtimeError(R"({"Variable": "$.a", "NumericEqualsPath": "$.b"})",
                     json::parse(R"({"a": 1})")) ==
        "Invalid path '$.b': The choice state's comparison path references an invalid value.");
}

TEST_CASE("choice rules: definition errors name the problem") {
  CHECK(parseError("[]") == "A Choice Rule must be a JSON object");
  CHECK(parseError(R"({"Variable": "$.a", "Next": "X"})") ==
        "A Choice Rule must contain exactly one comparison operator (such as StringEquals or "
        "IsPresent) or one of And, Or, Not, but has none");
  CHECK(parseError(R"({"Variable": "$.a", "StringEquals": "x", "IsNull": true})") ==
        "A Choice Rule must contain exactly one comparison operator (such as StringEquals or "
        "IsPresent) or one of And, Or, Not, but has 'StringEquals' and 'IsNull'");  // as written
  CHECK(parseError(R"({"And": [], "Or": [], "Not": {}})").find("but has 'And', 'Or' and 'Not'") !=
        std::string::npos);
  CHECK(parseError(R"({"StringEquals": "x"})") ==
        "The field 'Variable' is required in a Choice Rule with 'StringEquals'");
  CHECK(parseError(R"({"Variable": "a.b", "StringEquals": "x"})")
            .find("The value for the field 'Variable' must be a valid JSONPath") == 0);
  CHECK(parseError(R"({"Variable": 1, "StringEquals": "x"})") ==
        "The value for the field 'Variable' must be a valid JSONPath");
  CHECK(parseError(R"({"Variable": "$.a[*]", "StringEquals": "x"})")
            .find("The value for the field 'Variable' must be a valid JSONPath (Invalid Reference "
                  "Path") == 0);
  CHECK(parseError(R"({"Variable": "$.a", "StringEquals": 1})") ==
        "The value for the field 'StringEquals' must be a string");
  CHECK(parseError(R"({"Variable": "$.a", "StringMatches": null})") ==
        "The value for the field 'StringMatches' must be a string");
  CHECK(parseError(R"({"Variable": "$.a", "NumericEquals": "1"})") ==
        "The value for the field 'NumericEquals' must be a number");
  CHECK(parseError(R"({"Variable": "$.a", "BooleanEquals": "true"})") ==
        "The value for the field 'BooleanEquals' must be a boolean");
  CHECK(parseError(R"({"Variable": "$.a", "IsPresent": 1})") ==
        "The value for the field 'IsPresent' must be a boolean");
  CHECK(parseError(R"({"Variable": "$.a", "TimestampEquals": 5})") ==
        "The value for the field 'TimestampEquals' must be a timestamp string, such as "
        "2016-03-14T01:59:00Z");
  CHECK(parseError(R"({"Variable": "$.a", "TimestampEquals": "yesterday"})") ==
        "The value for the field 'TimestampEquals' must be a valid RFC 3339 timestamp, such as "
        "2016-03-14T01:59:00Z");
  CHECK(parseError(R"({"Variable": "$.a", "StringEqualsPath": "b"})")
            .find("The value for the field 'StringEqualsPath' must be a valid JSONPath") == 0);
  CHECK(parseError(R"({"Variable": "$.a", "NumericLessThanPath": "$..b"})")
            .find("The value for the field 'NumericLessThanPath' must be a valid JSONPath") == 0);
  CHECK(parseError(R"({"And": {"Variable": "$.a", "IsNull": true}})") ==
        "The value for the field 'And' must be a non-empty array of Choice Rules");
  CHECK(parseError(R"({"Or": []})") ==
        "The value for the field 'Or' must be a non-empty array of Choice Rules");
  CHECK(parseError(R"({"Not": [{"Variable": "$.a", "IsNull": true}]})") ==
        "The value for the field 'Not' must be a Choice Rule (a JSON object)");
  CHECK(parseError(R"({"Not": {"Variable": "$.a", "IsNull": true}, "Variable": "$.a"})") ==
        "The field 'Variable' is not allowed in a Choice Rule with 'Not'");
  CHECK(parseError(R"({"And": [{"Variable": "$.a", "IsNull": true, "Next": "X"}], "Next": "Y"})") ==
        "The field 'Next' is only allowed in a top-level Choice Rule, not in a rule nested inside "
        "And, Or or Not");
  CHECK(parseError(R"({"Variable": "$.a", "IsNull": true, "Next": "X"})", false) ==
        "The field 'Next' is only allowed in a top-level Choice Rule, not in a rule nested inside "
        "And, Or or Not");
  CHECK(parseError(R"({"Variable": "$.a", "IsNull": true, "Next": 3})") ==
        "The value for the field 'Next' must be a string");
  CHECK(parseError(R"({"Variable": "$.a", "IsNull": true, "Nxt": "X"})") ==
        "The field 'Nxt' is not supported in a Choice Rule");
  CHECK(parseError(R"({"Variable": "$.a", "StringMatchesPath": "$.b"})") ==
        "The field 'StringMatchesPath' is not supported in a Choice Rule");
  CHECK(parseError(R"({"Variable": "$.a", "IsNullPath": "$.b"})") ==
        "The field 'IsNullPath' is not supported in a Choice Rule");
  CHECK(parseError(R"({"Not": {"Or": [{"And": [{"Variable": "$.a", "Bogus": 1}]}]}})") ==
        "The field 'Bogus' is not supported in a Choice Rule");
  CHECK(parseError(R"({"Variable": "$.a", "IsNull": true, "Comment": "fine"})") == "no error");
}

TEST_CASE("choice rules: RFC 3339 timestamps") {
  auto ts = [](const char* text) { return parseChoiceTimestamp(text); };
  REQUIRE(ts("1970-01-01T00:00:00Z"));
  CHECK(ts("1970-01-01T00:00:00Z")->seconds == 0);
  CHECK(ts("2016-03-14T01:59:00Z")->seconds == 1457920740);
  CHECK(ts("2016-03-14T01:59:00.5Z")->nanos == 500000000);
  CHECK(ts("2016-03-14T01:59:00.123456789123Z")->nanos == 123456789);
  CHECK(*ts("2016-03-14T03:59:00+02:00") == *ts("2016-03-14T01:59:00Z"));
  CHECK(*ts("2016-03-13T20:29:00-05:30") == *ts("2016-03-14T01:59:00Z"));
  CHECK(*ts("1969-12-31T23:59:59.5Z") < *ts("1970-01-01T00:00:00Z"));
  CHECK(ts("2024-02-29T00:00:00Z"));
  CHECK(ts("2000-02-29T00:00:00Z"));
  for (const char* bad : {"",
                          "2016-03-14",
                          "2016-03-14T01:59Z",
                          "2016-03-14T01:59:00",
                          "2016-03-14t01:59:00Z",
                          "2016-03-14T01:59:00z",
                          "2016-03-14 01:59:00Z",
                          "2016-13-14T01:59:00Z",
                          "2016-02-30T01:59:00Z",
                          "2023-02-29T00:00:00Z",
                          "1900-02-29T00:00:00Z",
                          "2016-03-14T24:00:00Z",
                          "2016-03-14T01:60:00Z",
                          "2016-03-14T01:59:60Z",
                          "2016-03-14T01:59:00.Z",
                          "2016-03-14T01:59:00+0200",
                          "2016-03-14T01:59:00+02",
                          "2016-03-14T01:59:00+24:00",
                          "2016-03-14T01:59:00Zjunk",
                          "16-03-14T01:59:00Z"}) {
    INFO(bad);
    CHECK_FALSE(ts(bad).has_value());
  }
}
