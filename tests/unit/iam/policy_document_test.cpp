#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "emulator/core/aws_error.h"
#include "emulator/iam/policy_document.h"

using namespace stepsim::iam;

namespace {

// The MalformedPolicyDocument message for a document that must be refused.
std::string refusal(std::string_view text, PolicyKind kind = PolicyKind::Identity) {
  try {
    parsePolicyDocument(text, kind);
  } catch (const stepsim::core::AwsError& e) {
    CHECK(e.code == "MalformedPolicyDocument");
    CHECK(e.httpStatus == 400);
    return e.message;
  }
  FAIL("expected MalformedPolicyDocument for " << text);
  return "";
}

// A versioned document around the given statement(s) (JSON text of one object or several).
std::string withStatements(std::string_view statements) {
  return R"({"Version":"2012-10-17","Statement":[)" + std::string(statements) + "]}";
}

std::string trustWith(std::string_view principalAndMore) {
  return withStatements(R"({"Effect":"Allow","Action":"sts:AssumeRole",)" +
                        std::string(principalAndMore) + "}");
}

const std::string kSyntax = "Syntax errors in policy.";

}  // namespace

TEST_CASE("an identity policy is read into statements with every element kept") {
  const PolicyDocument policy = parsePolicyDocument(withStatements(R"(
    {"Sid":"InvokeOne","Effect":"Allow","Action":["lambda:InvokeFunction","lambda:Get*"],
     "Resource":"arn:aws:lambda:us-east-1:123456789012:function:f",
     "Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":3600},
                  "Bool":{"aws:SecureTransport":true},
                  "StringEquals":{"aws:SourceAccount":["123456789012","210987654321"]}}},
    {"Effect":"Deny","NotAction":"iam:*","NotResource":["arn:aws:s3:::b/*"]})"),
                                                    PolicyKind::Identity);
  CHECK(policy.version == "2012-10-17");
  REQUIRE(policy.statements.size() == 2);

  const Statement& allow = policy.statements[0];
  CHECK(allow.sid == "InvokeOne");
  CHECK(allow.allow);
  CHECK(allow.actions == std::vector<std::string>{"lambda:InvokeFunction", "lambda:Get*"});
  CHECK_FALSE(allow.notAction);
  CHECK(allow.resources ==
        std::vector<std::string>{"arn:aws:lambda:us-east-1:123456789012:function:f"});
  CHECK_FALSE(allow.notResource);
  CHECK(allow.principals.empty());
  REQUIRE(allow.conditions.size() == 3);
  CHECK(allow.conditions[0].op == "NumericLessThan");
  CHECK(allow.conditions[0].key == "aws:MultiFactorAuthAge");
  CHECK(allow.conditions[0].values == std::vector<std::string>{"3600"});
  CHECK(allow.conditions[1].values == std::vector<std::string>{"true"});
  CHECK(allow.conditions[2].values == std::vector<std::string>{"123456789012", "210987654321"});

  const Statement& deny = policy.statements[1];
  CHECK_FALSE(deny.allow);
  CHECK(deny.sid.empty());
  CHECK(deny.notAction);
  CHECK(deny.actions == std::vector<std::string>{"iam:*"});
  CHECK(deny.notResource);
  CHECK(deny.resources == std::vector<std::string>{"arn:aws:s3:::b/*"});
}

TEST_CASE("a single statement object, a missing Version and the 2008 Version are accepted") {
  const PolicyDocument single = parsePolicyDocument(
      R"({"Statement":{"Effect":"Deny","Action":"*","Resource":"*"}})", PolicyKind::Identity);
  CHECK(single.version.empty());
  REQUIRE(single.statements.size() == 1);
  CHECK_FALSE(single.statements[0].allow);

  const PolicyDocument old = parsePolicyDocument(
      R"({"Version":"2008-10-17","Id":"x","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})",
      PolicyKind::Identity);
  CHECK(old.version == "2008-10-17");
}

TEST_CASE("text that is not a JSON object is a syntax error") {
  const std::string_view notObjects[] = {
      "",
      "not json",
      "[]",
      "\"text\"",
      "42",
      "null",
      R"({"Statement":[})",
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]} x)"};
  for (std::string_view text : notObjects) {
    INFO(text);
    CHECK(refusal(text) == kSyntax);
  }
}

