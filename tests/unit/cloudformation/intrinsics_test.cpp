#include <catch2/catch.hpp>

#include "emulator/cloudformation/template/template_error.h"
#include "template_test_support.h"

using stepsim::Json;
using namespace stepsim::cfn;
using stepsim::cfn::testing::fragment;
using stepsim::cfn::testing::TestStack;

namespace {

// A stack with a bit of everything; Queue and Role are created, Topic is not (yet).
const char* const kTemplate = R"(
Parameters:
  Env: {Type: String, Default: prod}
  Size: {Type: Number, Default: 30}
  Subnets: {Type: CommaDelimitedList, Default: "subnet-a,subnet-b"}
Mappings:
  Regions:
    eu-west-1: {Ami: ami-eu, Zones: [a, b]}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Equals [!Ref Env, dev]
Resources:
  Queue: {Type: AWS::SQS::Queue}
  Role: {Type: AWS::IAM::Role}
  Topic: {Type: AWS::SNS::Topic}
  DevOnly: {Type: AWS::SNS::Topic, Condition: IsDev}
)";

struct Stack : TestStack {
  explicit Stack(const std::string& transform = "")
      : TestStack(transform.empty() ? std::string(kTemplate)
                                    : "Transform: " + transform + "\n" + kTemplate) {
    physicalIds["Queue"] = "https://sqs/queue";
    physicalIds["Role"] = "role-name";
    attributes[{"Queue", "Arn"}] = "arn:aws:sqs:eu-west-1:123456789012:queue";
    attributes[{"Queue", "Endpoint.Port"}] = 443;
    attributes[{"Role", "Arns"}] = Json::array({"r1", "r2"});
    exports["shared-vpc"] = "vpc-123";
  }
};

}  // namespace

TEST_CASE("Ref gives parameters, pseudo parameters and physical ids", "[cfn][intrinsics]") {
  const Stack stack;
  CHECK(stack.evaluate("!Ref Env") == "prod");
  CHECK(stack.evaluate("!Ref Size") == "30");
  CHECK(stack.evaluate("!Ref Subnets") == Json::array({"subnet-a", "subnet-b"}));
  CHECK(stack.evaluate("!Ref Queue") == "https://sqs/queue");
  CHECK(stack.evaluate("!Ref AWS::Region") == "eu-west-1");
  CHECK(stack.evaluate("!Ref AWS::AccountId") == "123456789012");
  CHECK(stack.evaluate("!Ref AWS::StackName") == "demo");
  CHECK(stack.evaluate("!Ref AWS::StackId") ==
        "arn:aws:cloudformation:eu-west-1:123456789012:stack/demo/1");
  CHECK(stack.evaluate("!Ref AWS::Partition") == "aws");
  CHECK(stack.evaluate("!Ref AWS::URLSuffix") == "amazonaws.com");
  CHECK(stack.evaluate("!Ref AWS::NotificationARNs") ==
        Json::array({"arn:aws:sns:eu-west-1:123456789012:topic"}));
}

TEST_CASE("Ref errors", "[cfn][intrinsics]") {
  const Stack stack;
  CHECK_THROWS_WITH(stack.evaluate("!Ref Nope"),
                    "Template format error: Unresolved resource dependencies [Nope] in the "
                    "Resources block of the template");
  CHECK_THROWS_WITH(stack.evaluate("!Ref DevOnly"),
                    "Template format error: Unresolved resource dependencies [DevOnly] in the "
                    "Resources block of the template");
  CHECK_THROWS_WITH(stack.evaluate("!Ref Topic"),
                    "Template error: resource Topic is not created yet");
  CHECK_THROWS_WITH(stack.evaluate("{\"Ref\": [\"Queue\"]}"),
                    "Template format error: Every Ref object must have a single String value.");
}

TEST_CASE("AWS::NoValue removes the member or element", "[cfn][intrinsics]") {
  const Stack stack;
  CHECK(stack.evaluate("{a: 1, b: !Ref AWS::NoValue, c: [1, !Ref AWS::NoValue, 3]}") ==
        Json{{"a", 1}, {"c", {1, 3}}});
  CHECK(stack.evaluate("!Ref AWS::NoValue").is_null());
}

TEST_CASE("Evaluation keeps key order and plain values", "[cfn][intrinsics]") {
  const Stack stack;
  const Json value = stack.evaluate("{z: 1, a: [true, null, 2.5], m: {Condition: x, Other: y}}");
  CHECK(value.dump() == R"({"z":1,"a":[true,null,2.5],"m":{"Condition":"x","Other":"y"}})");
}

