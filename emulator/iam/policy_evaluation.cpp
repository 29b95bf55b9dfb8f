#include "emulator/iam/policy_evaluation.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>

namespace stepsim::iam {

namespace {

// --- Comparing values --------------------------------------------------------------------------

std::optional<double> parseNumber(std::string_view text) {
  double number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(number))
    return std::nullopt;
  return number;
}

template <class T>
bool related(const std::optional<T>& requestValue, const std::optional<T>& policyValue,
             ConditionRelation relation) {
  if (!requestValue || !policyValue) return false;  // not a number / date: nothing to compare
  switch (relation) {
    case ConditionRelation::Equal:
      return *requestValue == *policyValue;
    case ConditionRelation::Less:
      return *requestValue < *policyValue;
    case ConditionRelation::LessOrEqual:
      return *requestValue <= *policyValue;
    case ConditionRelation::Greater:
      return *requestValue > *policyValue;
    case ConditionRelation::GreaterOrEqual:
      return *requestValue >= *policyValue;
  }
  return false;
}

// The six components of an ARN (the last keeps any further colons); nullopt when there are fewer.
std::optional<std::array<std::string_view, 6>> arnComponents(std::string_view arn) {
  std::array<std::string_view, 6> components;
  for (std::size_t i = 0; i < 5; ++i) {
    const auto colon = arn.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    components[i] = arn.substr(0, colon);
    arn.remove_prefix(colon + 1);
  }
  components[5] = arn;
  return components;
}

// ArnLike/ArnEquals match component by component, so a `*` stays within its component. A
// pattern that is not ARN-shaped ("*") is matched against the whole value.
bool arnMatches(std::string_view pattern, std::string_view arn) {
  const auto patternParts = arnComponents(pattern);
  const auto arnParts = arnComponents(arn);
  if (!patternParts || !arnParts) return wildcardMatch(pattern, arn, Case::Sensitive);
  for (std::size_t i = 0; i < patternParts->size(); ++i)
    if (!wildcardMatch((*patternParts)[i], (*arnParts)[i], Case::Sensitive)) return false;
  return true;
}

struct IpBytes {
  int family = 0;
  std::array<unsigned char, 16> bytes{};
  int bitCount = 0;
};

std::optional<IpBytes> parseIp(std::string_view text) {
  const std::string address(text);  // inet_pton wants a terminated string
  IpBytes ip;
  if (inet_pton(AF_INET, address.c_str(), ip.bytes.data()) == 1) {
    ip.family = AF_INET;
    ip.bitCount = 32;
    return ip;
  }
  if (inet_pton(AF_INET6, address.c_str(), ip.bytes.data()) == 1) {
    ip.family = AF_INET6;
    ip.bitCount = 128;
    return ip;
  }
  return std::nullopt;
}

bool samePrefix(const IpBytes& a, const IpBytes& b, int prefixBits) {
  const int wholeBytes = prefixBits / 8;
  if (!std::equal(a.bytes.begin(), a.bytes.begin() + wholeBytes, b.bytes.begin())) return false;
  const int remainingBits = prefixBits % 8;
  if (remainingBits == 0) return true;
  const auto mask = static_cast<unsigned char>(0xFF << (8 - remainingBits));
  return (a.bytes[wholeBytes] & mask) == (b.bytes[wholeBytes] & mask);
}

// `range` is an address ("203.0.113.7", one host) or CIDR block ("203.0.113.0/24",
// "2001:db8::/32").
bool ipInRange(std::string_view address, std::string_view range) {
  const auto slash = range.find('/');
  const auto network = parseIp(range.substr(0, slash));
  const auto ip = parseIp(address);
  if (!network || !ip || network->family != ip->family) return false;
  int prefixBits = network->bitCount;
  if (slash != std::string_view::npos) {
    const std::string_view bits = range.substr(slash + 1);
    const auto [end, error] = std::from_chars(bits.data(), bits.data() + bits.size(), prefixBits);
    if (error != std::errc() || end != bits.data() + bits.size() || prefixBits < 0 ||
        prefixBits > network->bitCount)
      return false;
  }
  return samePrefix(*ip, *network, prefixBits);
}

// Whether one request value equals / matches / compares to one policy value, before negation.
bool valueMatches(const ConditionOperator& op, std::string_view policyValue,
                  std::string_view requestValue) {
  switch (op.type) {
    case ConditionValueType::String:
    case ConditionValueType::Binary:
      return requestValue == policyValue;
    case ConditionValueType::StringIgnoreCase:
    case ConditionValueType::Bool:
      return equalsIgnoreCase(requestValue, policyValue);
    case ConditionValueType::StringPattern:
      return wildcardMatch(policyValue, requestValue, Case::Sensitive);
    case ConditionValueType::Arn:
      return arnMatches(policyValue, requestValue);
    case ConditionValueType::Numeric:
      return related(parseNumber(requestValue), parseNumber(policyValue), op.relation);
    case ConditionValueType::Date:
      return related(parseConditionDate(requestValue), parseConditionDate(policyValue),
                     op.relation);
    case ConditionValueType::IpAddress:
      return ipInRange(requestValue, policyValue);
    case ConditionValueType::Null:
      return false;  // decided on presence alone, never per value
  }
  return false;
}

// A policy's values for one key are OR'd: the request value matches if it matches any of them.
bool matchesAnyPolicyValue(const ConditionOperator& op, const Condition& condition,
                           std::string_view requestValue) {
  return std::any_of(
      condition.values.begin(), condition.values.end(),
      [&](const std::string& policyValue) { return valueMatches(op, policyValue, requestValue); });
}

// --- Condition keys ----------------------------------------------------------------------------

// The request's values for `key` (names compare case-insensitively), or null when it has none.
const std::vector<std::string>* presentValues(const RequestContext& request, std::string_view key) {
  auto found = request.keys.find(key);
  if (found == request.keys.end())
    found = std::find_if(request.keys.begin(), request.keys.end(),
                         [&](const auto& entry) { return equalsIgnoreCase(entry.first, key); });
  if (found == request.keys.end() || found->second.empty()) return nullptr;
  return &found->second;
}

// Null: "true" asks for the key to be absent, "false" for it to be present.
bool nullCheckHolds(const Condition& condition, bool keyPresent) {
  return std::any_of(
      condition.values.begin(), condition.values.end(),
      [&](const std::string& value) { return equalsIgnoreCase(value, "true") != keyPresent; });
}

// IAM on a key the request lacks: IfExists and ForAllValues (an empty set) hold, ForAnyValue does
// not; otherwise nothing matches, so a negated operator holds and a positive one does not.
bool holdsWithoutKey(const ConditionOperator& op) {
  if (op.ifExists) return true;
  switch (op.qualifier) {
    case SetQualifier::ForAllValues:
      return true;
    case SetQualifier::ForAnyValue:
      return false;
    case SetQualifier::None:
      return op.negated;
  }
  return false;
}

// --- Statements --------------------------------------------------------------------------------

bool anyPatternMatches(const std::vector<std::string>& patterns, std::string_view text,
                       Case letterCase) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
    return wildcardMatch(pattern, text, letterCase);
  });
}