TEST_CASE("Version, Id, and the top-level members are checked") {
  const std::string body = R"("Statement":{"Effect":"Allow","Action":"*","Resource":"*"})";
  CHECK(refusal(R"({"Version":"2012-10-18",)" + body + "}") == kSyntax);
  CHECK(refusal(R"({"Version":20121017,)" + body + "}") == kSyntax);
  CHECK(refusal(R"({"Id":7,)" + body + "}") == kSyntax);
  CHECK(refusal(R"({"Extra":"x",)" + body + "}") == kSyntax);
  // Member names are case-sensitive.
  CHECK(refusal(R"({"version":"2012-10-17",)" + body + "}") == kSyntax);
}

TEST_CASE("Statement must be an object or a non-empty array of objects") {
  CHECK(refusal(R"({"Version":"2012-10-17"})") == kSyntax);
  CHECK(refusal(R"({"Statement":[]})") == kSyntax);
  CHECK(refusal(R"({"Statement":"Allow everything"})") == kSyntax);
  CHECK(refusal(R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}, 3]})") == kSyntax);
}

TEST_CASE("unknown statement members are refused") {
  CHECK(refusal(withStatements(
            R"({"Effect":"Allow","Action":"*","Resource":"*","Comment":"x"})")) == kSyntax);
  CHECK(refusal(withStatements(R"({"Effect":"Allow","action":"*","Resource":"*"})")) == kSyntax);
}

TEST_CASE("Effect must be exactly Allow or Deny") {
  CHECK(refusal(withStatements(R"({"Action":"*","Resource":"*"})")) == kSyntax);
  CHECK(refusal(withStatements(R"({"Effect":true,"Action":"*","Resource":"*"})")) == kSyntax);
  CHECK(refusal(withStatements(R"({"Effect":"Permit","Action":"*","Resource":"*"})")) == kSyntax);
  // IAM accepts the wrong case at first and then fails its legacy parser.
  CHECK(refusal(withStatements(R"({"Effect":"allow","Action":"*","Resource":"*"})")) ==
        "The policy failed legacy parsing");
  CHECK(refusal(withStatements(R"({"Effect":"DENY","Action":"*","Resource":"*"})")) ==
        "The policy failed legacy parsing");
}

TEST_CASE("a statement needs exactly one of Action and NotAction, with strings") {
  const std::string noActions = "Policy statement must contain actions.";
  CHECK(refusal(withStatements(R"({"Effect":"Allow","Resource":"*"})")) == noActions);
  CHECK(refusal(withStatements(R"({"Effect":"Allow","Action":[],"Resource":"*"})")) == noActions);
  CHECK(refusal(withStatements(R"({"Effect":"Allow","NotAction":[],"Resource":"*"})")) ==
        noActions);
  CHECK(refusal(withStatements(
            R"({"Effect":"Allow","Action":"*","NotAction":"iam:*","Resource":"*"})")) == kSyntax);
  CHECK(refusal(withStatements(
            R"({"Effect":"Allow","Action":["s3:GetObject",1],"Resource":"*"})")) == kSyntax);
  CHECK(refusal(withStatements(
            R"({"Effect":"Allow","Action":{"s3":"GetObject"},"Resource":"*"})")) == kSyntax);
}

TEST_CASE("an action names its vendor before one colon") {
  auto actionRefusal = [](std::string_view action) {
    return refusal(withStatements(R"({"Effect":"Allow","Action":")" + std::string(action) +
                                  R"(","Resource":"*"})"));
  };
  CHECK(actionRefusal("InvokeFunction") ==
        "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
  CHECK(actionRefusal("") ==
        "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
  CHECK(actionRefusal("lambda:Invoke:Function") == "Actions/Condition can contain only one colon.");
  CHECK(actionRefusal("lam bda:InvokeFunction") == "Vendor lam bda is not valid");
  CHECK(actionRefusal(":InvokeFunction") == "Vendor  is not valid");
  CHECK(actionRefusal("*:InvokeFunction") == "Vendor * is not valid");

  for (std::string_view good : {"*", "lambda:*", "lambda:Invoke*", "Lambda:invokefunction",
                                "states:Start?xecution", "execute-api:Invoke"}) {
    INFO(good);
    CHECK_NOTHROW(parsePolicyDocument(withStatements(R"({"Effect":"Allow","Action":")" +
                                                     std::string(good) + R"(","Resource":"*"})"),
                                      PolicyKind::Identity));
  }
}

