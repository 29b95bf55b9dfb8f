#include <catch2/catch.hpp>
#include <initializer_list>
#include <string>
#include <vector>

#include "emulator/iam/policy_document.h"
#include "emulator/iam/policy_evaluation.h"

using namespace stepsim::iam;

namespace {

using Keys = std::map<std::string, std::vector<std::string>, std::less<>>;

constexpr std::string_view kFunction = "arn:aws:lambda:us-east-1:123456789012:function:worker";

PolicyDocument identityPolicy(std::string_view statements) {
  return parsePolicyDocument(
      R"({"Version":"2012-10-17","Statement":[)" + std::string(statements) + "]}",
      PolicyKind::Identity);
}

PolicyDocument trustPolicy(std::string_view statements) {
  return parsePolicyDocument(
      R"({"Version":"2012-10-17","Statement":[)" + std::string(statements) + "]}",
      PolicyKind::Trust);
}

RequestContext request(std::string_view action, std::string_view resource, Keys keys = {}) {
  return RequestContext{std::string(action), std::string(resource), std::move(keys)};
}

Decision decide(std::initializer_list<const PolicyDocument*> policies,
                const RequestContext& context) {
  const std::vector<const PolicyDocument*> list(policies);
  return evaluate(list, context);
}

Decision decide(const PolicyDocument& policy, std::string_view action, std::string_view resource,
                Keys keys = {}) {
  return decide({&policy}, request(action, resource, std::move(keys)));
}

// One Allow statement on "*" with the given Condition block, decided for the given keys.
bool conditionAllows(std::string_view conditionBlock, Keys keys) {
  const PolicyDocument policy =
      identityPolicy(R"({"Effect":"Allow","Action":"*","Resource":"*","Condition":)" +
                     std::string(conditionBlock) + "}");
  return decide(policy, "s3:GetObject", "*", std::move(keys)) == Decision::Allow;
}

bool holds(std::string_view op, std::vector<std::string> policyValues, Keys keys,
           std::string key = "k") {
  return conditionHolds(Condition{std::string(op), std::move(key), std::move(policyValues)},
                        request("s3:GetObject", "*", std::move(keys)));
}

}  // namespace

TEST_CASE("wildcardMatch: * spans any run (separators included), ? one character") {
  CHECK(wildcardMatch("*", "", Case::Sensitive));
  CHECK(wildcardMatch("*", "arn:aws:s3:::b/k", Case::Sensitive));
  CHECK(wildcardMatch("arn:*:function:*", "arn:aws:lambda:us-east-1:1:function:f:live",
                      Case::Sensitive));
  CHECK(wildcardMatch("arn:aws:s3:::b/*", "arn:aws:s3:::b/a/b/c", Case::Sensitive));
  CHECK(wildcardMatch("a?c", "abc", Case::Sensitive));
  CHECK_FALSE(wildcardMatch("a?c", "ac", Case::Sensitive));
  CHECK_FALSE(wildcardMatch("abc", "abcd", Case::Sensitive));
  CHECK_FALSE(wildcardMatch("abc", "ABC", Case::Sensitive));
  CHECK(wildcardMatch("abc", "ABC", Case::Insensitive));
  CHECK(wildcardMatch("Lambda:Invoke*", "lambda:invokefunction", Case::Insensitive));
  CHECK(wildcardMatch("a*b*c", "a_b_b_c", Case::Sensitive));
  CHECK_FALSE(wildcardMatch("a*b*c", "a_b_b_d", Case::Sensitive));
  // A literal * in the text is matched only by a wildcard, never by itself as a literal.
  CHECK(wildcardMatch("a*", "a*", Case::Sensitive));
  CHECK_FALSE(wildcardMatch("a", "*", Case::Sensitive));
  // Many stars against a long near-miss stays fast (no exponential backtracking).
  CHECK_FALSE(wildcardMatch("*a*a*a*a*a*a*a*a*c", std::string(20000, 'a'), Case::Sensitive));
}

