#include "emulator/iam/sts_service.h"

#include <spdlog/spdlog.h>

#include "emulator/core/aws_error.h"
#include "emulator/core/operation_table.h"
#include "emulator/iam/policy_evaluation.h"

namespace stepsim::iam {
namespace {

using json = stepsim::Json;

struct Call {
  IdentityStore& store;
  PermissionMode mode;
  const json& input;
  const CallerIdentity& caller;
};
using Handler = json (*)(const Call&);

constexpr int kDefaultRoleSession = 3600;
constexpr int kDefaultSessionToken = 43200;

core::AwsError accessDenied(const CallerIdentity& caller, std::string_view action,
                            std::string_view resource) {
  return core::AwsError("AccessDenied",
                        "User: " + caller.arn + " is not authorized to perform: " +
                            std::string(action) + " on resource: " + std::string(resource),
                        403);
}

json credentials(const Session& session) {
  return {{"AccessKeyId", session.accessKeyId},
          {"SecretAccessKey", session.secretAccessKey},
          {"SessionToken", session.sessionToken},
          {"Expiration", static_cast<double>(session.expiration) / 1000.0}};
}

// With permission checks on, the role's trust policy must let the caller assume it.
void checkTrust(const Call& call, const Role& role) {
  if (call.mode == PermissionMode::Off) return;
  RequestContext request{"sts:AssumeRole", role.arn, {{"aws:PrincipalArn", {call.caller.arn}}}};
  if (trustAllows(role.trustPolicy.parsed, "AWS:" + call.caller.arn, "sts:AssumeRole", request))
    return;
  core::AwsError denied = accessDenied(call.caller, "sts:AssumeRole", role.arn);
  if (call.mode == PermissionMode::Enforce) throw denied;
  spdlog::warn("iam warn: AWS would refuse this call: {}", denied.message);
}

json assumeRole(const Call& call) {
  std::string roleArn = call.input.at("RoleArn").get<std::string>();
  const Role* role = call.store.roleByArn(roleArn);
  if (!role) throw accessDenied(call.caller, "sts:AssumeRole", roleArn);
  checkTrust(call, *role);
  if (call.input.contains("Policy"))
    parsePolicyDocument(call.input.at("Policy").get<std::string>(), PolicyKind::Identity);
  int duration = call.input.value("DurationSeconds", kDefaultRoleSession);
  if (duration > role->maxSessionDuration)
    throw core::AwsError("ValidationError",
                         "The requested DurationSeconds exceeds the MaxSessionDuration set for "
                         "this role.",
                         400);
  std::string sessionName = call.input.at("RoleSessionName").get<std::string>();
  const Session& session = call.store.issueSession(
      call.store.simulation().now() + duration * 1000LL, role->arn, role->id, sessionName);
  CallerIdentity assumed = call.store.identify(session.accessKeyId);
  return {{"Credentials", credentials(session)},
          {"AssumedRoleUser", {{"AssumedRoleId", assumed.userId}, {"Arn", assumed.arn}}}};
}

json getSessionToken(const Call& call) {
  if (!call.caller.roleArn.empty())
    throw core::AwsError("AccessDenied", "Cannot call GetSessionToken with session credentials",
                         403);
  int duration = call.input.value("DurationSeconds", kDefaultSessionToken);
  const Session& session =
      call.store.issueSession(call.store.simulation().now() + duration * 1000LL);
  return {{"Credentials", credentials(session)}};
}

json getCallerIdentity(const Call& call) {
  return {
      {"UserId", call.caller.userId}, {"Account", call.caller.account}, {"Arn", call.caller.arn}};
}

json getAccessKeyInfo(const Call& call) {
  return {{"Account", call.store.account()}};
}

constexpr core::OperationTable<Handler, 4> kHandlers = {{
    {"AssumeRole", assumeRole},
    {"GetAccessKeyInfo", getAccessKeyInfo},
    {"GetCallerIdentity", getCallerIdentity},
    {"GetSessionToken", getSessionToken},
}};
static_assert(core::isSortedByName(kHandlers));

}  // namespace

json StsService::handle(std::string_view operation, const json& input,
                        const CallerIdentity& caller) {
  Handler handler = core::findOperation(kHandlers, operation);
  if (!handler) throw std::invalid_argument("STS does not implement " + std::string(operation));
  return handler(Call{store_, mode_, input, caller});
}

bool StsService::implements(std::string_view operation) const {
  return core::findOperation(kHandlers, operation) != nullptr;
}

}  // namespace stepsim::iam
