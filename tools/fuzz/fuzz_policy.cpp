// Fuzz target: IAM policy documents, which CreateRole, PutRolePolicy, CreatePolicy and AssumeRole
// read from clients. The first byte picks the kind (identity or trust); the rest is the document.
// Parsing may fail only with core::AwsError MalformedPolicyDocument (400); a document it accepts
// must evaluate, for an action and a resource and as a trust policy, without failing.

#include "emulator/core/aws_error.h"
#include "emulator/iam/policy_document.h"
#include "emulator/iam/policy_evaluation.h"
#include "tools/fuzz/fuzz_support.h"

using namespace stepsim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  iam::PolicyKind kind = data[0] % 2 ? iam::PolicyKind::Trust : iam::PolicyKind::Identity;
  try {
    iam::PolicyDocument document = iam::parsePolicyDocument(fuzz::asText(data + 1, size - 1), kind);
    iam::RequestContext request{"batch:DescribeJobs",
                                "arn:aws:batch:us-east-1:123456789012:job/x",
                                {{"aws:PrincipalArn", {"arn:aws:iam::123456789012:role/r"}},
                                 {"aws:CurrentTime", {"2026-01-01T00:00:00Z"}},
                                 {"aws:SourceIp", {"10.0.0.1"}}}};
    const iam::PolicyDocument* documents[] = {&document};
    (void)iam::evaluate(documents, request);
    (void)iam::trustAllows(document, "Service:states.amazonaws.com", "sts:AssumeRole", request);
  } catch (const core::AwsError& error) {
    if (error.code != "MalformedPolicyDocument" || error.httpStatus != 400) __builtin_trap();
  }
  return 0;
}
