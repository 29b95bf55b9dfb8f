#include "emulator/iam/identity_store.h"

#include <algorithm>
#include <cctype>

#include "emulator/core/aws_error.h"
#include "emulator/iam/aws_managed_policies.h"

namespace stepsim::iam {
namespace {

std::string randomText(core::Random& random, std::string_view alphabet, int length) {
  std::string text;
  text.reserve(length);
  for (int i = 0; i < length; ++i) text += alphabet[random.below(alphabet.size())];
  return text;
}

// IAM's ids and STS's access keys: upper-case letters and the digits 2-7.
constexpr std::string_view kIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

template <class Entity>
Entity* findByName(std::map<std::string, Entity>& entities, std::string_view name) {
  auto it = entities.find(nameKey(name));
  return it == entities.end() ? nullptr : &it->second;
}

template <class Entity>
Entity& insertNamed(std::map<std::string, Entity>& entities, Entity entity, std::string_view kind) {
  std::string key = nameKey(entity.name);
  if (entities.count(key))
    throw core::AwsError("EntityAlreadyExists",
                         std::string(kind) + " with name " + entity.name + " already exists.", 409);
  return entities.emplace(std::move(key), std::move(entity)).first->second;
}

template <class Entity>
std::vector<const Entity*> listed(const std::map<std::string, Entity>& entities) {
  std::vector<const Entity*> out;
  out.reserve(entities.size());
  for (const auto& [_, entity] : entities) out.push_back(&entity);
  return out;
}

}  // namespace

std::string nameKey(std::string_view name) {
  std::string key(name);
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return key;
}

const PolicyVersion* ManagedPolicy::defaultVersion() const {
  for (const PolicyVersion& version : versions)
    if (version.id == defaultVersionId) return &version;
  return nullptr;
}

IdentityStore::IdentityStore(core::Simulation& simulation) : simulation_(simulation) {
  for (ManagedPolicy& policy : awsManagedPolicies(simulation.config().startTime)) {
    std::string arn = policy.arn;
    policies_.emplace(std::move(arn), std::move(policy));
  }
}

std::string IdentityStore::newUniqueId(std::string_view kind) {
  return std::string(kind) + randomText(simulation_.ids("iam"), kIdAlphabet, 17);
}

std::string IdentityStore::arnOf(std::string_view kind, std::string_view path,
                                 std::string_view name) const {
  return "arn:aws:iam::" + account() + ":" + std::string(kind) + std::string(path) +
         std::string(name);
}

Role* IdentityStore::role(std::string_view name) {
  return findByName(roles_, name);
}

User* IdentityStore::user(std::string_view name) {
  return findByName(users_, name);
}

InstanceProfile* IdentityStore::instanceProfile(std::string_view name) {
  return findByName(instanceProfiles_, name);
}

ManagedPolicy* IdentityStore::policy(std::string_view arn) {
  auto it = policies_.find(std::string(arn));
  return it == policies_.end() ? nullptr : &it->second;
}

const Role* IdentityStore::roleByArn(std::string_view arn) const {
  std::string prefix = "arn:aws:iam::" + account() + ":role/";
  if (!arn.starts_with(prefix)) return nullptr;
  std::string_view pathAndName = arn.substr(prefix.size());
  std::string_view name = pathAndName.substr(pathAndName.rfind('/') + 1);
  auto it = roles_.find(nameKey(name));
  return it != roles_.end() && it->second.arn == arn ? &it->second : nullptr;
}

Role& IdentityStore::addRole(Role role) {
  return insertNamed(roles_, std::move(role), "Role");
}

User& IdentityStore::addUser(User user) {
  return insertNamed(users_, std::move(user), "User");
}

InstanceProfile& IdentityStore::addInstanceProfile(InstanceProfile profile) {
  return insertNamed(instanceProfiles_, std::move(profile), "Instance Profile");
}

ManagedPolicy& IdentityStore::addPolicy(ManagedPolicy policy) {
  // The account's policy names are unique whatever their path or case.
  bool taken = std::any_of(policies_.begin(), policies_.end(), [&](const auto& entry) {
    return !entry.second.awsManaged && nameKey(entry.second.name) == nameKey(policy.name);
  });
  if (taken)
    throw core::AwsError("EntityAlreadyExists",
                         "A policy called " + policy.name +
                             " already exists. Duplicate names are "
                             "not allowed.",
                         409);
  std::string arn = policy.arn;
  return policies_.emplace(std::move(arn), std::move(policy)).first->second;
}

void IdentityStore::removeRole(std::string_view name) {
  roles_.erase(nameKey(name));
}

void IdentityStore::removeUser(std::string_view name) {
  users_.erase(nameKey(name));
}

void IdentityStore::removeInstanceProfile(std::string_view name) {
  instanceProfiles_.erase(nameKey(name));
}

void IdentityStore::removePolicy(std::string_view arn) {
  policies_.erase(std::string(arn));
}

std::vector<const Role*> IdentityStore::roles() const {
  return listed(roles_);
}

std::vector<const User*> IdentityStore::users() const {
  return listed(users_);
}

std::vector<const InstanceProfile*> IdentityStore::instanceProfiles() const {
  return listed(instanceProfiles_);
}

std::vector<const ManagedPolicy*> IdentityStore::policies() const {
  std::vector<const ManagedPolicy*> out;
  for (bool aws : {false, true})
    for (const auto& [_, policy] : policies_)
      if (policy.awsManaged == aws) out.push_back(&policy);
  return out;
}

Session& IdentityStore::issueSession(core::TimeMs expiration, std::string roleArn,
                                     std::string roleId, std::string sessionName) {
  static constexpr std::string_view kSecretAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  core::Random& random = simulation_.ids("sts");
  Session session;
  session.accessKeyId = "ASIA" + randomText(random, kIdAlphabet, 16);
  session.secretAccessKey = randomText(random, kSecretAlphabet, 40);
  session.sessionToken = "FwoGZXIvYXdzE" + randomText(random, kSecretAlphabet, 160);
  session.expiration = expiration;
  session.roleArn = std::move(roleArn);
  session.roleId = std::move(roleId);
  session.sessionName = std::move(sessionName);
  std::string key = session.accessKeyId;
  return sessions_.insert_or_assign(std::move(key), std::move(session)).first->second;
}

CallerIdentity IdentityStore::identify(std::string_view accessKeyId) const {
  CallerIdentity caller;
  caller.account = account();
  caller.arn = "arn:aws:iam::" + account() + ":root";
  caller.userId = account();
  auto it = sessions_.find(accessKeyId);
  if (it == sessions_.end()) return caller;
  const Session& session = it->second;
  caller.expired = simulation_.now() >= session.expiration;
  if (!session.roleArn.empty()) {
    std::string_view roleName =
        std::string_view(session.roleArn).substr(session.roleArn.rfind('/') + 1);
    caller.arn = "arn:aws:sts::" + account() + ":assumed-role/" + std::string(roleName) + "/" +
                 session.sessionName;
    caller.userId = session.roleId + ":" + session.sessionName;
    caller.roleArn = session.roleArn;
  }
  return caller;
}

std::vector<const PolicyDocument*> IdentityStore::identityPolicies(
    const PolicyHolder& holder) const {
  std::vector<const PolicyDocument*> out;
  for (const auto& [_, inlinePolicy] : holder.inlinePolicies) out.push_back(&inlinePolicy.parsed);
  for (const std::string& arn : holder.attachedPolicyArns) {
    auto it = policies_.find(arn);
    if (it == policies_.end()) continue;
    if (const PolicyVersion* version = it->second.defaultVersion())
      out.push_back(&version->document.parsed);
  }
  return out;
}

}  // namespace stepsim::iam
