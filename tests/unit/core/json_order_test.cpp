// stepsim::Json keeps object members in the order they were written or added (AWS hands JSON on
// that way), finds them by hash once an object is large, and compares objects as JSON does: the
// same members in any order are equal.
#include <catch2/catch.hpp>

#include <string>

#include "emulator/core/json.h"

using json = stepsim::Json;

namespace {

// An object with `count` members "k0" .. "k<count-1>", added in descending order.
json descendingObject(int count) {
  json object = json::object();
  for (int i = count - 1; i >= 0; --i) object["k" + std::to_string(i)] = i;
  return object;
}

}  // namespace

TEST_CASE("Json objects keep the document's member order") {
  CHECK(json::parse(R"({"zeta":1,"alpha":{"y":2,"b":3},"mid":[{"q":1,"a":2}]})").dump() ==
        R"({"zeta":1,"alpha":{"y":2,"b":3},"mid":[{"q":1,"a":2}]})");
  json built = json::object();
  built["second"] = 2;
  built["first"] = 1;
  built["second"] = 22;  // assigning an existing member keeps its place
  CHECK(built.dump() == R"({"second":22,"first":1})");
  CHECK(json({{"b", 1}, {"a", 2}}).dump() == R"({"b":1,"a":2})");
}

TEST_CASE("Json: a member removed and added again goes last") {
  json object = json::parse(R"({"a":1,"b":2,"c":3})");
  CHECK(object.erase("b") == 1);
  CHECK(object.erase("missing") == 0);
  object["b"] = 4;
  CHECK(object.dump() == R"({"a":1,"c":3,"b":4})");
  object.erase(object.find("a"));
  CHECK(object.dump() == R"({"c":3,"b":4})");
}

TEST_CASE("Json: large objects find every member, also after erasing and clearing") {
  json object = descendingObject(5000);
  REQUIRE(object.size() == 5000);
  CHECK(object.begin().key() == "k4999");
  for (int i = 0; i < 5000; i += 7) CHECK(object.at("k" + std::to_string(i)) == i);
  CHECK_FALSE(object.contains("k5000"));
  CHECK_THROWS_AS(object.at("nope"), json::out_of_range);

  // Erasing moves later members: lookups must not use stale positions.
  for (int i = 0; i < 5000; i += 2) object.erase("k" + std::to_string(i));
  REQUIRE(object.size() == 2500);
  for (int i = 0; i < 5000; ++i) CHECK(object.contains("k" + std::to_string(i)) == (i % 2 == 1));
  object["k0"] = "back";
  CHECK(object.at("k0") == "back");
  CHECK((--object.end()).key() == "k0");

  object.clear();
  CHECK(object.empty());
  CHECK_FALSE(object.contains("k1"));
  for (int i = 0; i < 20; ++i) object["n" + std::to_string(i)] = i;
  CHECK(object.at("n19") == 19);
  CHECK_FALSE(object.contains("k1"));
}

TEST_CASE("Json: members added after a lookup are found (the index catches up)") {
  json object = descendingObject(100);
  CHECK(object.contains("k50"));  // builds the index
  for (int i = 100; i < 1000; ++i) {
    object["k" + std::to_string(i)] = i;
    REQUIRE(object.at("k" + std::to_string(i)) == i);
  }
  CHECK(object.size() == 1000);
  CHECK(object.at("k0") == 0);
}

TEST_CASE("Json: a copy is independent of the original") {
  json original = descendingObject(50);
  CHECK(original.contains("k10"));
  json copy = original;
  copy.erase("k10");
  copy["extra"] = true;
  CHECK(original.contains("k10"));
  CHECK_FALSE(original.contains("extra"));
  CHECK(copy.contains("extra"));
  CHECK(copy.size() == 50);
}

TEST_CASE("Json: objects with the same members are equal in any order") {
  CHECK(json::parse(R"({"a":1,"b":{"x":[1,2],"y":null}})") == json::parse(R"({"b":{"y":null,"x":[1,2]},"a":1})"));
  CHECK(json::parse(R"({"a":1,"b":2})") != json::parse(R"({"a":1,"b":3})"));
  CHECK(json::parse(R"({"a":1,"b":2})") != json::parse(R"({"a":1,"c":2})"));
  CHECK(json::parse(R"({"a":1})") != json::parse(R"({"a":1,"b":2})"));
  CHECK(json::parse("[1,2]") != json::parse("[2,1]"));  // arrays keep their order
  CHECK(descendingObject(300) == json::parse(descendingObject(300).dump()));
}

TEST_CASE("Json: duplicate keys in a document keep the first place and the last value") {
  CHECK(json::parse(R"({"a":1,"b":2,"a":3})").dump() == R"({"a":3,"b":2})");
}
