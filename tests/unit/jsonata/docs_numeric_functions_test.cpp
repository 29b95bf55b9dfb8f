// Acceptance tests from docs.jsonata.org "Numeric functions".
#include "jsonata_test_support.h"

using namespace jsonata_test;

TEST_CASE("docs: $number", "[jsonata][docs][numeric]") {
  static const DocCase cases[] = {
      {"$number(\"5\")", "5"},
      {"[\"1\", \"2\", \"3\", \"4\", \"5\"].$number()", "[1, 2, 3, 4, 5]"},
      {"$number('-0.5')", "-0.5"},
      {"$number('1e2')", "100"},
      {"$number('0x12')", "18"},
      {"$number('0b101')", "5"},
      {"$number('0o17')", "15"},
      {"$number(true)", "1"},
      {"$number(false)", "0"},
      {"$number(42)", "42"},
      {"$number(Nothing)", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
  CHECK_JSONATA_ERROR("$number('abc')", nullptr, "D3030");
  CHECK_JSONATA_ERROR("$number(' 5')", nullptr, "D3030");
  CHECK_JSONATA_ERROR("$number('.5')", nullptr, "D3030");
  CHECK_JSONATA_ERROR("$number(null)", nullptr, "T0410");
  CHECK_JSONATA_ERROR("$number([1])", nullptr, "T0410");
}

TEST_CASE("docs: $abs $floor $ceil", "[jsonata][docs][numeric]") {
  static const DocCase cases[] = {
      {"$abs(5)", "5"},
      {"$abs(-5)", "5"},
      {"$abs(-0.25)", "0.25"},
      {"$floor(5)", "5"},
      {"$floor(5.3)", "5"},
      {"$floor(5.8)", "5"},
      {"$floor(-5.3)", "-6"},
      {"$ceil(5)", "5"},
      {"$ceil(5.3)", "6"},
      {"$ceil(5.8)", "6"},
      {"$ceil(-5.3)", "-5"},
      {"$abs(Nothing)", nullptr},
      {"$floor(Nothing)", nullptr},
      {"Account.Order.Product.Price.$floor()", "[34, 21, 34, 107]"},
  };
  CHECK_JSONATA_TABLE(cases, kInvoice);
  CHECK_JSONATA_ERROR("$abs('5')", nullptr, "T0410");
}

TEST_CASE("docs: $round (half to even)", "[jsonata][docs][numeric]") {
  static const DocCase cases[] = {
      {"$round(123.456)", "123"},
      {"$round(123.456, 2)", "123.46"},
      {"$round(123.456, -1)", "120"},
      {"$round(123.456, -2)", "100"},
      {"$round(11.5)", "12"},
      {"$round(12.5)", "12"},
      {"$round(125, -1)", "120"},
      {"$round(135, -1)", "140"},
      {"$round(-11.5)", "-12"},
      {"$round(2.675, 2)", "2.68"},
      {"$round(1.005, 2)", "1"},
      {"$round(0.125, 2)", "0.12"},
      {"$round(Nothing)", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
}

TEST_CASE("docs: $power $sqrt", "[jsonata][docs][numeric]") {
  static const DocCase cases[] = {
      {"$power(2, 8)", "256"},
      {"$power(2, 0.5)", "1.4142135623730951"},
      {"$power(2, -2)", "0.25"},
      {"$power(10, 0)", "1"},
      {"$sqrt(4)", "2"},
      {"$sqrt(2)", "1.4142135623730951"},
      {"$sqrt(0)", "0"},
      {"$power(Nothing, 2)", nullptr},
      {"$sqrt(Nothing)", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
  CHECK_JSONATA_ERROR("$sqrt(-1)", nullptr, "D3060");
  CHECK_JSONATA_ERROR("$power(-1, 0.5)", nullptr, "D3061");
  CHECK_JSONATA_ERROR("$power(10, 1000)", nullptr, "D3061");
}

TEST_CASE("docs: $random is in [0, 1) and comes from the environment", "[jsonata][docs][numeric]") {
  auto out = run("[1..50].$random()");
  INFO(out.description);
  REQUIRE(out.ok);
  REQUIRE(out.value.has_value());
  REQUIRE(out.value->is_array());
  CHECK(out.value->size() == 50);
  bool allInRange = true, allSame = true;
  for (const auto& v : *out.value) {
    allInRange = allInRange && v.is_number() && v.get<double>() >= 0.0 && v.get<double>() < 1.0;
    allSame = allSame && v == (*out.value)[0];
  }
  CHECK(allInRange);
  CHECK_FALSE(allSame);
  // the same environment (a fresh copy of the same deterministic source) gives the same values
  auto again = run("[1..50].$random()");
  REQUIRE(again.ok);
  CHECK(again.value == out.value);
  // a different source gives different values
  auto other = run("[1..50].$random()", nullptr, {}, fixedEnvironment(12345));
  REQUIRE(other.ok);
  CHECK(other.value != out.value);
}

TEST_CASE("docs: $formatNumber", "[jsonata][docs][numeric]") {
  static const DocCase cases[] = {
      {"$formatNumber(12345.6, '#,###.00')", R"("12,345.60")"},
      {"$formatNumber(1234.5678, '00.000e0')", R"("12.346e2")"},
      {"$formatNumber(34.555, '#0.00;(#0.00)')", R"("34.56")"},
      {"$formatNumber(-34.555, '#0.00;(#0.00)')", "\"(34.56)\""},
      {"$formatNumber(0.14, '01%')", R"("14%")"},
      {"$formatNumber(0.14, '###pm', {'per-mille': 'pm'})", R"("140pm")"},
      {"$formatNumber(1234.5678, '①①.①①①e①', {'zero-digit': '\\u245f'})", R"("①②.③④⑥e②")"},
      {"$formatNumber(1234.5, '#,##0.0')", R"("1,234.5")"},
      {"$formatNumber(1000000, '#,##0')", R"("1,000,000")"},
      {"$formatNumber(3.14159, '0.00')", R"("3.14")"},
      {"$formatNumber(-5, '0')", R"("-5")"},
      {"$formatNumber(0.5, '0%')", R"("50%")"},
      {"$formatNumber(7, '000')", R"("007")"},
      {"$formatNumber(1234.5, '#.###,0', {'decimal-separator': ',', 'grouping-separator': '.'})", R"("1.234,5")"},
      {"$formatNumber(Nothing, '0')", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
}

TEST_CASE("docs: $formatBase", "[jsonata][docs][numeric]") {
  static const DocCase cases[] = {
      {"$formatBase(100, 2)", R"("1100100")"},
      {"$formatBase(2555, 16)", R"("9fb")"},
      {"$formatBase(10)", R"("10")"},
      {"$formatBase(-10, 2)", R"("-1010")"},
      {"$formatBase(35, 36)", R"("z")"},
      {"$formatBase(Nothing, 2)", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
  CHECK_JSONATA_ERROR("$formatBase(10, 1)", nullptr, "D3100");
  CHECK_JSONATA_ERROR("$formatBase(10, 37)", nullptr, "D3100");
}

TEST_CASE("docs: $formatInteger", "[jsonata][docs][numeric]") {
  static const DocCase cases[] = {
      {"$formatInteger(2789, 'w')", R"("two thousand, seven hundred and eighty-nine")"},
      {"$formatInteger(1999, 'I')", R"("MCMXCIX")"},
      {"$formatInteger(1999, 'i')", R"("mcmxcix")"},
      {"$formatInteger(12, '000')", R"("012")"},
      {"$formatInteger(1234567, '#,##0')", R"("1,234,567")"},
      {"$formatInteger(3, 'a')", R"("c")"},
      {"$formatInteger(28, 'A')", R"("AB")"},
      {"$formatInteger(4, 'W')", R"("FOUR")"},
      {"$formatInteger(21, 'Ww')", R"("Twenty-One")"},
      {"$formatInteger(0, 'w')", R"("zero")"},
      {"$formatInteger(1000000, 'w')", R"("one million")"},
      {"$formatInteger(1, 'w;o')", R"("first")"},
      {"$formatInteger(22, '1;o')", R"("22nd")"},
      {"$formatInteger(13, '1;o')", R"("13th")"},
      {"$formatInteger(101, 'w;o')", R"("one hundred and first")"},
      {"$formatInteger(Nothing, 'w')", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
}

TEST_CASE("docs: $parseInteger", "[jsonata][docs][numeric]") {
  static const DocCase cases[] = {
      {"$parseInteger(\"twelve thousand, four hundred and seventy-six\", 'w')", "12476"},
      {"$parseInteger('12,345,678', '#,##0')", "12345678"},
      {"$parseInteger('MCMXCIX', 'I')", "1999"},
      {"$parseInteger('AB', 'A')", "28"},
      {"$parseInteger('012', '000')", "12"},
      {"$parseInteger(Nothing, 'w')", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
}
