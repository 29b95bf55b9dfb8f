#include <catch2/catch.hpp>

#include "emulator/core/json.h"
#include "emulator/stepfunctions/asl/errors.h"
#include "emulator/stepfunctions/asl/json_path.h"

using namespace stepsim::sfn;
using json = stepsim::Json;

namespace {

// The values a path selects, as one array (in order).
json sel(std::string_view path, const json& doc) {
  json out = json::array();
  for (const json* node : JsonPath::parse(path).select(doc)) out.push_back(*node);
  return out;
}

const json kStore = json::parse(R"({
  "store": {
    "book": [
      {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95},
      {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99},
      {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99},
      {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99}
    ],
    "bicycle": {"color": "red", "price": 19.95}
  },
  "expensive": 10
})");

}  // namespace

TEST_CASE("JsonPath: the AWS Paths examples") {
  // Developer guide, "Paths": {"foo": 123, "bar": ["a", "b", "c"], "car": {"cdr": true}}
  json doc = json::parse(R"({"foo": 123, "bar": ["a", "b", "c"], "car": {"cdr": true}})");
  CHECK(JsonPath::parse("$.foo").evaluate(doc) == json(123));
  CHECK(JsonPath::parse("$.bar").evaluate(doc) == json::parse(R"(["a","b","c"])"));
  CHECK(JsonPath::parse("$.car.cdr").evaluate(doc) == json(true));
  CHECK(JsonPath::parse("$").evaluate(doc) == doc);
  CHECK(JsonPath::parse("$.bar[0]").evaluate(doc) == json("a"));
  // The specification's Parameters example: "$.vals[3:]" is an array of the matches.
  json vals = json::parse(R"({"flagged": 7, "vals": [0, 10, 20, 30, 40, 50]})");
  CHECK(JsonPath::parse("$.vals[0]").evaluate(vals) == json(0));
  CHECK(JsonPath::parse("$.vals[3:]").evaluate(vals) == json::parse("[30,40,50]"));
}

TEST_CASE("JsonPath: names in dot and bracket form") {
  json doc = json::parse(R"({"a": {"b": 1}, "a b": 2, "x": 3, "it\\'s": 4, "q\\\"uote": 5, "ünï": 6,
                            "a-b:c": 7, "": 8, "Test\\\"\"Name\"": 9, "a\\q": 10, "it's": 11})");
  CHECK(sel("$.a.b", doc) == json::parse("[1]"));
  CHECK(sel("$['a']['b']", doc) == json::parse("[1]"));
  CHECK(sel("$['a b']", doc) == json::parse("[2]"));
  CHECK(sel("$[\"x\"]", doc) == json::parse("[3]"));
  // A backslash keeps the quote from ending the name and stays in it, as AWS reads bracket names.
  CHECK(sel("$['it\\'s']", doc) == json::parse("[4]"));
  CHECK(sel("$[\"q\\\"uote\"]", doc) == json::parse("[5]"));
  CHECK(sel("$['Test\\\"\"Name\"']", doc) == json::parse("[9]"));
  CHECK(sel("$[\"a\\q\"]", doc) == json::parse("[10]"));
  CHECK(sel("$[\"it's\"]", doc) == json::parse("[11]"));
  CHECK(sel("$.ünï", doc) == json::parse("[6]"));
  CHECK(sel("$.a-b:c", doc) == json::parse("[7]"));
  CHECK(sel("$['']", doc) == json::parse("[8]"));
  CHECK(sel("$[ 'a' ].b", doc) == json::parse("[1]"));
  CHECK(sel("$.missing", doc).empty());
  CHECK(sel("$.a.b.c", doc).empty());
  CHECK(sel("$.x.y", doc).empty());
}

