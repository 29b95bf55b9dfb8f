// Pure formatting helpers: fn:format-number pictures, integer pictures, rounding, radix, text
// encodings and the Step Functions extras' hashing and UUIDs.
#include <catch2/catch.hpp>

#include <string>

#include "emulator/jsonata/functions/integer_format.h"
#include "emulator/jsonata/functions/number_format.h"
#include "emulator/jsonata/functions/sfn_extras.h"
#include "emulator/jsonata/functions/text_encoding.h"
#include "emulator/jsonata/functions/utf8.h"

using namespace stepsim::jsonata;

namespace {

std::string formatNumber(double value, const char* picture, const numbers::DecimalFormat& format = {}) {
  numbers::FormatError error;
  auto text = numbers::formatNumber(value, picture, format, error);
  return text ? *text : "error " + error.code;
}

std::string formatInteger(double value, const char* picture) {
  numbers::FormatError error;
  auto analysed = integers::analyseWithModifiers(picture, error);
  return analysed ? integers::format(value, *analysed) : "error " + error.code;
}

std::optional<double> parseInteger(const char* text, const char* picture) {
  numbers::FormatError error;
  auto analysed = integers::analyseWithModifiers(picture, error);
  REQUIRE(analysed);
  return integers::parse(text, *analysed);
}

}  // namespace

TEST_CASE("formatNumber: pictures from the documentation", "[jsonata][functions][format]") {
  CHECK(formatNumber(12345.6, "#,###.00") == "12,345.60");
  CHECK(formatNumber(1234.5678, "00.000e0") == "12.346e2");
  CHECK(formatNumber(34.555, "#0.00;(#0.00)") == "34.56");
  CHECK(formatNumber(-34.555, "#0.00;(#0.00)") == "(34.56)");
  CHECK(formatNumber(0.14, "01%") == "14%");
  CHECK(formatNumber(0.4857, "###.###\xE2\x80\xB0") == "485.7\xE2\x80\xB0");
  CHECK(formatNumber(0.14, "###pm", {{"per-mille", "pm"}}) == "140pm");
  CHECK(formatNumber(-6, "0") == "-6");
  CHECK(formatNumber(1234567.891, "#,##0.##") == "1,234,567.89");
  CHECK(formatNumber(0, "#") == "0");
  CHECK(formatNumber(0.5, "#.0") == ".5");
  CHECK(formatNumber(12345.6789, "#.##e00") == "0.12e05");  // the scaling factor is the integer digits: 0
  CHECK(formatNumber(99.995, "#e0") == "1.e2");
  CHECK(formatNumber(1234.5, "#.##0,00", {{"decimal-separator", ","}, {"grouping-separator", "."}}) == "1.234,50");
  CHECK(formatNumber(1234.5678, "\u2460\u2460.\u2460\u2460\u2460e\u2460", {{"zero-digit", "\u245f"}}) ==
        "\u2460\u2461.\u2462\u2463\u2465e\u2461");
  CHECK(formatNumber(1e300, "0.0e0") == "1.0e300");
  CHECK(formatNumber(0, "0.0e0") == "0.0e0");
  CHECK(formatNumber(123456789, "#,##,###") == "1234,56,789");  // irregular: only where shown
  CHECK(formatNumber(123456789, "#,###,###") == "123,456,789");
}

TEST_CASE("formatNumber: bad pictures", "[jsonata][functions][format]") {
  CHECK(formatNumber(1, "0;0;0") == "error D3080");
  CHECK(formatNumber(1, "0.0.0") == "error D3081");
  CHECK(formatNumber(1, "0%%") == "error D3082");
  CHECK(formatNumber(1, "0%\xE2\x80\xB0") == "error D3084");
  CHECK(formatNumber(1, "abc") == "error D3086");  // D3085 too: the last rule broken is reported
  CHECK(formatNumber(1, ".") == "error D3085");
  CHECK(formatNumber(1, "0a0") == "error D3086");
  CHECK(formatNumber(1, "0,.0") == "error D3087");
  CHECK(formatNumber(1, "0,") == "error D3088");
  CHECK(formatNumber(1, "0,,0") == "error D3089");
  CHECK(formatNumber(1, "0#") == "error D3090");
  CHECK(formatNumber(1, "0.#0") == "error D3091");
  CHECK(formatNumber(1, "0e0%") == "error D3092");
  CHECK(formatNumber(1, "0e#") == "error D3093");
}

TEST_CASE("round half to even with a precision", "[jsonata][functions][format]") {
  CHECK(numbers::roundHalfEven(123.456, 2) == 123.46);
  CHECK(numbers::roundHalfEven(123.456, -1) == 120);
  CHECK(numbers::roundHalfEven(11.5) == 12);
  CHECK(numbers::roundHalfEven(12.5) == 12);
  CHECK(numbers::roundHalfEven(-12.5) == -12);
  CHECK(numbers::roundHalfEven(2.675, 2) == 2.68);  // as written, not as stored
  CHECK(numbers::roundHalfEven(125, -1) == 120);
  CHECK(numbers::toRadix(100, 2) == "1100100");
  CHECK(numbers::toRadix(2555, 16) == "9fb");
  CHECK(numbers::toRadix(-255, 16) == "-ff");
  CHECK(numbers::toRadix(0, 36) == "0");
}

