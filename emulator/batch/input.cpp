#include "emulator/batch/input.h"

#include <cctype>

#include "emulator/core/aws_error.h"
#include "emulator/core/utf8.h"

namespace stepsim::batch {

void clientError(std::string message) {
  throw core::AwsError("ClientException", std::move(message), 400);
}

std::string shown(std::string_view value) {
  constexpr std::size_t kMax = 64;  // characters
  if (value.size() <= kMax) return "'" + std::string(value) + "'";
  return "'" + std::string(core::utf8Truncate(value, kMax)) + "...'";
}

std::string fieldName(std::string_view prefix, std::string_view key) {
  if (prefix.empty()) return std::string(key);
  std::string out(prefix);
  out += '.';
  out += key;
  return out;
}

namespace {

const json* find(const json& obj, std::string_view key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

[[noreturn]] void wrongType(std::string_view prefix, std::string_view key, const char* type) {
  clientError(fieldName(prefix, key) + " must be " + type);
}

}  // namespace

std::optional<std::string> optString(const json& obj, std::string_view key,
                                     std::string_view prefix) {
  const json* v = find(obj, key);
  if (!v) return std::nullopt;
  if (!v->is_string()) wrongType(prefix, key, "a string");
  return v->get<std::string>();
}

std::string reqString(const json& obj, std::string_view key, std::string_view prefix) {
  auto v = optString(obj, key, prefix);
  if (!v) clientError(fieldName(prefix, key) + " is required");
  return *v;
}

std::optional<std::int64_t> optInt(const json& obj, std::string_view key, std::string_view prefix) {
  const json* v = find(obj, key);
  if (!v) return std::nullopt;
  if (v->is_number_integer()) return v->get<std::int64_t>();
  if (v->is_number_unsigned()) {
    auto u = v->get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(INT64_MAX)) wrongType(prefix, key, "an integer in range");
    return static_cast<std::int64_t>(u);
  }
  wrongType(prefix, key, "an integer");
}

std::optional<bool> optBool(const json& obj, std::string_view key, std::string_view prefix) {
  const json* v = find(obj, key);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) wrongType(prefix, key, "a boolean");
  return v->get<bool>();
}

const json* optObject(const json& obj, std::string_view key, std::string_view prefix) {
  const json* v = find(obj, key);
  if (v && !v->is_object()) wrongType(prefix, key, "an object");
  return v;
}

const json* optArray(const json& obj, std::string_view key, std::string_view prefix) {
  const json* v = find(obj, key);
  if (v && !v->is_array()) wrongType(prefix, key, "a list");
  return v;
}

std::optional<std::vector<std::string>> optStringList(const json& obj, std::string_view key,
                                                      std::string_view prefix) {
  const json* v = optArray(obj, key, prefix);
  if (!v) return std::nullopt;
  std::vector<std::string> out;
  out.reserve(v->size());
  for (std::size_t i = 0; i < v->size(); ++i) {
    const json& e = (*v)[i];
    if (!e.is_string())
      clientError(fieldName(prefix, key) + "[" + std::to_string(i) + "] must be a string");
    out.push_back(e.get<std::string>());
  }
  return out;
}

void validateName(std::string_view value, std::string_view field, bool jobName) {
  if (value.empty() || value.size() > 128)
    clientError(std::string(field) + " must be 1-128 characters long");
  for (char c : value) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_')
      clientError(std::string(field) + " " + shown(value) +
                  " may contain only letters, digits, hyphens and underscores");
  }
  if (jobName && !std::isalnum(static_cast<unsigned char>(value[0])))
    clientError(std::string(field) + " must start with a letter or a digit");
}

void validateLength(std::string_view value, std::string_view field, std::size_t min,
                    std::size_t max) {
  if (value.size() < min || value.size() > max)
    clientError(std::string(field) + " must be " + std::to_string(min) + "-" + std::to_string(max) +
                " characters long");
}

Tags parseTags(const json& value, std::string_view field) {
  if (!value.is_object()) clientError(std::string(field) + " must be a map of strings");
  if (value.empty() || value.size() > 50)
    clientError(std::string(field) + " must have 1-50 entries");
  Tags tags;
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (it.key().empty() || core::utf8Length(it.key()) > 128)
      clientError(std::string(field) + " keys must be 1-128 characters long");
    if (!it.value().is_string())
      clientError(std::string(field) + "." + std::string(core::utf8Truncate(it.key(), 128)) +
                  " must be a string");
    const auto& v = it.value().get_ref<const std::string&>();
    if (core::utf8Length(v) > 256)
      clientError(std::string(field) + "." + it.key() + " must be at most 256 characters long");
    tags.emplace(it.key(), v);
  }
  return tags;
}

json parseStringMap(const json& value, std::string_view field) {
  if (!value.is_object()) clientError(std::string(field) + " must be a map of strings");
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (!it.value().is_string())
      clientError(std::string(field) + "." + std::string(core::utf8Truncate(it.key(), 128)) +
                  " must be a string");
  }
  return value;
}

int parseMaxResults(const json& input, int lo, int hi, int fallback) {
  auto v = optInt(input, "maxResults");
  if (!v) return fallback;
  if (*v < lo || *v > hi)
    clientError("maxResults must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  return static_cast<int>(*v);
}

RetryPolicy parseRetryStrategy(const json& value, std::string_view field) {
  if (!value.is_object()) clientError(std::string(field) + " must be an object");
  RetryPolicy policy;
  policy.source = value;
  if (auto attempts = optInt(value, "attempts", field)) {
    if (*attempts < 1 || *attempts > 10)
      clientError(fieldName(field, "attempts") + " must be between 1 and 10");
    policy.attempts = static_cast<int>(*attempts);
  }
  if (const json* list = optArray(value, "evaluateOnExit", field)) {
    std::string listField = fieldName(field, "evaluateOnExit");
    if (list->size() > 5) clientError(listField + " may have at most 5 entries");
    for (std::size_t i = 0; i < list->size(); ++i) {
      std::string entryField = listField + "[" + std::to_string(i) + "]";
      const json& e = (*list)[i];
      if (!e.is_object()) clientError(entryField + " must be an object");
      EvaluateOnExit rule;
      rule.onStatusReason = optString(e, "onStatusReason", entryField);
      rule.onReason = optString(e, "onReason", entryField);
      rule.onExitCode = optString(e, "onExitCode", entryField);
      for (auto* p : {&rule.onStatusReason, &rule.onReason, &rule.onExitCode})
        if (*p && p->value().size() > 512)
          clientError(entryField + " patterns must be at most 512 characters long");
      std::string action = reqString(e, "action", entryField);
      for (char& c : action) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (action != "RETRY" && action != "EXIT")
        clientError(fieldName(entryField, "action") + " must be RETRY or EXIT");
      rule.retry = action == "RETRY";
      policy.source["evaluateOnExit"][i]["action"] = action;
      policy.evaluateOnExit.push_back(std::move(rule));
    }
  }
  return policy;
}

std::optional<std::int64_t> parseTimeout(const json& value, std::string_view field) {
  if (!value.is_object()) clientError(std::string(field) + " must be an object");
  auto seconds = optInt(value, "attemptDurationSeconds", field);
  if (seconds && *seconds < 60)
    clientError(fieldName(field, "attemptDurationSeconds") + " must be at least 60");
  return seconds;
}

json tagsToJson(const Tags& tags) {
  json out = json::object();
  for (const auto& [k, v] : tags) out[k] = v;
  return out;
}

}  // namespace stepsim::batch
