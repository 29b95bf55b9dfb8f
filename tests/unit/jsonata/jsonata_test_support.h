#pragma once
// Helpers for the documentation-driven acceptance tests of the JSONata engine
// (tests/unit/jsonata/docs_*_test.cpp). They use only the public API in
// emulator/jsonata/jsonata.h: compile, evaluate with a fixed Environment, compare JSON.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/core/json.h"
#include "emulator/jsonata/jsonata.h"

namespace jsonata_test {

using stepsim::jsonata::Binding;
using stepsim::jsonata::Bindings;
using stepsim::jsonata::Environment;
using stepsim::jsonata::Error;
using stepsim::jsonata::Expression;
using stepsim::jsonata::Json;

// The instant every test sees as "now": 2023-11-14T22:13:20.000Z.
inline constexpr std::int64_t kNowMillis = 1700000000000;

// A deterministic source of numbers in [0, 1) (splitmix64). Every call of fixedEnvironment()
// starts the same sequence again, so two fresh environments give the same values.
inline Environment fixedEnvironment(std::uint64_t seed = 0x5eed5eed5eedULL) {
  Environment env;
  env.nowMillis = kNowMillis;
  auto state = std::make_shared<std::uint64_t>(seed);
  env.random = [state]() {
    std::uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z = z ^ (z >> 31);
    return static_cast<double>(z >> 11) * (1.0 / 9007199254740992.0);  // 53 bits
  };
  return env;
}

// `$name` variables given to an evaluation, as JSON text.
using Vars = std::vector<std::pair<std::string, std::string>>;

inline Json parseJson(const char* text) {
  if (text == nullptr) return Json();
  return Json::parse(text);
}

// JSON equality where numbers compare by value (5 == 5.0; tiny relative tolerance for doubles
// printed by JavaScript with 15-17 significant digits) and objects compare member-wise.
inline bool jsonEqual(const Json& a, const Json& b) {
  if (a.is_number() && b.is_number()) {
    if (a.is_number_integer() && b.is_number_integer()) {
      if (a.is_number_unsigned() || b.is_number_unsigned()) return a.get<double>() == b.get<double>();
      return a.get<std::int64_t>() == b.get<std::int64_t>();
    }
    double x = a.get<double>(), y = b.get<double>();
    if (x == y) return true;
    double scale = std::max({1e-300, std::fabs(x), std::fabs(y)});
    return std::fabs(x - y) <= 1e-13 * scale;
  }
  if (a.type() != b.type()) return false;
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      auto other = b.find(it.key());
      if (other == b.end() || !jsonEqual(it.value(), *other)) return false;
    }
    return true;
  }
  return a == b;
}

// Results are shown even when a string in them is not valid UTF-8 (bad bytes become U+FFFD).
inline std::string show(const std::optional<Json>& value) {
  return value ? value->dump(-1, ' ', false, Json::error_handler_t::replace) : std::string("undefined");
}

struct Outcome {
  bool ok = false;
  std::string description;
  std::optional<Json> value;       // the result when evaluation succeeded
  std::optional<std::string> code;  // the error code when it threw Error
  int position = -1;
};

// Compiles and evaluates `expr` against `input` (JSON text; nullptr = no input) with the fixed
// environment and the given variables. Never throws: the outcome says what happened.
inline Outcome run(std::string_view expr, const char* input = nullptr, const Vars& vars = {},
                   const Environment& env = fixedEnvironment()) {
  Outcome out;
  std::vector<Json> values;
  values.reserve(vars.size());
  for (const auto& v : vars) values.push_back(Json::parse(v.second));
  Bindings bindings;
  for (std::size_t i = 0; i < vars.size(); ++i) {
    Binding b;
    b.name = vars[i].first;
    b.value = &values[i];
    bindings.push_back(std::move(b));
  }
  Json in = parseJson(input);
  try {
    Expression e = Expression::compile(expr);
    out.value = e.evaluate(in, bindings, env);
    out.ok = true;
  } catch (const Error& err) {
    out.code = err.code();
    out.position = err.position();
    out.description = "threw Error " + err.code() + " at " + std::to_string(err.position()) + ": " + err.what();
  } catch (const std::exception& ex) {
    out.description = std::string("threw std::exception: ") + ex.what();
  }
  return out;
}

