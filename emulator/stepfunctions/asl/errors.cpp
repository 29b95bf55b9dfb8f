#include "emulator/stepfunctions/asl/errors.h"

#include <nlohmann/json.hpp>

#include "emulator/core/json_text.h"

namespace stepsim::sfn {

StatesError pathNotFoundError(std::string_view path, std::string_view field,
                              const nlohmann::json& input) {
  std::string cause = "The JSONPath '";
  cause += path;
  cause += "' specified for the field '";
  cause += field;
  cause += "' could not be found in the input '";
  cause += core::serializeJson(input);
  cause += "'";
  return StatesError(std::string(kStatesRuntime), std::move(cause));
}

}  // namespace stepsim::sfn