TEST_CASE("Fn::GetAtt gives resource attributes", "[cfn][intrinsics]") {
  const Stack stack;
  CHECK(stack.evaluate("!GetAtt Queue.Arn") == "arn:aws:sqs:eu-west-1:123456789012:queue");
  CHECK(stack.evaluate("!GetAtt Queue.Endpoint.Port") == 443);
  CHECK(stack.evaluate("{Fn::GetAtt: [Role, Arns]}") == Json::array({"r1", "r2"}));
  CHECK(stack.evaluate("{\"Fn::GetAtt\": \"Queue.Arn\"}") ==
        "arn:aws:sqs:eu-west-1:123456789012:queue");
  CHECK(stack.evaluate("{Fn::GetAtt: [Queue, !Sub Arn]}") ==
        "arn:aws:sqs:eu-west-1:123456789012:queue");
  CHECK_THROWS_WITH(
      stack.evaluate("!GetAtt Queue.Nope"),
      "Template error: resource Queue does not support attribute type Nope in Fn::GetAtt");
  CHECK_THROWS_WITH(stack.evaluate("!GetAtt Nope.Arn"),
                    "Template error: instance of Fn::GetAtt references undefined resource Nope");
  CHECK_THROWS_WITH(stack.evaluate("!GetAtt DevOnly.Arn"),
                    Catch::Matchers::Contains("Unresolved resource dependencies [DevOnly]"));
  CHECK_THROWS_WITH(stack.evaluate("{Fn::GetAtt: [Queue]}"),
                    Catch::Matchers::StartsWith("Template error: every Fn::GetAtt object requires "
                                                "two non-empty parameters"));
}

TEST_CASE("Fn::Sub substitutes parameters, resources, attributes and variables",
          "[cfn][intrinsics]") {
  const Stack stack;
  CHECK(stack.evaluate("!Sub '${Env}-${AWS::Region}-${Queue}-${Queue.Arn}-${Size}'") ==
        "prod-eu-west-1-https://sqs/queue-arn:aws:sqs:eu-west-1:123456789012:queue-30");
  CHECK(stack.evaluate("!Sub 'literal ${!Env} and ${!Literal}'") ==
        "literal ${Env} and ${Literal}");
  CHECK(stack.evaluate("!Sub [\"${Name}.${Env}:${Port}\", {Name: !Ref Queue, Port: 8080}]") ==
        "https://sqs/queue.prod:8080");
  CHECK(stack.evaluate("!Sub [\"${Env}\", {Env: overridden}]") == "overridden");
  CHECK(stack.evaluate("!Sub 'no placeholders ${ left open'") == "no placeholders ${ left open");
  CHECK(stack.evaluate("!Sub '${Queue.Endpoint.Port}'") == "443");
  CHECK_THROWS_WITH(stack.evaluate("!Sub ['${X}', {X: [a, b]}]"),
                    "Template error: every value of the context object of every Fn::Sub object "
                    "must be a string or a function that returns a string");
  CHECK_THROWS_WITH(stack.evaluate("!Sub '${Subnets}'"),
                    "Template error: variable Subnets in Fn::Sub expression does not resolve to a "
                    "string");
  CHECK_THROWS_WITH(stack.evaluate("!Sub [a, b, c]"),
                    Catch::Matchers::StartsWith("Template error: One or more Fn::Sub intrinsic "
                                                "functions don't specify expected arguments."));
}

TEST_CASE("Fn::Join joins strings and the text of numbers", "[cfn][intrinsics]") {
  const Stack stack;
  CHECK(stack.evaluate("!Join ['-', [a, 1, 2.5, true, !Ref Env]]") == "a-1-2.5-true-prod");
  CHECK(stack.evaluate("!Join [',', !Ref Subnets]") == "subnet-a,subnet-b");
  CHECK(stack.evaluate("!Join ['', []]") == "");
  CHECK(stack.evaluate("!Join [',', [a, !Ref AWS::NoValue, b]]") == "a,b");
  const std::string error =
      "Template error: every Fn::Join object requires two parameters, (1) a string delimiter and "
      "(2) a list of strings to be joined or a function that returns a list of strings (such as "
      "Fn::GetAZs) to be joined.";
  CHECK_THROWS_WITH(stack.evaluate("!Join [',']"), error);
  CHECK_THROWS_WITH(stack.evaluate("!Join [',', notalist]"), error);
  CHECK_THROWS_WITH(stack.evaluate("!Join [',', [[nested]]]"), error);
}

