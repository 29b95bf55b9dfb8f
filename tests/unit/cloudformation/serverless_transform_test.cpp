#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "emulator/cloudformation/template/serverless_transform.h"
#include "emulator/cloudformation/template/stack_template.h"
#include "emulator/cloudformation/template/template_body.h"
#include "emulator/cloudformation/template/template_error.h"
#include "emulator/core/json.h"

using stepsim::Json;
using stepsim::cfn::expandServerless;
using stepsim::cfn::parseTemplateBody;
using stepsim::cfn::ServerlessContext;
using stepsim::cfn::TemplateError;
using stepsim::cfn::usesServerlessTransform;

namespace {

// The template's directory: only joined with paths, never read, so any absolute path serves.
const std::string kBase = (std::filesystem::temp_directory_path() / "sam-app").string();
const ServerlessContext kContext{kBase};

Json localPath(const std::string& path) {
  return {{"LocalPath", path}};
}

Json expand(const std::string& body, const ServerlessContext& context = kContext) {
  return expandServerless(parseTemplateBody(body), context);
}

// A template with the SAM transform and `resources` (YAML, indented by two spaces).
std::string samTemplate(const std::string& resources, const std::string& extra = "") {
  return "Transform: AWS::Serverless-2016-10-31\n" + extra + "Resources:\n" + resources;
}

std::string function(const std::string& properties) {
  return "  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n"
         "      Runtime: python3.12\n      Handler: app.handler\n" +
         properties;
}

Json expandFunction(const std::string& properties) {
  return expand(samTemplate(function(properties)));
}

std::string failure(const std::string& reasons) {
  return "Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application "
         "Specification document. " +
         reasons;
}

std::string oneError(const std::string& id, const std::string& why) {
  return failure("Number of errors found: 1. Resource with id [" + id + "] is invalid. " + why);
}

const Json kLambdaTrust = Json::parse(R"({"Version": "2012-10-17", "Statement": [
  {"Action": ["sts:AssumeRole"], "Effect": "Allow",
   "Principal": {"Service": ["lambda.amazonaws.com"]}}]})");
const Json kStatesTrust = Json::parse(R"({"Version": "2012-10-17", "Statement": [
  {"Action": ["sts:AssumeRole"], "Effect": "Allow",
   "Principal": {"Service": ["states.amazonaws.com"]}}]})");
const std::string kBasicExecution =
    "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

// A directory of its own under the system temp directory, removed afterwards.
struct TempDirectory {
  TempDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "sam-test-XXXXXX").string();
    path = mkdtemp(pattern.data());
  }
  ~TempDirectory() { std::filesystem::remove_all(path); }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
  }
  std::filesystem::path path;
};

std::vector<std::string> keysOf(const Json& object) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.push_back(key);
  return keys;
}

}  // namespace

TEST_CASE("The SAM transform is recognised as a string or in a list", "[sam]") {
  CHECK(usesServerlessTransform(Json::parse(R"({"Transform": "AWS::Serverless-2016-10-31"})")));
  CHECK(usesServerlessTransform(
      Json::parse(R"({"Transform": ["AWS::LanguageExtensions", "AWS::Serverless-2016-10-31"]})")));
  CHECK_FALSE(usesServerlessTransform(Json::parse(R"({"Transform": "AWS::LanguageExtensions"})")));
  CHECK_FALSE(usesServerlessTransform(Json::parse(R"({"Resources": {}})")));
}

TEST_CASE("The SAM transform leaves Transform, keeping the others", "[sam]") {
  const std::string resources = "  Queue:\n    Type: AWS::SQS::Queue\n";
  CHECK_FALSE(expand(samTemplate(resources)).contains("Transform"));
  const Json listed = expand(
      "Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\nResources:\n" + resources);
  CHECK(listed["Transform"] == Json::parse(R"(["AWS::LanguageExtensions"])"));
  const Json onlySam = expand("Transform: [AWS::Serverless-2016-10-31]\nResources:\n" + resources);
  CHECK_FALSE(onlySam.contains("Transform"));
}

TEST_CASE("Non-SAM resources and the other sections are kept as written", "[sam]") {
  const Json output = expand(
      samTemplate("  Queue:\n    Type: AWS::SQS::Queue\n    Properties: {DelaySeconds: 5}\n" +
                      function("      InlineCode: 'def handler(e, c): pass'\n"),
                  "Description: demo\nParameters:\n  Stage: {Type: String}\n"));
  CHECK(output["Description"] == "demo");
  CHECK(output["Parameters"]["Stage"]["Type"] == "String");
  CHECK(output["Resources"]["Queue"] ==
        Json::parse(R"({"Type": "AWS::SQS::Queue", "Properties": {"DelaySeconds": 5}})"));
  CHECK(keysOf(output["Resources"]) == std::vector<std::string>{"Queue", "Fn", "FnRole"});
  CHECK(keysOf(output) == std::vector<std::string>{"Description", "Parameters", "Resources"});
}

