#include "emulator/lambda/scripted_responses.h"

#include "emulator/core/invocation_keys.h"
#include "emulator/core/utf8.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace stepsim::lambda {

using json = stepsim::Json;

namespace {

[[noreturn]] void invalid(const std::string& field, const std::string& problem) {
  throw core::AwsError("ValidationError", field + ": " + problem, 400);
}

// A key as it appears in a field name: quoted, escaped, cut short.
std::string quotedKey(std::string_view key) {
  return json(std::string(core::utf8Truncate(key, 64)))
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

void rejectUnknownKeys(const json& obj, std::initializer_list<std::string_view> known,
                       const std::string& field) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (std::find(known.begin(), known.end(), it.key()) == known.end()) {
      std::string prefix = field.empty() ? "" : field + ".";
      invalid(prefix + std::string(core::utf8Truncate(it.key(), 64)), "unknown field");
    }
  }
}

struct ServiceErrorRow {
  std::string_view code;
  int status;
};

// The error shapes of the botocore Lambda Invoke operation that describe the service or the
// function's environment failing, rather than the request being malformed.
constexpr std::array<ServiceErrorRow, 26> kServiceErrors = {{
    {"EC2AccessDeniedException", 502},
    {"EC2ThrottledException", 502},
    {"EC2UnexpectedException", 502},
    {"EFSIOException", 410},
    {"EFSMountConnectivityException", 408},
    {"EFSMountFailureException", 403},
    {"EFSMountTimeoutException", 408},
    {"ENILimitReachedException", 502},
    {"InvalidRuntimeException", 502},
    {"InvalidSecurityGroupIDException", 502},
    {"InvalidSubnetIDException", 502},
    {"InvalidZipFileException", 502},
    {"KMSAccessDeniedException", 502},
    {"KMSDisabledException", 502},
    {"KMSInvalidStateException", 502},
    {"KMSNotFoundException", 502},
    {"RecursiveInvocationException", 400},
    {"ResourceConflictException", 409},
    {"ResourceNotFoundException", 404},
    {"ResourceNotReadyException", 502},
    {"ServiceException", 500},
    {"SnapStartException", 400},
    {"SnapStartNotReadyException", 409},
    {"SnapStartTimeoutException", 408},
    {"SubnetIPAddressLimitReachedException", 502},
    {"TooManyRequestsException", 429},
}};

bool isNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

std::vector<std::string_view> splitColons(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t colon = text.find(':', start);
    parts.push_back(text.substr(start, colon == std::string_view::npos ? colon : colon - start));
    if (colon == std::string_view::npos) return parts;
    start = colon + 1;
  }
}

bool isAccount(std::string_view s) {
  return s.size() == 12 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "name", "123456789012:function:name" or "arn:aws:lambda:REGION:123456789012:function:name".
std::string parseFunctionName(const json& body) {
  const std::string field = "functionName";
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) invalid(field, "is required");
  if (!it->is_string()) invalid(field, "must be a string");
  const std::string& text = it->get_ref<const std::string&>();
  std::size_t length = core::utf8Length(text);
  if (length < 1 || length > 256) invalid(field, "must be 1-256 characters");

  std::vector<std::string_view> parts = splitColons(text);
  std::string_view name;
  bool qualified = false;
  if (parts.size() == 1 || parts.size() == 2) {
    name = parts[0];
    qualified = parts.size() == 2;
  } else if ((parts.size() == 3 || parts.size() == 4) && isAccount(parts[0]) &&
             parts[1] == "function") {
    name = parts[2];
    qualified = parts.size() == 4;
  } else if ((parts.size() == 7 || parts.size() == 8) && parts[0] == "arn" &&
             parts[1].starts_with("aws") && parts[2] == "lambda" && !parts[3].empty() &&
             isAccount(parts[4]) && parts[5] == "function") {
    name = parts[6];
    qualified = parts.size() == 8;
  } else {
    invalid(field,
            "must be a function name, a partial ARN (ACCOUNT:function:NAME) or a function ARN "
            "(arn:aws:lambda:REGION:ACCOUNT:function:NAME)");
  }
  if (name.empty() || name.size() > 64 || !std::all_of(name.begin(), name.end(), isNameChar))
    invalid(field, "the function name must be 1-64 letters, digits, hyphens or underscores");
  if (qualified)
    invalid(field,
            "a script applies to every version and alias of a function; give the function's name "
            "or unqualified ARN, without a version or alias");
  return std::string(name);
}

