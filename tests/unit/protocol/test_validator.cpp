#include <catch2/catch.hpp>

#include "emulator/protocol/shape_validator.h"
#include "tests/unit/protocol/toy_model.h"

using namespace stepsim::protocol;
namespace core = stepsim::core;
using namespace stepsim::protocol::test;
using json = stepsim::Json;

namespace {

const ServiceModel& model() {
  static const ServiceModel m(json::parse(R"json({"shapes": {
    "Root": {"type": "structure", "required": ["name"], "members": {
      "name": {"shape": "Name"},
      "type": {"shape": "Type"},
      "attempts": {"shape": "Attempts"},
      "size": {"shape": "Size"},
      "ratio": {"shape": "Ratio"},
      "enabled": {"shape": "Boolean"},
      "when": {"shape": "Timestamp"},
      "data": {"shape": "Blob"},
      "container": {"shape": "Container"},
      "tags": {"shape": "Tags"},
      "ids": {"shape": "Ids"},
      "code": {"shape": "Code"},
      "fancy": {"shape": "Fancy"},
      "loose": {"shape": "Loose"}
    }},
    "Name": {"type": "string", "min": 1, "max": 5},
    "Type": {"type": "string", "enum": ["MANAGED", "UNMANAGED"]},
    "Attempts": {"type": "integer", "min": 1, "max": 10},
    "Size": {"type": "long", "min": 0},
    "Ratio": {"type": "double", "min": 0.5, "max": 2.5},
    "Boolean": {"type": "boolean"},
    "Timestamp": {"type": "timestamp"},
    "Blob": {"type": "blob"},
    "String": {"type": "string"},
    "Container": {"type": "structure", "members": {"environment": {"shape": "Env"}}},
    "Env": {"type": "list", "member": {"shape": "KeyValue"}, "max": 1},
    "KeyValue": {"type": "structure", "required": ["name"], "members": {
      "name": {"shape": "String"}, "value": {"shape": "String"}}},
    "Tags": {"type": "map", "key": {"shape": "TagKey"}, "value": {"shape": "TagValue"},
             "min": 1, "max": 2},
    "TagKey": {"type": "string", "min": 1, "max": 3},
    "TagValue": {"type": "string", "max": 4},
    "Ids": {"type": "list", "member": {"shape": "Name"}, "min": 1, "max": 2},
    "Code": {"type": "string", "min": 2, "pattern": "^[a-z]+$"},
    "Fancy": {"type": "string", "pattern": "[0-9A-Za-z]*(?<!\\.)"},
    "Loose": {"type": "string", "pattern": "[a-z"}
  }})json"));
  return m;
}

const ValidationErrorCodes kCodes{"SerializationException", "ValidationException"};

void validate(const json& value) {
  validateShape(*model().findShape("Root"), value, kCodes);
}

core::AwsError errorFor(const json& value) {
  return awsErrorFrom([&] { validate(value); });
}

std::string violation(std::string_view value, std::string_view path, std::string_view what) {
  return validationMessage(value, path, what);
}

}  // namespace

TEST_CASE("a valid input passes, unknown members are ignored") {
  CHECK_NOTHROW(validate({{"name", "abc"},
                          {"type", "MANAGED"},
                          {"attempts", 10},
                          {"size", 0},
                          {"ratio", 2},
                          {"enabled", false},
                          {"when", 1700000000.5},
                          {"data", "aGk="},
                          {"tags", {{"k", "v"}}},
                          {"ids", {"a"}},
                          {"code", "ab"},
                          {"unknown", {1, 2}},
                          {"type2", nullptr}}));
  CHECK_NOTHROW(validate({{"name", "abc"}, {"when", "2024-01-01T00:00:00Z"}, {"type", nullptr}}));
}

TEST_CASE("required members must be present and non-null, at any depth") {
  core::AwsError e = errorFor(json::object());
  CHECK(e.code == "ValidationException");
  CHECK(e.httpStatus == 400);
  CHECK(e.message ==
        "1 validation error detected: Value at 'name' failed to satisfy constraint: Member must "
        "not be null");
  CHECK(errorFor({{"name", nullptr}}).message == e.message);
  CHECK(errorFor({{"name", "a"}, {"container", {{"environment", {{{"value", "x"}}}}}}}).message ==
        "1 validation error detected: Value at 'container.environment.1.member.name' failed to "
        "satisfy "
        "constraint: Member must not be null");
  CHECK(errorFor({{"name", "a"}, {"ids", {"a", nullptr}}}).message ==
        "1 validation error detected: Value at 'ids.2.member' failed to satisfy constraint: "
        "Member must not be null");
}

