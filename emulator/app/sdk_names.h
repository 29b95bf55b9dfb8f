#pragma once
// Step Functions speaks to AWS APIs in PascalCase ("JobName", "ContainerOverrides") whatever the
// API's own member names are (Batch: "jobName"). These convert a value between the two, guided by
// the service model's shapes so that map keys (parameters, tags, environment) are left alone.
#include <nlohmann/json.hpp>

#include "emulator/protocol/service_model.h"

namespace stepsim::app {

// PascalCase (or already model-named) keys → the model's member names.
nlohmann::json toModelNames(const protocol::Shape* shape, const nlohmann::json& value);
// The model's member names → PascalCase keys.
nlohmann::json toPascalNames(const protocol::Shape* shape, const nlohmann::json& value);

}  // namespace stepsim::app
