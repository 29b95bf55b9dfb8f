// The function library through the public API (compile + evaluate): what the builtins tests
// check one call at a time, here as Step Functions workflows write it, plus the Step Functions
// extras, which docs.jsonata.org does not cover.
#include "jsonata_test_support.h"

using namespace jsonata_test;

TEST_CASE("functions: Step Functions extras in expressions", "[jsonata][functions][sfn]") {
  static const DocCase cases[] = {
      {"$partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)", "[[1, 2, 3], [4, 5, 6], [7, 8, 9]]"},
      {"$partition([1, 2, 3, 4, 5], 2)", "[[1, 2], [3, 4], [5]]"},
      {"$partition(items, 2)", "[[\"a\", \"b\"], [\"c\"]]"},
      {"$range(0, 10, 2)", "[0, 2, 4, 6, 8, 10]"},
      {"$range(5, 1, -2)", "[5, 3, 1]"},
      {"$count($range(1, 1000))", "1000"},
      {"$hash('input data', 'MD5') = $hash('input data', 'MD5')", "true"},
      {"$hash('abc', 'SHA-256')", R"("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")"},
      {"$hash('abc', 'SHA-1')", R"("a9993e364706816aba3e25717850c26c9cd0d89d")"},
      {"$random(7) = $random(7)", "true"},
      {"$random(7) = $random(8)", "false"},
      {"$random() >= 0 and $random() < 1", "true"},
      {"$length($uuid())", "36"},
      {"$substring($uuid(), 14, 1)", R"("4")"},
      {"$parse('{\"a\": [1, 2, {\"b\": null}]}')", R"({"a": [1, 2, {"b": null}]})"},
      {"$parse(payload).count + 1", "3"},
      {"$parse('\"text\"')", R"("text")"},
  };
  CHECK_JSONATA_TABLE(cases, R"({"items": ["a", "b", "c"], "payload": "{\"count\": 2}"})");
  CHECK_JSONATA_ERROR("$partition([1, 2], 0)", nullptr, "D3200");
  CHECK_JSONATA_ERROR("$range(0, 10, 0)", nullptr, "D3201");
  CHECK_JSONATA_ERROR("$parse('{oops')", nullptr, "D3202");
  CHECK_JSONATA_ERROR("$hash('abc', 'SHA-3')", nullptr, "D3203");
  CHECK_JSONATA_ERROR("$hash(1, 'MD5')", nullptr, "T0410");
}

TEST_CASE("functions: the same evaluation sees one clock and one random sequence", "[jsonata][functions]") {
  CHECK_JSONATA("[$now(), $now()] ~> $distinct() ~> $count()", nullptr, "1");
  CHECK_JSONATA("$millis() = $toMillis($now())", nullptr, "true");
  CHECK_JSONATA("$fromMillis($millis(), '[Y0001]-[M01]-[D01]')", nullptr, R"("2023-11-14")");
  auto first = run("[$uuid(), $uuid(), $shuffle([1, 2, 3, 4, 5, 6])]");
  auto second = run("[$uuid(), $uuid(), $shuffle([1, 2, 3, 4, 5, 6])]");
  REQUIRE(first.ok);
  CHECK(first.value == second.value);  // a fresh copy of the same seeded environment
  CHECK((*first.value)[0] != (*first.value)[1]);
}

TEST_CASE("functions: regexes in expressions", "[jsonata][functions][regex]") {
  static const DocCase cases[] = {
      {"$replace('2023-11-14', /(\\d+)-(\\d+)-(\\d+)/, '$3/$2/$1')", R"("14/11/2023")"},
      {"$split('a1b22c333', /\\d+/)", R"(["a", "b", "c", ""])"},
      {"$match('The Cat sat', /[a-z]at/i).match", R"(["Cat", "sat"])"},
      {"$replace('hello world', /o/, function($m) { $uppercase($m.match) })", R"("hellO wOrld")"},
      {"$contains('caf\u00e9', /\\u00e9$/)", "true"},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
  CHECK_JSONATA_ERROR("$match('abc', /x*/)", nullptr, "D1004");
  CHECK_JSONATA("$match('aaa', /a*/).match", nullptr, R"("aaa")");
  std::string catastrophic = "$match('";
  catastrophic.append(40, 'a').append("!', /(a+)+$/)");
  CHECK_JSONATA_ERROR(catastrophic, nullptr, "U1004");
}

TEST_CASE("functions: numbers and dates in expressions", "[jsonata][functions]") {
  static const DocCase cases[] = {
      {"$formatNumber($sum(Account.Order.Product.(Price * Quantity)), '#,##0.00')", R"("336.36")"},
      {"$round($average(Account.Order.Product.Price), 2)", "49.64"},
      {"$formatInteger($count(Account.Order.Product), 'w')", R"("four")"},
      {"Account.Order.Product.$formatBase(ProductID, 16)", R"(["d190f", "d187c", "d190f", "54640"])"},
      {"$toMillis('2023-11-14T22:13:20.000Z') = $millis()", "true"},
      {"$fromMillis($toMillis('14/11/2023', '[D]/[M]/[Y]'), '[FNn], [D1o] [MNn] [Y]')",
       R"("Tuesday, 14th November 2023")"},
  };
  CHECK_JSONATA_TABLE(cases, kInvoice);
}
