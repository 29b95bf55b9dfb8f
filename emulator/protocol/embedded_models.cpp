// The services whose botocore model is embedded in the binary. To add one (e.g. iam): add it to
// the foreach in the top-level CMakeLists.txt, declare embeddedServiceModel_iam() in
// service_model.h, and add one row to kEmbedded below.
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

struct EmbeddedModel {
  std::string_view service;
  const ServiceModel& (*model)();
};

constexpr EmbeddedModel kEmbedded[] = {
    {"batch", parsedOnce<embeddedServiceModel_batch>},
    {"lambda", parsedOnce<embeddedServiceModel_lambda>},
    {"stepfunctions", parsedOnce<embeddedServiceModel_stepfunctions>},
};

}  // namespace

const ServiceModel& serviceModel(std::string_view service) {
  for (const EmbeddedModel& embedded : kEmbedded)
    if (embedded.service == service) return embedded.model();
  throw std::invalid_argument("no embedded service model for '" + std::string(service) + "'");
}

std::vector<std::string_view> embeddedServices() {
  std::vector<std::string_view> services;
  for (const EmbeddedModel& embedded : kEmbedded) services.push_back(embedded.service);
  return services;
}

}  // namespace stepsim::protocol
