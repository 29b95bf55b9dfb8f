// Syntax errors (codes and positions as jsonata-js reports them) and the limits that turn hostile
// expressions into errors.
#include <catch2/catch.hpp>

#include "emulator/jsonata/jsonata.h"

using stepsim::jsonata::Environment;
using stepsim::jsonata::Error;
using stepsim::jsonata::Expression;
using stepsim::jsonata::Json;

namespace {

std::pair<std::string, int> compileError(std::string_view text) {
  try {
    Expression::compile(text);
  } catch (const Error& error) {
    return {error.code(), error.position()};
  }
  return {"no error", -1};
}

std::string evaluationError(std::string_view text, Environment environment = {}) {
  try {
    Expression::compile(text).evaluate(Json::object(), {}, environment);
  } catch (const Error& error) {
    return error.code();
  }
  return "no error";
}

}  // namespace

TEST_CASE("parser: error codes and positions") {
  CHECK(compileError("\"abc") == std::pair<std::string, int>{"S0101", 4});
  CHECK(compileError("1e999").first == "S0102");
  CHECK(compileError("'\\q'").first == "S0103");
  CHECK(compileError("'\\u12'").first == "S0104");
  CHECK(compileError("`abc").first == "S0105");
  CHECK(compileError("/* x").first == "S0106");
  CHECK(compileError("1 2") == std::pair<std::string, int>{"S0201", 3});
  CHECK(compileError("(1; 2") == std::pair<std::string, int>{"S0203", 5});
  CHECK(compileError("[1, 2)").first == "S0202");
  CHECK(compileError("1 +").first == "S0207");
  CHECK(compileError("function(a){1}").first == "S0208");
  CHECK(compileError(")").first == "S0211");
  CHECK(compileError("1 := 2").first == "S0212");
  CHECK(compileError("a.1").first == "S0213");
  CHECK(compileError("a@b").first == "S0214");
  CHECK(compileError("a[0]@$x").first == "S0215");
  CHECK(compileError("a^(b)@$x").first == "S0216");
  CHECK(compileError("$x{'x': 1}[0]").first == "S0209");
  CHECK(compileError("a{'x': 1}{'y': 2}").first == "S0210");
  CHECK(compileError("1..2").first == "S0201");
}

TEST_CASE("parser: accepts the whole syntax") {
  for (std::string_view text : {
           "a.b[0].c", "a[b > 1][-1]", "**.x", "*.y", "$$.a", "$.a", "a#$i[$i > 0]", "a@$x.b", "a^(>b, <c)",
           "a{b: c}", "($a := 1; $b := 2; $a + $b)", "function($x)<n-:n>{$x}", "λ($x){$x}", "$f(?, 1)",
           "/ab+c/i", "a ~> $f()", "| a | {'b': 1}, ['c'] |", "x ?? y", "x ?: y", "true and false or null",
           "[1..3]", "`with space`", "/* comment */ 1", "a in [1]", "-a", "a[]"}) {
    INFO(text);
    CHECK_NOTHROW(Expression::compile(text));
  }
}

TEST_CASE("limits: hostile expressions fail cleanly") {
  std::string deep(100000, '(');
  CHECK(compileError(deep).first == "U1001");
  std::string longChain = "1";
  for (int i = 0; i < 100000; ++i) longChain += "+1";
  CHECK(compileError(longChain).first == "U1001");
  Environment small;
  small.limits.maxSteps = 10000;
  // A tail call runs in constant depth (as jsonata-js's tail call optimization): the budget stops it.
  CHECK(evaluationError("($f := function($n){$f($n+1)}; $f(0))", small) == "U1002");
  CHECK(evaluationError("[1..100000000]") == "D2014");
  CHECK(evaluationError("$reduce([1..100000], function($a, $b){ $a + $b })", small) == "U1002");
  CHECK(evaluationError("($f := function($n){ 1 + $f($n + 1) }; $f(0))") == "U1001");
  // Tail calls do not grow the depth: an endless tail loop is stopped by the step budget.
  CHECK(evaluationError("($loop := function($n){ $loop($n + 1) }; $loop(0))", small) == "U1002");
}

TEST_CASE("limits: tail calls run in constant depth") {
  Environment environment;
  auto result = Expression::compile("($loop := function($n, $acc){ $n = 0 ? $acc : ($x := 1; $loop($n - 1, $acc + $x)) }; $loop(5000, 0))")
                    .evaluate(Json::object(), {}, environment);
  REQUIRE(result);
  CHECK(*result == 5000);
}

TEST_CASE("limits: recursion within the depth limit works") {
  Environment environment;
  auto result = Expression::compile("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(400))")
                    .evaluate(Json::object(), {}, environment);
  REQUIRE(result);
  CHECK(*result == 400);
}
