#include <catch2/catch.hpp>

#include "emulator/cloudformation/template/template_error.h"
#include "template_test_support.h"

using stepsim::Json;
using namespace stepsim::cfn;
using stepsim::cfn::testing::readBody;

TEST_CASE("readTemplate builds the declarations", "[cfn][template]") {
  const StackTemplate stackTemplate = readBody(R"(
AWSTemplateFormatVersion: "2010-09-09"
Description: Queues and a function
Transform: AWS::LanguageExtensions
Parameters:
  Env:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]
    Description: The environment
  Size:
    Type: Number
    Default: 30
    MinValue: 1
    MaxValue: 100
    NoEcho: true
Mappings:
  Regions:
    eu-west-1: {Ami: ami-1}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Queue:
    Type: AWS::SQS::Queue
    DeletionPolicy: Retain
    Metadata: {Note: kept}
    Properties:
      VisibilityTimeout: !Ref Size
  Topic:
    Type: AWS::SNS::Topic
    Condition: IsProd
  Function:
    Type: AWS::Lambda::Function
    DependsOn: Topic
    Properties:
      Environment:
        Variables:
          QUEUE: !GetAtt Queue.Arn
Outputs:
  QueueUrl:
    Description: The queue
    Value: !Ref Queue
    Export:
      Name: !Sub "${AWS::StackName}-queue"
    Condition: IsProd
)");
  CHECK(stackTemplate.description == "Queues and a function");
  CHECK(stackTemplate.transforms == std::vector<std::string>{"AWS::LanguageExtensions"});
  REQUIRE(stackTemplate.parameters.size() == 2);
  const ParameterDeclaration& env = stackTemplate.parameters[0];
  CHECK(env.name == "Env");
  CHECK(env.type == "String");
  CHECK(env.defaultValue == "dev");
  CHECK(env.allowedValues == std::vector<std::string>{"dev", "prod"});
  CHECK(env.description == "The environment");
  const ParameterDeclaration& size = stackTemplate.parameters[1];
  CHECK(size.defaultValue == "30");
  CHECK(size.minValue == 1.0);
  CHECK(size.maxValue == 100.0);
  CHECK(size.noEcho);
  CHECK(stackTemplate.mappings["Regions"]["eu-west-1"]["Ami"] == "ami-1");
  CHECK(stackTemplate.conditions.contains("IsProd"));
  REQUIRE(stackTemplate.resources.size() == 3);
  const ResourceDeclaration* queue = stackTemplate.findResource("Queue");
  REQUIRE(queue);
  CHECK(queue->type == "AWS::SQS::Queue");
  CHECK(queue->deletionPolicy == "Retain");
  CHECK(queue->metadata == Json{{"Note", "kept"}});
  CHECK(queue->properties["VisibilityTimeout"] == Json{{"Ref", "Size"}});
  CHECK(queue->dependsOn.empty());
  const ResourceDeclaration* topic = stackTemplate.findResource("Topic");
  CHECK(topic->condition == "IsProd");
  CHECK(topic->deletionPolicy == "Delete");
  CHECK(topic->properties == Json::object());
  CHECK(topic->metadata.is_null());
  CHECK(stackTemplate.findResource("Function")->dependsOn ==
        std::set<std::string>{"Queue", "Topic"});
  CHECK(stackTemplate.findResource("Nope") == nullptr);
  REQUIRE(stackTemplate.outputs.size() == 1);
  const OutputDeclaration& output = stackTemplate.outputs[0];
  CHECK(output.name == "QueueUrl");
  CHECK(output.value == Json{{"Ref", "Queue"}});
  CHECK(output.exportName == Json{{"Fn::Sub", "${AWS::StackName}-queue"}});
  CHECK(output.description == "The queue");
  CHECK(output.condition == "IsProd");
}

