// scenario::jsonDiff compares an execution's output with what a scenario expects: exactly, or as a
// subset. Each difference is one line naming its JSON pointer.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "emulator/scenario/json_diff.h"

using json = stepsim::Json;
using stepsim::scenario::jsonDiff;
using Lines = std::vector<std::string>;

TEST_CASE("jsonDiff: equal values have no differences") {
  json value = json::parse(R"({"a": [1, {"b": null}], "c": "x", "d": true})");
  CHECK(jsonDiff(value, value, false).empty());
  CHECK(jsonDiff(value, value, true).empty());
  CHECK(jsonDiff(json::object(), json::object(), false).empty());
  CHECK(jsonDiff(nullptr, nullptr, false).empty());
}

TEST_CASE("jsonDiff: a differing value names its pointer, expected and actual") {
  CHECK(jsonDiff({{"status", "SUCCEEDED"}}, {{"status", "FAILED"}}, false) ==
        Lines{R"(/status: expected "SUCCEEDED", got "FAILED")"});
  CHECK(jsonDiff(1, 2, false) == Lines{"(the whole value): expected 1, got 2"});
  CHECK(jsonDiff("x", nullptr, true) == Lines{R"((the whole value): expected "x", got null)"});
  // Different kinds of value are plain differences too.
  CHECK(jsonDiff(json::parse(R"({"a": {"b": 1}})"), json::parse(R"({"a": [1]})"), true) ==
        Lines{R"(/a: expected {"b":1}, got [1])"});
  CHECK(jsonDiff(1, "1", false) == Lines{R"((the whole value): expected 1, got "1")"});
}

TEST_CASE("jsonDiff: exact vs subset") {
  json expected = {{"a", 1}};
  json actual = {{"a", 1}, {"extra", {{"x", true}}}};
  CHECK(jsonDiff(expected, actual, true).empty());
  CHECK(jsonDiff(expected, actual, false) == Lines{R"(/extra: unexpected member {"x":true})"});
}

TEST_CASE("jsonDiff: missing members are reported in both modes") {
  json expected = {{"a", 1}, {"b", {{"c", "x"}}}};
  json actual = {{"a", 1}, {"b", json::object()}};
  Lines want{R"(/b/c: missing (expected "x"))"};
  CHECK(jsonDiff(expected, actual, true) == want);
  CHECK(jsonDiff(expected, actual, false) == want);
}

TEST_CASE("jsonDiff: unexpected members only when exact, at any depth") {
  json expected = json::parse(R"({"outer": {"inner": [{"k": 1}]}})");
  json actual = json::parse(R"({"outer": {"inner": [{"k": 1, "more": 2}], "sibling": "s"}})");
  CHECK(jsonDiff(expected, actual, true).empty());
  CHECK(jsonDiff(expected, actual, false) ==
        Lines{"/outer/inner/0/more: unexpected member 2", R"(/outer/sibling: unexpected member "s")"});
}

TEST_CASE("jsonDiff: arrays of different length, in both modes") {
  json expected = {{"list", {1, 2}}};
  json actual = {{"list", {1, 2, 3}}};
  CHECK(jsonDiff(expected, actual, false) == Lines{"/list: expected 2 items, got 3"});
  // A subset does not make arrays prefixes: they match element by element.
  CHECK(jsonDiff(expected, actual, true) == Lines{"/list: expected 2 items, got 3"});
  CHECK(jsonDiff(json::array(), json::array({1}), true) == Lines{"(the whole value): expected 0 items, got 1"});
}

TEST_CASE("jsonDiff: arrays of the same length are compared item by item") {
  CHECK(jsonDiff(json::array({1, 2, 3}), json::array({1, 5, 3}), false) == Lines{"/1: expected 2, got 5"});
  CHECK(jsonDiff(json::array({1, 2, 3}), json::array({3, 2, 1}), false) ==
        Lines{"/0: expected 1, got 3", "/2: expected 3, got 1"});
}

TEST_CASE("jsonDiff: 1 and 1.0 are the same number") {
  CHECK(jsonDiff(1, 1.0, false).empty());
  CHECK(jsonDiff(json::parse(R"({"n": 60, "m": [2.0]})"), json::parse(R"({"n": 60.0, "m": [2]})"), false).empty());
  CHECK(jsonDiff(json(5u), json(5), false).empty());
  CHECK(jsonDiff(1, 1.5, false) == Lines{"(the whole value): expected 1, got 1.5"});
}

TEST_CASE("jsonDiff: nested pointers escape '~' and '/'") {
  json expected = json::parse(R"({"a": {"b/c": [0, {"d~e": 1}]}})");
  json actual = json::parse(R"({"a": {"b/c": [0, {"d~e": 2}]}})");
  CHECK(jsonDiff(expected, actual, true) == Lines{"/a/b~1c/1/d~0e: expected 1, got 2"});
  CHECK(jsonDiff({{"x/y", 1}}, json::object(), true) == Lines{"/x~1y: missing (expected 1)"});
  CHECK(jsonDiff(json::object(), {{"x~y", 1}}, false) == Lines{"/x~0y: unexpected member 1"});
}

TEST_CASE("jsonDiff: long values are shortened") {
  std::string big(300, 'x');
  Lines lines = jsonDiff(big, "short", false);
  REQUIRE(lines.size() == 1);
  // "\"xxx…" cut to 197 characters and "..." added.
  CHECK(lines[0] == "(the whole value): expected \"" + std::string(196, 'x') + "..., got \"short\"");
}

TEST_CASE("jsonDiff: at most `limit` lines") {
  json expected = json::object();
  json actual = json::object();
  for (int i = 0; i < 30; ++i) {
    expected["k" + std::to_string(100 + i)] = i;
    actual["k" + std::to_string(100 + i)] = i + 1;
  }
  CHECK(jsonDiff(expected, actual, false).size() == 20);  // the default
  Lines three = jsonDiff(expected, actual, false, 3);
  CHECK(three == Lines{"/k100: expected 0, got 1", "/k101: expected 1, got 2", "/k102: expected 2, got 3"});
  CHECK(jsonDiff(expected, actual, false, 0).empty());

  // Missing and unexpected members count against the limit too.
  json manyMissing = {{"a", 1}, {"b", 2}, {"c", 3}};
  CHECK(jsonDiff(manyMissing, json::object(), true, 2).size() == 2);
  json manyExtra = {{"a", 1}, {"b", 2}, {"c", 3}};
  CHECK(jsonDiff(json::object(), manyExtra, false, 2).size() == 2);
  // Arrays of differing items as well.
  CHECK(jsonDiff(json::array({1, 1, 1, 1}), json::array({2, 2, 2, 2}), false, 2).size() == 2);
}
