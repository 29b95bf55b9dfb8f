#pragma once
// Checks a decoded request against its modeled shape the way AWS does before a handler runs, so
// handlers can trust types, required members and constraints.
#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/json_fwd.h"
#include "emulator/protocol/service_model.h"

namespace stepsim::protocol {

struct ValidationErrorCodes {
  std::string_view serialization;  // wrong JSON type (Batch: ClientException)
  std::string_view validation;     // missing required member, enum/length/range/pattern violation
};

// Throws core::AwsError(code, message, 400) on the first problem found; the message names the
// member path, e.g. "1 validation error detected: Value at 'containerOverrides.environment[0].name'
// failed to satisfy constraint: Member must not be null". Unknown members are ignored. Strings are
// measured in code points; patterns must match the whole value and are skipped for values over
// 2048 bytes (std::regex recursion) or that std::regex cannot compile.
void validateShape(const Shape& shape, const stepsim::Json& value,
                   const ValidationErrorCodes& codes);

// "1 validation error detected: Value 'v' at 'path' failed to satisfy constraint: <constraint>",
// with the value truncated for echoing ("Value at" when there is none). Shared with the rest-json
// decoder.
std::string validationMessage(std::optional<std::string_view> valueText, std::string_view path,
                              std::string_view constraint);

}  // namespace stepsim::protocol