TEST_CASE("Dependencies come from Ref, Fn::GetAtt, Fn::Sub and DependsOn", "[cfn][template]") {
  const StackTemplate stackTemplate = readBody(R"(
Parameters:
  Name: {Type: String}
Resources:
  A: {Type: T}
  B: {Type: T}
  C: {Type: T}
  D: {Type: T}
  E: {Type: T}
  User:
    Type: T
    DependsOn: [E]
    Properties:
      One: !Sub "${A}-${B.Arn}-${Name}-${AWS::Region}-${!C}"
      Two: !Sub ["${Local}", {Local: !Ref C}]
      Three: !If [Always, !Ref D, plain]
      Four: !Ref Name
Conditions:
  Always: !Equals [a, a]
)");
  CHECK(stackTemplate.findResource("User")->dependsOn ==
        std::set<std::string>{"A", "B", "C", "D", "E"});
}

TEST_CASE("Structure errors use CloudFormation's words", "[cfn][template]") {
  CHECK_THROWS_WITH(readTemplate(Json::array()), "Template format error: unsupported structure.");
  CHECK_THROWS_WITH(readBody("Description: x\n"),
                    "Template format error: At least one Resources member must be defined.");
  CHECK_THROWS_WITH(readBody("Resources: {}\n"),
                    "Template format error: At least one Resources member must be defined.");
  CHECK_THROWS_WITH(readBody("Resources: {A: {Properties: {}}}\n"),
                    "Template format error: Every Resources object must contain a Type member.");
  CHECK_THROWS_WITH(
      readBody("Resources: {A: {Type: T}}\nBogus: 1\nOther: 2\n"),
      "Template format error: Invalid template property or properties [Bogus, Other]");
  CHECK_THROWS_WITH(readBody("Resources: {A: {Type: T, Propertys: {}}}\n"),
                    "Template format error: Invalid template resource property 'Propertys'");
  CHECK_THROWS_WITH(readBody("Resources: {my-queue: {Type: T}}\n"),
                    "Template format error: Resource name my-queue is non alphanumeric.");
  CHECK_THROWS_WITH(readBody("Parameters: {P: {Default: x}}\nResources: {A: {Type: T}}\n"),
                    "Template format error: Every Parameters object must contain a Type member.");
  CHECK_THROWS_WITH(readBody("Parameters: {P: {Type: Strin}}\nResources: {A: {Type: T}}\n"),
                    "Template format error: Unrecognized parameter type: Strin");
  CHECK_THROWS_WITH(
      readBody("Parameters: {P: {Type: String, Defalt: x}}\nResources: {A: {Type: T}}\n"),
      "Template format error: Invalid template parameter property 'Defalt'");
  CHECK_THROWS_WITH(readBody("Resources: {A: {Type: T, Condition: [x]}}\n"),
                    "Template format error: Every Condition member must be a string.");
  CHECK_THROWS_WITH(readBody("Resources: {A: {Type: T}}\nOutputs: {O: {Description: x}}\n"),
                    "Template format error: Every Outputs member must contain a Value object");
  CHECK_THROWS_WITH(
      readBody("AWSTemplateFormatVersion: 2011-01-01\nResources: {A: {Type: T}}\n"),
      Catch::Matchers::StartsWith("Template format error: Unsupported AWSTemplateFormatVersion"));
}

TEST_CASE("Parameter types CloudFormation knows are accepted", "[cfn][template]") {
  for (const std::string type :
       {"String", "Number", "List<Number>", "CommaDelimitedList", "AWS::EC2::VPC::Id",
        "List<AWS::EC2::Subnet::Id>", "AWS::SSM::Parameter::Name",
        "AWS::SSM::Parameter::Value<String>", "AWS::SSM::Parameter::Value<List<String>>",
        "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>"}) {
    INFO(type);
    CHECK(readBody("Parameters: {P: {Type: '" + type + "'}}\nResources: {A: {Type: T}}\n")
              .parameters[0]
              .type == type);
  }
}