TEST_CASE("string length is counted in code points") {
  CHECK_NOTHROW(
      validate({{"name", "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"}}));  // 5 chars, 10 bytes
  CHECK(errorFor({{"name", "abcdef"}}).message ==
        violation("abcdef", "name", "Member must have length less than or equal to 5"));
  CHECK(errorFor({{"name", ""}}).message ==
        "1 validation error detected: Value '' at 'name' failed to satisfy constraint: Member "
        "must have length greater than or equal to 1");
}

TEST_CASE("enum violations list the allowed values") {
  CHECK(errorFor({{"name", "a"}, {"type", "XYZ"}}).message ==
        "1 validation error detected: Value 'XYZ' at 'type' failed to satisfy constraint: Member "
        "must satisfy enum value set: [MANAGED, UNMANAGED]");
}

TEST_CASE("patterns match the whole value, after the length check; unsupported ones are skipped") {
  CHECK(errorFor({{"name", "a"}, {"code", "abC"}}).message ==
        violation("abC", "code", "Member must satisfy regular expression pattern: ^[a-z]+$"));
  // Length is reported before the pattern.
  CHECK(errorFor({{"name", "a"}, {"code", "A"}}).message ==
        violation("A", "code", "Member must have length greater than or equal to 2"));
  CHECK(model().findShape("Code")->compiledPattern() != nullptr);
  CHECK(model().findShape("Fancy")->compiledPattern() == nullptr);  // lookbehind
  CHECK(model().findShape("Loose")->compiledPattern() == nullptr);  // does not compile
  CHECK_NOTHROW(validate({{"name", "a"}, {"fancy", "x."}, {"loose", "?"}}));
}

TEST_CASE(
    "patterns are checked up to 2048 bytes, longer values skip them instead of risking the stack") {
  CHECK_NOTHROW(validate({{"name", "a"}, {"code", std::string(2048, 'a')}}));
  std::string bad(2048, 'a');
  bad.back() = 'A';
  CHECK(errorFor({{"name", "a"}, {"code", bad}}).code == "ValidationException");
  CHECK_NOTHROW(validate({{"name", "a"}, {"code", std::string(100000, 'A')}}));
}

TEST_CASE("integers: JSON integer type, 32-bit range, min and max") {
  CHECK(errorFor({{"name", "a"}, {"attempts", 0}}).message ==
        violation("0", "attempts", "Member must have value greater than or equal to 1"));
  CHECK(errorFor({{"name", "a"}, {"attempts", 11}}).message ==
        violation("11", "attempts", "Member must have value less than or equal to 10"));
  core::AwsError s = errorFor({{"name", "a"}, {"attempts", "3"}});
  CHECK(s.code == "SerializationException");
  CHECK(s.message == "Expected a JSON integer at 'attempts' but found a string");
  CHECK(errorFor({{"name", "a"}, {"attempts", 2.5}}).message ==
        "Expected a JSON integer at 'attempts' but found a non-integer number");
  CHECK(errorFor({{"name", "a"}, {"attempts", 4294967296LL}}).code == "SerializationException");
  CHECK_NOTHROW(validate({{"name", "a"}, {"size", 4294967296LL}}));
  CHECK(errorFor({{"name", "a"}, {"size", -1}}).message ==
        violation("-1", "size", "Member must have value greater than or equal to 0"));
  CHECK(errorFor({{"name", "a"}, {"size", true}}).code == "SerializationException");
}