TEST_CASE("Fn::Select picks by index", "[cfn][intrinsics]") {
  const Stack stack;
  CHECK(stack.evaluate("!Select [1, [a, b, c]]") == "b");
  CHECK(stack.evaluate("!Select ['0', !Ref Subnets]") == "subnet-a");
  CHECK(stack.evaluate("!Select [2, !GetAZs '']") == "eu-west-1c");
  CHECK_THROWS_WITH(stack.evaluate("!Select [3, [a, b, c]]"),
                    "Template error: Fn::Select cannot select nonexistent value at index 3");
  CHECK_THROWS_WITH(stack.evaluate("!Select [-1, [a]]"),
                    Catch::Matchers::StartsWith("Template error: Fn::Select requires"));
  CHECK_THROWS_WITH(stack.evaluate("!Select [x, [a]]"),
                    Catch::Matchers::StartsWith("Template error: Fn::Select requires"));
}

TEST_CASE("Fn::Split cuts a string", "[cfn][intrinsics]") {
  const Stack stack;
  CHECK(stack.evaluate("!Split [',', 'a,,b']") == Json::array({"a", "", "b"}));
  CHECK(stack.evaluate("!Split ['::', !Join ['::', [x, y]]]") == Json::array({"x", "y"}));
  CHECK(stack.evaluate("!Select [1, !Split ['-', !Ref AWS::Region]]") == "west");
  CHECK_THROWS_WITH(stack.evaluate("!Split ['', abc]"),
                    Catch::Matchers::StartsWith(
                        "Template error: every Fn::Split object requires two parameters"));
}

TEST_CASE("Fn::If evaluates only the branch taken", "[cfn][intrinsics]") {
  const Stack stack;
  CHECK(stack.evaluate("!If [IsProd, big, small]") == "big");
  CHECK(stack.evaluate("!If [IsDev, !Ref DevOnly, !Ref Queue]") == "https://sqs/queue");
  CHECK(stack.evaluate("{a: !If [IsDev, x, !Ref AWS::NoValue], b: 1}") == Json{{"b", 1}});
  CHECK(stack.evaluate("[!If [IsProd, !Ref AWS::NoValue, x], y]") == Json::array({"y"}));
  CHECK_THROWS_WITH(stack.evaluate("!If [Nope, a, b]"),
                    "Template error: unresolved condition dependency Nope in Fn::If");
  CHECK_THROWS_WITH(stack.evaluate("!If [IsProd, a]"),
                    "Template error: Fn::If requires a list argument with three elements");
}

TEST_CASE("Fn::FindInMap looks up the mappings", "[cfn][intrinsics]") {
  CHECK(Stack().evaluate("!FindInMap [Regions, !Ref AWS::Region, Ami]") == "ami-eu");
  CHECK(Stack().evaluate("!FindInMap [Regions, eu-west-1, Zones]") == Json::array({"a", "b"}));
  CHECK_THROWS_WITH(Stack().evaluate("!FindInMap [Regions, us-east-1, Ami]"),
                    "Template error: Unable to get mapping for Regions::us-east-1::Ami");
  CHECK_THROWS_WITH(Stack().evaluate("!FindInMap [Regions, eu-west-1, Ami, {DefaultValue: x}]"),
                    Catch::Matchers::StartsWith(
                        "Template error: every Fn::FindInMap object requires three parameters"));
  const Stack extended("AWS::LanguageExtensions");
  CHECK(extended.evaluate("!FindInMap [Regions, us-east-1, Ami, {DefaultValue: ami-default}]") ==
        "ami-default");
  CHECK(extended.evaluate("!FindInMap [Regions, eu-west-1, Ami, {DefaultValue: ami-default}]") ==
        "ami-eu");
}

TEST_CASE("Fn::GetAZs, Fn::Base64 and Fn::ImportValue", "[cfn][intrinsics]") {
  const Stack stack;
  CHECK(stack.evaluate("!GetAZs ''") == Json::array({"eu-west-1a", "eu-west-1b", "eu-west-1c"}));
  CHECK(stack.evaluate("!GetAZs {Ref: AWS::Region}") ==
        Json::array({"eu-west-1a", "eu-west-1b", "eu-west-1c"}));
  CHECK(stack.evaluate("!GetAZs us-east-2") ==
        Json::array({"us-east-2a", "us-east-2b", "us-east-2c"}));
  CHECK(stack.evaluate("!Base64 'hello'") == "aGVsbG8=");
  CHECK(stack.evaluate("!Base64 {Fn::Sub: '${Env}'}") == "cHJvZA==");
  CHECK(stack.evaluate("!ImportValue shared-vpc") == "vpc-123");
  CHECK(stack.evaluate("!ImportValue {Fn::Join: ['-', [shared, vpc]]}") == "vpc-123");
  CHECK_THROWS_WITH(stack.evaluate("!ImportValue missing"), "No export named missing found");
}

