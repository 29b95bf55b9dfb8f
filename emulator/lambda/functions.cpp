// CreateFunction, GetFunction(Configuration), ListFunctions, DeleteFunction, UpdateFunctionCode,
// UpdateFunctionConfiguration.
#include <algorithm>
#include <array>
#include <cctype>

#include "emulator/lambda/code_package.h"
#include "emulator/lambda/errors.h"
#include "emulator/lambda/handlers.h"
#include "emulator/lambda/input.h"
#include "emulator/lambda/paging.h"
#include "emulator/lambda/view.h"

namespace stepsim::lambda {

namespace {

constexpr int kMaxTimeout = 900;
constexpr int kMaxMemory = 10240;  // what Lambda allows; the model says 32768
constexpr std::size_t kMaxTags = 50;

// Variables the Lambda runtime sets itself.
constexpr std::array<std::string_view, 12> kReservedVariables = {"_HANDLER",
                                                                 "_X_AMZN_TRACE_ID",
                                                                 "AWS_DEFAULT_REGION",
                                                                 "AWS_REGION",
                                                                 "AWS_EXECUTION_ENV",
                                                                 "AWS_LAMBDA_FUNCTION_NAME",
                                                                 "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                                                                 "AWS_LAMBDA_FUNCTION_VERSION",
                                                                 "AWS_LAMBDA_RUNTIME_API",
                                                                 "AWS_ACCESS_KEY_ID",
                                                                 "AWS_SECRET_ACCESS_KEY",
                                                                 "AWS_SESSION_TOKEN"};

void checkNoS3OrImage(const json& code, std::string_view prefix) {
  for (const char* key : {"S3Bucket", "S3Key", "S3ObjectVersion"})
    if (code.contains(key) && !code[key].is_null())
      invalidParameter(std::string(prefix) + key +
                       ": stepsim has no S3; upload the package inline as ZipFile");
  if (code.contains("ImageUri") && !code["ImageUri"].is_null())
    invalidParameter(std::string(prefix) +
                     "ImageUri: stepsim has no ECR and runs no container images; upload a ZIP "
                     "package as ZipFile");
}

void setCode(FunctionConfig& c, std::string bytes) {
  c.codeSha256 = sha256Base64(bytes);
  c.codeSize = static_cast<std::int64_t>(bytes.size());
  c.code = std::make_shared<const std::string>(std::move(bytes));
}

std::vector<std::string> parseArchitectures(const json& value) {
  if (!value.is_array() || value.size() != 1 || !value[0].is_string())
    invalidParameter("Architectures must hold exactly one of x86_64, arm64");
  std::string arch = value[0];
  if (arch != "x86_64" && arch != "arm64")
    invalidParameter("Architectures: '" + shown(arch) + "' is not one of x86_64, arm64");
  return {arch};
}

// The configuration members CreateFunction and UpdateFunctionConfiguration share.
// A "fake:<name>" handler must name a built-in handler that exists.
void checkFakeHandler(const LambdaState& s, const std::string& handler) {
  if (handler.compare(0, kFakeHandlerPrefix.size(), kFakeHandlerPrefix) != 0) return;
  std::string_view name = std::string_view(handler).substr(kFakeHandlerPrefix.size());
  if (s.builtins && s.builtins->has(name)) return;
  std::string known;
  if (s.builtins)
    for (const std::string& fake : s.builtins->names())
      known += (known.empty() ? "" : ", ") + std::string(kFakeHandlerPrefix) + fake;
  invalidParameter("Handler '" + shown(handler) + "' names no built-in handler; the fakes are: " +
                   (known.empty() ? "(none)" : known));
}

void applyConfiguration(FunctionConfig& c, const json& in) {
  if (auto role = optString(in, "Role")) c.role = *role;
  if (auto handler = optString(in, "Handler")) {
    if (handler->empty() || handler->size() > 128 ||
        std::any_of(handler->begin(), handler->end(),
                    [](char ch) { return std::isspace(static_cast<unsigned char>(ch)); }))
      invalidParameter("Handler '" + shown(*handler) +
                       "' must be 1-128 characters without whitespace");
    c.handler = *handler;
  }
  if (auto runtime = optString(in, "Runtime")) c.runtime = *runtime;
  if (auto description = optString(in, "Description")) {
    if (description->size() > 256) invalidParameter("Description must be at most 256 characters");
    c.description = *description;
  }
  if (auto timeout = optInt(in, "Timeout")) {
    if (*timeout < 1 || *timeout > kMaxTimeout)
      invalidParameter("Timeout " + std::to_string(*timeout) + " is out of range: it must be 1-" +
                       std::to_string(kMaxTimeout) + " seconds");
    c.timeout = static_cast<int>(*timeout);
  }
  if (auto memory = optInt(in, "MemorySize")) {
    if (*memory < 128 || *memory > kMaxMemory)
      invalidParameter("MemorySize " + std::to_string(*memory) +
                       " is out of range: it must be 128-" + std::to_string(kMaxMemory) + " MB");
    c.memorySize = static_cast<int>(*memory);
  }
  if (const json* environment = optObject(in, "Environment")) {
    StringMap variables;
    if (const json* vars = optObject(*environment, "Variables"))
      variables = parseStringMap(*vars, "Environment.Variables");
    std::string reserved;
    for (const auto& [key, value] : variables)
      if (std::find(kReservedVariables.begin(), kReservedVariables.end(), key) !=
          kReservedVariables.end())
        reserved += (reserved.empty() ? "" : ", ") + key;
    if (!reserved.empty())
      invalidParameter(
          "Lambda was unable to configure your environment variables because the "
          "environment variables you have provided contains reserved keys that are "
          "currently not supported for modification. Reserved keys used in this "
          "request: " +
          reserved);
    // Lambda reports no Environment once the variables are cleared.
    if (variables.empty())
      c.environment.reset();
    else
      c.environment = std::move(variables);
  }
  if (const json* storage = optObject(in, "EphemeralStorage")) {
    auto size = optInt(*storage, "Size");
    if (!size || *size < 512 || *size > 10240)
      invalidParameter("EphemeralStorage.Size must be 512-10240 MB");
    c.ephemeralStorage = static_cast<int>(*size);
  }
  if (const json* tracing = optObject(in, "TracingConfig"))
    if (auto mode = optString(*tracing, "Mode")) c.tracingMode = *mode;
}

void checkRevision(const json& in, const std::string& current) {
  if (auto revision = optString(in, "RevisionId"); revision && *revision != current)
    preconditionFailed(
        "The Revision Id provided does not match the latest Revision Id. Call the "
        "GetFunction/GetAlias API to retrieve the latest Revision Id");
}

json renderLatest(LambdaState& s, Function& fn, bool publish) {
  if (publish) {
    std::int64_t version = publishLatest(s, fn, std::nullopt);
    std::string v = std::to_string(version);
    return renderConfiguration(s, fn, fn.versions.at(version), v, v);
  }
  return renderConfiguration(s, fn, fn.latest, "$LATEST", "");
}

}  // namespace

json createFunction(LambdaState& s, const json& in) {
  FunctionRef ref = s.arns.parse(reqString(in, "FunctionName"));
  if (ref.qualifier)
    invalidParameter("FunctionName '" + shown(reqString(in, "FunctionName")) +
                     "' must not carry a qualifier when creating a function");
  if (ref.foreign) invalidParameter("FunctionName must name a function of this region and account");
  if (s.functions.count(ref.name)) conflict("Function already exist: " + ref.name);

  if (optString(in, "PackageType").value_or("Zip") != "Zip")
    invalidParameter(
        "PackageType Image is not supported: stepsim has no ECR and runs no container "
        "images; upload a ZIP package as Code.ZipFile");
  const json* code = optObject(in, "Code");
  if (!code) invalidParameter("Code is required");
  checkNoS3OrImage(*code, "Code.");
  std::optional<std::string> zipFile = optString(*code, "ZipFile");
  if (!zipFile) invalidParameter("Code.ZipFile is required: stepsim takes the package inline");
  if (!optString(in, "Runtime"))
    invalidParameter("Runtime is required for a function whose PackageType is Zip");
  if (!optString(in, "Handler"))
    invalidParameter("Handler is required for a function whose PackageType is Zip");
  reqString(in, "Role");

  auto fn = std::make_unique<Function>();
  fn->name = ref.name;
  FunctionConfig& c = fn->latest;
  applyConfiguration(c, in);
  checkFakeHandler(s, c.handler);
  if (in.contains("Architectures") && !in["Architectures"].is_null())
    c.architectures = parseArchitectures(in["Architectures"]);
  if (const json* tags = optObject(in, "Tags")) {
    fn->tags = parseStringMap(*tags, "Tags");
    if (fn->tags.size() > kMaxTags) invalidParameter("Tags: a function has at most 50 tags");
  }
  setCode(c, decodeZipFile(*zipFile, "CreateFunction"));
  c.lastModified = s.nowText();
  c.revisionId = s.newRevisionId();

  Function& stored = *s.functions.emplace(fn->name, std::move(fn)).first->second;
  if (s.configured) s.configured(stored.latest);
  return renderLatest(s, stored, optBool(in, "Publish"));
}

json getFunction(LambdaState& s, const json& in) {
  Resolved r =
      s.resolve(s.arns.parseQualified(reqString(in, "FunctionName"), optString(in, "Qualifier")));
  json out = {{"Configuration", renderConfiguration(s, r)},
              // There is no S3 here: the location names the package inside stepsim.
              {"Code",
               {{"RepositoryType", "S3"},
                {"Location", "stepsim://lambda/functions/" + r.function->name + "/versions/" +
                                 r.version + "/code.zip"}}}};
  if (!r.function->tags.empty()) out["Tags"] = r.function->tags;
  return out;
}

json getFunctionConfiguration(LambdaState& s, const json& in) {
  return renderConfiguration(s, s.resolve(s.arns.parseQualified(reqString(in, "FunctionName"),
                                                                optString(in, "Qualifier"))));
}

json listFunctions(LambdaState& s, const json& in) {
  bool all = optString(in, "FunctionVersion") == "ALL";
  if (auto v = optString(in, "FunctionVersion"); v && !all)
    invalidParameter("FunctionVersion must be ALL");
  // A flat list in name order; with ALL each function's versions follow its $LATEST.
  struct Entry {
    const Function* fn;
    const FunctionConfig* config;
    std::int64_t version;  // 0: $LATEST
  };
  std::vector<Entry> entries;
  for (const auto& [name, fn] : s.functions) {
    entries.push_back({fn.get(), &fn->latest, 0});
    if (all)
      for (const auto& [number, config] : fn->versions)
        entries.push_back({fn.get(), &config, number});
  }
  Page page = pageOf(entries.size(), in);
  json functions = json::array();
  for (std::size_t i = page.begin; i < page.end; ++i) {
    const Entry& e = entries[i];
    std::string v = e.version ? std::to_string(e.version) : "$LATEST";
    functions.push_back(renderConfiguration(s, *e.fn, *e.config, v, e.version ? v : ""));
  }
  json out = {{"Functions", std::move(functions)}};
  if (page.nextMarker) out["NextMarker"] = *page.nextMarker;
  return out;
}

json deleteFunction(LambdaState& s, const json& in) {
  FunctionRef ref =
      s.arns.parseQualified(reqString(in, "FunctionName"), optString(in, "Qualifier"));
  Function& fn = s.function(ref);
  if (!ref.qualifier) {
    s.functions.erase(fn.name);
    return json::object();
  }
  const std::string& q = *ref.qualifier;
  if (q == "$LATEST")
    invalidParameter("$LATEST version cannot be deleted without deleting the function.");
  if (!isVersionNumber(q))
    invalidParameter("Qualifier '" + shown(q) +
                     "' is not a version: delete an alias with DeleteAlias");
  std::optional<std::int64_t> number = versionNumber(q);
  auto version = number ? fn.versions.find(*number) : fn.versions.end();
  if (version == fn.versions.end()) functionNotFound(s.arns.function(fn.name, q));
  std::string users;
  for (const auto& [name, alias] : fn.aliases) {
    bool routes = alias.routingConfig.is_object() &&
                  alias.routingConfig.value("AdditionalVersionWeights", json::object()).contains(q);
    if (alias.functionVersion == q || routes) users += (users.empty() ? "" : ", ") + name;
  }
  if (!users.empty())
    conflict("Unable to delete version because the following aliases reference it: [" + users +
             "]");
  fn.versions.erase(version);
  return json::object();
}

json updateFunctionCode(LambdaState& s, const json& in) {
  Function& fn = s.unqualified(reqString(in, "FunctionName"));
  checkRevision(in, fn.latest.revisionId);
  checkNoS3OrImage(in, "");
  std::optional<std::string> zipFile = optString(in, "ZipFile");
  if (!zipFile) invalidParameter("ZipFile is required: stepsim takes the package inline");
  FunctionConfig next = fn.latest;
  setCode(next, decodeZipFile(*zipFile, "UpdateFunctionCode"));
  if (in.contains("Architectures") && !in["Architectures"].is_null())
    next.architectures = parseArchitectures(in["Architectures"]);
  if (optBool(in, "DryRun")) return renderConfiguration(s, fn, next, "$LATEST", "");
  next.lastModified = s.nowText();
  next.revisionId = s.newRevisionId();
  fn.latest = std::move(next);
  return renderLatest(s, fn, optBool(in, "Publish"));
}

json updateFunctionConfiguration(LambdaState& s, const json& in) {
  Function& fn = s.unqualified(reqString(in, "FunctionName"));
  checkRevision(in, fn.latest.revisionId);
  FunctionConfig next = fn.latest;
  applyConfiguration(next, in);
  checkFakeHandler(s, next.handler);
  next.lastModified = s.nowText();
  next.revisionId = s.newRevisionId();
  fn.latest = std::move(next);
  if (s.configured) s.configured(fn.latest);
  return renderLatest(s, fn, false);
}

}  // namespace stepsim::lambda
