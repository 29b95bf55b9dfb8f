// IAM roles and users: create, read, list, update, delete, tag.
#include "emulator/core/aws_error.h"
#include "emulator/iam/iam_handlers.h"

namespace stepsim::iam {
namespace {

json roleOutput(const Role& role) {
  return {{"Role", renderRole(role, true)}};
}

template <class Entity>
std::vector<const Entity*> underPathPrefix(std::vector<const Entity*> entities, const json& input) {
  std::string prefix = input.value("PathPrefix", std::string("/"));
  std::erase_if(entities, [&](const Entity* e) { return !e->path.starts_with(prefix); });
  return entities;
}

bool inAnyInstanceProfile(IdentityStore& store, const Role& role) {
  for (const InstanceProfile* profile : store.instanceProfiles())
    for (const std::string& name : profile->roleNames)
      if (nameKey(name) == nameKey(role.name)) return true;
  return false;
}

}  // namespace

json createRole(IdentityStore& store, const json& input) {
  Role role;
  role.name = input.at("RoleName").get<std::string>();
  role.path = pathOf(input);
  role.trustPolicy =
      storedPolicy(input.at("AssumeRolePolicyDocument").get<std::string>(), PolicyKind::Trust);
  role.description = input.value("Description", std::string());
  role.maxSessionDuration = input.value("MaxSessionDuration", 3600);
  if (input.contains("PermissionsBoundary"))
    role.permissionsBoundaryArn =
        requirePolicy(store, input.at("PermissionsBoundary").get<std::string>()).arn;
  role.tags = tagsOf(input);
  role.created = store.simulation().now();
  if (store.role(role.name))
    throw core::AwsError("EntityAlreadyExists", "Role with name " + role.name + " already exists.",
                         409);
  role.arn = store.arnOf("role", role.path, role.name);
  role.id = store.newUniqueId("AROA");
  return roleOutput(store.addRole(std::move(role)));
}

json getRole(IdentityStore& store, const json& input) {
  return roleOutput(requireRole(store, input.at("RoleName").get<std::string>()));
}

json listRoles(IdentityStore& store, const json& input) {
  return pageOf(underPathPrefix(store.roles(), input), input, "Roles",
                [](const Role* role) { return renderRole(*role, false); });
}

json deleteRole(IdentityStore& store, const json& input) {
  Role& role = requireRole(store, input.at("RoleName").get<std::string>());
  auto conflict = [](const char* message) {
    return core::AwsError("DeleteConflict", message, 409);
  };
  if (!role.policies.inlinePolicies.empty())
    throw conflict("Cannot delete entity, must delete policies first.");
  if (!role.policies.attachedPolicyArns.empty())
    throw conflict("Cannot delete entity, must detach all policies first.");
  if (inAnyInstanceProfile(store, role))
    throw conflict("Cannot delete entity, must remove roles from instance profile first.");
  store.removeRole(role.name);
  return json::object();
}

json updateRole(IdentityStore& store, const json& input) {
  Role& role = requireRole(store, input.at("RoleName").get<std::string>());
  if (input.contains("Description")) role.description = input.at("Description").get<std::string>();
  if (input.contains("MaxSessionDuration"))
    role.maxSessionDuration = input.at("MaxSessionDuration").get<int>();
  return json::object();
}

json updateRoleDescription(IdentityStore& store, const json& input) {
  Role& role = requireRole(store, input.at("RoleName").get<std::string>());
  role.description = input.at("Description").get<std::string>();
  return roleOutput(role);
}

json updateAssumeRolePolicy(IdentityStore& store, const json& input) {
  Role& role = requireRole(store, input.at("RoleName").get<std::string>());
  role.trustPolicy = storedPolicy(input.at("PolicyDocument").get<std::string>(), PolicyKind::Trust);
  return json::object();
}

json tagRole(IdentityStore& store, const json& input) {
  return taggedEntity(requireRole(store, input.at("RoleName").get<std::string>()), input);
}

json untagRole(IdentityStore& store, const json& input) {
  return untaggedEntity(requireRole(store, input.at("RoleName").get<std::string>()), input);
}

json listRoleTags(IdentityStore& store, const json& input) {
  return tagPage(requireRole(store, input.at("RoleName").get<std::string>()), input);
}

// Users share the role's shape of name, path, boundary and tags.
json createUser(IdentityStore& store, const json& input) {
  User user;
  user.name = input.at("UserName").get<std::string>();
  user.path = pathOf(input);
  if (input.contains("PermissionsBoundary"))
    user.permissionsBoundaryArn =
        requirePolicy(store, input.at("PermissionsBoundary").get<std::string>()).arn;
  user.tags = tagsOf(input);
  user.created = store.simulation().now();
  if (store.user(user.name))
    throw core::AwsError("EntityAlreadyExists", "User with name " + user.name + " already exists.",
                         409);
  user.arn = store.arnOf("user", user.path, user.name);
  user.id = store.newUniqueId("AIDA");
  return {{"User", renderUser(store.addUser(std::move(user)), true)}};
}

json getUser(IdentityStore& store, const json& input) {
  // Without a name, IAM describes the caller; stepsim's callers are the account's root.
  if (!input.contains("UserName"))
    return {{"User",
             {{"UserId", store.account()},
              {"Arn", "arn:aws:iam::" + store.account() + ":root"},
              {"CreateDate", core::epochSeconds(store.simulation().config().startTime)}}}};
  return {{"User", renderUser(requireUser(store, input.at("UserName").get<std::string>()), true)}};
}

json listUsers(IdentityStore& store, const json& input) {
  return pageOf(underPathPrefix(store.users(), input), input, "Users",
                [](const User* user) { return renderUser(*user, false); });
}

json deleteUser(IdentityStore& store, const json& input) {
  User& user = requireUser(store, input.at("UserName").get<std::string>());
  if (!user.policies.inlinePolicies.empty())
    throw core::AwsError("DeleteConflict", "Cannot delete entity, must delete policies first.",
                         409);
  if (!user.policies.attachedPolicyArns.empty())
    throw core::AwsError("DeleteConflict", "Cannot delete entity, must detach all policies first.",
                         409);
  store.removeUser(user.name);
  return json::object();
}

json tagUser(IdentityStore& store, const json& input) {
  return taggedEntity(requireUser(store, input.at("UserName").get<std::string>()), input);
}

json untagUser(IdentityStore& store, const json& input) {
  return untaggedEntity(requireUser(store, input.at("UserName").get<std::string>()), input);
}

json listUserTags(IdentityStore& store, const json& input) {
  return tagPage(requireUser(store, input.at("UserName").get<std::string>()), input);
}

}  // namespace stepsim::iam
