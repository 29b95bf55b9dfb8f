#include <catch2/catch.hpp>

#include "emulator/core/python_repr.h"

using stepsim::core::pythonRepr;

TEST_CASE("pythonRepr quotes as Python does") {
  CHECK(pythonRepr("plain") == "'plain'");
  CHECK(pythonRepr("it's") == "\"it's\"");
  CHECK(pythonRepr("it's \"x\"") == "'it\\'s \"x\"'");
  CHECK(pythonRepr("a\\b") == "'a\\\\b'");
}

TEST_CASE("pythonRepr escapes control characters and keeps printable text") {
  CHECK(pythonRepr("\t\n\r") == "'\\t\\n\\r'");
  CHECK(pythonRepr(std::string("\0\x1f\x7f", 3)) == "'\\x00\\x1f\\x7f'");
  CHECK(pythonRepr("\u0085\u2028") == "'\\x85\\u2028'");
  CHECK(pythonRepr("caf\u00e9 \u4e2d") == "'caf\u00e9 \u4e2d'");
}
