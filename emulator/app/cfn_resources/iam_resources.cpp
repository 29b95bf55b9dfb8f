// AWS::IAM::Role, AWS::IAM::Policy, AWS::IAM::ManagedPolicy and AWS::IAM::InstanceProfile.
// The IAM API names its members as CloudFormation does (PascalCase), tags included; policy
// documents, objects in a template, are JSON text in the API.
#include <set>

#include "emulator/app/cfn_resources/resource_families.h"
#include "emulator/app/cfn_resources/service_calls.h"
#include "emulator/core/json_text.h"
#include "emulator/core/time_types.h"

namespace stepsim::app::cfn_resources {

using json = stepsim::Json;

namespace {

constexpr std::size_t kMaxRoleName = 64;
constexpr std::size_t kMaxPolicyName = 128;
constexpr std::size_t kMaxInstanceProfileName = 128;
constexpr std::size_t kMaxPolicyId = 40;
constexpr std::size_t kMaxPolicyVersions = 5;  // IAM's quota per managed policy
constexpr int kDefaultMaxSessionDuration = 3600;

json iam(AccountRegion& place, std::string_view operation, const json& input) {
  return callService(place, "iam", operation, input);
}

// A policy document as IAM takes it: JSON text (a template may also give the text itself).
std::string documentText(const json& document) {
  return document.is_string() ? document.get<std::string>() : core::serializeJson(document);
}

// The strings of a list property, for set differences.
std::set<std::string> stringSet(const json& properties, const char* property) {
  std::set<std::string> out;
  for (const json& item : properties.value(property, json::array()))
    if (item.is_string()) out.insert(item.get<std::string>());
  return out;
}

// Every item of a paged IAM list (Marker/IsTruncated) under `member`.
json listAll(AccountRegion& place, std::string_view operation, json input, const char* member) {
  json items = json::array();
  while (true) {
    json page = iam(place, operation, input);
    for (const json& item : page.value(member, json::array())) items.push_back(item);
    if (!page.value("IsTruncated", false)) return items;
    input["Marker"] = page.at("Marker");
  }
}

// Groups are not emulated: a policy for a group is refused rather than silently dropped.
void refuseGroups(const ResourceRequest& request) {
  if (!request.properties.value("Groups", json::array()).empty())
    throw cfn::ProvisioningError(
        "Groups cannot be given a policy: stepsim's IAM has roles and users, not groups");
}

// --- roles ---

ProvisionedResource describedRole(AccountRegion& place, const std::string& name) {
  json role = iam(place, "GetRole", {{"RoleName", name}}).at("Role");
  return {name, {{"Arn", role.at("Arn")}, {"RoleId", role.at("RoleId")}}};
}

void putInlinePolicies(AccountRegion& place, const std::string& role, const json& policies) {
  for (const json& policy : policies)
    iam(place, "PutRolePolicy",
        {{"RoleName", role},
         {"PolicyName", policy.at("PolicyName")},
         {"PolicyDocument", documentText(policy.at("PolicyDocument"))}});
}

std::set<std::string> inlinePolicyNames(const json& properties) {
  std::set<std::string> names;
  for (const json& policy : properties.value("Policies", json::array()))
    names.insert(policy.value("PolicyName", ""));
  return names;
}

// Everything IAM requires gone before DeleteRole: inline and attached policies.
void deleteRoleAndPolicies(AccountRegion& place, const std::string& name) {
  if (!callUnlessNotFound(place, "iam", "GetRole", {{"RoleName", name}})) return;
  for (const json& policy : listAll(place, "ListRolePolicies", {{"RoleName", name}}, "PolicyNames"))
    deleteQuietly(place, "iam", "DeleteRolePolicy", {{"RoleName", name}, {"PolicyName", policy}});
  for (const json& policy :
       listAll(place, "ListAttachedRolePolicies", {{"RoleName", name}}, "AttachedPolicies"))
    deleteQuietly(place, "iam", "DetachRolePolicy",
                  {{"RoleName", name}, {"PolicyArn", policy.at("PolicyArn")}});
  deleteQuietly(place, "iam", "DeleteRole", {{"RoleName", name}});
}

void updateRoleSettings(AccountRegion& place, const std::string& name, const json& p,
                        const json& previous) {
  if (propertyChanged(p, previous, "AssumeRolePolicyDocument"))
    iam(place, "UpdateAssumeRolePolicy",
        {{"RoleName", name}, {"PolicyDocument", documentText(p.at("AssumeRolePolicyDocument"))}});
  if (propertyChanged(p, previous, "Description") ||
      propertyChanged(p, previous, "MaxSessionDuration"))
    iam(place, "UpdateRole",
        {{"RoleName", name},
         {"Description", p.value("Description", "")},
         {"MaxSessionDuration", p.value("MaxSessionDuration", kDefaultMaxSessionDuration)}});
  if (propertyChanged(p, previous, "PermissionsBoundary"))
    throw cfn::ProvisioningError(
        "PermissionsBoundary cannot change in place: stepsim's IAM has no "
        "PutRolePermissionsBoundary. Give the role a new RoleName to replace it");
}

void updateRolePolicies(AccountRegion& place, const std::string& name, const json& p,
                        const json& previous) {
  putInlinePolicies(place, name, p.value("Policies", json::array()));
  std::set<std::string> kept = inlinePolicyNames(p);
  for (const std::string& policy : inlinePolicyNames(previous))
    if (!kept.count(policy))
      deleteQuietly(place, "iam", "DeleteRolePolicy", {{"RoleName", name}, {"PolicyName", policy}});
  std::set<std::string> attached = stringSet(previous, "ManagedPolicyArns");
  std::set<std::string> wanted = stringSet(p, "ManagedPolicyArns");
  for (const std::string& arn : attached)
    if (!wanted.count(arn))
      deleteQuietly(place, "iam", "DetachRolePolicy", {{"RoleName", name}, {"PolicyArn", arn}});
  for (const std::string& arn : wanted)
    if (!attached.count(arn))
      iam(place, "AttachRolePolicy", {{"RoleName", name}, {"PolicyArn", arn}});
}

void retagRole(AccountRegion& place, const std::string& name, const json& previous,
               const json& current) {
  json removed = removedTagKeys(previous, current);
  if (!removed.empty()) iam(place, "UntagRole", {{"RoleName", name}, {"TagKeys", removed}});
  if (!current.empty()) iam(place, "TagRole", {{"RoleName", name}, {"Tags", current}});
}

}  // namespace

ProvisionedResource createRole(AccountRegion& place, const ResourceRequest& request) {
  const json& p = request.properties;
  std::string name = nameOrGenerated(place, request, "RoleName", kMaxRoleName);
  json input = {{"RoleName", name},
                {"AssumeRolePolicyDocument",
                 documentText(requiredProperty(request, "AssumeRolePolicyDocument"))}};
  for (const char* property :
       {"Path", "Description", "MaxSessionDuration", "PermissionsBoundary", "Tags"})
    if (p.contains(property)) input[property] = p[property];
  iam(place, "CreateRole", input);
  try {
    putInlinePolicies(place, name, p.value("Policies", json::array()));
    for (const std::string& arn : stringSet(p, "ManagedPolicyArns"))
      iam(place, "AttachRolePolicy", {{"RoleName", name}, {"PolicyArn", arn}});
  } catch (const cfn::ProvisioningError&) {
    deleteRoleAndPolicies(place, name);  // not left half-made for the stack to forget
    throw;
  }
  return describedRole(place, name);
}

ProvisionedResource updateRole(AccountRegion& place, const ResourceRequest& request,
                               const ProvisionedResource& current, const json& previous) {
  const json& p = request.properties;
  if (propertyChanged(p, previous, "RoleName") || propertyChanged(p, previous, "Path"))
    return createRole(place, request);
  const std::string& name = current.physicalId;
  updateRoleSettings(place, name, p, previous);
  updateRolePolicies(place, name, p, previous);
  retagRole(place, name, previous.value("Tags", json::array()), p.value("Tags", json::array()));
  return describedRole(place, name);
}

void removeRole(AccountRegion& place, const ResourceRequest&, const ProvisionedResource& current) {
  deleteRoleAndPolicies(place, current.physicalId);
}

// --- inline policies (AWS::IAM::Policy) ---

namespace {

// The identities a policy can be given, and how IAM's operations name them.
struct PolicyHolder {
  const char* property;    // "Roles": the template's list, and ListRoles' member
  const char* nameMember;  // "RoleName"
  const char* entity;      // "Role": PutRolePolicy, AttachRolePolicy, ListAttachedRolePolicies
  std::string operation(const char* verb, const char* noun = "Policy") const {
    return verb + std::string(entity) + noun;
  }
};
constexpr PolicyHolder kPolicyHolders[] = {{"Roles", "RoleName", "Role"},
                                           {"Users", "UserName", "User"}};

void putInlinePolicy(AccountRegion& place, const ResourceRequest& request) {
  const json& p = request.properties;
  std::string document = documentText(requiredProperty(request, "PolicyDocument"));
  const json& name = requiredProperty(request, "PolicyName");
  for (const PolicyHolder& holder : kPolicyHolders)
    for (const std::string& entity : stringSet(p, holder.property))
      iam(place, holder.operation("Put"),
          {{holder.nameMember, entity}, {"PolicyName", name}, {"PolicyDocument", document}});
}

// Deletes the policy `previous` describes from its holders, except those `current` still gives it
// to under the same name.
void deleteInlinePolicy(AccountRegion& place, const json& previous, const json& current) {
  auto name = previous.find("PolicyName");
  if (name == previous.end()) return;
  bool renamed = current.value("PolicyName", json()) != *name;
  for (const PolicyHolder& holder : kPolicyHolders) {
    std::set<std::string> kept = stringSet(current, holder.property);
    for (const std::string& entity : stringSet(previous, holder.property))
      if (renamed || !kept.count(entity))
        deleteQuietly(place, "iam", holder.operation("Delete"),
                      {{holder.nameMember, entity}, {"PolicyName", *name}});
  }
}

}  // namespace

// CloudFormation names an inline policy resource by a generated id (Ref and GetAtt Id), not by
// its PolicyName.
ProvisionedResource createPolicy(AccountRegion& place, const ResourceRequest& request) {
  refuseGroups(request);
  if (stringSet(request.properties, "Roles").empty() &&
      stringSet(request.properties, "Users").empty())
    throw cfn::ProvisioningError(
        "At least one of [Groups,Roles,Users] must be non-empty for resource " + request.logicalId);
  putInlinePolicy(place, request);
  std::string id = generatedName(place, request, kMaxPolicyId);
  return {id, {{"Id", id}}};
}

ProvisionedResource updatePolicy(AccountRegion& place, const ResourceRequest& request,
                                 const ProvisionedResource& current, const json& previous) {
  refuseGroups(request);
  putInlinePolicy(place, request);
  deleteInlinePolicy(place, previous, request.properties);
  return current;
}

void removePolicy(AccountRegion& place, const ResourceRequest& request,
                  const ProvisionedResource&) {
  deleteInlinePolicy(place, request.properties, json::object());
}

// --- managed policies ---

namespace {

ProvisionedResource describedManagedPolicy(AccountRegion& place, const std::string& arn) {
  json policy = iam(place, "GetPolicy", {{"PolicyArn", arn}}).at("Policy");
  json attributes = {{"PolicyArn", arn}};
  for (const char* attribute : {"AttachmentCount", "DefaultVersionId", "IsAttachable",
                                "PermissionsBoundaryUsageCount", "PolicyId"})
    if (policy.contains(attribute)) attributes[attribute] = policy[attribute];
  // The handler gives epoch seconds (the Query codec formats them); GetAtt gives ISO 8601.
  for (const char* attribute : {"CreateDate", "UpdateDate"})
    if (policy.contains(attribute) && policy[attribute].is_number())
      attributes[attribute] =
          core::formatIso8601(static_cast<core::TimeMs>(policy[attribute].get<double>() * 1000));
  return {arn, attributes};
}

// Attaches `arn` to the roles and users `current` names and `previous` did not, and detaches it
// from those `previous` named and `current` does not.
void reattach(AccountRegion& place, const std::string& arn, const json& previous,
              const json& current) {
  for (const PolicyHolder& holder : kPolicyHolders) {
    std::set<std::string> before = stringSet(previous, holder.property);
    std::set<std::string> after = stringSet(current, holder.property);
    for (const std::string& name : before)
      if (!after.count(name))
        deleteQuietly(place, "iam", holder.operation("Detach"),
                      {{holder.nameMember, name}, {"PolicyArn", arn}});
    for (const std::string& name : after)
      if (!before.count(name))
        iam(place, holder.operation("Attach"), {{holder.nameMember, name}, {"PolicyArn", arn}});
  }
}

// A new default version with `document`, the oldest other version deleted first when the policy
// already has IAM's five.
void publishPolicyVersion(AccountRegion& place, const std::string& arn,
                          const std::string& document) {
  json versions = listAll(place, "ListPolicyVersions", {{"PolicyArn", arn}}, "Versions");
  if (versions.size() >= kMaxPolicyVersions)
    for (auto it = versions.rbegin(); it != versions.rend(); ++it)  // listed newest first
      if (!it->value("IsDefaultVersion", false)) {
        iam(place, "DeletePolicyVersion", {{"PolicyArn", arn}, {"VersionId", it->at("VersionId")}});
        break;
      }
  iam(place, "CreatePolicyVersion",
      {{"PolicyArn", arn}, {"PolicyDocument", document}, {"SetAsDefault", true}});
}

// Detaches `arn` from every role and user that has it (IAM refuses to delete an attached policy;
// a replaced policy's remove knows no properties, so the holders are found, not remembered).
void detachEverywhere(AccountRegion& place, const std::string& arn) {
  for (const PolicyHolder& holder : kPolicyHolders) {
    for (const json& item :
         listAll(place, "List" + std::string(holder.property), json::object(), holder.property)) {
      json name = item.at(holder.nameMember);
      for (const json& attached : listAll(place, holder.operation("ListAttached", "Policies"),
                                          {{holder.nameMember, name}}, "AttachedPolicies"))
        if (attached.value("PolicyArn", "") == arn)
          deleteQuietly(place, "iam", holder.operation("Detach"),
                        {{holder.nameMember, name}, {"PolicyArn", arn}});
    }
  }
}

}  // namespace

ProvisionedResource createManagedPolicy(AccountRegion& place, const ResourceRequest& request) {
  refuseGroups(request);
  const json& p = request.properties;
  json input = {
      {"PolicyName", nameOrGenerated(place, request, "ManagedPolicyName", kMaxPolicyName)},
      {"PolicyDocument", documentText(requiredProperty(request, "PolicyDocument"))}};
  for (const char* property : {"Path", "Description"})
    if (p.contains(property)) input[property] = p[property];
  std::string arn = iam(place, "CreatePolicy", input).at("Policy").at("Arn");
  reattach(place, arn, json::object(), p);
  return describedManagedPolicy(place, arn);
}

ProvisionedResource updateManagedPolicy(AccountRegion& place, const ResourceRequest& request,
                                        const ProvisionedResource& current, const json& previous) {
  refuseGroups(request);
  const json& p = request.properties;
  if (propertyChanged(p, previous, "ManagedPolicyName") || propertyChanged(p, previous, "Path") ||
      propertyChanged(p, previous, "Description"))
    return createManagedPolicy(place, request);
  if (propertyChanged(p, previous, "PolicyDocument"))
    publishPolicyVersion(place, current.physicalId,
                         documentText(requiredProperty(request, "PolicyDocument")));
  reattach(place, current.physicalId, previous, p);
  return describedManagedPolicy(place, current.physicalId);
}

void removeManagedPolicy(AccountRegion& place, const ResourceRequest&,
                         const ProvisionedResource& current) {
  const std::string& arn = current.physicalId;
  if (!callUnlessNotFound(place, "iam", "GetPolicy", {{"PolicyArn", arn}})) return;
  detachEverywhere(place, arn);
  // IAM deletes only the default version with the policy.
  for (const json& version : listAll(place, "ListPolicyVersions", {{"PolicyArn", arn}}, "Versions"))
    if (!version.value("IsDefaultVersion", false))
      deleteQuietly(place, "iam", "DeletePolicyVersion",
                    {{"PolicyArn", arn}, {"VersionId", version.at("VersionId")}});
  deleteQuietly(place, "iam", "DeletePolicy", {{"PolicyArn", arn}});
}

// --- instance profiles ---

namespace {

// The profile's role, or "" (IAM allows one).
std::string profileRole(const json& properties) {
  std::set<std::string> roles = stringSet(properties, "Roles");
  if (roles.size() > 1)
    throw cfn::ProvisioningError("Roles: an instance profile holds at most one role");
  return roles.empty() ? "" : *roles.begin();
}

ProvisionedResource describedInstanceProfile(AccountRegion& place, const std::string& name) {
  json profile =
      iam(place, "GetInstanceProfile", {{"InstanceProfileName", name}}).at("InstanceProfile");
  return {name, {{"Arn", profile.at("Arn")}}};
}

}  // namespace

ProvisionedResource createInstanceProfile(AccountRegion& place, const ResourceRequest& request) {
  std::string role = profileRole(request.properties);
  std::string name =
      nameOrGenerated(place, request, "InstanceProfileName", kMaxInstanceProfileName);
  json input = {{"InstanceProfileName", name}};
  if (request.properties.contains("Path")) input["Path"] = request.properties["Path"];
  iam(place, "CreateInstanceProfile", input);
  if (!role.empty())
    iam(place, "AddRoleToInstanceProfile", {{"InstanceProfileName", name}, {"RoleName", role}});
  return describedInstanceProfile(place, name);
}

ProvisionedResource updateInstanceProfile(AccountRegion& place, const ResourceRequest& request,
                                          const ProvisionedResource& current,
                                          const json& previous) {
  const json& p = request.properties;
  if (propertyChanged(p, previous, "InstanceProfileName") || propertyChanged(p, previous, "Path"))
    return createInstanceProfile(place, request);
  std::string role = profileRole(p);
  std::string before = profileRole(previous);
  const std::string& name = current.physicalId;
  if (role != before) {
    if (!before.empty())
      deleteQuietly(place, "iam", "RemoveRoleFromInstanceProfile",
                    {{"InstanceProfileName", name}, {"RoleName", before}});
    if (!role.empty())
      iam(place, "AddRoleToInstanceProfile", {{"InstanceProfileName", name}, {"RoleName", role}});
  }
  return describedInstanceProfile(place, name);
}

void removeInstanceProfile(AccountRegion& place, const ResourceRequest&,
                           const ProvisionedResource& current) {
  const std::string& name = current.physicalId;
  auto profile =
      callUnlessNotFound(place, "iam", "GetInstanceProfile", {{"InstanceProfileName", name}});
  if (!profile) return;
  for (const json& role : profile->at("InstanceProfile").value("Roles", json::array()))
    deleteQuietly(place, "iam", "RemoveRoleFromInstanceProfile",
                  {{"InstanceProfileName", name}, {"RoleName", role.at("RoleName")}});
  deleteQuietly(place, "iam", "DeleteInstanceProfile", {{"InstanceProfileName", name}});
}

}  // namespace stepsim::app::cfn_resources
