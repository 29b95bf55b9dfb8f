// IAM instance profiles: what deploy tools create for Batch's EC2 compute environments.
#include "emulator/core/aws_error.h"
#include "emulator/iam/iam_handlers.h"

namespace stepsim::iam {
namespace {

json profileOutput(IdentityStore& store, const InstanceProfile& profile) {
  return {{"InstanceProfile", renderInstanceProfile(store, profile)}};
}

bool holds(const InstanceProfile& profile, const Role& role) {
  return std::any_of(profile.roleNames.begin(), profile.roleNames.end(),
                     [&](const std::string& name) { return nameKey(name) == nameKey(role.name); });
}

}  // namespace

json createInstanceProfile(IdentityStore& store, const json& input) {
  InstanceProfile profile;
  profile.name = input.at("InstanceProfileName").get<std::string>();
  profile.path = pathOf(input);
  profile.tags = tagsOf(input);
  profile.created = store.simulation().now();
  if (store.instanceProfile(profile.name))
    throw core::AwsError("EntityAlreadyExists",
                         "Instance Profile " + profile.name + " already exists.", 409);
  profile.arn = store.arnOf("instance-profile", profile.path, profile.name);
  profile.id = store.newUniqueId("AIPA");
  return profileOutput(store, store.addInstanceProfile(std::move(profile)));
}

json getInstanceProfile(IdentityStore& store, const json& input) {
  return profileOutput(
      store, requireInstanceProfile(store, input.at("InstanceProfileName").get<std::string>()));
}

json listInstanceProfiles(IdentityStore& store, const json& input) {
  std::vector<const InstanceProfile*> profiles = store.instanceProfiles();
  std::string prefix = input.value("PathPrefix", std::string("/"));
  std::erase_if(profiles, [&](const InstanceProfile* p) { return !p->path.starts_with(prefix); });
  return pageOf(profiles, input, "InstanceProfiles",
                [&](const InstanceProfile* p) { return renderInstanceProfile(store, *p); });
}

json listInstanceProfilesForRole(IdentityStore& store, const json& input) {
  const Role& role = requireRole(store, input.at("RoleName").get<std::string>());
  std::vector<const InstanceProfile*> profiles = store.instanceProfiles();
  std::erase_if(profiles, [&](const InstanceProfile* p) { return !holds(*p, role); });
  return pageOf(profiles, input, "InstanceProfiles",
                [&](const InstanceProfile* p) { return renderInstanceProfile(store, *p); });
}

json deleteInstanceProfile(IdentityStore& store, const json& input) {
  InstanceProfile& profile =
      requireInstanceProfile(store, input.at("InstanceProfileName").get<std::string>());
  if (!profile.roleNames.empty())
    throw core::AwsError("DeleteConflict",
                         "Cannot delete entity, must remove roles from instance profile first.",
                         409);
  store.removeInstanceProfile(profile.name);
  return json::object();
}

json addRoleToInstanceProfile(IdentityStore& store, const json& input) {
  InstanceProfile& profile =
      requireInstanceProfile(store, input.at("InstanceProfileName").get<std::string>());
  const Role& role = requireRole(store, input.at("RoleName").get<std::string>());
  if (!profile.roleNames.empty())
    throw core::AwsError("LimitExceeded",
                         "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1", 409);
  profile.roleNames.push_back(role.name);
  return json::object();
}

json removeRoleFromInstanceProfile(IdentityStore& store, const json& input) {
  InstanceProfile& profile =
      requireInstanceProfile(store, input.at("InstanceProfileName").get<std::string>());
  const Role& role = requireRole(store, input.at("RoleName").get<std::string>());
  if (!holds(profile, role))
    throw core::AwsError("NoSuchEntity",
                         "The role with name " + role.name +
                             " cannot be found in instance profile " + profile.name + ".",
                         404);
  std::erase_if(profile.roleNames,
                [&](const std::string& name) { return nameKey(name) == nameKey(role.name); });
  return json::object();
}

}  // namespace stepsim::iam
