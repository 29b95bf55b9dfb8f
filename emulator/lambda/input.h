#pragma once
// Typed access to a bound request. The protocol layer already checked the model's types, but the
// handlers are also called in-process, so a wrong type is still InvalidParameterValueException
// naming the member, never a crash.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/lambda/model.h"

namespace stepsim::lambda {

// Absent and null are the same.
std::optional<std::string> optString(const json& obj, std::string_view key);
std::string reqString(const json& obj, std::string_view key);
std::optional<std::int64_t> optInt(const json& obj, std::string_view key);
bool optBool(const json& obj, std::string_view key);  // false when absent
const json* optObject(const json& obj, std::string_view key);
// A string-to-string map (Tags, Environment.Variables).
StringMap parseStringMap(const json& value, std::string_view field);

}  // namespace stepsim::lambda
