// The execution roles SAM generates, and the Policies property they are built from: managed policy
// names and ARNs, policy documents, and SAM's policy templates.
#include <array>
#include <optional>

#include "emulator/cloudformation/template/serverless_resources.h"
#include "emulator/core/operation_table.h"

namespace stepsim::cfn::sam {
namespace {

// AWS managed policies that live under a path, which the name alone does not tell (SAM looks
// names up in a bundled map of every managed policy; these are the ones Lambda and Step
// Functions templates name). Every other name is at the root: arn:aws:iam::aws:policy/<name>.
constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kManagedPolicyPaths = {{
    {"AWSBatchServiceEventTargetRole", "service-role/"},
    {"AWSBatchServiceRole", "service-role/"},
    {"AWSLambdaBasicExecutionRole", "service-role/"},
    {"AWSLambdaDynamoDBExecutionRole", "service-role/"},
    {"AWSLambdaENIManagementAccess", "service-role/"},
    {"AWSLambdaKinesisExecutionRole", "service-role/"},
    {"AWSLambdaRole", "service-role/"},
    {"AWSLambdaSQSQueueExecutionRole", "service-role/"},
    {"AWSLambdaVPCAccessExecutionRole", "service-role/"},
}};
static_assert(core::isSortedByName(kManagedPolicyPaths));

struct PolicyTemplate {
  std::array<std::string_view, 1> parameters;  // empty names are unused slots
  std::string_view definition;                 // JSON; {"Ref": "<Parameter>"} marks each value
};

// SAM's policy templates (samtranslator/policy_templates_data/policy_templates.json) that
// Lambda functions and state machines use most: Lambda, Step Functions, CloudWatch, Logs, and the
// everyday queue / topic / table / bucket / secret / parameter ones.
constexpr std::array<std::pair<std::string_view, PolicyTemplate>, 17> kPolicyTemplates = {{
    {"AWSSecretsManagerGetSecretValuePolicy",
     {{"SecretArn"},
      R"({"Statement": [{"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue"],
          "Resource": {"Fn::Sub": ["${secretArn}", {"secretArn": {"Ref": "SecretArn"}}]}}]})"}},
    {"CloudWatchDashboardPolicy",
     {{""},
      R"({"Statement": [{"Effect": "Allow", "Action": ["cloudwatch:GetDashboard",
          "cloudwatch:ListDashboards", "cloudwatch:PutDashboard", "cloudwatch:ListMetrics"],
          "Resource": "*"}]})"}},
    {"CloudWatchDescribeAlarmHistoryPolicy",
     {{""},
      R"({"Statement": [{"Effect": "Allow", "Action": ["cloudwatch:DescribeAlarmHistory"],
          "Resource": "*"}]})"}},
    {"CloudWatchPutMetricPolicy",
     {{""},
      R"({"Statement": [{"Effect": "Allow", "Action": ["cloudwatch:PutMetricData"],
          "Resource": "*"}]})"}},
    {"DynamoDBCrudPolicy",
     {{"TableName"},
      R"({"Statement": [{"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:DeleteItem",
          "dynamodb:PutItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:UpdateItem",
          "dynamodb:BatchWriteItem", "dynamodb:BatchGetItem", "dynamodb:DescribeTable",
          "dynamodb:ConditionCheckItem"],
          "Resource": [{"Fn::Sub": [
            "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}",
            {"tableName": {"Ref": "TableName"}}]},
           {"Fn::Sub": [
            "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:)"
      R"(table/${tableName}/index/*",
            {"tableName": {"Ref": "TableName"}}]}]}]})"}},
    {"DynamoDBReadPolicy",
     {{"TableName"},
      R"({"Statement": [{"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Scan",
          "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:DescribeTable"],
          "Resource": [{"Fn::Sub": [
            "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}",
            {"tableName": {"Ref": "TableName"}}]},
           {"Fn::Sub": [
            "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:)"
      R"(table/${tableName}/index/*",
            {"tableName": {"Ref": "TableName"}}]}]}]})"}},
    {"FilterLogEventsPolicy",
     {{"LogGroupName"},
      R"({"Statement": [{"Effect": "Allow", "Action": ["logs:FilterLogEvents"],
          "Resource": {"Fn::Sub": [
            "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:)"
      R"(log-group:${logGroupName}:log-stream:*",
            {"logGroupName": {"Ref": "LogGroupName"}}]}}]})"}},
    {"KMSDecryptPolicy",
     {{"KeyId"},
      R"({"Statement": [{"Action": "kms:Decrypt", "Effect": "Allow",
          "Resource": {"Fn::Sub": [
            "arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${keyId}",
            {"keyId": {"Ref": "KeyId"}}]}}]})"}},
    {"LambdaInvokePolicy",
     {{"FunctionName"},
      R"({"Statement": [{"Effect": "Allow", "Action": ["lambda:InvokeFunction"],
          "Resource": {"Fn::Sub": [
            "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:)"
      R"(function:${functionName}*",
            {"functionName": {"Ref": "FunctionName"}}]}}]})"}},
    {"S3CrudPolicy",
     {{"BucketName"},
      R"({"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket",
          "s3:GetBucketLocation", "s3:GetObjectVersion", "s3:PutObject", "s3:PutObjectAcl",
          "s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration", "s3:DeleteObject"],
          "Resource": [
            {"Fn::Sub": ["arn:${AWS::Partition}:s3:::${bucketName}",
                         {"bucketName": {"Ref": "BucketName"}}]},
            {"Fn::Sub": ["arn:${AWS::Partition}:s3:::${bucketName}/*",
                         {"bucketName": {"Ref": "BucketName"}}]}]}]})"}},
    {"S3ReadPolicy",
     {{"BucketName"},
      R"({"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket",
          "s3:GetBucketLocation", "s3:GetObjectVersion", "s3:GetLifecycleConfiguration"],
          "Resource": [
            {"Fn::Sub": ["arn:${AWS::Partition}:s3:::${bucketName}",
                         {"bucketName": {"Ref": "BucketName"}}]},
            {"Fn::Sub": ["arn:${AWS::Partition}:s3:::${bucketName}/*",
                         {"bucketName": {"Ref": "BucketName"}}]}]}]})"}},
    {"SNSPublishMessagePolicy",
     {{"TopicName"},
      R"({"Statement": [{"Effect": "Allow", "Action": ["sns:Publish"],
          "Resource": {"Fn::Sub": [
            "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${topicName}",
            {"topicName": {"Ref": "TopicName"}}]}}]})"}},
    {"SQSPollerPolicy",
     {{"QueueName"},
      R"({"Statement": [{"Effect": "Allow", "Action": ["sqs:ChangeMessageVisibility",
          "sqs:ChangeMessageVisibilityBatch", "sqs:DeleteMessage", "sqs:DeleteMessageBatch",
          "sqs:GetQueueAttributes", "sqs:ReceiveMessage"],
          "Resource": {"Fn::Sub": [
            "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${queueName}",
            {"queueName": {"Ref": "QueueName"}}]}}]})"}},
    {"SQSSendMessagePolicy",
     {{"QueueName"},
      R"({"Statement": [{"Effect": "Allow", "Action": ["sqs:SendMessage*"],
          "Resource": {"Fn::Sub": [
            "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${queueName}",
            {"queueName": {"Ref": "QueueName"}}]}}]})"}},
    {"SSMParameterReadPolicy",
     {{"ParameterName"},
      R"({"Statement": [{"Effect": "Allow", "Action": ["ssm:DescribeParameters"],
          "Resource": "*"},
         {"Effect": "Allow", "Action": ["ssm:GetParameters", "ssm:GetParameter",
          "ssm:GetParametersByPath"],
          "Resource": {"Fn::Sub": [
            "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/${parameterName}",
            {"parameterName": {"Ref": "ParameterName"}}]}}]})"}},
    {"StepFunctionsExecutionPolicy",
     {{"StateMachineName"},
      R"({"Statement": [{"Effect": "Allow", "Action": ["states:StartExecution"],
          "Resource": {"Fn::Sub": [
            "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:)"
      R"(stateMachine:${stateMachineName}",
            {"stateMachineName": {"Ref": "StateMachineName"}}]}}]})"}},
    {"VPCAccessPolicy",
     {{""},
      R"({"Statement": [{"Effect": "Allow", "Action": ["ec2:CreateNetworkInterface",
          "ec2:DeleteNetworkInterface", "ec2:DescribeNetworkInterfaces",
          "ec2:DetachNetworkInterface"], "Resource": "*"}]})"}},
}};
static_assert(core::isSortedByName(kPolicyTemplates));