TEST_CASE("A SAM function becomes a Lambda function with a generated execution role", "[sam]") {
  const Json output = expandFunction("      InlineCode: 'def handler(e, c): return 1'\n");
  const Json& function = output["Resources"]["Fn"];
  CHECK(function["Type"] == "AWS::Lambda::Function");
  CHECK(function["Properties"] == Json::parse(R"({
    "Code": {"ZipFile": "def handler(e, c): return 1"},
    "Runtime": "python3.12", "Handler": "app.handler",
    "Tags": [{"Key": "lambda:createdBy", "Value": "SAM"}],
    "Role": {"Fn::GetAtt": ["FnRole", "Arn"]}})"));
  const Json& role = output["Resources"]["FnRole"];
  CHECK(role["Type"] == "AWS::IAM::Role");
  CHECK(role["Properties"]["AssumeRolePolicyDocument"] == kLambdaTrust);
  CHECK(role["Properties"]["ManagedPolicyArns"] == Json::array({kBasicExecution}));
  CHECK_FALSE(role["Properties"].contains("Policies"));
  CHECK(role["Properties"]["Tags"] == function["Properties"]["Tags"]);
  // The result is a template CloudFormation reads.
  CHECK_NOTHROW(stepsim::cfn::readTemplate(output));
}

TEST_CASE("A SAM function's properties map onto the Lambda function", "[sam]") {
  const Json properties = expandFunction(R"(      InlineCode: code
      FunctionName: greeter
      Description: says hello
      MemorySize: 256
      Timeout: 30
      Environment: {Variables: {STAGE: prod}}
      Layers: [arn:aws:lambda:eu-west-1:123456789012:layer:shared:3]
      Architectures: [arm64]
      Tracing: Active
      DeadLetterQueue: {Type: SQS, TargetArn: arn:aws:sqs:eu-west-1:123456789012:dlq}
      EphemeralStorage: {Size: 1024}
      ReservedConcurrentExecutions: 5
      KmsKeyArn: !Ref Key
      Tags: {team: core, empty: ''}
)")["Resources"]["Fn"]["Properties"];
  CHECK(properties["FunctionName"] == "greeter");
  CHECK(properties["Description"] == "says hello");
  CHECK(properties["MemorySize"] == 256);
  CHECK(properties["Timeout"] == 30);
  CHECK(properties["Environment"] == Json::parse(R"({"Variables": {"STAGE": "prod"}})"));
  CHECK(properties["Layers"] ==
        Json::parse(R"(["arn:aws:lambda:eu-west-1:123456789012:layer:shared:3"])"));
  CHECK(properties["Architectures"] == Json::parse(R"(["arm64"])"));
  CHECK(properties["TracingConfig"] == Json::parse(R"({"Mode": "Active"})"));
  CHECK(properties["DeadLetterConfig"] ==
        Json::parse(R"({"TargetArn": "arn:aws:sqs:eu-west-1:123456789012:dlq"})"));
  CHECK(properties["EphemeralStorage"] == Json::parse(R"({"Size": 1024})"));
  CHECK(properties["ReservedConcurrentExecutions"] == 5);
  CHECK(properties["KmsKeyArn"] == Json::parse(R"({"Ref": "Key"})"));  // intrinsics kept
  CHECK(properties["Tags"] == Json::parse(R"([{"Key": "lambda:createdBy", "Value": "SAM"},
      {"Key": "team", "Value": "core"}, {"Key": "empty", "Value": ""}])"));
  for (const char* sam : {"Tracing", "DeadLetterQueue", "InlineCode"})
    CHECK_FALSE(properties.contains(sam));
}

TEST_CASE("Tracing, VpcConfig and DeadLetterQueue add to the role what SAM adds", "[sam]") {
  const Json role = expandFunction(R"(      InlineCode: code
      Tracing: Active
      VpcConfig: {SubnetIds: [subnet-1], SecurityGroupIds: [sg-1]}
      DeadLetterQueue: {Type: SNS, TargetArn: !Ref Topic}
)")["Resources"]["FnRole"]["Properties"];
  CHECK(role["ManagedPolicyArns"] == Json::parse(R"([
      "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
      "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess",
      "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"])"));
  CHECK(role["Policies"] == Json::parse(R"([{"PolicyName": "DeadLetterQueuePolicy",
      "PolicyDocument": {"Version": "2012-10-17", "Statement": [
        {"Action": "sns:Publish", "Resource": {"Ref": "Topic"}, "Effect": "Allow"}]}}])"));
}

TEST_CASE("A given Role is used and no role is generated", "[sam]") {
  const Json output = expandFunction(
      "      InlineCode: code\n      Role: !GetAtt Existing.Arn\n"
      "      Policies: AWSLambdaExecute\n");
  CHECK(output["Resources"]["Fn"]["Properties"]["Role"] ==
        Json::parse(R"({"Fn::GetAtt": ["Existing", "Arn"]})"));
  CHECK_FALSE(output["Resources"].contains("FnRole"));
}