// Actions are case-insensitive ("Lambda:invokefunction" is lambda:InvokeFunction).
bool actionMatches(const Statement& statement, std::string_view action) {
  return anyPatternMatches(statement.actions, action, Case::Insensitive) != statement.notAction;
}

bool resourceMatches(const Statement& statement, std::string_view resource) {
  return anyPatternMatches(statement.resources, resource, Case::Sensitive) != statement.notResource;
}

bool conditionsHold(const Statement& statement, const RequestContext& request) {
  return std::all_of(
      statement.conditions.begin(), statement.conditions.end(),
      [&](const Condition& condition) { return conditionHolds(condition, request); });
}

// The account a policy's AWS principal grants as a whole: "123456789012" or
// "arn:<partition>:iam::123456789012:root"; empty when it names one identity.
std::string_view wholeAccountNamedBy(std::string_view granted) {
  if (isAccountId(granted)) return granted;
  const auto parts = arnComponents(granted);
  if (parts && (*parts)[2] == "iam" && (*parts)[3].empty() && isAccountId((*parts)[4]) &&
      (*parts)[5] == "root")
    return (*parts)[4];
  return {};
}

// The account of a requesting AWS principal: its ARN's account component, or a bare account id.
std::string_view accountOf(std::string_view principal) {
  if (isAccountId(principal)) return principal;
  const auto parts = arnComponents(principal);
  return parts ? (*parts)[4] : std::string_view{};
}

