// Acceptance tests from docs.jsonata.org "Boolean functions" ($boolean $not $exists) and the
// casting rules of the Boolean operators.
#include "jsonata_test_support.h"

using namespace jsonata_test;

TEST_CASE("docs: $boolean casting table", "[jsonata][docs][boolean]") {
  static const DocCase cases[] = {
      {"$boolean(true)", "true"},
      {"$boolean(false)", "false"},
      {"$boolean('')", "false"},
      {"$boolean('0')", "true"},
      {"$boolean('false')", "true"},
      {"$boolean(0)", "false"},
      {"$boolean(0.0)", "false"},
      {"$boolean(-1)", "true"},
      {"$boolean(0.5)", "true"},
      {"$boolean(null)", "false"},
      {"$boolean([])", "false"},
      {"$boolean([0])", "false"},
      {"$boolean([0, ''])", "false"},
      {"$boolean([0, 1])", "true"},
      {"$boolean([[]])", "false"},
      {"$boolean([[0], [false, 'x']])", "true"},
      {"$boolean({})", "false"},
      {"$boolean({'a': false})", "true"},
      {"$boolean($sum)", "false"},
      {"$boolean(function($x) { $x })", "false"},
      {"$boolean(Nothing)", nullptr},
      {"$boolean(Surname)", "true"},
      {"$boolean(Other.Misc)", "false"},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
}

TEST_CASE("docs: $not", "[jsonata][docs][boolean]") {
  static const DocCase cases[] = {
      {"$not(true)", "false"},
      {"$not(false)", "true"},
      {"$not('')", "true"},
      {"$not('a')", "false"},
      {"$not(0)", "true"},
      {"$not([])", "true"},
      {"$not({'a': 1})", "false"},
      {"$not(Nothing)", nullptr},
      {"Phone[$not(type = 'office')].type", R"(["home", "mobile"])"},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
}

TEST_CASE("docs: $exists", "[jsonata][docs][boolean]") {
  static const DocCase cases[] = {
      {"$exists(Surname)", "true"},
      {"$exists(Nothing)", "false"},
      {"$exists(Other.Misc)", "true"},
      {"$exists(false)", "true"},
      {"$exists(0)", "true"},
      {"$exists([])", "true"},
      {"$exists(Phone[type = 'fax'])", "false"},
      {"$exists($sum)", "true"},
      {"Phone[$exists(number)].type ~> $count()", "4"},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
  CHECK_JSONATA_ERROR("$exists()", nullptr, "T0410");
}
