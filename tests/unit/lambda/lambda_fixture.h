#pragma once
// Shared set-up for the Lambda unit tests: a manual-clock simulation, the service, ZIP packages
// built in memory with libzip, and helpers for calls that must fail.
#include <zip.h>

#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "emulator/core/aws_error.h"
#include "emulator/core/base64.h"
#include "emulator/core/json.h"
#include "emulator/core/simulation.h"
#include "emulator/lambda/code_package.h"
#include "emulator/lambda/lambda_service.h"

namespace stepsim::lambda::test {

using json = stepsim::Json;
namespace core = stepsim::core;

constexpr const char* kRole = "arn:aws:iam::123456789012:role/lambda-role";
constexpr const char* kArnPrefix = "arn:aws:lambda:us-east-1:123456789012:function:";

// A ZIP archive holding `files` (name, content), built in memory.
inline std::string makeZip(const std::vector<std::pair<std::string, std::string>>& files) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(nullptr, 0, 0, &error);
  REQUIRE(source);
  zip_t* archive = zip_open_from_source(source, ZIP_TRUNCATE, &error);
  REQUIRE(archive);
  zip_source_keep(source);
  for (const auto& [name, content] : files) {
    zip_source_t* file = zip_source_buffer(archive, content.data(), content.size(), 0);
    zip_int64_t index =
        zip_file_add(archive, name.c_str(), file, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8);
    REQUIRE(index >= 0);
    // A fixed time: the same files always make the same bytes.
    zip_file_set_mtime(archive, static_cast<zip_uint64_t>(index), 1767225600, 0);
  }
  REQUIRE(zip_close(archive) == 0);
  REQUIRE(zip_source_open(source) == 0);
  zip_source_seek(source, 0, SEEK_END);
  zip_int64_t size = zip_source_tell(source);
  zip_source_seek(source, 0, SEEK_SET);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  REQUIRE(zip_source_read(source, bytes.data(), bytes.size()) == size);
  zip_source_close(source);
  zip_source_free(source);
  zip_error_fini(&error);
  return bytes;
}

inline std::string handlerZip(
    const std::string& body = "def handler(event, context):\n  return 1\n") {
  return makeZip({{"app.py", body}});
}

// Two built-in handlers for tests: "echo" returns the event, "fail" is a function error.
class TestHandlers : public BuiltinHandlers {
 public:
  bool has(std::string_view name) const override { return name == "echo" || name == "fail"; }
  std::vector<std::string> names() const override { return {"echo", "fail"}; }
  HandlerResult run(std::string_view name, const json& event, const std::string& roleArn) override {
    ++runs;
    lastRole = roleArn;
    HandlerResult r;
    if (name == "fail") {
      r.failed = true;
      r.errorType = "TestError";
      r.errorMessage = "failed on purpose";
    } else {
      r.value = event;
    }
    return r;
  }
  int runs = 0;
  std::string lastRole;  // the execution role of the last run's function
};

struct Fixture {
  explicit Fixture(std::uint64_t seed = 42) : sim(config(seed)), lambda(sim) {
    lambda.setBuiltinHandlers(&handlers);
  }

  static core::SimulationConfig config(std::uint64_t seed) {
    core::SimulationConfig c;
    c.mode = core::ClockMode::Manual;
    c.seed = seed;
    return c;
  }

  json call(std::string_view op, const json& input) { return lambda.handle(op, input); }

  // The error of a call that must fail.
  core::AwsError error(std::string_view op, const json& input) {
    try {
      lambda.handle(op, input);
    } catch (const core::AwsError& e) {
      CHECK(e.extraMembers.value("Type", "") == "User");
      CHECK(e.extraMembers.value("Message", "") == e.message);
      return e;
    }
    FAIL("expected an error from " << op << " " << input.dump());
    throw;
  }

  json create(const std::string& name, json extras = json::object(),
              const std::string& zip = handlerZip()) {
    json in = {{"FunctionName", name},
               {"Runtime", "python3.12"},
               {"Role", kRole},
               {"Handler", "app.handler"},
               {"Code", {{"ZipFile", core::encodeBase64(zip)}}}};
    in.update(extras);
    return call("CreateFunction", in);
  }

  core::Simulation sim;
  TestHandlers handlers;
  LambdaService lambda;
};

}  // namespace stepsim::lambda::test
