// The PCRE2-backed JSONata regex: JavaScript-like syntax, flags, limits and errors.
#include <catch2/catch.hpp>

#include <string>

#include "emulator/jsonata/regex.h"

using stepsim::jsonata::Error;
using stepsim::jsonata::Limits;
using stepsim::jsonata::Regex;

namespace {

std::string firstMatch(const char* pattern, const char* flags, const std::string& subject) {
  auto regex = Regex::compile(pattern, flags, 0);
  auto match = regex->search(subject, 0, Limits{}, 0);
  return match ? subject.substr(match->start, match->end - match->start) : "<none>";
}

std::string errorCode(const char* pattern) {
  try {
    Regex::compile(pattern, "", 7);
  } catch (const Error& e) {
    CHECK(e.position() == 7);
    return e.code();
  }
  return "none";
}

}  // namespace

TEST_CASE("regex: matches, groups and offsets", "[jsonata][functions][regex]") {
  auto regex = Regex::compile("(a)(x)?(b+)", "", 0);
  auto match = regex->search("zzabbbz", 0, Limits{}, 0);
  REQUIRE(match);
  CHECK(match->start == 2);
  CHECK(match->end == 6);
  REQUIRE(match->groups.size() == 3);
  CHECK(match->groups[0]->start == 2);
  CHECK_FALSE(match->groups[1].has_value());
  CHECK(match->groups[2]->end == 6);
  CHECK_FALSE(regex->search("zzabbbz", 6, Limits{}, 0));
  CHECK(regex->pattern() == "(a)(x)?(b+)");
}

TEST_CASE("regex: JavaScript syntax and flags", "[jsonata][functions][regex]") {
  CHECK(firstMatch("\\u00e9+", "", "caf\xC3\xA9\xC3\xA9!") == "\xC3\xA9\xC3\xA9");
  CHECK(firstMatch("HELLO", "i", "say hello") == "hello");
  CHECK(firstMatch("^b", "", "a\nb") == "<none>");
  CHECK(firstMatch("^b", "m", "a\nb") == "b");
  CHECK(firstMatch("a$", "", "a\n") == "<none>");  // `$` is the very end without m
  CHECK(firstMatch("\\w+", "", "\xC3\xA9t\xC3\xA9 abc") == "t");  // \w is ASCII, as in JavaScript
  CHECK(firstMatch("(a)|\\1b", "", "b") == "b");  // an unset group's backreference matches ""
  CHECK(firstMatch(".", "", "\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80");  // one code point
  CHECK(firstMatch("a[^]b", "", "a\nb") == "a\nb");  // [^] is any character, as in JavaScript
  CHECK(firstMatch("a[]b", "", "ab") == "<none>");
  CHECK(firstMatch("\\ud83d\\ude00+", "", "x\xF0\x9F\x98\x80\xF0\x9F\x98\x80y") == "\xF0\x9F\x98\x80\xF0\x9F\x98\x80");
  CHECK(firstMatch("\\\\ud83d", "", "\\ud83d") == "\\ud83d");  // an escaped backslash, then text
}

TEST_CASE("regex: compile errors", "[jsonata][functions][regex]") {
  CHECK(errorCode("") == "S0301");
  CHECK(errorCode("(ab") == "S0302");
  CHECK(errorCode("a{2,1}") == "S0302");
}

TEST_CASE("regex: catastrophic backtracking fails fast with U1004", "[jsonata][functions][regex]") {
  auto regex = Regex::compile("(a+)+$", "", 3);
  std::string subject(40, 'a');
  subject += '!';
  try {
    regex->search(subject, 0, Limits{}, 42);
    FAIL("expected U1004");
  } catch (const Error& e) {
    CHECK(e.code() == "U1004");
    CHECK(e.position() == 42);
  }
  Limits tight;
  tight.regexMatchLimit = 100;
  CHECK_THROWS_AS(Regex::compile("(a+)+$", "", 0)->search(std::string(12, 'a') + "!", 0, tight, 0), Error);
}