TEST_CASE("formatInteger and parseInteger", "[jsonata][functions][format]") {
  CHECK(formatInteger(2789, "w") == "two thousand, seven hundred and eighty-nine");
  CHECK(formatInteger(1999, "I") == "MCMXCIX");
  CHECK(formatInteger(12, "i") == "xii");
  CHECK(formatInteger(28, "A") == "AB");
  CHECK(formatInteger(3, "Ww;o") == "Third");
  CHECK(formatInteger(21, "w;o") == "twenty-first");
  CHECK(formatInteger(100, "W;o") == "ONE HUNDREDTH");
  CHECK(formatInteger(1000005, "w") == "one million and five");
  CHECK(formatInteger(1234567, "#,##0") == "1,234,567");
  CHECK(formatInteger(7, "000") == "007");
  CHECK(formatInteger(11, "0;o") == "11th");
  CHECK(formatInteger(22, "0;o") == "22nd");
  CHECK(formatInteger(-5, "0") == "-5");
  CHECK(formatInteger(1, "#") == "error D3130");
  CHECK(formatInteger(1, "0\xD9\xA1") == "error D3131");  // ASCII and Arabic-Indic digits
  CHECK(formatInteger(123, "\xD9\xA0\xD9\xA0\xD9\xA0\xD9\xA0") == "\xD9\xA0\xD9\xA1\xD9\xA2\xD9\xA3");

  CHECK(parseInteger("twelve thousand, four hundred and seventy-six", "w") == 12476);
  CHECK(parseInteger("12,345,678", "#,##0") == 12345678);
  CHECK(parseInteger("MCMXCIX", "I") == 1999);
  CHECK(parseInteger("", "I") == 0);        // no numerals: nothing to add up
  CHECK(parseInteger("IIX", "I") == 8);     // each numeral below the largest to its right subtracts
  CHECK_FALSE(parseInteger("XQ", "I").has_value());
  CHECK(parseInteger("ab", "a") == 28);
  CHECK(parseInteger("twenty-first", "w;o") == 21);
  CHECK(parseInteger("23rd", "0;o") == 23);
  CHECK_FALSE(parseInteger("12x", "0").has_value());
}

TEST_CASE("base64, URL encoding and UTF-8", "[jsonata][functions][format]") {
  CHECK(text::base64Encode("myuser:mypass") == "bXl1c2VyOm15cGFzcw==");
  CHECK(text::base64Decode("bXl1c2VyOm15cGFzcw==") == "myuser:mypass");
  CHECK(text::base64Encode("\xC3\xA9") == "6Q==");         // 'é' is the one byte E9
  CHECK(text::base64Decode("6Q==") == "\xC3\xA9");
  CHECK(text::base64Encode("a\xF0\x9F\x98\x80" "b") == "YT0AYg==");  // as Node: low bytes of UTF-16
  CHECK(text::base64Decode("/w==") == "\xC3\xBF");         // any byte decodes to valid UTF-8
  CHECK(text::encodeUri("https://mozilla.org/?x=\xD1\x88\xD0\xB5\xD0\xBB\xD0\xBB\xD1\x8B", false) ==
        "https://mozilla.org/?x=%D1%88%D0%B5%D0%BB%D0%BB%D1%8B");
  CHECK(text::encodeUri("?x=test", true) == "%3Fx%3Dtest");
  CHECK(text::decodeUri("%3Fx%3Dtest", true) == "?x=test");
  CHECK(text::decodeUri("%3Fx%3Dtest", false) == "%3Fx%3Dtest");  // reserved escapes stay
  CHECK_FALSE(text::decodeUri("%E0%A4%A", true).has_value());
  CHECK_FALSE(text::decodeUri("%FF", true).has_value());
  CHECK_FALSE(text::decodeUri("%C0%80", true).has_value());        // overlong
  CHECK_FALSE(text::decodeUri("%ED%A0%80", true).has_value());     // a surrogate
  CHECK(text::decodeUri("%F0%9F%98%80", true) == "\xF0\x9F\x98\x80");
  CHECK(utf8::length("a\xF0\x9F\x98\x80" "b") == 3);
  CHECK(utf8::offsetOf("a\xF0\x9F\x98\x80" "b", 2) == 5);
}

TEST_CASE("Step Functions extras: hashes, UUIDs, seeded random", "[jsonata][functions][format]") {
  CHECK(sfn::hashHex("", "MD5") == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(sfn::hashHex("abc", "SHA-1") == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(sfn::hashHex("abc", "SHA-256") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sfn::hashHex("abc", "SHA-384")->size() == 96);
  CHECK(sfn::hashHex("abc", "SHA-512")->substr(0, 16) == "ddaf35a193617aba");
  CHECK_FALSE(sfn::hashHex("abc", "sha256").has_value());

  double next = 0.0;
  auto counter = [&next]() { return next += 0.123456789, next - static_cast<int>(next); };
  std::string uuid = sfn::uuidV4(counter);
  REQUIRE(uuid.size() == 36);
  CHECK(uuid[8] == '-');
  CHECK(uuid[14] == '4');
  CHECK(std::string("89ab").find(uuid[19]) != std::string::npos);
  CHECK(sfn::seededRandom(42) == sfn::seededRandom(42.0));
  CHECK(sfn::seededRandom(42) != sfn::seededRandom(43));
  CHECK(sfn::seededRandom(7) >= 0);
  CHECK(sfn::seededRandom(7) < 1);
}