TEST_CASE("wildcard actions: service-wide, prefix, single character and everything") {
  const PolicyDocument lambdaAll =
      identityPolicy(R"({"Effect":"Allow","Action":"lambda:*","Resource":"*"})");
  CHECK(decide(lambdaAll, "lambda:InvokeFunction", kFunction) == Decision::Allow);
  CHECK(decide(lambdaAll, "lambda:GetFunction", kFunction) == Decision::Allow);
  CHECK(decide(lambdaAll, "states:StartExecution", "*") == Decision::ImplicitDeny);
  CHECK(decide(lambdaAll, "lambdax:InvokeFunction", "*") == Decision::ImplicitDeny);

  const PolicyDocument invokeOnly =
      identityPolicy(R"({"Effect":"Allow","Action":"lambda:Invoke*","Resource":"*"})");
  CHECK(decide(invokeOnly, "lambda:InvokeFunction", kFunction) == Decision::Allow);
  CHECK(decide(invokeOnly, "lambda:InvokeAsync", kFunction) == Decision::Allow);
  CHECK(decide(invokeOnly, "lambda:GetFunction", kFunction) == Decision::ImplicitDeny);

  const PolicyDocument oneChar =
      identityPolicy(R"({"Effect":"Allow","Action":"batch:?ubmitJob","Resource":"*"})");
  CHECK(decide(oneChar, "batch:SubmitJob", "*") == Decision::Allow);
  CHECK(decide(oneChar, "batch:ReSubmitJob", "*") == Decision::ImplicitDeny);

  const PolicyDocument everything =
      identityPolicy(R"({"Effect":"Allow","Action":"*","Resource":"*"})");
  CHECK(decide(everything, "iam:CreateRole", "arn:aws:iam::123456789012:role/r") ==
        Decision::Allow);
  CHECK(decide(everything, "states:ListStateMachines", "*") == Decision::Allow);
}

TEST_CASE("actions match case-insensitively, resources case-sensitively") {
  const PolicyDocument policy = identityPolicy(
      R"({"Effect":"Allow","Action":"LAMBDA:invokefunction","Resource":"arn:aws:lambda:us-east-1:123456789012:function:Worker"})");
  CHECK(decide(policy, "lambda:InvokeFunction",
               "arn:aws:lambda:us-east-1:123456789012:function:Worker") == Decision::Allow);
  CHECK(decide(policy, "Lambda:INVOKEFUNCTION",
               "arn:aws:lambda:us-east-1:123456789012:function:Worker") == Decision::Allow);
  CHECK(decide(policy, "lambda:InvokeFunction",
               "arn:aws:lambda:us-east-1:123456789012:function:worker") == Decision::ImplicitDeny);
}

TEST_CASE("resource wildcards cross colons and slashes; an action without a resource needs *") {
  const PolicyDocument policy = identityPolicy(R"(
    {"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work*"},
    {"Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::data/in/*","arn:aws:s3:::logs/20??/*"]})");
  CHECK(decide(policy, "lambda:InvokeFunction", kFunction) == Decision::Allow);
  CHECK(decide(policy, "lambda:InvokeFunction", std::string(kFunction) + ":live") ==
        Decision::Allow);
  CHECK(decide(policy, "lambda:InvokeFunction",
               "arn:aws:lambda:us-east-1:123456789012:function:other") == Decision::ImplicitDeny);
  CHECK(decide(policy, "lambda:InvokeFunction",
               "arn:aws:lambda:us-west-2:123456789012:function:worker") == Decision::ImplicitDeny);
  CHECK(decide(policy, "s3:GetObject", "arn:aws:s3:::data/in/a/b.json") == Decision::Allow);
  CHECK(decide(policy, "s3:GetObject", "arn:aws:s3:::data/out/b.json") == Decision::ImplicitDeny);
  CHECK(decide(policy, "s3:GetObject", "arn:aws:s3:::logs/2026/x") == Decision::Allow);
  CHECK(decide(policy, "s3:GetObject", "arn:aws:s3:::logs/202/x") == Decision::ImplicitDeny);
  // The request's "*" (no resource) is matched only by a "*" pattern.
  CHECK(decide(policy, "lambda:InvokeFunction", "*") == Decision::ImplicitDeny);
  const PolicyDocument listing =
      identityPolicy(R"({"Effect":"Allow","Action":"lambda:List*","Resource":"*"})");
  CHECK(decide(listing, "lambda:ListFunctions", "*") == Decision::Allow);
}

