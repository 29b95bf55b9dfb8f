#pragma once
// Deciding a request against IAM policies: whether a role's permissions policies let it call an
// action on a resource, and whether a role's trust policy lets a principal (a service, another
// account) assume it. The rules are IAM's: an explicit Deny anywhere wins, then any Allow, and
// with neither the request is implicitly denied. Policies come from parsePolicyDocument, so the
// grammar is already checked; nothing here does I/O.
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/wildcard.h"
#include "emulator/iam/policy_document.h"

namespace stepsim::iam {

enum class Decision { Allow, ExplicitDeny, ImplicitDeny };

struct RequestContext {
  std::string action;    // "lambda:InvokeFunction"
  std::string resource;  // an ARN, or "*" when the action has no resource
  // Condition keys ("aws:SourceAccount", "aws:PrincipalArn", ...); a policy's key names match
  // these case-insensitively. A key with no values counts as absent.
  std::map<std::string, std::vector<std::string>, std::less<>> keys;
};

// Identity-based evaluation: any matching Deny wins, else any matching Allow, else implicit deny.
Decision evaluate(std::span<const PolicyDocument* const> policies, const RequestContext& request);

// Whether a trust policy lets `principal` ("Service:states.amazonaws.com" or "AWS:<arn>") perform
// `action` (e.g. "sts:AssumeRole"); `request` supplies the condition keys.
bool trustAllows(const PolicyDocument& trust, std::string_view principal, std::string_view action,
                 const RequestContext& request);

// --- The pieces, for callers that decide one statement or condition at a time. ---

// Actions and resources match with core::wildcardMatch (emulator/core/wildcard.h).
using core::Case;
using core::wildcardMatch;

// Whether one Condition entry holds for the request (IAM's rules for absent keys, set qualifiers
// and negated operators). An operator parseConditionOperator refuses never holds.
bool conditionHolds(const Condition& condition, const RequestContext& request);

}  // namespace stepsim::iam
