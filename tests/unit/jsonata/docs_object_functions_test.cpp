// Acceptance tests from docs.jsonata.org "Object functions"
// ($keys $lookup $spread $merge $sift $each $error $assert $type).
#include "jsonata_test_support.h"

using namespace jsonata_test;

TEST_CASE("docs: $keys", "[jsonata][docs][object]") {
  static const DocCase cases[] = {
      {"$keys(Address)", R"(["Street", "City", "Postcode"])"},
      {"$keys(Phone)", R"(["type", "number"])"},  // the union over an array of objects
      {"$keys({'a': 1})", R"("a")"},  // a one-item result sequence is a singleton
      {"$keys({})", nullptr},
      {"$keys('text')", nullptr},
      {"$keys(Nothing)", nullptr},
      {"$count($keys($))", "7"},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
}

TEST_CASE("docs: $lookup", "[jsonata][docs][object]") {
  static const DocCase cases[] = {
      {"$lookup(Address, 'City')", R"("Winchester")"},
      {"$lookup(Phone, 'number')", R"(["0203 544 1234", "01962 001234", "01962 001235", "077 7700 1234"])"},
      {"$lookup(Address, 'Country')", nullptr},
      {"$lookup(Other, 'Over 18 ?')", "true"},
      {"$lookup(Other, 'Misc')", "null"},
      {"$lookup(Nothing, 'a')", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
}

TEST_CASE("docs: $spread", "[jsonata][docs][object]") {
  static const DocCase cases[] = {
      {"$spread(Address)", R"([{"Street": "Hursley Park"}, {"City": "Winchester"}, {"Postcode": "SO21 2JN"}])"},
      {"$spread({'a': 1})", R"({"a": 1})"},
      {"$spread([{'a': 1, 'b': 2}, {'c': 3}])", R"([{"a": 1}, {"b": 2}, {"c": 3}])"},
      {"$spread('text')", R"("text")"},
      {"$spread(Nothing)", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
}

TEST_CASE("docs: $merge", "[jsonata][docs][object]") {
  static const DocCase cases[] = {
      {"$merge([{'a': 1}, {'b': 2}])", R"({"a": 1, "b": 2})"},
      {"$merge([{'a': 1}, {'a': 2, 'c': 3}])", R"({"a": 2, "c": 3})"},
      {"$merge({'a': 1})", R"({"a": 1})"},
      {"$merge([])", "{}"},
      {"$merge($spread(Address))", R"({"City": "Winchester", "Postcode": "SO21 2JN", "Street": "Hursley Park"})"},
      {"$merge(Nothing)", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
  CHECK_JSONATA_ERROR("$merge([1, 2])", nullptr, "T0412");
}

TEST_CASE("docs: $sift", "[jsonata][docs][object]") {
  CHECK_JSONATA("(Account.Order.Product)[0].$sift(function($v, $k) {$k ~> /^Product/})", kInvoice,
                R"({"Product Name": "Bowler Hat", "ProductID": 858383})");
  CHECK_JSONATA("$sift(Account.Order[0].Product[0].Description, function($v) { $v = 300 })", kInvoice,
                R"({"Width": 300})");
  CHECK_JSONATA("$sift({'a': 1, 'b': 2, 'c': 3}, function($v, $k, $o) { $v > 1 and $count($keys($o)) = 3 })", nullptr,
                R"({"b": 2, "c": 3})");
  CHECK_JSONATA("$sift({'a': 1}, function($v) { false })", nullptr, nullptr);
  CHECK_JSONATA("$sift(Nothing, function($v) { true })", nullptr, nullptr);
}

TEST_CASE("docs: $each", "[jsonata][docs][object]") {
  CHECK_JSONATA("$each(Address, function($v, $k) {$k & \": \" & $v})", kAddress,
                R"(["Street: Hursley Park", "City: Winchester", "Postcode: SO21 2JN"])");
  CHECK_JSONATA("$each({'a': 1, 'b': 2}, function($v) { $v * 10 })", nullptr, "[10, 20]");
  CHECK_JSONATA("$each({'a': 1}, function($v, $k, $o) { $o })", nullptr, R"({"a": 1})");
  CHECK_JSONATA("Address.$each(function($v, $k) { $k })", kAddress, R"(["Street", "City", "Postcode"])");
}

TEST_CASE("docs: $error", "[jsonata][docs][object]") {
  auto out = run("$error('Something went wrong')");
  INFO(out.description);
  REQUIRE(out.code.has_value());
  CHECK(*out.code == "D3137");
  CHECK(out.description.find("Something went wrong") != std::string::npos);
  CHECK_JSONATA_ERROR("Age > 100 ? $error('too old') : Age", R"({"Age": 120})", "D3137");
  CHECK_JSONATA("Age > 100 ? $error('too old') : Age", R"({"Age": 28})", "28");
  CHECK_JSONATA_ERROR("$error()", nullptr, "D3137");
}

TEST_CASE("docs: $assert", "[jsonata][docs][object]") {
  auto out = run("$assert(Age < 100, 'Age must be under 100')", R"({"Age": 120})");
  INFO(out.description);
  REQUIRE(out.code.has_value());
  CHECK(*out.code == "D3141");
  CHECK(out.description.find("Age must be under 100") != std::string::npos);
  CHECK_JSONATA("$assert(Age < 100, 'Age must be under 100')", R"({"Age": 28})", nullptr);
  CHECK_JSONATA("($assert(true); 'ok')", nullptr, R"("ok")");
  CHECK_JSONATA_ERROR("$assert('yes', 'msg')", nullptr, "T0410");
}

TEST_CASE("docs: $type", "[jsonata][docs][object]") {
  static const DocCase cases[] = {
      {"$type('a')", R"("string")"},
      {"$type(1)", R"("number")"},
      {"$type(1.5)", R"("number")"},
      {"$type(true)", R"("boolean")"},
      {"$type(null)", R"("null")"},
      {"$type([])", R"("array")"},
      {"$type([1, 2])", R"("array")"},
      {"$type({})", R"("object")"},
      {"$type(Address)", R"("object")"},
      {"$type(Phone)", R"("array")"},
      {"$type($sum)", R"("function")"},
      {"$type(function($x) { $x })", R"("function")"},
      {"$type($substring(?, 1))", R"("function")"},
      {"$type(Nothing)", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
}