TEST_CASE("References to undeclared names are unresolved dependencies", "[cfn][template]") {
  CHECK_THROWS_WITH(
      readBody("Resources:\n  A: {Type: T, Properties: {X: !Ref Nope, Y: !Sub '${Other}'}}\n"),
      "Template format error: Unresolved resource dependencies [Nope, Other] in the Resources "
      "block of the template");
  CHECK_THROWS_WITH(readBody("Resources:\n  A: {Type: T, DependsOn: [Missing]}\n"),
                    "Template format error: Unresolved resource dependencies [Missing] in the "
                    "Resources block of the template");
  CHECK_THROWS_WITH(readBody("Resources: {A: {Type: T}}\nOutputs: {O: {Value: !Ref Nope}}\n"),
                    "Template format error: Unresolved resource dependencies [Nope] in the "
                    "Outputs block of the template");
  CHECK_THROWS_WITH(readBody("Resources:\n  A: {Type: T, Properties: {X: !GetAtt Nope.Arn}}\n"),
                    "Template error: instance of Fn::GetAtt references undefined resource Nope");
  CHECK_THROWS_WITH(
      readBody("Parameters: {P: {Type: String}}\nResources:\n  A: {Type: T, Properties: {X: "
               "!Sub '${P.Arn}'}}\n"),
      "Template error: instance of Fn::Sub references invalid resource attribute P.Arn");
  CHECK_THROWS_WITH(readBody("Resources:\n  A: {Type: T, Properties: {X: !If [Nope, a, b]}}\n"),
                    "Template error: unresolved condition dependency Nope in Fn::If");
  CHECK_THROWS_WITH(readBody("Resources:\n  A: {Type: T, Condition: Nope}\n"),
                    "Template format error: Unresolved condition dependencies [Nope] in the "
                    "Resources block of the template");
  CHECK_THROWS_WITH(readBody("Resources:\n  A: {Type: T, Properties: {X: {Fn::GetAtt: [A]}}}\n"),
                    "Template error: every Fn::GetAtt object requires two non-empty parameters, "
                    "the resource name and the resource attribute");
}

TEST_CASE("Pseudo parameters are always known", "[cfn][template]") {
  const StackTemplate stackTemplate = readBody(R"(
Resources:
  A:
    Type: T
    Properties:
      List:
      - !Ref AWS::AccountId
      - !Ref AWS::NotificationARNs
      - !Ref AWS::NoValue
      - !Ref AWS::Partition
      - !Ref AWS::Region
      - !Ref AWS::StackId
      - !Ref AWS::StackName
      - !Ref AWS::URLSuffix
)");
  CHECK(stackTemplate.findResource("A")->dependsOn.empty());
}

TEST_CASE("Conditions may not reference resources", "[cfn][template]") {
  CHECK_THROWS_WITH(readBody("Conditions:\n  C: !Equals [!Ref A, x]\nResources: {A: {Type: T}}\n"),
                    "Template format error: Unresolved dependencies [A]. Cannot reference "
                    "resources in the Conditions block of the template");
  CHECK_THROWS_WITH(readBody("Conditions:\n  C: !Not [!Condition D]\nResources: {A: {Type: T}}\n"),
                    "Template format error: Unresolved condition dependencies [D] in the "
                    "Conditions block of the template");
}

TEST_CASE("Functions outside the template's transforms are unsupported", "[cfn][template]") {
  CHECK_THROWS_WITH(readBody("Resources:\n  A: {Type: T, Properties: {X: !ToJsonString {a: 1}}}\n"),
                    Catch::Matchers::StartsWith("Template format error: Encountered unsupported "
                                                "function: Fn::ToJsonString Supported functions "
                                                "are: [Fn::Base64, Fn::GetAtt"));
  CHECK_THROWS_WITH(readBody("Resources:\n  A: {Type: T, Properties: {X: {Fn::Bogus: 1}}}\n"),
                    Catch::Matchers::StartsWith(
                        "Template format error: Encountered unsupported function: Fn::Bogus"));
  CHECK_NOTHROW(
      readBody("Transform: [AWS::LanguageExtensions]\nResources:\n  A: {Type: T, "
               "Properties: {X: !ToJsonString {a: 1}, Y: !Length [1]}}\n"));
}

