#include "emulator/iam/aws_managed_policies.h"

namespace stepsim::iam {
namespace {

struct CatalogEntry {
  const char* path;
  const char* name;
  const char* id;
  const char* description;
  const char* document;
};

// The documents of the large service policies are abridged to their service-level grants
// ("ecs:*" for the actions AWS lists one by one); the small ones are as AWS publishes them.
constexpr CatalogEntry kCatalog[] = {
    {"/", "AdministratorAccess", "ANPAIWMBCKSKIEE64ZLYK",
     "Provides full access to AWS services and resources.",
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})"},
    {"/", "AWSBatchFullAccess", "ANPAJKQY6DPQUKXW4Z7UQ",
     "Provides full access for AWS Batch resources.",
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["batch:*","cloudwatch:GetMetricStatistics","ec2:DescribeSubnets","ec2:DescribeSecurityGroups","ec2:DescribeKeyPairs","ec2:DescribeVpcs","ec2:DescribeImages","ec2:DescribeLaunchTemplates","ec2:DescribeLaunchTemplateVersions","ecs:DescribeClusters","ecs:Describe*","ecs:List*","logs:Describe*","logs:Get*","logs:TestMetricFilter","logs:FilterLogEvents","iam:ListInstanceProfiles","iam:ListRoles"],"Resource":"*"},{"Effect":"Allow","Action":["iam:PassRole"],"Resource":["arn:aws:iam::*:role/AWSBatchServiceRole","arn:aws:iam::*:role/service-role/AWSBatchServiceRole","arn:aws:iam::*:role/ecsInstanceRole","arn:aws:iam::*:instance-profile/ecsInstanceRole","arn:aws:iam::*:role/iaws-ec2-spot-fleet-role","arn:aws:iam::*:role/aws-ec2-spot-fleet-role","arn:aws:iam::*:role/AWSBatchJobRole*"]}]})"},
    {"/service-role/", "AWSBatchServiceRole", "ANPAIUETIXPCKASQJURFE",
     "Policy for AWS Batch service role which allows access to related services including EC2, "
     "Autoscaling, EC2 Container service, Cloudwatch Logs and IAM.",
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:Describe*","ec2:CreateLaunchTemplate","ec2:CreateLaunchTemplateVersion","ec2:DeleteLaunchTemplate","ec2:DeleteLaunchTemplateVersions","ec2:RunInstances","ec2:TerminateInstances","ec2:CreateTags","ec2:RequestSpotFleet","ec2:ModifySpotFleetRequest","ec2:CancelSpotFleetRequests","autoscaling:*","ecs:*","logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents","logs:DescribeLogGroups","iam:GetInstanceProfile","iam:GetRole"],"Resource":"*"},{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":["ec2.amazonaws.com","ec2.amazonaws.com.cn","ecs-tasks.amazonaws.com"]}}},{"Effect":"Allow","Action":"iam:CreateServiceLinkedRole","Resource":"*","Condition":{"StringEquals":{"iam:AWSServiceName":["spot.amazonaws.com","spotfleet.amazonaws.com","autoscaling.amazonaws.com","ecs.amazonaws.com"]}}}]})"},
    {"/service-role/", "AWSLambdaBasicExecutionRole", "ANPAJNCQGXC42545SKXIK",
     "Provides write permissions to CloudWatch Logs.",
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]})"},
    {"/service-role/", "AWSLambdaRole", "ANPAJX4DPCRGTC4NFDUXI",
     "Default policy for AWS Lambda service role.",
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["lambda:InvokeFunction"],"Resource":["*"]}]})"},
    {"/", "AWSLambda_FullAccess", "ANPAZKAPJZG4MW35THVLF",
     "Grants full access to AWS Lambda service, AWS Lambda console features, and other related "
     "AWS services.",
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["cloudformation:DescribeStacks","cloudformation:ListStackResources","cloudwatch:ListMetrics","cloudwatch:GetMetricData","ec2:DescribeSecurityGroups","ec2:DescribeSubnets","ec2:DescribeVpcs","kms:ListAliases","iam:GetPolicy","iam:GetPolicyVersion","iam:GetRole","iam:GetRolePolicy","iam:ListAttachedRolePolicies","iam:ListRolePolicies","iam:ListRoles","lambda:*","logs:DescribeLogGroups","states:DescribeStateMachine","states:ListStateMachines","tag:GetResources","xray:GetTraceSummaries","xray:BatchGetTraces"],"Resource":"*"},{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"}}},{"Effect":"Allow","Action":["logs:DescribeLogStreams","logs:GetLogEvents","logs:FilterLogEvents"],"Resource":"arn:aws:logs:*:*:log-group:/aws/lambda/*"}]})"},
    {"/", "AWSStepFunctionsFullAccess", "ANPAJXKA6VP3UFBVHDPPA",
     "An access policy for providing a user/role/etc access to the AWS StepFunctions API.",
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"states:*","Resource":"*"},{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::*:role/service-role/StepFunctions*"}]})"},
    {"/", "AWSStepFunctionsReadOnlyAccess", "ANPAJONHB2TJQDJPFW5TM",
     "An access policy for providing read only access to the AWS StepFunctions API.", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["states:ListStateMachines","states:ListActivities","states:DescribeStateMachine","states:DescribeStateMachineForExecution","states:ListExecutions","states:DescribeExecution","states:GetExecutionHistory","states:DescribeActivity","states:ListMapRuns","states:DescribeMapRun","states:ListStateMachineVersions","states:ListStateMachineAliases","states:DescribeStateMachineAlias","states:ListTagsForResource"],"Resource":"*"}]})"},
    {"/", "AWSXrayWriteOnlyAccess", "ANPAIAACM4LMYSRGBCTM6", "AWS X-Ray write only managed policy.",
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["xray:PutTraceSegments","xray:PutTelemetryRecords","xray:GetSamplingRules","xray:GetSamplingTargets","xray:GetSamplingStatisticSummaries"],"Resource":["*"]}]})"},
    {"/", "CloudWatchLogsFullAccess", "ANPAJ3ISIUCIG5NQ2BP4S",
     "Provides full access to CloudWatch Logs.",
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:*","cloudwatch:GenerateQuery"],"Resource":"*"}]})"},
    {"/", "AmazonEventBridgeFullAccess", "ANPAZKAPJZG4IRCV4XP45",
     "Provides full access to Amazon EventBridge.",
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"events:*","Resource":"*"}]})"},
    {"/service-role/", "AmazonECSTaskExecutionRolePolicy", "ANPAJG4T4G4PV56DE72PY",
     "Provides access to other AWS service resources that are required to run Amazon ECS tasks",
     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ecr:GetAuthorizationToken","ecr:BatchCheckLayerAvailability","ecr:GetDownloadUrlForLayer","ecr:BatchGetImage","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]})"},
};

ManagedPolicy catalogPolicy(const CatalogEntry& entry) {
  ManagedPolicy policy;
  policy.name = entry.name;
  policy.path = entry.path;
  policy.arn = std::string("arn:aws:iam::aws:policy") + entry.path + entry.name;
  policy.id = entry.id;
  policy.description = entry.description;
  policy.awsManaged = true;
  policy.defaultVersionId = "v1";
  policy.nextVersion = 2;
  policy.versions.push_back(PolicyVersion{
      "v1", StoredPolicy{entry.document, parsePolicyDocument(entry.document, PolicyKind::Identity)},
      0});
  return policy;
}

// Parsed once: every Emulator (each scenario of `stepsim run`, each reset) starts with them.
const std::vector<ManagedPolicy>& parsedCatalog() {
  static const std::vector<ManagedPolicy> catalog = [] {
    std::vector<ManagedPolicy> policies;
    for (const CatalogEntry& entry : kCatalog) policies.push_back(catalogPolicy(entry));
    return policies;
  }();
  return catalog;
}

}  // namespace

std::vector<ManagedPolicy> awsManagedPolicies(core::TimeMs created) {
  std::vector<ManagedPolicy> policies = parsedCatalog();
  for (ManagedPolicy& policy : policies) {
    policy.created = policy.updated = created;
    policy.versions.front().created = created;
  }
  return policies;
}

}  // namespace stepsim::iam
