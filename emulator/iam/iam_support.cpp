// What the IAM handlers share: lookups that fail as IAM does, document and tag checks, paging and
// the rendering of entities.
#include <charconv>
#include <set>

#include "emulator/core/aws_error.h"
#include "emulator/iam/iam_handlers.h"
#include "emulator/protocol/uri.h"

namespace stepsim::iam {
namespace {

[[noreturn]] void noSuchEntity(std::string message) {
  throw core::AwsError("NoSuchEntity", std::move(message), 404);
}

[[noreturn]] void invalidInput(std::string message) {
  throw core::AwsError("InvalidInput", std::move(message), 400);
}

constexpr std::size_t kMaxTags = 50;

void checkTags(const json& tags) {
  if (tags.size() > kMaxTags)
    throw core::AwsError("LimitExceeded", "The number of tags has reached the maximum limit.", 409);
  std::set<std::string> keys;
  for (const json& tag : tags)
    if (!keys.insert(nameKey(tag.at("Key").get<std::string>())).second)
      invalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
}

bool sameKey(const json& tag, const std::string& key) {
  return nameKey(tag.at("Key").get<std::string>()) == nameKey(key);
}

void putPermissionsBoundary(json& out, const std::string& arn) {
  if (!arn.empty())
    out["PermissionsBoundary"] = {{"PermissionsBoundaryType", "PermissionsBoundaryPolicy"},
                                  {"PermissionsBoundaryArn", arn}};
}

}  // namespace

Role& requireRole(IdentityStore& store, std::string_view name) {
  if (Role* role = store.role(name)) return *role;
  noSuchEntity("The role with name " + std::string(name) + " cannot be found.");
}

User& requireUser(IdentityStore& store, std::string_view name) {
  if (User* user = store.user(name)) return *user;
  noSuchEntity("The user with name " + std::string(name) + " cannot be found.");
}

InstanceProfile& requireInstanceProfile(IdentityStore& store, std::string_view name) {
  if (InstanceProfile* profile = store.instanceProfile(name)) return *profile;
  noSuchEntity("Instance Profile " + std::string(name) + " cannot be found.");
}

ManagedPolicy& requirePolicy(IdentityStore& store, std::string_view arn) {
  if (ManagedPolicy* policy = store.policy(arn)) return *policy;
  noSuchEntity("Policy " + std::string(arn) + " does not exist or is not attachable.");
}

StoredPolicy storedPolicy(const std::string& text, PolicyKind kind) {
  return StoredPolicy{text, parsePolicyDocument(text, kind)};
}

std::string urlEncodedDocument(const std::string& text) {
  return protocol::percentEncode(text);
}

std::string pathOf(const json& input) {
  std::string path = input.value("Path", std::string("/"));
  if (path.front() != '/' || path.back() != '/')
    invalidInput(
        "The specified value for path is invalid. It must begin and end with / and "
        "contain only alphanumeric characters and/or / characters.");
  return path;
}

json tagsOf(const json& input) {
  json tags = input.value("Tags", json::array());
  checkTags(tags);
  return tags;
}

json mergedTags(const json& tags, const json& added) {
  json merged = tags;
  for (const json& tag : added) {
    std::string key = tag.at("Key").get<std::string>();
    auto same =
        std::find_if(merged.begin(), merged.end(), [&](const json& t) { return sameKey(t, key); });
    if (same != merged.end())
      *same = tag;
    else
      merged.push_back(tag);
  }
  checkTags(merged);
  return merged;
}

json withoutTagKeys(const json& tags, const json& keys) {
  json kept = json::array();
  for (const json& tag : tags) {
    bool removed = std::any_of(keys.begin(), keys.end(), [&](const json& key) {
      return sameKey(tag, key.get<std::string>());
    });
    if (!removed) kept.push_back(tag);
  }
  return kept;
}

json pageWindow(std::size_t total, const json& input, std::size_t& begin, std::size_t& end) {
  // The Marker is the offset of the next page's first item, as text.
  begin = 0;
  if (auto marker = input.find("Marker"); marker != input.end()) {
    const std::string& text = marker->get_ref<const std::string&>();
    auto [ptr, error] = std::from_chars(text.data(), text.data() + text.size(), begin);
    if (error != std::errc() || ptr != text.data() + text.size() || begin > total)
      invalidInput("Invalid Marker.");
  }
  std::size_t maxItems = input.value("MaxItems", 100);
  end = std::min(total, begin + maxItems);
  json out = {{"IsTruncated", end < total}};
  if (end < total) out["Marker"] = std::to_string(end);
  return out;
}

json renderRole(const Role& role, bool full) {
  json out = {{"Path", role.path},
              {"RoleName", role.name},
              {"RoleId", role.id},
              {"Arn", role.arn},
              {"CreateDate", core::epochSeconds(role.created)},
              {"AssumeRolePolicyDocument", urlEncodedDocument(role.trustPolicy.text)},
              {"MaxSessionDuration", role.maxSessionDuration}};
  if (!role.description.empty()) out["Description"] = role.description;
  // ListRoles leaves out the boundary, the tags and the last use, as IAM does.
  if (full) {
    putPermissionsBoundary(out, role.permissionsBoundaryArn);
    if (!role.tags.empty()) out["Tags"] = role.tags;
    out["RoleLastUsed"] = json::object();
  }
  return out;
}

json renderUser(const User& user, bool full) {
  json out = {{"Path", user.path},
              {"UserName", user.name},
              {"UserId", user.id},
              {"Arn", user.arn},
              {"CreateDate", core::epochSeconds(user.created)}};
  if (full) {
    putPermissionsBoundary(out, user.permissionsBoundaryArn);
    if (!user.tags.empty()) out["Tags"] = user.tags;
  }
  return out;
}

json renderInstanceProfile(IdentityStore& store, const InstanceProfile& profile) {
  json roles = json::array();
  for (const std::string& name : profile.roleNames)
    if (const Role* role = store.role(name)) roles.push_back(renderRole(*role, false));
  json out = {{"Path", profile.path},
              {"InstanceProfileName", profile.name},
              {"InstanceProfileId", profile.id},
              {"Arn", profile.arn},
              {"CreateDate", core::epochSeconds(profile.created)},
              {"Roles", std::move(roles)}};
  if (!profile.tags.empty()) out["Tags"] = profile.tags;
  return out;
}

json renderPolicy(const ManagedPolicy& policy) {
  json out = {{"PolicyName", policy.name},
              {"PolicyId", policy.id},
              {"Arn", policy.arn},
              {"Path", policy.path},
              {"DefaultVersionId", policy.defaultVersionId},
              {"AttachmentCount", policy.attachmentCount},
              {"PermissionsBoundaryUsageCount", 0},
              {"IsAttachable", true},
              {"CreateDate", core::epochSeconds(policy.created)},
              {"UpdateDate", core::epochSeconds(policy.updated)}};
  if (!policy.description.empty()) out["Description"] = policy.description;
  if (!policy.tags.empty()) out["Tags"] = policy.tags;
  return out;
}

}  // namespace stepsim::iam
