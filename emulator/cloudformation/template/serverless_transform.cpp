// The SAM transform over a whole template: Globals, each SAM resource expanded in place, the
// errors gathered as SAM reports them, and the Transform section updated.
#include "emulator/cloudformation/template/serverless_transform.h"

#include <array>
#include <map>

#include "emulator/cloudformation/template/serverless_resources.h"
#include "emulator/cloudformation/template/template_error.h"
#include "emulator/cloudformation/template/template_text.h"
#include "emulator/core/json_text.h"
#include "emulator/core/operation_table.h"

namespace stepsim::cfn {
namespace {

using sam::Expansion;
using sam::SamResource;

constexpr std::string_view kServerlessPrefix = "AWS::Serverless::";
constexpr std::string_view kIgnoredEventsKey = "stepsim:ignoredEvents";

// The Globals sections SAM accepts, and for the resource types stepsim expands, the properties
// each may set (SAM's Globals.supported_properties). The other sections only apply to resource
// types stepsim refuses anyway, so their properties are not checked.
constexpr std::array<std::string_view, 33> kFunctionGlobals = {
    "Architectures",
    "AssumeRolePolicyDocument",
    "AutoPublishAlias",
    "AutoPublishAliasAllProperties",
    "CodeSigningConfigArn",
    "CodeUri",
    "DeadLetterQueue",
    "DeploymentPreference",
    "Description",
    "Environment",
    "EphemeralStorage",
    "EventInvokeConfig",
    "FileSystemConfigs",
    "FunctionUrlConfig",
    "Handler",
    "KmsKeyArn",
    "Layers",
    "LoggingConfig",
    "MemorySize",
    "PermissionsBoundary",
    "PropagateTags",
    "ProvisionedConcurrencyConfig",
    "RecursiveLoop",
    "ReservedConcurrentExecutions",
    "RolePath",
    "Runtime",
    "RuntimeManagementConfig",
    "SnapStart",
    "SourceKMSKeyArn",
    "Tags",
    "Timeout",
    "Tracing",
    "VpcConfig",
};
static_assert(std::is_sorted(kFunctionGlobals.begin(), kFunctionGlobals.end()));
constexpr std::array<std::string_view, 1> kStateMachineGlobals = {"PropagateTags"};
constexpr std::array<std::string_view, 6> kGlobalsSections = {
    "Api", "Function", "HttpApi", "LayerVersion", "SimpleTable", "StateMachine"};
static_assert(std::is_sorted(kGlobalsSections.begin(), kGlobalsSections.end()));

// A failure of the whole document rather than of one resource.
struct InvalidDocument : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] void transformFailed(const std::string& reason) {
  throw TemplateError("Transform " + std::string(kServerlessTransform) + " failed with: " + reason);
}

std::string invalidDocumentText(const std::vector<std::string>& errors) {
  std::string text =
      "Invalid Serverless Application Specification document. Number of errors "
      "found: " +
      std::to_string(errors.size()) + ".";
  for (const std::string& error : errors) text += " " + error;
  return text;
}

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::binary_search(names.begin(), names.end(), name);
}

template <std::size_t N>
std::string pythonList(const std::array<std::string_view, N>& names) {
  std::string text;
  for (std::string_view name : names)
    text += (text.empty() ? "'" : ", '") + std::string(name) + "'";
  return "[" + text + "]";
}

[[noreturn]] void invalidGlobals(const std::string& message) {
  throw InvalidDocument("'Globals' section is invalid. " + message);
}

template <std::size_t N>
void checkGlobalProperties(const std::string& section, const stepsim::Json& properties,
                           const std::array<std::string_view, N>& supported) {
  for (const auto& [key, value] : properties.items())
    if (!contains(supported, key))
      invalidGlobals("'" + key + "' is not a supported property of '" + section +
                     "'. Must be one of the following values - " + pythonList(supported));
}

// Globals by resource type ("AWS::Serverless::Function" -> its properties).
std::map<std::string, stepsim::Json> readGlobals(const stepsim::Json& document) {
  const stepsim::Json* globals = sam::member(document, "Globals");
  if (!globals) return {};
  if (!globals->is_object()) invalidGlobals("It must be a non-empty dictionary");
  std::map<std::string, stepsim::Json> byType;
  for (const auto& [section, properties] : globals->items()) {
    if (!contains(kGlobalsSections, section))
      invalidGlobals("'" + section + "' is not supported. Must be one of the following values - " +
                     pythonList(kGlobalsSections));
    if (!properties.is_object()) invalidGlobals("Value of " + section + " must be a dictionary");
    if (section == "Function") checkGlobalProperties(section, properties, kFunctionGlobals);
    if (section == "StateMachine") checkGlobalProperties(section, properties, kStateMachineGlobals);
    byType[std::string(kServerlessPrefix) + section] = properties;
  }
  return byType;
}