TEST_CASE("Role path, permissions boundary and trust policy reach the generated role", "[sam]") {
  const Json role = expandFunction(R"(      InlineCode: code
      RolePath: /app/
      PermissionsBoundary: arn:aws:iam::123456789012:policy/boundary
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: []}
)")["Resources"]["FnRole"]["Properties"];
  CHECK(role["Path"] == "/app/");
  CHECK(role["PermissionsBoundary"] == "arn:aws:iam::123456789012:policy/boundary");
  CHECK(role["AssumeRolePolicyDocument"] ==
        Json::parse(R"({"Version": "2012-10-17", "Statement": []})"));
}

TEST_CASE("Resource attributes are kept, and the pass-through ones reach generated resources",
          "[sam]") {
  const Json resources =
      expand(samTemplate(R"(  Fn:
    Type: AWS::Serverless::Function
    Condition: IsProd
    DependsOn: Queue
    DeletionPolicy: Retain
    Metadata: {owner: me}
    Properties: {Runtime: python3.12, Handler: a.b, InlineCode: x, AutoPublishAlias: live}
  Queue:
    Type: AWS::SQS::Queue
)",
                         "Conditions:\n  IsProd: !Equals [a, a]\n"))["Resources"];
  const Json& function = resources["Fn"];
  CHECK(function["Condition"] == "IsProd");
  CHECK(function["DependsOn"] == "Queue");
  CHECK(function["Metadata"] == Json::parse(R"({"owner": "me"})"));
  CHECK(function["DeletionPolicy"] == "Retain");
  CHECK(resources["FnRole"]["Condition"] == "IsProd");
  CHECK(resources["FnRole"]["DeletionPolicy"] == "Retain");
  CHECK_FALSE(resources["FnRole"].contains("DependsOn"));
  CHECK(resources["FnAliaslive"]["Condition"] == "IsProd");
}

TEST_CASE("CodeUri local paths become absolute, lexically normal LocalPath code", "[sam]") {
  auto codeOf = [](const std::string& uri, const ServerlessContext& context = kContext) {
    return expand(samTemplate(function("      CodeUri: " + uri + "\n")),
                  context)["Resources"]["Fn"]["Properties"]["Code"];
  };
  CHECK(codeOf("src/") == localPath(kBase + "/src"));
  CHECK(codeOf("./src/../lib/handler") == localPath(kBase + "/lib/handler"));
  CHECK(codeOf(".") == localPath(kBase));
  CHECK(codeOf(kBase + "/code/./fn") == localPath(kBase + "/code/fn"));
  CHECK(codeOf("build/fn.zip", ServerlessContext{kBase + "/"}) ==
        localPath(kBase + "/build/fn.zip"));
  CHECK(codeOf(kBase, ServerlessContext{}) == localPath(kBase));
  CHECK_THROWS_WITH(codeOf("src", ServerlessContext{}),
                    oneError("Fn",
                             "'CodeUri' is the relative path 'src', and stepsim knows no "
                             "template directory to resolve it against: give an absolute "
                             "path"));
}

TEST_CASE("InlineCode wins over CodeUri as in SAM, and one of them is required", "[sam]") {
  CHECK(expandFunction(
            "      InlineCode: x\n      CodeUri: src\n")["Resources"]["Fn"]["Properties"]["Code"] ==
        Json::parse(R"({"ZipFile": "x"})"));
  CHECK_THROWS_WITH(expandFunction(""),
                    oneError("Fn", "Either 'InlineCode' or 'CodeUri' must be set."));
}

TEST_CASE("S3 code and definitions are refused: stepsim has no S3", "[sam]") {
  const std::string codeWhy =
      "'CodeUri' names an S3 object, which stepsim cannot read: stepsim does not emulate S3. Give "
      "a local CodeUri path or InlineCode";
  CHECK_THROWS_WITH(expandFunction("      CodeUri: s3://bucket/key.zip\n"),
                    oneError("Fn", codeWhy));
  CHECK_THROWS_WITH(expandFunction("      CodeUri: {Bucket: b, Key: k}\n"),
                    oneError("Fn", codeWhy));
  CHECK_THROWS_WITH(
      expandFunction("      CodeUri: !Sub '${Dir}/src'\n"),
      oneError("Fn",
               "'CodeUri' must be a literal local path (stepsim reads it while expanding "
               "SAM, before CloudFormation evaluates intrinsics)"));
  const std::string definitionWhy =
      "'DefinitionUri' names an S3 object, which stepsim cannot read: stepsim does not emulate "
      "S3. Give a local DefinitionUri path or the Definition itself";
  CHECK_THROWS_WITH(
      expand(samTemplate("  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n"
                         "      DefinitionUri: s3://bucket/flow.json\n")),
      oneError("Flow", definitionWhy));
  CHECK_THROWS_WITH(
      expand(samTemplate("  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n"
                         "      DefinitionUri: {Bucket: b, Key: flow.json}\n")),
      oneError("Flow", definitionWhy));
}

