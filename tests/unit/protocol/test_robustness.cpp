#include <random>

#include <catch2/catch.hpp>

#include "tests/unit/protocol/toy_model.h"

using namespace stepsim::protocol;
using namespace stepsim::protocol::test;
namespace core = stepsim::core;

namespace {

// Decoding either succeeds or throws AwsError with a 400: garbage must never crash or escape as
// another exception type.
void decodeOrAwsError(const RestJsonService& service, const HttpRequest& r) {
  try {
    decodeRestJson(service, r);
  } catch (const core::AwsError& e) {
    CHECK(e.httpStatus == 400);
    CHECK_NOTHROW(encodeError(e, "r"));
  }
}

}  // namespace

TEST_CASE("garbage requests yield AwsErrors, never crashes") {
  RestJsonService batch{&serviceModel("batch"), "ClientException", "ClientException"};
  RestJsonService toy = toyService();
  const std::vector<std::string> pathPieces = {
      "/",        "v1",      "tags", "submitjob", "things", "objects", "%", "%2", "%2F",
      "%FF",      "%00",     "{",    "}",         "?",      "&",       "=", "+",  "tagKeys",
      "maxItems", "verbose", "1",    "x",         "\xC3",   "\xFF",    "//"};
  const std::vector<std::string> bodyPieces = {"{",
                                               "}",
                                               "[",
                                               "]",
                                               "\"",
                                               "jobName",
                                               ":",
                                               ",",
                                               "1",
                                               "-1e999",
                                               "null",
                                               "true",
                                               "\\u0000",
                                               "\\ud800",
                                               "\xFF",
                                               "\xC3",
                                               " ",
                                               "\"jobs\":[",
                                               "\"retryStrategy\":{\"attempts\":",
                                               "\"tags\":{"};
  const std::vector<std::string> methods = {"GET", "POST", "PUT", "DELETE", "", "get"};
  std::mt19937 rng(12345);
  auto pick = [&](const std::vector<std::string>& from) { return from[rng() % from.size()]; };
  for (int i = 0; i < 3000; ++i) {
    HttpRequest r;
    r.method = pick(methods);
    for (int k = rng() % 8; k >= 0; --k) r.target += pick(pathPieces);
    for (int k = rng() % 12; k > 0; --k) r.body += pick(bodyPieces);
    if (rng() % 3 == 0) r.headers.emplace_back("X-Toy-Count", pick(pathPieces));
    decodeOrAwsError(batch, r);
    decodeOrAwsError(toy, r);
  }
}

TEST_CASE("deeply nested bodies are rejected without exhausting the stack") {
  RestJsonService batch{&serviceModel("batch"), "ClientException", "ClientException"};
  HttpRequest r = request("POST", "/v1/submitjob", std::string(200000, '['));
  CHECK(awsErrorFrom([&] { decodeRestJson(batch, r); }).code == "ClientException");
  std::string nested = R"({"jobName":"j","jobQueue":"q","jobDefinition":"d","parameters":)";
  for (int i = 0; i < 100000; ++i) nested += R"({"a":)";
  nested += "1" + std::string(100000, '}') + "}";
  r.body = nested;
  CHECK(awsErrorFrom([&] { decodeRestJson(batch, r); }).code == "ClientException");
}
