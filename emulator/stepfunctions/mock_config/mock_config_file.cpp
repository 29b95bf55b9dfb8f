// loadMockConfigFile: the file read whole, parsed, and every error prefixed with its name.
#include "emulator/core/json_file.h"
#include "emulator/core/json_location.h"
#include "emulator/stepfunctions/mock_config/mock_config.h"

namespace stepsim::sfn {

MockConfig loadMockConfigFile(const std::string& path) {
  std::optional<std::string> read = core::readTextFile(path);
  if (!read) throw MockConfigError("", "cannot read the file", path);
  const std::string& text = *read;
  std::variant<stepsim::Json, core::JsonTextProblem> parsed = core::parseJsonText(text);
  if (auto* problem = std::get_if<core::JsonTextProblem>(&parsed))
    throw MockConfigError("", "not JSON: " + problem->message, path, problem->line);
  try {
    return parseMockConfig(std::get<stepsim::Json>(parsed));
  } catch (const MockConfigError& error) {
    throw MockConfigError(error.pointer, error.message, path,
                          error.pointer.empty() ? 0 : core::lineOfPointer(text, error.pointer));
  }
}

}  // namespace stepsim::sfn