TEST_CASE("Images, missing handlers and unknown properties are refused", "[sam]") {
  const std::string images =
      "stepsim runs no container images (PackageType Image, ImageUri, ImageConfig): give a local "
      "CodeUri or InlineCode";
  CHECK_THROWS_WITH(expandFunction("      PackageType: Image\n      ImageUri: repo:tag\n"),
                    oneError("Fn", images));
  CHECK_THROWS_WITH(
      expand(samTemplate("  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n"
                         "      InlineCode: x\n      Runtime: python3.12\n")),
      oneError("Fn", "Runtime and Handler needs to be present when PackageType is of type `Zip`"));
  CHECK_THROWS_WITH(
      expandFunction("      InlineCode: x\n      Event: {}\n"),
      oneError("Fn", "property Event not defined for resource of type AWS::Serverless::Function"));
  CHECK_THROWS_WITH(
      expandFunction("      InlineCode: x\n      FunctionUrlConfig: {AuthType: NONE}\n"),
      oneError("Fn",
               "stepsim does not expand FunctionUrlConfig: it does not "
               "emulate Lambda function URLs"));
}

TEST_CASE("SAM's own tag key is reserved", "[sam]") {
  CHECK_THROWS_WITH(expandFunction("      InlineCode: x\n      Tags: {'lambda:createdBy': me}\n"),
                    oneError("Fn",
                             "lambda:createdBy is a reserved Tag key name and cannot be set "
                             "on your resource. Please change the tag key in the input."));
}

TEST_CASE("Policies: managed names, ARNs, documents and intrinsics", "[sam]") {
  const Json role = expandFunction(R"(      InlineCode: x
      Policies:
        - AmazonS3ReadOnlyAccess
        - AWSLambdaRole
        - arn:aws:iam::123456789012:policy/custom
        - !Ref ExtraPolicyArn
        - AWSLambdaBasicExecutionRole
        - Version: '2012-10-17'
          Statement:
            - {Effect: Allow, Action: 'logs:CreateLogGroup', Resource: '*'}
)")["Resources"]["FnRole"]["Properties"];
  CHECK(role["ManagedPolicyArns"] == Json::parse(R"([
      "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
      "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
      "arn:aws:iam::aws:policy/service-role/AWSLambdaRole",
      "arn:aws:iam::123456789012:policy/custom",
      {"Ref": "ExtraPolicyArn"}])"));
  CHECK(role["Policies"] == Json::parse(R"([{"PolicyName": "FnRolePolicy5",
      "PolicyDocument": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "logs:CreateLogGroup", "Resource": "*"}]}}])"));
}

TEST_CASE("Policies may be a single name or a single document", "[sam]") {
  CHECK(expandFunction("      InlineCode: x\n      Policies: AWSStepFunctionsFullAccess\n")
            ["Resources"]["FnRole"]["Properties"]["ManagedPolicyArns"][1] ==
        "arn:aws:iam::aws:policy/AWSStepFunctionsFullAccess");
  CHECK(expandFunction(
            "      InlineCode: x\n      Policies: {Statement: []}\n")["Resources"]["FnRole"]
                                                                     ["Properties"]["Policies"] ==
        Json::parse(R"([{"PolicyName": "FnRolePolicy0", "PolicyDocument": {"Statement": []}}])"));
}

TEST_CASE("Policy templates expand with their parameters substituted", "[sam]") {
  const Json policies = expandFunction(R"(      InlineCode: x
      Policies:
        - LambdaInvokePolicy: {FunctionName: !Ref Worker}
        - StepFunctionsExecutionPolicy: {StateMachineName: !GetAtt Flow.Name}
        - CloudWatchPutMetricPolicy: {}
        - AWSSecretsManagerGetSecretValuePolicy: {SecretArn: !Ref Secret}
        - SQSSendMessagePolicy: {QueueName: jobs}
        - FilterLogEventsPolicy: {LogGroupName: /aws/lambda/x}
)")["Resources"]["FnRole"]["Properties"]["Policies"];
  REQUIRE(policies.size() == 6);
  CHECK(policies[0] == Json::parse(R"({"PolicyName": "FnRolePolicy0", "PolicyDocument": {
      "Statement": [{"Effect": "Allow", "Action": ["lambda:InvokeFunction"],
        "Resource": {"Fn::Sub": [
          "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${functionName}*",
          {"functionName": {"Ref": "Worker"}}]}}]}})"));
  CHECK(policies[1]["PolicyDocument"] == Json::parse(R"({"Statement": [{"Effect": "Allow",
      "Action": ["states:StartExecution"], "Resource": {"Fn::Sub": [
        "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:)"
                                                     R"(stateMachine:${stateMachineName}",
        {"stateMachineName": {"Fn::GetAtt": ["Flow", "Name"]}}]}}]})"));
  CHECK(policies[2]["PolicyDocument"] == Json::parse(R"({"Statement": [{"Effect": "Allow",
      "Action": ["cloudwatch:PutMetricData"], "Resource": "*"}]})"));
  CHECK(policies[3]["PolicyDocument"]["Statement"][0]["Resource"] ==
        Json::parse(R"({"Fn::Sub": ["${secretArn}", {"secretArn": {"Ref": "Secret"}}]})"));
  CHECK(policies[4]["PolicyDocument"]["Statement"][0]["Resource"]["Fn::Sub"][1] ==
        Json::parse(R"({"queueName": "jobs"})"));
  CHECK(policies[5]["PolicyDocument"]["Statement"][0]["Action"] ==
        Json::parse(R"(["logs:FilterLogEvents"])"));
  CHECK(policies[5]["PolicyName"] == "FnRolePolicy5");
}