TEST_CASE("an identity statement needs exactly one of Resource and NotResource, as ARNs or *") {
  const std::string noResources = "Policy statement must contain resources.";
  CHECK(refusal(withStatements(R"({"Effect":"Allow","Action":"*"})")) == noResources);
  CHECK(refusal(withStatements(R"({"Effect":"Allow","Action":"*","Resource":[]})")) == noResources);
  CHECK(refusal(withStatements(
            R"({"Effect":"Allow","Action":"*","Resource":"*","NotResource":"*"})")) == kSyntax);
  CHECK(refusal(withStatements(R"({"Effect":"Allow","Action":"*","Resource":[null]})")) == kSyntax);
  CHECK(refusal(withStatements(R"({"Effect":"Allow","Action":"*","Resource":"my-bucket"})")) ==
        "Resource my-bucket must be in ARN format or \"*\".");
  CHECK(refusal(withStatements(R"({"Effect":"Allow","Action":"*","NotResource":["*",""]})")) ==
        "Resource  must be in ARN format or \"*\".");
}

TEST_CASE("an identity policy may not name a principal") {
  CHECK(refusal(
            withStatements(R"({"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"})")) ==
        "Policy document should not specify a principal.");
  CHECK(
      refusal(withStatements(
          R"({"Effect":"Deny","NotPrincipal":{"AWS":"123456789012"},"Action":"*","Resource":"*"})")) ==
      "Policy document should not specify a principal.");
}

