// loadMockConfigFile: the file read whole, parsed, and every error prefixed with its name.
#include <fstream>
#include <sstream>

#include "emulator/core/json_location.h"
#include "emulator/core/json_text.h"
#include "emulator/stepfunctions/mock_config/mock_config.h"

namespace stepsim::sfn {

namespace {

// nlohmann's "[json.exception.parse_error.101] parse error at line 3, column 7: syntax error
// while parsing ..." without its prefix (the line is reported separately).
std::string syntaxProblem(const nlohmann::json::parse_error& error) {
  std::string what = error.what();
  std::size_t at = what.find("syntax error");
  return at == std::string::npos ? what : what.substr(at);
}

}  // namespace

MockConfig loadMockConfigFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw MockConfigError("", "cannot read the file", path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();

  if (std::optional<std::size_t> at = core::tooDeepAt(text))
    throw MockConfigError("", "not JSON: nests deeper than " + std::to_string(core::kMaxClientJsonDepth) + " levels",
                          path, core::lineOfOffset(text, *at));
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    // byte is 1-based: the character the parser stopped at.
    throw MockConfigError("", "not JSON: " + syntaxProblem(error), path,
                          core::lineOfOffset(text, error.byte > 0 ? error.byte - 1 : 0));
  }
  try {
    return parseMockConfig(document);
  } catch (const MockConfigError& error) {
    throw MockConfigError(error.pointer, error.message, path,
                          error.pointer.empty() ? 0 : core::lineOfPointer(text, error.pointer));
  }
}

}  // namespace stepsim::sfn
