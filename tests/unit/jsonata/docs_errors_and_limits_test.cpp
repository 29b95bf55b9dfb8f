// Bad input: syntax errors with their codes and positions (jsonata-js: the offset just past the
// offending token), wrong-type arguments, evaluation errors, and the Limits that turn hostile
// expressions (deep recursion, runaway loops, huge ranges, catastrophic regexes, deeply nested
// text) into Errors instead of crashes or hangs.
#include "jsonata_test_support.h"

#include <chrono>

using namespace jsonata_test;

namespace {

struct Timed {
  Outcome outcome;
  double seconds = 0;
};

Timed timedRun(const std::string& expr, const char* input = nullptr, const Environment& env = fixedEnvironment()) {
  auto start = std::chrono::steady_clock::now();
  Outcome out = run(expr, input, {}, env);
  auto end = std::chrono::steady_clock::now();
  return {out, std::chrono::duration<double>(end - start).count()};
}

std::string describe(const Outcome& out) { return out.ok ? "value " + show(out.value) : out.description; }

}  // namespace

TEST_CASE("errors: syntax errors have S0xxx codes and jsonata-js positions", "[jsonata][docs][errors]") {
  static const ErrorCase cases[] = {
      {"Account.Order[0", "S0203", 15},         // expected ] before end of expression
      {"[1,2", "S0203", 4},
      {"{\"a\":1", "S0203", 6},
      {"Phone[", "S0203", 6},
      {"\"hello", "S0101", 6},                  // unterminated string literal
      {"`abc", "S0105", 4},                     // unterminated quoted name
      {"/* comment", "S0106", 0},               // unterminated comment: at its start
      {"1e999", "S0102", 0},                    // number out of range
      {"\"\\q\"", "S0103", 2},                  // unsupported escape
      {"\"\\u00g0\"", "S0104", 2},              // \u not followed by 4 hex digits
      {"1 2", "S0201", 3},                      // syntax error: unexpected token
      {"(1;2]", "S0202", 5},                    // expected ) got ]
      {"= 1", "S0211", 1},                      // an infix operator used as a prefix
      {"1 ! 2", "S0204", 3},                    // unknown operator
      {"1 := 2", "S0212", 1},                   // := needs a variable on the left
      {"$f := function(x) {x}", "S0208", 16},   // lambda parameters must be variables
      {"Phone@x", "S0214", 7},                  // @ needs a variable
      {"Phone#x", "S0214", 7},                  // # needs a variable
      {"//", "S0301", 1},                       // empty regular expression
      {"/abc", "S0302", 4},                     // unterminated regular expression
      {"1 +", "S0207", -1},                     // unexpected end of expression
      {"function($x)<n<n>:n>{$x}", "S0401", -1},  // type parameter on a non-array, non-function
      {"Account.5", "S0213", -1},               // a literal as a path step
  };
  CHECK_JSONATA_ERROR_TABLE(cases, nullptr);
}

TEST_CASE("errors: wrong-type arguments T0410 / T0412", "[jsonata][docs][errors]") {
  static const ErrorCase cases[] = {
      {"$length(1)", "T0410", 8},
      {"$uppercase(1)", "T0410", 11},
      {"$pad(1, 2)", "T0410", -1},
      {"$split(1, ',')", "T0410", -1},
      {"$contains(1, 'a')", "T0410", -1},
      {"$abs('1')", "T0410", -1},
      {"$round('1')", "T0410", -1},
      {"$power('2', 2)", "T0410", -1},
      {"$fromMillis(true)", "T0410", -1},
      {"$now(1)", "T0410", -1},
      {"$map(1, 2)", "T0410", -1},
      {"$each('a', function($v) { $v })", "T0410", -1},
      {"$string(1, 'x')", "T0410", -1},
      {"$count(1, 2)", "T0410", -1},
      {"$sum(['a'])", "T0412", -1},
      {"$join([1])", "T0412", -1},
      {"$merge([1])", "T0412", -1},
  };
  CHECK_JSONATA_ERROR_TABLE(cases, nullptr);
}