std::pair<std::int64_t, std::int64_t> parseKey(const std::string& key, const std::string& field) {
  std::variant<core::InvocationRange, std::string> range = core::parseInvocationKey(key, kMaxScriptedInvocation);
  if (const std::string* why = std::get_if<std::string>(&range)) invalid(field, *why);
  const core::InvocationRange& r = std::get<core::InvocationRange>(range);
  return {r.first, r.last};
}

ScriptedThrow parseThrow(const json& value, const std::string& field) {
  if (!value.is_object()) invalid(field, "must be an object {\"Error\": ..., \"Cause\": ...}");
  rejectUnknownKeys(value, {"Error", "Cause"}, field);
  ScriptedThrow result;
  auto error = value.find("Error");
  if (error == value.end() || error->is_null()) invalid(field + ".Error", "is required");
  if (!error->is_string()) invalid(field + ".Error", "must be a string");
  result.error = error->get<std::string>();
  std::size_t length = core::utf8Length(result.error);
  if (length < 1 || length > 256) invalid(field + ".Error", "must be 1-256 characters");
  auto cause = value.find("Cause");
  if (cause != value.end() && !cause->is_null()) {
    if (!cause->is_string()) invalid(field + ".Cause", "must be a string");
    result.cause = cause->get<std::string>();
    if (core::utf8Length(*result.cause) > 32768)
      invalid(field + ".Cause", "must be at most 32768 characters");
  }
  return result;
}

ScriptedServiceError parseServiceError(const json& value, const std::string& field) {
  std::string allowed;
  for (const auto& code : serviceErrorCodes()) allowed += (allowed.empty() ? "" : ", ") + code;
  if (!value.is_string()) invalid(field, "must be a string, one of: " + allowed);
  const std::string& code = value.get_ref<const std::string&>();
  auto status = serviceErrorStatus(code);
  if (!status)
    invalid(field, "unknown Lambda Invoke error " + quotedKey(code) + "; use one of: " + allowed);
  return {code, *status};
}

ScriptedResponse parseResponse(const json& value, const std::string& field) {
  if (!value.is_object())
    invalid(field,
            "must be an object with exactly one of Return, Throw or ServiceError (and optionally "
            "DurationSeconds)");
  rejectUnknownKeys(value, {"Return", "Throw", "ServiceError", "DurationSeconds"}, field);
  int kinds = static_cast<int>(value.contains("Return")) +
              static_cast<int>(value.contains("Throw")) +
              static_cast<int>(value.contains("ServiceError"));
  if (kinds != 1)
    invalid(field, kinds == 0 ? "needs one of Return, Throw or ServiceError"
                              : "must have only one of Return, Throw or ServiceError");
  ScriptedResponse response;
  response.source = value;
  if (auto it = value.find("Return"); it != value.end()) {
    response.outcome = ScriptedReturn{*it};
  } else if (auto it = value.find("Throw"); it != value.end()) {
    response.outcome = parseThrow(*it, field + ".Throw");
  } else {
    response.outcome = parseServiceError(value.at("ServiceError"), field + ".ServiceError");
  }
  if (auto it = value.find("DurationSeconds"); it != value.end()) {
    const std::string f = field + ".DurationSeconds";
    if (!it->is_number()) invalid(f, "must be a number of seconds from 0 to 900");
    double seconds = it->get<double>();
    if (!std::isfinite(seconds) || seconds < 0 || seconds > 900)
      invalid(f, "must be a number of seconds from 0 to 900");
    response.durationMs = static_cast<core::TimeMs>(std::llround(seconds * 1000.0));
  }
  return response;
}

}  // namespace

std::optional<int> serviceErrorStatus(std::string_view code) {
  for (const auto& row : kServiceErrors)
    if (row.code == code) return row.status;
  return std::nullopt;
}

std::vector<std::string> serviceErrorCodes() {
  std::vector<std::string> codes;
  for (const auto& row : kServiceErrors) codes.emplace_back(row.code);  // already sorted
  return codes;
}

