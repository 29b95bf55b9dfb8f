#pragma once
// IAM policy documents: the JSON a role's trust policy or a permissions policy is written in, read
// into statements and checked the way IAM checks it (CreateRole, PutRolePolicy, CreatePolicy), so
// a document IAM would refuse is refused here with the same MalformedPolicyDocument error, and
// evaluation (policy_evaluation.h) only ever sees well-formed statements.
//
// Reading never trusts the text: it is bounded in size and nesting before the JSON parser sees it.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/time_types.h"
#include "emulator/protocol/http_message.h"

namespace stepsim::iam {

enum class PolicyKind { Identity, Trust };  // Trust = a role's assume-role (resource-based) policy

// One operator/key pair of a Condition block. `op` is kept as written ("ForAnyValue:StringLike",
// "DateLessThanIfExists"); parseConditionOperator takes it apart.
struct Condition {
  std::string op;
  std::string key;
  std::vector<std::string> values;  // numbers and booleans as their JSON text
};

struct Statement {
  std::string sid;
  bool allow = true;  // Effect
  std::vector<std::string> actions;
  bool notAction = false;  // the list came from NotAction
  std::vector<std::string> resources;
  bool notResource = false;  // the list came from NotResource
  // Trust policies only, as "<type>:<value>" ("Service:states.amazonaws.com",
  // "AWS:arn:aws:iam::123456789012:root", "AWS:*"), or "*" for `"Principal": "*"`.
  std::vector<std::string> principals;
  bool notPrincipal = false;  // the list came from NotPrincipal
  std::vector<Condition> conditions;
};

struct PolicyDocument {
  std::string version;  // empty when the document has none
  std::vector<Statement> statements;
};

// Limits applied before parsing, so hostile text cannot exhaust memory or the parser's stack.
inline constexpr std::size_t kMaxPolicyDocumentBytes = 131072;
inline constexpr std::size_t kMaxPolicyNestingDepth = 64;

// Parses and checks the grammar the way IAM does; throws
// core::AwsError("MalformedPolicyDocument", <IAM's message>, 400).
PolicyDocument parsePolicyDocument(std::string_view text, PolicyKind kind);

// --- Condition operators, shared by the parser (which refuses unknown ones) and evaluation. ---

enum class SetQualifier { None, ForAnyValue, ForAllValues };
// What the values are compared as.
enum class ConditionValueType {
  String,            // StringEquals: exact, case-sensitive
  StringIgnoreCase,  // StringEqualsIgnoreCase
  StringPattern,     // StringLike: `*` and `?` wildcards, case-sensitive
  Numeric,
  Date,
  Bool,
  Binary,     // base64 text, compared exactly
  IpAddress,  // the policy value is an address or CIDR range
  Arn,        // ArnEquals and ArnLike behave alike: wildcards within each ARN component
  Null,       // whether the key is absent
};
// Numeric and Date operators order their values; every other type only tests equality.
enum class ConditionRelation { Equal, Less, LessOrEqual, Greater, GreaterOrEqual };

struct ConditionOperator {
  SetQualifier qualifier = SetQualifier::None;
  ConditionValueType type = ConditionValueType::String;
  ConditionRelation relation = ConditionRelation::Equal;
  bool negated = false;   // StringNotEquals, ArnNotLike, NotIpAddress, ...: no value may match
  bool ifExists = false;  // ...IfExists: a key absent from the request satisfies the condition
};

// "ForAllValues:StringNotLikeIfExists" -> {ForAllValues, StringPattern, Equal, negated, ifExists};
// nullopt for an operator IAM does not know (Null takes neither a qualifier nor IfExists).
std::optional<ConditionOperator> parseConditionOperator(std::string_view op);

// --- Small rules shared by parsing and evaluation. ---

// Action names, effects, condition key names and Bool values compare regardless of ASCII case.
using protocol::equalsIgnoreCase;
// Twelve digits: how an account is written in a principal or an ARN.
bool isAccountId(std::string_view text);

// A Date condition value: ISO 8601 ("2026-01-01T00:00:00Z", "2026-01-01") or epoch seconds
// ("1767225600"), as milliseconds since the epoch; nullopt when it is neither.
std::optional<core::TimeMs> parseConditionDate(std::string_view text);

}  // namespace stepsim::iam