TEST_CASE("errors: evaluation errors", "[jsonata][docs][errors]") {
  static const ErrorCase cases[] = {
      {"$foo()", "T1006", 5},                    // invoking something that is not a function
      {"($foo := 1; $foo())", "T1006", -1},
      {"{1: 2}", "T1003", -1},                   // object keys must be strings
      {"{'a': 1, 'a': 2}", "D1009", -1},         // duplicate key
      {"[1, 'a']^($)", "T2007", -1},             // sort keys of mixed types
      {"[{}, {}]^($)", "T2008", -1},             // sort keys neither strings nor numbers
      {"\"a\" ~> \"b\"", "T2006", -1},           // right side of ~> is not a function
      {"-'x'", "D1002", -1},
      {"$string(1/0)", "D3001", -1},
      {"$number('x')", "D3030", -1},
      {"$single([], function($v) { true })", "D3139", -1},
      {"$error('custom')", "D3137", -1},
      {"$assert(1 = 2, 'nope')", "D3141", -1},
      {"$eval('[1,2')", "D3120", -1},
  };
  CHECK_JSONATA_ERROR_TABLE(cases, nullptr);
}

TEST_CASE("errors: a function cannot be the result", "[jsonata][docs][errors]") {
  for (const char* expr : {"$sum", "function($x) { $x }", "$substring(?, 1)"}) {
    auto out = run(expr);
    INFO("expression: " << expr << "\n  got: " << describe(out));
    CHECK_FALSE(out.ok);
    CHECK(out.code.has_value());
  }
  // a function nested in a result structure: the docs do not define it; it must not crash
  auto nested = run("{'f': $sum}");
  INFO(describe(nested));
  CHECK((nested.ok || nested.code.has_value()));
}

TEST_CASE("limits: infinite recursion is error U1001, not a crash", "[jsonata][docs][limits]") {
  auto t = timedRun("($f := function($n) { 1 + $f($n + 1) }; $f(0))");
  INFO(describe(t.outcome));
  CHECK(t.outcome.code == std::optional<std::string>("U1001"));
  CHECK(t.seconds < 10.0);
  auto t2 = timedRun("($f := function() { [$f()] }; $f())");
  INFO(describe(t2.outcome));
  CHECK(t2.outcome.code == std::optional<std::string>("U1001"));
  auto t3 = timedRun("($f := function($x) { $x.$f($x) }; $f({'a': 1}))");
  INFO(describe(t3.outcome));
  CHECK(t3.outcome.code == std::optional<std::string>("U1001"));
}

TEST_CASE("limits: values built one level per step stop at the nesting limit, error U1001",
          "[jsonata][docs][limits]") {
  // No recursion in the evaluator builds these, but writing or freeing them walks every level.
  for (const char* expr : {"$reduce([1..100000], function($a, $v) { {'x': $a} }, {})",
                           "$reduce([1..100000], function($a, $v) { [[$a]] }, [])"}) {
    auto t = timedRun(expr);
    INFO(expr << ": " << describe(t.outcome));
    CHECK(t.outcome.code == std::optional<std::string>("U1001"));
  }
  // Within the limit, deep values are values.
  auto shallow = timedRun("$reduce([1..500], function($a, $v) { {'x': $a} }, {}).x.x.x ~> $type()");
  INFO(describe(shallow.outcome));
  CHECK(shallow.outcome.ok);
}

TEST_CASE("limits: a chain of 100,000 closures, each holding the last, is freed without recursion",
          "[jsonata][docs][limits]") {
  auto t = timedRun("$type($reduce([1..100000], function($a, $v) { function() { $a } }, 0))");
  INFO(describe(t.outcome));
  REQUIRE(t.outcome.ok);
  CHECK(show(t.outcome.value) == "\"function\"");
}

TEST_CASE("limits: a runaway loop exhausts the step budget, error U1002", "[jsonata][docs][limits]") {
  // tail recursion does not grow the depth (tail call optimization), so only the budget stops it
  auto t = timedRun("($loop := function($n) { $loop($n + 1) }; $loop(0))");
  INFO(describe(t.outcome) << "\n  seconds: " << t.seconds);
  CHECK(t.outcome.code == std::optional<std::string>("U1002"));
  CHECK(t.seconds < 30.0);

  Environment small = fixedEnvironment();
  small.limits.maxSteps = 10'000;
  auto s = timedRun("[1..100000].($ * 2)", nullptr, small);
  INFO(describe(s.outcome));
  CHECK(s.outcome.code == std::optional<std::string>("U1002"));
  auto ok = timedRun("$sum([1..100].($ * 2))", nullptr, small);
  INFO(describe(ok.outcome));
  CHECK(ok.outcome.ok);
  CHECK(ok.outcome.value == std::optional<Json>(Json(10100)));
}

