// AWS::Lambda::Function, AWS::Lambda::Permission, AWS::Lambda::Version and AWS::Lambda::Alias.
// The Lambda API names its members as CloudFormation does (PascalCase), so most properties pass
// through by name; the differences are Code, Tags, KmsKeyArn and the alias's routing weights.
#include <array>
#include <string_view>

#include <filesystem>
#include <fstream>

#include "emulator/app/cfn_resources/resource_families.h"
#include "emulator/app/cfn_resources/service_calls.h"
#include "emulator/core/base64.h"
#include "emulator/lambda/code_package.h"

namespace stepsim::app::cfn_resources {

using json = stepsim::Json;

namespace {

constexpr std::size_t kMaxFunctionName = 64;
constexpr std::size_t kMaxStatementId = 100;

// Properties CreateFunction and UpdateFunctionConfiguration both take, named alike in both.
constexpr std::array<std::string_view, 18> kConfigurationProperties = {"CapacityProviderConfig",
                                                                       "DeadLetterConfig",
                                                                       "Description",
                                                                       "DurableConfig",
                                                                       "Environment",
                                                                       "EphemeralStorage",
                                                                       "FileSystemConfigs",
                                                                       "Handler",
                                                                       "ImageConfig",
                                                                       "Layers",
                                                                       "LoggingConfig",
                                                                       "MemorySize",
                                                                       "Role",
                                                                       "Runtime",
                                                                       "SnapStart",
                                                                       "Timeout",
                                                                       "TracingConfig",
                                                                       "VpcConfig"};
// Properties only CreateFunction takes. A change of PackageType or TenancyConfig makes a new
// function, as in CloudFormation; stepsim signs no code, so CodeSigningConfigArn is kept as given.
constexpr std::array<std::string_view, 3> kCreateOnlyProperties = {"CodeSigningConfigArn",
                                                                   "PackageType", "TenancyConfig"};
constexpr std::array<std::string_view, 3> kReplacingProperties = {"FunctionName", "PackageType",
                                                                  "TenancyConfig"};

// What a configuration property returns to when a template stops setting it: Lambda keeps the old
// value of a member an update leaves out, CloudFormation means the default.
struct ConfigurationDefault {
  std::string_view property;
  const char* value;  // JSON
};
constexpr std::array<ConfigurationDefault, 10> kConfigurationDefaults = {{
    {"DeadLetterConfig", "{}"},
    {"Description", "\"\""},
    {"Environment", R"({"Variables": {}})"},
    {"EphemeralStorage", R"({"Size": 512})"},
    {"KMSKeyArn", "\"\""},
    {"Layers", "[]"},
    {"MemorySize", "128"},
    {"Timeout", "3"},
    {"TracingConfig", R"({"Mode": "PassThrough"})"},
    {"VpcConfig", R"({"SubnetIds": [], "SecurityGroupIds": []})"},
}};

template <std::size_t N>
bool anyChanged(const json& current, const json& previous,
                const std::array<std::string_view, N>& properties) {
  for (std::string_view property : properties)
    if (propertyChanged(current, previous, property)) return true;
  return false;
}

// The file CloudFormation writes ZipFile's source into: index.py or index.js (CommonJS).
std::string inlineSourceFile(const std::string& runtime) {
  if (runtime.starts_with("python")) return "index.py";
  if (runtime.starts_with("nodejs")) return "index.js";
  throw cfn::ProvisioningError(
      "Code.ZipFile is inline source code, which CloudFormation accepts for python and nodejs "
      "runtimes only, not for Runtime '" +
      runtime + "'");
}

// The function's package, base64 as the API carries it: Code.ZipFile's source text packed as
// CloudFormation packs it, or the directory Code.LocalPath names (stepsim's form of a SAM
// CodeUri, an absolute path the SAM transform resolved) packed as `sam deploy` would upload it.
// stepsim has no S3 or ECR for S3Bucket/S3Key or ImageUri.
std::string inlinePackage(const ResourceRequest& request) {
  const json& code = requiredProperty(request, "Code");
  if (!code.is_object()) throw cfn::ProvisioningError("Code must be an object with ZipFile");
  for (const char* key : {"S3Bucket", "S3Key", "S3ObjectVersion"})
    if (code.contains(key))
      throw cfn::ProvisioningError(std::string("Code.") + key +
                                   " cannot be read: stepsim does not emulate S3. Give the "
                                   "function's source inline in Code.ZipFile");
  if (code.contains("ImageUri"))
    throw cfn::ProvisioningError(
        "Code.ImageUri cannot be run: stepsim has no ECR and runs no container images. Give the "
        "function's source inline in Code.ZipFile");
  if (code.contains("Path"))
    throw cfn::ProvisioningError(
        "Code.Path is a scenario file's local code directory; a stack's template has none to "
        "resolve it against. Give the function's source inline in Code.ZipFile");
  if (auto local = code.find("LocalPath"); local != code.end() && local->is_string()) {
    try {
      std::filesystem::path path = local->get<std::string>();
      if (!std::filesystem::is_regular_file(path))
        return core::encodeBase64(lambda::zipDirectory(path));
      std::ifstream file(path, std::ios::binary);  // a .zip a build made
      std::string zip((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
      lambda::checkZipPackage(zip);
      return core::encodeBase64(zip);
    } catch (const std::exception& e) {
      throw cfn::ProvisioningError("CodeUri " + local->get<std::string>() +
                                   " could not be packed: " + e.what());
    }
  }
  auto source = code.find("ZipFile");
  if (source == code.end() || !source->is_string())
    throw cfn::ProvisioningError("Code.ZipFile (the function's source text) is required");
  std::string file = inlineSourceFile(stringProperty(request, "Runtime"));
  try {
    return core::encodeBase64(lambda::zipFiles({{file, source->get<std::string>(), 0644}}));
  } catch (const std::runtime_error& e) {
    throw cfn::ProvisioningError("Code.ZipFile could not be packed: " + std::string(e.what()));
  }
}

// The configuration members of `properties`, as both CreateFunction and
// UpdateFunctionConfiguration take them.
json configurationInput(const json& properties) {
  json input = json::object();
  for (std::string_view property : kConfigurationProperties)
    if (auto it = properties.find(std::string(property)); it != properties.end())
      input[std::string(property)] = *it;
  if (properties.contains("KmsKeyArn")) input["KMSKeyArn"] = properties["KmsKeyArn"];
  return input;
}

ProvisionedResource functionResource(const json& configuration) {
  std::string name = configuration.at("FunctionName");
  json attributes = {{"Arn", configuration.at("FunctionArn")}};
  if (configuration.contains("SnapStart"))
    attributes["SnapStartResponse"] = configuration["SnapStart"];
  return {name, attributes};
}

// Resets to their defaults the members `previous` set and `input` no longer does.
void resetRemovedConfiguration(json& input, const json& previous) {
  json before = configurationInput(previous);
  for (const ConfigurationDefault& reset : kConfigurationDefaults) {
    std::string member(reset.property);
    if (before.contains(member) && !input.contains(member))
      input[member] = json::parse(reset.value);
  }
}

void retagFunction(AccountRegion& place, const std::string& arn, const json& previous,
                   const json& current) {
  json removed = removedTagKeys(previous, current);
  if (!removed.empty())
    callService(place, "lambda", "UntagResource", {{"Resource", arn}, {"TagKeys", removed}});
  if (json tags = tagMap(current); !tags.empty())
    callService(place, "lambda", "TagResource", {{"Resource", arn}, {"Tags", tags}});
}

// "arn:...:function:name:qualifier" → the function's ARN and the qualifier.
std::pair<std::string, std::string> splitQualifiedArn(const std::string& arn) {
  std::size_t colon = arn.rfind(':');
  if (colon == std::string::npos) return {arn, ""};
  return {arn.substr(0, colon), arn.substr(colon + 1)};
}

}  // namespace

// ReservedConcurrentExecutions, RecursiveLoop, RuntimeManagementConfig, FunctionScalingConfig and
// PublishToLatestPublished have no operation in stepsim's Lambda: they shape how AWS schedules a
// function, not what it runs, and are accepted and not applied.
ProvisionedResource createFunction(AccountRegion& place, const ResourceRequest& request) {
  const json& p = request.properties;
  json input = configurationInput(p);
  input["FunctionName"] = nameOrGenerated(place, request, "FunctionName", kMaxFunctionName);
  input["Code"] = {{"ZipFile", inlinePackage(request)}};
  for (std::string_view property : kCreateOnlyProperties)
    if (auto it = p.find(std::string(property)); it != p.end()) input[std::string(property)] = *it;
  if (p.contains("Architectures")) input["Architectures"] = p["Architectures"];
  if (p.contains("Tags")) input["Tags"] = tagMap(p["Tags"]);
  return functionResource(callService(place, "lambda", "CreateFunction", input));
}

ProvisionedResource updateFunction(AccountRegion& place, const ResourceRequest& request,
                                   const ProvisionedResource& current, const json& previous) {
  const json& p = request.properties;
  if (anyChanged(p, previous, kReplacingProperties)) return createFunction(place, request);
  const std::string& name = current.physicalId;
  json configuration = configurationInput(p);
  if (configuration != configurationInput(previous)) {  // each update is a new revision
    resetRemovedConfiguration(configuration, previous);
    configuration["FunctionName"] = name;
    callService(place, "lambda", "UpdateFunctionConfiguration", configuration);
  }
  // A new runtime can move the inline source from index.py to index.js.
  if (propertyChanged(p, previous, "Code") || propertyChanged(p, previous, "Runtime") ||
      propertyChanged(p, previous, "Architectures")) {
    json code = {{"FunctionName", name}, {"ZipFile", inlinePackage(request)}};
    if (p.contains("Architectures")) code["Architectures"] = p["Architectures"];
    callService(place, "lambda", "UpdateFunctionCode", code);
  }
  json updated = callService(place, "lambda", "GetFunctionConfiguration", {{"FunctionName", name}});
  retagFunction(place, updated.at("FunctionArn"), previous.value("Tags", json::array()),
                p.value("Tags", json::array()));
  return functionResource(updated);
}

void removeFunction(AccountRegion& place, const ResourceRequest&,
                    const ProvisionedResource& current) {
  deleteQuietly(place, "lambda", "DeleteFunction", {{"FunctionName", current.physicalId}});
}

// stepsim's Lambda keeps no resource-based policies (nothing reads them: invocations are checked
// against the caller's identity policies only), so a permission is recorded, not applied: the
// function must exist and the required properties be there, as AddPermission would require.
ProvisionedResource createPermission(AccountRegion& place, const ResourceRequest& request) {
  const json& function = requiredProperty(request, "FunctionName");
  requiredProperty(request, "Action");
  requiredProperty(request, "Principal");
  callService(place, "lambda", "GetFunction", {{"FunctionName", function}});
  std::string statementId = generatedName(place, request, kMaxStatementId);
  return {statementId, {{"Id", statementId}}};
}

ProvisionedResource updatePermission(AccountRegion& place, const ResourceRequest& request,
                                     const ProvisionedResource&, const json&) {
  return createPermission(place, request);  // every property of a permission replaces it
}

void removePermission(AccountRegion&, const ResourceRequest&, const ProvisionedResource&) {}

ProvisionedResource createFunctionVersion(AccountRegion& place, const ResourceRequest& request) {
  json input = {{"FunctionName", requiredProperty(request, "FunctionName")}};
  for (const char* property : {"CodeSha256", "Description"})
    if (request.properties.contains(property)) input[property] = request.properties[property];
  json published = callService(place, "lambda", "PublishVersion", input);
  std::string arn = published.at("FunctionArn");
  return {arn, {{"FunctionArn", arn}, {"Version", published.at("Version")}}};
}

// Every property of a version replaces it. An unchanged function publishes the same version
// again, which is then the same resource.
ProvisionedResource updateFunctionVersion(AccountRegion& place, const ResourceRequest& request,
                                          const ProvisionedResource&, const json&) {
  return createFunctionVersion(place, request);
}

void removeFunctionVersion(AccountRegion& place, const ResourceRequest&,
                           const ProvisionedResource& current) {
  auto [function, version] = splitQualifiedArn(current.physicalId);
  deleteQuietly(place, "lambda", "DeleteFunction",
                {{"FunctionName", function}, {"Qualifier", version}});
}

namespace {

// RoutingConfig as CloudFormation writes it ([{FunctionVersion, FunctionWeight}]) as the API
// takes it ({version: weight}); {} (everything to FunctionVersion) when there are none.
json routingConfig(const json& properties) {
  json weights = json::object();
  for (const json& weight : properties.value("RoutingConfig", json::object())
                                .value("AdditionalVersionWeights", json::array()))
    weights[weight.value("FunctionVersion", "")] = weight.value("FunctionWeight", 0.0);
  if (weights.empty()) return json::object();
  return {{"AdditionalVersionWeights", weights}};
}

ProvisionedResource aliasResource(const json& alias) {
  std::string arn = alias.at("AliasArn");
  return {arn, {{"AliasArn", arn}}};
}

}  // namespace

ProvisionedResource createFunctionAlias(AccountRegion& place, const ResourceRequest& request) {
  const json& p = request.properties;
  json input = {{"FunctionName", requiredProperty(request, "FunctionName")},
                {"Name", requiredProperty(request, "Name")},
                {"FunctionVersion", requiredProperty(request, "FunctionVersion")},
                {"RoutingConfig", routingConfig(p)}};
  if (p.contains("Description")) input["Description"] = p["Description"];
  return aliasResource(callService(place, "lambda", "CreateAlias", input));
}

ProvisionedResource updateFunctionAlias(AccountRegion& place, const ResourceRequest& request,
                                        const ProvisionedResource&, const json& previous) {
  const json& p = request.properties;
  if (propertyChanged(p, previous, "Name") || propertyChanged(p, previous, "FunctionName"))
    return createFunctionAlias(place, request);
  json input = {{"FunctionName", requiredProperty(request, "FunctionName")},
                {"Name", requiredProperty(request, "Name")},
                {"FunctionVersion", requiredProperty(request, "FunctionVersion")},
                {"Description", p.value("Description", "")},
                {"RoutingConfig", routingConfig(p)}};
  return aliasResource(callService(place, "lambda", "UpdateAlias", input));
}

void removeFunctionAlias(AccountRegion& place, const ResourceRequest&,
                         const ProvisionedResource& current) {
  auto [function, alias] = splitQualifiedArn(current.physicalId);
  deleteQuietly(place, "lambda", "DeleteAlias", {{"FunctionName", function}, {"Name", alias}});
}

}  // namespace stepsim::app::cfn_resources