TEST_CASE("Fn::Cidr carves IPv4 subnets", "[cfn][intrinsics]") {
  const Stack stack;
  CHECK(stack.evaluate("!Cidr ['192.168.0.0/24', 6, 5]") ==
        Json::array({"192.168.0.0/27", "192.168.0.32/27", "192.168.0.64/27", "192.168.0.96/27",
                     "192.168.0.128/27", "192.168.0.160/27"}));
  CHECK(stack.evaluate("!Cidr ['10.0.0.0/16', '2', '8']") ==
        Json::array({"10.0.0.0/24", "10.0.1.0/24"}));
  CHECK(stack.evaluate("!Cidr ['10.1.2.3/16', 1, 16]") == Json::array({"10.1.0.0/16"}));
  CHECK_THROWS_WITH(stack.evaluate("!Cidr ['10.0.0.0/24', 9, 5]"),
                    "Template error: Fn::Cidr cannot fit 9 subnets of /27 in 10.0.0.0/24");
  CHECK_THROWS_AS(stack.evaluate("!Cidr ['10.0.0.0/24', 1, 9]"), TemplateError);
  CHECK_THROWS_AS(stack.evaluate("!Cidr ['10.0.0/24', 1, 4]"), TemplateError);
  CHECK_THROWS_AS(stack.evaluate("!Cidr ['10.0.0.0/16', 0, 4]"), TemplateError);
  CHECK_THROWS_AS(stack.evaluate("!Cidr ['10.0.0.0/16', 257, 4]"), TemplateError);
}

TEST_CASE("Fn::Length and Fn::ToJsonString need AWS::LanguageExtensions", "[cfn][intrinsics]") {
  CHECK_THROWS_WITH(
      Stack().evaluate("!ToJsonString {a: 1}"),
      Catch::Matchers::StartsWith(
          "Template format error: Encountered unsupported function: Fn::ToJsonString"));
  CHECK_THROWS_WITH(Stack().evaluate("!Length [1]"),
                    Catch::Matchers::StartsWith(
                        "Template format error: Encountered unsupported function: Fn::Length"));
  const Stack stack("AWS::LanguageExtensions");
  CHECK(stack.evaluate("!Length [a, b, !Ref AWS::NoValue]") == 2);
  CHECK(stack.evaluate("!Length {Ref: Subnets}") == 2);
  CHECK(stack.evaluate("!ToJsonString {b: !Ref Env, a: [1, true], c: !Ref AWS::NoValue}") ==
        R"({"b":"prod","a":[1,true]})");
  CHECK_THROWS_WITH(stack.evaluate("!Length notalist"),
                    "Template error: Fn::Length requires a list argument");
}

TEST_CASE("properties() evaluates a resource's properties", "[cfn][intrinsics]") {
  TestStack stack(R"(
Resources:
  Queue: {Type: AWS::SQS::Queue}
  Function:
    Type: AWS::Lambda::Function
    Properties:
      Timeout: 30
      Dropped: !Ref AWS::NoValue
      Environment: {Variables: {QUEUE: !Ref Queue}}
)");
  stack.physicalIds["Queue"] = "q-1";
  const Json properties =
      stack.evaluator().properties(*stack.stackTemplate.findResource("Function"));
  CHECK(properties == Json{{"Timeout", 30}, {"Environment", {{"Variables", {{"QUEUE", "q-1"}}}}}});
  CHECK(stack.evaluator().properties(*stack.stackTemplate.findResource("Queue")) == Json::object());
}

TEST_CASE("Unknown functions are refused at evaluation too", "[cfn][intrinsics]") {
  const Stack stack;
  CHECK_THROWS_WITH(stack.evaluate("{Fn::Bogus: 1}"),
                    Catch::Matchers::StartsWith(
                        "Template format error: Encountered unsupported function: Fn::Bogus"));
}

TEST_CASE("Deeply nested intrinsics are evaluated within the bound", "[cfn][intrinsics]") {
  const Stack stack;
  std::string value = "x";
  for (int i = 0; i < 60; ++i)
    value = "{\"Fn::Join\": [\"\", [" + (value == "x" ? "\"x\"" : value) + "]]}";
  CHECK(stack.evaluator().evaluate(fragment(value)) == "x");
}
