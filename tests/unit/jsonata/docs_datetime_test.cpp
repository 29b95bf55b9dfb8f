// Acceptance tests from docs.jsonata.org "Date/Time functions" and "Date/Time processing"
// ($now $millis $fromMillis $toMillis and the XPath picture strings). The environment fixes
// now at 1700000000000 = 2023-11-14T22:13:20.000Z.
#include "jsonata_test_support.h"

using namespace jsonata_test;

TEST_CASE("docs: $now and $millis read the environment's clock", "[jsonata][docs][datetime]") {
  static const DocCase cases[] = {
      {"$now()", R"("2023-11-14T22:13:20.000Z")"},
      {"$millis()", "1700000000000"},
      {"$now('[Y0001]-[M01]-[D01]')", R"("2023-11-14")"},
      {"$now('[H01]:[m01]', '+0100')", R"("23:13")"},
      {"$now('[FNn] [D1o] [MNn]')", R"("Tuesday 14th November")"},
      {"$now() = $now()", "true"},
      {"$count([$millis(), $millis()] ~> $distinct())", "1"},
      {"$toMillis($now())", "1700000000000"},
      {"$fromMillis($millis())", R"("2023-11-14T22:13:20.000Z")"},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
}

TEST_CASE("docs: $fromMillis default ISO 8601 format", "[jsonata][docs][datetime]") {
  static const DocCase cases[] = {
      {"$fromMillis(1510067557121)", R"("2017-11-07T15:12:37.121Z")"},
      {"$fromMillis(1521801216617)", R"("2018-03-23T10:33:36.617Z")"},
      {"$fromMillis(0)", R"("1970-01-01T00:00:00.000Z")"},
      {"$fromMillis(Nothing)", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
}

TEST_CASE("docs: $fromMillis with picture strings", "[jsonata][docs][datetime]") {
  // 1521801216617 = Friday 2018-03-23T10:33:36.617Z, the 82nd day of the year, ISO week 12
  static const DocCase cases[] = {
      {"$fromMillis(1510067557121, '[M01]/[D01]/[Y0001] [h#1]:[m01][P]')", R"("11/07/2017 3:12pm")"},
      {"$fromMillis(1510067557121, '[H01]:[m01]:[s01] [z]', '-0500')", R"("10:12:37 GMT-05:00")"},
      {"$fromMillis(1521801216617, '[Y0001]-[M01]-[D01]')", R"("2018-03-23")"},
      {"$fromMillis(1521801216617, '[M01]/[D01]/[Y0001]')", R"("03/23/2018")"},
      {"$fromMillis(1521801216617, '[D01]/[M01]/[Y0001]')", R"("23/03/2018")"},
      {"$fromMillis(1521801216617, '[Y0001]-[d001]')", R"("2018-082")"},
      {"$fromMillis(1521801216617, '[FNn], [D1o] [MNn] [Y]')", R"("Friday, 23rd March 2018")"},
      {"$fromMillis(1521801216617, '[[[Y0001]-[M01]-[D01]]]')", R"("[2018-03-23]")"},
      {"$fromMillis(1521801216617, '[H01]:[m01]:[s01].[f001]')", R"("10:33:36.617")"},
      {"$fromMillis(1521801216617, '[h]:[m01] [P]')", R"("10:33 am")"},
      {"$fromMillis(1521801216617, '[h]:[m01] [PN]')", R"("10:33 AM")"},
      {"$fromMillis(1521801216617, '[MNn,*-3] [FNn,*-3]')", R"("Mar Fri")"},
      {"$fromMillis(1521801216617, '[MN]')", R"("MARCH")"},
      {"$fromMillis(1521801216617, '[Dw]')", R"("twenty-three")"},
      {"$fromMillis(1521801216617, '[Dwo]')", R"("twenty-third")"},
      {"$fromMillis(1521801216617, '[YI]')", R"("MMXVIII")"},
      {"$fromMillis(1521801216617, '[Y,2]')", R"("18")"},
      {"$fromMillis(1521801216617, '[D] [M] [H] [m] [s]')", R"("23 3 10 33 36")"},
      {"$fromMillis(1521801216617, '[F1]')", R"("5")"},
      {"$fromMillis(1521801216617, '[W]')", R"("12")"},
      {"$fromMillis(1521801216617, '[Z]')", R"("+00:00")"},
      {"$fromMillis(1521801216617, '[z]')", R"("GMT+00:00")"},
      {"$fromMillis(1521801216617, '[H01]:[m01] [Z]', '+0530')", R"("16:03 +05:30")"},
      {"$fromMillis(1521801216617, '[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01][Z]', '-0800')",
       R"("2018-03-23T02:33:36-08:00")"},
      {"$fromMillis(1521801216617, '[D01] [H01]', '+1400')", R"("24 00")"},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
}

TEST_CASE("docs: $toMillis", "[jsonata][docs][datetime]") {
  static const DocCase cases[] = {
      {"$toMillis(\"2017-11-07T15:07:54.972Z\")", "1510067274972"},
      {"$toMillis('2018-03-23T10:33:36.617+01:00')", "1521797616617"},
      {"$toMillis('2018-03-23')", "1521763200000"},
      {"$toMillis('13/09/2018', '[D]/[M]/[Y]')", "1536796800000"},
      {"$toMillis('23/03/2018 10:33', '[D01]/[M01]/[Y0001] [H01]:[m01]')", "1521801180000"},
      {"$toMillis('Friday, 23rd March 2018', '[FNn], [D1o] [MNn] [Y]')", "1521763200000"},
      {"$toMillis('2018-082', '[Y0001]-[d001]')", "1521763200000"},
      {"$toMillis($fromMillis(1521801216617))", "1521801216617"},
      {"$toMillis($fromMillis(1521801216617, '[Y0001]-[M01]-[D01]'), '[Y0001]-[M01]-[D01]')", "1521763200000"},
      {"$toMillis(Nothing)", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
  CHECK_JSONATA_ERROR("$toMillis('foo')", nullptr, "D3110");
  CHECK_JSONATA_ERROR("$toMillis(1521801216617)", nullptr, "T0410");
}
