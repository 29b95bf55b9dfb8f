// core::JsonSchema checks stepsim's own file formats (scenarios/schema.json): the subset of draft
// 2020-12 it implements, the wording of its problems and the pointers they name.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "emulator/core/json_schema.h"

using json = stepsim::Json;
using stepsim::core::JsonSchema;
using stepsim::core::SchemaProblem;

namespace {

std::vector<SchemaProblem> check(const json& schema, const json& value, std::size_t limit = 20) {
  return JsonSchema(schema).check(value, limit);
}

// The one problem `value` has against `schema` (fails the test when there is not exactly one).
SchemaProblem only(const json& schema, const json& value) {
  std::vector<SchemaProblem> problems = check(schema, value);
  INFO("value: " << value.dump());
  REQUIRE(problems.size() == 1);
  return problems.front();
}

std::filesystem::path sourceRoot() {
  return STEPSIM_SOURCE_DIR;
}

json readJson(const std::filesystem::path& path) {
  std::ifstream in(path);
  INFO("reading " << path.string());
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

}  // namespace

TEST_CASE("JsonSchema: a conforming value has no problems") {
  json schema = {{"type", "object"},
                 {"required", {"a"}},
                 {"properties", {{"a", {{"type", "string"}}}, {"b", {{"type", "integer"}}}}}};
  CHECK(check(schema, {{"a", "x"}, {"b", 3}}).empty());
  CHECK(check(json::object(), json::array({1, "two", nullptr})).empty());  // {} accepts anything
}

TEST_CASE("JsonSchema: type names what was wanted and what was given") {
  SchemaProblem p = only({{"type", "string"}}, 5);
  CHECK(p.pointer == "");
  CHECK(p.message == "must be a string, not an integer");
  CHECK(only({{"type", "object"}}, json::array()).message == "must be an object, not an array");
  CHECK(only({{"type", "array"}}, 1.5).message == "must be an array, not a number");
  CHECK(only({{"type", "boolean"}}, nullptr).message == "must be a boolean, not null");
  CHECK(only({{"type", "null"}}, true).message == "must be null, not a boolean");
  CHECK(only({{"type", "number"}}, "3").message == "must be a number, not a string");
  CHECK(only({{"type", "integer"}}, json::object()).message == "must be an integer, not an object");

  CHECK(check({{"type", "number"}}, 3).empty());
  CHECK(check({{"type", "number"}}, 3.25).empty());
  CHECK(check({{"type", "number"}}, 7u).empty());
}

TEST_CASE("JsonSchema: integer accepts whole floats like 2.0 but not 2.5") {
  json schema = {{"type", "integer"}};
  CHECK(check(schema, 2).empty());
  CHECK(check(schema, json::parse("2.0")).empty());
  CHECK(check(schema, -4.0).empty());
  CHECK(check(schema, json::parse("18446744073709551615")).empty());
  CHECK(only(schema, 2.5).message == "must be an integer, not a number");
}

TEST_CASE("JsonSchema: a union type accepts any of its members and lists them all") {
  json schema = {{"type", {"string", "object", "null"}}};
  CHECK(check(schema, "x").empty());
  CHECK(check(schema, json::object()).empty());
  CHECK(check(schema, nullptr).empty());
  CHECK(only(schema, 1).message == "must be a string, an object or null, not an integer");
  CHECK(only({{"type", {"string", "object"}}}, true).message == "must be a string or an object, not a boolean");
}

TEST_CASE("JsonSchema: a type mismatch stops the other keywords of that schema") {
  // minLength would also fail if it ran on the number's text; only the type problem is reported.
  json schema = {{"type", "string"}, {"minLength", 5}, {"enum", {"hello"}}};
  SchemaProblem p = only(schema, 1);
  CHECK(p.message == "must be a string, not an integer");
}

TEST_CASE("JsonSchema: enum lists the allowed values as JSON") {
  json schema = {{"enum", {"auto", "manual", 3}}};
  CHECK(check(schema, "auto").empty());
  CHECK(check(schema, 3).empty());
  CHECK(check(schema, 3.0).empty());  // JSON numbers compare by value
  CHECK(only(schema, "Auto").message == R"(must be one of "auto", "manual" or 3, not "Auto")");
  CHECK(only({{"enum", {"one"}}}, nullptr).message == R"(must be one of "one", not null)");
}

TEST_CASE("JsonSchema: const") {
  json schema = {{"const", {{"a", 1}}}};
  CHECK(check(schema, {{"a", 1}}).empty());
  CHECK(only(schema, {{"a", 2}}).message == R"(must be {"a":1})");
  CHECK(only({{"const", "x"}}, "y").message == R"(must be "x")");
}

TEST_CASE("JsonSchema: required names every missing member at the object") {
  json schema = {{"type", "object"}, {"required", {"name", "description", "seed"}}};
  std::vector<SchemaProblem> problems = check(schema, {{"description", "d"}});
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].pointer == "");
  CHECK(problems[0].message == "missing required member 'name'");
  CHECK(problems[1].pointer == "");
  CHECK(problems[1].message == "missing required member 'seed'");

  json nested = {{"properties", {{"inner", schema}}}};
  SchemaProblem p = only(nested, {{"inner", {{"name", "n"}, {"seed", 1}}}});
  CHECK(p.pointer == "/inner");
  CHECK(p.message == "missing required member 'description'");
}