TEST_CASE("doubles, booleans, timestamps and blobs check their JSON type") {
  CHECK(errorFor({{"name", "a"}, {"ratio", 0.25}}).message ==
        violation("0.25", "ratio", "Member must have value greater than or equal to 0.5"));
  CHECK(errorFor({{"name", "a"}, {"ratio", 3}}).code == "ValidationException");
  CHECK(errorFor({{"name", "a"}, {"ratio", "1"}}).message ==
        "Expected a JSON number at 'ratio' but found a string");
  CHECK(errorFor({{"name", "a"}, {"enabled", "true"}}).message ==
        "Expected a JSON boolean at 'enabled' but found a string");
  CHECK(errorFor({{"name", "a"}, {"when", true}}).code == "SerializationException");
  CHECK(errorFor({{"name", "a"}, {"data", 5}}).code == "SerializationException");
  CHECK(errorFor({{"name", 5}}).message == "Expected a JSON string at 'name' but found an integer");
  CHECK(errorFor({{"name", "a"}, {"container", "x"}}).message ==
        "Expected a JSON object at 'container' but found a string");
  CHECK(errorFor({{"name", "a"}, {"ids", "x"}}).message ==
        "Expected a JSON array at 'ids' but found a string");
  CHECK(errorFor(json::array()).message ==
        "Expected a JSON object as the request body but found an array");
}

TEST_CASE("lists check their size and every element, named from 1 as AWS names them") {
  CHECK(errorFor({{"name", "a"}, {"ids", json::array()}}).message ==
        violation("[]", "ids", "Member must have length greater than or equal to 1"));
  CHECK(errorFor({{"name", "a"}, {"ids", {"a", "b", "c"}}}).message ==
        violation("[a, b, c]", "ids", "Member must have length less than or equal to 2"));
  CHECK(errorFor({{"name", "a"}, {"ids", {"a", "toolong"}}}).message ==
        violation("toolong", "ids.2.member", "Member must have length less than or equal to 5"));
}

TEST_CASE("a huge list is quoted back only as far as a message echoes") {
  json ids = json::array();
  for (int i = 0; i < 200'000; ++i) ids.push_back("abcde");
  std::string message = errorFor({{"name", "a"}, {"ids", ids}}).message;
  CHECK(message.size() < 70 * 1024);
  CHECK_THAT(message, Catch::StartsWith("1 validation error detected: Value '[abcde, abcde, "));
  CHECK_THAT(message,
             Catch::Contains("...' at 'ids' failed to satisfy constraint: Member must have "
                             "length less than or equal to 2"));
}

TEST_CASE("a list quoted back shows its structures as Java writes them, every member in order") {
  json env = {{{"value", "1"}, {"name", "a"}}, {{"name", "b"}}};
  CHECK(errorFor({{"name", "a"}, {"container", {{"environment", env}}}}).message ==
        violation("[KeyValue(name=a, value=1), KeyValue(name=b, value=null)]",
                  "container.environment", "Member must have length less than or equal to 1"));
}

TEST_CASE("maps check their size, keys and values") {
  CHECK(errorFor({{"name", "a"}, {"tags", json::object()}}).message ==
        violation("{}", "tags", "Member must have length greater than or equal to 1"));
  CHECK(errorFor({{"name", "a"}, {"tags", {{"a", "1"}, {"b", "2"}, {"c", "3"}}}}).message ==
        violation("{a=1, b=2, c=3}", "tags", "Member must have length less than or equal to 2"));
  CHECK(errorFor({{"name", "a"}, {"tags", {{"long", "1"}}}}).message ==
        violation("long", "tags",
                  "Map keys must satisfy constraint: Member must have length less than or equal "
                  "to 3"));
  CHECK(errorFor({{"name", "a"}, {"tags", {{"k", "12345"}}}}).message ==
        violation("12345", "tags.k", "Member must have length less than or equal to 4"));
  CHECK(errorFor({{"name", "a"}, {"tags", {{"k", 1}}}}).message ==
        "Expected a JSON string at 'tags.k' but found an integer");
}

TEST_CASE("echoed values are quoted whole, as AWS quotes them; only huge ones are cut") {
  std::string longName(3097, 'x');
  CHECK(errorFor({{"name", longName}}).message.find("'" + longName + "' at 'name'") != std::string::npos);
  std::string hugeName(100 * 1024, 'x');
  std::string message = errorFor({{"name", hugeName}}).message;
  CHECK(message.find(std::string(64 * 1024, 'x') + "...' at 'name'") != std::string::npos);
  CHECK(message.size() < 70 * 1024);
}
