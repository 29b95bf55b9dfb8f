#include "emulator/stepfunctions/engine/data_flow.h"

#include "emulator/core/json_text.h"
#include "emulator/stepfunctions/asl/errors.h"

namespace stepsim::sfn {

nlohmann::json applyPathFilter(const PathFilter& filter, const nlohmann::json& data,
                               std::string_view field, const nlohmann::json& context) {
  switch (filter.kind) {
    case PathFilter::All:
      return data;
    case PathFilter::Empty:
      return nlohmann::json::object();
    case PathFilter::Path:
      break;
  }
  std::optional<nlohmann::json> value = filter.path->evaluate(filter.path->isContext() ? context : data);
  if (!value)
    throw StatesError{"States.Runtime",
                      "Invalid path '" + filter.path->text() + "' : The JSONPath '" +
                          filter.path->text() + "' specified for the field '" + std::string(field) +
                          "' could not be found in the input '" + core::serializeJson(data) + "'"};
  return std::move(*value);
}

nlohmann::json applyResultPath(const ResultPathSpec& spec, nlohmann::json stateInput,
                               nlohmann::json result) {
  switch (spec.kind) {
    case ResultPathSpec::Replace:
      return result;
    case ResultPathSpec::Discard:
      return stateInput;
    case ResultPathSpec::Path:
      break;
  }
  spec.path->assign(stateInput, std::move(result));
  return stateInput;
}

}  // namespace stepsim::sfn
