// core::lineOfPointer finds the source line of a JSON pointer by scanning the text again (nlohmann
// keeps no positions); lineOfOffset and appendPointer are its small helpers.
#include <catch2/catch.hpp>

#include <string>

#include "emulator/core/json_location.h"

using stepsim::core::appendPointer;
using stepsim::core::lineOfOffset;
using stepsim::core::lineOfPointer;

namespace {

// Every member on a line of its own, so each pointer has a line to name.
const std::string kText = R"({
  "name": "x",
  "list": [
    1,
    {"deep": true, "other": [10, 20]},
    [
      "a"
    ]
  ],
  "a/b": {
    "m~n": 5
  },
  "say \"hi\"": 1,
  "back\\slash": 2,
  "tricky": "value with \"quotes\", a \\ and } ] { [ : braces",
  "escaped\/slash": 4,
  "after": 3
}
)";

}  // namespace

TEST_CASE("lineOfPointer: the root pointer is where the document starts") {
  CHECK(lineOfPointer(kText, "") == 1);
  CHECK(lineOfPointer("\n\n  {\"a\": 1}", "") == 3);
  CHECK(lineOfPointer("\r\n\t[1]", "") == 2);
}

TEST_CASE("lineOfPointer: object members give the line of their key") {
  CHECK(lineOfPointer(kText, "/name") == 2);
  CHECK(lineOfPointer(kText, "/list") == 3);
  CHECK(lineOfPointer(kText, "/after") == 17);  // after skipping every earlier value
  // The key's line, even when the value starts on a later one.
  CHECK(lineOfPointer("{\n\"k\":\n\n  7\n}", "/k") == 2);
}

TEST_CASE("lineOfPointer: array items give the line where the item starts") {
  CHECK(lineOfPointer(kText, "/list/0") == 4);
  CHECK(lineOfPointer(kText, "/list/1") == 5);
  CHECK(lineOfPointer(kText, "/list/2") == 6);
  CHECK(lineOfPointer("[\n\n  1,\n  2\n]", "/1") == 4);
  CHECK(lineOfPointer("[\n\n  1,\n  2\n]", "/0") == 3);
  CHECK(lineOfPointer("[{\"a\": [\n1]},\n\"s\"]", "/1") == 3);  // skipping a nested first item
}

TEST_CASE("lineOfPointer: nested paths") {
  CHECK(lineOfPointer(kText, "/list/1/deep") == 5);
  CHECK(lineOfPointer(kText, "/list/1/other/1") == 5);
  CHECK(lineOfPointer(kText, "/list/2/0") == 7);
  std::string text = "{\"a\": {\n  \"b\": [\n    {},\n    {\n      \"c\": 1\n    }\n  ]\n}}";
  CHECK(lineOfPointer(text, "/a") == 1);
  CHECK(lineOfPointer(text, "/a/b") == 2);
  CHECK(lineOfPointer(text, "/a/b/1") == 4);
  CHECK(lineOfPointer(text, "/a/b/1/c") == 5);
}

TEST_CASE("lineOfPointer: escaped steps (~1 for '/', ~0 for '~')") {
  CHECK(lineOfPointer(kText, "/a~1b") == 10);
  CHECK(lineOfPointer(kText, "/a~1b/m~0n") == 11);
  // A key written with the JSON escape \/ is the same key.
  CHECK(lineOfPointer(kText, "/escaped~1slash") == 16);
  // Unescaped, "/a/b" is two steps: "a" is not there.
  CHECK(lineOfPointer(kText, "/a/b") == 1);
}

TEST_CASE("lineOfPointer: keys containing escaped quotes and backslashes") {
  CHECK(lineOfPointer(kText, "/say \"hi\"") == 13);
  CHECK(lineOfPointer(kText, "/back\\slash") == 14);
  // A string value full of quotes, braces and colons is skipped whole.
  CHECK(lineOfPointer(kText, "/tricky") == 15);
  CHECK(lineOfPointer("{\"q\": \"a\\\"b\",\n\"r\": 1}", "/r") == 2);
  CHECK(lineOfPointer("{\"q\": \"ends with backslash\\\\\",\n\"r\": 1}", "/r") == 2);
}