// Evaluates and compares against `expected` (JSON text; nullptr = undefined).
inline Outcome evaluatesTo(std::string_view expr, const char* input, const char* expected, const Vars& vars = {}) {
  Outcome out = run(expr, input, vars);
  std::ostringstream d;
  d << "expression: " << expr << "\n  input: " << (input ? input : "(none)")
    << "\n  expected: " << (expected ? expected : "undefined") << "\n  got: ";
  if (out.ok) {
    d << show(out.value);
    if (expected == nullptr) {
      out.ok = !out.value.has_value();
    } else {
      out.ok = out.value.has_value() && jsonEqual(*out.value, Json::parse(expected));
    }
  } else {
    d << out.description;
  }
  out.description = d.str();
  return out;
}

// Expects an Error with `code`, and at `position` unless it is negative.
inline Outcome throwsCode(std::string_view expr, const char* input, const std::string& code, int position = -1,
                          const Vars& vars = {}) {
  Outcome out = run(expr, input, vars);
  std::ostringstream d;
  d << "expression: " << (expr.size() > 200 ? std::string(expr.substr(0, 200)) + "..." : std::string(expr))
    << "\n  input: " << (input ? input : "(none)") << "\n  expected: Error " << code;
  if (position >= 0) d << " at " << position;
  d << "\n  got: ";
  if (out.ok) {
    d << "value " << show(out.value);
    out.ok = false;
  } else {
    d << out.description;
    out.ok = out.code && *out.code == code && (position < 0 || out.position == position);
  }
  out.description = d.str();
  return out;
}

}  // namespace jsonata_test

namespace jsonata_test {

// The person document of docs.jsonata.org "Simple Queries" / "Predicate Queries".
inline constexpr const char* kAddress = R"({
  "FirstName": "Fred",
  "Surname": "Smith",
  "Age": 28,
  "Address": {
    "Street": "Hursley Park",
    "City": "Winchester",
    "Postcode": "SO21 2JN"
  },
  "Phone": [
    { "type": "home", "number": "0203 544 1234" },
    { "type": "office", "number": "01962 001234" },
    { "type": "office", "number": "01962 001235" },
    { "type": "mobile", "number": "077 7700 1234" }
  ],
  "Email": [
    { "type": "work", "address": ["fred.smith@my-work.com", "fsmith@my-work.com"] },
    { "type": "home", "address": ["freddy@my-social.com", "frederic.smith@very-serious.com"] }
  ],
  "Other": {
    "Over 18 ?": true,
    "Misc": null,
    "Alternative.Address": {
      "Street": "Brick Lane",
      "City": "London",
      "Postcode": "E1 6RF"
    }
  }
})";

// The invoice document of docs.jsonata.org (the "Account" example of the home page,
// "Sorting, Grouping and Aggregation", "Path Operators").
inline constexpr const char* kInvoice = R"({
  "Account": {
    "Account Name": "Firefly",
    "Order": [
      {
        "OrderID": "order103",
        "Product": [
          { "Product Name": "Bowler Hat", "ProductID": 858383, "SKU": "0406654608",
            "Description": { "Colour": "Purple", "Width": 300, "Height": 200, "Depth": 210, "Weight": 0.75 },
            "Price": 34.45, "Quantity": 2 },
          { "Product Name": "Trilby hat", "ProductID": 858236, "SKU": "0406634348",
            "Description": { "Colour": "Orange", "Width": 300, "Height": 200, "Depth": 210, "Weight": 0.6 },
            "Price": 21.67, "Quantity": 1 }
        ]
      },
      {
        "OrderID": "order104",
        "Product": [
          { "Product Name": "Bowler Hat", "ProductID": 858383, "SKU": "040657863",
            "Description": { "Colour": "Purple", "Width": 300, "Height": 200, "Depth": 210, "Weight": 0.75 },
            "Price": 34.45, "Quantity": 4 },
          { "ProductID": 345664, "SKU": "0406654603", "Product Name": "Cloak",
            "Description": { "Colour": "Black", "Width": 30, "Height": 20, "Depth": 210, "Weight": 2 },
            "Price": 107.99, "Quantity": 1 }
        ]
      }
    ]
  }
})";

