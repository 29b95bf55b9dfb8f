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

std::variant<stepsim::Json, JsonTextProblem> parseJsonText(std::string_view text) {
  if (std::optional<std::size_t> at = tooDeepAt(text))
    return JsonTextProblem{lineOfOffset(text, *at),
                           "nests deeper than " + std::to_string(kMaxClientJsonDepth) + " levels"};
  try {
    return stepsim::Json::parse(text);
  } catch (const stepsim::Json::parse_error& error) {
    // "[json.exception.parse_error.101] parse error at line 3, column 1: syntax error ..." → from
    // "syntax error" on (the line is reported on its own); `byte` is 1-based.
    std::string what = error.what();
    std::size_t at = what.find("syntax error");
    return JsonTextProblem{lineOfOffset(text, error.byte > 0 ? error.byte - 1 : 0),
                           at == std::string::npos ? what : what.substr(at)};
  } catch (const stepsim::Json::exception& error) {
    // The other way text fails: a number too large for a double, "[json.exception.out_of_range.406]
    // number overflow parsing '1e400'". nlohmann gives no position: the line is the number's.
    std::string what = error.what();
    std::size_t open = what.find('\'');
    std::size_t close = what.rfind('\'');
    std::string number = open < close ? what.substr(open + 1, close - open - 1) : std::string();
    std::size_t at = number.empty() ? std::string_view::npos : text.find(number);
    std::size_t message = what.find("] ");
    return JsonTextProblem{at == std::string_view::npos ? 1 : lineOfOffset(text, at),
                           message == std::string::npos ? what : what.substr(message + 2)};
  }
}

}  // namespace stepsim::core
