// AWS::Serverless::StateMachine -> AWS::StepFunctions::StateMachine and its execution role, as
// SAM's StateMachineGenerator expands it, with a local DefinitionUri file read into Definition.
#include <filesystem>
#include <system_error>

#include "emulator/cloudformation/template/serverless_resources.h"
#include "emulator/cloudformation/template/template_body.h"
#include "emulator/cloudformation/template/template_error.h"
#include "emulator/core/json_file.h"
#include "emulator/core/operation_table.h"

namespace stepsim::cfn::sam {
namespace {

constexpr std::string_view kSamTag = "stateMachine:createdBy";
constexpr std::string_view kXrayPolicy = "AWSXrayWriteOnlyAccess";
constexpr std::uintmax_t kMaxDefinitionFileBytes = 1024 * 1024;

constexpr std::string_view kVersionsRefused =
    "stepsim does not expand AutoPublishAlias or DeploymentPreference of a state machine: it does "
    "not emulate state machine versions and aliases";

// Every property of AWS::Serverless::StateMachine: copied to AWS::StepFunctions::StateMachine
// (renamed as SAM renames it), handled below (Special), or refused.
constexpr PropertyTable<17> kStateMachineProperties = {{
    {"AutoPublishAlias", refused(kVersionsRefused)},
    {"Definition", special()},
    {"DefinitionSubstitutions", copy("DefinitionSubstitutions")},
    {"DefinitionUri", special()},
    {"DeploymentPreference", refused(kVersionsRefused)},
    {"Events", special()},
    {"Logging", copy("LoggingConfiguration")},
    {"Name", copy("StateMachineName")},
    {"PermissionsBoundary", special()},
    {"Policies", special()},
    {"PropagateTags", special()},  // generated roles always carry the tags here
    {"Role", special()},
    {"RolePath", special()},
    {"Tags", special()},
    {"Tracing", copy("TracingConfiguration")},
    {"Type", copy("StateMachineType")},
    {"UseAliasAsEventTarget", special()},  // events are not expanded
}};
static_assert(core::isSortedByName(kStateMachineProperties));

const stepsim::Json* given(const SamResource& resource, std::string_view name) {
  const stepsim::Json* value = member(resource.properties, name);
  return value && !value->is_null() ? value : nullptr;
}

[[noreturn]] void refuseS3() {
  invalid(
      "'DefinitionUri' names an S3 object, which stepsim cannot read: stepsim does not emulate "
      "S3. Give a local DefinitionUri path or the Definition itself");
}

std::string definitionFileText(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error))
    invalid("'DefinitionUri' file " + path + " does not exist or is not a regular file");
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (error || size > kMaxDefinitionFileBytes)
    invalid("'DefinitionUri' file " + path + " is larger than " +
            std::to_string(kMaxDefinitionFileBytes) + " bytes");
  std::optional<std::string> text = core::readTextFile(path);
  if (!text) invalid("'DefinitionUri' file " + path + " cannot be read");
  return std::move(*text);
}

// The state machine definition in a local JSON or YAML file.
stepsim::Json definitionFromFile(const std::string& uri, const ServerlessContext& context) {
  const std::string path = localPath(uri, "DefinitionUri", context);
  const std::string text = definitionFileText(path);
  stepsim::Json definition;
  try {
    definition = parseTemplateBody(text);
  } catch (const TemplateError& error) {
    invalid("'DefinitionUri' file " + path + " is not a JSON or YAML document: " + error.what());
  }
  if (!definition.is_object())
    invalid("'DefinitionUri' file " + path +
            " does not hold a state machine definition (an object)");
  return definition;
}

stepsim::Json definitionFromUri(const stepsim::Json& uri, const ServerlessContext& context) {
  if (uri.is_string()) {
    const std::string& text = uri.get_ref<const std::string&>();
    if (text.starts_with("s3://")) refuseS3();
    return definitionFromFile(text, context);
  }
  if (uri.is_object() && (uri.contains("Bucket") || uri.contains("Key"))) refuseS3();
  invalid(
      "'DefinitionUri' must be a literal local path (stepsim reads it while expanding SAM, "
      "before CloudFormation evaluates intrinsics)");
}

stepsim::Json definition(const SamResource& resource, const ServerlessContext& context) {
  const stepsim::Json* inlineDefinition = given(resource, "Definition");
  const stepsim::Json* uri = given(resource, "DefinitionUri");
  if (inlineDefinition && uri)
    invalid("Specify either 'Definition' or 'DefinitionUri' property and not both.");
  if (inlineDefinition) {
    if (!inlineDefinition->is_object()) invalid("Type of property 'Definition' is invalid.");
    return *inlineDefinition;
  }
  if (uri) return definitionFromUri(*uri, context);
  invalid("Either 'Definition' or 'DefinitionUri' property must be specified.");
}

stepsim::Json statesTrustPolicy() {
  return {{"Version", "2012-10-17"},
          {"Statement",
           {{{"Action", {"sts:AssumeRole"}},
             {"Effect", "Allow"},
             {"Principal", {{"Service", {"states.amazonaws.com"}}}}}}}};
}

bool tracingEnabled(const SamResource& resource) {
  const stepsim::Json* tracing = given(resource, "Tracing");
  const stepsim::Json* enabled = tracing ? member(*tracing, "Enabled") : nullptr;
  return enabled && *enabled == true;
}

std::pair<std::string, stepsim::Json> stateMachineRole(const SamResource& resource,
                                                       const stepsim::Json& tags) {
  RoleRequest request;
  request.trustPolicy = statesTrustPolicy();
  request.policies = given(resource, "Policies");
  if (tracingEnabled(resource)) request.extraPolicies.emplace_back(kXrayPolicy);
  request.path = given(resource, "RolePath");
  request.permissionsBoundary = given(resource, "PermissionsBoundary");
  request.tags = tags;
  return executionRole(resource, request);
}

}  // namespace

Expansion expandStateMachine(const SamResource& resource, const ServerlessContext& context) {
  stepsim::Json stateMachine = mainResource(resource, "AWS::StepFunctions::StateMachine");
  stepsim::Json& properties = stateMachine["Properties"];
  properties["Definition"] = definition(resource, context);
  applyPropertyTable(kStateMachineProperties, resource, properties);
  const stepsim::Json tags = tagList(kSamTag, given(resource, "Tags"));
  properties["Tags"] = tags;

  const stepsim::Json* role = given(resource, "Role");
  const stepsim::Json* policies = given(resource, "Policies");
  if (role && policies)
    invalid(
        "Specify either 'Role' or 'Policies' (but not both at the same time) or neither of "
        "them");
  Expansion expansion;
  if (role) {
    properties["RoleArn"] = *role;
    expansion.resources.emplace_back(resource.logicalId, std::move(stateMachine));
  } else {
    auto generatedRole = stateMachineRole(resource, tags);
    properties["RoleArn"] = getAtt(generatedRole.first, "Arn");
    expansion.resources.emplace_back(resource.logicalId, std::move(stateMachine));
    expansion.resources.push_back(std::move(generatedRole));
  }
  expansion.ignoredEvents = ignoredEvents(resource);
  return expansion;
}

}  // namespace stepsim::cfn::sam