TEST_CASE("Every policy template stepsim carries expands to a policy document", "[sam]") {
  const Json policies = expandFunction(R"(      InlineCode: x
      Policies:
        - AWSSecretsManagerGetSecretValuePolicy: {SecretArn: s}
        - CloudWatchDashboardPolicy: {}
        - CloudWatchDescribeAlarmHistoryPolicy: {}
        - CloudWatchPutMetricPolicy: {}
        - DynamoDBCrudPolicy: {TableName: t}
        - DynamoDBReadPolicy: {TableName: t}
        - FilterLogEventsPolicy: {LogGroupName: g}
        - KMSDecryptPolicy: {KeyId: k}
        - LambdaInvokePolicy: {FunctionName: f}
        - S3CrudPolicy: {BucketName: b}
        - S3ReadPolicy: {BucketName: b}
        - SNSPublishMessagePolicy: {TopicName: t}
        - SQSPollerPolicy: {QueueName: q}
        - SQSSendMessagePolicy: {QueueName: q}
        - SSMParameterReadPolicy: {ParameterName: p}
        - StepFunctionsExecutionPolicy: {StateMachineName: s}
        - VPCAccessPolicy: {}
)")["Resources"]["FnRole"]["Properties"]["Policies"];
  REQUIRE(policies.size() == 17);
  for (const Json& policy : policies) {
    const Json& statements = policy["PolicyDocument"]["Statement"];
    REQUIRE(statements.is_array());
    for (const Json& statement : statements) {
      CHECK(statement["Effect"] == "Allow");
      CHECK(statement.contains("Action"));
      // No parameter is left unsubstituted.
      CHECK(statement["Resource"].dump().find("\"Ref\"") == std::string::npos);
    }
  }
}

TEST_CASE("Policy templates need their parameters; unknown ones are named", "[sam]") {
  CHECK_THROWS_WITH(expandFunction("      InlineCode: x\n      Policies:\n"
                                   "        - LambdaInvokePolicy: {Function: x}\n"),
                    oneError("Fn",
                             "Following required parameters of template "
                             "'LambdaInvokePolicy' don't have values: ['FunctionName']"));
  CHECK_THROWS_WITH(expandFunction("      InlineCode: x\n      Policies:\n"
                                   "        - LambdaInvokePolicy: worker\n"),
                    oneError("Fn",
                             "Must specify valid parameter values for policy template "
                             "'LambdaInvokePolicy'"));
  CHECK_THROWS_WITH(
      expandFunction("      InlineCode: x\n      Policies: [AWSLambdaExecute, "
                     "{RekognitionLabelsPolicy: {}}]\n"),
      Catch::Matchers::StartsWith(
          oneError("Fn",
                   "Policy at index 1 in the 'Policies' property is not valid: stepsim does not "
                   "carry the SAM policy template 'RekognitionLabelsPolicy' (it has "
                   "AWSSecretsManagerGetSecretValuePolicy, ")));
  CHECK_THROWS_WITH(expandFunction("      InlineCode: x\n      Policies: [42]\n"),
                    oneError("Fn", "Policy at index 0 in the 'Policies' property is not valid"));
}

TEST_CASE("Fn::If policies convert each branch", "[sam]") {
  const Json role = expandFunction(R"(      InlineCode: x
      Policies:
        - !If [IsProd, AmazonSQSFullAccess, !Ref AWS::NoValue]
        - !If [IsProd, {LambdaInvokePolicy: {FunctionName: w}}, {Statement: []}]
)")["Resources"]["FnRole"]["Properties"];
  CHECK(role["ManagedPolicyArns"][1] ==
        Json::parse(R"({"Fn::If": ["IsProd", "arn:aws:iam::aws:policy/AmazonSQSFullAccess",
                       {"Ref": "AWS::NoValue"}]})"));
  const Json& conditional = role["Policies"][0]["Fn::If"];
  CHECK(conditional[0] == "IsProd");
  CHECK(conditional[1]["PolicyName"] == "FnRolePolicy1");
  CHECK(conditional[1]["PolicyDocument"]["Statement"][0]["Action"] ==
        Json::parse(R"(["lambda:InvokeFunction"])"));
  CHECK(conditional[2] ==
        Json::parse(R"({"PolicyName": "FnRolePolicy1", "PolicyDocument": {"Statement": []}})"));
}

