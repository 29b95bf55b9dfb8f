#include "emulator/iam/policy_document.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <exception>
#include <initializer_list>
#include <set>

#include "emulator/core/aws_error.h"
#include "emulator/core/json.h"
#include "emulator/core/json_text.h"

namespace stepsim::iam {

namespace {

// IAM's messages. Most grammar faults get the generic syntax message; a few checks IAM runs
// later (its "legacy parsing") report their own.
constexpr std::string_view kSyntaxErrors = "Syntax errors in policy.";
constexpr std::string_view kLegacyParsingFailed = "The policy failed legacy parsing";
constexpr std::string_view kNoActions = "Policy statement must contain actions.";
constexpr std::string_view kNoResources = "Policy statement must contain resources.";
constexpr std::string_view kIdentityWithPrincipal =
    "Policy document should not specify a principal.";
constexpr std::string_view kTrustWithoutPrincipal = "Missing required field Principal";
constexpr std::string_view kTrustNonStsAction =
    "AssumeRole policy may only specify STS AssumeRole actions.";
constexpr std::string_view kActionWithoutVendor =
    "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
constexpr std::string_view kActionWithTwoColons = "Actions/Condition can contain only one colon.";
constexpr std::string_view kDuplicateSid = "Statement IDs (SID) in a single policy must be unique.";
constexpr std::string_view kSidNotAlphanumeric =
    "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular "
    "expression [0-9A-Za-z]*";
constexpr std::string_view kTooLarge = "Policy document is too large.";

[[noreturn]] void malformed(std::string_view message) {
  throw core::AwsError("MalformedPolicyDocument", std::string(message), 400);
}

void require(bool holds, std::string_view message = kSyntaxErrors) {
  if (!holds) malformed(message);
}

// --- Reading the text safely -------------------------------------------------------------------

Json parseJsonObject(std::string_view text) {
  require(text.size() <= kMaxPolicyDocumentBytes, kTooLarge);
  require(!core::tooDeepAt(text, kMaxPolicyNestingDepth));
  Json document;
  try {
    // Also refuses text that is not UTF-8: the parser checks every string.
    document = Json::parse(text.begin(), text.end());
  } catch (const std::exception&) {
    malformed(kSyntaxErrors);
  }
  require(document.is_object());
  return document;
}

void requireOnlyKeys(const Json& object, std::initializer_list<std::string_view> allowed) {
  for (const auto& member : object.items())
    require(std::find(allowed.begin(), allowed.end(), member.key()) != allowed.end());
}

const Json* member(const Json& object, std::string_view key) {
  const auto found = object.find(key);
  return found == object.end() ? nullptr : &*found;
}

// A string or an array of strings (IAM's Action, Resource and principal values).
std::vector<std::string> stringOrStrings(const Json& value) {
  if (value.is_string()) return {value.get<std::string>()};
  require(value.is_array());
  std::vector<std::string> strings;
  strings.reserve(value.size());
  for (const Json& element : value) {
    require(element.is_string());
    strings.push_back(element.get<std::string>());
  }
  return strings;
}

// Reads whichever of `key` / `notKey` the statement has (both is a syntax error). False if neither.
bool readEitherList(const Json& statement, std::string_view key, std::string_view notKey,
                    std::vector<std::string>& list, bool& negated) {
  const Json* positive = member(statement, key);
  const Json* negative = member(statement, notKey);
  require(!(positive && negative));
  if (!positive && !negative) return false;
  list = stringOrStrings(positive ? *positive : *negative);
  negated = negative != nullptr;
  return true;
}

// --- Statement elements ------------------------------------------------------------------------

bool readEffect(const Json& statement) {
  const Json* effect = member(statement, "Effect");
  require(effect && effect->is_string());
  const auto& text = effect->get_ref<const std::string&>();
  if (text == "Allow") return true;
  if (text == "Deny") return false;
  // IAM reads the effect case-insensitively at first, then refuses the wrong case later.
  const bool wrongCase = equalsIgnoreCase(text, "Allow") || equalsIgnoreCase(text, "Deny");
  malformed(wrongCase ? kLegacyParsingFailed : kSyntaxErrors);
}

bool isVendorChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
}

// "*" or "<vendor>:<action>"; the action part may hold wildcards, the vendor may not.
void checkActionName(std::string_view action) {
  if (action == "*") return;
  const auto colon = action.find(':');
  require(colon != std::string_view::npos, kActionWithoutVendor);
  require(action.find(':', colon + 1) == std::string_view::npos, kActionWithTwoColons);
  const std::string_view vendor = action.substr(0, colon);
  if (vendor.empty() || !std::all_of(vendor.begin(), vendor.end(), isVendorChar))
    malformed("Vendor " + std::string(vendor) + " is not valid");
}

bool isStsAction(std::string_view action) {
  return action == "*" || equalsIgnoreCase(action.substr(0, action.find(':')), "sts");
}

void readActions(const Json& json, PolicyKind kind, Statement& statement) {
  const bool present =
      readEitherList(json, "Action", "NotAction", statement.actions, statement.notAction);
  require(present && !statement.actions.empty(), kNoActions);
  for (const std::string& action : statement.actions) checkActionName(action);
  // A role may only be assumed: its trust policy grants nothing but STS actions.
  if (kind == PolicyKind::Trust && !statement.notAction)
    require(std::all_of(statement.actions.begin(), statement.actions.end(), isStsAction),
            kTrustNonStsAction);
}

void checkResourceName(std::string_view resource) {
  if (resource != "*" && !resource.starts_with("arn:"))
    malformed("Resource " + std::string(resource) + " must be in ARN format or \"*\".");
}

void readResources(const Json& json, PolicyKind kind, Statement& statement) {
  if (kind == PolicyKind::Trust) {
    // A trust policy is attached to the role it guards: it names no other resource.
    for (std::string_view field : {"Resource", "NotResource"})
      if (member(json, field)) malformed("Has prohibited field " + std::string(field));
    return;
  }
  const bool present =
      readEitherList(json, "Resource", "NotResource", statement.resources, statement.notResource);
  require(present && !statement.resources.empty(), kNoResources);
  for (const std::string& resource : statement.resources) checkResourceName(resource);
}

void checkAwsPrincipal(std::string_view value) {
  if (value != "*" && !isAccountId(value) && !value.starts_with("arn:"))
    malformed("Invalid principal in policy: \"AWS\":\"" + std::string(value) + "\"");
}

// `"*"`, or an object of principal type -> string or array of strings.
std::vector<std::string> principalList(const Json& principal) {
  if (principal.is_string()) {
    require(principal.get_ref<const std::string&>() == "*");
    return {"*"};
  }
  require(principal.is_object() && !principal.empty());
  requireOnlyKeys(principal, {"AWS", "Service", "Federated", "CanonicalUser"});
  std::vector<std::string> principals;
  for (const auto& typed : principal.items()) {
    const std::vector<std::string> values = stringOrStrings(typed.value());
    require(!values.empty());
    for (const std::string& value : values) {
      require(!value.empty());
      if (typed.key() == "AWS") checkAwsPrincipal(value);
      principals.push_back(typed.key() + ":" + value);
    }
  }
  return principals;
}

void readPrincipals(const Json& json, PolicyKind kind, Statement& statement) {
  const Json* principal = member(json, "Principal");
  const Json* notPrincipal = member(json, "NotPrincipal");
  if (kind == PolicyKind::Identity) {
    // An identity policy applies to whoever it is attached to.
    require(!principal && !notPrincipal, kIdentityWithPrincipal);
    return;
  }
  require(!(principal && notPrincipal));
  require(principal || notPrincipal, kTrustWithoutPrincipal);
  statement.principals = principalList(principal ? *principal : *notPrincipal);
  statement.notPrincipal = notPrincipal != nullptr;
}

// Condition values are strings, numbers or booleans, alone or in an array; numbers and booleans
// are compared as the text they were written as.
std::string conditionValueText(const Json& value) {
  require(value.is_string() || value.is_number() || value.is_boolean());
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::vector<std::string> conditionValues(const Json& value) {
  if (!value.is_array()) return {conditionValueText(value)};
  std::vector<std::string> values;
  values.reserve(value.size());
  for (const Json& element : value) values.push_back(conditionValueText(element));
  return values;
}

std::vector<Condition> readConditions(const Json& json) {
  const Json* block = member(json, "Condition");
  if (!block) return {};
  require(block->is_object());
  std::vector<Condition> conditions;
  for (const auto& byOperator : block->items()) {
    const std::optional<ConditionOperator> op = parseConditionOperator(byOperator.key());
    require(op.has_value());
    require(byOperator.value().is_object());
    for (const auto& byKey : byOperator.value().items()) {
      Condition condition{byOperator.key(), byKey.key(), conditionValues(byKey.value())};
      if (op->type == ConditionValueType::Date)
        for (const std::string& value : condition.values)
          require(parseConditionDate(value).has_value(), kLegacyParsingFailed);
      conditions.push_back(std::move(condition));
    }
  }
  return conditions;
}

bool isAlphanumeric(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

Statement readStatement(const Json& json, PolicyKind kind) {
  require(json.is_object());
  requireOnlyKeys(json, {"Sid", "Effect", "Action", "NotAction", "Resource", "NotResource",
                         "Principal", "NotPrincipal", "Condition"});
  Statement statement;
  if (const Json* sid = member(json, "Sid")) {
    require(sid->is_string());
    statement.sid = sid->get<std::string>();
    if (kind == PolicyKind::Identity) require(isAlphanumeric(statement.sid), kSidNotAlphanumeric);
  }
  statement.allow = readEffect(json);
  readPrincipals(json, kind, statement);
  readResources(json, kind, statement);
  statement.conditions = readConditions(json);
  readActions(json, kind, statement);
  return statement;
}

std::string readVersion(const Json& document) {
  const Json* version = member(document, "Version");
  if (!version) return "";
  require(version->is_string());
  const auto& text = version->get_ref<const std::string&>();
  require(text == "2012-10-17" || text == "2008-10-17");
  return text;
}

std::vector<Statement> readStatements(const Json& document, PolicyKind kind) {
  const Json* list = member(document, "Statement");
  require(list && (list->is_object() || (list->is_array() && !list->empty())));
  std::vector<Statement> statements;
  if (list->is_object()) {
    statements.push_back(readStatement(*list, kind));
    return statements;
  }
  statements.reserve(list->size());
  for (const Json& statement : *list) statements.push_back(readStatement(statement, kind));
  return statements;
}

void requireUniqueSids(const std::vector<Statement>& statements) {
  std::set<std::string_view> seen;
  for (const Statement& statement : statements)
    if (!statement.sid.empty()) require(seen.insert(statement.sid).second, kDuplicateSid);
}

// --- Condition operators -----------------------------------------------------------------------

struct KnownOperator {
  std::string_view name;
  ConditionValueType type;
  ConditionRelation relation;
  bool negated;
};

using enum ConditionValueType;
using enum ConditionRelation;
constexpr std::array kKnownOperators = {
    KnownOperator{"StringEquals", String, Equal, false},
    KnownOperator{"StringNotEquals", String, Equal, true},
    KnownOperator{"StringEqualsIgnoreCase", StringIgnoreCase, Equal, false},
    KnownOperator{"StringNotEqualsIgnoreCase", StringIgnoreCase, Equal, true},
    KnownOperator{"StringLike", StringPattern, Equal, false},
    KnownOperator{"StringNotLike", StringPattern, Equal, true},
    KnownOperator{"NumericEquals", Numeric, Equal, false},
    KnownOperator{"NumericNotEquals", Numeric, Equal, true},
    KnownOperator{"NumericLessThan", Numeric, Less, false},
    KnownOperator{"NumericLessThanEquals", Numeric, LessOrEqual, false},
    KnownOperator{"NumericGreaterThan", Numeric, Greater, false},
    KnownOperator{"NumericGreaterThanEquals", Numeric, GreaterOrEqual, false},
    KnownOperator{"DateEquals", Date, Equal, false},
    KnownOperator{"DateNotEquals", Date, Equal, true},
    KnownOperator{"DateLessThan", Date, Less, false},
    KnownOperator{"DateLessThanEquals", Date, LessOrEqual, false},
    KnownOperator{"DateGreaterThan", Date, Greater, false},
    KnownOperator{"DateGreaterThanEquals", Date, GreaterOrEqual, false},
    KnownOperator{"Bool", Bool, Equal, false},
    KnownOperator{"BinaryEquals", Binary, Equal, false},
    KnownOperator{"IpAddress", IpAddress, Equal, false},
    KnownOperator{"NotIpAddress", IpAddress, Equal, true},
    KnownOperator{"ArnEquals", Arn, Equal, false},
    KnownOperator{"ArnLike", Arn, Equal, false},
    KnownOperator{"ArnNotEquals", Arn, Equal, true},
    KnownOperator{"ArnNotLike", Arn, Equal, true},
    KnownOperator{"Null", Null, Equal, false},
};

bool consumePrefix(std::string_view& text, std::string_view prefix) {
  if (!text.starts_with(prefix)) return false;
  text.remove_prefix(prefix.size());
  return true;
}

bool consumeSuffix(std::string_view& text, std::string_view suffix) {
  if (!text.ends_with(suffix)) return false;
  text.remove_suffix(suffix.size());
  return true;
}

}  // namespace

PolicyDocument parsePolicyDocument(std::string_view text, PolicyKind kind) {
  const Json document = parseJsonObject(text);
  requireOnlyKeys(document, {"Version", "Id", "Statement"});
  if (const Json* id = member(document, "Id")) require(id->is_string());
  PolicyDocument policy;
  policy.version = readVersion(document);
  policy.statements = readStatements(document, kind);
  requireUniqueSids(policy.statements);
  return policy;
}

std::optional<ConditionOperator> parseConditionOperator(std::string_view op) {
  ConditionOperator parsed;
  if (consumePrefix(op, "ForAnyValue:"))
    parsed.qualifier = SetQualifier::ForAnyValue;
  else if (consumePrefix(op, "ForAllValues:"))
    parsed.qualifier = SetQualifier::ForAllValues;
  parsed.ifExists = consumeSuffix(op, "IfExists");
  const auto known =
      std::find_if(kKnownOperators.begin(), kKnownOperators.end(),
                   [&](const KnownOperator& candidate) { return candidate.name == op; });
  if (known == kKnownOperators.end()) return std::nullopt;
  // Null already asks whether the key exists; a qualifier or IfExists would make it meaningless.
  if (known->type == Null && (parsed.ifExists || parsed.qualifier != SetQualifier::None))
    return std::nullopt;
  parsed.type = known->type;
  parsed.relation = known->relation;
  parsed.negated = known->negated;
  return parsed;
}

bool isAccountId(std::string_view text) {
  return text.size() == 12 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<core::TimeMs> parseConditionDate(std::string_view text) {
  const bool epochSeconds =
      !text.empty() && text.size() <= 15 &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!epochSeconds) return core::parseIso8601(text);
  core::TimeMs seconds = 0;
  std::from_chars(text.data(), text.data() + text.size(), seconds);
  return seconds * 1000;
}

}  // namespace stepsim::iam
