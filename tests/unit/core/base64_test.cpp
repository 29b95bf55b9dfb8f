#include <catch2/catch.hpp>

#include "emulator/core/base64.h"

using namespace stepsim::core;

TEST_CASE("base64 round-trips and rejects what is not padded standard base64") {
  CHECK(encodeBase64("") == "");
  CHECK(encodeBase64("a") == "YQ==");
  CHECK(encodeBase64("ab") == "YWI=");
  CHECK(encodeBase64("abc") == "YWJj");
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  CHECK(decodeBase64(encodeBase64(bytes)) == bytes);
  for (const char* bad : {"YQ", "YQ=a", "Y!==", "====", "YQ==YQ=="}) {
    INFO(bad);
    CHECK_FALSE(decodeBase64(bad).has_value());
  }
}

TEST_CASE("offset tokens decode only with the magic they were made with") {
  std::string token = encodeOffsetToken("stepsim-batch:", 150);
  CHECK(decodeOffsetToken("stepsim-batch:", token) == 150u);
  CHECK_FALSE(decodeOffsetToken("stepsim-lambda:", token).has_value());
  CHECK_FALSE(decodeOffsetToken("stepsim-batch:", "not a token").has_value());
  CHECK_FALSE(decodeOffsetToken("stepsim-batch:", encodeBase64("stepsim-batch:12x")).has_value());
  CHECK_FALSE(decodeOffsetToken("stepsim-batch:", encodeBase64("stepsim-batch:")).has_value());
  CHECK_FALSE(decodeOffsetToken("stepsim-batch:", std::string(1000, 'A')).has_value());
}