TEST_CASE("AutoPublishAlias adds a version and an alias named as SAM names them", "[sam]") {
  const std::string properties =
      "      InlineCode: x\n      AutoPublishAlias: live\n      VersionDescription: first\n";
  const Json resources = expandFunction(properties)["Resources"];
  std::string versionId;
  for (const auto& [id, resource] : resources.items())
    if (id.starts_with("FnVersion")) versionId = id;
  REQUIRE(versionId.size() == std::string("FnVersion").size() + 10);
  CHECK(keysOf(resources) == std::vector<std::string>{"Fn", versionId, "FnAliaslive", "FnRole"});
  CHECK(resources[versionId] == Json::parse(R"({"Type": "AWS::Lambda::Version",
      "DeletionPolicy": "Retain",
      "Properties": {"FunctionName": {"Ref": "Fn"}, "Description": "first"}})"));
  CHECK(resources["FnAliaslive"]["Properties"] ==
        Json::parse(R"({"Name": "live", "FunctionName": {"Ref": "Fn"},
            "FunctionVersion": {"Fn::GetAtt": [")" +
                    versionId + R"(", "Version"]}})"));

  // Deterministic, and a new version when the code changes.
  CHECK(expandFunction(properties)["Resources"].contains(versionId));
  CHECK_FALSE(
      expandFunction("      InlineCode: y\n      AutoPublishAlias: live\n")["Resources"].contains(
          versionId));
  CHECK_FALSE(
      expandFunction(properties + "      AutoPublishCodeSha256: abc\n")["Resources"].contains(
          versionId));
}

TEST_CASE("AutoPublishAlias must be a literal", "[sam]") {
  CHECK_THROWS_WITH(
      expandFunction("      InlineCode: x\n      AutoPublishAlias: !Ref Alias\n"),
      oneError("Fn",
               "'AutoPublishAlias' must be a literal string: stepsim expands SAM before "
               "parameter values are known, so it cannot resolve intrinsics there"));
  CHECK_THROWS_WITH(
      expandFunction("      InlineCode: x\n      ProvisionedConcurrencyConfig: "
                     "{ProvisionedConcurrentExecutions: 1}\n"),
      oneError("Fn",
               "To set ProvisionedConcurrencyConfig AutoPublishALias must be defined on the "
               "function"));
}

TEST_CASE("Globals merge into functions as SAM merges them", "[sam]") {
  const Json output = expand(samTemplate(R"(  Fn:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: x
      Runtime: python3.12
      Environment: {Variables: {TABLE: mine, EXTRA: 1}}
      Layers: [local-layer]
      Tags: {team: fn}
  Other:
    Type: AWS::Serverless::Function
    IgnoreGlobals: [Timeout, Layers]
    Properties: {InlineCode: y}
)",
                                         R"(Globals:
  Function:
    Handler: app.handler
    Runtime: nodejs20.x
    Timeout: 10
    Environment: {Variables: {TABLE: shared, STAGE: prod}}
    Layers: [global-layer]
    Tags: {team: platform, cost: 1}
)"));
  CHECK_FALSE(output.contains("Globals"));
  const Json& fn = output["Resources"]["Fn"]["Properties"];
  CHECK(fn["Handler"] == "app.handler");
  CHECK(fn["Runtime"] == "python3.12");
  CHECK(fn["Timeout"] == 10);
  CHECK(fn["Environment"] ==
        Json::parse(R"({"Variables": {"TABLE": "mine", "STAGE": "prod", "EXTRA": 1}})"));
  CHECK(fn["Layers"] == Json::parse(R"(["global-layer", "local-layer"])"));
  CHECK(fn["Tags"] == Json::parse(R"([{"Key": "lambda:createdBy", "Value": "SAM"},
      {"Key": "team", "Value": "fn"}, {"Key": "cost", "Value": 1}])"));
  const Json& other = output["Resources"]["Other"];
  CHECK_FALSE(other.contains("IgnoreGlobals"));
  CHECK(other["Properties"]["Runtime"] == "nodejs20.x");
  CHECK_FALSE(other["Properties"].contains("Timeout"));
  CHECK_FALSE(other["Properties"].contains("Layers"));
}

TEST_CASE("An intrinsic in Globals or the resource is replaced, not merged", "[sam]") {
  const Json fn = expand(samTemplate(function("      InlineCode: x\n      Environment: "
                                              "{Variables: !If [C, {A: 1}, {B: 2}]}\n"),
                                     "Globals:\n  Function:\n    Environment: {Variables: "
                                     "{G: 1}}\n"))["Resources"]["Fn"]["Properties"];
  CHECK(fn["Environment"]["Variables"] == Json::parse(R"({"Fn::If": ["C", {"A": 1}, {"B": 2}]})"));
}