std::optional<std::string_view> awsPrincipal(std::string_view principal) {
  constexpr std::string_view kAwsPrefix = "AWS:";
  if (!principal.starts_with(kAwsPrefix)) return std::nullopt;
  return principal.substr(kAwsPrefix.size());
}

// One entry of a statement's Principal against the requesting principal (both "<type>:<value>").
bool principalGranted(std::string_view granted, std::string_view principal) {
  if (granted == "*" || granted == "AWS:*" || granted == principal) return true;
  const auto grantedAws = awsPrincipal(granted);
  const auto requestingAws = awsPrincipal(principal);
  if (!grantedAws || !requestingAws) return false;
  const std::string_view account = wholeAccountNamedBy(*grantedAws);
  return !account.empty() && accountOf(*requestingAws) == account;
}

bool principalMatches(const Statement& statement, std::string_view principal) {
  const bool listed =
      std::any_of(statement.principals.begin(), statement.principals.end(),
                  [&](const std::string& granted) { return principalGranted(granted, principal); });
  return listed != statement.notPrincipal;
}

// IAM's combination: a Deny that applies ends it, an Allow that applies is remembered.
template <class Applies>
Decision decide(std::span<const PolicyDocument* const> policies, Applies applies) {
  bool allowed = false;
  for (const PolicyDocument* policy : policies) {
    if (!policy) continue;
    for (const Statement& statement : policy->statements) {
      if (!applies(statement)) continue;
      if (!statement.allow) return Decision::ExplicitDeny;
      allowed = true;
    }
  }
  return allowed ? Decision::Allow : Decision::ImplicitDeny;
}

}  // namespace

// Policy variables (${aws:username}) are not substituted: a value holding one is compared as
// written, so it only matches a request value spelled the same way.
bool conditionHolds(const Condition& condition, const RequestContext& request) {
  const std::optional<ConditionOperator> op = parseConditionOperator(condition.op);
  if (!op) return false;
  const std::vector<std::string>* values = presentValues(request, condition.key);
  if (op->type == ConditionValueType::Null) return nullCheckHolds(condition, values != nullptr);
  if (!values) return holdsWithoutKey(*op);
  // A request value satisfies a negated operator when it matches none of the policy's values.
  const auto satisfies = [&](const std::string& value) {
    return matchesAnyPolicyValue(*op, condition, value) != op->negated;
  };
  switch (op->qualifier) {
    case SetQualifier::ForAllValues:
      return std::all_of(values->begin(), values->end(), satisfies);
    case SetQualifier::ForAnyValue:
      return std::any_of(values->begin(), values->end(), satisfies);
    case SetQualifier::None: {
      // Without a qualifier the key matches when any of its values does; negation applies to
      // that, so StringNotEquals holds only when no value matches (IAM's NOR).
      const bool anyMatches = std::any_of(values->begin(), values->end(), [&](const auto& value) {
        return matchesAnyPolicyValue(*op, condition, value);
      });
      return anyMatches != op->negated;
    }
  }
  return false;
}

Decision evaluate(std::span<const PolicyDocument* const> policies, const RequestContext& request) {
  return decide(policies, [&](const Statement& statement) {
    return actionMatches(statement, request.action) &&
           resourceMatches(statement, request.resource) && conditionsHold(statement, request);
  });
}

bool trustAllows(const PolicyDocument& trust, std::string_view principal, std::string_view action,
                 const RequestContext& request) {
  const PolicyDocument* const policies[] = {&trust};
  const Decision decision = decide(policies, [&](const Statement& statement) {
    return principalMatches(statement, principal) && actionMatches(statement, action) &&
           conditionsHold(statement, request);
  });
  return decision == Decision::Allow;
}

}  // namespace stepsim::iam
