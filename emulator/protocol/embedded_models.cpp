// The services whose botocore model is embedded in the binary. To add one (e.g. iam): add it to
// the foreach in the top-level CMakeLists.txt, declare embeddedServiceModel_iam() in
// service_model.h, and add one row to kEmbedded (served) or kIntegrationOnly below.
#include <stdexcept>
#include <string>

#include "emulator/core/json.h"
#include "emulator/protocol/service_model.h"

namespace stepsim::protocol {

namespace {

// One static per service: parsed on first use, thread-safe by the rules of function-local statics.
template <std::string_view (*embedded)()>
const ServiceModel& parsedOnce() {
  static const ServiceModel model(stepsim::Json::parse(embedded()));
  return model;
}

struct EmbeddedModel {
  std::string_view service;
  const ServiceModel& (*model)();
};

// The services stepsim serves.
constexpr EmbeddedModel kEmbedded[] = {
    {"batch", parsedOnce<embeddedServiceModel_batch>},
    {"cloudformation", parsedOnce<embeddedServiceModel_cloudformation>},
    {"iam", parsedOnce<embeddedServiceModel_iam>},
    {"lambda", parsedOnce<embeddedServiceModel_lambda>},
    {"logs", parsedOnce<embeddedServiceModel_logs>},
    {"stepfunctions", parsedOnce<embeddedServiceModel_stepfunctions>},
    {"sts", parsedOnce<embeddedServiceModel_sts>},
};

// Services stepsim does not serve whose models describe what a Step Functions integration with
// them returns.
constexpr EmbeddedModel kIntegrationOnly[] = {
    {"dynamodb", parsedOnce<embeddedServiceModel_dynamodb>},
    {"events", parsedOnce<embeddedServiceModel_events>},
    {"kms", parsedOnce<embeddedServiceModel_kms>},
    {"s3", parsedOnce<embeddedServiceModel_s3>},
    {"sns", parsedOnce<embeddedServiceModel_sns>},
    {"sqs", parsedOnce<embeddedServiceModel_sqs>},
};

}  // namespace

const ServiceModel* findServiceModel(std::string_view service) {
  for (const EmbeddedModel& embedded : kEmbedded)
    if (embedded.service == service) return &embedded.model();
  for (const EmbeddedModel& embedded : kIntegrationOnly)
    if (embedded.service == service) return &embedded.model();
  return nullptr;
}

const ServiceModel& serviceModel(std::string_view service) {
  if (const ServiceModel* model = findServiceModel(service)) return *model;
  throw std::invalid_argument("no embedded service model for '" + std::string(service) + "'");
}

std::vector<std::string_view> embeddedServices() {
  std::vector<std::string_view> services;
  for (const EmbeddedModel& embedded : kEmbedded) services.push_back(embedded.service);
  return services;
}

}  // namespace stepsim::protocol
