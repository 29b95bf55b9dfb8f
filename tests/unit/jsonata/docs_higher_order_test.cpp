// Acceptance tests from docs.jsonata.org "Higher order functions" ($map $filter $single $reduce)
// and "Programming constructs" / "Functional programming" (lambdas, closures, recursion, tail
// calls, partial application, function signatures, composition).
#include "jsonata_test_support.h"

using namespace jsonata_test;

TEST_CASE("docs: $map", "[jsonata][docs][higher-order]") {
  static const DocCase cases[] = {
      {"$map([1..5], $string)", R"(["1", "2", "3", "4", "5"])"},
      {"$map(Email.address, function($v, $i, $a) { 'Item ' & ($i+1) & ' of ' & $count($a) & ': ' & $v })",
       R"(["Item 1 of 4: fred.smith@my-work.com", "Item 2 of 4: fsmith@my-work.com",
           "Item 3 of 4: freddy@my-social.com", "Item 4 of 4: frederic.smith@very-serious.com"])"},
      {"$map([1, 2, 3], function($v) { $v * 2 })", "[2, 4, 6]"},
      {"$map([1, 2, 3], function($v) { $v > 1 ? $v })", "[2, 3]"},
      {"$map(['1', '2'], $number)", "[1, 2]"},
      {"$map([7], function($v) { $v })", "7"},
      {"$map(Phone, function($p) { $p.type })", R"(["home", "office", "office", "mobile"])"},
      {"$map(Nothing, $string)", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
}

TEST_CASE("docs: $filter", "[jsonata][docs][higher-order]") {
  static const DocCase cases[] = {
      {"$filter(Account.Order.Product, function($v, $i, $a) { $v.Price > 30 }).SKU",
       R"(["0406654608", "040657863", "0406654603"])"},
      {"$filter([1..10], function($v, $i) { $i < 3 })", "[1, 2, 3]"},
      {"$filter([1, 2, 3], function($v, $i, $a) { $v = $count($a) })", "3"},
      {"$filter([1, 2, 3], function($v) { false })", nullptr},
      {"$filter(Nothing, function($v) { true })", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, kInvoice);
}

TEST_CASE("docs: $single", "[jsonata][docs][higher-order]") {
  static const DocCase cases[] = {
      {"$single([1, 2, 3], function($v) { $v = 2 })", "2"},
      {"$single(Account.Order.Product, function($v) { $v.Price > 100 }).SKU", R"("0406654603")"},
      {"$single([5])", "5"},
  };
  CHECK_JSONATA_TABLE(cases, kInvoice);
  CHECK_JSONATA_ERROR("$single([1, 2, 3], function($v) { $v > 1 })", nullptr, "D3138");
  CHECK_JSONATA_ERROR("$single([1, 2, 3], function($v) { $v > 5 })", nullptr, "D3139");
  CHECK_JSONATA_ERROR("$single([1, 2])", nullptr, "D3138");
}

TEST_CASE("docs: $reduce", "[jsonata][docs][higher-order]") {
  static const DocCase cases[] = {
      {"$reduce([1..5], function($i, $j){$i * $j})", "120"},
      {"$reduce([1..5], function($i, $j){$i + $j}, 10)", "25"},
      {"$reduce(['a', 'b', 'c'], function($acc, $v, $i) { $acc & $i & $v }, '')", R"("0a1b2c")"},
      {"$reduce([1], function($a, $b) { $a + $b })", "1"},
      {"$reduce([], function($a, $b) { $a + $b })", nullptr},
      {"$reduce([], function($a, $b) { $a + $b }, 5)", "5"},
      {"$reduce(Account.Order.Product, function($acc, $p) { $acc + $p.Quantity }, 0)", "8"},
  };
  CHECK_JSONATA_TABLE(cases, kInvoice);
  CHECK_JSONATA_ERROR("$reduce([1, 2], function($a) { $a })", nullptr, "D3050");
}

TEST_CASE("docs: lambdas and recursion", "[jsonata][docs][higher-order]") {
  static const DocCase cases[] = {
      {"($factorial := function($x){ $x <= 1 ? 1 : $x * $factorial($x-1) }; $factorial(4))", "24"},
      {"($fibonacci := function($n) { $n <= 1 ? $n : $fibonacci($n-1) + $fibonacci($n-2) }; $fibonacci(10))", "55"},
      {"(function($x) { $x * 2 })(21)", "42"},
      {"(λ($x) { $x * 2 })(21)", "42"},
      {"($f := function($x, $y) { $y }; $f(1))", nullptr},  // missing arguments are undefined
      {"($f := function($x) { $x }; $f(1, 2))", "1"},        // extra arguments are ignored
      {"($f := function() { 'no args' }; $f())", R"("no args")"},
      {"[1, 2, 3].(function($x) { $x * 10 })($)", "[10, 20, 30]"},
      // mutual recursion
      {"($even := function($n) { $n = 0 ? true : $odd($n - 1) }; $odd := function($n) { $n = 0 ? false : $even($n - 1) }; "
       "[$even(10), $odd(7), $even(3)])",
       "[true, true, false]"},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
}

TEST_CASE("docs: tail call optimization lets tail recursion go deeper than the depth limit",
          "[jsonata][docs][higher-order]") {
  CHECK_JSONATA(
      "($factorial := function($x){( $iter := function($x, $acc) { $x <= 1 ? $acc : $iter($x - 1, $x * $acc) }; "
      "$iter($x, 1) )}; $factorial(170))",
      nullptr, "7.257415615307994e306");
  CHECK_JSONATA("($loop := function($n, $acc) { $n = 0 ? $acc : $loop($n - 1, $acc + 1) }; $loop(2000, 0))", nullptr,
                "2000");
}

TEST_CASE("docs: closures capture their environment and context", "[jsonata][docs][higher-order]") {
  CHECK_JSONATA(
      "Account.( $AccName := function() { $.'Account Name' }; Order[OrderID = 'order104'].Product.{ 'Account': "
      "$AccName(), 'SKU-' & $string(ProductID): $.'Product Name' } )",
      kInvoice,
      R"([{"Account": "Firefly", "SKU-858383": "Bowler Hat"}, {"Account": "Firefly", "SKU-345664": "Cloak"}])");
  static const DocCase cases[] = {
      {"($add := function($x) { function($y) { $x + $y } }; $add5 := $add(5); $add5(3))", "8"},
      {"($counter := function($start) { function() { $start + 1 } }; $c := $counter(41); $c())", "42"},
      // as jsonata-js: a closure sees its frame's current bindings, so rebinding $x is visible
      {"($x := 1; $f := function() { $x }; $x := 2; $f())", "2"},
      {"($twice := function($f) { function($x){ $f($f($x)) } }; $add3 := function($y){ $y + 3 }; "
       "$add6 := $twice($add3); $add6(7))",
       "13"},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
}

TEST_CASE("docs: partial function application", "[jsonata][docs][higher-order]") {
  static const DocCase cases[] = {
      {"($first5 := $substring(?, 0, 5); $first5(\"Hello, World\"))", R"("Hello")"},
      {"($firstN := $substring(?, 0, ?); $first5 := $firstN(?, 5); $first5(\"Hello, World\"))", R"("Hello")"},
      {"($add := function($a, $b) { $a + $b }; $inc := $add(?, 1); $map([1, 2], $inc))", "[2, 3]"},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
  CHECK_JSONATA("($sub := $substringAfter('key=value', ?); $sub('='))", nullptr, R"("value")");
}

TEST_CASE("docs: function composition with ~>", "[jsonata][docs][higher-order]") {
  static const DocCase cases[] = {
      {"($normalize := $trim ~> $lowercase; $normalize('  MiXeD  Case '))", R"("mixed case")"},
      {"($f := function($x) { $x + 1 } ~> function($x) { $x * 2 }; $f(3))", "8"},
      {"($inc := function($x) { $x + 1 }; 5 ~> $inc ~> $inc)", "7"},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
}

TEST_CASE("docs: function signatures", "[jsonata][docs][higher-order]") {
  static const DocCase cases[] = {
      {"(function($x, $y)<nn:n>{ $x + $y })(1, 2)", "3"},
      {"($f := function($s)<s-:n>{ $length($s) }; Surname.$f())", "5"},
      {"(function($a)<a<n>:n>{ $count($a) })(5)", "1"},
      {"(function($a, $b)<nn?:n>{ $exists($b) ? $a + $b : $a })(1)", "1"},
      {"(function($a, $b)<nn?:n>{ $exists($b) ? $a + $b : $a })(1, 2)", "3"},
      {"(function($x)<(sn):s>{ $string($x) })(5)", R"("5")"},
      {"(function($x)<x:s>{ $type($x) })(null)", R"("null")"},
      {"(function($f)<f:n>{ $f(2) })(function($v) { $v * 3 })", "6"},
      {"(function($o)<o:a>{ $keys($o) })({'a': 1, 'b': 2})", R"(["a", "b"])"},
      {"(function($b)<b:b>{ $not($b) })(true)", "false"},
      {"(function($a)<a<s>:s>{ $join($a, '+') })(['a', 'b'])", R"("a+b")"},
      {"(function($l)<l:s>{ 'null ok' })(null)", R"("null ok")"},
      {"(function($j)<j:s>{ $type($j) })({})", R"("object")"},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
  static const ErrorCase errors[] = {
      {"(function($x)<n:n>{ $x })('a')", "T0410", -1},
      {"(function($x)<n:n>{ $x })(1, 2)", "T0410", -1},
      {"(function($a)<a<n>:n>{ 1 })(['x'])", "T0412", -1},
      {"(function($b)<b:b>{ $b })(1)", "T0410", -1},
      {"(function($o)<o:o>{ $o })([1])", "T0410", -1},
      {"(function($f)<f:n>{ 1 })(2)", "T0410", -1},
  };
  CHECK_JSONATA_ERROR_TABLE(errors, nullptr);
}

TEST_CASE("docs: function calls bind the context to a missing first argument", "[jsonata][docs][higher-order]") {
  static const DocCase cases[] = {
      {"Phone[0].number.$substring(0, 4)", R"("0203")"},
      {"Surname.$uppercase()", R"("SMITH")"},
      {"Phone.number.$length()", "[13, 12, 12, 13]"},
      {"Address.City.$contains('Win')", "true"},
      {"Email.address.$substringBefore('@')", R"(["fred.smith", "fsmith", "freddy", "frederic.smith"])"},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
}
