// Acceptance tests from docs.jsonata.org "Array functions"
// ($count $append $sort $reverse $shuffle $distinct $zip).
#include "jsonata_test_support.h"

using namespace jsonata_test;

TEST_CASE("docs: $append", "[jsonata][docs][array]") {
  static const DocCase cases[] = {
      {"$append([1,2,3], [4,5,6])", "[1, 2, 3, 4, 5, 6]"},
      {"$append([1,2,3], 4)", "[1, 2, 3, 4]"},
      {"$append(\"Hello\", \"World\")", R"(["Hello", "World"])"},
      {"$append(Nothing, [1])", "[1]"},
      {"$append([1], Nothing)", "[1]"},
      {"$append([], [])", "[]"},
      {"$append([[1]], [[2]])", "[[1], [2]]"},
      {"$append({'a': 1}, {'b': 2})", R"([{"a": 1}, {"b": 2}])"},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
}

TEST_CASE("docs: $sort", "[jsonata][docs][array]") {
  static const DocCase cases[] = {
      {"$sort([3, 1, 2])", "[1, 2, 3]"},
      {"$sort(['b', 'a', 'C'])", R"(["C", "a", "b"])"},
      {"$sort([2.5, -1, 10])", "[-1, 2.5, 10]"},
      {"$sort(Account.Order.Product, function($l, $r) { $l.Description.Weight > $r.Description.Weight }).SKU",
       R"(["0406634348", "0406654608", "040657863", "0406654603"])"},
      {"$sort(Account.Order.Product, function($l, $r) { $l.Price < $r.Price }).`Product Name`",
       R"(["Cloak", "Bowler Hat", "Bowler Hat", "Trilby hat"])"},
      {"$sort([])", "[]"},
      {"$sort(5)", "[5]"},
      {"$sort(Nothing)", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, kInvoice);
  // stable for equal keys
  CHECK_JSONATA("$sort($, function($l, $r) { $l.k > $r.k }).v",
                R"([{"k": 2, "v": "a"}, {"k": 1, "v": "b"}, {"k": 2, "v": "c"}, {"k": 1, "v": "d"}])",
                R"(["b", "d", "a", "c"])");
  CHECK_JSONATA_ERROR("$sort([1, 'a'])", nullptr, "D3070");
  CHECK_JSONATA_ERROR("$sort([{'a': 1}, {'a': 2}])", nullptr, "D3070");
}

TEST_CASE("docs: $reverse", "[jsonata][docs][array]") {
  static const DocCase cases[] = {
      {"$reverse([\"Hello\", \"World\"])", R"(["World", "Hello"])"},
      {"[1..5] ~> $reverse()", "[5, 4, 3, 2, 1]"},
      {"$reverse([])", "[]"},
      {"$reverse('a')", R"(["a"])"},
      {"$reverse(Nothing)", nullptr},
      {"($a := [1, 2]; $b := $reverse($a); [$a, $b])", "[1, 2, 2, 1]"},  // $a unchanged; [] flattens
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
}

TEST_CASE("docs: $shuffle is a permutation drawn from the environment's random source", "[jsonata][docs][array]") {
  auto out = run("$shuffle([1..20])");
  INFO(out.description);
  REQUIRE(out.ok);
  REQUIRE(out.value.has_value());
  REQUIRE(out.value->is_array());
  REQUIRE(out.value->size() == 20);
  std::vector<int> items;
  for (const auto& v : *out.value) items.push_back(v.get<int>());
  std::vector<int> sorted = items;
  std::sort(sorted.begin(), sorted.end());
  std::vector<int> expected;
  for (int i = 1; i <= 20; ++i) expected.push_back(i);
  CHECK(sorted == expected);
  CHECK(items != expected);  // 1 chance in 20! of a false failure
  auto again = run("$shuffle([1..20])");
  REQUIRE(again.ok);
  CHECK(again.value == out.value);
  CHECK_JSONATA("$shuffle([])", nullptr, "[]");
  CHECK_JSONATA("$shuffle(Nothing)", nullptr, nullptr);
  CHECK_JSONATA("$sort($shuffle(['c', 'a', 'b']))", nullptr, R"(["a", "b", "c"])");
}

TEST_CASE("docs: $distinct", "[jsonata][docs][array]") {
  static const DocCase cases[] = {
      {"$distinct([1,2,3,3,4,3,5])", "[1, 2, 3, 4, 5]"},
      {"$distinct(Account.Order.Product.Description.Colour)", R"(["Purple", "Orange", "Black"])"},
      {"$distinct(['a', 'b', 'a'])", R"(["a", "b"])"},
      {"$distinct([{'a': 1}, {'a': 1}, {'a': 2}])", R"([{"a": 1}, {"a": 2}])"},
      {"$distinct([[1], [1], [2]])", "[[1], [2]]"},
      {"$distinct([1, '1', true, 1])", R"([1, "1", true])"},
      {"$distinct([])", "[]"},
      {"$distinct(Nothing)", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, kInvoice);
}

TEST_CASE("docs: $zip", "[jsonata][docs][array]") {
  static const DocCase cases[] = {
      {"$zip([1,2,3], [4,5,6])", "[[1, 4], [2, 5], [3, 6]]"},
      {"$zip([1,2,3], [4,5], [7,8,9])", "[[1, 4, 7], [2, 5, 8]]"},
      {"$zip([1, 2])", "[[1], [2]]"},
      {"$zip(1, 2)", "[[1, 2]]"},
      {"$zip([1, 2], [])", "[]"},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
}

TEST_CASE("docs: array constructors and singleton arrays", "[jsonata][docs][array]") {
  static const DocCase cases[] = {
      {"[Address, Other.`Alternative.Address`].City", R"(["Winchester", "London"])"},
      {"[Phone.number]", R"(["0203 544 1234", "01962 001234", "01962 001235", "077 7700 1234"])"},
      {"[Address.City]", R"(["Winchester"])"},
      {"[Nothing]", "[]"},
      {"[Nothing, 1]", "[1]"},
      {"[[Phone.type]]", R"([["home", "office", "office", "mobile"]])"},
      {"$count([Email.address])", "4"},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
}