enum class MergeToken { Primitive, Map, List };

MergeToken mergeToken(const stepsim::Json& value) {
  // Intrinsics resolve to primitives in CloudFormation: SAM never merges into them.
  if (value.is_object()) return sam::isIntrinsic(value) ? MergeToken::Primitive : MergeToken::Map;
  return value.is_array() ? MergeToken::List : MergeToken::Primitive;
}

// SAM's GlobalProperties merge: maps merged key by key, lists concatenated (global first), and
// the local value otherwise.
stepsim::Json mergeGlobal(const stepsim::Json& global, const stepsim::Json& local) {
  const MergeToken token = mergeToken(global);
  if (token != mergeToken(local) || token == MergeToken::Primitive) return local;
  stepsim::Json merged = global;
  if (token == MergeToken::List) {
    merged.insert(merged.end(), local.begin(), local.end());
    return merged;
  }
  for (const auto& [key, value] : local.items()) {
    const stepsim::Json* existing = sam::member(merged, key);
    merged[key] = existing ? mergeGlobal(*existing, value) : value;
  }
  return merged;
}

// The globals a resource takes, less those its IgnoreGlobals attribute names ("*" for all).
stepsim::Json applicableGlobals(const std::string& logicalId, const stepsim::Json& declaration,
                                stepsim::Json globals) {
  const stepsim::Json* ignore = sam::member(declaration, "IgnoreGlobals");
  if (!ignore) return globals;
  if (*ignore == "*") return stepsim::Json::object();
  if (!ignore->is_array())
    sam::invalid("Resource " + logicalId + " has invalid resource attribute 'IgnoreGlobals'.");
  for (const stepsim::Json& name : *ignore) {
    if (!name.is_string() || !globals.contains(name.get_ref<const std::string&>()))
      sam::invalid("Resource " + logicalId +
                   " has invalid resource attribute 'IgnoreGlobals' on item '" +
                   (name.is_string() ? name.get<std::string>() : core::serializeJson(name)) + "'.");
    globals.erase(name.get<std::string>());
  }
  return globals;
}

SamResource samResource(const std::string& logicalId, const stepsim::Json& declaration,
                        const std::map<std::string, stepsim::Json>& globals) {
  SamResource resource{logicalId, declaration["Type"].get<std::string>(), stepsim::Json::object(),
                       declaration};
  const stepsim::Json* properties = sam::member(declaration, "Properties");
  if (properties && !properties->is_null()) {
    if (!properties->is_object()) sam::invalid("Properties of a resource must be an object.");
    resource.properties = *properties;
  }
  if (const auto found = globals.find(resource.type); found != globals.end())
    resource.properties =
        mergeGlobal(applicableGlobals(logicalId, declaration, found->second), resource.properties);
  return resource;
}

Expansion expandResource(const SamResource& resource, const ServerlessContext& context) {
  if (resource.type == "AWS::Serverless::Function") return sam::expandFunction(resource, context);
  if (resource.type == "AWS::Serverless::StateMachine")
    return sam::expandStateMachine(resource, context);
  sam::invalid("stepsim does not expand " + resource.type +
               ": it expands AWS::Serverless::Function and AWS::Serverless::StateMachine only");
}

bool isSamResource(const stepsim::Json& declaration) {
  const stepsim::Json* type = sam::member(declaration, "Type");
  return type && type->is_string() &&
         type->get_ref<const std::string&>().starts_with(kServerlessPrefix);
}

struct ExpandedResources {
  stepsim::Json resources = stepsim::Json::object();
  std::vector<sam::IgnoredEvent> ignoredEvents;
  std::vector<std::string> errors;
};

std::string duplicateText(const std::string& owner, const std::string& id,
                          const stepsim::Json& resource) {
  return "Transforming resource with id [" + owner +
         "] attempts to create a new resource with id [" + id + "] and type \"" +
         resource.value("Type", "") +
         "\". A resource with that id already exists within this template. Please use a different "
         "id for that resource.";
}