TEST_CASE("Globals sections and properties SAM does not support are refused", "[sam]") {
  const std::string resources = "  Queue:\n    Type: AWS::SQS::Queue\n";
  CHECK_THROWS_WITH(
      expand(samTemplate(resources, "Globals:\n  Function:\n    FunctionName: x\n")),
      Catch::Matchers::StartsWith(
          failure("Number of errors found: 1. 'Globals' section is invalid. 'FunctionName' is not "
                  "a supported property of 'Function'. Must be one of the following values - "
                  "['Architectures', ")));
  CHECK_THROWS_WITH(
      expand(samTemplate(resources, "Globals:\n  Queue: {}\n")),
      failure("Number of errors found: 1. 'Globals' section is invalid. 'Queue' is not supported. "
              "Must be one of the following values - ['Api', 'Function', 'HttpApi', "
              "'LayerVersion', 'SimpleTable', 'StateMachine']"));
}

TEST_CASE("Events are left out and listed in the template's Metadata", "[sam]") {
  const Json output = expand(samTemplate(
      function("      InlineCode: x\n      Events:\n"
               "        Hello: {Type: Api, Properties: {Path: /hello, Method: get}}\n"
               "        Nightly: {Type: Schedule, Properties: {Schedule: rate(1 day)}}\n") +
          "  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n"
          "      Definition: {StartAt: A, States: {A: {Type: Succeed}}}\n"
          "      Events:\n        Queue: {Type: SQS, Properties: {Queue: arn}}\n",
      "Metadata: {Owner: team}\n"));
  CHECK(output["Metadata"]["Owner"] == "team");
  CHECK(output["Metadata"]["stepsim:ignoredEvents"] == Json::parse(R"([
      {"Resource": "Fn", "Event": "Hello", "Type": "Api"},
      {"Resource": "Fn", "Event": "Nightly", "Type": "Schedule"},
      {"Resource": "Flow", "Event": "Queue", "Type": "SQS"}])"));
  CHECK_FALSE(output["Resources"]["Fn"]["Properties"].contains("Events"));
  CHECK(keysOf(output["Resources"]) ==
        std::vector<std::string>{"Fn", "FnRole", "Flow", "FlowRole"});
  CHECK_FALSE(expandFunction("      InlineCode: x\n").contains("Metadata"));
}

TEST_CASE("A SAM state machine becomes a Step Functions state machine with a role", "[sam]") {
  const Json output = expand(samTemplate(R"(  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Name: orders
      Type: EXPRESS
      Definition:
        StartAt: Call
        States:
          Call: {Type: Task, Resource: '${WorkerArn}', End: true}
      DefinitionSubstitutions: {WorkerArn: !GetAtt Worker.Arn}
      Logging: {Level: ALL, IncludeExecutionData: true}
      Tracing: {Enabled: true}
      Tags: {team: orders}
      Policies:
        - LambdaInvokePolicy: {FunctionName: !Ref Worker}
)"));
  const Json& machine = output["Resources"]["Flow"];
  CHECK(machine["Type"] == "AWS::StepFunctions::StateMachine");
  CHECK(machine["Properties"] == Json::parse(R"({
      "Definition": {"StartAt": "Call", "States": {"Call": {"Type": "Task",
                     "Resource": "${WorkerArn}", "End": true}}},
      "StateMachineName": "orders", "StateMachineType": "EXPRESS",
      "DefinitionSubstitutions": {"WorkerArn": {"Fn::GetAtt": ["Worker", "Arn"]}},
      "LoggingConfiguration": {"Level": "ALL", "IncludeExecutionData": true},
      "TracingConfiguration": {"Enabled": true},
      "Tags": [{"Key": "stateMachine:createdBy", "Value": "SAM"},
               {"Key": "team", "Value": "orders"}],
      "RoleArn": {"Fn::GetAtt": ["FlowRole", "Arn"]}})"));
  const Json& role = output["Resources"]["FlowRole"]["Properties"];
  CHECK(role["AssumeRolePolicyDocument"] == kStatesTrust);
  CHECK(role["ManagedPolicyArns"] ==
        Json::parse(R"(["arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess"])"));
  CHECK(role["Policies"][0]["PolicyName"] == "FlowRolePolicy0");
  CHECK(role["Policies"][0]["PolicyDocument"]["Statement"][0]["Action"] ==
        Json::parse(R"(["lambda:InvokeFunction"])"));
  CHECK(role["Tags"] == machine["Properties"]["Tags"]);
}

TEST_CASE("A state machine with Role uses it; Role with Policies is refused", "[sam]") {
  const std::string head =
      "  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n"
      "      Definition: {StartAt: A, States: {A: {Type: Succeed}}}\n";
  const Json output = expand(samTemplate(head + "      Role: arn:aws:iam::123456789012:role/r\n"));
  CHECK(output["Resources"]["Flow"]["Properties"]["RoleArn"] == "arn:aws:iam::123456789012:role/r");
  CHECK_FALSE(output["Resources"].contains("FlowRole"));
  CHECK(expand(samTemplate(head))["Resources"]["FlowRole"]["Properties"]["ManagedPolicyArns"] ==
        Json::array());
  CHECK_THROWS_WITH(
      expand(samTemplate(head + "      Role: r\n      Policies: [AWSLambdaRole]\n")),
      oneError("Flow",
               "Specify either 'Role' or 'Policies' (but not both at the same time) or "
               "neither of them"));
}

TEST_CASE("DefinitionUri reads a local JSON or YAML definition", "[sam]") {
  TempDirectory directory;
  directory.write("flow.asl.json", R"({"StartAt": "A", "States": {"A": {"Type": "Pass",
      "Result": {"n": 1}, "End": true}}})");
  directory.write("flow.asl.yaml",
                  "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Result: {n: 1}\n    End: true\n");
  const ServerlessContext context{directory.path.string()};
  const Json expected = Json::parse(R"({"StartAt": "A", "States": {"A": {"Type": "Pass",
      "Result": {"n": 1}, "End": true}}})");
  for (const std::string file : {"flow.asl.json", "./flow.asl.yaml"}) {
    const Json output =
        expand(samTemplate("  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n"
                           "      DefinitionUri: " +
                           file + "\n"),
               context);
    CHECK(output["Resources"]["Flow"]["Properties"]["Definition"] == expected);
    CHECK_FALSE(output["Resources"]["Flow"]["Properties"].contains("DefinitionUri"));
  }
  CHECK_THROWS_WITH(
      expand(samTemplate("  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n"
                         "      DefinitionUri: missing.json\n"),
             context),
      oneError("Flow", "'DefinitionUri' file " + (directory.path / "missing.json").string() +
                           " does not exist or is not a regular file"));
  directory.write("broken.json", "{\"StartAt\": ");
  CHECK_THROWS_WITH(
      expand(samTemplate("  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n"
                         "      DefinitionUri: broken.json\n"),
             context),
      Catch::Matchers::StartsWith(oneError(
          "Flow", "'DefinitionUri' file " + (directory.path / "broken.json").string() +
                      " is not a JSON or YAML document: Template format error: JSON not")));
}

