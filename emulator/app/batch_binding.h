#pragma once
// AWS Batch on the wire: rest-json under /v1/.
#include "emulator/app/service_binding.h"

namespace stepsim::app::batch_binding {
bool ownsPath(std::string_view path);
const WireProtocol& wire();
void serve(AccountRegion& place, ServiceCall call, Answer answer);
std::vector<Permission> permissions(const ServiceCall& call, const AwsPlace& place);
}  // namespace stepsim::app::batch_binding

namespace stepsim::app {
inline constexpr ServiceBinding kBatchBinding{.name = "batch",
                                              .ownsPath = &batch_binding::ownsPath,
                                              .wire = &batch_binding::wire,
                                              .internalErrorCode = "ServerException",
                                              .serve = &batch_binding::serve,
                                              .permissions = &batch_binding::permissions};
}  // namespace stepsim::app
