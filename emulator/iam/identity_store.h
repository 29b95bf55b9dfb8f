#pragma once
// What IAM knows of the account: roles, users, instance profiles and managed policies (the
// account's own and AWS's), with the inline and attached policies of each role and user. IAM
// (iam_service.h) edits it; STS reads it to assume roles, and permission checks read the policies
// of a role. Names are unique regardless of case, as in IAM, and listed in that order.
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/json.h"
#include "emulator/core/simulation.h"
#include "emulator/iam/policy_document.h"

namespace stepsim::iam {

// A policy document as the client wrote it and as it was understood.
struct StoredPolicy {
  std::string text;
  PolicyDocument parsed;
};

// A role or a user: what their permissions come from.
struct PolicyHolder {
  std::map<std::string, StoredPolicy> inlinePolicies;  // by name, as IAM lists them
  std::vector<std::string> attachedPolicyArns;         // in the order attached
};

struct Role {
  std::string name, path, arn, id, description, permissionsBoundaryArn;
  StoredPolicy trustPolicy;
  int maxSessionDuration = 3600;
  core::TimeMs created = 0;
  stepsim::Json tags = stepsim::Json::array();  // [{"Key", "Value"}], in the order given
  PolicyHolder policies;
};

struct User {
  std::string name, path, arn, id, permissionsBoundaryArn;
  core::TimeMs created = 0;
  stepsim::Json tags = stepsim::Json::array();
  PolicyHolder policies;
};

struct InstanceProfile {
  std::string name, path, arn, id;
  core::TimeMs created = 0;
  stepsim::Json tags = stepsim::Json::array();
  std::vector<std::string> roleNames;  // IAM allows one
};

struct PolicyVersion {
  std::string id;  // "v1", "v2", ...
  StoredPolicy document;
  core::TimeMs created = 0;
};

struct ManagedPolicy {
  std::string name, path, arn, id, description;
  bool awsManaged = false;
  std::vector<PolicyVersion> versions;  // oldest first; IAM keeps at most five
  std::string defaultVersionId;
  int nextVersion = 1;
  int attachmentCount = 0;
  core::TimeMs created = 0, updated = 0;
  stepsim::Json tags = stepsim::Json::array();

  const PolicyVersion* defaultVersion() const;
};

// Temporary credentials STS issued: of an assumed role, or GetSessionToken's of the account.
struct Session {
  std::string accessKeyId, secretAccessKey, sessionToken;
  core::TimeMs expiration = 0;
  std::string roleArn, roleId, sessionName;  // empty for GetSessionToken's
};

// Who signed a request, as GetCallerIdentity and permission checks see it.
struct CallerIdentity {
  std::string account, arn, userId;
  std::string roleArn;   // the assumed role's ARN, or empty
  bool expired = false;  // signed with temporary credentials that have expired
};

class IdentityStore {
 public:
  explicit IdentityStore(core::Simulation& simulation);

  core::Simulation& simulation() { return simulation_; }
  const std::string& account() const { return simulation_.config().account; }

  // IAM's unique ids: a four-letter kind ("AROA" role, "AIDA" user, "ANPA" policy, "AIPA"
  // instance profile) and 17 characters from the seeded "iam" stream.
  std::string newUniqueId(std::string_view kind);
  // "arn:aws:iam::<account>:<kind><path><name>"
  std::string arnOf(std::string_view kind, std::string_view path, std::string_view name) const;

  // Lookups by name (any case); null when absent.
  Role* role(std::string_view name);
  User* user(std::string_view name);
  InstanceProfile* instanceProfile(std::string_view name);
  // A managed policy by ARN, AWS's included; null when absent.
  ManagedPolicy* policy(std::string_view arn);
  // A role by ARN ("arn:aws:iam::<account>:role/<path><name>"); null when absent.
  const Role* roleByArn(std::string_view arn) const;

  // Inserts, refusing a taken name with EntityAlreadyExists (409).
  Role& addRole(Role role);
  User& addUser(User user);
  InstanceProfile& addInstanceProfile(InstanceProfile profile);
  ManagedPolicy& addPolicy(ManagedPolicy policy);
  void removeRole(std::string_view name);
  void removeUser(std::string_view name);
  void removeInstanceProfile(std::string_view name);
  void removePolicy(std::string_view arn);

  // In IAM's listing order.
  std::vector<const Role*> roles() const;
  std::vector<const User*> users() const;
  std::vector<const InstanceProfile*> instanceProfiles() const;
  std::vector<const ManagedPolicy*> policies() const;  // the account's, then AWS's

  // Temporary credentials: three seeded random strings, kept so a request signed with them is
  // known as their session's.
  Session& issueSession(core::TimeMs expiration, std::string roleArn = {}, std::string roleId = {},
                        std::string sessionName = {});
  // The identity behind an access key id: an issued session's (expired or not), else the
  // account's root, whatever key the client made up.
  CallerIdentity identify(std::string_view accessKeyId) const;
  // Whether `accessKeyId` is one of this account's issued sessions.
  bool issued(std::string_view accessKeyId) const { return sessions_.contains(accessKeyId); }

  // Every identity policy of `holder`, inline and the default versions of the attached ones.
  std::vector<const PolicyDocument*> identityPolicies(const PolicyHolder& holder) const;

 private:
  core::Simulation& simulation_;
  std::map<std::string, Role> roles_;  // by lower-case name
  std::map<std::string, User> users_;
  std::map<std::string, InstanceProfile> instanceProfiles_;
  std::map<std::string, ManagedPolicy> policies_;         // by ARN
  std::map<std::string, Session, std::less<>> sessions_;  // by access key id
};

// `name` in lower case: the key that makes IAM names unique regardless of case.
std::string nameKey(std::string_view name);

}  // namespace stepsim::iam