TEST_CASE("NotAction and NotResource match what they do not list") {
  const PolicyDocument allButIam =
      identityPolicy(R"({"Effect":"Allow","NotAction":["iam:*","sts:AssumeRole"],"Resource":"*"})");
  CHECK(decide(allButIam, "lambda:InvokeFunction", kFunction) == Decision::Allow);
  CHECK(decide(allButIam, "iam:CreateRole", "*") == Decision::ImplicitDeny);
  CHECK(decide(allButIam, "STS:assumerole", "*") == Decision::ImplicitDeny);
  CHECK(decide(allButIam, "sts:GetCallerIdentity", "*") == Decision::Allow);

  const PolicyDocument onlyThisFunction = identityPolicy(R"(
    {"Effect":"Allow","Action":"lambda:*","Resource":"*"},
    {"Effect":"Deny","Action":"lambda:InvokeFunction","NotResource":"arn:aws:lambda:us-east-1:123456789012:function:worker*"})");
  CHECK(decide(onlyThisFunction, "lambda:InvokeFunction", kFunction) == Decision::Allow);
  CHECK(decide(onlyThisFunction, "lambda:InvokeFunction",
               "arn:aws:lambda:us-east-1:123456789012:function:other") == Decision::ExplicitDeny);
  CHECK(decide(onlyThisFunction, "lambda:GetFunction",
               "arn:aws:lambda:us-east-1:123456789012:function:other") == Decision::Allow);
}