TEST_CASE("Sids are optional strings, unique, and alphanumeric in identity policies") {
  CHECK(refusal(withStatements(R"({"Sid":1,"Effect":"Allow","Action":"*","Resource":"*"})")) ==
        kSyntax);
  CHECK(refusal(withStatements(R"({"Sid":"A","Effect":"Allow","Action":"*","Resource":"*"},
                                  {"Sid":"A","Effect":"Deny","Action":"*","Resource":"*"})")) ==
        "Statement IDs (SID) in a single policy must be unique.");
  CHECK(refusal(withStatements(
            R"({"Sid":"allow-all","Effect":"Allow","Action":"*","Resource":"*"})")) ==
        "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular "
        "expression [0-9A-Za-z]*");
  // Statements without a Sid (or with an empty one) never clash.
  CHECK_NOTHROW(
      parsePolicyDocument(withStatements(R"({"Effect":"Allow","Action":"*","Resource":"*"},
                                                      {"Sid":"","Effect":"Deny","Action":"*","Resource":"*"},
                                                      {"Sid":"","Effect":"Deny","Action":"*","Resource":"*"})"),
                          PolicyKind::Identity));
}

TEST_CASE("a trust policy's principals are read as type:value") {
  const PolicyDocument trust = parsePolicyDocument(trustWith(R"("Sid":"trust states",
      "Principal":{"Service":["states.amazonaws.com","lambda.amazonaws.com"],
                   "AWS":["arn:aws:iam::123456789012:root","210987654321","*"],
                   "Federated":"cognito-identity.amazonaws.com"})"),
                                                   PolicyKind::Trust);
  REQUIRE(trust.statements.size() == 1);
  const Statement& statement = trust.statements[0];
  CHECK(statement.sid == "trust states");  // trust policies take any Sid text
  CHECK(statement.resources.empty());
  CHECK_FALSE(statement.notPrincipal);
  CHECK(statement.principals ==
        std::vector<std::string>{"Service:states.amazonaws.com", "Service:lambda.amazonaws.com",
                                 "AWS:arn:aws:iam::123456789012:root", "AWS:210987654321", "AWS:*",
                                 "Federated:cognito-identity.amazonaws.com"});

  const PolicyDocument everyone =
      parsePolicyDocument(trustWith(R"("Principal":"*")"), PolicyKind::Trust);
  CHECK(everyone.statements[0].principals == std::vector<std::string>{"*"});

  const PolicyDocument allBut = parsePolicyDocument(
      withStatements(
          R"({"Effect":"Deny","Action":"sts:AssumeRole","NotPrincipal":{"AWS":"123456789012"}})"),
      PolicyKind::Trust);
  CHECK(allBut.statements[0].notPrincipal);
  CHECK(allBut.statements[0].principals == std::vector<std::string>{"AWS:123456789012"});
}

TEST_CASE("a trust policy needs a principal and no resource") {
  CHECK(refusal(withStatements(R"({"Effect":"Allow","Action":"sts:AssumeRole"})"),
                PolicyKind::Trust) == "Missing required field Principal");
  CHECK(refusal(trustWith(R"("Principal":{"Service":"states.amazonaws.com"},"Resource":"*")"),
                PolicyKind::Trust) == "Has prohibited field Resource");
  CHECK(refusal(trustWith(R"("Principal":{"Service":"states.amazonaws.com"},"NotResource":"*")"),
                PolicyKind::Trust) == "Has prohibited field NotResource");
  CHECK(refusal(trustWith(R"("Principal":"*","NotPrincipal":{"AWS":"*"})"), PolicyKind::Trust) ==
        kSyntax);
  CHECK(refusal(withStatements(R"({"Effect":"Allow","Principal":"*"})"), PolicyKind::Trust) ==
        "Policy statement must contain actions.");
}

TEST_CASE("a trust policy grants only STS actions") {
  CHECK(
      refusal(
          withStatements(
              R"({"Effect":"Allow","Principal":"*","Action":["sts:AssumeRole","lambda:InvokeFunction"]})"),
          PolicyKind::Trust) == "AssumeRole policy may only specify STS AssumeRole actions.");
  for (std::string_view action :
       {"sts:AssumeRole", "STS:AssumeRoleWithWebIdentity", "sts:*", "*"}) {
    INFO(action);
    CHECK_NOTHROW(
        parsePolicyDocument(withStatements(R"({"Effect":"Allow","Principal":"*","Action":")" +
                                           std::string(action) + "\"}"),
                            PolicyKind::Trust));
  }
}

TEST_CASE("a malformed Principal is refused") {
  auto principalRefusal = [](std::string_view principal) {
    return refusal(trustWith("\"Principal\":" + std::string(principal)), PolicyKind::Trust);
  };
  CHECK(principalRefusal(R"("arn:aws:iam::123456789012:root")") ==
        kSyntax);  // only "*" as a string
  CHECK(principalRefusal("{}") == kSyntax);
  CHECK(principalRefusal(R"({"Group":"admins"})") == kSyntax);
  CHECK(principalRefusal(R"({"service":"states.amazonaws.com"})") == kSyntax);
  CHECK(principalRefusal(R"({"Service":[]})") == kSyntax);
  CHECK(principalRefusal(R"({"Service":""})") == kSyntax);
  CHECK(principalRefusal(R"({"Service":7})") == kSyntax);
  CHECK(principalRefusal(R"(["*"])") == kSyntax);
  CHECK(principalRefusal(R"({"AWS":"alice"})") == R"(Invalid principal in policy: "AWS":"alice")");
  CHECK(principalRefusal(R"({"AWS":"12345678901"})") ==
        R"(Invalid principal in policy: "AWS":"12345678901")");
}