TEST_CASE("Circular dependencies name the resources in the cycle", "[cfn][template]") {
  CHECK_THROWS_WITH(readBody(R"(
Resources:
  Before: {Type: T}
  B: {Type: T, Properties: {X: !Ref A}}
  A: {Type: T, Properties: {X: !GetAtt C.Arn}}
  C: {Type: T, DependsOn: B}
  After: {Type: T, Properties: {X: !Ref A}}
)"),
                    "Circular dependency between resources: [A, B, C]");
  CHECK_THROWS_WITH(readBody("Resources:\n  Self: {Type: T, Properties: {X: !Ref Self}}\n"),
                    "Circular dependency between resources: [Self]");
}

TEST_CASE("creationOrder is topological, ties in declaration order", "[cfn][template]") {
  const StackTemplate stackTemplate = readBody(R"(
Conditions:
  Never: !Equals [a, b]
Resources:
  Function: {Type: T, Properties: {Role: !GetAtt Role.Arn, Queue: !Ref Queue}}
  Queue: {Type: T}
  Role: {Type: T, Properties: {Policy: !Ref Policy}}
  Policy: {Type: T}
  Skipped: {Type: T, Condition: Never}
  Alarm: {Type: T, Properties: {Name: !Sub "${Function}"}}
)");
  CHECK(creationOrder(stackTemplate, {{"Never", false}}) ==
        std::vector<std::string>{"Queue", "Policy", "Role", "Function", "Alarm"});
  CHECK(creationOrder(stackTemplate, {{"Never", true}}) ==
        std::vector<std::string>{"Queue", "Policy", "Role", "Function", "Skipped", "Alarm"});
}

TEST_CASE("Templates over CloudFormation's quotas are refused", "[cfn][template]") {
  std::string body = "Resources:\n";
  for (int i = 0; i < 501; ++i) body += "  R" + std::to_string(i) + ": {Type: T}\n";
  CHECK_THROWS_WITH(readBody(body),
                    "Template format error: Number of resources, 501, is greater "
                    "than maximum allowed, 500");
}

TEST_CASE("A long dependency chain is ordered without deep recursion", "[cfn][template]") {
  std::string body = "Resources:\n  R0: {Type: T}\n";
  for (int i = 1; i < 500; ++i)
    body += "  R" + std::to_string(i) + ": {Type: T, DependsOn: R" + std::to_string(i - 1) + "}\n";
  const std::vector<std::string> order = creationOrder(readBody(body), {});
  REQUIRE(order.size() == 500);
  CHECK(order.front() == "R0");
  CHECK(order.back() == "R499");
}

TEST_CASE("A template nesting right up to the bound is read", "[cfn][template]") {
  // The object, Resources, A and Properties are four levels; the arrays make up the rest.
  const auto bodyWithArrays = [](std::size_t arrays) {
    return "{\"Resources\": {\"A\": {\"Type\": \"T\", \"Properties\": {\"X\": " +
           std::string(arrays, '[') + std::string(arrays, ']') + "}}}}";
  };
  CHECK(readBody(bodyWithArrays(252)).resources.size() == 1);
  CHECK_THROWS_WITH(readBody(bodyWithArrays(253)),
                    Catch::Matchers::Contains("nests deeper than 256 levels"));
  const std::string yaml =
      "Resources:\n  A:\n    Type: T\n    Properties:\n      X: " + std::string(252, '[') +
      std::string(252, ']') + "\n";
  CHECK(readBody(yaml).resources.size() == 1);
}