TEST_CASE("an explicit Deny beats any Allow, in one policy or across several") {
  const PolicyDocument allowAll =
      identityPolicy(R"({"Effect":"Allow","Action":"*","Resource":"*"})");
  const PolicyDocument denyIam =
      identityPolicy(R"({"Effect":"Deny","Action":"iam:*","Resource":"*"})");
  const auto createRole = request("iam:CreateRole", "arn:aws:iam::123456789012:role/r");
  CHECK(decide({&allowAll, &denyIam}, createRole) == Decision::ExplicitDeny);
  CHECK(decide({&denyIam, &allowAll}, createRole) == Decision::ExplicitDeny);
  CHECK(decide({&allowAll, &denyIam}, request("lambda:InvokeFunction", kFunction)) ==
        Decision::Allow);
  CHECK(decide({&denyIam}, request("lambda:InvokeFunction", kFunction)) == Decision::ImplicitDeny);

  const PolicyDocument both = identityPolicy(R"(
    {"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"*"},
    {"Effect":"Deny","Action":"lambda:Invoke*","Resource":"*"},
    {"Effect":"Allow","Action":"lambda:*","Resource":"*"})");
  CHECK(decide(both, "lambda:InvokeFunction", kFunction) == Decision::ExplicitDeny);
  CHECK(decide(both, "lambda:GetFunction", kFunction) == Decision::Allow);
}

TEST_CASE("with no matching statement the request is implicitly denied") {
  const PolicyDocument states =
      identityPolicy(R"({"Effect":"Allow","Action":"states:*","Resource":"*"})");
  CHECK(decide(states, "lambda:InvokeFunction", kFunction) == Decision::ImplicitDeny);
  CHECK(evaluate({}, request("lambda:InvokeFunction", kFunction)) == Decision::ImplicitDeny);
  CHECK(decide({nullptr, &states}, request("states:StartExecution", "*")) == Decision::Allow);
  // A Deny that does not apply is not an Allow either.
  const PolicyDocument denyOther =
      identityPolicy(R"({"Effect":"Deny","Action":"iam:*","Resource":"*"})");
  CHECK(decide(denyOther, "lambda:InvokeFunction", kFunction) == Decision::ImplicitDeny);
}

TEST_CASE("string conditions: exact, case-folded, wildcard, and their negations") {
  const Keys account{{"aws:SourceAccount", {"123456789012"}}};
  CHECK(holds("StringEquals", {"123456789012"}, account, "aws:SourceAccount"));
  CHECK(holds("StringEquals", {"111111111111", "123456789012"}, account, "aws:SourceAccount"));
  CHECK_FALSE(holds("StringEquals", {"111111111111"}, account, "aws:SourceAccount"));
  CHECK(holds("StringNotEquals", {"111111111111"}, account, "aws:SourceAccount"));
  // Negated operators with several values: the request must match none of them (NOR).
  CHECK_FALSE(
      holds("StringNotEquals", {"111111111111", "123456789012"}, account, "aws:SourceAccount"));

  const Keys team{{"k", {"Platform"}}};
  CHECK_FALSE(holds("StringEquals", {"platform"}, team));
  CHECK(holds("StringEqualsIgnoreCase", {"PLATFORM"}, team));
  CHECK_FALSE(holds("StringNotEqualsIgnoreCase", {"platform"}, team));
  CHECK(holds("StringNotEqualsIgnoreCase", {"data"}, team));
  CHECK(holds("StringLike", {"Plat*"}, team));
  CHECK(holds("StringLike", {"Pl?tform"}, team));
  CHECK_FALSE(holds("StringLike", {"plat*"}, team));    // StringLike is case-sensitive
  CHECK_FALSE(holds("StringEquals", {"Plat*"}, team));  // no wildcards in StringEquals
  CHECK(holds("StringNotLike", {"Data*", "Ops*"}, team));
  CHECK_FALSE(holds("StringNotLike", {"Data*", "Plat*"}, team));
}

TEST_CASE("condition key names are compared case-insensitively") {
  CHECK(holds("StringEquals", {"123456789012"}, {{"aws:sourceaccount", {"123456789012"}}},
              "AWS:SourceAccount"));
  CHECK(conditionAllows(R"({"StringEquals":{"AWS:SOURCEARN":"arn:aws:states:us-east-1:1:x"}})",
                        {{"aws:SourceArn", {"arn:aws:states:us-east-1:1:x"}}}));
}

TEST_CASE("a key absent from the request: false, except negated, IfExists, ForAllValues and Null") {
  const Keys none;
  CHECK_FALSE(holds("StringEquals", {"x"}, none));
  CHECK_FALSE(holds("StringLike", {"*"}, none));
  CHECK_FALSE(holds("NumericLessThan", {"5"}, none));
  CHECK_FALSE(holds("DateGreaterThan", {"2020-01-01"}, none));
  CHECK_FALSE(holds("Bool", {"false"}, none));
  CHECK_FALSE(holds("ArnLike", {"*"}, none));
  CHECK(holds("StringNotEquals", {"x"}, none));
  CHECK(holds("StringNotLike", {"*"}, none));
  CHECK(holds("ArnNotEquals", {"arn:aws:iam::1:root"}, none));
  CHECK(holds("StringEqualsIfExists", {"x"}, none));
  CHECK(holds("NumericLessThanIfExists", {"5"}, none));
  CHECK(holds("ForAllValues:StringEquals", {"x"}, none));
  CHECK_FALSE(holds("ForAnyValue:StringEquals", {"x"}, none));
  CHECK_FALSE(holds("ForAnyValue:StringNotEquals", {"x"}, none));
  CHECK(holds("ForAnyValue:StringEqualsIfExists", {"x"}, none));
  CHECK(holds("Null", {"true"}, none));
  CHECK_FALSE(holds("Null", {"false"}, none));
  // A key listed with no values counts as absent.
  CHECK(holds("Null", {"true"}, {{"k", {}}}));
  CHECK_FALSE(holds("StringEquals", {""}, {{"k", {}}}));
}

TEST_CASE("IfExists and Null when the key is present") {
  const Keys present{{"k", {"blue"}}};
  CHECK(holds("StringEqualsIfExists", {"blue"}, present));
  CHECK_FALSE(holds("StringEqualsIfExists", {"green"}, present));
  CHECK(holds("StringNotEqualsIfExists", {"green"}, present));
  CHECK_FALSE(holds("Null", {"true"}, present));
  CHECK(holds("Null", {"false"}, present));
  CHECK(holds("Null", {"true", "false"}, present));  // values OR'd
}

TEST_CASE("numeric conditions compare numbers, not text") {
  const Keys age{{"k", {"10"}}};
  CHECK(holds("NumericEquals", {"10.0"}, age));
  CHECK(holds("NumericEquals", {"5", "10"}, age));
  CHECK_FALSE(holds("NumericEquals", {"9"}, age));
  CHECK(holds("NumericNotEquals", {"9"}, age));
  CHECK_FALSE(holds("NumericNotEquals", {"9", "10"}, age));
  CHECK(holds("NumericLessThan", {"11"}, age));
  CHECK_FALSE(holds("NumericLessThan", {"10"}, age));
  CHECK(holds("NumericLessThanEquals", {"10"}, age));
  CHECK(holds("NumericGreaterThan", {"9.5"}, age));
  CHECK_FALSE(holds("NumericGreaterThan", {"10"}, age));
  CHECK(holds("NumericGreaterThanEquals", {"10"}, age));
  CHECK(holds("NumericGreaterThan", {"-3"}, age));
  CHECK_FALSE(holds("NumericLessThan", {"100"}, {{"k", {"ten"}}}));  // not a number: no match
  CHECK_FALSE(holds("NumericLessThan", {"many"}, age));
  // Through a parsed policy, where the value was a JSON number.
  CHECK(conditionAllows(R"({"NumericLessThan":{"aws:MultiFactorAuthAge":3600}})",
                        {{"aws:MultiFactorAuthAge", {"120"}}}));
  CHECK_FALSE(conditionAllows(R"({"NumericLessThan":{"aws:MultiFactorAuthAge":3600}})",
                              {{"aws:MultiFactorAuthAge", {"7200"}}}));
}

TEST_CASE("date conditions compare instants given as ISO 8601 or epoch seconds") {
  const Keys now{{"aws:CurrentTime", {"2026-03-01T12:00:00Z"}}};
  CHECK(holds("DateLessThan", {"2026-04-01T00:00:00Z"}, now, "aws:CurrentTime"));
  CHECK_FALSE(holds("DateLessThan", {"2026-03-01T12:00:00Z"}, now, "aws:CurrentTime"));
  CHECK(holds("DateLessThanEquals", {"2026-03-01T12:00:00Z"}, now, "aws:CurrentTime"));
  CHECK(holds("DateGreaterThan", {"2026-03-01"}, now, "aws:CurrentTime"));
  CHECK(
      holds("DateGreaterThanEquals", {"1772366400"}, now, "aws:CurrentTime"));  // the same instant
  CHECK(holds("DateEquals", {"2026-03-01T14:00:00+02:00"}, now, "aws:CurrentTime"));
  CHECK(holds("DateEquals", {"1772366400"}, now, "aws:CurrentTime"));
  CHECK_FALSE(holds("DateNotEquals", {"1772366400"}, now, "aws:CurrentTime"));
  CHECK(holds("DateNotEquals", {"2026-01-01"}, now, "aws:CurrentTime"));
  CHECK(
      holds("DateLessThan", {"2030-01-01"}, {{"aws:EpochTime", {"1772366400"}}}, "aws:EpochTime"));
  CHECK_FALSE(holds("DateLessThan", {"2030-01-01"}, {{"k", {"someday"}}}));
}

TEST_CASE("Bool conditions compare true and false") {
  CHECK(conditionAllows(R"({"Bool":{"aws:SecureTransport":true}})",
                        {{"aws:SecureTransport", {"true"}}}));
  CHECK_FALSE(conditionAllows(R"({"Bool":{"aws:SecureTransport":"true"}})",
                              {{"aws:SecureTransport", {"false"}}}));
  CHECK(holds("Bool", {"false"}, {{"k", {"FALSE"}}}));
}

TEST_CASE("ARN conditions match component by component") {
  const Keys source{
      {"aws:SourceArn", {"arn:aws:states:us-east-1:123456789012:stateMachine:Poller"}}};
  auto arn = [&](std::string_view op, std::string value) {
    return holds(op, {std::move(value)}, source, "aws:SourceArn");
  };
  CHECK(arn("ArnEquals", "arn:aws:states:us-east-1:123456789012:stateMachine:Poller"));
  CHECK(arn("ArnLike", "arn:aws:states:*:123456789012:stateMachine:*"));
  CHECK(arn("ArnEquals", "arn:aws:states:*:123456789012:stateMachine:Poll?r"));  // same as ArnLike
  CHECK(arn("ArnLike", "*"));
  CHECK_FALSE(arn("ArnLike", "arn:aws:states:*:210987654321:stateMachine:*"));
  CHECK_FALSE(arn("ArnLike", "arn:aws:states:us-east-1:123456789012:stateMachine:poller"));
  // A * inside one component does not reach into the next.
  CHECK_FALSE(arn("ArnLike", "arn:aws:states:us-east-1*:stateMachine:Poller"));
  CHECK(arn("ArnNotLike", "arn:aws:lambda:*:*:function:*"));
  CHECK_FALSE(arn("ArnNotEquals", "arn:aws:states:*:*:stateMachine:*"));
  CHECK_FALSE(holds("ArnLike", {"arn:aws:states:*:*:*:*"}, {{"k", {"not-an-arn"}}}));
}

TEST_CASE("IP address and binary conditions") {
  const Keys ip{{"aws:SourceIp", {"203.0.113.77"}}};
  CHECK(holds("IpAddress", {"203.0.113.0/24"}, ip, "aws:SourceIp"));
  CHECK(holds("IpAddress", {"10.0.0.0/8", "203.0.113.77"}, ip, "aws:SourceIp"));
  CHECK(holds("IpAddress", {"0.0.0.0/0"}, ip, "aws:SourceIp"));
  CHECK_FALSE(holds("IpAddress", {"203.0.112.0/24"}, ip, "aws:SourceIp"));
  CHECK(holds("IpAddress", {"203.0.113.64/26"}, ip, "aws:SourceIp"));
  CHECK_FALSE(holds("IpAddress", {"203.0.113.0/26"}, ip, "aws:SourceIp"));
  CHECK(holds("NotIpAddress", {"10.0.0.0/8"}, ip, "aws:SourceIp"));
  CHECK_FALSE(holds("IpAddress", {"203.0.113.0/33"}, ip, "aws:SourceIp"));
  CHECK_FALSE(holds("IpAddress", {"2001:db8::/32"}, ip, "aws:SourceIp"));
  CHECK(holds("IpAddress", {"2001:DB8::/32"}, {{"k", {"2001:db8:1::5"}}}));
  CHECK_FALSE(holds("IpAddress", {"2001:db8::/48"}, {{"k", {"2001:db8:1::5"}}}));

  CHECK(holds("BinaryEquals", {"QmluYXJ5"}, {{"k", {"QmluYXJ5"}}}));
  CHECK_FALSE(holds("BinaryEquals", {"QmluYXJ5"}, {{"k", {"qmluyxj5"}}}));
}

TEST_CASE("set qualifiers over a multivalued key") {
  const Keys tags{{"aws:TagKeys", {"team", "cost-center"}}};
  auto tagged = [&](std::string_view op, std::vector<std::string> values, const Keys& keys) {
    return holds(op, std::move(values), keys, "aws:TagKeys");
  };
  CHECK(tagged("ForAllValues:StringEquals", {"team", "cost-center", "owner"}, tags));
  CHECK_FALSE(tagged("ForAllValues:StringEquals", {"team"}, tags));
  CHECK(tagged("ForAnyValue:StringEquals", {"team"}, tags));
  CHECK_FALSE(tagged("ForAnyValue:StringEquals", {"owner"}, tags));
  CHECK(tagged("ForAnyValue:StringLike", {"cost-*"}, tags));
  // The documented table for ForAllValues:StringNotLike "key1*".
  CHECK_FALSE(tagged("ForAllValues:StringNotLike", {"key1*"}, {{"aws:TagKeys", {"key1:legal"}}}));
  CHECK_FALSE(tagged("ForAllValues:StringNotLike", {"key1*"},
                     {{"aws:TagKeys", {"key1:hr", "key1:personnel"}}}));
  CHECK(tagged("ForAllValues:StringNotLike", {"key1*"}, {{"aws:TagKeys", {"key2:audit"}}}));
  CHECK(tagged("ForAllValues:StringNotLike", {"key1*"}, {}));
  CHECK(tagged("ForAnyValue:StringNotEquals", {"team"}, tags));  // cost-center is not team
  CHECK_FALSE(tagged("ForAnyValue:StringNotEquals", {"team", "cost-center"}, tags));
  // Without a qualifier a multivalued key matches when any value does; negation covers all.
  CHECK(tagged("StringEquals", {"team"}, tags));
  CHECK_FALSE(tagged("StringNotEquals", {"team"}, tags));
}

TEST_CASE("several keys and operators are AND'd; values of one key OR'd") {
  const std::string block = R"({"StringEquals":{"aws:SourceAccount":["111111111111","123456789012"],
                                                "aws:RequestedRegion":"us-east-1"},
                                "Bool":{"aws:SecureTransport":"true"}})";
  const Keys all{{"aws:SourceAccount", {"123456789012"}},
                 {"aws:RequestedRegion", {"us-east-1"}},
                 {"aws:SecureTransport", {"true"}}};
  CHECK(conditionAllows(block, all));
  Keys wrongRegion = all;
  wrongRegion["aws:RequestedRegion"] = {"eu-west-1"};
  CHECK_FALSE(conditionAllows(block, wrongRegion));
  Keys insecure = all;
  insecure["aws:SecureTransport"] = {"false"};
  CHECK_FALSE(conditionAllows(block, insecure));
  Keys otherAccount = all;
  otherAccount["aws:SourceAccount"] = {"111111111111"};
  CHECK(conditionAllows(block, otherAccount));
}