TEST_CASE("JsonPath: indexes, slices, unions, wildcards") {
  json doc = json::parse(R"({"a": [0, 1, 2, 3, 4, 5], "o": {"k1": "v1", "k2": "v2"}})");
  CHECK(sel("$.a[0]", doc) == json::parse("[0]"));
  CHECK(sel("$.a[5]", doc) == json::parse("[5]"));
  CHECK(sel("$.a[6]", doc).empty());
  CHECK(sel("$.a[-1]", doc) == json::parse("[5]"));
  CHECK(sel("$.a[-6]", doc) == json::parse("[0]"));
  CHECK(sel("$.a[-7]", doc).empty());
  CHECK(sel("$.a[1:3]", doc) == json::parse("[1,2]"));
  CHECK(sel("$.a[:2]", doc) == json::parse("[0,1]"));
  CHECK(sel("$.a[4:]", doc) == json::parse("[4,5]"));
  CHECK(sel("$.a[-2:]", doc) == json::parse("[4,5]"));
  CHECK(sel("$.a[:-4]", doc) == json::parse("[0,1]"));
  CHECK(sel("$.a[::2]", doc) == json::parse("[0,2,4]"));
  CHECK(sel("$.a[1::2]", doc) == json::parse("[1,3,5]"));
  CHECK(sel("$.a[::-1]", doc) == json::parse("[5,4,3,2,1,0]"));
  CHECK(sel("$.a[4:1:-2]", doc) == json::parse("[4,2]"));
  CHECK(sel("$.a[10:20]", doc).empty());
  CHECK(sel("$.a[3:1]", doc).empty());
  CHECK(sel("$.a[:]", doc) == doc["a"]);
  CHECK(sel("$.a[0,2,-1]", doc) == json::parse("[0,2,5]"));
  CHECK(sel("$.a[2,0]", doc) == json::parse("[2,0]"));
  CHECK(sel("$.a[0,99]", doc) == json::parse("[0]"));
  CHECK(sel("$.o['k2','k1','nope']", doc) == json::parse(R"(["v2","v1"])"));
  CHECK(sel("$.a[*]", doc) == doc["a"]);
  CHECK(sel("$.a.*", doc) == doc["a"]);
  CHECK(sel("$.o.*", doc) == json::parse(R"(["v1","v2"])"));
  CHECK(sel("$.o[*]", doc) == json::parse(R"(["v1","v2"])"));
  CHECK(sel("$.*", doc).size() == 2);
  CHECK(sel("$.o[0]", doc).empty());
  CHECK(sel("$.a.k1", doc).empty());
  CHECK(sel("$.a[0].*", doc).empty());
  CHECK(sel("$.o[1:2]", doc).empty());
}

TEST_CASE("JsonPath: Jayway's bookstore") {
  CHECK(sel("$.store.book[*].author", kStore) ==
        json::parse(R"(["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"])"));
  CHECK(sel("$..author", kStore).size() == 4);
  CHECK(sel("$.store..price", kStore) == json::parse("[8.95, 12.99, 8.99, 22.99, 19.95]"));  // document order
  CHECK(sel("$..book[2].title", kStore) == json::parse(R"(["Moby Dick"])"));
  CHECK(sel("$..book[-1].title", kStore) == json::parse(R"(["The Lord of the Rings"])"));
  CHECK(sel("$..book[0,1].title", kStore) ==
        json::parse(R"(["Sayings of the Century","Sword of Honour"])"));
  CHECK(sel("$..book[:2].price", kStore) == json::parse("[8.95, 12.99]"));
  CHECK(sel("$..book[?(@.isbn)].title", kStore) ==
        json::parse(R"(["Moby Dick","The Lord of the Rings"])"));
  CHECK(sel("$.store.book[?(@.price < 10)].title", kStore) ==
        json::parse(R"(["Sayings of the Century","Moby Dick"])"));
  CHECK(sel("$..book[?(@.price <= $['expensive'])].price", kStore) == json::parse("[8.95, 8.99]"));
  CHECK(sel("$..book[?(@.author == 'Herman Melville')].price", kStore) == json::parse("[8.99]"));
  CHECK(sel("$..book[?(@.category != \"fiction\")].author", kStore) ==
        json::parse(R"(["Nigel Rees"])"));
  CHECK(sel("$..book[?(@.price > 10 && @.category == 'fiction')].price", kStore) ==
        json::parse("[12.99, 22.99]"));
  CHECK(sel("$..book[?(@.price < 9 || @.price > 20)].price", kStore) ==
        json::parse("[8.95, 8.99, 22.99]"));
  CHECK(sel("$..book[?(!@.isbn)].price", kStore) == json::parse("[8.95, 12.99]"));
  CHECK(sel("$..book[?(!(@.price < 10) && (@.isbn || @.price > 20))].price", kStore) ==
        json::parse("[22.99]"));
  CHECK(sel("$..book[?(@.price >= 12.99)].price", kStore) == json::parse("[12.99, 22.99]"));
  CHECK(sel("$..book[?(@.price > 1e1)].price", kStore) == json::parse("[12.99, 22.99]"));
  // Deep scan of everything: pre-order, children before grandchildren of later siblings.
  json all = sel("$..*", kStore);
  CHECK(all.size() == 28);
  CHECK(all[0] == kStore["store"]);  // "store" comes first in the document
  CHECK(all[1] == json(10));
  CHECK(sel("$..[0].title", kStore) == json::parse(R"(["Sayings of the Century"])"));
  CHECK(sel("$..[?(@.color)].price", kStore) == json::parse("[19.95]"));
}