TEST_CASE("JsonSchema: properties check their members and name their pointers") {
  json schema = {{"properties", {{"a", {{"type", "string"}}}, {"b", {{"properties", {{"c", {{"type", "integer"}}}}}}}}}};
  std::vector<SchemaProblem> problems = check(schema, {{"a", 1}, {"b", {{"c", "no"}}}, {"other", 5}});
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].pointer == "/a");
  CHECK(problems[0].message == "must be a string, not an integer");
  CHECK(problems[1].pointer == "/b/c");
  CHECK(problems[1].message == "must be an integer, not a string");
}

TEST_CASE("JsonSchema: additionalProperties false suggests a close key") {
  json schema = {{"type", "object"},
                 {"additionalProperties", false},
                 {"properties", {{"name", {{"type", "string"}}}, {"expect", json::object()}, {"timeline", json::object()}}}};
  CHECK(check(schema, {{"name", "x"}}).empty());

  SchemaProblem p = only(schema, {{"name", "x"}, {"expcet", json::object()}});
  CHECK(p.pointer == "/expcet");
  CHECK(p.message == "unknown key 'expcet' (did you mean 'expect'?)");

  CHECK(only(schema, {{"nme", 1}}).message == "unknown key 'nme' (did you mean 'name'?)");
  CHECK(only(schema, {{"Timeline", 1}}).message == "unknown key 'Timeline' (did you mean 'timeline'?)");
}

TEST_CASE("JsonSchema: additionalProperties false lists the allowed keys when none is close") {
  json schema = {{"additionalProperties", false},
                 {"properties", {{"name", json::object()}, {"expect", json::object()}, {"timeline", json::object()}}}};
  SchemaProblem p = only(schema, {{"somethingElse", 1}});
  CHECK(p.pointer == "/somethingElse");
  // In the order the schema declares them.
  CHECK(p.message == "unknown key 'somethingElse' (allowed: name, expect and timeline)");

  // Without properties there is nothing to suggest.
  CHECK(only({{"additionalProperties", false}}, {{"x", 1}}).message == "unknown key 'x'");

  CHECK(only({{"additionalProperties", false}, {"properties", json::object()}}, {{"x", 1}}).message ==
        "unknown key 'x'");
}

TEST_CASE("JsonSchema: every unknown key is reported, in document order") {
  json schema = {{"additionalProperties", false}, {"properties", {{"m", json::object()}}}};
  std::vector<SchemaProblem> problems = check(schema, {{"zzzzzz", 1}, {"aaaaaa", 2}, {"m", 3}});
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].pointer == "/zzzzzz");
  CHECK(problems[1].pointer == "/aaaaaa");
}

TEST_CASE("JsonSchema: additionalProperties as a schema checks the members properties do not name") {
  json schema = {{"type", "object"},
                 {"properties", {{"fixed", {{"type", "string"}}}}},
                 {"additionalProperties", {{"type", "integer"}, {"minimum", 0}}}};
  CHECK(check(schema, {{"fixed", "s"}, {"a", 1}, {"b", 0}}).empty());
  std::vector<SchemaProblem> problems = check(schema, {{"fixed", "s"}, {"a", "one"}, {"b", -1}});
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].pointer == "/a");
  CHECK(problems[0].message == "must be an integer, not a string");
  CHECK(problems[1].pointer == "/b");
  CHECK(problems[1].message == "must be at least 0");
  // `fixed` is checked by its own schema, not the additional one.
  CHECK(only(schema, {{"fixed", 5}}).pointer == "/fixed");
  // additionalProperties true (or absent) allows anything.
  CHECK(check({{"properties", {{"a", json::object()}}}, {"additionalProperties", true}}, {{"zz", 1}}).empty());
}