TEST_CASE("a conditional Deny applies only when its condition holds") {
  const PolicyDocument policy = identityPolicy(R"(
    {"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"*"},
    {"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"us-east-1"}}})");
  CHECK(decide(policy, "lambda:InvokeFunction", kFunction,
               {{"aws:RequestedRegion", {"us-east-1"}}}) == Decision::Allow);
  CHECK(decide(policy, "lambda:InvokeFunction", kFunction,
               {{"aws:RequestedRegion", {"eu-west-1"}}}) == Decision::ExplicitDeny);
  // The key is missing, so the negated operator holds and the Deny applies.
  CHECK(decide(policy, "lambda:InvokeFunction", kFunction) == Decision::ExplicitDeny);
}

TEST_CASE("policy variables are compared as written, not substituted") {
  CHECK(holds("StringEquals", {"${aws:username}"}, {{"k", {"${aws:username}"}}}));
  CHECK_FALSE(
      holds("StringEquals", {"${aws:username}"}, {{"k", {"alice"}}, {"aws:username", {"alice"}}}));
}

TEST_CASE("a condition with an operator IAM does not know never holds") {
  CHECK_FALSE(holds("StringEqualz", {"x"}, {{"k", {"x"}}}));
  CHECK_FALSE(holds("StringNotEqualz", {"x"}, {}));
}

TEST_CASE("trust: a service principal may assume the role it is named in") {
  const PolicyDocument trust = trustPolicy(
      R"({"Effect":"Allow","Principal":{"Service":["states.amazonaws.com","events.amazonaws.com"]},"Action":"sts:AssumeRole"})");
  const RequestContext none;
  CHECK(trustAllows(trust, "Service:states.amazonaws.com", "sts:AssumeRole", none));
  CHECK(trustAllows(trust, "Service:events.amazonaws.com", "STS:assumeRole", none));
  CHECK_FALSE(trustAllows(trust, "Service:lambda.amazonaws.com", "sts:AssumeRole", none));
  CHECK_FALSE(trustAllows(trust, "Service:states.amazonaws.com", "sts:TagSession", none));
  // A service is not an AWS principal of the same name.
  CHECK_FALSE(trustAllows(trust, "AWS:states.amazonaws.com", "sts:AssumeRole", none));

  const PolicyDocument single = trustPolicy(
      R"({"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]})");
  CHECK(trustAllows(single, "Service:lambda.amazonaws.com", "sts:TagSession", none));
}

