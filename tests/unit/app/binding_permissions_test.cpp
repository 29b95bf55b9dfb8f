// What each service's calls need from the role that signs them: IAM's action names and the ARNs
// of the resources the call names, as docs/iam.md lists them.
#include <catch2/catch.hpp>

#include "emulator/app/batch_binding.h"
#include "emulator/app/iam_binding.h"
#include "emulator/app/lambda_binding.h"
#include "emulator/app/sfn_binding.h"
#include "emulator/app/sts_binding.h"
#include "emulator/core/json.h"

using namespace stepsim;
using namespace stepsim::app;
using json = stepsim::Json;

namespace {

const AwsPlace kPlace{"eu-west-1", "111122223333"};

std::vector<std::pair<std::string, std::string>> needed(const ServiceBinding& binding,
                                                        const std::string& operation,
                                                        const json& input) {
  ServiceCall call{{operation, input, std::nullopt}, "request-id", {}};
  std::vector<std::pair<std::string, std::string>> out;
  for (const Permission& p : binding.permissions(call, kPlace))
    out.emplace_back(p.action, p.resource);
  return out;
}

using Needs = std::vector<std::pair<std::string, std::string>>;

}  // namespace

TEST_CASE("Batch: SubmitJob on its definition and queue, others on what they name") {
  CHECK(needed(kBatchBinding, "SubmitJob", {{"jobDefinition", "def:2"}, {"jobQueue", "q"}}) ==
        Needs{{"batch:SubmitJob", "arn:aws:batch:eu-west-1:111122223333:job-definition/def:2"},
              {"batch:SubmitJob", "arn:aws:batch:eu-west-1:111122223333:job-queue/q"}});
  CHECK(needed(kBatchBinding, "TerminateJob", {{"jobId", "abc"}, {"reason", "r"}}) ==
        Needs{{"batch:TerminateJob", "arn:aws:batch:eu-west-1:111122223333:job/abc"}});
  CHECK(needed(kBatchBinding, "DescribeJobs", {{"jobs", {"abc"}}}) ==
        Needs{{"batch:DescribeJobs", "*"}});
  CHECK(needed(kBatchBinding, "TagResource", {{"resourceArn", "arn:aws:batch:x"}}) ==
        Needs{{"batch:TagResource", "arn:aws:batch:x"}});
}

TEST_CASE("Lambda: the Invoke family is InvokeFunction, on the function and its qualifier") {
  CHECK(needed(kLambdaBinding, "Invoke", {{"FunctionName", "f"}, {"Qualifier", "live"}}) ==
        Needs{{"lambda:InvokeFunction", "arn:aws:lambda:eu-west-1:111122223333:function:f:live"}});
  CHECK(needed(kLambdaBinding, "GetFunction",
               {{"FunctionName", "arn:aws:lambda:us-east-1:444455556666:function:g"}}) ==
        Needs{{"lambda:GetFunction", "arn:aws:lambda:us-east-1:444455556666:function:g"}});
  CHECK(needed(kLambdaBinding, "ListFunctions", json::object()) ==
        Needs{{"lambda:ListFunctions", "*"}});
}

TEST_CASE("Step Functions: on the machine, execution or activity named, or to be created") {
  CHECK(needed(kStepFunctionsBinding, "StartExecution", {{"stateMachineArn", "arn:sm"}}) ==
        Needs{{"states:StartExecution", "arn:sm"}});
  CHECK(
      needed(kStepFunctionsBinding, "CreateStateMachine", {{"name", "m"}}) ==
      Needs{{"states:CreateStateMachine", "arn:aws:states:eu-west-1:111122223333:stateMachine:m"}});
  CHECK(needed(kStepFunctionsBinding, "SendTaskSuccess", {{"taskToken", "t"}}) ==
        Needs{{"states:SendTaskSuccess", "*"}});
}

TEST_CASE("IAM and STS calls are not checked") {
  CHECK(kIamBinding.permissions == nullptr);
  CHECK(kStsBinding.permissions == nullptr);
  CHECK(kIamBinding.accessDeniedCode == "AccessDenied");
  CHECK(kBatchBinding.accessDeniedCode == "AccessDeniedException");
}