TEST_CASE("JsonSchema: minProperties and maxProperties") {
  json schema = {{"type", "object"}, {"minProperties", 1}, {"maxProperties", 2}};
  CHECK(check(schema, {{"a", 1}}).empty());
  CHECK(check(schema, {{"a", 1}, {"b", 2}}).empty());
  CHECK(only(schema, json::object()).message == "must have at least 1 member(s)");
  CHECK(only(schema, {{"a", 1}, {"b", 2}, {"c", 3}}).message == "must have at most 2 member(s)");
}

TEST_CASE("JsonSchema: items, minItems and maxItems") {
  json schema = {{"type", "array"}, {"items", {{"type", "string"}}}, {"minItems", 1}, {"maxItems", 3}};
  CHECK(check(schema, {"a"}).empty());
  CHECK(only(schema, json::array()).message == "must have at least 1 item(s)");
  SchemaProblem tooMany = only(schema, {"a", "b", "c", "d"});
  CHECK(tooMany.pointer == "");
  CHECK(tooMany.message == "must have at most 3 item(s)");

  std::vector<SchemaProblem> problems = check(schema, json::array({"a", 2, "c"}));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].pointer == "/1");
  CHECK(problems[0].message == "must be a string, not an integer");

  // Items of items.
  json grid = {{"items", {{"items", {{"type", "integer"}}}}}};
  SchemaProblem p = only(grid, json::parse(R"([[1, 2], [3, "x"]])"));
  CHECK(p.pointer == "/1/1");
}

TEST_CASE("JsonSchema: minimum, maximum and exclusiveMinimum") {
  json schema = {{"type", "number"}, {"minimum", 0}, {"maximum", 10}};
  CHECK(check(schema, 0).empty());
  CHECK(check(schema, 10).empty());
  CHECK(check(schema, 5.5).empty());
  CHECK(only(schema, -1).message == "must be at least 0");
  CHECK(only(schema, -0.5).message == "must be at least 0");
  CHECK(only(schema, 10.01).message == "must be at most 10");

  json exclusive = {{"exclusiveMinimum", 0}};
  CHECK(check(exclusive, 0.001).empty());
  CHECK(only(exclusive, 0).message == "must be greater than 0");
  CHECK(only(exclusive, -3).message == "must be greater than 0");
  CHECK(check(exclusive, "not a number").empty());  // number keywords ignore other types
}