template <typename Value, std::size_t N>
const Value* findByName(const std::array<std::pair<std::string_view, Value>, N>& table,
                        std::string_view name) {
  auto it =
      std::lower_bound(table.begin(), table.end(), name,
                       [](const auto& entry, std::string_view key) { return entry.first < key; });
  return it != table.end() && it->first == name ? &it->second : nullptr;
}

std::string templateNames() {
  std::string names;
  for (const auto& [name, policyTemplate] : kPolicyTemplates)
    names += (names.empty() ? "" : ", ") + std::string(name);
  return names;
}

bool isNoValue(const stepsim::Json& value) {
  return value.is_object() && value.size() == 1 && value.contains("Ref") &&
         value["Ref"] == "AWS::NoValue";
}

// The template's definition with each {"Ref": "<Parameter>"} replaced by the given value.
stepsim::Json substituteParameters(const stepsim::Json& definition, const stepsim::Json& values,
                                   const PolicyTemplate& policyTemplate) {
  if (definition.is_object() && definition.size() == 1 && definition.contains("Ref") &&
      definition["Ref"].is_string()) {
    const auto& name = definition["Ref"].get_ref<const std::string&>();
    for (std::string_view parameter : policyTemplate.parameters)
      if (!parameter.empty() && name == parameter) return values[name];
  }
  if (!definition.is_structured()) return definition;
  stepsim::Json result = definition;
  for (auto& [key, value] : result.items())
    value = substituteParameters(value, values, policyTemplate);
  return result;
}

