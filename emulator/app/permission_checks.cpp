#include "emulator/app/permission_checks.h"

#include <spdlog/spdlog.h>

#include "emulator/app/account_region.h"
#include "emulator/app/iam_binding.h"
#include "emulator/core/json.h"
#include "emulator/iam/policy_evaluation.h"

namespace stepsim::app {
namespace {

// How AWS names a role acting for a service: an assumed-role session with a random name.
std::string assumedRoleArn(AccountRegion& place, std::string_view roleArn) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  core::Random& random = place.simulation().ids("iam-role-sessions");
  std::string session;
  for (int i = 0; i < 32; ++i) session += kAlphabet[random.below(kAlphabet.size())];
  std::string_view roleName = roleArn.substr(roleArn.rfind('/') + 1);
  return "arn:aws:sts::" + place.simulation().config().account + ":assumed-role/" +
         std::string(roleName) + "/" + session;
}

// Off: nothing to report; warn: logged and allowed; enforce: the error.
std::optional<core::AwsError> refusal(AccountRegion& place, core::AwsError error) {
  if (place.permissionMode() == iam::PermissionMode::Enforce) return error;
  spdlog::warn("iam warn: AWS would refuse this call: {}", error.message);
  return std::nullopt;
}

}  // namespace

std::string lambdaFunctionArn(const std::string& name, const std::string& qualifier,
                              const AwsPlace& place) {
  std::string arn =
      name.starts_with("arn:") ? name
      : name.find(":function:") != std::string::npos
          ? "arn:aws:lambda:" + place.region + ":" + name
          : "arn:aws:lambda:" + place.region + ":" + place.account + ":function:" + name;
  return qualifier.empty() ? arn : arn + ":" + qualifier;
}

std::string stringMember(const stepsim::Json& object, const char* name) {
  auto it = object.is_object() ? object.find(name) : object.end();
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<core::AwsError> deniedPermission(AccountRegion& place, std::string_view roleArn,
                                               const std::vector<Permission>& needed,
                                               std::string_view principalArn) {
  if (place.permissionMode() == iam::PermissionMode::Off) return std::nullopt;
  iam::IdentityStore& store = identityStore(place);
  const iam::Role* role = store.roleByArn(roleArn);
  std::vector<const iam::PolicyDocument*> policies;
  if (role) policies = store.identityPolicies(role->policies);
  for (const Permission& permission : needed) {
    iam::RequestContext request{permission.action, permission.resource, {}};
    request.keys["aws:PrincipalArn"] = {std::string(roleArn)};
    request.keys["aws:PrincipalAccount"] = {store.account()};
    iam::Decision decision = iam::evaluate(policies, request);
    if (decision == iam::Decision::Allow) continue;
    std::string why =
        decision == iam::Decision::ExplicitDeny
            ? " with an explicit deny in an identity-based policy"
            : " because no identity-based policy allows the " + permission.action + " action";
    return refusal(place, core::AwsError("AccessDeniedException",
                                         "User: " +
                                             (principalArn.empty() ? assumedRoleArn(place, roleArn)
                                                                   : std::string(principalArn)) +
                                             " is not authorized to perform: " + permission.action +
                                             " on resource: " + permission.resource + why,
                                         403));
  }
  return std::nullopt;
}

std::optional<core::AwsError> deniedAssumeRole(AccountRegion& place, std::string_view roleArn,
                                               std::string_view servicePrincipal) {
  if (place.permissionMode() == iam::PermissionMode::Off) return std::nullopt;
  const iam::Role* role = identityStore(place).roleByArn(roleArn);
  iam::RequestContext request{"sts:AssumeRole", std::string(roleArn), {}};
  if (role && iam::trustAllows(role->trustPolicy.parsed, "Service:" + std::string(servicePrincipal),
                               "sts:AssumeRole", request))
    return std::nullopt;
  return refusal(place, core::AwsError("AccessDeniedException",
                                       "Neither the global service principal " +
                                           std::string(servicePrincipal) +
                                           ", nor the regional one is authorized to assume "
                                           "the provided role.",
                                       400));
}

}  // namespace stepsim::app