TEST_CASE("JsonSchema: minLength and maxLength count code points") {
  json nonEmpty = {{"type", "string"}, {"minLength", 1}};
  CHECK(check(nonEmpty, "x").empty());
  CHECK(only(nonEmpty, "").message == "must not be empty");

  CHECK(only({{"minLength", 3}}, "ab").message == "must be at least 3 characters long");
  CHECK(check({{"minLength", 3}}, "abc").empty());

  json max = {{"maxLength", 3}};
  CHECK(check(max, "abc").empty());
  CHECK(only(max, "abcd").message == "must be at most 3 characters long");
  // "é€😀" is 9 bytes but 3 code points.
  CHECK(check(max, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80").empty());
  CHECK(only(max, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80!").message == "must be at most 3 characters long");
  // One 2-byte character is two bytes but one code point: too short for minLength 2.
  CHECK(check({{"minLength", 2}}, "\xc3\xa9\xc3\xa9").empty());
  CHECK(only({{"minLength", 2}}, "\xc3\xa9").message == "must be at least 2 characters long");
}

TEST_CASE("JsonSchema: pattern searches the string (ECMAScript)") {
  json schema = {{"type", "string"}, {"pattern", "^[A-Za-z0-9][A-Za-z0-9._-]*$"}};
  CHECK(check(schema, "job-poller.v1_x").empty());
  SchemaProblem p = only(schema, "-leading dash");
  CHECK(p.message == "'-leading dash' does not match the pattern ^[A-Za-z0-9][A-Za-z0-9._-]*$");

  // Unanchored patterns match anywhere.
  CHECK(check({{"pattern", "\\d{4}-\\d{2}"}}, "on 2026-01 at noon").empty());
  CHECK(only({{"pattern", "^\\d{4}-\\d{2}-\\d{2}T"}}, "2026-01-01 00:00").pointer == "");
}

TEST_CASE("JsonSchema: $ref resolves to #/$defs") {
  json schema = {{"$defs", {{"name", {{"type", "string"}, {"minLength", 1}}},
                            {"thing", {{"type", "object"}, {"properties", {{"n", {{"$ref", "#/$defs/name"}}}}}}}}},
                 {"type", "array"},
                 {"items", {{"$ref", "#/$defs/thing"}}}};
  CHECK(check(schema, json::parse(R"([{"n": "a"}, {}])")).empty());
  std::vector<SchemaProblem> problems = check(schema, json::parse(R"([{"n": "a"}, {"n": ""}, {"n": 3}, 7])"));
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].pointer == "/1/n");
  CHECK(problems[0].message == "must not be empty");
  CHECK(problems[1].pointer == "/2/n");
  CHECK(problems[1].message == "must be a string, not an integer");
  CHECK(problems[2].pointer == "/3");
  CHECK(problems[2].message == "must be an object, not an integer");
}

TEST_CASE("JsonSchema: keywords beside a $ref apply as well") {
  json schema = {{"$defs", {{"seconds", {{"type", "number"}, {"minimum", 0}}}}},
                 {"$ref", "#/$defs/seconds"},
                 {"maximum", 60}};
  CHECK(check(schema, 30).empty());
  CHECK(only(schema, -1).message == "must be at least 0");
  CHECK(only(schema, 61).message == "must be at most 60");
}

TEST_CASE("JsonSchema: an unresolvable $ref is an error in the schema") {
  CHECK_THROWS_AS(check({{"$ref", "#/$defs/nothing"}}, 1), std::logic_error);
  CHECK_THROWS_AS(check({{"$defs", {{"a", json::object()}}}, {"$ref", "other.json#/a"}}, 1), std::logic_error);
}

TEST_CASE("JsonSchema: oneOf of required-only branches says which member to give") {
  json schema = {{"type", "object"},
                 {"properties", {{"definition", json::object()}, {"definitionFile", json::object()}}},
                 {"oneOf", {{{"required", {"definition"}}}, {{"required", {"definitionFile"}}}}}};
  CHECK(check(schema, {{"definition", json::object()}}).empty());
  CHECK(check(schema, {{"definitionFile", "x.asl.json"}}).empty());

  SchemaProblem none = only(schema, json::object());
  CHECK(none.pointer == "");
  CHECK(none.message == "needs one of 'definition' or 'definitionFile'");

  SchemaProblem both = only(schema, {{"definition", json::object()}, {"definitionFile", "x"}});
  CHECK(both.pointer == "");
  CHECK(both.message == "has 'definition' and 'definitionFile': give only one");

  json three = {{"oneOf", {{{"required", {"a"}}}, {{"required", {"b"}}}, {{"required", {"c"}}}}}};
  CHECK(only(three, {{"x", 1}}).message == "needs one of 'a', 'b' or 'c'");
  CHECK(only(three, {{"a", 1}, {"b", 1}, {"c", 1}}).message == "has 'a', 'b' and 'c': give only one");
  CHECK(only(three, {{"a", 1}, {"c", 1}}).message == "has 'a' and 'c': give only one");

  // Nested: the pointer is the object's.
  json nested = {{"properties", {{"list", {{"items", three}}}}}};
  SchemaProblem p = only(nested, json::parse(R"({"list": [{"a": 1}, {}]})"));
  CHECK(p.pointer == "/list/1");
  CHECK(p.message == "needs one of 'a', 'b' or 'c'");
}

TEST_CASE("JsonSchema: a general oneOf names why each form failed") {
  json schema = {{"$defs", {{"seconds", {{"type", "number"}, {"minimum", 0}}}}},
                 {"oneOf", {{{"$ref", "#/$defs/seconds"}},
                            {{"type", "object"},
                             {"additionalProperties", false},
                             {"properties", {{"min", {{"type", "number"}}}, {"max", {{"type", "number"}}}}}}}}};
  CHECK(check(schema, 600).empty());
  CHECK(check(schema, {{"min", 1}, {"max", 2}}).empty());

  SchemaProblem p = only(schema, "ten");
  CHECK(p.pointer == "");
  CHECK(p.message ==
        "matches none of the allowed forms: (1) must be a number, not a string; (2) must be an object, not a string");

  // A branch's problem below the value names its own pointer.
  SchemaProblem deeper = only(schema, {{"min", "1"}});
  CHECK(deeper.message ==
        "matches none of the allowed forms: (1) must be a number, not an object; (2) /min must be a number, not a string");

  SchemaProblem negative = only(schema, -1);
  CHECK(negative.message ==
        "matches none of the allowed forms: (1) must be at least 0; (2) must be an object, not an integer");
}

TEST_CASE("JsonSchema: oneOf refuses a value that matches more than one form") {
  json schema = {{"oneOf", {{{"type", "number"}}, {{"type", "integer"}}}}};
  CHECK(check(schema, 1.5).empty());
  SchemaProblem p = only(schema, 2);
  CHECK(p.message == "matches more than one of the allowed forms");
}

TEST_CASE("JsonSchema: anyOf accepts the first form that matches") {
  json schema = {{"anyOf", {{{"type", "number"}}, {{"type", "integer"}}, {{"type", "string"}, {"minLength", 2}}}}};
  CHECK(check(schema, 2).empty());  // matching several is fine for anyOf
  CHECK(check(schema, "ab").empty());
  SchemaProblem p = only(schema, "a");
  CHECK(p.message ==
        "matches none of the allowed forms: (1) must be a number, not a string; (2) must be an integer, not a "
        "string; (3) must be at least 2 characters long");
}

TEST_CASE("JsonSchema: oneOf branches do not leak their problems") {
  json schema = {{"properties", {{"v", {{"oneOf", {{{"type", "string"}}, {{"type", "integer"}}}}}}}}};
  CHECK(check(schema, {{"v", "s"}}).empty());
  CHECK(check(schema, {{"v", 3}}).empty());
  SchemaProblem p = only(schema, {{"v", true}});
  CHECK(p.pointer == "/v");
  CHECK(p.message ==
        "matches none of the allowed forms: (1) must be a string, not a boolean; (2) must be an integer, not a boolean");
}

TEST_CASE("JsonSchema: pointers escape '~' as ~0 and '/' as ~1") {
  json strict = {{"additionalProperties", false}, {"properties", {{"ok", json::object()}}}};
  std::vector<SchemaProblem> problems = check(strict, {{"a/b", 1}, {"m~n", 2}, {"~/", 3}});
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].pointer == "/a~1b");
  CHECK(problems[1].pointer == "/m~0n");
  CHECK(problems[2].pointer == "/~0~1");
  CHECK(problems[0].message.find("unknown key 'a/b'") == 0);

  json byName = {{"additionalProperties", {{"properties", {{"x/y", {{"type", "string"}}}}}}}};
  SchemaProblem p = only(byName, {{"Check~Job", {{"x/y", 1}}}});
  CHECK(p.pointer == "/Check~0Job/x~1y");
}

