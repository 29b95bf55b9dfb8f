#include <catch2/catch.hpp>

#include "emulator/protocol/uri.h"
#include "emulator/core/utf8.h"

using namespace stepsim::protocol;

TEST_CASE("splitPath keeps segments encoded and ignores a trailing slash") {
  using V = std::vector<std::string_view>;
  CHECK(splitPath("/v1/tags/a%2Fb") == V{"v1", "tags", "a%2Fb"});
  CHECK(splitPath("/v1/submitjob/") == V{"v1", "submitjob"});
  CHECK(splitPath("/") == V{});
  CHECK(splitPath("") == V{});
  CHECK(splitPath("/a//b") == V{"a", "", "b"});
}

TEST_CASE("percentDecode decodes escapes, keeps '+' and malformed escapes") {
  CHECK(percentDecode("arn%3Aaws%3Abatch%2Fx") == "arn:aws:batch/x");
  CHECK(percentDecode("a+b") == "a+b");
  CHECK(percentDecode("a%2Bb%20c") == "a+b c");
  CHECK(percentDecode("%zz%4") == "%zz%4");
  CHECK(percentDecode("%") == "%");
  CHECK(percentDecode("%24LATEST") == "$LATEST");
}

TEST_CASE("parseQuery decodes keys and values in order") {
  QueryParams q = parseQuery("tagKeys=a&tagKeys=b%20c&flag&x=1+2&&=v");
  REQUIRE(q.size() == 5);
  CHECK(q[0] == std::pair<std::string, std::string>{"tagKeys", "a"});
  CHECK(q[1] == std::pair<std::string, std::string>{"tagKeys", "b c"});
  CHECK(q[2] == std::pair<std::string, std::string>{"flag", ""});
  CHECK(q[3] == std::pair<std::string, std::string>{"x", "1+2"});
  CHECK(q[4] == std::pair<std::string, std::string>{"", "v"});
  CHECK(parseQuery("").empty());
}

using namespace stepsim::core;

TEST_CASE("utf8 helpers count code points and reject malformed input") {
  CHECK(utf8Length("abc") == 3);
  CHECK(utf8Length("h\xC3\xA9llo \xF0\x9F\x98\x80") == 7);
  CHECK(utf8Truncate("h\xC3\xA9llo", 2) == "h\xC3\xA9");
  CHECK(utf8Truncate("abc", 10) == "abc");
  CHECK(isValidUtf8("h\xC3\xA9 \xF0\x9F\x98\x80"));
  CHECK_FALSE(isValidUtf8("\xFF"));
  CHECK_FALSE(isValidUtf8("\xC3"));              // truncated sequence
  CHECK_FALSE(isValidUtf8("\xC0\xAF"));          // overlong
  CHECK_FALSE(isValidUtf8("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(isValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
}
