#pragma once
// Defensive, typed access to a bound request. The protocol layer already checked the model's types,
// but handlers are also called in-process, so a wrong type is still a ClientException naming the
// field, never a crash.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/batch/model.h"

namespace stepsim::batch {

[[noreturn]] void clientError(std::string message);
// A value echoed into a message, cut short so huge inputs do not make huge errors.
std::string shown(std::string_view value);
// "prefix.key", or "key" when prefix is empty.
std::string fieldName(std::string_view prefix, std::string_view key);

// Absent and null are the same. Wrong JSON types throw.
std::optional<std::string> optString(const json& obj, std::string_view key,
                                     std::string_view prefix = "");
std::string reqString(const json& obj, std::string_view key, std::string_view prefix = "");
std::optional<std::int64_t> optInt(const json& obj, std::string_view key,
                                   std::string_view prefix = "");
std::optional<bool> optBool(const json& obj, std::string_view key, std::string_view prefix = "");
const json* optObject(const json& obj, std::string_view key, std::string_view prefix = "");
const json* optArray(const json& obj, std::string_view key, std::string_view prefix = "");
// A list of strings; each entry checked.
std::optional<std::vector<std::string>> optStringList(const json& obj, std::string_view key,
                                                      std::string_view prefix = "");

// Batch names: 1-128 letters, digits, hyphens and underscores; job names start alphanumeric.
void validateName(std::string_view value, std::string_view field, bool jobName = false);
// A length limit on a free-text member.
void validateLength(std::string_view value, std::string_view field, std::size_t min,
                    std::size_t max);
// tags: 1-50 entries, keys 1-128, values up to 256 characters.
Tags parseTags(const json& value, std::string_view field);
// A string-to-string map (parameters).
json parseStringMap(const json& value, std::string_view field);
// maxResults within [lo, hi], `fallback` when absent.
int parseMaxResults(const json& input, int lo, int hi, int fallback);
// retryStrategy: attempts 1-10, evaluateOnExit up to 5 entries with action RETRY|EXIT.
RetryPolicy parseRetryStrategy(const json& value, std::string_view field);
// timeout.attemptDurationSeconds >= 60.
std::optional<std::int64_t> parseTimeout(const json& value, std::string_view field);

json tagsToJson(const Tags& tags);

}  // namespace stepsim::batch