// The policy document a template with its parameter values stands for, as SAM's policy template
// processor converts it.
stepsim::Json expandPolicyTemplate(const std::string& name, const PolicyTemplate& policyTemplate,
                                   const stepsim::Json& values) {
  if (!values.is_object())
    invalid("Must specify valid parameter values for policy template '" + name + "'");
  std::string missing;
  for (std::string_view parameter : policyTemplate.parameters)
    if (!parameter.empty() && !values.contains(parameter))
      missing += (missing.empty() ? "'" : ", '") + std::string(parameter) + "'";
  if (!missing.empty())
    invalid("Following required parameters of template '" + name + "' don't have values: [" +
            missing + "]");
  const stepsim::Json definition = stepsim::Json::parse(policyTemplate.definition);
  return substituteParameters(definition, values, policyTemplate);
}

enum class PolicyKind { Managed, Document, NoValue, Invalid };

struct ClassifiedPolicy {
  PolicyKind kind;
  stepsim::Json value;  // Managed: the ARN (or intrinsic); Document: the policy document
};

std::string indexText(std::size_t index) {
  return "Policy at index " + std::to_string(index) + " in the 'Policies' property is not valid";
}

// One entry of Policies as SAM's ResourcePolicies classifies it, templates already expanded.
ClassifiedPolicy classify(const stepsim::Json& policy, std::size_t index) {
  if (policy.is_string()) return {PolicyKind::Managed, managedPolicyArn(policy.get<std::string>())};
  if (isNoValue(policy)) return {PolicyKind::NoValue, policy};
  if (isIntrinsic(policy)) return {PolicyKind::Managed, policy};
  if (policy.is_object() && policy.contains("Statement")) return {PolicyKind::Document, policy};
  if (policy.is_object() && policy.size() == 1) {
    const std::string& name = policy.begin().key();
    const stepsim::Json& values = policy.begin().value();
    if (const PolicyTemplate* found = findByName(kPolicyTemplates, name))
      return {PolicyKind::Document, expandPolicyTemplate(name, *found, values)};
    invalid(indexText(index) + ": stepsim does not carry the SAM policy template '" + name +
            "' (it has " + templateNames() + ")");
  }
  invalid(indexText(index));
}

stepsim::Json inlinePolicy(const std::string& roleId, std::size_t index,
                           const stepsim::Json& document) {
  return {{"PolicyName", roleId + "Policy" + std::to_string(index)}, {"PolicyDocument", document}};
}

void addManagedArn(stepsim::Json& arns, const stepsim::Json& arn) {
  if (std::find(arns.begin(), arns.end(), arn) == arns.end()) arns.push_back(arn);
}