TEST_CASE("a Condition block maps known operators to keys and scalar values") {
  auto conditionRefusal = [](std::string_view condition) {
    return refusal(withStatements(R"({"Effect":"Allow","Action":"*","Resource":"*","Condition":)" +
                                  std::string(condition) + "}"));
  };
  CHECK(conditionRefusal(R"("StringEquals")") == kSyntax);
  CHECK(conditionRefusal(R"({"StringEquals":"aws:SourceAccount"})") == kSyntax);
  CHECK(conditionRefusal(R"({"StringEqual":{"aws:SourceAccount":"1"}})") == kSyntax);
  CHECK(conditionRefusal(R"({"stringequals":{"aws:SourceAccount":"1"}})") == kSyntax);
  CHECK(conditionRefusal(R"({"ForSomeValues:StringLike":{"aws:TagKeys":"a*"}})") == kSyntax);
  CHECK(conditionRefusal(R"({"NullIfExists":{"aws:TagKeys":"true"}})") == kSyntax);
  CHECK(conditionRefusal(R"({"ForAnyValue:Null":{"aws:TagKeys":"true"}})") == kSyntax);
  CHECK(conditionRefusal(R"({"StringEquals":{"aws:SourceAccount":null}})") == kSyntax);
  CHECK(conditionRefusal(R"({"StringEquals":{"aws:SourceAccount":{"x":"1"}}})") == kSyntax);
  CHECK(conditionRefusal(R"({"StringEquals":{"aws:SourceAccount":[["1"]]}})") == kSyntax);
  CHECK(conditionRefusal(R"({"DateLessThan":{"aws:CurrentTime":"next tuesday"}})") ==
        "The policy failed legacy parsing");
  CHECK(
      conditionRefusal(R"({"DateLessThan":{"aws:CurrentTime":["2026-01-01T00:00:00Z","soon"]}})") ==
      "The policy failed legacy parsing");

  const PolicyDocument accepted = parsePolicyDocument(
      withStatements(R"({"Effect":"Allow","Action":"*","Resource":"*","Condition":{
          "ForAnyValue:StringLike":{"aws:TagKeys":["team*",1.5,false]},
          "ForAllValues:StringEqualsIgnoreCase":{"aws:TagKeys":"Team"},
          "DateGreaterThanIfExists":{"aws:CurrentTime":["2026-01-01","1767225600"]},
          "Null":{"aws:TokenIssueTime":true}}})"),
      PolicyKind::Identity);
  const auto& conditions = accepted.statements[0].conditions;
  REQUIRE(conditions.size() == 4);
  CHECK(conditions[0].op == "ForAnyValue:StringLike");
  CHECK(conditions[0].values == std::vector<std::string>{"team*", "1.5", "false"});
  CHECK(conditions[2].op == "DateGreaterThanIfExists");
  CHECK(conditions[3].values == std::vector<std::string>{"true"});
}

TEST_CASE("condition operators are taken apart into qualifier, type, relation and flags") {
  const auto plain = parseConditionOperator("StringEquals");
  REQUIRE(plain);
  CHECK(plain->qualifier == SetQualifier::None);
  CHECK(plain->type == ConditionValueType::String);
  CHECK_FALSE(plain->negated);
  CHECK_FALSE(plain->ifExists);

  const auto full = parseConditionOperator("ForAllValues:StringNotLikeIfExists");
  REQUIRE(full);
  CHECK(full->qualifier == SetQualifier::ForAllValues);
  CHECK(full->type == ConditionValueType::StringPattern);
  CHECK(full->negated);
  CHECK(full->ifExists);

  const auto dates = parseConditionOperator("ForAnyValue:DateLessThanEquals");
  REQUIRE(dates);
  CHECK(dates->qualifier == SetQualifier::ForAnyValue);
  CHECK(dates->type == ConditionValueType::Date);
  CHECK(dates->relation == ConditionRelation::LessOrEqual);

  CHECK(parseConditionOperator("ArnEquals")->type == ConditionValueType::Arn);
  CHECK(parseConditionOperator("ArnNotLike")->negated);
  CHECK(parseConditionOperator("NotIpAddress")->negated);
  CHECK(parseConditionOperator("NumericGreaterThan")->relation == ConditionRelation::Greater);
  CHECK(parseConditionOperator("Null")->type == ConditionValueType::Null);
  for (std::string_view unknown :
       {"", "IfExists", "ForAnyValue:", "StringEqualsIfExistsIfExists", "IfExistsStringEquals",
        "ForAnyValue:ForAllValues:StringEquals"}) {
    INFO(unknown);
    CHECK_FALSE(parseConditionOperator(unknown).has_value());
  }
}

