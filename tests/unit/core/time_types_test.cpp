#include <catch2/catch.hpp>

#include "emulator/core/time_types.h"

using namespace stepsim::core;

TEST_CASE("ISO-8601 formatting") {
  CHECK(formatIso8601(0) == "1970-01-01T00:00:00.000Z");
  CHECK(formatIso8601(1767225600000) == "2026-01-01T00:00:00.000Z");
  CHECK(formatIso8601(951782400123) == "2000-02-29T00:00:00.123Z");
  CHECK(formatIso8601Offset(1767225600000) == "2026-01-01T00:00:00.000+0000");
  CHECK(formatIso8601(-1) == "1969-12-31T23:59:59.999Z");
}

TEST_CASE("ISO-8601 parsing accepts zones, fractions and dates") {
  CHECK(parseIso8601("2026-01-01T00:00:00Z") == 1767225600000);
  CHECK(parseIso8601("2026-01-01T00:00:00.5Z") == 1767225600500);
  CHECK(parseIso8601("2026-01-01T01:00:00+01:00") == 1767225600000);
  CHECK(parseIso8601("2025-12-31T19:00:00-0500") == 1767225600000);
  CHECK(parseIso8601("2026-01-01") == 1767225600000);
  CHECK(parseIso8601("2026-01-01T00:00Z") == 1767225600000);
  CHECK(parseIso8601(formatIso8601(1234567890123)) == 1234567890123);
}

TEST_CASE("ISO-8601 parsing rejects malformed text") {
  for (const char* bad : {"", "2026", "2026-13-01", "2026-02-30", "2025-02-29", "2026-01-01T25:00:00Z",
                          "2026-01-01T00:00:00", "2026-01-01T00:00:00Zjunk", "tomorrow",
                          "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00+5"}) {
    INFO(bad);
    CHECK_FALSE(parseIso8601(bad).has_value());
  }
}
