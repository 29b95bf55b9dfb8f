// Acceptance tests from docs.jsonata.org "String functions" and "Regular expressions".
#include "jsonata_test_support.h"

using namespace jsonata_test;

TEST_CASE("docs: $string", "[jsonata][docs][string]") {
  static const DocCase cases[] = {
      {"$string(5)", R"("5")"},
      {"[1..5].$string()", R"(["1", "2", "3", "4", "5"])"},
      {"$string('hello')", R"("hello")"},
      {"$string(true)", R"("true")"},
      {"$string(null)", R"("null")"},
      {"$string(1/3)", R"("0.333333333333333")"},  // 15 significant digits
      {"$string(1e100)", R"("1e+100")"},
      {"$string(-0.5)", R"("-0.5")"},
      {"$string([1, 'a', {'x': 0.1 + 0.2}])", R"("[1,\"a\",{\"x\":0.3}]")"},
      {"$string({'a': 1, 'b': [1, 2]}, true)", R"("{\n  \"a\": 1,\n  \"b\": [\n    1,\n    2\n  ]\n}")"},
      {"$string(Nothing)", nullptr},
      {"$string($sum)", R"("")"},
      {"Age.$string()", R"("28")"},
      {"$string(\"tab\\tquote\\\"\")", R"("tab\tquote\"")"},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
  CHECK_JSONATA_ERROR("$string(1/0)", nullptr, "D3001");
}

TEST_CASE("docs: $length", "[jsonata][docs][string]") {
  static const DocCase cases[] = {
      {"$length(\"Hello World\")", "11"},
      {"$length('')", "0"},
      {"$length('héllo')", "5"},          // characters, not bytes
      {"$length('\\ud83d\\ude00')", "1"},  // one code point (a surrogate pair in JavaScript)
      {"$length(Nothing)", nullptr},
      {"Surname.$length()", "5"},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
  CHECK_JSONATA_ERROR_AT("$length(1)", nullptr, "T0410", 8);
  CHECK_JSONATA_ERROR("$length(['a'])", nullptr, "T0410");
}

TEST_CASE("docs: $substring", "[jsonata][docs][string]") {
  static const DocCase cases[] = {
      {"$substring(\"Hello World\", 3)", R"("lo World")"},
      {"$substring(\"Hello World\", 3, 5)", R"("lo Wo")"},
      {"$substring(\"Hello World\", -4)", R"("orld")"},
      {"$substring(\"Hello World\", -4, 2)", R"("or")"},
      {"$substring('Hello', 10)", R"("")"},
      {"$substring('Hello', 1, 0)", R"("")"},
      {"$substring('Hello', 0, 100)", R"("Hello")"},
      {"$substring('Hello', -100, 2)", R"("He")"},
      {"$substring('héllo wörld', 1, 4)", R"("éllo")"},
      {"$substring(Nothing, 1)", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
  CHECK_JSONATA_ERROR("$substring('Hello', 'x')", nullptr, "T0410");
}

TEST_CASE("docs: $substringBefore / $substringAfter", "[jsonata][docs][string]") {
  static const DocCase cases[] = {
      {"$substringBefore(\"Hello World\", \" \")", R"("Hello")"},
      {"$substringAfter(\"Hello World\", \" \")", R"("World")"},
      {"$substringBefore('Hello World', 'x')", R"("Hello World")"},
      {"$substringAfter('Hello World', 'x')", R"("Hello World")"},
      {"$substringBefore('a.b.c', '.')", R"("a")"},
      {"$substringAfter('a.b.c', '.')", R"("b.c")"},
      {"$substringBefore('abc', '')", R"("")"},
      {"$substringAfter(Nothing, 'a')", nullptr},
      {"Email[0].address[0].$substringAfter('@')", R"("my-work.com")"},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
}

TEST_CASE("docs: $uppercase / $lowercase / $trim", "[jsonata][docs][string]") {
  static const DocCase cases[] = {
      {"$uppercase(\"Hello World\")", R"("HELLO WORLD")"},
      {"$lowercase(\"Hello World\")", R"("hello world")"},
      {"$uppercase('café')", R"("CAFÉ")"},
      {"$lowercase('ÉCOLE')", R"("école")"},
      {"$uppercase(Nothing)", nullptr},
      {"$trim(\" Hello \\n World \")", R"("Hello World")"},
      {"$trim('   a\\t\\t b  ')", R"("a b")"},
      {"$trim('')", R"("")"},
      {"$trim(Nothing)", nullptr},
      {"Phone.type.$uppercase()", R"(["HOME", "OFFICE", "OFFICE", "MOBILE"])"},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
  CHECK_JSONATA_ERROR("$uppercase(1)", nullptr, "T0410");
}

TEST_CASE("docs: $pad", "[jsonata][docs][string]") {
  static const DocCase cases[] = {
      {"$pad(\"foo\", 5)", R"("foo  ")"},
      {"$pad(\"foo\", -5)", R"("  foo")"},
      {"$pad(\"foo\", -5, \"#\")", R"("##foo")"},
      {"$formatBase(35, 2) ~> $pad(-8, '0')", R"("00100011")"},
      {"$pad('foo', 2)", R"("foo")"},
      {"$pad('foo', 6, 'xy')", R"("fooxyx")"},
      {"$pad('foo', -6, 'xy')", R"("xyxfoo")"},
      {"$pad('', 3, '-')", R"("---")"},
      {"$pad(Nothing, 3)", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
}

TEST_CASE("docs: $contains", "[jsonata][docs][string]") {
  static const DocCase cases[] = {
      {"$contains(\"abracadabra\", \"bra\")", "true"},
      {"$contains(\"abracadabra\", /a.*a/)", "true"},
      {"$contains(\"abracadabra\", /ar.*a/)", "false"},
      {"$contains(\"Hello World\", /wo/)", "false"},
      {"$contains(\"Hello World\", /wo/i)", "true"},
      {"Phone[$contains(number, /^077/)]", R"({ "type": "mobile", "number": "077 7700 1234" })"},
      {"$contains('abc', '')", "true"},
      {"$contains(Nothing, 'a')", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
}

TEST_CASE("docs: $split", "[jsonata][docs][string]") {
  static const DocCase cases[] = {
      {"$split(\"so many words\", \" \")", R"(["so", "many", "words"])"},
      {"$split(\"so many words\", \" \", 2)", R"(["so", "many"])"},
      {"$split(\"too much, punctuation. hard; to read\", /[ ,.;]+/)",
       R"(["too", "much", "punctuation", "hard", "to", "read"])"},
      {"$split('abc', '')", R"(["a", "b", "c"])"},
      {"$split('a,b', ',', 0)", "[]"},
      {"$split('a', ',')", R"(["a"])"},
      {"$split(',a,', ',')", R"(["", "a", ""])"},
      {"$split('a1b22c', /[0-9]+/)", R"(["a", "b", "c"])"},
      {"$split(Nothing, ',')", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
  CHECK_JSONATA_ERROR("$split('a', ',', -1)", nullptr, "D3020");
}

TEST_CASE("docs: $join", "[jsonata][docs][string]") {
  static const DocCase cases[] = {
      {"$join(['a', 'b', 'c'])", R"("abc")"},
      {"$split(\"too much, punctuation. hard; to read\", /[ ,.;]+/, 3) ~> $join(', ')",
       R"("too, much, punctuation")"},
      {"$join([], ',')", R"("")"},
      {"$join('a')", R"("a")"},
      {"$join(Phone.type, '|')", R"("home|office|office|mobile")"},
      {"$join(Nothing)", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
  CHECK_JSONATA_ERROR("$join([1, 2])", nullptr, "T0412");
}

TEST_CASE("docs: $match", "[jsonata][docs][string][regex]") {
  CHECK_JSONATA("$match(\"ababbabbcc\", /a(b+)/)", nullptr,
                R"([{"match": "ab", "index": 0, "groups": ["b"]},
                    {"match": "abb", "index": 2, "groups": ["bb"]},
                    {"match": "abb", "index": 5, "groups": ["bb"]}])");
  CHECK_JSONATA("$match(\"ababbabbcc\", /a(b+)/, 1)", nullptr, R"({"match": "ab", "index": 0, "groups": ["b"]})");
  CHECK_JSONATA("$match('abc', /x/)", nullptr, nullptr);
  CHECK_JSONATA("$match('2023-11-14', /(\\d+)-(\\d+)-(\\d+)/).groups", nullptr, R"(["2023", "11", "14"])");
  CHECK_JSONATA("$match('aBc', /b/i).index", nullptr, "1");
  CHECK_JSONATA("$match(Nothing, /a/)", nullptr, nullptr);
  CHECK_JSONATA("$count($match('a1b2c3', /[0-9]/))", nullptr, "3");
}

TEST_CASE("docs: $replace", "[jsonata][docs][string][regex]") {
  static const DocCase cases[] = {
      {"$replace(\"John Smith and John Jones\", \"John\", \"Mr\")", R"("Mr Smith and Mr Jones")"},
      {"$replace(\"John Smith and John Jones\", \"John\", \"Mr\", 1)", R"("Mr Smith and John Jones")"},
      {"$replace(\"abracadabra\", /a.*?a/, \"*\")", R"("*c*bra")"},
      {"$replace(\"John Smith\", /(\\w+)\\s(\\w+)/, \"$2, $1\")", R"("Smith, John")"},
      {"$replace(\"265USD\", /([0-9]+)USD/, \"$$$1\")", R"("$265")"},
      {"$replace(\"temperature = 68F today\", /(\\d+)F/, function($m) { ($number($m.groups[0]) - 32) * 5/9 & \"C\" })",
       R"("temperature = 20C today")"},
      {"$replace('aaa', 'a', 'b', 0)", R"("aaa")"},
      {"$replace('abc', /x/, 'y')", R"("abc")"},
      {"$replace('Hello World', /o/, '0')", R"("Hell0 W0rld")"},
      {"$replace(Nothing, 'a', 'b')", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
  CHECK_JSONATA_ERROR("$replace('abc', '', 'x')", nullptr, "D3010");
  CHECK_JSONATA_ERROR("$replace('abc', 'b', 'x', -1)", nullptr, "D3011");
}

TEST_CASE("docs: regular expressions in predicates and as functions", "[jsonata][docs][string][regex]") {
  static const DocCase cases[] = {
      {"Phone[$contains(number, /^0\\d{3} /)].type", R"("home")"},
      {"Email.address[$contains($, /@my-work\\.com$/)]", R"(["fred.smith@my-work.com", "fsmith@my-work.com"])"},
      {"$split(Phone[0].number, / /)", R"(["0203", "544", "1234"])"},
      {"Phone[number ~> /^077/].type", R"("mobile")"},
      {"($re := /[aeiou]/; $replace('banana', $re, '_'))", R"("b_n_n_")"},
      {"$contains('line1\\nline2', /^line2$/m)", "true"},
      {"$contains('line1\\nline2', /^line2$/)", "false"},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
}

TEST_CASE("docs: $eval", "[jsonata][docs][string]") {
  static const DocCase cases[] = {
      {"$eval(\"[1,2,3]\")", "[1, 2, 3]"},
      {"$eval('[1,$string(2),3]')", R"([1, "2", 3])"},
      {"$eval('City', Address)", R"("Winchester")"},
      {"$eval('Age + 2')", "30"},
      {"$eval(Nothing)", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, kAddress);
  CHECK_JSONATA_ERROR("$eval('1 +')", nullptr, "D3120");
  CHECK_JSONATA_ERROR("$eval('$x()')", nullptr, "D3121");
}

TEST_CASE("docs: $base64encode / $base64decode", "[jsonata][docs][string]") {
  static const DocCase cases[] = {
      {"$base64encode(\"myuser:mypass\")", R"("bXl1c2VyOm15cGFzcw==")"},
      {"$base64decode(\"bXl1c2VyOm15cGFzcw==\")", R"("myuser:mypass")"},
      {"$base64encode('')", R"("")"},
      // the docs: each character is one byte (0x00-0xFF), so 'é' (U+00E9) is the byte E9
      {"$base64encode('é')", R"("6Q==")"},
      {"$base64decode('6Q==')", R"("é")"},
      {"$base64encode(Nothing)", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
}

TEST_CASE("docs: URL encoding functions", "[jsonata][docs][string]") {
  static const DocCase cases[] = {
      {"$encodeUrlComponent(\"?x=test\")", R"("%3Fx%3Dtest")"},
      {"$encodeUrl(\"https://mozilla.org/?x=шеллы\")", R"("https://mozilla.org/?x=%D1%88%D0%B5%D0%BB%D0%BB%D1%8B")"},
      {"$decodeUrlComponent(\"%3Fx%3Dtest\")", R"("?x=test")"},
      {"$decodeUrl(\"https://mozilla.org/?x=%D1%88%D0%B5%D0%BB%D0%BB%D1%8B\")", R"("https://mozilla.org/?x=шеллы")"},
      {"$encodeUrlComponent('a b&c/d')", R"("a%20b%26c%2Fd")"},
      {"$encodeUrl('a b&c/d')", R"("a%20b&c/d")"},
      {"$encodeUrlComponent(\"-_.!~*'()\")", R"j("-_.!~*'()")j"},
      {"$decodeUrl('%3Fx%3Dtest')", R"("%3Fx%3Dtest")"},  // reserved characters stay encoded
      {"$encodeUrl(Nothing)", nullptr},
  };
  CHECK_JSONATA_TABLE(cases, nullptr);
  CHECK_JSONATA_ERROR("$decodeUrlComponent('%E0%A4%A')", nullptr, "D3140");
  CHECK_JSONATA_ERROR("$decodeUrl('%E0%A4%A')", nullptr, "D3140");
}

TEST_CASE("docs: regular expressions on the invoice", "[jsonata][docs][string][regex]") {
  static const DocCase cases[] = {
      {"Account.Order.Product[$contains(`Product Name`, /hat/i)].ProductID", "[858383, 858236, 858383]"},
      {"Account.Order.Product[$contains(`Product Name`, /hat/)].ProductID", "858236"},
      {"Account.Order.Product.`Product Name`[$ ~> /^B/]", R"(["Bowler Hat", "Bowler Hat"])"},
      {"$replace(Account.`Account Name`, /(fire)(fly)/i, '$2-$1')", R"("fly-Fire")"},
      {"$match(Account.Order[0].OrderID, /order(\\d+)/).groups[0]", R"("103")"},
      {"Account.Order.Product.SKU.$match($, /^0406(\\d{2})/).groups[0]", R"(["65", "63", "57", "65"])"},
      {"$split(Account.Order[1].Product[0].SKU, /6/)", R"(["040", "578", "3"])"},
  };
  CHECK_JSONATA_TABLE(cases, kInvoice);
}
