// core::xmlEscape: what XML error answers and JUnit reports write.
#include <catch2/catch.hpp>

#include "emulator/core/xml_text.h"

using stepsim::core::xmlEscape;

TEST_CASE("xmlEscape escapes markup and keeps valid UTF-8") {
  CHECK(xmlEscape("a<b>&\"c\"'d'") == "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
  CHECK(xmlEscape("caf\xc3\xa9\t\n\r") == "caf\xc3\xa9\t\n\r");
  CHECK(xmlEscape("") == "");
}

TEST_CASE("xmlEscape writes what XML cannot hold as '?'") {
  CHECK(xmlEscape(std::string("a\x01" "b\x1f", 4)) == "a?b?");
  // Text that is not valid UTF-8: every non-ASCII byte, so no sequence is left half.
  CHECK(xmlEscape("caf\xc3\xa9 \xff") == "caf?? ?");
}
