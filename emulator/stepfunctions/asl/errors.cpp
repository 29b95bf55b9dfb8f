#include "emulator/stepfunctions/asl/errors.h"

#include "emulator/core/json.h"
#include "emulator/core/json_text.h"
#include "emulator/stepfunctions/asl/json_path.h"

namespace stepsim::sfn {

StatesError pathNotFoundError(std::string_view path, std::string_view field,
                              const stepsim::Json& input) {
  std::string cause = "The JSONPath '";
  cause += path;
  cause += "' specified for the field '";
  cause += field;
  cause += "' could not be found in the input '";
  cause += core::serializeJson(input);
  cause += "'";
  return StatesError(std::string(kStatesRuntime), std::move(cause));
}

StatesError invalidPathError(const JsonPath& path, const stepsim::Json& root) {
  return StatesError(std::string(kStatesRuntime),
                     "Invalid path '" + path.text() + "' : " + path.describeMiss(root));
}

StatesError itemsNotArrayError(const JsonPath* itemsPath) {
  std::string path = itemsPath ? itemsPath->text() : "$";
  if (path.rfind("$$", 0) == 0) path.erase(0, 1);
  return StatesError(std::string(kStatesRuntime),
                     "Reference path \"" + path + "\" must point to array.");
}

std::string pathEqualsText(const JsonPath& path, const stepsim::Json& value) {
  return path.text() + " == " +
         (value.is_string() ? value.get<std::string>() : core::serializeJson(value));
}

}  // namespace stepsim::sfn
