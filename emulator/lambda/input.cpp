#include "emulator/lambda/input.h"

#include "emulator/lambda/errors.h"

namespace stepsim::lambda {

namespace {

const json* member(const json& obj, std::string_view key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

[[noreturn]] void wrongType(std::string_view key, const char* expected) {
  invalidParameter(std::string(key) + " must be " + expected);
}

}  // namespace

std::optional<std::string> optString(const json& obj, std::string_view key) {
  const json* value = member(obj, key);
  if (!value) return std::nullopt;
  if (!value->is_string()) wrongType(key, "a string");
  return value->get<std::string>();
}

std::string reqString(const json& obj, std::string_view key) {
  std::optional<std::string> value = optString(obj, key);
  if (!value) invalidParameter(std::string(key) + " is required");
  return std::move(*value);
}

std::optional<std::int64_t> optInt(const json& obj, std::string_view key) {
  const json* value = member(obj, key);
  if (!value) return std::nullopt;
  if (!value->is_number_integer()) wrongType(key, "an integer");
  if (value->is_number_unsigned() && value->get<std::uint64_t>() > INT64_MAX)
    wrongType(key, "a 64-bit integer");
  return value->get<std::int64_t>();
}

bool optBool(const json& obj, std::string_view key) {
  const json* value = member(obj, key);
  if (!value) return false;
  if (!value->is_boolean()) wrongType(key, "a boolean");
  return value->get<bool>();
}

const json* optObject(const json& obj, std::string_view key) {
  const json* value = member(obj, key);
  if (value && !value->is_object()) wrongType(key, "an object");
  return value;
}

StringMap parseStringMap(const json& value, std::string_view field) {
  if (!value.is_object()) wrongType(field, "a map of strings");
  StringMap out;
  for (const auto& [key, entry] : value.items()) {
    if (!entry.is_string())
      invalidParameter(std::string(field) + "." + shown(key) + " must be a string");
    out.emplace(key, entry.get<std::string>());
  }
  return out;
}

}  // namespace stepsim::lambda
