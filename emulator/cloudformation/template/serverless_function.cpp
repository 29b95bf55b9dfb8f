// AWS::Serverless::Function -> AWS::Lambda::Function, its execution role, and with
// AutoPublishAlias an AWS::Lambda::Version and AWS::Lambda::Alias, as SAM's SamFunction expands it.
#include <cstdint>
#include <cstdio>
#include <optional>

#include "emulator/cloudformation/template/serverless_resources.h"
#include "emulator/cloudformation/template/template_text.h"
#include "emulator/core/json_text.h"
#include "emulator/core/operation_table.h"

namespace stepsim::cfn::sam {
namespace {

constexpr std::string_view kSamTag = "lambda:createdBy";
constexpr std::string_view kXrayPolicy = "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess";
constexpr std::string_view kImagesRefused =
    "stepsim runs no container images (PackageType Image, ImageUri, ImageConfig): give a local "
    "CodeUri or InlineCode";

// Every property of AWS::Serverless::Function: copied to AWS::Lambda::Function under the same
// name, handled below (Special), or refused because stepsim lacks the service behind it.
constexpr PropertyTable<43> kFunctionProperties = {{
    {"Architectures", copy("Architectures")},
    {"AssumeRolePolicyDocument", special()},
    {"AutoPublishAlias", special()},
    {"AutoPublishAliasAllProperties", special()},
    {"AutoPublishCodeSha256", special()},
    {"CodeSigningConfigArn", copy("CodeSigningConfigArn")},
    {"CodeUri", special()},
    {"DeadLetterQueue", special()},
    {"DeploymentPreference",
     refused("stepsim does not expand DeploymentPreference: gradual deployments need CodeDeploy, "
             "which stepsim does not emulate")},
    {"Description", copy("Description")},
    {"Environment", copy("Environment")},
    {"EphemeralStorage", copy("EphemeralStorage")},
    {"EventInvokeConfig", refused("stepsim does not expand EventInvokeConfig: it does not emulate "
                                  "AWS::Lambda::EventInvokeConfig or its destinations")},
    {"Events", special()},
    {"FileSystemConfigs", copy("FileSystemConfigs")},
    {"FunctionName", copy("FunctionName")},
    {"FunctionUrlConfig",
     refused(
         "stepsim does not expand FunctionUrlConfig: it does not emulate Lambda function URLs")},
    {"Handler", copy("Handler")},
    {"ImageConfig", refused(kImagesRefused)},
    {"ImageUri", refused(kImagesRefused)},
    {"InlineCode", special()},
    {"KmsKeyArn", copy("KmsKeyArn")},
    {"Layers", copy("Layers")},
    {"LoggingConfig", copy("LoggingConfig")},
    {"MemorySize", copy("MemorySize")},
    {"PackageType", special()},
    {"PermissionsBoundary", special()},
    {"Policies", special()},
    {"PropagateTags", special()},  // generated roles always carry the tags here
    {"ProvisionedConcurrencyConfig", special()},
    {"RecursiveLoop", copy("RecursiveLoop")},
    {"ReservedConcurrentExecutions", copy("ReservedConcurrentExecutions")},
    {"Role", special()},
    {"RolePath", special()},
    {"Runtime", copy("Runtime")},
    {"RuntimeManagementConfig", copy("RuntimeManagementConfig")},
    {"SnapStart", copy("SnapStart")},
    {"SourceKMSKeyArn", copy("SourceKMSKeyArn")},
    {"Tags", special()},
    {"Timeout", copy("Timeout")},
    {"Tracing", special()},
    {"VersionDescription", special()},
    {"VpcConfig", copy("VpcConfig")},
}};
static_assert(core::isSortedByName(kFunctionProperties));

// A property that is present and not null.
const stepsim::Json* given(const SamResource& resource, std::string_view name) {
  const stepsim::Json* value = member(resource.properties, name);
  return value && !value->is_null() ? value : nullptr;
}

[[noreturn]] void refuseS3(std::string_view property) {
  invalid("'" + std::string(property) +
          "' names an S3 object, which stepsim cannot read: stepsim does not emulate S3. Give a "
          "local CodeUri path or InlineCode");
}

stepsim::Json codeFromUri(const stepsim::Json& uri, const ServerlessContext& context) {
  if (uri.is_string()) {
    const std::string& text = uri.get_ref<const std::string&>();
    if (text.starts_with("s3://")) refuseS3("CodeUri");
    return {{"LocalPath", localPath(text, "CodeUri", context)}};
  }
  if (uri.is_object() && (uri.contains("Bucket") || uri.contains("Key"))) refuseS3("CodeUri");
  invalid(
      "'CodeUri' must be a literal local path (stepsim reads it while expanding SAM, before "
      "CloudFormation evaluates intrinsics)");
}

// SAM's precedence: InlineCode, then CodeUri.
stepsim::Json functionCode(const SamResource& resource, const ServerlessContext& context) {
  if (const stepsim::Json* inlineCode = given(resource, "InlineCode"))
    return {{"ZipFile", *inlineCode}};
  if (const stepsim::Json* uri = given(resource, "CodeUri")) return codeFromUri(*uri, context);
  invalid("Either 'InlineCode' or 'CodeUri' must be set.");
}

void checkPackageType(const SamResource& resource) {
  const stepsim::Json* packageType = given(resource, "PackageType");
  if (packageType && *packageType == "Image") invalid(std::string(kImagesRefused));
  if (packageType && *packageType != "Zip") invalid("PackageType needs to be `Zip` or `Image`");
  if (!given(resource, "Runtime") || !given(resource, "Handler"))
    invalid("Runtime and Handler needs to be present when PackageType is of type `Zip`");
}

// The action SAM's dead-letter policy allows, per DeadLetterQueue Type.
std::string deadLetterAction(const stepsim::Json& queue) {
  const stepsim::Json* type = member(queue, "Type");
  if (!type || !member(queue, "TargetArn"))
    invalid("'DeadLetterQueue' requires Type and TargetArn properties to be specified.");
  if (*type == "SQS") return "sqs:SendMessage";
  if (*type == "SNS") return "sns:Publish";
  invalid("'DeadLetterQueue' requires Type of ['SQS', 'SNS']");
}

stepsim::Json deadLetterPolicy(const stepsim::Json& queue) {
  return {{"PolicyName", "DeadLetterQueuePolicy"},
          {"PolicyDocument",
           {{"Version", "2012-10-17"},
            {"Statement",
             {{{"Action", deadLetterAction(queue)},
               {"Resource", queue["TargetArn"]},
               {"Effect", "Allow"}}}}}}};
}

stepsim::Json functionTags(const SamResource& resource) {
  const stepsim::Json* tags = given(resource, "Tags");
  if (tags && tags->is_object() && tags->contains(kSamTag))
    invalid(std::string(kSamTag) +
            " is a reserved Tag key name and cannot be set on your resource. Please change the tag "
            "key in the input.");
  return tagList(kSamTag, tags);
}

stepsim::Json lambdaTrustPolicy() {
  return {{"Version", "2012-10-17"},
          {"Statement",
           {{{"Action", {"sts:AssumeRole"}},
             {"Effect", "Allow"},
             {"Principal", {{"Service", {"lambda.amazonaws.com"}}}}}}}};
}

std::pair<std::string, stepsim::Json> functionRole(const SamResource& resource,
                                                   const stepsim::Json& tags) {
  RoleRequest request;
  const stepsim::Json* trust = given(resource, "AssumeRolePolicyDocument");
  request.trustPolicy = trust ? *trust : lambdaTrustPolicy();
  request.managedPolicyArns.push_back(managedPolicyArn("AWSLambdaBasicExecutionRole"));
  if (given(resource, "Tracing")) request.managedPolicyArns.push_back(kXrayPolicy);
  if (given(resource, "VpcConfig"))
    request.managedPolicyArns.push_back(managedPolicyArn("AWSLambdaVPCAccessExecutionRole"));
  if (const stepsim::Json* queue = given(resource, "DeadLetterQueue"))
    request.policyDocuments.push_back(deadLetterPolicy(*queue));
  request.policies = given(resource, "Policies");
  request.path = given(resource, "RolePath");
  request.permissionsBoundary = given(resource, "PermissionsBoundary");
  request.tags = tags;
  return executionRole(resource, request);
}

stepsim::Json lambdaFunction(const SamResource& resource, const ServerlessContext& context) {
  checkPackageType(resource);
  stepsim::Json function = mainResource(resource, "AWS::Lambda::Function");
  stepsim::Json& properties = function["Properties"];
  properties["Code"] = functionCode(resource, context);
  applyPropertyTable(kFunctionProperties, resource, properties);
  if (const stepsim::Json* packageType = given(resource, "PackageType"))
    properties["PackageType"] = *packageType;
  if (const stepsim::Json* tracing = given(resource, "Tracing"))
    properties["TracingConfig"] = {{"Mode", *tracing}};
  if (const stepsim::Json* queue = given(resource, "DeadLetterQueue")) {
    deadLetterAction(*queue);
    properties["DeadLetterConfig"] = {{"TargetArn", (*queue)["TargetArn"]}};
  }
  properties["Tags"] = functionTags(resource);
  return function;
}

// --- AutoPublishAlias ---------------------------------------------------------------------------

std::string aliasName(const SamResource& resource) {
  const stepsim::Json& alias = *given(resource, "AutoPublishAlias");
  if (!alias.is_string())
    invalid(
        "'AutoPublishAlias' must be a literal string: stepsim expands SAM before parameter "
        "values are known, so it cannot resolve intrinsics there");
  const std::string& name = alias.get_ref<const std::string&>();
  if (name.empty()) invalid("Alias name is required to create an alias");
  if (!isAlphanumeric(name))
    invalid("'AutoPublishAlias' must be alphanumeric: it becomes part of the alias's logical id");
  return name;
}

// 10 hex digits of FNV-1a over `text`: the version id changes whenever what it hashes does.
std::string shortHash(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ULL;
  char digits[17];
  std::snprintf(digits, sizeof digits, "%016llx", static_cast<unsigned long long>(hash));
  return std::string(digits, 10);
}

// JSON text with sorted keys, so that the hash does not depend on the order properties are written.
std::string canonicalText(const stepsim::Json& value) {
  return nlohmann::json::parse(core::serializeJson(value)).dump();
}

// What SAM hashes into the version's logical id: the code, Environment and MemorySize (and
// SnapStart when on), or every property with AutoPublishAliasAllProperties.
stepsim::Json versionedContent(const SamResource& resource, const stepsim::Json& properties) {
  const stepsim::Json* all = given(resource, "AutoPublishAliasAllProperties");
  if (all && *all == true) return properties;
  stepsim::Json content = properties["Code"];
  if (const stepsim::Json* environment = member(properties, "Environment"))
    if (environment->is_object())
      for (const auto& [key, value] : environment->items()) content[key] = value;
  if (const stepsim::Json* memory = member(properties, "MemorySize"))
    content["MemorySize"] = *memory;
  const stepsim::Json* snapStart = member(properties, "SnapStart");
  if (snapStart && snapStart->is_object() && snapStart->value("ApplyOn", "None") != "None")
    content["SnapStart"] = *snapStart;
  return content;
}

std::string codeSha256(const SamResource& resource) {
  const stepsim::Json* sha = given(resource, "AutoPublishCodeSha256");
  if (!sha) return {};
  if (!sha->is_string()) invalid("AutoPublishCodeSha256 must be a string");
  return sha->get<std::string>();
}

std::pair<std::string, stepsim::Json> lambdaVersion(const SamResource& resource,
                                                    const stepsim::Json& function) {
  const std::string text =
      canonicalText(versionedContent(resource, function["Properties"])) + codeSha256(resource);
  stepsim::Json version = {{"Type", "AWS::Lambda::Version"}, {"DeletionPolicy", "Retain"}};
  version.update(passthroughAttributes(resource));
  version["Properties"] = {{"FunctionName", {{"Ref", resource.logicalId}}}};
  if (const stepsim::Json* description = given(resource, "VersionDescription"))
    version["Properties"]["Description"] = *description;
  return {resource.logicalId + "Version" + shortHash(text), std::move(version)};
}

std::pair<std::string, stepsim::Json> lambdaAlias(const SamResource& resource,
                                                  const std::string& name,
                                                  const std::string& versionId) {
  stepsim::Json alias = {{"Type", "AWS::Lambda::Alias"}};
  alias.update(passthroughAttributes(resource));
  alias["Properties"] = {{"Name", name},
                         {"FunctionName", {{"Ref", resource.logicalId}}},
                         {"FunctionVersion", getAtt(versionId, "Version")}};
  if (const stepsim::Json* provisioned = given(resource, "ProvisionedConcurrencyConfig"))
    alias["Properties"]["ProvisionedConcurrencyConfig"] = *provisioned;
  return {resource.logicalId + "Alias" + name, std::move(alias)};
}

void addVersionAndAlias(const SamResource& resource, Expansion& expansion) {
  if (!given(resource, "AutoPublishAlias")) {
    if (given(resource, "ProvisionedConcurrencyConfig"))
      invalid(
          "To set ProvisionedConcurrencyConfig AutoPublishALias must be defined on the function");
    return;
  }
  const std::string name = aliasName(resource);
  auto version = lambdaVersion(resource, expansion.resources.front().second);
  auto alias = lambdaAlias(resource, name, version.first);
  expansion.resources.push_back(std::move(version));
  expansion.resources.push_back(std::move(alias));
}

}  // namespace

Expansion expandFunction(const SamResource& resource, const ServerlessContext& context) {
  Expansion expansion;
  stepsim::Json function = lambdaFunction(resource, context);
  const stepsim::Json* role = given(resource, "Role");
  std::optional<std::pair<std::string, stepsim::Json>> generatedRole;
  if (role) {
    function["Properties"]["Role"] = *role;
  } else {
    generatedRole = functionRole(resource, function["Properties"]["Tags"]);
    function["Properties"]["Role"] = getAtt(generatedRole->first, "Arn");
  }
  expansion.resources.emplace_back(resource.logicalId, std::move(function));
  addVersionAndAlias(resource, expansion);
  if (generatedRole) expansion.resources.push_back(std::move(*generatedRole));
  expansion.ignoredEvents = ignoredEvents(resource);
  return expansion;
}

}  // namespace stepsim::cfn::sam
