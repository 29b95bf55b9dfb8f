// Acceptance tests from docs.jsonata.org "Aggregation functions" ($sum $max $min $average $count).
#include "jsonata_test_support.h"

using namespace jsonata_test;

TEST_CASE("docs: $sum", "[jsonata][docs][aggregation]") {
  static const DocCase cases[] = {
      {"$sum([5,1,3,7,4])", "20"},
      {"$sum(Account.Order.Product.(Price * Quantity))", "336.36"},
      {"$sum(Account.Order.Product.Quantity)", "8"},
      {"$sum([])", "0"},
      {"$sum(5)", "5"},
      {"$sum([0.1, 0.2])", "0.30000000000000004"},
      {"$sum(Nothing)", nullptr},
      {"Account.Order.$sum(Product.Quantity)", "[3, 5]"},
  };
  CHECK_JSONATA_TABLE(cases, kInvoice);
  CHECK_JSONATA_ERROR("$sum(['a'])", nullptr, "T0412");
  CHECK_JSONATA_ERROR("$sum('a')", nullptr, "T0412");
  CHECK_JSONATA_ERROR("$sum([1, [2]])", nullptr, "T0412");
}

TEST_CASE("docs: $max $min", "[jsonata][docs][aggregation]") {
  static const DocCase cases[] = {
      {"$max([5,1,3,7,4])", "7"},
      {"$min([5,1,3,7,4])", "1"},
      {"$max(Account.Order.Product.Price)", "107.99"},
      {"$min(Account.Order.Product.Price)", "21.67"},
      {"$max([-1, -5])", "-1"},
      {"$min(3)", "3"},
      {"$max([])", nullptr},
      {"$min([])", nullptr},
      {"$max(Nothing)", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, kInvoice);
  CHECK_JSONATA_ERROR("$max(['a', 'b'])", nullptr, "T0412");
  CHECK_JSONATA_ERROR("$min([1, 'b'])", nullptr, "T0412");
}

TEST_CASE("docs: $average", "[jsonata][docs][aggregation]") {
  static const DocCase cases[] = {
      {"$average([5,1,3,7,4])", "4"},
      {"$average(Account.Order.Product.Quantity)", "2"},
      {"$average([1, 2])", "1.5"},
      {"$average(7)", "7"},
      {"$average([])", nullptr},
      {"$average(Nothing)", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, kInvoice);
  CHECK_JSONATA_ERROR("$average(['x'])", nullptr, "T0412");
}

TEST_CASE("docs: $count", "[jsonata][docs][aggregation]") {
  static const DocCase cases[] = {
      {"$count([1,2,3,1])", "4"},
      {"$count([])", "0"},
      {"$count('hello')", "1"},
      {"$count(Nothing)", "0"},
      {"$count(Account.Order.Product)", "4"},
      {"$count(Account.Order)", "2"},
      {"$count([[1, 2], [3]])", "2"},
      {"$count({})", "1"},
  };
  CHECK_JSONATA_TABLE(cases, kInvoice);
}
