// The inline and attached policies of roles and users: the same operations for both, with their
// own names, messages and quotas.
#include "emulator/core/aws_error.h"
#include "emulator/iam/iam_handlers.h"

namespace stepsim::iam {
namespace {

// A role or a user, as these operations see it.
struct Holder {
  PolicyHolder& policies;
  std::string name;
  std::string_view kind;         // "role", "user": IAM's messages name it
  std::size_t inlineSizeLimit;   // characters of all inline documents together
  std::string_view attachQuota;  // "PoliciesPerRole"
};

Holder roleHolder(IdentityStore& store, const json& input) {
  Role& role = requireRole(store, input.at("RoleName").get<std::string>());
  return {role.policies, role.name, "role", 10240, "PoliciesPerRole"};
}

Holder userHolder(IdentityStore& store, const json& input) {
  User& user = requireUser(store, input.at("UserName").get<std::string>());
  return {user.policies, user.name, "user", 2048, "PoliciesPerUser"};
}

const StoredPolicy& requireInline(const Holder& holder, const std::string& policyName) {
  auto it = holder.policies.inlinePolicies.find(policyName);
  if (it == holder.policies.inlinePolicies.end())
    throw core::AwsError(
        "NoSuchEntity",
        "The " + std::string(holder.kind) + " policy with name " + policyName + " cannot be found.",
        404);
  return it->second;
}

json putInline(Holder holder, const json& input) {
  std::string policyName = input.at("PolicyName").get<std::string>();
  StoredPolicy policy =
      storedPolicy(input.at("PolicyDocument").get<std::string>(), PolicyKind::Identity);
  std::size_t size = policy.text.size();
  for (const auto& [name, other] : holder.policies.inlinePolicies)
    if (name != policyName) size += other.text.size();
  if (size > holder.inlineSizeLimit)
    throw core::AwsError("LimitExceeded",
                         "Maximum policy size of " + std::to_string(holder.inlineSizeLimit) +
                             " bytes exceeded for " + std::string(holder.kind) + " " + holder.name,
                         409);
  holder.policies.inlinePolicies.insert_or_assign(policyName, std::move(policy));
  return json::object();
}

json getInline(Holder holder, const json& input, const char* nameMember) {
  std::string policyName = input.at("PolicyName").get<std::string>();
  const StoredPolicy& policy = requireInline(holder, policyName);
  return {{nameMember, holder.name},
          {"PolicyName", policyName},
          {"PolicyDocument", urlEncodedDocument(policy.text)}};
}

json listInline(Holder holder, const json& input) {
  std::vector<std::string> names;
  for (const auto& [name, _] : holder.policies.inlinePolicies) names.push_back(name);
  return pageOf(names, input, "PolicyNames", [](const std::string& name) { return name; });
}

json deleteInline(Holder holder, const json& input) {
  std::string policyName = input.at("PolicyName").get<std::string>();
  requireInline(holder, policyName);
  holder.policies.inlinePolicies.erase(policyName);
  return json::object();
}

constexpr std::size_t kMaxAttached = 10;

json attach(IdentityStore& store, Holder holder, const json& input) {
  ManagedPolicy& policy = requirePolicy(store, input.at("PolicyArn").get<std::string>());
  std::vector<std::string>& attached = holder.policies.attachedPolicyArns;
  if (std::find(attached.begin(), attached.end(), policy.arn) != attached.end())
    return json::object();  // attaching again changes nothing, as in IAM
  if (attached.size() >= kMaxAttached)
    throw core::AwsError("LimitExceeded",
                         "Cannot exceed quota for " + std::string(holder.attachQuota) + ": 10",
                         409);
  attached.push_back(policy.arn);
  ++policy.attachmentCount;
  return json::object();
}

json detach(IdentityStore& store, Holder holder, const json& input) {
  std::string arn = input.at("PolicyArn").get<std::string>();
  std::vector<std::string>& attached = holder.policies.attachedPolicyArns;
  auto it = std::find(attached.begin(), attached.end(), arn);
  if (it == attached.end())
    throw core::AwsError("NoSuchEntity", "Policy " + arn + " was not found.", 404);
  attached.erase(it);
  if (ManagedPolicy* policy = store.policy(arn)) --policy->attachmentCount;
  return json::object();
}

json listAttached(IdentityStore& store, Holder holder, const json& input) {
  std::string prefix = input.value("PathPrefix", std::string("/"));
  std::vector<const ManagedPolicy*> policies;
  for (const std::string& arn : holder.policies.attachedPolicyArns)
    if (const ManagedPolicy* policy = store.policy(arn); policy && policy->path.starts_with(prefix))
      policies.push_back(policy);
  return pageOf(policies, input, "AttachedPolicies", [](const ManagedPolicy* policy) {
    return json{{"PolicyName", policy->name}, {"PolicyArn", policy->arn}};
  });
}

}  // namespace

json putRolePolicy(IdentityStore& store, const json& input) {
  return putInline(roleHolder(store, input), input);
}
json getRolePolicy(IdentityStore& store, const json& input) {
  return getInline(roleHolder(store, input), input, "RoleName");
}
json listRolePolicies(IdentityStore& store, const json& input) {
  return listInline(roleHolder(store, input), input);
}
json deleteRolePolicy(IdentityStore& store, const json& input) {
  return deleteInline(roleHolder(store, input), input);
}
json attachRolePolicy(IdentityStore& store, const json& input) {
  return attach(store, roleHolder(store, input), input);
}
json detachRolePolicy(IdentityStore& store, const json& input) {
  return detach(store, roleHolder(store, input), input);
}
json listAttachedRolePolicies(IdentityStore& store, const json& input) {
  return listAttached(store, roleHolder(store, input), input);
}

json putUserPolicy(IdentityStore& store, const json& input) {
  return putInline(userHolder(store, input), input);
}
json getUserPolicy(IdentityStore& store, const json& input) {
  return getInline(userHolder(store, input), input, "UserName");
}
json listUserPolicies(IdentityStore& store, const json& input) {
  return listInline(userHolder(store, input), input);
}
json deleteUserPolicy(IdentityStore& store, const json& input) {
  return deleteInline(userHolder(store, input), input);
}
json attachUserPolicy(IdentityStore& store, const json& input) {
  return attach(store, userHolder(store, input), input);
}
json detachUserPolicy(IdentityStore& store, const json& input) {
  return detach(store, userHolder(store, input), input);
}
json listAttachedUserPolicies(IdentityStore& store, const json& input) {
  return listAttached(store, userHolder(store, input), input);
}

}  // namespace stepsim::iam