TEST_CASE("trust: an account root or bare account id admits every principal of that account") {
  const RequestContext none;
  for (std::string_view account : {R"("arn:aws:iam::123456789012:root")", R"("123456789012")"}) {
    INFO(account);
    const PolicyDocument trust =
        trustPolicy(R"({"Effect":"Allow","Principal":{"AWS":)" + std::string(account) +
                    R"(},"Action":"sts:AssumeRole"})");
    CHECK(trustAllows(trust, "AWS:arn:aws:iam::123456789012:root", "sts:AssumeRole", none));
    CHECK(
        trustAllows(trust, "AWS:arn:aws:iam::123456789012:role/deployer", "sts:AssumeRole", none));
    CHECK(trustAllows(trust, "AWS:arn:aws:iam::123456789012:user/alice", "sts:AssumeRole", none));
    CHECK(trustAllows(trust, "AWS:arn:aws:sts::123456789012:assumed-role/deployer/session",
                      "sts:AssumeRole", none));
    CHECK_FALSE(
        trustAllows(trust, "AWS:arn:aws:iam::210987654321:role/deployer", "sts:AssumeRole", none));
    CHECK_FALSE(trustAllows(trust, "Service:states.amazonaws.com", "sts:AssumeRole", none));
  }
  // A named role admits only that role.
  const PolicyDocument oneRole = trustPolicy(
      R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/deployer"},"Action":"sts:AssumeRole"})");
  CHECK(
      trustAllows(oneRole, "AWS:arn:aws:iam::123456789012:role/deployer", "sts:AssumeRole", none));
  CHECK_FALSE(
      trustAllows(oneRole, "AWS:arn:aws:iam::123456789012:role/other", "sts:AssumeRole", none));
}