TEST_CASE("A state machine needs exactly one of Definition and DefinitionUri", "[sam]") {
  const std::string head = "  Flow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n";
  CHECK_THROWS_WITH(
      expand(samTemplate(head + "      Name: x\n")),
      oneError("Flow", "Either 'Definition' or 'DefinitionUri' property must be specified."));
  CHECK_THROWS_WITH(
      expand(samTemplate(head + "      Definition: {StartAt: A}\n      DefinitionUri: a.json\n")),
      oneError("Flow", "Specify either 'Definition' or 'DefinitionUri' property and not both."));
}

TEST_CASE("Other AWS::Serverless types are refused, every error reported", "[sam]") {
  CHECK_THROWS_WITH(
      expand(samTemplate("  Api:\n    Type: AWS::Serverless::Api\n    Properties: {StageName: v1}\n"
                         "  Table:\n    Type: AWS::Serverless::SimpleTable\n")),
      failure("Number of errors found: 2. Resource with id [Api] is invalid. stepsim does not "
              "expand AWS::Serverless::Api: it expands AWS::Serverless::Function and "
              "AWS::Serverless::StateMachine only Resource with id [Table] is invalid. stepsim "
              "does not expand AWS::Serverless::SimpleTable: it expands "
              "AWS::Serverless::Function and AWS::Serverless::StateMachine only"));
}

TEST_CASE("A generated logical id may not clash with a declared one", "[sam]") {
  CHECK_THROWS_WITH(
      expand(samTemplate(function("      InlineCode: x\n") +
                         "  FnRole:\n    Type: AWS::SQS::Queue\n")),
      failure("Number of errors found: 1. Transforming resource with id [Fn] attempts to create a "
              "new resource with id [FnRole] and type \"AWS::IAM::Role\". A resource with that id "
              "already exists within this template. Please use a different id for that "
              "resource."));
}

TEST_CASE("Hostile documents are refused, not crashed on", "[sam]") {
  Json deep = "leaf";
  for (int i = 0; i < 5000; ++i) deep = Json::array({std::move(deep)});
  Json document = parseTemplateBody(samTemplate(function("      InlineCode: x\n")));
  document["Resources"]["Fn"]["Properties"]["Environment"] = deep;
  CHECK_THROWS_WITH(expandServerless(document, kContext),
                    "Transform AWS::Serverless-2016-10-31 failed with: The template nests deeper "
                    "than 256 levels");
  CHECK_THROWS_AS(expandServerless(Json::parse("[1]"), kContext), TemplateError);
  CHECK_THROWS_WITH(
      expandServerless(Json::parse(R"({"Transform": "AWS::Serverless-2016-10-31"})"), kContext),
      failure("Number of errors found: 1. Structure of the SAM template is invalid. 'Resources' "
              "section is required"));
  CHECK_THROWS_AS(expand(samTemplate("  Fn:\n    Type: AWS::Serverless::Function\n"
                                     "    Properties: [1]\n")),
                  TemplateError);
}
