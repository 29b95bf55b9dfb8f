#pragma once
// Step Functions speaks to AWS APIs in PascalCase ("JobName", "ContainerOverrides") whatever the
// API's own member names are (Batch: "jobName"). These convert a value between the two, guided by
// the service model's shapes so that map keys (parameters, tags, environment) are left alone.

#include "emulator/core/json.h"
#include "emulator/protocol/service_model.h"

namespace stepsim::app {

// PascalCase (or already model-named) keys → the model's member names.
stepsim::Json toModelNames(const protocol::Shape* shape, const stepsim::Json& value);
// The model's member names → PascalCase keys.
stepsim::Json toPascalNames(const protocol::Shape* shape, const stepsim::Json& value);

}  // namespace stepsim::app