TEST_CASE("JsonPath: filter literals and nested paths") {
  json doc = json::parse(R"({"items": [
      {"id": 1, "ok": true, "tag": null, "meta": {"n": 5}, "name": "a"},
      {"id": 2, "ok": false, "meta": {"n": 6}, "name": "b"},
      {"id": 3, "ok": true, "tag": "x", "name": "it's"}
  ]})");
  CHECK(sel("$.items[?(@.ok == true)].id", doc) == json::parse("[1,3]"));
  CHECK(sel("$.items[?(@.ok == false)].id", doc) == json::parse("[2]"));
  CHECK(sel("$.items[?(@.tag == null)].id", doc) == json::parse("[1]"));
  CHECK(sel("$.items[?(@.tag)].id", doc) == json::parse("[1,3]"));         // present, even if null
  CHECK(sel("$.items[?(@.tag != 'x')].id", doc) == json::parse("[1,2]"));  // missing counts as !=
  CHECK(sel("$.items[?(@.meta.n > 5)].id", doc) == json::parse("[2]"));
  CHECK(sel("$.items[?(@['meta']['n'] == 5)].id", doc) == json::parse("[1]"));
  CHECK(sel("$.items[?(@.id == -1)].id", doc).empty());
  CHECK(sel("$.items[?(@.id == 2.0)].id", doc) == json::parse("[2]"));
  CHECK(sel("$.items[?(@.name == 'it\\'s')].id", doc) == json::parse("[3]"));
  CHECK(sel("$.items[?(@.name > 'a')].id", doc) == json::parse("[2,3]"));
  CHECK(sel("$.items[?(@.name < 5)].id", doc).empty());  // type mismatch
  CHECK(sel("$.items[?(@.id>1&&@.id<3)].id", doc) == json::parse("[2]"));
  CHECK(sel("$.items[?@.id == 3].id", doc) == json::parse("[3]"));  // without parentheses
  CHECK(sel("$.items[?(@.meta)].meta.n", doc) == json::parse("[5,6]"));
  CHECK(sel("$.items[?(@.id == $.items[1].id)].name", doc) == json::parse(R"(["b"])"));
  json nums = json::parse("[1, 5, 2, 8]");
  CHECK(sel("$[?(@ > 2)]", nums) == json::parse("[5,8]"));
  // A filter on an object tests the object itself (Jayway).
  json obj = json::parse(R"({"o": {"a": 1}})");
  CHECK(sel("$.o[?(@.a == 1)]", obj) == json::parse(R"([{"a":1}])"));
  CHECK(sel("$.o[?(@.a == 2)]", obj).empty());
}

TEST_CASE("JsonPath: context paths and properties") {
  json ctx = json::parse(
      R"({"Execution": {"Id": "arn:x", "Input": {"k": 1}}, "Map": {"Item": {"Index": 2}}})");
  JsonPath id = JsonPath::parse("$$.Execution.Id");
  CHECK(id.isContext());
  CHECK(id.isReference());
  CHECK(id.evaluate(ctx) == json("arn:x"));
  CHECK(JsonPath::parse("$$").evaluate(ctx) == ctx);
  CHECK(JsonPath::parse("$$.Map.Item.Index").evaluate(ctx) == json(2));
  CHECK_FALSE(JsonPath::parse("$.a").isContext());
  CHECK(JsonPath::parse("$.a").text() == "$.a");
  CHECK(JsonPath().text() == "$");
  CHECK(JsonPath().isReference());

  CHECK(JsonPath::parse("$").isReference());
  CHECK(JsonPath::parse("$.a.b[0]['c d']").isReference());
  CHECK(JsonPath::parse("$.a.b[0]['c d']").isDefinite());
  CHECK_FALSE(JsonPath::parse("$.a[-1]").isReference());
  CHECK(JsonPath::parse("$.a[-1]").isDefinite());
  for (const char* p :
       {"$.a[*]", "$.a.*", "$..a", "$.a[0:1]", "$.a[0,1]", "$['a','b']", "$.a[?(@.b)]"}) {
    INFO(p);
    CHECK_FALSE(JsonPath::parse(p).isReference());
    CHECK_FALSE(JsonPath::parse(p).isDefinite());
  }
  CHECK(parseReferencePath("$.a[0].b").text() == "$.a[0].b");
  CHECK_THROWS_AS(parseReferencePath("$.a[*]"), AslSyntaxError);
  CHECK_THROWS_AS(parseReferencePath("$..a"), AslSyntaxError);
  CHECK_THROWS_AS(parseReferencePath("$.a[-1]"), AslSyntaxError);
  CHECK_THROWS_AS(parseReferencePath("a.b"), AslSyntaxError);
}