// Adds what one SAM resource became, unless a generated id collides with another resource.
void addExpansion(const std::string& owner, Expansion expansion, const stepsim::Json& original,
                  ExpandedResources& result) {
  for (const auto& [id, resource] : expansion.resources) {
    const bool clashes = id != owner && (original.contains(id) || result.resources.contains(id));
    if (clashes) {
      result.errors.push_back(duplicateText(owner, id, resource));
      return;
    }
  }
  for (auto& [id, resource] : expansion.resources) result.resources[id] = std::move(resource);
  for (auto& event : expansion.ignoredEvents) result.ignoredEvents.push_back(std::move(event));
}

ExpandedResources expandResources(const stepsim::Json& resources,
                                  const std::map<std::string, stepsim::Json>& globals,
                                  const ServerlessContext& context) {
  ExpandedResources result;
  for (const auto& [logicalId, declaration] : resources.items()) {
    if (!isSamResource(declaration)) {
      result.resources[logicalId] = declaration;
      continue;
    }
    try {
      const SamResource resource = samResource(logicalId, declaration, globals);
      addExpansion(logicalId, expandResource(resource, context), resources, result);
    } catch (const sam::InvalidResource& error) {
      result.errors.push_back("Resource with id [" + logicalId + "] is invalid. " + error.what());
    }
  }
  return result;
}

// Transform without the SAM transform; null when nothing is left.
stepsim::Json remainingTransforms(const stepsim::Json& transform) {
  if (!transform.is_array()) return nullptr;
  stepsim::Json remaining = stepsim::Json::array();
  for (const stepsim::Json& name : transform)
    if (name != kServerlessTransform) remaining.push_back(name);
  if (remaining.empty()) return nullptr;
  return remaining;
}

stepsim::Json ignoredEventsMetadata(const std::vector<sam::IgnoredEvent>& events) {
  stepsim::Json list = stepsim::Json::array();
  for (const sam::IgnoredEvent& event : events)
    list.push_back({{"Resource", event.resource}, {"Event", event.event}, {"Type", event.type}});
  return list;
}

void addIgnoredEvents(stepsim::Json& output, const std::vector<sam::IgnoredEvent>& events) {
  if (events.empty()) return;
  stepsim::Json& metadata = output["Metadata"];
  if (metadata.is_null()) metadata = stepsim::Json::object();
  if (!metadata.is_object())
    throw InvalidDocument("Structure of the SAM template is invalid. Metadata must be an object");
  metadata[std::string(kIgnoredEventsKey)] = ignoredEventsMetadata(events);
}

stepsim::Json transformed(const stepsim::Json& document, const ServerlessContext& context) {
  if (!document.is_object()) throw InvalidDocument("Structure of the SAM template is invalid.");
  const auto globals = readGlobals(document);
  const stepsim::Json* resources = sam::member(document, "Resources");
  if (!resources || !resources->is_object())
    throw InvalidDocument(
        "Structure of the SAM template is invalid. 'Resources' section is "
        "required");
  ExpandedResources expanded = expandResources(*resources, globals, context);
  if (!expanded.errors.empty()) throw InvalidDocument(invalidDocumentText(expanded.errors));

  stepsim::Json output = stepsim::Json::object();
  for (const auto& [section, value] : document.items()) {
    if (section == "Globals") continue;
    if (section == "Transform") {
      stepsim::Json remaining = remainingTransforms(value);
      if (!remaining.is_null()) output[section] = std::move(remaining);
      continue;
    }
    output[section] = section == "Resources" ? expanded.resources : value;
  }
  addIgnoredEvents(output, expanded.ignoredEvents);
  return output;
}

}  // namespace

bool usesServerlessTransform(const stepsim::Json& document) {
  const stepsim::Json* transform = sam::member(document, "Transform");
  if (!transform) return false;
  if (transform->is_string()) return *transform == kServerlessTransform;
  return transform->is_array() &&
         std::find(transform->begin(), transform->end(), stepsim::Json(kServerlessTransform)) !=
             transform->end();
}

stepsim::Json expandServerless(const stepsim::Json& document, const ServerlessContext& context) {
  // Every walk below recurses per level: refuse what the template parser would have refused.
  if (core::nestsDeeperThan(document, kMaxTemplateDepth))
    transformFailed("The template nests deeper than " + std::to_string(kMaxTemplateDepth) +
                    " levels");
  try {
    return transformed(document, context);
  } catch (const InvalidDocument& error) {
    const std::string what = error.what();
    transformFailed(what.starts_with("Invalid Serverless") ? what : invalidDocumentText({what}));
  }
}

}  // namespace stepsim::cfn
