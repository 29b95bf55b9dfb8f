#include "emulator/iam/iam_service.h"

#include "emulator/core/operation_table.h"
#include "emulator/iam/iam_handlers.h"

namespace stepsim::iam {
namespace {

constexpr core::OperationTable<Handler, 50> kHandlers = {{
    {"AddRoleToInstanceProfile", addRoleToInstanceProfile},
    {"AttachRolePolicy", attachRolePolicy},
    {"AttachUserPolicy", attachUserPolicy},
    {"CreateInstanceProfile", createInstanceProfile},
    {"CreatePolicy", createPolicy},
    {"CreatePolicyVersion", createPolicyVersion},
    {"CreateRole", createRole},
    {"CreateUser", createUser},
    {"DeleteInstanceProfile", deleteInstanceProfile},
    {"DeletePolicy", deletePolicy},
    {"DeletePolicyVersion", deletePolicyVersion},
    {"DeleteRole", deleteRole},
    {"DeleteRolePolicy", deleteRolePolicy},
    {"DeleteUser", deleteUser},
    {"DeleteUserPolicy", deleteUserPolicy},
    {"DetachRolePolicy", detachRolePolicy},
    {"DetachUserPolicy", detachUserPolicy},
    {"GetInstanceProfile", getInstanceProfile},
    {"GetPolicy", getPolicy},
    {"GetPolicyVersion", getPolicyVersion},
    {"GetRole", getRole},
    {"GetRolePolicy", getRolePolicy},
    {"GetUser", getUser},
    {"GetUserPolicy", getUserPolicy},
    {"ListAttachedRolePolicies", listAttachedRolePolicies},
    {"ListAttachedUserPolicies", listAttachedUserPolicies},
    {"ListInstanceProfiles", listInstanceProfiles},
    {"ListInstanceProfilesForRole", listInstanceProfilesForRole},
    {"ListPolicies", listPolicies},
    {"ListPolicyTags", listPolicyTags},
    {"ListPolicyVersions", listPolicyVersions},
    {"ListRolePolicies", listRolePolicies},
    {"ListRoleTags", listRoleTags},
    {"ListRoles", listRoles},
    {"ListUserPolicies", listUserPolicies},
    {"ListUserTags", listUserTags},
    {"ListUsers", listUsers},
    {"PutRolePolicy", putRolePolicy},
    {"PutUserPolicy", putUserPolicy},
    {"RemoveRoleFromInstanceProfile", removeRoleFromInstanceProfile},
    {"SetDefaultPolicyVersion", setDefaultPolicyVersion},
    {"TagPolicy", tagPolicy},
    {"TagRole", tagRole},
    {"TagUser", tagUser},
    {"UntagPolicy", untagPolicy},
    {"UntagRole", untagRole},
    {"UntagUser", untagUser},
    {"UpdateAssumeRolePolicy", updateAssumeRolePolicy},
    {"UpdateRole", updateRole},
    {"UpdateRoleDescription", updateRoleDescription},
}};
static_assert(core::isSortedByName(kHandlers));

}  // namespace

stepsim::Json IamService::handle(std::string_view operation, const stepsim::Json& input) {
  Handler handler = core::findOperation(kHandlers, operation);
  if (!handler) throw std::invalid_argument("IAM does not implement " + std::string(operation));
  return handler(store_, input);
}

bool IamService::implements(std::string_view operation) const {
  return core::findOperation(kHandlers, operation) != nullptr;
}

}  // namespace stepsim::iam
