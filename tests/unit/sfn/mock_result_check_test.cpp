// TestState's fieldValidationMode: mocked results checked against the integration's output shape.
#include "emulator/core/aws_error.h"
#include "emulator/stepfunctions/test_state/mock_result_check.h"
#include "engine_fixture.h"

using namespace stepsim::sfn;
using namespace stepsim::sfn::test;

namespace {

// The one Task state of a machine calling `resource`.
const State& taskCalling(std::shared_ptr<const Program>& keep, const std::string& resource) {
  keep = compileOrFail(single({{"Type", "Task"}, {"Resource", resource}, {"End", true}}, "T"));
  return keep->states[static_cast<std::size_t>(keep->find("T"))];
}

// The ValidationException message checking `result` gives, or "" when it passes.
std::string problem(const std::string& resource, const json& result,
                    FieldValidationMode mode = FieldValidationMode::Strict) {
  std::shared_ptr<const Program> keep;
  try {
    checkMockResult(taskCalling(keep, resource), result, mode);
  } catch (const stepsim::core::AwsError& e) {
    CHECK(e.code == "ValidationException");
    return e.message;
  }
  return "";
}

constexpr const char* kStart = "arn:aws:states:::states:startExecution";
constexpr const char* kSqs = "arn:aws:states:::sqs:sendMessage";

}  // namespace

TEST_CASE("mock results: STRICT wants the required fields, in Step Functions' PascalCase") {
  CHECK(problem(kStart, {{"ExecutionArn", "arn"}, {"StartDate", 1.5}}).empty());
  CHECK(problem(kStart, {{"executionArn", "arn"}, {"startDate", 1.5}}) ==
        "Mock result schema validation error: Required field 'ExecutionArn' is missing");
  CHECK(problem(kStart, json::object(), FieldValidationMode::Present).empty());
}

TEST_CASE("mock results: the types, lengths, ranges and enums of the model") {
  CHECK(problem(kStart, {{"ExecutionArn", "arn"}, {"StartDate", true}}) ==
        "Mock result schema validation error: Field 'StartDate' must be a string");
  CHECK(problem("arn:aws:states:::lambda:invoke", {{"StatusCode", "200"}}) ==
        "Mock result schema validation error: Field 'StatusCode' must be a number");
  CHECK(problem("arn:aws:states:::aws-sdk:lambda:getFunction", {{"Configuration", {{"MemorySize", 64}}}},
                FieldValidationMode::Present) ==
        "Mock result schema validation error: Field 'MemorySize' is less than the minimum value");
  CHECK(problem("arn:aws:states:::events:putEvents", {{"Entries", {{{"EventId", "a"}}, {{"EventId", 7}}}}}) ==
        "Mock result schema validation error: Field 'EventId' must be a string");
  CHECK(problem("arn:aws:states:::aws-sdk:s3:getObject", {{"StorageClass", "NOT_A_CLASS"}}) ==
        "Mock result schema validation error: Field 'StorageClass' is not an expected value");
}

TEST_CASE("mock results: what is not checked") {
  CHECK(problem(kSqs, {{"Unknown", {1, 2}}, {"MessageId", "m"}}).empty());      // fields outside the model
  CHECK(problem(kSqs, {{"MessageId", 5}}, FieldValidationMode::None).empty());  // NONE
  CHECK(problem("arn:aws:states:::aws-sdk:glue:startJobRun", {{"JobRunId", 5}}).empty());  // no model here
}