core::AwsError scriptedServiceError(const ScriptedServiceError& error,
                                    std::string_view functionName, std::int64_t invocation) {
  json extra = {{"Type", error.httpStatus >= 500 ? "Service" : "User"}};
  if (error.code == "TooManyRequestsException")
    extra["Reason"] = "ConcurrentInvocationLimitExceeded";
  return core::AwsError(error.code,
                        "Scripted " + error.code + " for invocation " + std::to_string(invocation) +
                            " of function " + std::string(functionName),
                        error.httpStatus, std::move(extra));
}

const ScriptedResponse* ScriptedResponses::find(std::int64_t n) const {
  const ScriptEntry* entry = core::findInvocation(entries, n);
  return entry ? &entry->response : nullptr;
}

json ScriptedResponses::toJson() const {
  // In invocation order (entries are sorted when parsed).
  json responses = json::object();
  for (const auto& entry : entries) responses[entry.key] = entry.response.source;
  return {{"functionName", functionName}, {"responses", std::move(responses)}};
}

ScriptedResponses parseScriptedResponses(const json& body) {
  if (!body.is_object()) invalid("body", "must be a JSON object {\"functionName\", \"responses\"}");
  rejectUnknownKeys(body, {"functionName", "responses"}, "");
  ScriptedResponses script;
  script.functionName = parseFunctionName(body);

  auto it = body.find("responses");
  if (it == body.end() || it->is_null()) invalid("responses", "is required");
  if (!it->is_object())
    invalid("responses", "must be an object of invocation numbers or ranges to responses");
  if (it->empty()) invalid("responses", "must have at least one entry");
  if (it->size() > kMaxScriptEntries)
    invalid("responses", "may have at most " + std::to_string(kMaxScriptEntries) + " entries");

  for (auto entry = it->begin(); entry != it->end(); ++entry) {
    const std::string field = "responses[" + quotedKey(entry.key()) + "]";
    auto [first, last] = parseKey(entry.key(), field);
    script.entries.push_back({first, last, entry.key(), parseResponse(entry.value(), field)});
  }
  std::sort(script.entries.begin(), script.entries.end(),
            [](const ScriptEntry& a, const ScriptEntry& b) { return a.first < b.first; });
  for (std::size_t i = 1; i < script.entries.size(); ++i) {
    const auto& prev = script.entries[i - 1];
    const auto& cur = script.entries[i];
    if (cur.first <= prev.last) {
      std::string other = "responses[" + quotedKey(prev.key) + "]";
      invalid("responses[" + quotedKey(cur.key) + "]",
              "overlaps " + other + "; each invocation may be scripted only once");
    }
  }
  return script;
}

void ScriptBook::install(ScriptedResponses script) {
  std::string name = script.functionName;
  counters_[name] = 0;
  scripts_.insert_or_assign(std::move(name), std::move(script));
}

void ScriptBook::clear() {
  scripts_.clear();
  counters_.clear();
}

std::optional<ScriptedResponse> ScriptBook::next(const std::string& functionName) {
  auto counter = counters_.find(functionName);
  if (counter == counters_.end()) counter = counters_.emplace(functionName, 0).first;
  std::int64_t n = counter->second++;
  auto script = scripts_.find(functionName);
  if (script == scripts_.end()) return std::nullopt;
  if (const ScriptedResponse* response = script->second.find(n)) return *response;
  return std::nullopt;
}

std::int64_t ScriptBook::invocations(const std::string& functionName) const {
  auto it = counters_.find(functionName);
  return it == counters_.end() ? 0 : it->second;
}

json ScriptBook::list() const {
  json functions = json::array();
  auto script = scripts_.begin();
  auto counter = counters_.begin();
  // Merge the two name-ordered maps (every script has a counter, but keep this robust).
  while (script != scripts_.end() || counter != counters_.end()) {
    std::string name;
    if (counter == counters_.end() || (script != scripts_.end() && script->first < counter->first))
      name = script->first;
    else
      name = counter->first;
    json item = {{"functionName", name}, {"invocations", invocations(name)}};
    if (script != scripts_.end() && script->first == name) {
      item["responses"] = script->second.toJson()["responses"];
      ++script;
    }
    if (counter != counters_.end() && counter->first == name) ++counter;
    functions.push_back(std::move(item));
  }
  return {{"functions", std::move(functions)}};
}

}  // namespace stepsim::lambda