TEST_CASE("lineOfPointer: a missing last step gives the line of the deepest value found") {
  CHECK(lineOfPointer(kText, "/nothing") == 1);            // the root
  CHECK(lineOfPointer(kText, "/list/7") == 3);             // past the end of the array
  CHECK(lineOfPointer(kText, "/list/-") == 3);             // not an index
  CHECK(lineOfPointer(kText, "/list/x") == 3);
  CHECK(lineOfPointer(kText, "/list/1/missing") == 5);
  CHECK(lineOfPointer(kText, "/a~1b/nothing") == 10);
  CHECK(lineOfPointer(kText, "/name/below") == 2);         // a scalar has no members
  CHECK(lineOfPointer(kText, "/list/2/0/deeper") == 7);
  CHECK(lineOfPointer("{\"empty\":\n{}}", "/empty/x") == 1);
  CHECK(lineOfPointer("{\"empty\":\n[]}", "/empty/0") == 1);
}

TEST_CASE("lineOfPointer: text that is not JSON enough to follow is 0") {
  CHECK(lineOfPointer("{a: 1}", "/a") == 0);                    // unquoted key
  CHECK(lineOfPointer("{\"a\" 1}", "/a") == 0);                 // no colon
  CHECK(lineOfPointer("{\"a\": 1,\n\"b\" 2}", "/b") == 0);
  CHECK(lineOfPointer("{\"s\": \"unterminated string", "/t") == 0);
  CHECK(lineOfPointer("{\"x\": {\"y\": 1, , \"z\": 2}}", "/x/z") == 0);
  CHECK(lineOfPointer("[1, {\"a\" 2}, 3]", "/2") == 0);
  CHECK(lineOfPointer("{\"unterminated key", "/k") == 0);

  // Text that is not a container at all: the root is the deepest value reached.
  CHECK(lineOfPointer("hello world", "/a") == 1);
  CHECK(lineOfPointer("\n\n42", "/a") == 3);
}

TEST_CASE("lineOfOffset counts newlines before the offset") {
  std::string text = "a\nbc\n\nd";
  CHECK(lineOfOffset(text, 0) == 1);
  CHECK(lineOfOffset(text, 1) == 1);  // the newline itself ends line 1
  CHECK(lineOfOffset(text, 2) == 2);
  CHECK(lineOfOffset(text, 4) == 2);
  CHECK(lineOfOffset(text, 5) == 3);
  CHECK(lineOfOffset(text, 6) == 4);
  CHECK(lineOfOffset(text, text.size()) == 4);
  CHECK(lineOfOffset(text, 1000) == 4);  // clamped to the end
  CHECK(lineOfOffset("", 0) == 1);
  CHECK(lineOfOffset("\r\n\r\n", 4) == 3);
}

TEST_CASE("appendPointer escapes '~' and '/'") {
  CHECK(appendPointer("", "a") == "/a");
  CHECK(appendPointer("/x", "b") == "/x/b");
  CHECK(appendPointer("", "a/b") == "/a~1b");
  CHECK(appendPointer("", "m~n") == "/m~0n");
  CHECK(appendPointer("/p", "~/") == "/p/~0~1");
  CHECK(appendPointer("/p", "~1") == "/p/~01");  // a literal "~1" must not read back as '/'
  CHECK(appendPointer("/p", "") == "/p/");
  CHECK(appendPointer("", "say \"hi\"") == "/say \"hi\"");
}

TEST_CASE("appendPointer and lineOfPointer agree on awkward keys") {
  std::string text = "{\n\"~1\": 0,\n\"a/b~c\": {\n\"~\": 1}\n}";
  CHECK(lineOfPointer(text, appendPointer("", "~1")) == 2);
  CHECK(lineOfPointer(text, appendPointer("", "a/b~c")) == 3);
  CHECK(lineOfPointer(text, appendPointer(appendPointer("", "a/b~c"), "~")) == 4);
}
