#pragma once
// The IAM operations, one function each, grouped by what they manage (iam_roles.cpp for roles and
// users, iam_instance_profiles.cpp, iam_managed_policies.cpp, iam_entity_policies.cpp),
// and what they share: lookups that fail as IAM does, paging and the rendering of entities.
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/json.h"
#include "emulator/iam/identity_store.h"

namespace stepsim::iam {

using json = stepsim::Json;
using Handler = json (*)(IdentityStore&, const json&);

// Lookups: NoSuchEntity (404) with IAM's message when absent.
Role& requireRole(IdentityStore& store, std::string_view name);
User& requireUser(IdentityStore& store, std::string_view name);
InstanceProfile& requireInstanceProfile(IdentityStore& store, std::string_view name);
ManagedPolicy& requirePolicy(IdentityStore& store, std::string_view arn);

// A policy document checked as IAM checks it (MalformedPolicyDocument when it is not one).
StoredPolicy storedPolicy(const std::string& text, PolicyKind kind);
// How IAM returns a policy document: URL-encoded (botocore decodes it back to JSON).
std::string urlEncodedDocument(const std::string& text);
// The input's Path, "/" by default; InvalidInput unless it starts and ends with '/'.
std::string pathOf(const json& input);
// The input's Tags, checked (at most 50, unique keys); [] when absent.
json tagsOf(const json& input);
// `tags` with `added` merged in (same key replaced), then checked.
json mergedTags(const json& tags, const json& added);
json withoutTagKeys(const json& tags, const json& keys);
// TagX, UntagX and ListXTags of any entity with tags.
template <class Entity>
json taggedEntity(Entity& entity, const json& input) {
  entity.tags = mergedTags(entity.tags, input.at("Tags"));
  return json::object();
}
template <class Entity>
json untaggedEntity(Entity& entity, const json& input) {
  entity.tags = withoutTagKeys(entity.tags, input.at("TagKeys"));
  return json::object();
}
template <class Entity>
json tagPage(const Entity& entity, const json& input);

// IAM's Marker/MaxItems paging over `items`: {listKey: [...], IsTruncated, Marker?}.
template <class Item, class Render>
json pageOf(const std::vector<Item>& items, const json& input, const char* listKey,
            Render&& render);
json pageWindow(std::size_t total, const json& input, std::size_t& begin, std::size_t& end);

json renderRole(const Role& role, bool full);
json renderUser(const User& user, bool full);
json renderInstanceProfile(IdentityStore& store, const InstanceProfile& profile);
json renderPolicy(const ManagedPolicy& policy);

// Roles.
json createRole(IdentityStore&, const json&);
json getRole(IdentityStore&, const json&);
json listRoles(IdentityStore&, const json&);
json deleteRole(IdentityStore&, const json&);
json updateRole(IdentityStore&, const json&);
json updateRoleDescription(IdentityStore&, const json&);
json updateAssumeRolePolicy(IdentityStore&, const json&);
json tagRole(IdentityStore&, const json&);
json untagRole(IdentityStore&, const json&);
json listRoleTags(IdentityStore&, const json&);
// Users.
json createUser(IdentityStore&, const json&);
json getUser(IdentityStore&, const json&);
json listUsers(IdentityStore&, const json&);
json deleteUser(IdentityStore&, const json&);
json tagUser(IdentityStore&, const json&);
json untagUser(IdentityStore&, const json&);
json listUserTags(IdentityStore&, const json&);
// Instance profiles.
json createInstanceProfile(IdentityStore&, const json&);
json getInstanceProfile(IdentityStore&, const json&);
json listInstanceProfiles(IdentityStore&, const json&);
json listInstanceProfilesForRole(IdentityStore&, const json&);
json deleteInstanceProfile(IdentityStore&, const json&);
json addRoleToInstanceProfile(IdentityStore&, const json&);
json removeRoleFromInstanceProfile(IdentityStore&, const json&);
// Managed policies and their versions.
json createPolicy(IdentityStore&, const json&);
json getPolicy(IdentityStore&, const json&);
json listPolicies(IdentityStore&, const json&);
json deletePolicy(IdentityStore&, const json&);
json createPolicyVersion(IdentityStore&, const json&);
json getPolicyVersion(IdentityStore&, const json&);
json listPolicyVersions(IdentityStore&, const json&);
json deletePolicyVersion(IdentityStore&, const json&);
json setDefaultPolicyVersion(IdentityStore&, const json&);
json tagPolicy(IdentityStore&, const json&);
json untagPolicy(IdentityStore&, const json&);
json listPolicyTags(IdentityStore&, const json&);
// Inline and attached policies of roles and users.
json putRolePolicy(IdentityStore&, const json&);
json getRolePolicy(IdentityStore&, const json&);
json listRolePolicies(IdentityStore&, const json&);
json deleteRolePolicy(IdentityStore&, const json&);
json attachRolePolicy(IdentityStore&, const json&);
json detachRolePolicy(IdentityStore&, const json&);
json listAttachedRolePolicies(IdentityStore&, const json&);
json putUserPolicy(IdentityStore&, const json&);
json getUserPolicy(IdentityStore&, const json&);
json listUserPolicies(IdentityStore&, const json&);
json deleteUserPolicy(IdentityStore&, const json&);
json attachUserPolicy(IdentityStore&, const json&);
json detachUserPolicy(IdentityStore&, const json&);
json listAttachedUserPolicies(IdentityStore&, const json&);

template <class Item, class Render>
json pageOf(const std::vector<Item>& items, const json& input, const char* listKey,
            Render&& render) {
  std::size_t begin = 0, end = 0;
  json out = pageWindow(items.size(), input, begin, end);
  json list = json::array();
  for (std::size_t i = begin; i < end; ++i) list.push_back(render(items[i]));
  out[listKey] = std::move(list);
  return out;
}

template <class Entity>
json tagPage(const Entity& entity, const json& input) {
  std::vector<json> tags(entity.tags.begin(), entity.tags.end());
  return pageOf(tags, input, "Tags", [](const json& tag) { return tag; });
}

}  // namespace stepsim::iam
