// IAM managed policies and their versions. AWS's own policies can be read and attached, not
// changed.
#include "emulator/core/aws_error.h"
#include "emulator/iam/iam_handlers.h"

namespace stepsim::iam {
namespace {

constexpr std::size_t kMaxVersions = 5;

ManagedPolicy& requireOwnPolicy(IdentityStore& store, const json& input, std::string_view action) {
  ManagedPolicy& policy = requirePolicy(store, input.at("PolicyArn").get<std::string>());
  if (policy.awsManaged)
    throw core::AwsError("AccessDenied",
                         "User: arn:aws:iam::" + store.account() +
                             ":root is not authorized to perform: iam:" + std::string(action) +
                             " on resource: policy " + policy.arn,
                         403);
  return policy;
}

PolicyVersion& requireVersion(ManagedPolicy& policy, const std::string& id) {
  for (PolicyVersion& version : policy.versions)
    if (version.id == id) return version;
  throw core::AwsError(
      "NoSuchEntity",
      "Policy " + policy.arn + " version " + id + " does not exist or is not attachable.", 404);
}

json renderVersion(const ManagedPolicy& policy, const PolicyVersion& version, bool withDocument) {
  json out = json::object();
  if (withDocument) out["Document"] = urlEncodedDocument(version.document.text);
  out["VersionId"] = version.id;
  out["IsDefaultVersion"] = version.id == policy.defaultVersionId;
  out["CreateDate"] = core::epochSeconds(version.created);
  return out;
}

bool listedBy(const ManagedPolicy& policy, const json& input) {
  std::string scope = input.value("Scope", std::string("All"));
  if ((scope == "AWS" && !policy.awsManaged) || (scope == "Local" && policy.awsManaged))
    return false;
  if (input.value("OnlyAttached", false) && policy.attachmentCount == 0) return false;
  return policy.path.starts_with(input.value("PathPrefix", std::string("/")));
}

}  // namespace

json createPolicy(IdentityStore& store, const json& input) {
  ManagedPolicy policy;
  policy.name = input.at("PolicyName").get<std::string>();
  policy.path = pathOf(input);
  policy.description = input.value("Description", std::string());
  policy.tags = tagsOf(input);
  policy.created = policy.updated = store.simulation().now();
  policy.versions.push_back(PolicyVersion{
      "v1", storedPolicy(input.at("PolicyDocument").get<std::string>(), PolicyKind::Identity),
      policy.created});
  policy.defaultVersionId = "v1";
  policy.nextVersion = 2;
  policy.arn = store.arnOf("policy", policy.path, policy.name);
  policy.id = store.newUniqueId("ANPA");
  return {{"Policy", renderPolicy(store.addPolicy(std::move(policy)))}};
}

json getPolicy(IdentityStore& store, const json& input) {
  return {{"Policy", renderPolicy(requirePolicy(store, input.at("PolicyArn").get<std::string>()))}};
}

json listPolicies(IdentityStore& store, const json& input) {
  std::vector<const ManagedPolicy*> policies = store.policies();
  std::erase_if(policies, [&](const ManagedPolicy* p) { return !listedBy(*p, input); });
  return pageOf(policies, input, "Policies",
                [](const ManagedPolicy* policy) { return renderPolicy(*policy); });
}

json deletePolicy(IdentityStore& store, const json& input) {
  ManagedPolicy& policy = requireOwnPolicy(store, input, "DeletePolicy");
  if (policy.attachmentCount > 0)
    throw core::AwsError("DeleteConflict", "Cannot delete a policy attached to entities.", 409);
  if (policy.versions.size() > 1)
    throw core::AwsError("DeleteConflict",
                         "This policy has more than one version. Before you delete a policy, you "
                         "must delete the policy's versions. The default version is deleted with "
                         "the policy.",
                         409);
  store.removePolicy(policy.arn);
  return json::object();
}

json createPolicyVersion(IdentityStore& store, const json& input) {
  ManagedPolicy& policy = requireOwnPolicy(store, input, "CreatePolicyVersion");
  StoredPolicy document =
      storedPolicy(input.at("PolicyDocument").get<std::string>(), PolicyKind::Identity);
  if (policy.versions.size() >= kMaxVersions)
    throw core::AwsError("LimitExceeded",
                         "A managed policy can have up to 5 versions. Before you create a new "
                         "version, you must delete an existing version.",
                         409);
  core::TimeMs now = store.simulation().now();
  policy.versions.push_back(
      PolicyVersion{"v" + std::to_string(policy.nextVersion++), std::move(document), now});
  if (input.value("SetAsDefault", false)) policy.defaultVersionId = policy.versions.back().id;
  policy.updated = now;
  return {{"PolicyVersion", renderVersion(policy, policy.versions.back(), false)}};
}

json getPolicyVersion(IdentityStore& store, const json& input) {
  ManagedPolicy& policy = requirePolicy(store, input.at("PolicyArn").get<std::string>());
  const PolicyVersion& version = requireVersion(policy, input.at("VersionId").get<std::string>());
  return {{"PolicyVersion", renderVersion(policy, version, true)}};
}

json listPolicyVersions(IdentityStore& store, const json& input) {
  ManagedPolicy& policy = requirePolicy(store, input.at("PolicyArn").get<std::string>());
  // Newest first, as IAM lists them.
  std::vector<const PolicyVersion*> versions;
  for (auto it = policy.versions.rbegin(); it != policy.versions.rend(); ++it)
    versions.push_back(&*it);
  return pageOf(versions, input, "Versions", [&](const PolicyVersion* version) {
    return renderVersion(policy, *version, false);
  });
}

json deletePolicyVersion(IdentityStore& store, const json& input) {
  ManagedPolicy& policy = requireOwnPolicy(store, input, "DeletePolicyVersion");
  const PolicyVersion& version = requireVersion(policy, input.at("VersionId").get<std::string>());
  if (version.id == policy.defaultVersionId)
    throw core::AwsError("DeleteConflict", "Cannot delete the default version of a policy.", 409);
  std::string id = version.id;
  std::erase_if(policy.versions, [&](const PolicyVersion& v) { return v.id == id; });
  return json::object();
}

json setDefaultPolicyVersion(IdentityStore& store, const json& input) {
  ManagedPolicy& policy = requireOwnPolicy(store, input, "SetDefaultPolicyVersion");
  policy.defaultVersionId = requireVersion(policy, input.at("VersionId").get<std::string>()).id;
  policy.updated = store.simulation().now();
  return json::object();
}

json tagPolicy(IdentityStore& store, const json& input) {
  return taggedEntity(requireOwnPolicy(store, input, "TagPolicy"), input);
}

json untagPolicy(IdentityStore& store, const json& input) {
  return untaggedEntity(requireOwnPolicy(store, input, "UntagPolicy"), input);
}

json listPolicyTags(IdentityStore& store, const json& input) {
  return tagPage(requirePolicy(store, input.at("PolicyArn").get<std::string>()), input);
}

}  // namespace stepsim::iam
