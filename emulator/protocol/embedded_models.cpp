// The services whose botocore model is embedded in the binary. To add one (e.g. lambda): add it to
// the foreach in the top-level CMakeLists.txt, declare embeddedServiceModel_lambda() in
// service_model.h, and add one line below.
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "emulator/protocol/service_model.h"

namespace stepsim::protocol {

namespace {

// One static per service: parsed on first use, thread-safe by the rules of function-local statics.
template <std::string_view (*embedded)()>
const ServiceModel& parsedOnce() {
  static const ServiceModel model(nlohmann::json::parse(embedded()));
  return model;
}

}  // namespace

const ServiceModel& serviceModel(std::string_view service) {
  if (service == "batch") return parsedOnce<embeddedServiceModel_batch>();
  if (service == "lambda") return parsedOnce<embeddedServiceModel_lambda>();
  if (service == "stepfunctions") return parsedOnce<embeddedServiceModel_stepfunctions>();
  throw std::invalid_argument("no embedded service model for '" + std::string(service) + "'");
}

}  // namespace stepsim::protocol