TEST_CASE("limits: a range costs one step; its items have a budget of their own", "[jsonata][docs][limits]") {
  // The largest range jsonata-js allows fits the default budget with room for the rest.
  auto big = timedRun("[5..10000004] ~> $count()");
  INFO(describe(big.outcome));
  CHECK(big.outcome.value == std::optional<Json>(Json(10000000)));
  CHECK(big.seconds < 10.0);
  // Ranges of one evaluation share a budget as large as the step budget.
  CHECK_JSONATA_ERROR("$count([1..6000000]) + $count([1..6000000])", nullptr, "U1002");
  Environment small = fixedEnvironment();
  small.limits.maxSteps = 10'000;
  auto many = timedRun("$sum([1..100].$count([1..200]))", nullptr, small);  // 20,100 range items
  INFO(describe(many.outcome));
  CHECK(many.outcome.code == std::optional<std::string>("U1002"));
  auto fits = timedRun("$sum([1..10].$count([1..900]))", nullptr, small);
  INFO(describe(fits.outcome));
  CHECK(fits.outcome.value == std::optional<Json>(Json(9000)));
}

TEST_CASE("limits: huge ranges are error D2014", "[jsonata][docs][limits]") {
  auto t = timedRun("[1..100000000]");
  INFO(describe(t.outcome));
  CHECK(t.outcome.code == std::optional<std::string>("D2014"));
  CHECK(t.seconds < 5.0);
  CHECK_JSONATA_ERROR("$count([0..10000000])", nullptr, "D2014");  // 10,000,001 items
  CHECK_JSONATA_ERROR("[1..50000000, 1..50000000]", nullptr, "D2014");
}

TEST_CASE("limits: results larger than maxResultItems are error U1003", "[jsonata][docs][limits]") {
  Environment small = fixedEnvironment();
  small.limits.maxResultItems = 1000;
  auto pad = timedRun("$pad('', 5000, 'x')", nullptr, small);
  INFO(describe(pad.outcome));
  CHECK(pad.outcome.code == std::optional<std::string>("U1003"));
  auto append = timedRun("$append([1..600], [1..600])", nullptr, small);
  INFO(describe(append.outcome));
  CHECK(append.outcome.code == std::optional<std::string>("U1003"));
  auto fine = timedRun("$count($append([1..400], [1..400]))", nullptr, small);
  INFO(describe(fine.outcome));
  CHECK(fine.outcome.value == std::optional<Json>(Json(800)));
}

TEST_CASE("limits: catastrophic regex backtracking is error U1004, fast", "[jsonata][docs][limits]") {
  for (const char* expr : {
           "$match(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\", /(a+)+$/)",
           "$contains(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\", /(a+)+$/)",
           "$replace(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\", /(a+)+$/, 'x')",
           "$split(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\", /(a+)+$/)",
       }) {
    auto t = timedRun(expr);
    INFO("expression: " << expr << "\n  got: " << describe(t.outcome) << "\n  seconds: " << t.seconds);
    CHECK(t.outcome.code == std::optional<std::string>("U1004"));
    CHECK(t.seconds < 2.0);
  }
  // the same pattern on a subject it matches quickly is fine
  CHECK_JSONATA("$contains('aaaa', /(a+)+$/)", nullptr, "true");
}

TEST_CASE("limits: 100,000 nested brackets in the text are an Error, not a crash", "[jsonata][docs][limits]") {
  const int n = 100'000;
  std::string parens(n, '('), brackets(n, '[');
  parens += '1';
  parens.append(n, ')');
  brackets += '1';
  brackets.append(n, ']');
  std::string braces;
  for (int i = 0; i < n; ++i) braces += "{'a':";
  braces += '1';
  braces.append(n, '}');
  std::string calls;
  for (int i = 0; i < n; ++i) calls += "$abs(";
  calls += '1';
  calls.append(n, ')');
  for (const std::string* text : std::vector<const std::string*>{&parens, &brackets, &braces, &calls}) {
    auto t = timedRun(*text);
    INFO("expression: " << text->substr(0, 40) << "...\n  got: " << describe(t.outcome));
    CHECK_FALSE(t.outcome.ok);
    CHECK(t.outcome.code.has_value());
    CHECK(t.seconds < 10.0);
  }
  // moderate nesting is still fine
  CHECK_JSONATA(std::string(50, '(') + "1" + std::string(50, ')'), nullptr, "1");
  CHECK_JSONATA(std::string(50, '[') + "1" + std::string(50, ']'),
                nullptr, (std::string(50, '[') + "1" + std::string(50, ']')).c_str());
}
