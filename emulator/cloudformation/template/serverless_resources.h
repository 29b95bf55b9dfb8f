#pragma once
// The pieces of the SAM transform (internal): one expansion per SAM resource type, the execution
// role both share, and the helpers they use.
#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/cloudformation/template/serverless_transform.h"
#include "emulator/core/json.h"

namespace stepsim::cfn::sam {

// Why SAM refuses one resource: becomes "Resource with id [X] is invalid. <what()>".
struct InvalidResource : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] inline void invalid(const std::string& message) {
  throw InvalidResource(message);
}

// A SAM resource as the expansions see it: Globals already merged into its properties.
struct SamResource {
  std::string logicalId;
  std::string type;
  stepsim::Json properties;   // object
  stepsim::Json declaration;  // the whole resource as written (attributes)
};

struct IgnoredEvent {
  std::string resource;
  std::string event;
  std::string type;
};

// What one SAM resource becomes, in order; the first keeps the SAM resource's logical id.
struct Expansion {
  std::vector<std::pair<std::string, stepsim::Json>> resources;
  std::vector<IgnoredEvent> ignoredEvents;
};

Expansion expandFunction(const SamResource& resource, const ServerlessContext& context);
Expansion expandStateMachine(const SamResource& resource, const ServerlessContext& context);

// --- properties -------------------------------------------------------------------------------

// What a SAM property becomes: copied (possibly renamed) onto the generated resource, used by the
// expansion itself, or refused with a reason.
enum class PropertyUse { Copy, Special, Refused };

struct PropertyRule {
  PropertyUse use;
  std::string_view text;  // Copy: the CloudFormation name; Refused: why
};

// The rows of a property table: copied under a (new) name, handled by the expansion itself, or
// refused with the reason.
constexpr PropertyRule copy(std::string_view name) {
  return {PropertyUse::Copy, name};
}
constexpr PropertyRule special() {
  return {PropertyUse::Special, {}};
}
constexpr PropertyRule refused(std::string_view why) {
  return {PropertyUse::Refused, why};
}

template <std::size_t N>
using PropertyTable = std::array<std::pair<std::string_view, PropertyRule>, N>;

template <std::size_t N>
const PropertyRule* findRule(const PropertyTable<N>& table, std::string_view name) {
  auto it =
      std::lower_bound(table.begin(), table.end(), name,
                       [](const auto& entry, std::string_view key) { return entry.first < key; });
  return it != table.end() && it->first == name ? &it->second : nullptr;
}

// Copies the Copy properties of `resource` onto `target`; throws for unknown and refused ones.
template <std::size_t N>
void applyPropertyTable(const PropertyTable<N>& table, const SamResource& resource,
                        stepsim::Json& target) {
  for (const auto& [name, value] : resource.properties.items()) {
    const PropertyRule* rule = findRule(table, name);
    if (!rule) invalid("property " + name + " not defined for resource of type " + resource.type);
    if (rule->use == PropertyUse::Refused) invalid(std::string(rule->text));
    if (rule->use == PropertyUse::Copy) target[std::string(rule->text)] = value;
  }
}

// --- helpers ------------------------------------------------------------------------------------

// The member `key` of an object, or nullptr.
const stepsim::Json* member(const stepsim::Json& object, std::string_view key);

// SAM's test for an intrinsic: an object with one member, Ref, Condition or Fn::*.
bool isIntrinsic(const stepsim::Json& value);

// SAM's Tags map as CloudFormation's list, after SAM's own {samKey: "SAM"} tag. Falsy values
// (null, false, 0, "") become "" as in SAM.
stepsim::Json tagList(std::string_view samKey, const stepsim::Json* tags);

// The resource attributes SAM copies onto every generated resource.
stepsim::Json passthroughAttributes(const SamResource& resource);

// The SAM resource's own attributes (DependsOn, Metadata, ...) for the resource keeping its id.
stepsim::Json mainResource(const SamResource& resource, std::string_view type);

// A local path from CodeUri / DefinitionUri, made absolute against the base directory.
std::string localPath(const std::string& path, std::string_view property,
                      const ServerlessContext& context);

// Every event of the Events property, to be listed as ignored.
std::vector<IgnoredEvent> ignoredEvents(const SamResource& resource);

// --- execution roles ----------------------------------------------------------------------------

struct RoleRequest {
  stepsim::Json trustPolicy;
  stepsim::Json managedPolicyArns = stepsim::Json::array();  // SAM's own, first
  stepsim::Json policyDocuments = stepsim::Json::array();    // SAM's own {PolicyName, ...}, first
  const stepsim::Json* policies = nullptr;                   // the resource's Policies
  std::vector<std::string> extraPolicies;  // managed policy names SAM appends to Policies
  const stepsim::Json* path = nullptr;
  const stepsim::Json* permissionsBoundary = nullptr;
  stepsim::Json tags;
};

// "<Id>Role", the AWS::IAM::Role SAM generates.
std::pair<std::string, stepsim::Json> executionRole(const SamResource& resource,
                                                    const RoleRequest& request);

// "arn:aws:iam::aws:policy/<path><name>" for an AWS managed policy name; ARNs unchanged.
std::string managedPolicyArn(const std::string& name);

// {"Fn::GetAtt": [id, attribute]}
stepsim::Json getAtt(const std::string& logicalId, const std::string& attribute);

}  // namespace stepsim::cfn::sam
