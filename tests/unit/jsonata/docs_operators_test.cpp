// Acceptance tests from docs.jsonata.org: Numeric Operators, Comparison Operators, Boolean
// Operators, Other Operators (& ? : ?: ?? := ~> .. transforms), regular expressions.
#include "jsonata_test_support.h"

using namespace jsonata_test;

TEST_CASE("docs: numeric operators + - * / % and unary minus", "[jsonata][docs][operators]") {
  static const DocCase cases[] = {
      {"5 + 2", "7"},
      {"5 - 2", "3"},
      {"5 * 2", "10"},
      {"5 / 2", "2.5"},
      {"5 % 2", "1"},
      {"-5", "-5"},
      {"-(5 + 2)", "-7"},
      {"1 + 2 * 3", "7"},
      {"(1 + 2) * 3", "9"},
      {"10 - 2 - 3", "5"},
      {"2 * 3 % 4", "2"},
      {"1 / 3", "0.3333333333333333"},
      {"-7 % 3", "-1"},
      {"5.5 % 2", "1.5"},
      {"0.1 + 0.2", "0.30000000000000004"},
      {"1e3 + 1", "1001"},
      {"1.5e-1 * 2", "0.3"},
      {"Nothing + 1", nullptr},
      {"1 - Nothing", nullptr},
      {"-Nothing", nullptr},
      {"Age * 2", "56"},
      {"-Age", "-28"},
      {"Age - -2", "30"},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
  CHECK_JSONATA("Account.Order.Product.(Price * Quantity)", kInvoice, "[68.9, 21.67, 137.8, 107.99]");
}

TEST_CASE("docs: numeric operators reject non-numbers", "[jsonata][docs][operators]") {
  // jsonata-js: T2001 left side not a number, T2002 right side; position just past the operator.
  static const ErrorCase cases[] = {
      {"\"5\" + 2", "T2001", 5},
      {"5 * \"2\"", "T2002", 3},
      {"true - 1", "T2001", 6},
      {"1 / null", "T2002", 3},
      {"{} % 2", "T2001", 4},
      {"[1, 2] + 1", "T2001", 8},
      {"-\"5\"", "D1002", -1},
  };
  CHECK_JSONATA_ERROR_TABLE(cases, nullptr);
}

TEST_CASE("docs: comparison operators", "[jsonata][docs][operators]") {
  static const DocCase cases[] = {
      {"1 = 1", "true"},
      {"1 = 1.0", "true"},
      {"\"a\" = \"a\"", "true"},
      {"1 = \"1\"", "false"},
      {"1 != 2", "true"},
      {"\"x\" != \"x\"", "false"},
      {"1 < 2", "true"},
      {"2 <= 2", "true"},
      {"3 > 2", "true"},
      {"2 >= 3", "false"},
      {"\"apple\" < \"banana\"", "true"},
      {"\"b\" > \"a\"", "true"},
      {"\"B\" < \"a\"", "true"},  // code-unit order
      {"Nothing = 1", "false"},
      {"Nothing != 1", "false"},
      {"Nothing < 1", nullptr},
      {"1 >= Nothing", nullptr},
      {"null = null", "true"},
      {"[1, 2] = [1, 2]", "true"},  // deep equality
      {"{'a': [1, {'b': 2}]} = {'a': [1, {'b': 2}]}", "true"},
      {"{'a': 1} = {'a': 2}", "false"},
      {"true = true", "true"},
      {"Age > 18", "true"},
      {"Address.City = 'Winchester'", "true"},
      {"Phone.type = 'mobile'", "false"},  // an array is not equal to one of its members
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
  static const ErrorCase errors[] = {
      {"1 < \"2\"", "T2009", 3},
      {"\"a\" >= 1", "T2009", 6},
      {"true < 1", "T2010", 6},
      {"{} > 1", "T2010", 4},
      {"[1] <= [2]", "T2010", 6},
  };
  CHECK_JSONATA_ERROR_TABLE(errors, nullptr);
}

TEST_CASE("docs: the in operator", "[jsonata][docs][operators]") {
  static const DocCase cases[] = {
      {"\"a\" in [\"a\", \"b\"]", "true"},
      {"\"c\" in [\"a\", \"b\"]", "false"},
      {"\"c\" in \"c\"", "true"},
      {"3 in [1, 2, 3]", "true"},
      {"'office' in Phone.type", "true"},
      {"'fax' in Phone.type", "false"},
      {"Nothing in [1]", "false"},
      {"1 in Nothing", "false"},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
  CHECK_JSONATA("library.books[\"Aho\" in authors and price < 50].title", kLibrary,
                R"("Compilers: Principles, Techniques, and Tools")");
}

TEST_CASE("docs: boolean operators and/or", "[jsonata][docs][operators]") {
  static const DocCase cases[] = {
      {"true and true", "true"},
      {"true and false", "false"},
      {"false or true", "true"},
      {"false or false", "false"},
      {"1 and \"a\"", "true"},
      {"0 or \"\"", "false"},
      {"Nothing and true", "false"},
      {"Nothing or true", "true"},
      {"[] or false", "false"},
      {"[0] or false", "false"},
      {"{} or false", "false"},
      {"{'a': 1} and true", "true"},
      {"Age > 18 and Address.City = 'Winchester'", "true"},
      {"Age < 18 or Surname = 'Smith'", "true"},
      {"true or false and false", "true"},  // and binds tighter than or
      {"(true or false) and false", "false"},
      {"false and Nothing.x", "false"},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
  CHECK_JSONATA("library.books[price < 35 or copies > 2].title", kLibrary,
                R"(["The C Programming Language", "Compilers: Principles, Techniques, and Tools"])");
}

TEST_CASE("docs: string concatenation &", "[jsonata][docs][operators]") {
  static const DocCase cases[] = {
      {"\"Hello\" & \"World\"", R"("HelloWorld")"},
      {"FirstName & ' ' & Surname", R"("Fred Smith")"},
      {"5 & 0 & true", R"("50true")"},
      {"Nothing & 'x'", R"("x")"},
      {"'x' & Nothing", R"("x")"},
      {"null & 'x'", R"("nullx")"},
      {"[1, 2] & 'x'", R"("[1,2]x")"},
      {"{'a': 1} & ''", R"("{\"a\":1}")"},
      {"1.0 & ''", R"("1")"},
      {"(0.1 + 0.2) & ''", R"("0.3")"},  // $string casts numbers with 15 significant digits
      {"100000000000000000000 & ''", R"("100000000000000000000")"},
      {"1e21 & ''", R"("1e+21")"},
      {"Age & ' years'", R"("28 years")"},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
}

TEST_CASE("docs: conditional ? :", "[jsonata][docs][operators]") {
  CHECK_JSONATA("Account.Order.Product.(Price < 50 ? \"Cheap\" : \"Expensive\")", kInvoice,
                R"(["Cheap", "Cheap", "Cheap", "Expensive"])");
  static const DocCase cases[] = {
      {"Age >= 18 ? 'adult' : 'minor'", R"("adult")"},
      {"false ? 1", nullptr},
      {"true ? 1", "1"},
      {"'' ? 'yes' : 'no'", R"("no")"},
      {"'x' ? 'yes' : 'no'", R"("yes")"},
      {"Nothing ? 'yes' : 'no'", R"("no")"},
      {"0 ? 'a' : 1 ? 'b' : 'c'", R"("b")"},  // right-associative
      {"Phone[type='fax'] ? 'fax' : 'no fax'", R"("no fax")"},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
}

TEST_CASE("docs: default (elvis) ?: and coalescing ??", "[jsonata][docs][operators]") {
  static const DocCase cases[] = {
      {"Nothing ?: 'default'", R"("default")"},
      {"0 ?: 'default'", R"("default")"},
      {"'' ?: 'default'", R"("default")"},
      {"false ?: 'default'", R"("default")"},
      {"null ?: 'default'", R"("default")"},
      {"Surname ?: 'default'", R"("Smith")"},
      {"Age ?: 0", "28"},
      {"Nothing ?? 'default'", R"("default")"},
      {"0 ?? 'default'", "0"},
      {"'' ?? 'default'", R"("")"},
      {"false ?? 'default'", "false"},
      {"null ?? 'default'", "null"},
      {"Other.Misc ?? 'none'", "null"},
      {"Other.Missing ?? Other.Misc ?? 'none'", "null"},
      {"Nothing ?? Nada ?? 3", "3"},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
}

TEST_CASE("docs: variable binding :=", "[jsonata][docs][operators]") {
  static const DocCase cases[] = {
      {"($x := 5; $x * 2)", "10"},
      {"$x := 5", "5"},
      {"($a := 1; $b := $a + 1; [$a, $b])", "[1, 2]"},
      {"($x := Address; $x.City)", R"("Winchester")"},
      {"($x := 1; ($x := 2); $x)", "1"},  // a block has its own scope
      {"($x := 1; ($x := 2; $x))", "2"},
      {"$y := $x := 3", "3"},
      {"($undefinedVar)", nullptr},
      {"(Phone.($n := number; $n))[0]", R"("0203 544 1234")"},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
}

TEST_CASE("docs: function application ~>", "[jsonata][docs][operators]") {
  static const DocCase cases[] = {
      {"\"hello\" ~> $uppercase()", R"("HELLO")"},
      {"'  Hello  ' ~> $trim() ~> $uppercase()", R"("HELLO")"},
      {"Email[0].address[0] ~> $substringAfter('@') ~> $substringBefore('.') ~> $uppercase()", R"("MY-WORK")"},
      {"Phone.number ~> $count()", "4"},
      {"[1, 2, 3] ~> $sum()", "6"},
      {"'a,b,c' ~> $split(',')", R"(["a", "b", "c"])"},
      {"($uppertrim := $trim ~> $uppercase; $uppertrim('   Hello    World   '))", R"("HELLO WORLD")"},
      {"'abc' ~> function($s) { $s & $s }", R"("abcabc")"},
      {"Nothing ~> $uppercase()", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
  CHECK_JSONATA_ERROR("1 ~> 2", nullptr, "T2006");
}

TEST_CASE("docs: range operator ..", "[jsonata][docs][operators]") {
  static const DocCase cases[] = {
      {"[1..5]", "[1, 2, 3, 4, 5]"},
      {"[1..3, 7]", "[1, 2, 3, 7]"},
      {"[0..2, 5..6]", "[0, 1, 2, 5, 6]"},
      {"[5..1]", "[]"},
      {"[3..3]", "[3]"},
      {"[-2..1]", "[-2, -1, 0, 1]"},
      {"[1..3].($ * $)", "[1, 4, 9]"},
      {"$sum([1..100])", "5050"},
      {"[1..Nothing]", "[]"},
      {"[0..9][$ % 3 = 0]", "[0, 3, 6, 9]"},
      {"$count([1..10000])", "10000"},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
  static const ErrorCase errors[] = {
      {"[1.5..3]", "T2003", -1},
      {"['a'..3]", "T2003", -1},
      {"[1..3.5]", "T2004", -1},
      {"[1..'z']", "T2004", -1},
  };
  CHECK_JSONATA_ERROR_TABLE(errors, nullptr);
}

TEST_CASE("docs: transform operator | location | update [, delete] |", "[jsonata][docs][operators]") {
  CHECK_JSONATA("($ ~> |Account.Order.Product|{'Price': Price * 1.2}|).Account.Order.Product.Price", kInvoice,
                "[41.34, 26.004, 41.34, 129.588]");
  CHECK_JSONATA("($ ~> |Account.Order.Product|{}, ['Description', 'SKU']|).Account.Order[0].Product[0]", kInvoice,
                R"({"Product Name": "Bowler Hat", "ProductID": 858383, "Price": 34.45, "Quantity": 2})");
  CHECK_JSONATA("($ ~> |Account.Order.Product|{'Total': Price * Quantity}, 'Description'|).Account.Order[1].Product[1]",
                kInvoice,
                R"({"Product Name": "Cloak", "ProductID": 345664, "SKU": "0406654603", "Price": 107.99,
                    "Quantity": 1, "Total": 107.99})");
  // the input is copied, not modified
  CHECK_JSONATA("($t := $ ~> |a|{'b': 2}|; [$t.a.b, a.b])", R"({"a": {"b": 1}})", "[2, 1]");
  // a transform is a function
  CHECK_JSONATA("($inc := |$|{'v': v + 1}|; $inc({'v': 1, 'w': 0}))", nullptr, R"({"v": 2, "w": 0})");
  CHECK_JSONATA("$ ~> |items[status='old']|{'status': 'new'}|",
                R"({"items": [{"id": 1, "status": "old"}, {"id": 2, "status": "ok"}]})",
                R"({"items": [{"id": 1, "status": "new"}, {"id": 2, "status": "ok"}]})");
  CHECK_JSONATA("$ ~> |nothing|{'x': 1}|", R"({"a": 1})", R"({"a": 1})");
  CHECK_JSONATA_ERROR("$ ~> |a|5|", R"({"a": {"b": 1}})", "T2011");
  CHECK_JSONATA_ERROR("$ ~> |a|{}, 5|", R"({"a": {"b": 1}})", "T2012");
}

TEST_CASE("docs: comments and whitespace", "[jsonata][docs][operators]") {
  CHECK_JSONATA("/* the surname */ Surname", kAddress, R"("Smith")");
  CHECK_JSONATA("Address /* nested */ . City", kAddress, R"("Winchester")");
  CHECK_JSONATA("\n\t Age \r\n", kAddress, "28");
}

TEST_CASE("docs: literals", "[jsonata][docs][operators]") {
  static const DocCase cases[] = {
      {"'single'", R"("single")"},
      {"\"double\"", R"("double")"},
      {"\"it's\"", R"("it's")"},
      {"\"tab\\there\"", R"("tab\there")"},
      {"\"\\u00e9\"", R"("é")"},
      {"'a\\/b'", R"("a/b")"},
      {"42", "42"},
      {"-0.5", "-0.5"},
      {"1.5E2", "150"},
      {"true", "true"},
      {"false", "false"},
      {"null", "null"},
      {"[1, 'two', true, null, {'five': 5}]", R"([1, "two", true, null, {"five": 5}])"},
      {"[[1, 2], [3]]", "[[1, 2], [3]]"},
      {"[[]]", "[[]]"},
      {"{'a': {'b': [1]}}", R"({"a": {"b": [1]}})"},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
}