TEST_CASE("condition dates are ISO 8601 or epoch seconds") {
  CHECK(parseConditionDate("1970-01-01T00:00:10Z") == 10000);
  CHECK(parseConditionDate("10") == 10000);
  CHECK(parseConditionDate("2026-01-01") == parseConditionDate("1767225600"));
  CHECK(parseConditionDate("2026-01-01T02:00:00+02:00") ==
        parseConditionDate("2026-01-01T00:00:00Z"));
  CHECK_FALSE(parseConditionDate("").has_value());
  CHECK_FALSE(parseConditionDate("yesterday").has_value());
  CHECK_FALSE(parseConditionDate("-5").has_value());
  CHECK_FALSE(parseConditionDate(std::string(40, '9')).has_value());
}

TEST_CASE("hostile documents are refused without harm") {
  SECTION("too large") {
    const std::string huge =
        withStatements(R"({"Effect":"Allow","Action":"*","Resource":"*","Sid":")" +
                       std::string(kMaxPolicyDocumentBytes, 'a') + "\"}");
    CHECK(refusal(huge) == "Policy document is too large.");
  }
  SECTION("deep nesting, in brackets or braces") {
    CHECK(refusal(std::string(60000, '[') + std::string(60000, ']')) == kSyntax);
    std::string braces;
    for (int i = 0; i < 10000; ++i) braces += R"({"a":)";
    CHECK(refusal(braces) == kSyntax);
    CHECK(refusal(std::string(70, '[')) == kSyntax);  // unbalanced, still refused
  }
  SECTION("brackets inside strings do not count as nesting") {
    const std::string condition =
        R"("Condition":{"StringEquals":{"k":"\"\\)" + std::string(100, '[') + R"("}})";
    const PolicyDocument policy = parsePolicyDocument(
        withStatements(R"({"Effect":"Allow","Action":"*","Resource":"*",)" + condition + "}"),
        PolicyKind::Identity);
    CHECK(policy.statements[0].conditions[0].values[0] == "\"\\" + std::string(100, '['));
  }
  SECTION("not UTF-8") {
    CHECK(refusal(withStatements(
              "{\"Effect\":\"Allow\",\"Action\":\"s3:\xff\xfe\",\"Resource\":\"*\"}")) == kSyntax);
    CHECK(refusal("\xef\xbb\xbf\xc0\xaf{}") == kSyntax);
  }
  SECTION("a long but legal action list") {
    std::string actions = "\"s3:GetObject\"";
    for (int i = 0; i < 5000; ++i) actions += ",\"s3:Get" + std::to_string(i) + "\"";
    const PolicyDocument policy = parsePolicyDocument(
        withStatements(R"({"Effect":"Allow","Action":[)" + actions + R"(],"Resource":"*"})"),
        PolicyKind::Identity);
    CHECK(policy.statements[0].actions.size() == 5001);
  }
  SECTION("random corruptions only ever produce MalformedPolicyDocument") {
    const std::string valid = withStatements(R"({"Sid":"A1","Effect":"Allow",
        "Action":["lambda:Invoke*"],"Resource":"arn:aws:lambda:*:*:function:*",
        "Condition":{"StringLike":{"aws:PrincipalArn":["arn:aws:iam::*:role/x"]},
                     "DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}})");
    std::mt19937 random(20240601);
    const std::string alphabet = "{}[]\":,\\ */?aA0\xff\x80";
    for (int round = 0; round < 3000; ++round) {
      std::string text = valid;
      const int edits = 1 + static_cast<int>(random() % 4);
      for (int e = 0; e < edits; ++e) {
        const std::size_t at = random() % text.size();
        switch (random() % 3) {
          case 0:
            text[at] = alphabet[random() % alphabet.size()];
            break;
          case 1:
            text.erase(at, 1 + random() % 8);
            break;
          default:
            text.insert(at, 1, alphabet[random() % alphabet.size()]);
            break;
        }
        if (text.empty()) text = "{";
      }
      for (PolicyKind kind : {PolicyKind::Identity, PolicyKind::Trust}) {
        try {
          parsePolicyDocument(text, kind);
        } catch (const stepsim::core::AwsError& e) {
          CHECK(e.code == "MalformedPolicyDocument");
        }
      }
    }
  }
}
