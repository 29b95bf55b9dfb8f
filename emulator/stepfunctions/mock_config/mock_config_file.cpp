// loadMockConfigFile: the file read whole, parsed, and every error prefixed with its name.
#include <algorithm>
#include <fstream>
#include <sstream>

#include "emulator/stepfunctions/mock_config/mock_config.h"

namespace stepsim::sfn {

namespace {

int lineOf(const std::string& text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 +
         static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

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

  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    // byte is 1-based: the character the parser stopped at.
    int line = lineOf(text, error.byte > 0 ? error.byte - 1 : 0);
    throw MockConfigError(
        "", "line " + std::to_string(line) + ": not JSON: " + syntaxProblem(error), path);
  }
  try {
    return parseMockConfig(document);
  } catch (const MockConfigError& error) {
    throw MockConfigError(error.pointer, error.message, path);
  }
}

}  // namespace stepsim::sfn
