#include "emulator/core/json_file.h"

#include <fstream>
#include <sstream>

#include "emulator/core/json_location.h"
#include "emulator/core/json_text.h"

namespace stepsim::core {

std::optional<std::string> readTextFile(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::variant<nlohmann::json, JsonTextProblem> parseJsonText(std::string_view text) {
  if (std::optional<std::size_t> at = tooDeepAt(text))
    return JsonTextProblem{lineOfOffset(text, *at),
                           "nests deeper than " + std::to_string(kMaxClientJsonDepth) + " levels"};
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    // "[json.exception.parse_error.101] parse error at line 3, column 1: syntax error ..." → from
    // "syntax error" on (the line is reported on its own); `byte` is 1-based.
    std::string what = error.what();
    std::size_t at = what.find("syntax error");
    return JsonTextProblem{lineOfOffset(text, error.byte > 0 ? error.byte - 1 : 0),
                           at == std::string::npos ? what : what.substr(at)};
  }
}

}  // namespace stepsim::core
