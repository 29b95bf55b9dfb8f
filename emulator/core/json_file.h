#pragma once
// Reading the JSON files stepsim takes from users (scenarios, mock configs, definitions): the text
// whole, then parsed with the position of any problem, and never deeper than kMaxClientJsonDepth
// (a deeper document would overflow the stack when copied or written).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "emulator/core/json.h"

namespace stepsim::core {

// The file's bytes; nullopt when it is not a regular file or cannot be read.
std::optional<std::string> readTextFile(const std::filesystem::path& path);

// Why text is not a JSON document, and on which line.
struct JsonTextProblem {
  int line = 0;
  std::string message;  // "nests deeper than 1000 levels", "syntax error while parsing ..."
};

// The document, or its first problem.
std::variant<stepsim::Json, JsonTextProblem> parseJsonText(std::string_view text);

}  // namespace stepsim::core
