// core::serializeJson writes its own fast path; it must give exactly nlohmann's bytes.
#include <catch2/catch.hpp>

#include <limits>
#include <random>

#include "emulator/core/json_text.h"

using json = stepsim::Json;

namespace {

std::string reference(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// A random value up to `depth` levels deep, drawing from the awkward corners: control characters,
// quotes, backslashes, non-ASCII and invalid UTF-8, extreme and fractional numbers.
json randomValue(std::mt19937& rng, int depth) {
  static const std::vector<std::string> pieces = {
      "a", "\"", "\\", "\n", "\t", "\x01", "\x1f", "/", "\xc3\xa9", "\xe2\x82\xac", "\xff", " ", "\x7f"};
  switch (std::uniform_int_distribution<int>(0, depth > 0 ? 8 : 6)(rng)) {
    case 0: return nullptr;
    case 1: return std::uniform_int_distribution<int>(0, 1)(rng) == 1;
    case 2: return std::uniform_int_distribution<std::int64_t>(std::numeric_limits<std::int64_t>::min(),
                                                                std::numeric_limits<std::int64_t>::max())(rng);
    case 3: return std::uniform_int_distribution<std::uint64_t>()(rng);
    case 4: {
      double values[] = {0.1, -2.5e-300, 1e308, 3.0, -0.0, 123456.789,
                         std::uniform_real_distribution<double>(-1e6, 1e6)(rng)};
      return values[std::uniform_int_distribution<int>(0, 6)(rng)];
    }
    case 5:
    case 6: {
      std::string text;
      for (int i = std::uniform_int_distribution<int>(0, 6)(rng); i > 0; --i)
        text += pieces[std::uniform_int_distribution<std::size_t>(0, pieces.size() - 1)(rng)];
      return text;
    }
    case 7: {
      json array = json::array();
      for (int i = std::uniform_int_distribution<int>(0, 4)(rng); i > 0; --i)
        array.push_back(randomValue(rng, depth - 1));
      return array;
    }
    default: {
      json object = json::object();
      for (int i = std::uniform_int_distribution<int>(0, 4)(rng); i > 0; --i)
        object[reference(randomValue(rng, 0))] = randomValue(rng, depth - 1);
      return object;
    }
  }
}

}  // namespace

TEST_CASE("serializeJson writes nlohmann's compact bytes") {
  // Members in document order.
  CHECK(stepsim::core::serializeJson(json::parse(R"({"b":[1,-2,3.5,true,null],"a":"x\ny"})")) ==
        R"({"b":[1,-2,3.5,true,null],"a":"x\ny"})");
  CHECK(stepsim::core::serializeJson(json("\x01\"\\")) == R"("\u0001\"\\")");
  CHECK(stepsim::core::serializeJson(json(std::numeric_limits<double>::infinity())) == "null");
  CHECK(stepsim::core::serializeJson(json("caf\xc3\xa9 \xff")) == "\"caf\xc3\xa9 \xef\xbf\xbd\"");
}

TEST_CASE("serializeJson matches nlohmann on random values") {
  std::mt19937 rng(20261130);
  for (int i = 0; i < 20'000; ++i) {
    json value = randomValue(rng, 3);
    INFO(reference(value));
    REQUIRE(stepsim::core::serializeJson(value) == reference(value));
  }
}

TEST_CASE("parseClientJson refuses nesting deeper than the limit, counting only outside strings") {
  using stepsim::core::kMaxClientJsonDepth;
  using stepsim::core::parseClientJson;
  auto nested = [](std::size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
  };
  CHECK(parseClientJson(nested(kMaxClientJsonDepth)).is_array());
  CHECK(parseClientJson(nested(kMaxClientJsonDepth + 1)).is_discarded());
  CHECK(parseClientJson(nested(200'000)).is_discarded());
  // Brackets inside strings (escaped quotes too) do not count.
  std::string text = "{\"a\":\"" + std::string(5000, '[') + "\\\"" + std::string(5000, '{') + "\"}";
  CHECK(parseClientJson(text) == json{{"a", std::string(5000, '[') + "\"" + std::string(5000, '{')}});
  CHECK(parseClientJson("{not json").is_discarded());
}

TEST_CASE("serializeJson writes a value nested far deeper than recursion could go") {
  // Values can grow deep without ever being parsed (a loop that nests a variable in itself);
  // writing one must not use the thread's stack per level.
  constexpr std::size_t kDepth = 300'000;
  json value = json::object();
  for (std::size_t i = 0; i < kDepth; ++i) {
    json outer = json::array();
    outer.push_back(std::move(value));
    value = std::move(outer);
  }
  std::string text = stepsim::core::serializeJson(value);
  CHECK(text == std::string(kDepth, '[') + "{}" + std::string(kDepth, ']'));
}

TEST_CASE("serializeJson separates members and elements at every level") {
  json value = json::parse(R"({"a":[[],{},[1,[2,{"b":{}}]],{"c":[null]}],"d":{"e":[]}})");
  CHECK(stepsim::core::serializeJson(value) == value.dump());
  CHECK(stepsim::core::serializeJson(json::array()) == "[]");
  CHECK(stepsim::core::serializeJson(json::object()) == "{}");
  CHECK(stepsim::core::serializeJson(json(7)) == "7");
}

TEST_CASE("nestsDeeperThan counts objects and arrays, stopping at the limit") {
  using stepsim::core::nestsDeeperThan;
  CHECK_FALSE(nestsDeeperThan(json("deep"), 0));
  CHECK_FALSE(nestsDeeperThan(json::array(), 1));
  CHECK(nestsDeeperThan(json::array(), 0));
  CHECK_FALSE(nestsDeeperThan(json::parse(R"({"a":[{"b":[]}]})"), 4));
  CHECK(nestsDeeperThan(json::parse(R"({"a":[{"b":[]}]})"), 3));
  CHECK(nestsDeeperThan(json::parse(R"([1,"x",{"a":[[]]}])"), 3));
  json deep = json::array();
  for (int i = 0; i < 200'000; ++i) {
    json outer = json::array();
    outer.push_back(std::move(deep));
    deep = std::move(outer);
  }
  CHECK(nestsDeeperThan(deep, 1000));
}