TEST_CASE("JsonPath: evaluate follows AWS for misses") {
  json doc = json::parse(R"({"items": [1, 2], "o": {"x": null}})");
  CHECK_FALSE(JsonPath::parse("$.nope").evaluate(doc).has_value());
  CHECK_FALSE(JsonPath::parse("$.nope.deep").evaluate(doc).has_value());
  CHECK(JsonPath::parse("$.o.x").evaluate(doc) == json(nullptr));  // present, null
  // Jayway over Jackson: an out-of-range index as the last step of an existing array is null...
  CHECK(JsonPath::parse("$.items[5]").evaluate(doc) == json(nullptr));
  CHECK(JsonPath::parse("$.items[-3]").evaluate(doc) == json(nullptr));
  // ...but not in the middle of a path, nor on something that is not an array.
  CHECK_FALSE(JsonPath::parse("$.items[5].x").evaluate(doc).has_value());
  CHECK_FALSE(JsonPath::parse("$.o[0]").evaluate(doc).has_value());
  // find() is strict.
  CHECK(JsonPath::parse("$.items[5]").find(doc) == nullptr);
  CHECK(*JsonPath::parse("$.items[1]").find(doc) == json(2));
  CHECK(JsonPath::parse("$.items[*]").find(doc) == nullptr);  // not definite
  // Indefinite paths always produce an array, even an empty one.
  CHECK(JsonPath::parse("$.nope[*]").evaluate(doc) == json::array());
  CHECK(JsonPath::parse("$.items[*]").evaluate(doc) == json::parse("[1,2]"));
  CHECK(JsonPath::parse("$..x").evaluate(doc) == json::parse("[null]"));
  // The non-copying form.
  json scratch;
  const json* node = JsonPath::parse("$.o").evaluate(doc, scratch);
  CHECK(node == &doc["o"]);
  node = JsonPath::parse("$.items[*]").evaluate(doc, scratch);
  CHECK(node == &scratch);
  CHECK(*node == json::parse("[1,2]"));
  CHECK(JsonPath::parse("$.nope").evaluate(doc, scratch) == nullptr);
}