TEST_CASE("trust: * and AWS:* admit anyone") {
  const RequestContext none;
  for (std::string_view principal : {R"("*")", R"({"AWS":"*"})"}) {
    INFO(principal);
    const PolicyDocument trust =
        trustPolicy(R"({"Effect":"Allow","Principal":)" + std::string(principal) +
                    R"(,"Action":"sts:AssumeRole"})");
    CHECK(trustAllows(trust, "AWS:arn:aws:iam::999999999999:user/mallory", "sts:AssumeRole", none));
    CHECK(trustAllows(trust, "Service:states.amazonaws.com", "sts:AssumeRole", none));
    CHECK_FALSE(trustAllows(trust, "Service:states.amazonaws.com", "sts:AssumeRoleWithSAML", none));
  }
}

TEST_CASE("trust: Deny beats Allow, and conditions apply") {
  const PolicyDocument trust = trustPolicy(R"(
    {"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole",
     "Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}},
    {"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:user/mallory"},"Action":"sts:*"})");
  const RequestContext sameAccount{"", "", {{"aws:SourceAccount", {"123456789012"}}}};
  const RequestContext otherAccount{"", "", {{"aws:SourceAccount", {"210987654321"}}}};
  CHECK(trustAllows(trust, "Service:states.amazonaws.com", "sts:AssumeRole", sameAccount));
  CHECK_FALSE(trustAllows(trust, "Service:states.amazonaws.com", "sts:AssumeRole", otherAccount));
  CHECK_FALSE(
      trustAllows(trust, "Service:states.amazonaws.com", "sts:AssumeRole", RequestContext{}));
  CHECK(trustAllows(trust, "AWS:arn:aws:iam::123456789012:user/alice", "sts:AssumeRole",
                    sameAccount));
  CHECK_FALSE(trustAllows(trust, "AWS:arn:aws:iam::123456789012:user/mallory", "sts:AssumeRole",
                          sameAccount));
}

TEST_CASE("trust: NotPrincipal applies to everyone it does not name") {
  const PolicyDocument trust = trustPolicy(R"(
    {"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRole"},
    {"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:role/admin"},"Action":"sts:AssumeRole"})");
  const RequestContext none;
  CHECK(trustAllows(trust, "AWS:arn:aws:iam::123456789012:role/admin", "sts:AssumeRole", none));
  CHECK_FALSE(trustAllows(trust, "AWS:arn:aws:iam::123456789012:role/dev", "sts:AssumeRole", none));
}
