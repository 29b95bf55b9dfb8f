// core::wildcardMatch: what Batch's lifecycle rules and retry strategies and IAM's actions and
// resources match with.
#include <catch2/catch.hpp>

#include <string>

#include "emulator/core/wildcard.h"

using stepsim::core::Case;
using stepsim::core::wildcardMatch;

TEST_CASE("* spans any run, separators included; ? is one byte") {
  CHECK(wildcardMatch("job-*", "job-"));
  CHECK(wildcardMatch("arn:aws:lambda:*:function:Check*",
                      "arn:aws:lambda:us-east-1:123456789012:function:CheckJob"));
  CHECK(wildcardMatch("glob-?x*", "glob-ax-1"));
  CHECK_FALSE(wildcardMatch("glob-?x*", "glob-x"));
  CHECK_FALSE(wildcardMatch("abc", "abcd"));
  CHECK(wildcardMatch("", ""));
  CHECK_FALSE(wildcardMatch("", "a"));
}

TEST_CASE("a * in the pattern stays a wildcard when the text has a * too") {
  CHECK(wildcardMatch("*b", "*ab"));
  CHECK(wildcardMatch("a*", "a*"));
}

TEST_CASE("letters match in case or regardless of it, as asked") {
  CHECK_FALSE(wildcardMatch("lambda:invoke*", "lambda:InvokeFunction"));
  CHECK(wildcardMatch("LAMBDA:invoke*", "lambda:InvokeFunction", Case::Insensitive));
}

TEST_CASE("long texts and many stars cost no recursion") {
  std::string text(100000, 'a');
  CHECK(wildcardMatch("*a*a*a*a*a*", text));
  CHECK_FALSE(wildcardMatch("*a*a*b", text));
}