TEST_CASE("JsonPath: syntax errors say what is wrong") {
  auto message = [](const char* path) {
    try {
      JsonPath::parse(path);
    } catch (const AslSyntaxError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message("") == "Invalid JSONPath '': a JSONPath must start with '$'");
  CHECK(message("a.b") == "Invalid JSONPath 'a.b': a JSONPath must start with '$'");
  CHECK(message("$.") ==
        "Invalid JSONPath '$.': expected a name or '*' after '.', found at the end of the path");
  CHECK(message("$..") ==
        "Invalid JSONPath '$..': expected a name, '*' or '[' after '..', found at the end of the "
        "path");
  CHECK(message("$9") == "Invalid JSONPath '$9': unexpected character '9' at position 1");
  // "$a" is not an error: it reads the workflow variable a.
  CHECK(JsonPath::parse("$a.b").variable() == "a");
  CHECK(message("$.a b") == "Invalid JSONPath '$.a b': unexpected character ' ' at position 3");
  for (const char* bad : {"$[",
                          "$[]",
                          "$['a'",
                          "$['a]",
                          "$[1",
                          "$[a]",
                          "$[1:2:0]",
                          "$[?(@.a ==)]",
                          "$[?(@.a =~ /x/)]",
                          "$[?(@.a > 1]",
                          "$[?()]",
                          "$[?(1)]",
                          "$.a[?(@.b == 'x)]",
                          "$['a\\']",
                          "$[0,]",
                          "$[*",
                          "$.a]",
                          "$.a)",
                          "$[?($$.a)]",
                          "$[99999999999999999999]",
                          "$.a.",
                          "$$$",
                          "$ .a"}) {
    INFO(bad);
    CHECK_THROWS_AS(JsonPath::parse(bad), AslSyntaxError);
  }
}

TEST_CASE("JsonPath: ResultPath assignment (the developer guide's ResultPath examples)") {
  json input = json::parse(R"({"comment": "This is a test of the input and output of a Task state.",
                              "details": "Default example", "who": "AWS Step Functions"})");
  json result = "Hello, AWS Step Functions!";
  {
    json target = input;
    JsonPath::parse("$").assign(target, result);
    CHECK(target == result);
  }
  {
    json target = input;
    JsonPath::parse("$.taskresult").assign(target, result);
    json expected = input;
    expected["taskresult"] = result;
    CHECK(target == expected);
  }
  {
    json target = input;
    JsonPath::parse("$.strings.lambdaresult").assign(target, result);
    CHECK(target["strings"] == json::parse(R"({"lambdaresult": "Hello, AWS Step Functions!"})"));
    CHECK(target["who"] == "AWS Step Functions");
  }
  {
    json target = input;  // replaces an existing value
    JsonPath::parse("$.details").assign(target, json::parse(R"({"a": 1})"));
    CHECK(target["details"] == json::parse(R"({"a": 1})"));
  }
  {
    // The specification: {"title": ..., "numbers": {"val1": 3, "val2": 4}} + "$.sum" -> 7.
    json target = json::parse(R"({"title": "Numbers to add", "numbers": {"val1": 3, "val2": 4}})");
    JsonPath::parse("$.sum").assign(target, 7);
    CHECK(
        target ==
        json::parse(R"({"title": "Numbers to add", "numbers": {"val1": 3, "val2": 4}, "sum": 7})"));
  }
  {
    json target = json::parse(R"({"a": {"b": {"keep": 1}}, "arr": [{"x": 1}, {"x": 2}]})");
    JsonPath::parse("$.a.b.c.d").assign(target, true);
    CHECK(target["a"]["b"] == json::parse(R"({"keep": 1, "c": {"d": true}})"));
    JsonPath::parse("$.arr[1].x").assign(target, 20);
    JsonPath::parse("$['arr'][0]").assign(target, "first");
    CHECK(target["arr"] == json::parse(R"(["first", {"x": 20}])"));
    JsonPath::parse("$.a['new key']").assign(target, nullptr);
    CHECK(target["a"].contains("new key"));
  }
}

TEST_CASE("JsonPath: ResultPath failures leave the input untouched") {
  auto failure = [](const char* path, json target) {
    json before = target;
    try {
      JsonPath::parse(path).assign(target, "v");
    } catch (const StatesError& e) {
      CHECK(target == before);
      CHECK(e.error == "States.ResultPathMatchFailure");
      return e.cause;
    }
    return std::string("no error");
  };
  // The specification: input {"a": 3} with ResultPath "$.a.b".
  CHECK(failure("$.a.b", json::parse(R"({"a": 3})")) ==
        R"(Unable to apply ReferencePath $.a.b to input {"a":3})");
  // AWS quotes a string input as JSON.
  CHECK(failure("$.partitioned", json("{\"min_size\":1}")) ==
        R"(Unable to apply ReferencePath $.partitioned to input "{\"min_size\":1}")");
  CHECK(failure("$.x", json::parse("[1,2]")) == "Unable to apply ReferencePath $.x to input [1,2]");
  CHECK(failure("$.x", json(nullptr)) == "Unable to apply ReferencePath $.x to input null");
  CHECK(failure("$.a.b", json::parse(R"({"a": null})")) ==
        R"(Unable to apply ReferencePath $.a.b to input {"a":null})");
  CHECK(failure("$.a[2]", json::parse(R"({"a": [1]})")) ==
        R"(Unable to apply ReferencePath $.a[2] to input {"a":[1]})");
  CHECK(failure("$.a[0]", json::parse(R"({"a": {"0": 1}})")) ==
        R"(Unable to apply ReferencePath $.a[0] to input {"a":{"0":1}})");
  CHECK(failure("$.new.list[0]", json::object()) ==
        "Unable to apply ReferencePath $.new.list[0] to input {}");
  json target = json::object();
  CHECK_THROWS_AS(JsonPath::parse("$.a[*]").assign(target, 1), std::logic_error);
  CHECK_THROWS_AS(JsonPath::parse("$$.a").assign(target, 1), std::logic_error);
}

TEST_CASE("pathNotFoundError words the cause like AWS") {
  StatesError e = pathNotFoundError("$.missing", "InputPath", json::parse(R"({"a": [1, "x"]})"));
  CHECK(e.error == "States.Runtime");
  CHECK(
      e.cause ==
      R"(The JSONPath '$.missing' specified for the field 'InputPath' could not be found in the input '{"a":[1,"x"]}')");
}