// The library document of docs.jsonata.org "Path Operators" (@ and # joins).
inline constexpr const char* kLibrary = R"({
  "library": {
    "books": [
      { "title": "Structure and Interpretation of Computer Programs", "authors": ["Abelson", "Sussman"],
        "isbn": "9780262510875", "price": 38.90, "copies": 2 },
      { "title": "The C Programming Language", "authors": ["Kernighan", "Richie"],
        "isbn": "9780131103627", "price": 33.59, "copies": 3 },
      { "title": "The AWK Programming Language", "authors": ["Aho", "Kernighan", "Weinberger"],
        "isbn": "9780201079814", "copies": 1 },
      { "title": "Compilers: Principles, Techniques, and Tools", "authors": ["Aho", "Lam", "Sethi", "Ullman"],
        "isbn": "9780201100884", "price": 23.38, "copies": 1 }
    ],
    "loans": [
      { "customer": "10001", "isbn": "9780262510875", "return": "2016-12-05" },
      { "customer": "10003", "isbn": "9780201100884", "return": "2016-10-22" },
      { "customer": "10003", "isbn": "9780262510875", "return": "2016-12-22" }
    ],
    "customers": [
      { "id": "10001", "name": "Joe Doe",
        "address": { "street": "2 Long Road", "city": "Winchester", "postcode": "SO22 5PU" } },
      { "id": "10002", "name": "Fred Bloggs",
        "address": { "street": "56 Letsby Avenue", "city": "Winchester", "postcode": "SO22 4WD" } },
      { "id": "10003", "name": "Jason Arthur",
        "address": { "street": "1 Preddy Gardens", "city": "Southampton", "postcode": "SO36 1TH" } }
    ]
  }
})";

}  // namespace jsonata_test

// CHECK that `expr` evaluated against `input` gives `expected` (all JSON text; nullptr input =
// no input, nullptr expected = undefined).
#define CHECK_JSONATA(expr, input, expected)                                   \
  do {                                                                         \
    auto jsonata_outcome_ = ::jsonata_test::evaluatesTo((expr), (input), (expected)); \
    INFO(jsonata_outcome_.description);                                        \
    CHECK(jsonata_outcome_.ok);                                                \
  } while (0)

#define CHECK_JSONATA_VARS(expr, input, vars, expected)                                   \
  do {                                                                                    \
    auto jsonata_outcome_ = ::jsonata_test::evaluatesTo((expr), (input), (expected), (vars)); \
    INFO(jsonata_outcome_.description);                                                   \
    CHECK(jsonata_outcome_.ok);                                                           \
  } while (0)

// CHECK that `expr` fails with Error `code` (position not checked).
#define CHECK_JSONATA_ERROR(expr, input, code)                             \
  do {                                                                     \
    auto jsonata_outcome_ = ::jsonata_test::throwsCode((expr), (input), (code)); \
    INFO(jsonata_outcome_.description);                                    \
    CHECK(jsonata_outcome_.ok);                                            \
  } while (0)

// CHECK that `expr` fails with Error `code` at character `position` (as jsonata-js reports it).
#define CHECK_JSONATA_ERROR_AT(expr, input, code, position)                            \
  do {                                                                                 \
    auto jsonata_outcome_ = ::jsonata_test::throwsCode((expr), (input), (code), (position)); \
    INFO(jsonata_outcome_.description);                                                \
    CHECK(jsonata_outcome_.ok);                                                        \
  } while (0)

// Table rows: expected == nullptr means undefined.
struct DocCase {
  const char* expr;
  const char* expected;
};
struct ErrorCase {
  const char* expr;
  const char* code;
  int position;  // -1: not checked
};

#define CHECK_JSONATA_TABLE(cases, input)                                  \
  for (const auto& c_ : (cases)) {                                         \
    CHECK_JSONATA(c_.expr, (input), c_.expected);                          \
  }

#define CHECK_JSONATA_ERROR_TABLE(cases, input)                                         \
  for (const auto& c_ : (cases)) {                                                      \
    auto jsonata_outcome_ = ::jsonata_test::throwsCode(c_.expr, (input), c_.code, c_.position); \
    INFO(jsonata_outcome_.description);                                                 \
    CHECK(jsonata_outcome_.ok);                                                         \
  }