// Fn::If [condition, a, b] whose branches are policies of one kind (or AWS::NoValue): the same
// Fn::If with each branch converted, into the managed ARNs or the inline policies.
void addConditionalPolicy(const stepsim::Json& policy, std::size_t index, const std::string& roleId,
                          stepsim::Json& managedArns, stepsim::Json& documents) {
  const stepsim::Json& arguments = policy["Fn::If"];
  if (!arguments.is_array() || arguments.size() != 3) invalid(indexText(index));
  const ClassifiedPolicy branches[2] = {classify(arguments[1], index),
                                        classify(arguments[2], index)};
  std::optional<PolicyKind> kind;
  for (const ClassifiedPolicy& branch : branches) {
    if (branch.kind == PolicyKind::NoValue) continue;
    if (kind && *kind != branch.kind)
      invalid(
          "Different policy types within the same Fn::If statement is unsupported. Separate "
          "different policy types into different Fn::If statements");
    kind = branch.kind;
  }
  stepsim::Json converted = {{"Fn::If", {arguments[0], arguments[1], arguments[2]}}};
  for (int i = 0; i < 2; ++i) {
    const ClassifiedPolicy& branch = branches[i];
    stepsim::Json& target = converted["Fn::If"][i + 1];
    if (branch.kind == PolicyKind::Managed) target = branch.value;
    if (branch.kind == PolicyKind::Document) target = inlinePolicy(roleId, index, branch.value);
  }
  if (!kind) return;  // both branches AWS::NoValue
  if (*kind == PolicyKind::Managed)
    addManagedArn(managedArns, converted);
  else
    documents.push_back(std::move(converted));
}

stepsim::Json policyList(const RoleRequest& request) {
  stepsim::Json policies = stepsim::Json::array();
  if (request.policies && !request.policies->is_null()) {
    if (request.policies->is_array())
      policies = *request.policies;
    else if (request.policies->is_string() || request.policies->is_object())
      policies.push_back(*request.policies);
    else
      invalid("Type of property 'Policies' is invalid.");
  }
  for (const std::string& name : request.extraPolicies) policies.push_back(name);
  return policies;
}

}  // namespace

std::string managedPolicyArn(const std::string& name) {
  if (name.starts_with("arn:")) return name;
  const std::string_view* path = findByName(kManagedPolicyPaths, name);
  return "arn:aws:iam::aws:policy/" + std::string(path ? *path : "") + name;
}

stepsim::Json getAtt(const std::string& logicalId, const std::string& attribute) {
  return {{"Fn::GetAtt", {logicalId, attribute}}};
}

std::pair<std::string, stepsim::Json> executionRole(const SamResource& resource,
                                                    const RoleRequest& request) {
  const std::string roleId = resource.logicalId + "Role";
  stepsim::Json managedArns = request.managedPolicyArns;
  stepsim::Json documents = request.policyDocuments;
  const stepsim::Json policies = policyList(request);
  for (std::size_t index = 0; index < policies.size(); ++index) {
    const stepsim::Json& policy = policies[index];
    if (policy.is_object() && policy.size() == 1 && policy.contains("Fn::If")) {
      addConditionalPolicy(policy, index, roleId, managedArns, documents);
      continue;
    }
    const ClassifiedPolicy classified = classify(policy, index);
    if (classified.kind == PolicyKind::Managed) addManagedArn(managedArns, classified.value);
    if (classified.kind == PolicyKind::Document)
      documents.push_back(inlinePolicy(roleId, index, classified.value));
  }

  stepsim::Json properties = {{"AssumeRolePolicyDocument", request.trustPolicy},
                              {"ManagedPolicyArns", managedArns}};
  if (!documents.empty()) properties["Policies"] = documents;
  if (request.path) properties["Path"] = *request.path;
  if (request.permissionsBoundary) properties["PermissionsBoundary"] = *request.permissionsBoundary;
  properties["Tags"] = request.tags;

  stepsim::Json role = {{"Type", "AWS::IAM::Role"}, {"Properties", std::move(properties)}};
  role.update(passthroughAttributes(resource));
  return {roleId, std::move(role)};
}

}  // namespace stepsim::cfn::sam
