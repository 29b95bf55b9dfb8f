// Acceptance tests from the AWS Step Functions developer guide, "Transforming data with JSONata
// in Step Functions" / "JSONata functions provided by Step Functions":
// $partition $range $hash $random (optional seed) $uuid $parse, and the `$states` binding.
#include "jsonata_test_support.h"

#include <regex>
#include <set>

using namespace jsonata_test;

namespace {
// Any Error (the guide does not give codes for these failures).
void checkFailsWithSomeError(const char* expr) {
  auto out = run(expr);
  INFO("expression: " << expr << "\n  got: " << (out.ok ? "value " + show(out.value) : out.description));
  CHECK_FALSE(out.ok);
  CHECK(out.code.has_value());
  if (out.code) CHECK_FALSE(out.code->empty());
}
}  // namespace

TEST_CASE("sfn: $partition", "[jsonata][docs][sfn]") {
  static const DocCase cases[] = {
      {"$partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)", "[[1, 2, 3], [4, 5, 6], [7, 8, 9]]"},
      {"$partition([1, 2, 3, 4, 5], 2)", "[[1, 2], [3, 4], [5]]"},
      {"$partition(['a', 'b'], 5)", R"([["a", "b"]])"},
      {"$partition([{'a': 1}, {'b': 2}, {'c': 3}], 2)", R"([[{"a": 1}, {"b": 2}], [{"c": 3}]])"},
      {"$partition([], 2)", "[]"},
      {"$count($partition([1..10], 3))", "4"},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
  checkFailsWithSomeError("$partition([1, 2], 0)");
  checkFailsWithSomeError("$partition([1, 2], -1)");
}

TEST_CASE("sfn: $range", "[jsonata][docs][sfn]") {
  static const DocCase cases[] = {
      {"$range(0, 10, 2)", "[0, 2, 4, 6, 8, 10]"},
      {"$range(1, 5, 1)", "[1, 2, 3, 4, 5]"},
      {"$range(10, 0, -2)", "[10, 8, 6, 4, 2, 0]"},
      {"$range(0, 9, 4)", "[0, 4, 8]"},
      {"$range(1, 1, 1)", "1"},  // a singleton sequence, unwrapped as AWS returns it
      {"$range(1, 9, 9)", "1"},
      {"$count($range(1, 1, 1))", "1"},
      {"$sum($range(1, 100, 1))", "5050"},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
  checkFailsWithSomeError("$range(0, 10, 0)");
}

TEST_CASE("sfn: $hash", "[jsonata][docs][sfn]") {
  static const DocCase cases[] = {
      {"$hash('input data', 'MD5')", R"("812f45842bc6d66ee14572ce20db8e86")"},
      {"$hash('input data', 'SHA-1')", R"("aaff4a450a104cd177d28d18d74485e8cae074b7")"},
      {"$hash('input data', 'SHA-256')", R"("b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3")"},
      {"$hash('input data', 'SHA-384')",
       R"("d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562")"},
      {"$hash('input data', 'SHA-512')",
       R"("6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4")"},
      {"$hash('', 'MD5')", R"("d41d8cd98f00b204e9800998ecf8427e")"},
      {"$hash(content, 'SHA-256')", R"("b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3")"},
  };
  CHECK_JSONATA_TABLE(cases, R"({"content": "input data"})");
  checkFailsWithSomeError("$hash('input data', 'SHA-999')");
}

TEST_CASE("sfn: $random with and without a seed", "[jsonata][docs][sfn]") {
  // unseeded: from the environment's source, in [0, 1), reproducible with the same source
  auto a = run("[$random(), $random(), $random()]");
  auto b = run("[$random(), $random(), $random()]");
  INFO(a.description);
  REQUIRE(a.ok);
  REQUIRE(b.ok);
  REQUIRE(a.value.has_value());
  CHECK(a.value == b.value);
  for (const auto& v : *a.value) {
    CHECK(v.is_number());
    CHECK(v.get<double>() >= 0.0);
    CHECK(v.get<double>() < 1.0);
  }
  CHECK((*a.value)[0] != (*a.value)[1]);
  // seeded: the same seed always gives the same number, whatever the environment
  CHECK_JSONATA("$random(42) = $random(42)", nullptr, "true");
  CHECK_JSONATA("$random(42) != $random(43)", nullptr, "true");
  CHECK_JSONATA("($r := $random(9999); $r >= 0 and $r < 1)", nullptr, "true");
  auto s1 = run("$random(seed)", R"({"seed": 7})");
  auto s2 = run("$random(seed)", R"({"seed": 7})", {}, fixedEnvironment(987654321));
  INFO(s1.description);
  REQUIRE(s1.ok);
  REQUIRE(s2.ok);
  CHECK(s1.value == s2.value);
}

TEST_CASE("sfn: $uuid is a version 4 UUID from the environment's random source", "[jsonata][docs][sfn]") {
  auto out = run("[1..10].$uuid()");
  INFO(out.description);
  REQUIRE(out.ok);
  REQUIRE(out.value.has_value());
  REQUIRE(out.value->is_array());
  REQUIRE(out.value->size() == 10);
  std::regex shape("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::set<std::string> seen;
  for (const auto& v : *out.value) {
    REQUIRE(v.is_string());
    CHECK(std::regex_match(v.get<std::string>(), shape));
    seen.insert(v.get<std::string>());
  }
  CHECK(seen.size() == 10);
  auto again = run("[1..10].$uuid()");
  REQUIRE(again.ok);
  CHECK(again.value == out.value);  // same random source, same identifiers
  auto other = run("[1..10].$uuid()", nullptr, {}, fixedEnvironment(42));
  REQUIRE(other.ok);
  CHECK(other.value != out.value);
  CHECK_JSONATA("$uuid() != $uuid()", nullptr, "true");
  CHECK_JSONATA("$length($uuid())", nullptr, "36");
}

TEST_CASE("sfn: $parse", "[jsonata][docs][sfn]") {
  static const DocCase cases[] = {
      {"$parse('{\"a\": [1, 2]}')", R"({"a": [1, 2]})"},
      {"$parse('\"x\"')", R"("x")"},
      {"$parse('[1, {\"b\": null}]')", R"([1, {"b": null}])"},
      {"$parse('3.5')", "3.5"},
      {"$parse('true')", "true"},
      {"$parse('null')", "null"},
      {"$parse(json).a", "5"},
      {"$parse(json).a + 1", "6"},
  };
  CHECK_JSONATA_TABLE(cases, R"({"json": "{\"a\": 5}"})");
  checkFailsWithSomeError("$parse('not json')");
  checkFailsWithSomeError("$parse('{\"a\": 1')");
}

TEST_CASE("sfn: the $states binding assembled from borrowed members", "[jsonata][docs][sfn]") {
  const Json input = Json::parse(R"({"title": "Doctor", "items": [1, 2, 3]})");
  const Json context = Json::parse(R"({"Execution": {"Id": "arn:exec:1", "Name": "run-1"}})");
  const Json customerName = "María";
  Binding states;
  states.name = "states";
  states.members = {{"input", &input}, {"context", &context}};
  Binding name;
  name.name = "customerName";
  name.value = &customerName;
  const Bindings bindings{states, name};
  auto eval = [&](const char* text) {
    return Expression::compile(text).evaluate(Json(), bindings, fixedEnvironment());
  };
  CHECK(eval("$states.input.title") == Json("Doctor"));
  CHECK(eval("$customerName") == Json("María"));
  CHECK(eval("$states.context.Execution.Name & ':' & $sum($states.input.items)") == Json("run-1:6"));
  CHECK(eval("$states.input.missing") == std::nullopt);
  CHECK(eval("$count($keys($states))") == Json(2));
  CHECK(eval("{'title': $states.input.title, 'name': $customerName}") ==
        Json::parse(R"({"title": "Doctor", "name": "María"})"));
}

TEST_CASE("sfn: freeVariables lists the variables an expression reads but does not bind", "[jsonata][docs][sfn]") {
  using V = std::vector<std::string>;
  CHECK(Expression::compile("$states.input.x & $foo").freeVariables() == V{"foo", "states"});
  CHECK(Expression::compile("($x := 1; $x + $y)").freeVariables() == V{"y"});
  CHECK(Expression::compile("function($a) { $a + $b }").freeVariables() == V{"b"});
  CHECK(Expression::compile("$sum([1, 2]) + $count(a)").freeVariables() == V{});
  CHECK(Expression::compile("Phone#$i[$i > 0].number").freeVariables() == V{});
  CHECK(Expression::compile("$z + $z + $a").freeVariables() == V{"a", "z"});
  // A lambda sees every binding of its frame, even one made after it (recursion).
  CHECK(Expression::compile("($f := function($n) { $n > 0 ? $f($n - 1) : $g }; $f(3))").freeVariables() == V{"g"});
  CHECK(Expression::compile("$f := function() { $f() }").freeVariables() == V{});
  CHECK(Expression::compile("((function() { $inner := 1 })(); $inner)").freeVariables() == V{"inner"});
  CHECK(Expression::compile("Phone.number").text() == "Phone.number");
}

TEST_CASE("sfn: builtinsUsed lists the built-in functions an expression names", "[jsonata][docs][sfn]") {
  using V = std::vector<std::string>;
  CHECK(Expression::compile("$sum([1, 2]) + $count(a)").builtinsUsed() == V{"count", "sum"});
  CHECK(Expression::compile("$map([1], $string)").builtinsUsed() == V{"map", "string"});
  CHECK(Expression::compile("$eval('1 + 1')").builtinsUsed() == V{"eval"});
  CHECK(Expression::compile("($eval := function($x) { $x }; $eval(1))").builtinsUsed() == V{});
}