TEST_CASE("JsonSchema: at most `limit` problems are reported") {
  json schema = {{"type", "array"}, {"items", {{"type", "string"}}}};
  json value = json::array({1, 2, 3, 4, 5, 6});
  CHECK(check(schema, value).size() == 6);
  std::vector<SchemaProblem> two = check(schema, value, 2);
  REQUIRE(two.size() == 2);
  CHECK(two[0].pointer == "/0");
  CHECK(two[1].pointer == "/1");
  CHECK(check(schema, value, 1).size() == 1);
  CHECK(check(schema, value, 0).empty());

  // The default limit is 20.
  CHECK(check(schema, json(std::vector<int>(50, 0))).size() == 20);
}

TEST_CASE("JsonSchema: the scenario schema accepts a real scenario") {
  json schema = readJson(sourceRoot() / "scenarios" / "schema.json");
  json scenario = readJson(sourceRoot() / "scenarios" / "job_poller" / "classic_happy_path.json");
  std::vector<SchemaProblem> problems = JsonSchema(schema).check(scenario);
  for (const SchemaProblem& p : problems) UNSCOPED_INFO(p.pointer << ": " << p.message);
  CHECK(problems.empty());
}

TEST_CASE("JsonSchema: the scenario schema names a misspelled top-level key") {
  json schema = readJson(sourceRoot() / "scenarios" / "schema.json");
  json scenario = readJson(sourceRoot() / "tests" / "scenarios" / "misspelled_key.json");
  std::vector<SchemaProblem> problems = JsonSchema(schema).check(scenario);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].pointer == "/expcet");
  CHECK(problems[0].message == "unknown key 'expcet' (did you mean 'expect'?)");
}

TEST_CASE("JsonSchema: the scenario schema's action forms") {
  json schema = readJson(sourceRoot() / "scenarios" / "schema.json");
  JsonSchema checker(schema);
  json base = {{"name", "n"}, {"description", "d"}};

  json twoActions = base;
  twoActions["timeline"] = json::parse(R"([{"at": 0, "advanceClock": {"seconds": 1}, "stopExecution": {"execution": "e"}}])");
  std::vector<SchemaProblem> problems = checker.check(twoActions);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].pointer == "/timeline/0");
  CHECK(problems[0].message == "has 'stopExecution' and 'advanceClock': give only one");

  json negative = base;
  negative["timeline"] = json::parse(R"([{"at": -1, "advanceClock": {"seconds": 1}}])");
  problems = checker.check(negative);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].pointer == "/timeline/0/at");
  CHECK(problems[0].message == "must be at least 0");

  json badName = base;
  badName["name"] = "-x";
  problems = checker.check(badName);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].pointer == "/name");
}
